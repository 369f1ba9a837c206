//! `gemfill export`: take a program elsewhere, as a standalone Python function or as a
//! plain-English description.

mod python;

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use crate::exit::{CommandResult, Outcome};
use crate::options::ProgramArg;

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
    #[command(flatten)]
    pub program: ProgramArg,
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

/// Runs `gemfill export`.
pub fn run(args: ExportArgs) -> CommandResult {
    let program = args.program.load()?;
    let output = match args.to {
        Target::Python => {
            python::to_python(&program, &args.name).context("cannot export to Python")?
        }
        Target::Explain => format!("{}\n", program.explain()),
    };
    match &args.out {
        Some(path) => std::fs::write(path, output)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{output}"),
    }
    Ok(Outcome::Success)
}
