//! `gemfill fill`: Flash Fill for a CSV file. The rows whose target column is filled are
//! the examples; the program synthesized from them fills the empty cells.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::Args;
use csv::ByteRecord;
use gemfill_dsl::{Example, Tables};
use gemfill_search::{CancelToken, Problem, SearchResult, Synthesizer};

use crate::csv_io::{self, Layout};
use crate::examples::show_output;
use crate::exit::{CommandResult, Outcome};
use crate::options::SearchOptions;

/// Fill the empty cells of a CSV column from the rows already filled.
///
/// The rows where the target column has a value are the examples; gemfill synthesizes a
/// program that reproduces all of them from the input columns and runs it on the rows
/// where the target is empty. The whole file is written back (to standard output, or
/// --out) with those cells filled; every other cell is left as it was.
///
/// On stderr: the program and its score, and the rows where the best programs disagree
/// (the rows worth checking by hand). Without --inputs, every other column is an input
/// (x0, x1, ... in file order) and the synthesizer picks the ones it needs.
///
/// A row with the wrong number of fields or invalid UTF-8 is reported with its line and
/// written back unchanged. A row the program fails on keeps its empty cell and is
/// reported; the exit status is then 1.
///
/// Example:
///
///   gemfill fill people.csv --target initials --inputs first,last --out filled.csv
#[derive(Args, Debug)]
pub struct FillArgs {
    /// The CSV file (with a header row).
    pub file: PathBuf,
    /// The column to fill.
    #[arg(long, value_name = "COL")]
    pub target: String,
    /// The input columns, in order x0, x1, ... (comma-separated or repeated). Default:
    /// every column but the target.
    #[arg(long, value_name = "COL,...", value_delimiter = ',')]
    pub inputs: Vec<String>,
    /// Write the filled CSV here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub search: SearchOptions,
}

/// One data row of the file and what `fill` does with it.
struct Row {
    record: ByteRecord,
    line: u64,
    role: Role,
}

enum Role {
    /// Written back unchanged; the reason was reported.
    Malformed,
    /// The target is filled: an example.
    Example,
    /// The target is empty: the `index`-th unlabeled row of the problem.
    ToFill { index: usize },
}

/// What the file says: its rows, sorted into examples and rows to fill.
struct Sheet {
    headers: ByteRecord,
    /// The index of the target column.
    target: usize,
    rows: Vec<Row>,
    examples: Vec<Example>,
    unlabeled: Vec<Vec<String>>,
    malformed: usize,
}

/// Runs `gemfill fill`.
pub fn run(args: FillArgs) -> CommandResult {
    let path = &args.file;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let layout = Layout::sniff(&bytes);
    let sheet = read_sheet(&bytes, path, &args)?;

    let result = if sheet.unlabeled.is_empty() {
        eprintln!(
            "{}: every row has {:?} filled; nothing to fill",
            path.display(),
            args.target
        );
        None
    } else {
        Some(synthesize(&sheet, &args)?)
    };

    let mut failed = 0;
    let outputs: Vec<Option<String>> = match &result {
        None => Vec::new(),
        Some(result) => {
            let best = &result.programs[0];
            report(&sheet, result);
            best.unlabeled_outputs
                .iter()
                .map(|o| o.as_ref().ok().map(ToString::to_string))
                .collect()
        }
    };
    if let Some(result) = &result {
        for row in &sheet.rows {
            if let Role::ToFill { index } = row.role
                && let Err(error) = &result.programs[0].unlabeled_outputs[index]
            {
                eprintln!("line {}: left empty: {error}", row.line);
                failed += 1;
            }
        }
    }

    write_sheet(&sheet, &outputs, layout, args.out.as_deref())?;
    let some_failed = failed + sheet.malformed > 0;
    if some_failed {
        eprintln!(
            "{} row(s) could not be filled, {} malformed row(s) left unchanged",
            failed, sheet.malformed
        );
    }
    Ok(Outcome::failed_if(some_failed))
}

/// Reads every row, reporting malformed ones, and sorts the rest into examples (target
/// filled) and rows to fill (target empty or only white space).
fn read_sheet(bytes: &[u8], path: &Path, args: &FillArgs) -> anyhow::Result<Sheet> {
    let (input, mut lines) = csv_io::counting(bytes);
    let mut reader = csv_io::reader(input);
    let names = csv_io::header_names(&mut reader, path)?;
    if names.iter().all(String::is_empty) {
        bail!(
            "{} is empty: it needs a header row and some rows with {:?} filled",
            path.display(),
            args.target
        );
    }
    let headers = reader.byte_headers()?.clone();
    let target = csv_io::column_indices(&names, std::slice::from_ref(&args.target), path)?[0];
    let inputs = if args.inputs.is_empty() {
        (0..names.len())
            .filter(|&c| c != target)
            .collect::<Vec<_>>()
    } else {
        csv_io::column_indices(&names, &args.inputs, path)?
    };
    if inputs.contains(&target) {
        bail!(
            "{:?} is both the target and an input; the program cannot read the column it fills",
            args.target
        );
    }
    if inputs.is_empty() {
        bail!(
            "{} has no column besides {:?} to compute it from",
            path.display(),
            args.target
        );
    }

    let mut sheet = Sheet {
        headers,
        target,
        rows: Vec::new(),
        examples: Vec::new(),
        unlabeled: Vec::new(),
        malformed: 0,
    };
    let mut record = ByteRecord::new();
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .with_context(|| path.display().to_string())?;
        if !more {
            break;
        }
        let line = lines.line_of(&record);
        let role = if let Some(why) = csv_io::malformation(&record, names.len()) {
            eprintln!("line {line}: {why}; left unchanged");
            sheet.malformed += 1;
            Role::Malformed
        } else {
            let columns: Vec<String> = inputs
                .iter()
                .map(|&c| csv_io::field(&record, c).to_string())
                .collect();
            let output = csv_io::field(&record, target);
            if output.trim().is_empty() {
                sheet.unlabeled.push(columns);
                Role::ToFill {
                    index: sheet.unlabeled.len() - 1,
                }
            } else {
                sheet.examples.push(Example {
                    inputs: columns,
                    output: output.to_string(),
                });
                Role::Example
            }
        };
        sheet.rows.push(Row {
            record: record.clone(),
            line,
            role,
        });
    }
    if sheet.examples.is_empty() && !sheet.unlabeled.is_empty() {
        bail!(
            "no row of {} has {:?} filled: type the value you want in a few rows, then run fill again",
            path.display(),
            args.target
        );
    }
    Ok(sheet)
}

fn synthesize(sheet: &Sheet, args: &FillArgs) -> anyhow::Result<SearchResult> {
    let problem = Problem {
        examples: sheet.examples.clone(),
        unlabeled: sheet.unlabeled.clone(),
        tables: Tables::default(),
        constants: Vec::new(),
        output_type: None,
    };
    let result = Synthesizer::new(args.search.limits()).run(&problem, &CancelToken::new());
    if result.programs.is_empty() {
        bail!(
            "no program reproduces the {} filled row(s) of {:?} ({}); check them for typos, \
             fill in a few more, or allow more time with --timeout-ms",
            sheet.examples.len(),
            args.target,
            result.stop_reason
        );
    }
    Ok(result)
}

/// Prints the program, its score, suspected mistakes among the examples and the rows where
/// the top programs disagree.
fn report(sheet: &Sheet, result: &SearchResult) {
    let best = &result.programs[0];
    eprintln!("program: {}", best.program);
    eprintln!(
        "score {:.3}, size {}, {} example row(s), {} row(s) to fill, found in {} ms",
        best.score,
        best.size,
        sheet.examples.len(),
        sheet.unlabeled.len(),
        result.stats.elapsed.as_millis()
    );
    for (rank, other) in result.programs.iter().enumerate().skip(1) {
        eprintln!("  runner-up #{}: {}", rank + 1, other.program);
    }
    let example_lines: Vec<u64> = sheet
        .rows
        .iter()
        .filter(|r| matches!(r.role, Role::Example))
        .map(|r| r.line)
        .collect();
    for &index in &best.contradicted {
        eprintln!(
            "line {}: the program gives something else than {:?}: a suspected mistake, left as it is",
            example_lines[index], sheet.examples[index].output
        );
    }
    let fill_lines: Vec<u64> = sheet
        .rows
        .iter()
        .filter(|r| matches!(r.role, Role::ToFill { .. }))
        .map(|r| r.line)
        .collect();
    if !result.disagreements.is_empty() {
        eprintln!(
            "{} row(s) where the top programs disagree (check these by hand):",
            result.disagreements.len()
        );
    }
    for disagreement in &result.disagreements {
        eprintln!(
            "  line {}: {} (filled with {:?})",
            fill_lines[disagreement.row],
            disagreement.outputs.join(" vs "),
            show_output(&best.unlabeled_outputs[disagreement.row])
        );
    }
}

fn write_sheet(
    sheet: &Sheet,
    outputs: &[Option<String>],
    layout: Layout,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    let sink: Box<dyn Write> = match out {
        Some(path) => Box::new(io::BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let mut writer = layout.writer(sink)?;
    writer.write_byte_record(&sheet.headers)?;
    let mut filled = ByteRecord::new();
    for row in &sheet.rows {
        match row.role {
            Role::ToFill { index } => {
                let value = outputs.get(index).and_then(Option::as_deref);
                filled.clear();
                for (column, cell) in row.record.iter().enumerate() {
                    match value {
                        Some(value) if column == sheet.target => {
                            filled.push_field(value.as_bytes())
                        }
                        _ => filled.push_field(cell),
                    }
                }
                writer.write_byte_record(&filled)?;
            }
            Role::Example | Role::Malformed => writer.write_byte_record(&row.record)?,
        }
    }
    writer.flush()?;
    Ok(())
}
