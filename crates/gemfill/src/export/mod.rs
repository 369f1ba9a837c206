//! `gemfill export`: take a program elsewhere, as a standalone Python function or as a
//! plain-English description.

mod python;

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::run::{parse_program, program_text};
use crate::{CliError, Outcome};

/// Export a program: as a standalone Python 3 function, or explained in plain English.
///
/// --to python writes a module (standard library only) defining one function,
/// `transform(x, x1, ..., tables=None)` by default, that returns the same value as
/// `gemfill run` on every row (str, int or bool; gemfill prints truth values as
/// true/false) and raises GemfillError on the rows where gemfill fails.
///
/// --to explain describes what the program computes.
///
/// Example:
///
///   gemfill export 'concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")' --to python > cite.py
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The program text, or the path of a file that holds it.
    pub program: String,
    /// What to export to.
    #[arg(long, value_enum)]
    pub to: Target,
    /// The name of the Python function.
    #[arg(long, default_value = "transform", value_name = "NAME")]
    pub name: String,
    /// Write here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// What `gemfill export` produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// A Python 3 module with one function.
    Python,
    /// A plain-English description.
    Explain,
}

pub fn run(args: ExportArgs) -> Result<Outcome, CliError> {
    let text = program_text(&args.program)?;
    let program = parse_program(&text)?;
    let output = match args.to {
        Target::Python => python::to_python(&program, &args.name)
            .map_err(|e| CliError(format!("cannot export to Python: {}", e.0)))?,
        Target::Explain => format!("{}\n", program.explain()),
    };
    match &args.out {
        Some(path) => std::fs::write(path, output)
            .map_err(|e| CliError(format!("cannot write {}: {e}", path.display())))?,
        None => print!("{output}"),
    }
    Ok(Outcome::Success)
}
