//! `gemfill apply`: run a saved program over a large CSV or Parquet file, streaming.
//!
//! `pipeline` holds the threads (a reader, `--jobs` evaluation workers, an ordered writer,
//! a fixed number of chunks in flight); `formats` the CSV and Parquet files they read and
//! write.

mod formats;
mod pipeline;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::bail;
use clap::Args;

use crate::exit::{CommandResult, Outcome};
use crate::options::ProgramArg;
use formats::{Sink, Source};

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
    #[command(flatten)]
    pub program: ProgramArg,
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

/// Runs `gemfill apply`.
pub fn run(args: ApplyArgs) -> CommandResult {
    let program = args.program.load()?;
    if args.jobs == 0 {
        bail!("--jobs must be at least 1");
    }
    if program.num_inputs() > args.columns.len() {
        bail!(
            "the program reads x{} but --column names {} column(s); name one column per input, x0 first",
            program.num_inputs() - 1,
            args.columns.len()
        );
    }
    let source = Source::open(&args.input, &args.columns)?;
    if source.names.contains(&args.new_column) {
        bail!(
            "{} already has a column named {:?}; choose another name with --as",
            args.input.display(),
            args.new_column
        );
    }
    let sink = Sink::open(args.out.as_deref(), &args.new_column, &source)?;
    let options = pipeline::Options {
        jobs: args.jobs,
        strict: args.strict,
        input: &args.input,
        out: args.out.as_deref(),
    };
    let started = Instant::now();
    let summary = pipeline::stream(&program, source, sink, &options)?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{} row(s) in {:.2} s ({:.0} rows/s), {} failed",
        summary.rows,
        seconds,
        summary.rows as f64 / seconds.max(1e-9),
        summary.failed
    );
    Ok(Outcome::failed_if(summary.failed > 0))
}
