//! CPU training of a [`ProgramModel`] on synthetic tasks: AdamW with warm-up and a cosine
//! schedule over the session, a progress bar, periodic evaluation on a fixed held-out
//! synthetic set, checkpoints that a later session resumes.
//!
//! A model directory holds `config.json`, `model.safetensors`, the two tokenizer files,
//! `train.json` (the training config), `state.json` (steps, tasks seen, time, sessions),
//! `optimizer.safetensors` (AdamW's moments, so a resumed session continues exactly) and
//! `metrics.jsonl` (one line per evaluation: the training curve).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gemfill_data::synthetic::{DATA_VERSION, Synthetic, TrainingData};
use gemfill_dsl::{Example, Tables, Type, eval};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use tch::{Device, Kind, Tensor};

use crate::adamw::{AdamW, STATE_FILE};
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

/// Progress saved with every checkpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TrainState {
    /// Optimiser steps so far.
    pub steps: u64,
    /// Training tasks consumed so far.
    pub tasks_seen: u64,
    /// Training wall-clock time so far (evaluation excluded), in seconds.
    pub train_seconds: f64,
    /// Sessions (1 for a fresh run, +1 per resume).
    pub sessions: u32,
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

fn io(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Io(format!("{}: {e}", path.display()))
}

/// Reads a training config file.
pub fn read_config(path: &Path) -> Result<TrainConfig> {
    let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
    serde_json::from_str(&text).map_err(|e| Error::Config(format!("{}: {e}", path.display())))
}

/// Whether a program passes every row.
fn passes(program: &gemfill_dsl::Expr, rows: &[Example], tables: &Tables) -> bool {
    rows.iter()
        .all(|e| eval(program, &e.input_refs(), tables).is_ok_and(|v| v.to_string() == e.output))
}

/// Evaluates `model` on `tasks`: top-1 and top-`beam` over examples + held-out rows.
pub fn evaluate(model: &ProgramModel, tasks: &[Synthetic], beam: usize) -> EvalReport {
    let tables = Tables::default();
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
        let all: Vec<Example> = t.task.all_examples().cloned().collect();
        if let Some(best) = beams.first() {
            top1 += usize::from(passes(&best.expr, &all, &tables));
            top1_ex += usize::from(passes(&best.expr, &t.task.examples, &tables));
        }
        topk += usize::from(beams.iter().any(|b| passes(&b.expr, &all, &tables)));
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

/// The progress bar of a training session of length `budget` (elapsed seconds).
pub fn session_bar(budget: Duration) -> ProgressBar {
    let bar = ProgressBar::new(budget.as_secs());
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len}s {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Prints a line above the progress bar, or on stderr when the bar is hidden (output not
/// a terminal, e.g. a background run writing to a log file).
pub fn say(bar: &ProgressBar, line: String) {
    if bar.is_hidden() {
        eprintln!("{line}");
    } else {
        bar.println(line);
    }
}

fn append_metrics(dir: &Path, report: &EvalReport) -> Result<()> {
    let path = dir.join("metrics.jsonl");
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| io(&path, e))?;
    let line = serde_json::to_string(report).map_err(|e| Error::Io(e.to_string()))?;
    writeln!(f, "{line}").map_err(|e| io(&path, e))
}

fn save_checkpoint(
    model: &ProgramModel,
    optimizer: &AdamW,
    dir: &Path,
    config: &TrainConfig,
    state: &TrainState,
) -> Result<()> {
    model.save(dir)?;
    optimizer
        .save(&dir.join(STATE_FILE))
        .map_err(|e| Error::Io(e.to_string()))?;
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text + "\n").map_err(|e| io(&path, e))
    };
    write(
        "train.json",
        serde_json::to_string_pretty(config).map_err(|e| Error::Io(e.to_string()))?,
    )?;
    write(
        "state.json",
        serde_json::to_string_pretty(state).map_err(|e| Error::Io(e.to_string()))?,
    )
}

/// Trains for `minutes` of wall-clock time, writing checkpoints into `out`. With `resume`,
/// continues from the checkpoint in `out` (weights, AdamW's moments, step count; the data
/// stream restarts from `seed + tasks seen`).
pub fn train(config: &TrainConfig, minutes: f64, out: &Path, resume: bool) -> Result<TrainState> {
    if minutes.is_nan() || minutes <= 0.0 {
        return Err(Error::Config("--minutes must be positive".into()));
    }
    tch::manual_seed(config.seed as i64);
    if config.threads > 0 {
        tch::set_num_threads(config.threads as i32);
    }
    let (model, mut state) = if resume {
        let model = ProgramModel::load(out)?;
        let path = out.join("state.json");
        let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        let state: TrainState = serde_json::from_str(&text)
            .map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        (model, state)
    } else {
        if out.join("model.safetensors").exists() {
            return Err(Error::Config(format!(
                "{} already holds a checkpoint; pass --resume to continue it or choose another --out",
                out.display()
            )));
        }
        let state = TrainState {
            data_version: DATA_VERSION.to_string(),
            seed: config.seed,
            ..TrainState::default()
        };
        (ProgramModel::new(config.model.clone(), Device::Cpu)?, state)
    };
    state.sessions += 1;
    let TrainingData {
        held_out,
        mut generator,
        skipped,
    } = TrainingData::new(
        config.seed,
        config.eval_tasks,
        state.tasks_seen,
        &config.exclude,
    )
    .map_err(|e| Error::Io(format!("exclude list: {e}")))?;
    // Rows that are not input/output examples (e.g. SyGuS constraints that are not
    // equalities) hold no pair the generator could reproduce; say so, then go on.
    for row in &skipped {
        eprintln!("warning: exclude list: skipped {row}");
    }
    let mut opt = AdamW::for_session(
        &model.vs,
        config.learning_rate,
        config.weight_decay,
        out,
        resume,
    )
    .map_err(|e| Error::Config(e.to_string()))?;

    let budget = Duration::from_secs_f64(minutes * 60.0);
    let bar = session_bar(budget);
    say(
        &bar,
        format!(
            "training {} parameters into {} for {minutes} min (session {}, {} tasks seen before)",
            model.parameter_count(),
            out.display(),
            state.sessions,
            state.tasks_seen
        ),
    );
    let session = Instant::now();
    let mut train_time = Duration::ZERO;
    let mut last_eval = Instant::now();
    let mut last_ckpt = Instant::now();
    let (mut loss_sum, mut loss_n) = (0.0, 0u64);
    let session_tasks_start = state.tasks_seen;
    while session.elapsed() < budget {
        let step_start = Instant::now();
        let tasks: Vec<Synthetic> = (0..config.batch_size).map(|_| generator.task()).collect();
        let refs: Vec<&Synthetic> = tasks.iter().collect();
        let (kept, inputs, targets) = program_batch(&model, &refs);
        if kept.is_empty() {
            continue;
        }
        let sets: Vec<&[Example]> = kept.iter().map(|&i| &tasks[i].task.examples[..]).collect();
        let examples = model.encode_examples(&sets);
        // Warm-up, then cosine over this session's time down to a tenth.
        let progress = session.elapsed().as_secs_f64() / budget.as_secs_f64();
        let warm = ((state.steps + 1) as f64 / config.warmup_steps.max(1) as f64).min(1.0);
        let cosine = 0.1 + 0.9 * 0.5 * (1.0 + (std::f64::consts::PI * progress).cos());
        opt.set_lr(config.learning_rate * warm * cosine);
        let loss = model.loss(&examples, &inputs, &targets);
        opt.zero_grad();
        loss.backward();
        opt.clip_grad_norm(1.0);
        opt.step();
        let l = loss.to_kind(Kind::Double).double_value(&[]);
        loss_sum += l;
        loss_n += 1;
        state.steps += 1;
        state.tasks_seen += kept.len() as u64;
        train_time += step_start.elapsed();
        let rate = (state.tasks_seen - session_tasks_start) as f64 / train_time.as_secs_f64();
        bar.set_position(session.elapsed().as_secs().min(budget.as_secs()));
        bar.set_message(format!(
            "step {} loss {l:.3} {rate:.1} tasks/s",
            state.steps
        ));
        let done = session.elapsed() >= budget;
        if last_ckpt.elapsed().as_secs_f64() >= config.checkpoint_every_minutes * 60.0 || done {
            state.train_seconds += train_time.as_secs_f64();
            train_time = Duration::ZERO;
            save_checkpoint(&model, &opt, out, config, &state)?;
            last_ckpt = Instant::now();
        }
        if last_eval.elapsed().as_secs_f64() >= config.eval_every_minutes * 60.0 || done {
            state.train_seconds += train_time.as_secs_f64();
            train_time = Duration::ZERO;
            let mut report = evaluate(&model, &held_out, config.eval_beam);
            report.steps = state.steps;
            report.tasks_seen = state.tasks_seen;
            report.train_seconds = state.train_seconds;
            report.train_loss = loss_sum / loss_n.max(1) as f64;
            (loss_sum, loss_n) = (0.0, 0);
            say(
                &bar,
                format!(
                    "eval after {} tasks ({:.0} s): loss {:.3}, top-1 {:.1}%, top-{} {:.1}%, {:.0} ms/task",
                    report.tasks_seen,
                    report.train_seconds,
                    report.train_loss,
                    report.top1 * 100.0,
                    report.k,
                    report.topk * 100.0,
                    report.ms_per_task
                ),
            );
            append_metrics(out, &report)?;
            save_checkpoint(&model, &opt, out, config, &state)?;
            last_eval = Instant::now();
        }
    }
    bar.finish();
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let state = train(&config, 0.1, dir.path(), false).unwrap();
        assert!(state.steps > 0 && state.tasks_seen > 0);
        for f in [
            "config.json",
            "model.safetensors",
            "examples.tokenizer.json",
            "programs.tokenizer.json",
            "state.json",
            "train.json",
            "metrics.jsonl",
            STATE_FILE,
        ] {
            assert!(dir.path().join(f).exists(), "{f} missing");
        }
        let err = train(&config, 0.01, dir.path(), false).unwrap_err();
        assert!(err.to_string().contains("--resume"), "{err}");
        let again = train(&config, 0.02, dir.path(), true).unwrap();
        assert_eq!(again.sessions, 2);
        assert!(again.steps > state.steps);
        let metrics = std::fs::read_to_string(dir.path().join("metrics.jsonl")).unwrap();
        let first: EvalReport = serde_json::from_str(metrics.lines().next().unwrap()).unwrap();
        assert_eq!(first.tasks, 4);
        assert!((0.0..=1.0).contains(&first.topk));
    }
}
