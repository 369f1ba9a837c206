//! `gemfill apply`: run a saved program over a large CSV or Parquet file, streaming.
//!
//! Three kinds of thread share the work: one reader cuts the input into chunks of rows
//! (CSV records or Parquet record batches), `--jobs` workers run the program on whole
//! chunks, and the calling thread writes the chunks back in input order. A fixed number
//! of permits bounds the chunks in flight (read but not yet written), so memory stays the
//! same whatever the file's size, and a slow chunk holds back the reader instead of
//! letting finished chunks pile up.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use clap::Args;
use csv::ByteRecord;
use gemfill_dsl::{Program, Tables};
use indicatif::{ProgressBar, ProgressStyle};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::csv_io::{self, Layout};
use crate::run::{parse_program, program_text};
use crate::{CliError, Outcome};

/// Rows per chunk: large enough that handing a chunk between threads costs nothing next to
/// evaluating it, small enough that the chunks in flight take a few megabytes.
const CHUNK_ROWS: usize = 8192;

/// Rows per Parquet row group written: the writer holds one row group in memory.
const ROW_GROUP_ROWS: usize = 128 * 1024;

/// Failing rows listed one by one on stderr; past this many they are only counted, so a
/// program that fails on every row of a huge file does not flood the terminal.
const MAX_LISTED_FAILURES: u64 = 1000;

/// Run a program over every row of a CSV or Parquet file and write the file back with the
/// program's output as a new column.
///
/// The file is streamed in chunks: memory use stays constant however large it is, and the
/// chunks are evaluated on --jobs threads while the output keeps the input's row order.
/// Files ending in .parquet are read and written as Parquet, anything else as CSV with a
/// header row (standard output is always CSV). A progress bar is shown when stderr is a
/// terminal.
///
/// A row the program fails on gets an empty cell (a null in Parquet) and is reported on
/// stderr with its row number (and line, for CSV); past 1000 such rows they are only
/// counted. The exit status is then 1. With --strict the first failing row stops the run
/// (exit status 2; the rows before it have been written). A CSV row with the wrong number
/// of fields is reported and written back unchanged (in Parquet output, padded with nulls
/// or cut to the header's width). A null input cell reads as the empty string.
///
/// Example:
///
///   gemfill apply 'concat(token(x, Word, -1), ", ", x1)' --input people.csv --column name,title --as cited --out cited.parquet
#[derive(Args, Debug)]
pub struct ApplyArgs {
    /// The program text, or the path of a file that holds it.
    pub program: String,
    /// The CSV or Parquet file to read.
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,
    /// The input column(s): the first is x0, the second x1, ... (comma-separated or
    /// repeated).
    #[arg(
        long = "column",
        value_name = "COL",
        value_delimiter = ',',
        required = true
    )]
    pub columns: Vec<String>,
    /// The name of the new output column.
    #[arg(long = "as", value_name = "NEW_COL", default_value = "output")]
    pub new_column: String,
    /// Write here (CSV, or Parquet if the name ends in .parquet) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Stop at the first row the program fails on.
    #[arg(long)]
    pub strict: bool,
    /// Threads that evaluate the program (besides one reading and one writing).
    #[arg(long, default_value_t = default_jobs(), value_name = "N")]
    pub jobs: usize,
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn is_parquet(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// A run of consecutive input rows.
enum Rows {
    /// CSV records, as bytes so malformed ones can be written back unchanged, and the
    /// line each starts on.
    Csv(Vec<ByteRecord>, Vec<u64>),
    /// A Parquet record batch.
    Batch(RecordBatch),
}

impl Rows {
    fn len(&self) -> usize {
        match self {
            Rows::Csv(records, _) => records.len(),
            Rows::Batch(batch) => batch.num_rows(),
        }
    }
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

/// What a worker made of one row.
enum Cell {
    /// The program's output.
    Value(String),
    /// The program failed on the row; why.
    Failed(String),
    /// The CSV row could not be read as a row of the file (wrong number of fields, invalid
    /// UTF-8); it is written back as read.
    Malformed(String),
}

impl Cell {
    fn value(&self) -> Option<&str> {
        match self {
            Cell::Value(value) => Some(value),
            Cell::Failed(_) | Cell::Malformed(_) => None,
        }
    }
}

/// What the input file is and where the chosen columns are.
struct Source {
    kind: SourceKind,
    /// Output column names of the input, in order.
    names: Vec<String>,
    /// The chosen columns' indices.
    inputs: Vec<usize>,
    /// The total for the progress bar (bytes for CSV, rows for Parquet).
    total: u64,
}

enum SourceKind {
    Csv {
        reader: csv::Reader<csv_io::Counting<File>>,
        lines: csv_io::Lines,
        layout: Layout,
    },
    Parquet {
        builder: ParquetRecordBatchReaderBuilder<File>,
        schema: SchemaRef,
    },
}

pub fn run(args: ApplyArgs) -> Result<Outcome, CliError> {
    let text = program_text(&args.program)?;
    let program = parse_program(&text)?;
    if args.jobs == 0 {
        return Err(CliError("--jobs must be at least 1".to_string()));
    }
    if program.num_inputs() > args.columns.len() {
        return Err(CliError(format!(
            "the program reads x{} but --column names {} column(s); name one column per input, x0 first",
            program.num_inputs() - 1,
            args.columns.len()
        )));
    }
    let source = open_source(&args)?;
    if source.names.contains(&args.new_column) {
        return Err(CliError(format!(
            "{} already has a column named {:?}; choose another name with --as",
            args.input.display(),
            args.new_column
        )));
    }
    let sink = open_sink(&args, &source)?;
    let started = Instant::now();
    let summary = stream(&program, source, sink, &args)?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{} row(s) in {:.2} s ({:.0} rows/s), {} failed",
        summary.rows,
        seconds,
        summary.rows as f64 / seconds.max(1e-9),
        summary.failed
    );
    if summary.failed > 0 {
        Ok(Outcome::PartialFailure)
    } else {
        Ok(Outcome::Success)
    }
}

fn open_source(args: &ApplyArgs) -> Result<Source, CliError> {
    let path = &args.input;
    let file =
        File::open(path).map_err(|e| CliError(format!("cannot open {}: {e}", path.display())))?;
    if is_parquet(path) {
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .map_err(|e| CliError(format!("{} is not a Parquet file: {e}", path.display())))?;
        let schema = builder.schema().clone();
        let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
        let inputs = csv_io::column_indices(&names, &args.columns, path)?;
        for &column in &inputs {
            let field = schema.field(column);
            if !is_text(field.data_type()) {
                return Err(CliError(format!(
                    "{}: column {:?} holds {}, not text; gemfill programs read text columns",
                    path.display(),
                    field.name(),
                    field.data_type()
                )));
            }
        }
        let total = builder.metadata().file_metadata().num_rows().max(0) as u64;
        Ok(Source {
            kind: SourceKind::Parquet { builder, schema },
            names,
            inputs,
            total,
        })
    } else {
        let layout = Layout::of_file(path)?;
        let total = file.metadata().map_or(0, |m| m.len());
        let (input, lines) = csv_io::counting(file);
        let mut reader = csv_io::reader(input);
        let names = csv_io::header_names(&mut reader, path)?;
        if names.iter().all(String::is_empty) {
            return Err(CliError(format!(
                "{} is empty: it needs a header row naming its columns",
                path.display()
            )));
        }
        let inputs = csv_io::column_indices(&names, &args.columns, path)?;
        Ok(Source {
            kind: SourceKind::Csv {
                reader,
                lines,
                layout,
            },
            names,
            inputs,
            total,
        })
    }
}

fn is_text(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// Where the rows go.
enum Sink {
    Csv(csv::Writer<Box<dyn Write + Send>>),
    Parquet {
        writer: ArrowWriter<File>,
        schema: SchemaRef,
    },
}

fn open_sink(args: &ApplyArgs, source: &Source) -> Result<Sink, CliError> {
    let parquet_out = args.out.as_deref().is_some_and(is_parquet);
    if parquet_out {
        let path = args.out.as_deref().expect("parquet output has a path");
        let mut fields: Vec<Field> = match &source.kind {
            SourceKind::Parquet { schema, .. } => {
                schema.fields().iter().map(|f| f.as_ref().clone()).collect()
            }
            SourceKind::Csv { .. } => source
                .names
                .iter()
                .map(|n| Field::new(n, DataType::Utf8, true))
                .collect(),
        };
        fields.push(Field::new(&args.new_column, DataType::Utf8, true));
        let schema = Arc::new(Schema::new(fields));
        let file = File::create(path)
            .map_err(|e| CliError(format!("cannot create {}: {e}", path.display())))?;
        // Row groups of a bounded size keep the writer's buffer (one row group) small, and
        // snappy is the one codec compiled in.
        let properties = WriterProperties::builder()
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(properties))
            .map_err(|e| CliError(format!("cannot write {}: {e}", path.display())))?;
        return Ok(Sink::Parquet { writer, schema });
    }
    let layout = match &source.kind {
        SourceKind::Csv { layout, .. } => *layout,
        SourceKind::Parquet { .. } => Layout::default(),
    };
    let out: Box<dyn Write + Send> = match &args.out {
        Some(path) => Box::new(io::BufWriter::with_capacity(
            1 << 16,
            File::create(path)
                .map_err(|e| CliError(format!("cannot create {}: {e}", path.display())))?,
        )),
        None => Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout())),
    };
    let mut writer = layout.writer(out)?;
    let mut header: Vec<&str> = source.names.iter().map(String::as_str).collect();
    header.push(&args.new_column);
    writer.write_record(&header)?;
    Ok(Sink::Csv(writer))
}

/// Counts for the closing line.
struct Summary {
    rows: u64,
    failed: u64,
}

fn stream(
    program: &Program,
    source: Source,
    sink: Sink,
    args: &ApplyArgs,
) -> Result<Summary, CliError> {
    let in_flight = 2 * args.jobs + 2;
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
    let total = source.total;
    let input_path = args.input.clone();
    let mut sink = sink;

    std::thread::scope(|scope| {
        let reader =
            scope.spawn(move || read_chunks(source.kind, &input_path, chunk_tx, permit_rx));
        for _ in 0..args.jobs {
            let chunk_rx = Arc::clone(&chunk_rx);
            let done_tx = done_tx.clone();
            let (inputs, tables) = (&inputs, &tables);
            scope.spawn(move || {
                evaluate_chunks(program, tables, inputs, width, &chunk_rx, &done_tx)
            });
        }
        drop(done_tx);
        let written = write_chunks(&mut sink, done_rx, permit_tx, total, args);
        let read = reader.join().unwrap_or_else(|_| {
            Err(CliError(
                "the reader thread stopped unexpectedly".to_string(),
            ))
        });
        // Finish the output even when stopping early (--strict), so that a Parquet file
        // gets its footer and holds the rows written before the stop.
        let finished = finish(sink, args);
        let summary = written?;
        read?;
        finished?;
        Ok(summary)
    })
}

/// Reads the input in chunks, taking a permit for each so that at most a fixed number are
/// in flight.
fn read_chunks(
    kind: SourceKind,
    path: &Path,
    chunks: SyncSender<Chunk>,
    permits: Receiver<()>,
) -> Result<(), CliError> {
    let mut sequence = 0;
    let mut first_row = 0;
    let mut send = |rows: Rows, progress: u64| -> bool {
        if permits.recv().is_err() {
            return false; // the writer stopped (--strict or an error)
        }
        let len = rows.len() as u64;
        let chunk = Chunk {
            sequence,
            first_row,
            rows,
            progress,
            outputs: Vec::new(),
        };
        sequence += 1;
        first_row += len;
        chunks.send(chunk).is_ok()
    };
    match kind {
        SourceKind::Csv {
            mut reader,
            mut lines,
            ..
        } => loop {
            let mut records = Vec::with_capacity(CHUNK_ROWS);
            let mut line_numbers = Vec::with_capacity(CHUNK_ROWS);
            let mut record = ByteRecord::new();
            while records.len() < CHUNK_ROWS {
                match reader.read_byte_record(&mut record) {
                    Ok(true) => {
                        line_numbers.push(lines.line_of(&record));
                        records.push(std::mem::take(&mut record));
                    }
                    Ok(false) => break,
                    Err(error) => {
                        return Err(CliError(format!("{}: {error}", path.display())));
                    }
                }
            }
            if records.is_empty() {
                return Ok(());
            }
            let progress = reader.position().byte();
            let last = records.len() < CHUNK_ROWS;
            if !send(Rows::Csv(records, line_numbers), progress) || last {
                return Ok(());
            }
        },
        SourceKind::Parquet { builder, .. } => {
            let batches = builder
                .with_batch_size(CHUNK_ROWS)
                .build()
                .map_err(|e| CliError(format!("cannot read {}: {e}", path.display())))?;
            let mut rows_read = 0;
            for batch in batches {
                let batch =
                    batch.map_err(|e| CliError(format!("cannot read {}: {e}", path.display())))?;
                rows_read += batch.num_rows() as u64;
                if !send(Rows::Batch(batch), rows_read) {
                    break;
                }
            }
            Ok(())
        }
    }
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
        chunk.outputs = evaluate(program, tables, inputs, width, &chunk.rows);
        if done.send(chunk).is_err() {
            return;
        }
    }
}

fn evaluate(
    program: &Program,
    tables: &Tables,
    inputs: &[usize],
    width: usize,
    rows: &Rows,
) -> Vec<Cell> {
    let mut cells: Vec<&str> = Vec::with_capacity(inputs.len());
    let run = |cells: &[&str]| match program.run(cells, tables) {
        Ok(value) => Cell::Value(value.to_string()),
        Err(error) => Cell::Failed(error.to_string()),
    };
    match rows {
        Rows::Csv(records, _) => records
            .iter()
            .map(|record| {
                if let Some(why) = csv_io::malformation(record, width) {
                    return Cell::Malformed(why);
                }
                cells.clear();
                cells.extend(inputs.iter().map(|&c| csv_io::field(record, c)));
                run(&cells)
            })
            .collect(),
        Rows::Batch(batch) => {
            let columns: Vec<TextColumn> = inputs
                .iter()
                .map(|&c| TextColumn::of(batch.column(c).as_ref()))
                .collect();
            (0..batch.num_rows())
                .map(|row| {
                    cells.clear();
                    cells.extend(columns.iter().map(|c| c.get(row).unwrap_or_default()));
                    run(&cells)
                })
                .collect()
        }
    }
}

/// A text column of a record batch, whatever its string layout.
enum TextColumn<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> TextColumn<'a> {
    /// Columns are checked to be text when the file is opened.
    fn of(array: &'a dyn Array) -> TextColumn<'a> {
        if let Some(a) = array.as_string_opt::<i32>() {
            TextColumn::Utf8(a)
        } else if let Some(a) = array.as_string_opt::<i64>() {
            TextColumn::Large(a)
        } else {
            TextColumn::View(array.as_string_view())
        }
    }

    fn get(&self, row: usize) -> Option<&'a str> {
        match self {
            TextColumn::Utf8(a) => a.is_valid(row).then(|| a.value(row)),
            TextColumn::Large(a) => a.is_valid(row).then(|| a.value(row)),
            TextColumn::View(a) => a.is_valid(row).then(|| a.value(row)),
        }
    }
}

/// Writes finished chunks in input order, reports failing rows, returns a permit per
/// chunk written. Returns early (dropping the channels, which stops the other threads)
/// on a write error or, with --strict, on the first failing row.
fn write_chunks(
    sink: &mut Sink,
    done: Receiver<Chunk>,
    permits: SyncSender<()>,
    total: u64,
    args: &ApplyArgs,
) -> Result<Summary, CliError> {
    let progress = if io::stderr().is_terminal() {
        let bar = ProgressBar::new(total);
        let template = if is_parquet(&args.input) {
            "{bar:40} {pos}/{len} rows {per_sec} eta {eta}"
        } else {
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}"
        };
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
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
                let row = chunk.first_row + i as u64 + 1;
                let place = match &chunk.rows {
                    Rows::Csv(_, lines) => format!("row {row} (line {})", lines[i]),
                    _ => format!("row {row}"),
                };
                if args.strict {
                    progress.finish_and_clear();
                    write_chunk(sink, &chunk, Some(i))?;
                    return Err(CliError(format!(
                        "{place}: {why} (stopped there because of --strict)"
                    )));
                }
                if summary.failed <= MAX_LISTED_FAILURES {
                    progress.suspend(|| eprintln!("{place}: {why}"));
                } else if summary.failed == MAX_LISTED_FAILURES + 1 {
                    progress
                        .suspend(|| eprintln!("(more failing rows are counted but not listed)"));
                }
            }
            write_chunk(sink, &chunk, None)?;
            summary.rows += chunk.rows.len() as u64;
            progress.set_position(chunk.progress);
            // The reader may have stopped already; a missing receiver is not an error.
            let _ = permits.send(());
        }
    }
    progress.finish_and_clear();
    Ok(summary)
}

/// Writes a chunk's rows (only those before `stop_at`, when given) with their outputs.
fn write_chunk(sink: &mut Sink, chunk: &Chunk, stop_at: Option<usize>) -> Result<(), CliError> {
    let count = stop_at.unwrap_or(chunk.rows.len());
    match (sink, &chunk.rows) {
        (Sink::Csv(writer), Rows::Csv(records, _)) => {
            for (record, output) in records.iter().zip(&chunk.outputs).take(count) {
                if let Cell::Malformed(_) = output {
                    writer.write_byte_record(record)?;
                    continue;
                }
                for field in record.iter() {
                    writer.write_field(field)?;
                }
                writer.write_field(output.value().unwrap_or_default())?;
                writer.write_record(None::<&[u8]>)?;
            }
        }
        (Sink::Csv(writer), Rows::Batch(batch)) => {
            let mut line: Vec<String> = Vec::with_capacity(batch.num_columns() + 1);
            for (row, output) in chunk.outputs.iter().enumerate().take(count) {
                line.clear();
                for column in batch.columns() {
                    line.push(cell_text(column, row)?);
                }
                line.push(output.value().unwrap_or_default().to_string());
                writer.write_record(&line)?;
            }
        }
        (Sink::Parquet { writer, schema }, rows) => {
            let mut columns: Vec<ArrayRef> = match rows {
                Rows::Batch(batch) => batch.columns().iter().map(|c| c.slice(0, count)).collect(),
                Rows::Csv(records, _) => (0..schema.fields().len() - 1)
                    .map(|c| {
                        let values: StringArray = records
                            .iter()
                            .take(count)
                            .map(|r| r.get(c).map(|f| String::from_utf8_lossy(f)))
                            .collect();
                        Arc::new(values) as ArrayRef
                    })
                    .collect(),
            };
            let outputs: StringArray = chunk.outputs.iter().take(count).map(Cell::value).collect();
            columns.push(Arc::new(outputs));
            let batch = RecordBatch::try_new(schema.clone(), columns)
                .map_err(|e| CliError(format!("cannot build a Parquet batch: {e}")))?;
            writer
                .write(&batch)
                .map_err(|e| CliError(format!("cannot write Parquet: {e}")))?;
        }
    }
    Ok(())
}

/// One cell of a record batch as CSV text (a null is the empty string).
fn cell_text(column: &ArrayRef, row: usize) -> Result<String, CliError> {
    if column.is_null(row) {
        return Ok(String::new());
    }
    let text = match column.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            TextColumn::of(column.as_ref())
                .get(row)
                .unwrap_or_default()
                .to_string()
        }
        DataType::Boolean => column.as_boolean().value(row).to_string(),
        DataType::Int8 => column.as_primitive::<Int8Type>().value(row).to_string(),
        DataType::Int16 => column.as_primitive::<Int16Type>().value(row).to_string(),
        DataType::Int32 => column.as_primitive::<Int32Type>().value(row).to_string(),
        DataType::Int64 => column.as_primitive::<Int64Type>().value(row).to_string(),
        DataType::UInt8 => column.as_primitive::<UInt8Type>().value(row).to_string(),
        DataType::UInt16 => column.as_primitive::<UInt16Type>().value(row).to_string(),
        DataType::UInt32 => column.as_primitive::<UInt32Type>().value(row).to_string(),
        DataType::UInt64 => column.as_primitive::<UInt64Type>().value(row).to_string(),
        DataType::Float32 => column.as_primitive::<Float32Type>().value(row).to_string(),
        DataType::Float64 => column.as_primitive::<Float64Type>().value(row).to_string(),
        other => {
            return Err(CliError(format!(
                "a column of type {other} cannot be written as CSV; write Parquet instead (--out FILE.parquet)"
            )));
        }
    };
    Ok(text)
}

fn finish(sink: Sink, args: &ApplyArgs) -> Result<(), CliError> {
    match sink {
        Sink::Csv(mut writer) => writer.flush()?,
        Sink::Parquet { writer, .. } => {
            writer.close().map_err(|e| {
                CliError(format!(
                    "cannot finish {}: {e}",
                    args.out.as_deref().unwrap_or(Path::new("-")).display()
                ))
            })?;
        }
    }
    Ok(())
}
