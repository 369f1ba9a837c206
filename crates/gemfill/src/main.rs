//! The `gemfill` command line: run programs of the gemfill language, synthesize them from
//! input/output examples, and benchmark the synthesizer against public suites.
//!
//! One module per command (`run`, `synth`, `bench`, `fill`, `apply`, `export`, `train`,
//! `serve`, `loadtest`, `generate`); commands never import one another. What they share
//! lives in modules of its own: `options` (flags several commands take), `exit` (outcomes,
//! errors and exit statuses), `examples` (the `IN => OUT` notation), `tasks` (task
//! files), `csv_io` (CSV conventions), `neural` (loading a proposer) and `memory`.

mod apply;
mod bench;
mod csv_io;
mod examples;
mod exit;
mod export;
mod fill;
mod generate;
mod loadtest;
mod memory;
mod neural;
mod options;
mod run;
mod serve;
mod synth;
mod tasks;
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
        Ok(outcome) => ExitCode::from(outcome.exit_status()),
        Err(error) => {
            eprintln!("error: {}", exit::describe(&error));
            ExitCode::from(exit::ERROR_STATUS)
        }
    }
}
