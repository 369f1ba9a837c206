//! The `gemfill` command line: run programs of the gemfill language, synthesize them from
//! input/output examples, and benchmark the synthesizer against public suites.

mod apply;
mod bench;
mod csv_io;
mod examples;
mod export;
mod fill;
mod generate;
mod loadtest;
mod neural;
mod run;
mod serve;
mod synth;
mod train;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// gemfill turns a few input/output examples into a program that does the same string
/// transformation on new data, and runs such programs.
///
/// Quick start:
///
///   gemfill synth -e 'John Smith => Smith, J.' -e 'Ada Lovelace => Lovelace, A.' -u 'Grace Hopper'
///
///   gemfill run 'concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")' --input 'José Álvarez'
///
/// The language is described in dsl/README.md.
#[derive(Parser, Debug)]
#[command(name = "gemfill", version, about, long_about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Run(run::RunArgs),
    Synth(synth::SynthArgs),
    Bench(bench::BenchArgs),
    Fill(fill::FillArgs),
    Apply(apply::ApplyArgs),
    Export(export::ExportArgs),
    Train(train::TrainArgs),
    Serve(serve::ServeArgs),
    Loadtest(loadtest::LoadtestArgs),
    Generate(generate::GenerateArgs),
}

/// How a command ended, mapped to the process exit status.
pub enum Outcome {
    /// Everything worked (exit 0).
    Success,
    /// The command ran, but some rows or tasks failed (exit 1).
    PartialFailure,
}

/// An error that ends a command: printed to stderr, exit status 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl<E: std::fmt::Display> From<E> for CliError {
    fn from(error: E) -> CliError {
        CliError(error.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(args),
        Command::Synth(args) => synth::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Fill(args) => fill::run(args),
        Command::Apply(args) => apply::run(args),
        Command::Export(args) => export::run(args),
        Command::Train(args) => train::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Loadtest(args) => loadtest::run(args),
        Command::Generate(args) => generate::run(args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::PartialFailure) => ExitCode::from(1),
        Err(CliError(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
