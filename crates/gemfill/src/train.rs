//! `gemfill train`: train the neural proposer on synthetic tasks (CPU).

use std::path::PathBuf;

use clap::Args;
use gemfill_neural::train::{TrainConfig, read_config, train};

use crate::{CliError, Outcome};

/// Train the neural proposer on synthetic tasks, on the CPU, for a fixed time.
///
/// The model directory receives config.json, model.safetensors, the two tokenizer files,
/// train.json, state.json and metrics.jsonl (one line per evaluation on the held-out
/// synthetic set: top-1 and top-k, the training curve). Checkpoints are written every few
/// minutes, so an interrupted run loses little; --resume continues one.
///
/// Example (how models/default was made):
///
///   gemfill train --config models/default/train.json --minutes 35 --out models/default
#[derive(Args, Debug)]
pub struct TrainArgs {
    /// Training config (JSON; every field optional, see gemfill_neural::train::TrainConfig).
    /// Without it, the defaults.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Wall-clock minutes to train (evaluations included).
    #[arg(long, value_name = "N")]
    pub minutes: f64,
    /// The model directory to write.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Continue the checkpoint in --out instead of starting afresh.
    #[arg(long)]
    pub resume: bool,
}

pub fn run(args: TrainArgs) -> Result<Outcome, CliError> {
    let config = match &args.config {
        Some(path) => read_config(path)?,
        None => TrainConfig::default(),
    };
    let state = train(&config, args.minutes, &args.out, args.resume)?;
    println!(
        "Trained {} steps on {} tasks in {:.0} s of training ({} session(s)); checkpoint in {}.",
        state.steps,
        state.tasks_seen,
        state.train_seconds,
        state.sessions,
        args.out.display()
    );
    Ok(Outcome::Success)
}
