//! LoRA fine-tuning of a Gemma checkpoint on the synthetic tasks (`gemfill train --base`).
//!
//! Each synthetic task becomes the [`PromptStyle::Plain`] prompt of [`crate::prompt`]
//! followed by the [`answer`] (a space, the program, a newline), tokenized as the proposer
//! sees them: the prompt with `<bos>`, then the answer's own tokens. The loss is the
//! cross-entropy of the answer tokens only; the output projection (262 144 rows for Gemma
//! 3) runs at those positions alone. Tasks of a step are right-padded into one batch,
//! which needs no attention mask: under the causal mask no real token sees the padding
//! after it, and padded positions carry no loss. AdamW updates the adapter's matrices;
//! the base weights are frozen (no gradients are even computed for them).
//!
//! Every few minutes the adapter is saved ([`crate::adapter`]); periodically the greedy
//! answer to each task of a fixed held-out synthetic set is parsed and run on the task's
//! given and held-out rows (top-1), and the result appended to `metrics.jsonl`. A run
//! resumes from its folder: the adapter, AdamW's moments (`optimizer.safetensors`), the
//! step count and the position in the data stream.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use gemfill_data::synthetic::{DATA_VERSION, Generator, Synthetic, TrainingData};
use gemfill_transformer::adamw::AdamW;
use gemfill_transformer::session::{
    self, Batch, MAX_GRAD_NORM, Observer, Plan, Progress, Schedule, SessionError, Trainer,
};
use gemfill_transformer::{Gemma, LoraConfig, LoraTarget};
use serde::{Deserialize, Serialize};
use tch::{Device, Kind, Reduction, Tensor, nn};

use crate::adapter::{AdapterMeta, BaseModel, FORMAT, LoraAdapter, META_FILE, prompt_style_name};
use crate::checkpoint::GemmaCheckpoint;
use crate::error::{GemmaError, Result};
use crate::prompt::{PromptStyle, answer, task_prompt};
use crate::tokenizer::GemmaTokenizer;

/// The prompt style adapters are trained with: the task alone, no worked examples.
pub const STYLE: PromptStyle = PromptStyle::Plain;

/// The hyper-parameters of a fine-tuning run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinetuneConfig {
    /// The adapter's rank, alpha and targets.
    pub lora: LoraConfig,
    /// Seed of the synthetic tasks and of the adapters' initial `A` matrices.
    pub seed: u64,
    /// Tasks per optimiser step.
    pub batch_size: usize,
    /// Peak learning rate.
    pub learning_rate: f64,
    /// Steps of linear warm-up at the start of a fresh run.
    pub warmup_steps: u64,
    /// AdamW weight decay on the adapter's matrices.
    pub weight_decay: f64,
    /// Tasks whose prompt and answer take more tokens are skipped.
    pub max_tokens: usize,
    /// Held-out synthetic tasks evaluated periodically (0: no evaluation), generated from
    /// `seed + 1_000_003` and never produced for training.
    pub eval_tasks: usize,
    /// Longest greedy answer of the evaluation, in tokens.
    pub eval_max_tokens: usize,
    /// Minutes between evaluations (one runs before training and one at the end too).
    pub eval_every_minutes: f64,
    /// Minutes between checkpoints.
    pub checkpoint_every_minutes: f64,
    /// Task files whose examples the generator must never produce (benchmark suites).
    pub exclude: Vec<PathBuf>,
    /// Stop the session after this many optimiser steps even if time remains.
    pub max_steps: Option<u64>,
}

impl FinetuneConfig {
    /// The defaults with an adapter of this rank: `alpha = 2 r`, every projection of
    /// every layer adapted.
    pub fn with_rank(rank: usize) -> Result<FinetuneConfig> {
        let lora = LoraConfig::new(rank, 2.0 * rank as f64, LoraTarget::ALL.to_vec())?;
        Ok(FinetuneConfig {
            lora,
            seed: 1,
            batch_size: 4,
            learning_rate: 1e-3,
            warmup_steps: 20,
            weight_decay: 0.0,
            max_tokens: 384,
            eval_tasks: 40,
            eval_max_tokens: 64,
            eval_every_minutes: 10.0,
            checkpoint_every_minutes: 3.0,
            exclude: Vec::new(),
            max_steps: None,
        })
    }
}

/// One task as token ids: the prompt (`<bos>` first) and the answer to learn.
#[derive(Clone, Debug, PartialEq)]
pub struct EncodedTask {
    /// Prompt ids.
    pub prompt: Vec<u32>,
    /// Answer ids (the loss is computed on these only).
    pub answer: Vec<u32>,
}

/// Tokenizes a synthetic task: [`task_prompt`] with [`STYLE`] and [`answer`] of its
/// program. The two are tokenized apart, as the proposer continues a tokenized prompt.
pub fn encode_task(tokenizer: &GemmaTokenizer, task: &Synthetic) -> Result<EncodedTask> {
    let prompt = tokenizer.encode(&task_prompt(&task.task.examples, STYLE))?;
    let answer = tokenizer
        .inner()
        .encode(answer(&task.program), false)
        .map_err(GemmaError::Tokenizer)?
        .get_ids()
        .to_vec();
    Ok(EncodedTask { prompt, answer })
}

/// The mean cross-entropy of the answer tokens of `batch` (right-padded into one
/// `[B, T]` batch; logits only where an answer token is predicted).
pub fn batch_loss(model: &Gemma, batch: &[EncodedTask], device: Device) -> Result<Tensor> {
    let lengths: Vec<usize> = batch
        .iter()
        .map(|t| t.prompt.len() + t.answer.len())
        .collect();
    let width = lengths.iter().copied().max().unwrap_or(0).saturating_sub(1);
    if batch.is_empty() || width == 0 || batch.iter().any(|t| t.answer.is_empty()) {
        return Err(GemmaError::Checkpoint(
            "a training batch needs tasks with a prompt and an answer".to_string(),
        ));
    }
    let mut inputs = vec![0i64; batch.len() * width];
    let (mut positions, mut targets) = (Vec::new(), Vec::new());
    for (row, task) in batch.iter().enumerate() {
        let ids: Vec<i64> = task
            .prompt
            .iter()
            .chain(&task.answer)
            .map(|&id| i64::from(id))
            .collect();
        // Position i predicts token i + 1: inputs are all tokens but the last.
        for (i, &id) in ids[..ids.len() - 1].iter().enumerate() {
            inputs[row * width + i] = id;
        }
        for (j, &id) in ids.iter().enumerate().skip(task.prompt.len()) {
            positions.push((row * width + j - 1) as i64);
            targets.push(id);
        }
    }
    let inputs = Tensor::from_slice(&inputs)
        .view([batch.len() as i64, width as i64])
        .to_device(device);
    let mut cache = model.new_cache();
    let hidden = model.forward_embeds(&model.embed(&inputs), None, false, &mut cache);
    let d = hidden.size()[2];
    let at = Tensor::from_slice(&positions).to_device(device);
    let picked = hidden.reshape([-1, d]).index_select(0, &at);
    let logits = model.logits(&picked).to_kind(Kind::Float);
    let targets = Tensor::from_slice(&targets).to_device(device);
    Ok(logits.cross_entropy_loss::<Tensor>(&targets, None, Reduction::Mean, -100, 0.0))
}

/// One optimiser step on `batch`; returns the loss before the step.
pub fn train_step(
    model: &Gemma,
    optimizer: &mut AdamW,
    batch: &[EncodedTask],
    device: Device,
) -> Result<f64> {
    let loss = batch_loss(model, batch, device)?;
    Ok(optimizer.minimize(&loss, MAX_GRAD_NORM))
}

/// The model's greedy continuation of `prompt` up to the first newline (the end of an
/// answer), at most `max_tokens` tokens, without the leading space.
pub fn greedy_answer(
    checkpoint: &GemmaCheckpoint,
    prompt: &[u32],
    max_tokens: usize,
) -> Result<String> {
    let device = checkpoint.vars.device();
    let model = &checkpoint.model;
    let eos = checkpoint.stop_ids();
    let mut ids: Vec<u32> = Vec::new();
    let mut cache = model.new_cache();
    let mut input: Vec<i64> = prompt.iter().map(|&id| i64::from(id)).collect();
    for _ in 0..max_tokens {
        let next = tch::no_grad(|| {
            let x = Tensor::from_slice(&input).unsqueeze(0).to_device(device);
            let hidden = model.forward_embeds(&model.embed(&x), None, false, &mut cache);
            // The output projection at the last position only.
            model
                .logits(&hidden.select(1, -1))
                .argmax(-1, false)
                .int64_value(&[0])
        }) as u32;
        if eos.contains(&next) {
            break;
        }
        ids.push(next);
        if checkpoint.tokenizer.decode(&[next])?.contains('\n') {
            break;
        }
        input = vec![i64::from(next)];
    }
    let text = checkpoint.tokenizer.decode(&ids)?;
    let line = text.split('\n').next().unwrap_or("");
    Ok(line.trim().to_string())
}

/// One evaluation on the held-out set (a line of `metrics.jsonl`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    /// Optimiser steps at the time.
    pub steps: u64,
    /// Training tasks seen.
    pub tasks_seen: u64,
    /// Training seconds so far.
    pub train_seconds: f64,
    /// Mean training loss since the previous report (`null` before training).
    pub train_loss: Option<f64>,
    /// Tasks evaluated.
    pub tasks: usize,
    /// Share whose greedy answer passes the given examples and the held-out rows.
    pub top1: f64,
    /// Share whose greedy answer passes the given examples.
    pub top1_examples: f64,
    /// Share whose greedy answer parses as a program.
    pub parsed: f64,
    /// Mean milliseconds per task of the greedy decoding.
    pub ms_per_task: f64,
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "eval after {} steps, {} tasks ({:.0} s of training): loss {}, top-1 {:.1}%, passes the examples {:.1}%, parses {:.1}%, {:.0} ms/task",
            self.steps,
            self.tasks_seen,
            self.train_seconds,
            self.train_loss
                .map_or("-".to_string(), |l| format!("{l:.3}")),
            self.top1 * 100.0,
            self.top1_examples * 100.0,
            self.parsed * 100.0,
            self.ms_per_task
        )
    }
}

/// Evaluates the checkpoint (with whatever adapter is attached or merged) on `tasks`.
pub fn evaluate(
    checkpoint: &GemmaCheckpoint,
    tasks: &[Synthetic],
    max_tokens: usize,
) -> Result<EvalReport> {
    let start = Instant::now();
    let (mut top1, mut top1_examples, mut parsed) = (0usize, 0usize, 0usize);
    for task in tasks {
        let encoded = encode_task(&checkpoint.tokenizer, task)?;
        let text = greedy_answer(checkpoint, &encoded.prompt, max_tokens)?;
        if let Ok(program) = gemfill_dsl::parse(&text) {
            parsed += 1;
            let verdict = task.verdict(&program);
            top1 += usize::from(verdict.all);
            top1_examples += usize::from(verdict.examples);
        }
    }
    let n = tasks.len().max(1) as f64;
    Ok(EvalReport {
        steps: 0,
        tasks_seen: 0,
        train_seconds: 0.0,
        train_loss: None,
        tasks: tasks.len(),
        top1: top1 as f64 / n,
        top1_examples: top1_examples as f64 / n,
        parsed: parsed as f64 / n,
        ms_per_task: start.elapsed().as_secs_f64() * 1000.0 / n,
    })
}

/// What a fine-tuning session did.
#[derive(Clone, Debug, PartialEq)]
pub struct FinetuneOutcome {
    /// The adapter's description as last saved.
    pub meta: AdapterMeta,
    /// Tasks trained on in this session.
    pub tasks_trained: u64,
    /// Seconds spent in training steps in this session (evaluations and saving excluded).
    pub train_seconds: f64,
}

impl FinetuneOutcome {
    /// Training throughput of the session, tasks per second.
    pub fn tasks_per_second(&self) -> f64 {
        self.tasks_trained as f64 / self.train_seconds.max(1e-9)
    }
}

/// The checkpoint, its adapter, their description and the data, as a session trains
/// them.
struct Adapted<'a> {
    checkpoint: &'a GemmaCheckpoint,
    adapters: nn::VarStore,
    meta: AdapterMeta,
    config: &'a FinetuneConfig,
    generator: Generator,
    held_out: Vec<Synthetic>,
}

impl Trainer for Adapted<'_> {
    type Report = EvalReport;
    type Error = GemmaError;

    fn progress(&mut self) -> &mut Progress {
        &mut self.meta.progress
    }

    fn batch(&mut self) -> Result<Batch> {
        let mut batch = Vec::with_capacity(self.config.batch_size);
        let mut drawn = 0;
        while batch.len() < self.config.batch_size {
            let task = self.generator.task();
            drawn += 1;
            let encoded = encode_task(&self.checkpoint.tokenizer, &task)?;
            if encoded.prompt.len() + encoded.answer.len() <= self.config.max_tokens {
                batch.push(encoded);
            }
        }
        let device = self.checkpoint.vars.device();
        Ok(Batch {
            loss: batch_loss(&self.checkpoint.model, &batch, device)?,
            tasks_trained: batch.len() as u64,
            tasks_seen: drawn,
        })
    }

    fn save(&mut self, dir: &Path) -> Result<()> {
        LoraAdapter::save(dir, &self.meta, &self.adapters)
    }

    fn evaluate(&mut self, train_loss: Option<f64>) -> Result<EvalReport> {
        let mut report = evaluate(self.checkpoint, &self.held_out, self.config.eval_max_tokens)?;
        let progress = &self.meta.progress;
        report.steps = progress.steps;
        report.tasks_seen = progress.tasks_seen;
        report.train_seconds = progress.train_seconds;
        report.train_loss = train_loss;
        Ok(report)
    }
}

/// The adapter to continue in `out`, checked against this run's settings and base.
fn adapter_to_resume(out: &Path, base: &BaseModel, config: &FinetuneConfig) -> Result<LoraAdapter> {
    let adapter = LoraAdapter::load(out)?;
    let meta = &adapter.meta;
    if meta.lora != config.lora {
        return Err(GemmaError::Checkpoint(format!(
            "{} holds a rank-{} adapter (alpha {}, targets {:?}); resume it with those settings",
            out.display(),
            meta.lora.rank,
            meta.lora.alpha,
            meta.lora.targets
        )));
    }
    if meta.base.bytes != base.bytes {
        return Err(GemmaError::Checkpoint(format!(
            "{} was trained on {} ({} bytes), not on {} ({} bytes)",
            out.display(),
            meta.base.file,
            meta.base.bytes,
            base.file,
            base.bytes
        )));
    }
    if meta.seed != config.seed || meta.data_version != DATA_VERSION {
        return Err(GemmaError::Checkpoint(format!(
            "{} was trained on data seed {} ({}); resume with that seed and data version",
            out.display(),
            meta.seed,
            meta.data_version
        )));
    }
    Ok(adapter)
}

/// Fine-tunes a LoRA adapter on `checkpoint` (whose file `base` describes) for `minutes`
/// of wall-clock time (evaluations included), saving it into `out`; `observer` hears how
/// it goes. With `resume`, continues the adapter in `out` (its rank, alpha and targets
/// must be `config.lora`'s). Returns what the session did. The checkpoint's weights are
/// frozen and left unchanged; the trained adapter stays attached (unmerged) on return.
pub fn finetune(
    checkpoint: &mut GemmaCheckpoint,
    base: &BaseModel,
    config: &FinetuneConfig,
    minutes: f64,
    out: &Path,
    resume: bool,
    observer: &mut dyn Observer,
) -> Result<FinetuneOutcome> {
    let budget = session::budget(minutes)?;
    if config.batch_size == 0 {
        return Err(SessionError::EmptyBatch.into());
    }
    config.lora.validate()?;
    if &base.config != checkpoint.model.config() {
        return Err(GemmaError::Checkpoint(format!(
            "the description of {} does not match the loaded decoder",
            base.file
        )));
    }
    let device = checkpoint.vars.device();
    checkpoint.vars.freeze();
    tch::manual_seed(config.seed as i64);
    let (adapters, mut meta) = if resume {
        let adapter = adapter_to_resume(out, base, config)?;
        let vars = checkpoint.attach_adapter(&adapter)?;
        (vars, adapter.meta)
    } else {
        if out.join(META_FILE).exists() {
            return Err(GemmaError::Checkpoint(format!(
                "{} already holds an adapter; pass --resume to continue it or choose another --out",
                out.display()
            )));
        }
        let vars = nn::VarStore::new(device);
        checkpoint.model.attach_lora(&vars.root(), &config.lora)?;
        let meta = AdapterMeta {
            format: FORMAT.to_string(),
            lora: config.lora.clone(),
            prompt_style: prompt_style_name(STYLE).to_string(),
            base: base.clone(),
            seed: config.seed,
            data_version: DATA_VERSION.to_string(),
            progress: Progress::default(),
        };
        (vars, meta)
    };
    meta.progress.sessions += 1;
    let TrainingData {
        held_out,
        generator,
        skipped,
    } = TrainingData::new(
        config.seed,
        config.eval_tasks,
        meta.progress.tasks_seen,
        &config.exclude,
    )?;
    for row in &skipped {
        observer.warn(&format_args!("exclude list: skipped {row}"));
    }
    let targets: Vec<&str> = config.lora.targets.iter().map(|t| t.name()).collect();
    let headline = format!(
        "fine-tuning {} adapter parameters (rank {}, alpha {}, {}) of {} on {device:?} into {} for {minutes} min (session {}, {} tasks seen before, {} torch threads)",
        config.lora.parameter_count(checkpoint.model.config()),
        config.lora.rank,
        config.lora.alpha,
        targets.join(","),
        base.file,
        out.display(),
        meta.progress.sessions,
        meta.progress.tasks_seen,
        tch::get_num_threads()
    );
    let plan = Plan {
        budget,
        schedule: Schedule {
            peak: config.learning_rate,
            warmup_steps: config.warmup_steps,
        },
        eval_every_minutes: config.eval_every_minutes,
        checkpoint_every_minutes: config.checkpoint_every_minutes,
        evaluate: config.eval_tasks > 0,
        evaluate_first: !resume,
        max_steps: config.max_steps,
        dir: out.to_path_buf(),
    };
    let mut optimizer = session::optimizer(
        &adapters,
        &plan.schedule,
        config.weight_decay,
        out,
        resume,
        observer,
    )?;
    let mut trainer = Adapted {
        checkpoint,
        adapters,
        meta,
        config,
        generator,
        held_out,
    };
    let done = session::run(&mut trainer, &mut optimizer, &plan, &headline, observer)?;
    Ok(FinetuneOutcome {
        meta: trainer.meta,
        tasks_trained: done.tasks_trained,
        train_seconds: done.train_seconds,
    })
}
