//! `gemfill run`: execute a program on inputs given on the command line, in a CSV file, or
//! on standard input.

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use gemfill_dsl::Tables;

use crate::csv_io;
use crate::exit::{CommandResult, Outcome};
use crate::options::ProgramArg;

/// Run a program on inputs and print one output per input row.
///
/// Inputs come from --input (one row each, a single column), from a CSV file (--csv with
/// one --column per input column: the first is x0, the second x1, ...), or, when neither
/// is given, from standard input, one row per line.
///
/// A row on which the program cannot apply (say, no third word) prints an empty line, so
/// outputs stay aligned with inputs, and is reported on stderr with its row number; the
/// exit status is then 1. A program that does not parse or type-check is shown with a
/// caret under the problem, exit status 2.
///
/// Example:
///
///   gemfill run 'map(x, Word, concat(sub(w, 0, 1), "."), "")' --input 'John Ronald Reuel Tolkien'
#[derive(Args, Debug)]
pub struct RunArgs {
    #[command(flatten)]
    pub program: ProgramArg,
    /// An input row (column x0). Repeat for more rows.
    #[arg(short, long = "input", value_name = "TEXT")]
    pub inputs: Vec<String>,
    /// A CSV file (with a header row) to read input rows from.
    #[arg(
        long,
        value_name = "FILE",
        requires = "columns",
        conflicts_with = "inputs"
    )]
    pub csv: Option<PathBuf>,
    /// A CSV column to use as input: the first --column is x0, the second x1, and so on.
    #[arg(long = "column", value_name = "NAME", requires = "csv")]
    pub columns: Vec<String>,
}

/// One input row, with the number a person would use to find it (1-based line or row).
struct Row {
    number: usize,
    /// The row's columns, or why the row could not be read.
    inputs: Result<Vec<String>, String>,
}

/// Runs `gemfill run`.
pub fn run(args: RunArgs) -> CommandResult {
    let program = args.program.load()?;
    let rows = match &args.csv {
        Some(path) => read_csv_rows(path, &args.columns)?,
        None if !args.inputs.is_empty() => args
            .inputs
            .iter()
            .enumerate()
            .map(|(i, input)| Row {
                number: i + 1,
                inputs: Ok(vec![input.clone()]),
            })
            .collect(),
        None => read_stdin_rows()?,
    };
    let needed = program.num_inputs();
    let tables = Tables::default();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for row in &rows {
        let columns = match &row.inputs {
            Ok(columns) => columns,
            Err(message) => {
                eprintln!("row {}: {message}", row.number);
                writeln!(out)?;
                failed += 1;
                continue;
            }
        };
        if columns.len() < needed {
            eprintln!(
                "row {}: the program reads x{} but the row has {} column(s)",
                row.number,
                needed - 1,
                columns.len()
            );
            writeln!(out)?;
            failed += 1;
            continue;
        }
        let inputs: Vec<&str> = columns.iter().map(String::as_str).collect();
        match program.run(&inputs, &tables) {
            Ok(value) => writeln!(out, "{value}")?,
            Err(error) => {
                writeln!(out)?;
                eprintln!("row {}: {error}", row.number);
                failed += 1;
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("{failed} of {} row(s) failed", rows.len());
    }
    Ok(Outcome::failed_if(failed > 0))
}

fn read_stdin_rows() -> anyhow::Result<Vec<Row>> {
    let stdin = io::stdin();
    let mut rows = Vec::new();
    for (i, line) in stdin.lock().lines().enumerate() {
        let line = line.with_context(|| format!("standard input, line {}", i + 1))?;
        rows.push(Row {
            number: i + 1,
            inputs: Ok(vec![line]),
        });
    }
    Ok(rows)
}

/// Reads the chosen columns of a CSV file. A malformed record becomes a row that carries
/// its error, so it is reported in its place and not silently dropped.
fn read_csv_rows(path: &Path, columns: &[String]) -> anyhow::Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    let headers = reader
        .headers()
        .with_context(|| format!("{}: cannot read the header row", path.display()))?
        .clone();
    let names: Vec<String> = headers.iter().map(str::to_string).collect();
    let indices = csv_io::column_indices(&names, columns, path)?;
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        // The header is line 1; without position information, count records.
        let fallback_line = i + 2;
        rows.push(match record {
            Ok(record) => Row {
                number: record
                    .position()
                    .map_or(fallback_line, |p| p.line() as usize),
                inputs: Ok(indices
                    .iter()
                    .map(|&c| record.get(c).unwrap_or_default().to_string())
                    .collect()),
            },
            Err(error) => Row {
                number: error
                    .position()
                    .map_or(fallback_line, |p| p.line() as usize),
                inputs: Err(format!(
                    "malformed CSV record in {}: {error}",
                    path.display()
                )),
            },
        });
    }
    Ok(rows)
}
