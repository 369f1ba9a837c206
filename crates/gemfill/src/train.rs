//! `gemfill train`: train the neural proposer on synthetic tasks (CPU), or fine-tune a
//! released Gemma checkpoint on them with LoRA (`--base`).

use std::fmt::Display;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Args;
use gemfill_gemma::GemmaCheckpoint;
use gemfill_gemma::adapter::BaseModel;
use gemfill_gemma::finetune::{FinetuneConfig, finetune};
use gemfill_neural::train::{TrainConfig, read_config, train};
use gemfill_transformer::session::{Observer, StepStatus};
use gemfill_transformer::{LoraConfig, LoraTarget};
use indicatif::{ProgressBar, ProgressStyle};

use crate::exit::{CommandResult, Outcome};
use crate::options::ModelName;

/// Train the neural proposer on synthetic tasks, on the CPU, for a fixed time; or, with
/// --base, fine-tune a released Gemma checkpoint on them with a LoRA adapter.
///
/// The model directory receives config.json, model.safetensors, the two tokenizer files,
/// train.json, state.json, optimizer.safetensors (AdamW's moments) and metrics.jsonl (one
/// line per evaluation on the held-out synthetic set: top-1 and top-k, the training curve).
/// Checkpoints are written every few minutes, so an interrupted run loses little; --resume
/// continues one exactly.
///
/// With --base, the directory receives adapter.safetensors (the adapter's matrices),
/// adapter.json (rank, alpha, targets, prompt style, base checkpoint, seed, progress),
/// optimizer.safetensors and metrics.jsonl (greedy top-1 on held-out synthetic tasks); it uses CUDA when libtorch
/// sees a GPU.
///
/// Examples (how models/default and models/gemma3-270m-lora were made):
///
///   gemfill train --config models/default/train.json --minutes 35 --out models/default
///
///   gemfill train --base gemma3-270m --lora-rank 4 --minutes 30 --out models/gemma3-270m-lora
#[derive(Args, Debug)]
pub struct TrainArgs {
    /// Training config of the small model (JSON; every field optional, see
    /// gemfill_neural::train::TrainConfig). Without it, the defaults.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Wall-clock minutes to train (evaluations included).
    #[arg(long, value_name = "N")]
    pub minutes: f64,
    /// The model (or adapter) directory to write.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Continue the checkpoint in --out instead of starting afresh.
    #[arg(long)]
    pub resume: bool,
    /// Fine-tune this released checkpoint with LoRA instead of training the small model.
    #[arg(
        long,
        value_enum,
        value_name = "MODEL",
        help_heading = "LoRA fine-tuning"
    )]
    pub base: Option<ModelName>,
    /// Read the base checkpoint from this GGUF file instead of the installed one.
    #[arg(long, value_name = "FILE", help_heading = "LoRA fine-tuning")]
    pub gguf: Option<PathBuf>,
    /// Rank of the adapter (required for a fresh adapter; with --resume, the adapter's).
    #[arg(long, value_name = "R", help_heading = "LoRA fine-tuning")]
    pub lora_rank: Option<usize>,
    /// The update is scaled by alpha / rank [default: 2 * rank].
    #[arg(long, value_name = "A", help_heading = "LoRA fine-tuning")]
    pub lora_alpha: Option<f64>,
    /// Projections adapted in every layer, comma-separated, from q,k,v,o,gate,up,down
    /// [default: all of them].
    #[arg(long, value_name = "LIST", help_heading = "LoRA fine-tuning")]
    pub lora_targets: Option<String>,
    /// Tasks per optimiser step [default: 4].
    #[arg(long, value_name = "N", help_heading = "LoRA fine-tuning")]
    pub batch_size: Option<usize>,
    /// Peak learning rate [default: 0.001].
    #[arg(long, value_name = "X", value_parser = positive_number, help_heading = "LoRA fine-tuning")]
    pub learning_rate: Option<f64>,
    /// Seed of the synthetic tasks [default: 1].
    #[arg(long, value_name = "N", help_heading = "LoRA fine-tuning")]
    pub seed: Option<u64>,
    /// Held-out synthetic tasks evaluated (0: none) [default: 40].
    #[arg(long, value_name = "N", help_heading = "LoRA fine-tuning")]
    pub eval_tasks: Option<usize>,
    /// Minutes between evaluations [default: 10].
    #[arg(long, value_name = "N", value_parser = positive_number, help_heading = "LoRA fine-tuning")]
    pub eval_every_minutes: Option<f64>,
    /// Stop after this many optimiser steps even if time remains.
    #[arg(long, value_name = "N", help_heading = "LoRA fine-tuning")]
    pub max_steps: Option<u64>,
    /// Task files or folders whose examples training must never see (repeatable).
    #[arg(long, value_name = "PATH", help_heading = "LoRA fine-tuning")]
    pub exclude: Vec<PathBuf>,
    /// libtorch intra-op threads [default: libtorch's, one per core].
    #[arg(long, value_name = "N", help_heading = "LoRA fine-tuning")]
    pub threads: Option<usize>,
}

/// A flag's value that must be a positive number (a rate, a time).
fn positive_number(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err(format!("must be a positive number, not {text}")),
    }
}

/// A training session on the terminal: a progress bar on stderr, its lines printed above
/// it; or, when stderr is not a terminal (a log file), the lines and a status line a
/// minute.
struct SessionBar {
    bar: ProgressBar,
    last_line: Instant,
}

impl SessionBar {
    fn new() -> SessionBar {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len}s {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        SessionBar {
            bar,
            last_line: Instant::now(),
        }
    }

    fn say(&self, line: String) {
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.println(line);
        }
    }
}

impl Observer for SessionBar {
    fn warn(&mut self, warning: &dyn Display) {
        self.say(format!("warning: {warning}"));
    }

    fn start(&mut self, budget: Duration, headline: &str) {
        self.bar.set_length(budget.as_secs());
        self.say(headline.to_string());
    }

    fn step(&mut self, status: &StepStatus) {
        let line = format!(
            "step {} loss {:.3} {:.2} tasks/s",
            status.steps, status.loss, status.tasks_per_second
        );
        let elapsed = status.elapsed.as_secs();
        self.bar.set_position(elapsed.min(status.budget.as_secs()));
        if self.bar.is_hidden() && self.last_line.elapsed() >= Duration::from_secs(60) {
            eprintln!("{elapsed} s: {line}");
            self.last_line = Instant::now();
        }
        self.bar.set_message(line);
    }

    fn evaluated(&mut self, report: &dyn Display) {
        self.say(report.to_string());
    }

    fn finish(&mut self) {
        self.bar.finish();
    }
}

impl TrainArgs {
    /// The LoRA-only flags that were given, by name.
    fn lora_flags(&self) -> Vec<&'static str> {
        let given = [
            ("--gguf", self.gguf.is_some()),
            ("--lora-rank", self.lora_rank.is_some()),
            ("--lora-alpha", self.lora_alpha.is_some()),
            ("--lora-targets", self.lora_targets.is_some()),
            ("--batch-size", self.batch_size.is_some()),
            ("--learning-rate", self.learning_rate.is_some()),
            ("--seed", self.seed.is_some()),
            ("--eval-tasks", self.eval_tasks.is_some()),
            ("--eval-every-minutes", self.eval_every_minutes.is_some()),
            ("--max-steps", self.max_steps.is_some()),
            ("--exclude", !self.exclude.is_empty()),
            ("--threads", self.threads.is_some()),
        ];
        given
            .into_iter()
            .filter(|(_, on)| *on)
            .map(|(name, _)| name)
            .collect()
    }
}

pub fn run(args: TrainArgs) -> CommandResult {
    if args.base.is_some() {
        return run_lora(args);
    }
    let lora_flags = args.lora_flags();
    if !lora_flags.is_empty() {
        bail!(
            "{} only apply to LoRA fine-tuning: add --base gemma3-270m (the small model takes its settings from --config)",
            lora_flags.join(", ")
        );
    }
    let config = match &args.config {
        Some(path) => read_config(path)?,
        None => TrainConfig::default(),
    };
    let state = train(
        &config,
        args.minutes,
        &args.out,
        args.resume,
        &mut SessionBar::new(),
    )?;
    let progress = &state.progress;
    println!(
        "Trained {} steps on {} tasks in {:.0} s of training ({} session(s)); checkpoint in {}.",
        progress.steps,
        progress.tasks_seen,
        progress.train_seconds,
        progress.sessions,
        args.out.display()
    );
    Ok(Outcome::Success)
}

fn parse_targets(list: &str) -> anyhow::Result<Vec<LoraTarget>> {
    list.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|name| {
            LoraTarget::parse(name).ok_or_else(|| {
                anyhow::anyhow!(
                    "--lora-targets: unknown projection {:?}; choose from q,k,v,o,gate,up,down",
                    name.trim()
                )
            })
        })
        .collect()
}

/// The LoRA config of the flags; with --resume and no --lora-rank, the adapter's own.
fn lora_config(args: &TrainArgs) -> anyhow::Result<LoraConfig> {
    let saved = if args.resume {
        Some(gemfill_gemma::LoraAdapter::load(&args.out)?.meta.lora)
    } else {
        None
    };
    let rank = match (args.lora_rank, &saved) {
        (Some(rank), _) => rank,
        (None, Some(saved)) => saved.rank,
        (None, None) => {
            bail!("--base needs --lora-rank R (the adapter's rank, e.g. 4 or 8)");
        }
    };
    let alpha = match (args.lora_alpha, &saved) {
        (Some(alpha), _) => alpha,
        (None, Some(saved)) if saved.rank == rank => saved.alpha,
        _ => 2.0 * rank as f64,
    };
    let targets = match (&args.lora_targets, &saved) {
        (Some(list), _) => parse_targets(list)?,
        (None, Some(saved)) => saved.targets.clone(),
        (None, None) => LoraTarget::ALL.to_vec(),
    };
    Ok(LoraConfig::new(rank, alpha, targets)?)
}

fn run_lora(args: TrainArgs) -> CommandResult {
    if args.config.is_some() {
        bail!(
            "--config configures the small model and --base fine-tunes a released checkpoint: pass one of them"
        );
    }
    let gguf = match &args.gguf {
        Some(file) => file.clone(),
        // Gemma 3 270M is the one released checkpoint gemfill knows by name.
        None => match args.base {
            Some(ModelName::Gemma3_270m) | None => gemfill_gemma::install::installed_gemma3_270m()
                .context("pass --gguf FILE to use another checkpoint")?,
        },
    };
    let mut config = FinetuneConfig::with_rank(1)?;
    config.lora = lora_config(&args)?;
    if args.resume {
        // The data stream continues the adapter's own seed.
        let saved = gemfill_gemma::LoraAdapter::load(&args.out)?.meta;
        if args.seed.is_some_and(|seed| seed != saved.seed) {
            bail!(
                "--seed: {} was trained with seed {}; drop --seed to continue it",
                args.out.display(),
                saved.seed
            );
        }
        config.seed = saved.seed;
    }
    if let Some(seed) = args.seed {
        config.seed = seed;
    }
    if let Some(n) = args.batch_size {
        config.batch_size = n;
    }
    if let Some(lr) = args.learning_rate {
        if !(lr.is_finite() && lr > 0.0) {
            bail!("--learning-rate must be a positive number, not {lr}");
        }
        config.learning_rate = lr;
    }
    if let Some(n) = args.eval_tasks {
        config.eval_tasks = n;
    }
    if let Some(m) = args.eval_every_minutes {
        if !(m.is_finite() && m > 0.0) {
            bail!("--eval-every-minutes must be a positive number, not {m}");
        }
        config.eval_every_minutes = m;
    }
    config.max_steps = args.max_steps;
    config.exclude = args.exclude.clone();
    if let Some(threads) = args.threads {
        gemfill_neural::set_torch_threads(threads);
    }
    let device = tch::Device::cuda_if_available();
    let mut checkpoint = GemmaCheckpoint::load_gguf(&gguf, device)?;
    let base = BaseModel::of_file(&gguf, checkpoint.model.config())?;
    eprintln!(
        "loaded {} in {:.1} s",
        gguf.display(),
        checkpoint.load_seconds
    );
    let outcome = finetune(
        &mut checkpoint,
        &base,
        &config,
        args.minutes,
        &args.out,
        args.resume,
        &mut SessionBar::new(),
    )?;
    let (meta, progress) = (&outcome.meta, &outcome.meta.progress);
    println!(
        "Fine-tuned a rank-{} adapter for {} steps on {} tasks ({:.2} tasks/s this session; {:.0} s of training in {} session(s)); adapter in {}.",
        meta.lora.rank,
        progress.steps,
        progress.tasks_seen,
        outcome.tasks_per_second(),
        progress.train_seconds,
        progress.sessions,
        args.out.display()
    );
    Ok(Outcome::Success)
}
