//! CPU training of a [`ProgramModel`] on synthetic tasks: a `gemfill_transformer::session`
//! (AdamW with warm-up and a cosine schedule over the session, periodic evaluation on a
//! fixed held-out synthetic set, checkpoints that a later session resumes).
//!
//! A model directory holds `config.json`, `model.safetensors`, the two tokenizer files,
//! `train.json` (the training config), `state.json` (steps, tasks seen, time, sessions),
//! `optimizer.safetensors` (AdamW's moments, so a resumed session continues exactly) and
//! `metrics.jsonl` (one line per evaluation: the training curve).

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use gemfill_data::synthetic::{DATA_VERSION, Generator, Synthetic, TrainingData};
use gemfill_dsl::{Example, Type};
use gemfill_transformer::session::{
    self, Batch, Observer, Plan, Progress, Schedule, SessionError, Trainer,
};
use serde::{Deserialize, Serialize};
use tch::{Device, Tensor};

use crate::beam::beam_search;
use crate::model::{ModelConfig, ProgramModel};
use crate::vocab::ProgToken;
use crate::{Error, Result};

/// What `gemfill train --config FILE` reads (every field has a default).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrainConfig {
    /// The model's shape (ignored on `--resume`: the checkpoint's config wins).
    pub model: ModelConfig,
    /// Seed of the synthetic data stream and of the initial weights.
    pub seed: u64,
    /// Tasks per optimiser step.
    pub batch_size: usize,
    /// Peak learning rate.
    pub learning_rate: f64,
    /// Steps of linear warm-up at the start of a fresh run.
    pub warmup_steps: u64,
    /// AdamW weight decay.
    pub weight_decay: f64,
    /// Held-out synthetic tasks evaluated periodically (generated from `seed + 1_000_003`).
    pub eval_tasks: usize,
    /// Beam width of the evaluation (top-1 and top-`eval_beam`).
    pub eval_beam: usize,
    /// Minutes between evaluations.
    pub eval_every_minutes: f64,
    /// Minutes between checkpoints.
    pub checkpoint_every_minutes: f64,
    /// Task files whose examples the generator must never produce (benchmark suites).
    pub exclude: Vec<PathBuf>,
    /// libtorch intra-op threads (0: libtorch's default, one per core). On a machine
    /// shared with other jobs, 1 avoids threads spinning while they wait for each other.
    pub threads: usize,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            model: ModelConfig::small(),
            seed: 1,
            batch_size: 32,
            learning_rate: 2e-3,
            warmup_steps: 100,
            weight_decay: 0.01,
            eval_tasks: 200,
            eval_beam: 32,
            eval_every_minutes: 5.0,
            checkpoint_every_minutes: 2.0,
            exclude: Vec::new(),
            threads: 0,
        }
    }
}

/// Progress saved with every checkpoint (`state.json`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TrainState {
    /// Steps, tasks seen, training time and sessions so far.
    #[serde(flatten)]
    pub progress: Progress,
    /// The generator distribution the tasks came from.
    pub data_version: String,
    /// The data seed.
    pub seed: u64,
}

/// One evaluation on the held-out set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    /// Optimiser steps at the time.
    pub steps: u64,
    /// Training tasks seen.
    pub tasks_seen: u64,
    /// Training seconds so far.
    pub train_seconds: f64,
    /// Mean training loss since the previous report.
    pub train_loss: f64,
    /// Tasks evaluated.
    pub tasks: usize,
    /// Share whose best beam passes the examples and the held-out rows.
    pub top1: f64,
    /// Share where one of the `k` beams does.
    pub topk: f64,
    /// The beam width.
    pub k: usize,
    /// Share whose best beam passes the given examples (not necessarily the held-out ones).
    pub top1_examples: f64,
    /// Mean milliseconds per task of the beam search.
    pub ms_per_task: f64,
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "eval after {} tasks ({:.0} s): loss {:.3}, top-1 {:.1}%, top-{} {:.1}%, {:.0} ms/task",
            self.tasks_seen,
            self.train_seconds,
            self.train_loss,
            self.top1 * 100.0,
            self.k,
            self.topk * 100.0,
            self.ms_per_task
        )
    }
}

/// Reads a JSON file (a training config or state).
fn read_json<T: serde::de::DeserializeOwned>(path: &Path, what: &'static str) -> Result<T> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| Error::Json {
        path: path.to_path_buf(),
        what,
        source,
    })
}

/// Writes a JSON file (pretty, with a final newline).
fn write_json(path: &Path, value: &impl Serialize, what: &'static str) -> Result<()> {
    let text =
        serde_json::to_string_pretty(value).map_err(|source| Error::Serialize { what, source })?;
    std::fs::write(path, text + "\n").map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a training config file.
pub fn read_config(path: &Path) -> Result<TrainConfig> {
    read_json(path, "training config")
}

/// Evaluates `model` on `tasks`: top-1 and top-`beam` over examples + held-out rows.
pub fn evaluate(model: &ProgramModel, tasks: &[Synthetic], beam: usize) -> EvalReport {
    let start = Instant::now();
    let (mut top1, mut topk, mut top1_ex) = (0usize, 0usize, 0usize);
    for t in tasks {
        let beams = beam_search(
            model,
            &t.task.examples,
            t.task.arity(),
            Type::Str,
            beam,
            &|| false,
        );
        if let Some(best) = beams.first() {
            let verdict = t.verdict(&best.expr);
            top1 += usize::from(verdict.all);
            top1_ex += usize::from(verdict.examples);
        }
        topk += usize::from(beams.iter().any(|b| t.verdict(&b.expr).all));
    }
    let n = tasks.len().max(1) as f64;
    EvalReport {
        steps: 0,
        tasks_seen: 0,
        train_seconds: 0.0,
        train_loss: f64::NAN,
        tasks: tasks.len(),
        top1: top1 as f64 / n,
        topk: topk as f64 / n,
        k: beam,
        top1_examples: top1_ex as f64 / n,
        ms_per_task: start.elapsed().as_secs_f64() * 1000.0 / n,
    }
}

/// A batch of programs as decoder inputs (`<bos>` + tokens) and targets (tokens +
/// `<eos>`, -100 on padding); `None` when no task of the batch is usable.
fn program_batch(model: &ProgramModel, tasks: &[&Synthetic]) -> (Vec<usize>, Tensor, Tensor) {
    let vocab = model.programs();
    let max = model.config().max_program_tokens;
    let bos = i64::from(vocab.id(&ProgToken::Bos).unwrap_or(1));
    let eos = i64::from(vocab.id(&ProgToken::Eos).unwrap_or(2));
    let mut kept = Vec::new();
    let mut seqs: Vec<Vec<i64>> = Vec::new();
    for (i, t) in tasks.iter().enumerate() {
        if let Ok(ids) = vocab.encode(&t.program)
            && ids.len() <= max
        {
            kept.push(i);
            seqs.push(ids.into_iter().map(i64::from).collect());
        }
    }
    let len = seqs.iter().map(Vec::len).max().unwrap_or(0) + 1;
    let mut inputs = vec![0i64; seqs.len() * len];
    let mut targets = vec![-100i64; seqs.len() * len];
    for (r, s) in seqs.iter().enumerate() {
        inputs[r * len] = bos;
        for (j, &id) in s.iter().enumerate() {
            inputs[r * len + j + 1] = id;
            targets[r * len + j] = id;
        }
        targets[r * len + s.len()] = eos;
    }
    let shape = [seqs.len() as i64, len as i64];
    (
        kept,
        Tensor::from_slice(&inputs).view(shape),
        Tensor::from_slice(&targets).view(shape),
    )
}

/// Batches drawn in a row, none of whose programs fits the decoder, before training gives
/// up (the generator's programs are short: this never happens with a sensible config).
const UNUSABLE_BATCHES: usize = 1000;

/// The model, its progress and its data, as a session trains them.
struct SmallModel<'a> {
    model: ProgramModel,
    state: TrainState,
    config: &'a TrainConfig,
    held_out: Vec<Synthetic>,
    generator: Generator,
}

impl Trainer for SmallModel<'_> {
    type Report = EvalReport;
    type Error = Error;

    fn progress(&mut self) -> &mut Progress {
        &mut self.state.progress
    }

    fn batch(&mut self) -> Result<Batch> {
        for _ in 0..UNUSABLE_BATCHES {
            let tasks: Vec<Synthetic> = (0..self.config.batch_size)
                .map(|_| self.generator.task())
                .collect();
            let refs: Vec<&Synthetic> = tasks.iter().collect();
            let (kept, inputs, targets) = program_batch(&self.model, &refs);
            if kept.is_empty() {
                continue;
            }
            let sets: Vec<&[Example]> = kept.iter().map(|&i| &tasks[i].task.examples[..]).collect();
            let examples = self.model.encode_examples(&sets);
            return Ok(Batch {
                loss: self.model.loss(&examples, &inputs, &targets),
                tasks_trained: kept.len() as u64,
                tasks_seen: kept.len() as u64,
            });
        }
        Err(Error::Unusable {
            batches: UNUSABLE_BATCHES,
            max_program_tokens: self.model.config().max_program_tokens,
        })
    }

    fn save(&mut self, dir: &Path) -> Result<()> {
        self.model.save(dir)?;
        write_json(&dir.join("train.json"), self.config, "the training config")?;
        write_json(&dir.join("state.json"), &self.state, "the training state")
    }

    fn evaluate(&mut self, train_loss: Option<f64>) -> Result<EvalReport> {
        let mut report = evaluate(&self.model, &self.held_out, self.config.eval_beam);
        let progress = &self.state.progress;
        report.steps = progress.steps;
        report.tasks_seen = progress.tasks_seen;
        report.train_seconds = progress.train_seconds;
        report.train_loss = train_loss.unwrap_or(f64::NAN);
        Ok(report)
    }
}

/// Trains for `minutes` of wall-clock time, writing checkpoints into `out`; `observer`
/// hears how it goes. With `resume`, continues from the checkpoint in `out` (weights,
/// AdamW's moments, step count; the data stream restarts from `seed + tasks seen`).
pub fn train(
    config: &TrainConfig,
    minutes: f64,
    out: &Path,
    resume: bool,
    observer: &mut dyn Observer,
) -> Result<TrainState> {
    let budget = session::budget(minutes)?;
    if config.batch_size == 0 {
        return Err(SessionError::EmptyBatch.into());
    }
    tch::manual_seed(config.seed as i64);
    if config.threads > 0 {
        tch::set_num_threads(config.threads as i32);
    }
    let (model, mut state) = if resume {
        let model = ProgramModel::load(out)?;
        let state: TrainState = read_json(&out.join("state.json"), "training state")?;
        (model, state)
    } else {
        if out.join("model.safetensors").exists() {
            return Err(Error::CheckpointExists(out.to_path_buf()));
        }
        let state = TrainState {
            data_version: DATA_VERSION.to_string(),
            seed: config.seed,
            ..TrainState::default()
        };
        (ProgramModel::new(config.model.clone(), Device::Cpu)?, state)
    };
    state.progress.sessions += 1;
    let TrainingData {
        held_out,
        generator,
        skipped,
    } = TrainingData::new(
        config.seed,
        config.eval_tasks,
        state.progress.tasks_seen,
        &config.exclude,
    )
    .map_err(Error::Exclude)?;
    // Rows that are not input/output examples (e.g. SyGuS constraints that are not
    // equalities) hold no pair the generator could reproduce; say so, then go on.
    for row in &skipped {
        observer.warn(&format_args!("exclude list: skipped {row}"));
    }
    let headline = format!(
        "training {} parameters into {} for {minutes} min (session {}, {} tasks seen before)",
        model.parameter_count(),
        out.display(),
        state.progress.sessions,
        state.progress.tasks_seen
    );
    let plan = Plan {
        budget,
        schedule: Schedule {
            peak: config.learning_rate,
            warmup_steps: config.warmup_steps,
        },
        eval_every_minutes: config.eval_every_minutes,
        checkpoint_every_minutes: config.checkpoint_every_minutes,
        evaluate: true,
        evaluate_first: false,
        max_steps: None,
        dir: out.to_path_buf(),
    };
    let mut optimizer = session::optimizer(
        &model.vs,
        &plan.schedule,
        config.weight_decay,
        out,
        resume,
        observer,
    )?;
    let mut trainer = SmallModel {
        model,
        state,
        config,
        held_out,
        generator,
    };
    session::run(&mut trainer, &mut optimizer, &plan, &headline, observer)?;
    Ok(trainer.state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gemfill_transformer::session::Quiet;

    #[test]
    fn a_short_run_learns_saves_evaluates_and_resumes() {
        let dir = tempfile::tempdir().unwrap();
        let config = TrainConfig {
            model: ModelConfig::tiny(),
            batch_size: 8,
            eval_tasks: 4,
            eval_beam: 4,
            eval_every_minutes: 0.05,
            checkpoint_every_minutes: 0.05,
            ..TrainConfig::default()
        };
        let state = train(&config, 0.1, dir.path(), false, &mut Quiet).unwrap();
        assert!(state.progress.steps > 0 && state.progress.tasks_seen > 0);
        for f in [
            gemfill_transformer::adamw::STATE_FILE,
            "config.json",
            "model.safetensors",
            "examples.tokenizer.json",
            "programs.tokenizer.json",
            "state.json",
            "train.json",
            "metrics.jsonl",
        ] {
            assert!(dir.path().join(f).exists(), "{f} missing");
        }
        let err = train(&config, 0.01, dir.path(), false, &mut Quiet).unwrap_err();
        assert!(err.to_string().contains("--resume"), "{err}");
        let again = train(&config, 0.02, dir.path(), true, &mut Quiet).unwrap();
        assert_eq!(again.progress.sessions, 2);
        assert!(again.progress.steps > state.progress.steps);
        let metrics = std::fs::read_to_string(dir.path().join("metrics.jsonl")).unwrap();
        let first: EvalReport = serde_json::from_str(metrics.lines().next().unwrap()).unwrap();
        assert_eq!(first.tasks, 4);
        assert!((0.0..=1.0).contains(&first.topk));
    }
}
