//! One training session: the loop both trainers run (the small model's, `gemfill train`,
//! and LoRA fine-tuning, `gemfill train --base`).
//!
//! A session trains for a wall-clock budget (and, if asked, at most so many steps). The
//! learning rate of a step follows a linear warm-up over the run's first steps, then a
//! cosine over the session's time down to a tenth of the peak ([`Schedule`]). Every few
//! minutes, and at the end, the trainer saves a checkpoint; every few minutes, and at the
//! end, it evaluates on its held-out set and the report is appended to the checkpoint's
//! `metrics.jsonl` (the training curve, one JSON object a line). A step whose loss is not
//! a finite number ends the session with [`SessionError::NonFiniteLoss`]: the weights are
//! garbage from there on, and the last checkpoint is the one to keep.
//!
//! The trainer ([`Trainer`]) gives each step's loss, saves its model and evaluates; the
//! session runs the optimizer ([`AdamW`], its state saved beside the model) and the
//! clock; an [`Observer`] hears what happens (the command line draws a progress bar from
//! it; nothing here prints).

use std::fmt::Display;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tch::{Tensor, nn};

use crate::adamw::{AdamW, STATE_FILE, StateError};

/// The file, beside a checkpoint, that holds the training curve.
pub const METRICS_FILE: &str = "metrics.jsonl";

/// Gradients are scaled down to this total 2-norm before each update.
pub const MAX_GRAD_NORM: f64 = 1.0;

/// Progress of a training run over all its sessions, saved with every checkpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Optimiser steps so far.
    pub steps: u64,
    /// Training tasks consumed so far.
    pub tasks_seen: u64,
    /// Training wall-clock time so far (evaluations and saving excluded), in seconds.
    pub train_seconds: f64,
    /// Sessions (1 for a fresh run, +1 per resume).
    pub sessions: u32,
}

/// The learning rate over a session.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schedule {
    /// Peak learning rate.
    pub peak: f64,
    /// Steps of linear warm-up at the start of a run (counted over all its sessions).
    pub warmup_steps: u64,
}

impl Schedule {
    /// The rate of the step after `steps_done` steps of the run, `session_share` (0 to 1)
    /// of the way through the session: warm-up, then cosine down to a tenth of the peak.
    pub fn learning_rate(&self, steps_done: u64, session_share: f64) -> f64 {
        let warm = ((steps_done + 1) as f64 / self.warmup_steps.max(1) as f64).min(1.0);
        let cosine = 0.1 + 0.9 * 0.5 * (1.0 + (std::f64::consts::PI * session_share).cos());
        self.peak * warm * cosine
    }
}

/// What a session does when.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// How long the session trains, evaluations included.
    pub budget: Duration,
    /// The learning rate.
    pub schedule: Schedule,
    /// Minutes between evaluations.
    pub eval_every_minutes: f64,
    /// Minutes between checkpoints.
    pub checkpoint_every_minutes: f64,
    /// Whether the trainer has a held-out set to evaluate on.
    pub evaluate: bool,
    /// Whether to evaluate once before the first step too (a fresh run's baseline).
    pub evaluate_first: bool,
    /// Stop after this many steps even if time remains.
    pub max_steps: Option<u64>,
    /// The checkpoint folder; the reports go to its [`METRICS_FILE`].
    pub dir: PathBuf,
}

/// The session length for `minutes`, which must be a positive number.
pub fn budget(minutes: f64) -> Result<Duration, SessionError> {
    if minutes.is_nan() || minutes <= 0.0 {
        return Err(SessionError::NoTime(minutes));
    }
    Duration::try_from_secs_f64(minutes * 60.0).map_err(|_| SessionError::NoTime(minutes))
}

/// One step's batch: its loss, and what it counts for.
#[derive(Debug)]
pub struct Batch {
    /// The training loss, a scalar whose graph reaches the trained parameters.
    pub loss: Tensor,
    /// Tasks the batch trains on.
    pub tasks_trained: u64,
    /// Tasks it counts as consumed from the data stream (what resuming skips).
    pub tasks_seen: u64,
}

/// A model being trained, as a session drives it.
pub trait Trainer {
    /// One evaluation: a line of `metrics.jsonl`, and what the user is shown.
    type Report: Serialize + Display;
    /// What can go wrong.
    type Error: From<SessionError> + From<StateError>;

    /// The run's progress (the session updates it; [`Trainer::save`] saves it).
    fn progress(&mut self) -> &mut Progress;

    /// The next batch and its loss.
    fn batch(&mut self) -> Result<Batch, Self::Error>;

    /// Saves the model and the progress into the checkpoint folder `dir` (the session
    /// saves the optimizer's state beside them).
    fn save(&mut self, dir: &Path) -> Result<(), Self::Error>;

    /// Evaluates on the held-out set; `train_loss` is the mean training loss since the
    /// previous report (`None` before the first step).
    fn evaluate(&mut self, train_loss: Option<f64>) -> Result<Self::Report, Self::Error>;
}

/// The optimizer of a session over the trainable variables of `vars`: fresh, or with
/// `resume` the moments saved in `dir` (the observer is warned when there are none).
pub fn optimizer(
    vars: &nn::VarStore,
    schedule: &Schedule,
    weight_decay: f64,
    dir: &Path,
    resume: bool,
    observer: &mut dyn Observer,
) -> Result<AdamW, StateError> {
    let (optimizer, missing) = AdamW::for_session(vars, schedule.peak, weight_decay, dir, resume)?;
    if let Some(warning) = missing {
        observer.warn(&warning);
    }
    Ok(optimizer)
}

/// Where a session stands after a step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepStatus {
    /// Time since the session started.
    pub elapsed: Duration,
    /// The session's length.
    pub budget: Duration,
    /// Steps of the run so far.
    pub steps: u64,
    /// The step's loss.
    pub loss: f64,
    /// Tasks trained per second of training in this session.
    pub tasks_per_second: f64,
}

/// Hears what a session does (the command line shows it; tests ignore it).
pub trait Observer {
    /// Something the user should know that does not stop the session.
    fn warn(&mut self, _warning: &dyn Display) {}
    /// The session starts: what it trains, for how long.
    fn start(&mut self, _budget: Duration, _headline: &str) {}
    /// A step is done.
    fn step(&mut self, _status: &StepStatus) {}
    /// An evaluation is done (its report, for the user).
    fn evaluated(&mut self, _report: &dyn Display) {}
    /// The session is over.
    fn finish(&mut self) {}
}

/// An observer that ignores everything.
#[derive(Clone, Copy, Debug, Default)]
pub struct Quiet;

impl Observer for Quiet {}

/// What a session did.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SessionOutcome {
    /// Steps taken.
    pub steps: u64,
    /// Tasks trained on.
    pub tasks_trained: u64,
    /// Seconds spent in training steps (evaluations and saving excluded).
    pub train_seconds: f64,
}

impl SessionOutcome {
    /// Training throughput, tasks per second.
    pub fn tasks_per_second(&self) -> f64 {
        self.tasks_trained as f64 / self.train_seconds.max(1e-9)
    }
}

/// Why a session cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The session was given no time.
    #[error("--minutes must be positive (found {0})")]
    NoTime(f64),
    /// A step would train on nothing.
    #[error("the batch size must be positive")]
    EmptyBatch,
    /// A step's loss is NaN or infinite.
    #[error("the training loss became {loss} at step {step}; lower the learning rate")]
    NonFiniteLoss {
        /// The loss.
        loss: f64,
        /// The step (counted over the run).
        step: u64,
    },
    /// The training curve cannot be written.
    #[error("cannot append to the training curve {}", path.display())]
    Metrics {
        /// `metrics.jsonl`.
        path: PathBuf,
        /// What the operating system reported.
        #[source]
        source: std::io::Error,
    },
    /// A report cannot be written as JSON.
    #[error("cannot write an evaluation report as JSON")]
    Report(#[source] serde_json::Error),
}

/// Appends one report to the training curve of the checkpoint in `dir`.
pub fn append_metrics(dir: &Path, report: &impl Serialize) -> Result<(), SessionError> {
    let path = dir.join(METRICS_FILE);
    let line = serde_json::to_string(report).map_err(SessionError::Report)?;
    let failed = |source| SessionError::Metrics {
        path: path.clone(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(failed)?;
    writeln!(file, "{line}").map_err(failed)
}

/// The mean of the losses since the last report.
#[derive(Default)]
struct MeanLoss {
    sum: f64,
    count: u64,
}

impl MeanLoss {
    fn take(&mut self) -> Option<f64> {
        let mean = (self.count > 0).then(|| self.sum / self.count as f64);
        *self = MeanLoss::default();
        mean
    }
}

fn report<T: Trainer>(
    trainer: &mut T,
    plan: &Plan,
    train_loss: Option<f64>,
    observer: &mut dyn Observer,
) -> Result<(), T::Error> {
    let report = trainer.evaluate(train_loss)?;
    observer.evaluated(&report);
    Ok(append_metrics(&plan.dir, &report)?)
}

fn save<T: Trainer>(trainer: &mut T, optimizer: &AdamW, dir: &Path) -> Result<(), T::Error> {
    trainer.save(dir)?;
    Ok(optimizer.save(&dir.join(STATE_FILE))?)
}

/// Runs one session of `trainer` with `optimizer` (the trainer's progress already
/// counting this session), telling `observer` about it; `headline` says what is trained.
pub fn run<T: Trainer>(
    trainer: &mut T,
    optimizer: &mut AdamW,
    plan: &Plan,
    headline: &str,
    observer: &mut dyn Observer,
) -> Result<SessionOutcome, T::Error> {
    observer.start(plan.budget, headline);
    let session = Instant::now();
    save(trainer, optimizer, &plan.dir)?;
    if plan.evaluate && plan.evaluate_first {
        report(trainer, plan, None, observer)?;
    }
    let seconds = |minutes: f64| Duration::from_secs_f64(minutes.max(0.0) * 60.0);
    let (eval_every, checkpoint_every) = (
        seconds(plan.eval_every_minutes),
        seconds(plan.checkpoint_every_minutes),
    );
    let max_steps = plan.max_steps.unwrap_or(u64::MAX);
    let mut outcome = SessionOutcome::default();
    let mut unsaved_training = Duration::ZERO;
    let (mut last_eval, mut last_checkpoint) = (Instant::now(), Instant::now());
    let mut losses = MeanLoss::default();
    loop {
        let done = session.elapsed() >= plan.budget || outcome.steps >= max_steps;
        let eval_due = last_eval.elapsed() >= eval_every;
        if done || eval_due || last_checkpoint.elapsed() >= checkpoint_every {
            trainer.progress().train_seconds += unsaved_training.as_secs_f64();
            unsaved_training = Duration::ZERO;
            save(trainer, optimizer, &plan.dir)?;
            last_checkpoint = Instant::now();
        }
        if (done || eval_due) && plan.evaluate && losses.count > 0 {
            report(trainer, plan, losses.take(), observer)?;
            last_eval = Instant::now();
        }
        if done {
            break;
        }
        let started = Instant::now();
        let share = session.elapsed().as_secs_f64() / plan.budget.as_secs_f64();
        let steps_done = trainer.progress().steps;
        optimizer.set_lr(plan.schedule.learning_rate(steps_done, share));
        let batch = trainer.batch()?;
        let loss = optimizer.minimize(&batch.loss, MAX_GRAD_NORM);
        if !loss.is_finite() {
            return Err(SessionError::NonFiniteLoss {
                loss,
                step: steps_done + 1,
            }
            .into());
        }
        let progress = trainer.progress();
        progress.steps += 1;
        progress.tasks_seen += batch.tasks_seen;
        losses.sum += loss;
        losses.count += 1;
        outcome.steps += 1;
        outcome.tasks_trained += batch.tasks_trained;
        unsaved_training += started.elapsed();
        outcome.train_seconds += started.elapsed().as_secs_f64();
        observer.step(&StepStatus {
            elapsed: session.elapsed(),
            budget: plan.budget,
            steps: progress.steps,
            loss,
            tasks_per_second: outcome.tasks_per_second(),
        });
    }
    observer.finish();
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::{Device, Kind};

    /// A trainer whose loss halves each step, optionally turning NaN at some step; the
    /// loss reaches a parameter (with a zero gradient) so that the optimizer can step.
    struct Halving {
        vars: nn::VarStore,
        weight: Tensor,
        progress: Progress,
        loss: f64,
        nan_at: Option<u64>,
        saves: usize,
    }

    #[derive(Serialize)]
    struct Line {
        steps: u64,
        train_loss: Option<f64>,
    }

    impl Display for Line {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "after {} steps", self.steps)
        }
    }

    #[derive(Debug, thiserror::Error)]
    enum TestError {
        #[error(transparent)]
        Session(#[from] SessionError),
        #[error(transparent)]
        State(#[from] StateError),
    }

    impl Trainer for Halving {
        type Report = Line;
        type Error = TestError;

        fn progress(&mut self) -> &mut Progress {
            &mut self.progress
        }

        fn batch(&mut self) -> Result<Batch, TestError> {
            self.loss /= 2.0;
            let nan = self.nan_at == Some(self.progress.steps + 1);
            let value = if nan { f64::NAN } else { self.loss };
            Ok(Batch {
                loss: (&self.weight * 0.0).sum(Kind::Float) + value,
                tasks_trained: 2,
                tasks_seen: 3,
            })
        }

        fn save(&mut self, _dir: &Path) -> Result<(), TestError> {
            self.saves += 1;
            Ok(())
        }

        fn evaluate(&mut self, train_loss: Option<f64>) -> Result<Line, TestError> {
            Ok(Line {
                steps: self.progress.steps,
                train_loss,
            })
        }
    }

    fn plan(dir: &Path) -> Plan {
        Plan {
            budget: Duration::from_secs(600),
            schedule: Schedule {
                peak: 1.0,
                warmup_steps: 2,
            },
            eval_every_minutes: 60.0,
            checkpoint_every_minutes: 60.0,
            evaluate: true,
            evaluate_first: true,
            max_steps: Some(4),
            dir: dir.to_path_buf(),
        }
    }

    fn halving(nan_at: Option<u64>) -> (Halving, AdamW) {
        let vars = nn::VarStore::new(Device::Cpu);
        let weight = vars.root().var("w", &[2], nn::Init::Const(1.0));
        let optimizer = AdamW::new(&vars, 0.1, 0.0);
        let trainer = Halving {
            vars,
            weight,
            progress: Progress::default(),
            loss: 8.0,
            nan_at,
            saves: 0,
        };
        (trainer, optimizer)
    }

    #[test]
    fn a_session_warms_up_saves_and_reports_before_and_after() {
        let dir = tempfile::tempdir().unwrap();
        let (mut trainer, mut optimizer) = halving(None);
        let plan = plan(dir.path());
        let outcome = run(&mut trainer, &mut optimizer, &plan, "test", &mut Quiet).unwrap();
        assert_eq!((outcome.steps, outcome.tasks_trained), (4, 8));
        assert_eq!(
            (trainer.progress.steps, trainer.progress.tasks_seen),
            (4, 12)
        );
        assert_eq!(trainer.saves, 2, "at the start and at the end");
        assert_eq!(optimizer.steps(), 4);
        assert!(
            dir.path().join(STATE_FILE).exists(),
            "the optimizer is saved"
        );
        let metrics = std::fs::read_to_string(dir.path().join(METRICS_FILE)).unwrap();
        let lines: Vec<&str> = metrics.lines().collect();
        assert_eq!(lines.len(), 2, "{metrics}");
        assert_eq!(lines[0], r#"{"steps":0,"train_loss":null}"#);
        // The mean of 4, 2, 1 and 0.5.
        assert_eq!(lines[1], r#"{"steps":4,"train_loss":1.875}"#);
        assert_eq!(trainer.vars.variables().len(), 1);
    }

    #[test]
    fn the_schedule_warms_up_then_decays_to_a_tenth() {
        let schedule = Schedule {
            peak: 2.0,
            warmup_steps: 4,
        };
        assert_eq!(schedule.learning_rate(0, 0.0), 0.5);
        assert_eq!(schedule.learning_rate(3, 0.0), 2.0);
        assert!((schedule.learning_rate(100, 0.5) - 1.1).abs() < 1e-12);
        assert!((schedule.learning_rate(100, 1.0) - 0.2).abs() < 1e-12);
    }

    #[test]
    fn a_non_finite_loss_ends_the_session() {
        let dir = tempfile::tempdir().unwrap();
        let (mut trainer, mut optimizer) = halving(Some(3));
        let plan = plan(dir.path());
        let err = run(&mut trainer, &mut optimizer, &plan, "test", &mut Quiet).unwrap_err();
        let TestError::Session(err) = err else {
            panic!("{err}")
        };
        assert!(
            matches!(err, SessionError::NonFiniteLoss { step: 3, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("lower the learning rate"), "{err}");
        assert_eq!(trainer.progress.steps, 2);
        assert!(matches!(budget(0.0), Err(SessionError::NoTime(_))));
        assert!(budget(f64::NAN).is_err() && budget(0.5).is_ok());
    }
}
