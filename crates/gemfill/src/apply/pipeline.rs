//! The threads of `apply`: one reader cuts the input into chunks of rows, `jobs` workers
//! run the program on whole chunks, and the calling thread writes the chunks back in
//! input order. A fixed number of permits bounds the chunks in flight (read but not yet
//! written), so memory stays the same whatever the file's size, and a slow chunk holds
//! back the reader instead of letting finished chunks pile up.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use anyhow::bail;
use gemfill_dsl::{Program, Tables};
use indicatif::{ProgressBar, ProgressStyle};

use super::formats::{Cell, Rows, Sink, Source};

/// Failing rows listed one by one on stderr; past this many they are only counted, so a
/// program that fails on every row of a huge file does not flood the terminal.
const MAX_LISTED_FAILURES: u64 = 1000;

/// How the pipeline runs.
pub struct Options<'a> {
    /// Threads that evaluate the program.
    pub jobs: usize,
    /// Stop at the first row the program fails on.
    pub strict: bool,
    /// The input file, for messages.
    pub input: &'a Path,
    /// The output file (None: standard output), for messages.
    pub out: Option<&'a Path>,
}

/// Counts for the closing line.
pub struct Summary {
    /// Rows written.
    pub rows: u64,
    /// Rows the program failed on, and malformed rows.
    pub failed: u64,
}

/// A chunk on its way through the pipeline.
struct Chunk {
    /// Its place in the input (0, 1, 2, ...): the writer restores this order.
    sequence: u64,
    /// The 0-based index of its first row among the data rows.
    first_row: u64,
    rows: Rows,
    /// How far into the input the reader was after this chunk (bytes for CSV, rows for
    /// Parquet), for the progress bar.
    progress: u64,
    /// One cell per row, filled in by a worker.
    outputs: Vec<Cell>,
}

/// Runs `program` over every row of `source` into `sink`.
pub fn stream(
    program: &Program,
    source: Source,
    mut sink: Sink,
    options: &Options<'_>,
) -> anyhow::Result<Summary> {
    let in_flight = 2 * options.jobs + 2;
    let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(in_flight);
    let (done_tx, done_rx) = sync_channel::<Chunk>(in_flight);
    let (permit_tx, permit_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        permit_tx.send(()).expect("the permit channel has room");
    }
    let chunk_rx = Arc::new(Mutex::new(chunk_rx));
    let tables = Tables::default();
    let inputs = source.inputs.clone();
    let width = source.names.len();
    let progress = progress_bar(source.total, source.progress_template());

    std::thread::scope(|scope| {
        let reader = scope.spawn(move || read_chunks(source, options.input, chunk_tx, permit_rx));
        for _ in 0..options.jobs {
            let chunk_rx = Arc::clone(&chunk_rx);
            let done_tx = done_tx.clone();
            let (inputs, tables) = (&inputs, &tables);
            scope.spawn(move || {
                evaluate_chunks(program, tables, inputs, width, &chunk_rx, &done_tx)
            });
        }
        drop(done_tx);
        let written = write_chunks(&mut sink, done_rx, permit_tx, &progress, options.strict);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the reader thread stopped unexpectedly")));
        // Finish the output even when stopping early (--strict), so that a Parquet file
        // gets its footer and holds the rows written before the stop.
        let finished = sink.finish(options.out);
        let summary = written?;
        read?;
        finished?;
        Ok(summary)
    })
}

/// A progress bar on stderr when it is a terminal, a hidden one otherwise.
fn progress_bar(total: u64, template: &str) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Reads the input in chunks, taking a permit for each so that at most a fixed number are
/// in flight.
fn read_chunks(
    source: Source,
    path: &Path,
    chunks: SyncSender<Chunk>,
    permits: Receiver<()>,
) -> anyhow::Result<()> {
    let mut first_row = 0;
    for (sequence, next) in (0..).zip(source.into_chunks(path)?) {
        let (rows, progress) = next?;
        if permits.recv().is_err() {
            break; // the writer stopped (--strict or an error)
        }
        let len = rows.len() as u64;
        let chunk = Chunk {
            sequence,
            first_row,
            rows,
            progress,
            outputs: Vec::new(),
        };
        first_row += len;
        if chunks.send(chunk).is_err() {
            break;
        }
    }
    Ok(())
}

/// A worker: takes chunks until there are none, runs the program on every row.
fn evaluate_chunks(
    program: &Program,
    tables: &Tables,
    inputs: &[usize],
    width: usize,
    chunks: &Mutex<Receiver<Chunk>>,
    done: &SyncSender<Chunk>,
) {
    loop {
        let next = chunks
            .lock()
            .map_err(|_| ())
            .and_then(|rx| rx.recv().map_err(|_| ()));
        let Ok(mut chunk) = next else { return };
        chunk.outputs = chunk.rows.evaluate(program, tables, inputs, width);
        if done.send(chunk).is_err() {
            return;
        }
    }
}

/// Writes finished chunks in input order, reports failing rows, returns a permit per
/// chunk written. Returns early (dropping the channels, which stops the other threads)
/// on a write error or, with `strict`, on the first failing row.
fn write_chunks(
    sink: &mut Sink,
    done: Receiver<Chunk>,
    permits: SyncSender<()>,
    progress: &ProgressBar,
    strict: bool,
) -> anyhow::Result<Summary> {
    let mut summary = Summary { rows: 0, failed: 0 };
    let mut waiting: BTreeMap<u64, Chunk> = BTreeMap::new();
    let mut next = 0;
    for chunk in done {
        waiting.insert(chunk.sequence, chunk);
        while let Some(chunk) = waiting.remove(&next) {
            next += 1;
            for (i, output) in chunk.outputs.iter().enumerate() {
                let (Cell::Failed(why) | Cell::Malformed(why)) = output else {
                    continue;
                };
                summary.failed += 1;
                let place = chunk.rows.place(i, chunk.first_row + i as u64 + 1);
                if strict {
                    progress.finish_and_clear();
                    sink.write(&chunk.rows, &chunk.outputs, i)?;
                    bail!("{place}: {why} (stopped there because of --strict)");
                }
                if summary.failed <= MAX_LISTED_FAILURES {
                    progress.suspend(|| eprintln!("{place}: {why}"));
                } else if summary.failed == MAX_LISTED_FAILURES + 1 {
                    progress
                        .suspend(|| eprintln!("(more failing rows are counted but not listed)"));
                }
            }
            sink.write(&chunk.rows, &chunk.outputs, chunk.rows.len())?;
            summary.rows += chunk.rows.len() as u64;
            progress.set_position(chunk.progress);
            // The reader may have stopped already; a missing receiver is not an error.
            let _ = permits.send(());
        }
    }
    progress.finish_and_clear();
    Ok(summary)
}
