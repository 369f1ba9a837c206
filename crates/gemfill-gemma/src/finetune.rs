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

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gemfill_data::synthetic::{DATA_VERSION, Synthetic, TrainingData};
use gemfill_dsl::{Example, Tables, eval};
use gemfill_neural::adamw::{AdamW, STATE_FILE};
use gemfill_neural::gemma::{Gemma, LoraConfig, LoraTarget};
use gemfill_neural::train::{say, session_bar};
use serde::{Deserialize, Serialize};
use tch::{Device, Kind, Reduction, Tensor, nn};

use crate::adapter::{
    AdapterMeta, BaseModel, FORMAT, LoraAdapter, META_FILE, METRICS_FILE, prompt_style_name,
};
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
        let lora = LoraConfig::new(rank, 2.0 * rank as f64, LoraTarget::ALL.to_vec())
            .map_err(GemmaError::Checkpoint)?;
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
        .map_err(|e| GemmaError::Tokenizer(e.to_string()))?
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
    optimizer.zero_grad();
    loss.backward();
    optimizer.clip_grad_norm(1.0);
    optimizer.step();
    Ok(loss.double_value(&[]))
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

fn passes(program: &gemfill_dsl::Expr, rows: &[Example], tables: &Tables) -> bool {
    rows.iter()
        .all(|e| eval(program, &e.input_refs(), tables).is_ok_and(|v| v.to_string() == e.output))
}

/// Evaluates the checkpoint (with whatever adapter is attached or merged) on `tasks`.
pub fn evaluate(
    checkpoint: &GemmaCheckpoint,
    tasks: &[Synthetic],
    max_tokens: usize,
) -> Result<EvalReport> {
    let tables = Tables::default();
    let start = Instant::now();
    let (mut top1, mut top1_examples, mut parsed) = (0usize, 0usize, 0usize);
    for task in tasks {
        let encoded = encode_task(&checkpoint.tokenizer, task)?;
        let text = greedy_answer(checkpoint, &encoded.prompt, max_tokens)?;
        if let Ok(program) = gemfill_dsl::parse(&text) {
            parsed += 1;
            let all: Vec<Example> = task.task.all_examples().cloned().collect();
            top1 += usize::from(passes(&program, &all, &tables));
            top1_examples += usize::from(passes(&program, &task.task.examples, &tables));
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

fn append_metrics(dir: &Path, report: &EvalReport) -> Result<()> {
    let path = dir.join(METRICS_FILE);
    let io = |e: std::io::Error| GemmaError::File {
        path: path.clone(),
        message: format!("cannot write: {e}"),
    };
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(io)?;
    let line = serde_json::to_string(report).expect("a report serializes");
    writeln!(f, "{line}").map_err(io)
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

/// Fine-tunes a LoRA adapter on `checkpoint` (whose file `base` describes) for `minutes`
/// of wall-clock time (evaluations included), saving it into `out`. With `resume`,
/// continues the adapter in `out` (its rank, alpha and targets must be `config.lora`'s).
/// Returns what the session did. The checkpoint's weights are frozen
/// and left unchanged; the trained adapter stays attached (unmerged) on return.
pub fn finetune(
    checkpoint: &mut GemmaCheckpoint,
    base: &BaseModel,
    config: &FinetuneConfig,
    minutes: f64,
    out: &Path,
    resume: bool,
) -> Result<FinetuneOutcome> {
    if minutes.is_nan() || minutes <= 0.0 {
        return Err(GemmaError::Checkpoint("--minutes must be positive".into()));
    }
    if config.batch_size == 0 {
        return Err(GemmaError::Checkpoint(
            "the batch size must be positive".into(),
        ));
    }
    config.lora.validate().map_err(GemmaError::Checkpoint)?;
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
        let adapter = LoraAdapter::load(out)?;
        if adapter.meta.lora != config.lora {
            return Err(GemmaError::Checkpoint(format!(
                "{} holds a rank-{} adapter (alpha {}, targets {:?}); resume it with those settings",
                out.display(),
                adapter.meta.lora.rank,
                adapter.meta.lora.alpha,
                adapter.meta.lora.targets
            )));
        }
        if adapter.meta.base.bytes != base.bytes {
            return Err(GemmaError::Checkpoint(format!(
                "{} was trained on {} ({} bytes), not on {} ({} bytes)",
                out.display(),
                adapter.meta.base.file,
                adapter.meta.base.bytes,
                base.file,
                base.bytes
            )));
        }
        if adapter.meta.seed != config.seed || adapter.meta.data_version != DATA_VERSION {
            return Err(GemmaError::Checkpoint(format!(
                "{} was trained on data seed {} ({}); resume with that seed and data version",
                out.display(),
                adapter.meta.seed,
                adapter.meta.data_version
            )));
        }
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
        checkpoint
            .model
            .attach_lora(&vars.root(), &config.lora)
            .map_err(GemmaError::Checkpoint)?;
        let meta = AdapterMeta {
            format: FORMAT.to_string(),
            lora: config.lora.clone(),
            prompt_style: prompt_style_name(STYLE).to_string(),
            base: base.clone(),
            seed: config.seed,
            data_version: DATA_VERSION.to_string(),
            steps: 0,
            tasks_seen: 0,
            train_seconds: 0.0,
            sessions: 0,
        };
        (vars, meta)
    };
    meta.sessions += 1;
    let TrainingData {
        held_out,
        mut generator,
        skipped,
    } = TrainingData::new(
        config.seed,
        config.eval_tasks,
        meta.tasks_seen,
        &config.exclude,
    )?;
    for row in &skipped {
        eprintln!("warning: exclude list: skipped {row}");
    }
    let mut optimizer = AdamW::for_session(
        &adapters,
        config.learning_rate,
        config.weight_decay,
        out,
        resume,
    )?;

    let budget = Duration::from_secs_f64(minutes * 60.0);
    let bar = session_bar(budget);
    say(
        &bar,
        format!(
            "fine-tuning {} adapter parameters (rank {}, alpha {}, {}) of {} on {device:?} into {} for {minutes} min (session {}, {} tasks seen before, {} torch threads)",
            config.lora.parameter_count(checkpoint.model.config()),
            config.lora.rank,
            config.lora.alpha,
            config
                .lora
                .targets
                .iter()
                .map(|t| t.name())
                .collect::<Vec<_>>()
                .join(","),
            base.file,
            out.display(),
            meta.sessions,
            meta.tasks_seen,
            tch::get_num_threads()
        ),
    );
    let session = Instant::now();
    let save = |meta: &AdapterMeta, optimizer: &AdamW| -> Result<()> {
        LoraAdapter::save(out, meta, &adapters)?;
        Ok(optimizer.save(&out.join(STATE_FILE))?)
    };
    save(&meta, &optimizer)?;
    let report = |meta: &AdapterMeta, loss: Option<f64>| -> Result<()> {
        let mut r = evaluate(checkpoint, &held_out, config.eval_max_tokens)?;
        r.steps = meta.steps;
        r.tasks_seen = meta.tasks_seen;
        r.train_seconds = meta.train_seconds;
        r.train_loss = loss;
        say(
            &bar,
            format!(
                "eval after {} steps, {} tasks ({:.0} s of training): loss {}, top-1 {:.1}%, passes the examples {:.1}%, parses {:.1}%, {:.0} ms/task",
                r.steps,
                r.tasks_seen,
                r.train_seconds,
                loss.map_or("-".to_string(), |l| format!("{l:.3}")),
                r.top1 * 100.0,
                r.top1_examples * 100.0,
                r.parsed * 100.0,
                r.ms_per_task
            ),
        );
        append_metrics(out, &r)
    };
    if !resume && config.eval_tasks > 0 {
        report(&meta, None)?;
    }
    let mut train_time = Duration::ZERO;
    let (mut last_eval, mut last_ckpt, mut last_line) =
        (Instant::now(), Instant::now(), Instant::now());
    let (mut loss_sum, mut loss_n) = (0.0, 0u64);
    let (mut session_trained, mut session_steps, mut session_time) = (0u64, 0u64, 0.0f64);
    let max_steps = config.max_steps.unwrap_or(u64::MAX);
    loop {
        let done = session.elapsed() >= budget || session_steps >= max_steps;
        let eval_due = last_eval.elapsed().as_secs_f64() >= config.eval_every_minutes * 60.0;
        let ckpt_due = last_ckpt.elapsed().as_secs_f64() >= config.checkpoint_every_minutes * 60.0;
        if done || eval_due || ckpt_due {
            meta.train_seconds += train_time.as_secs_f64();
            train_time = Duration::ZERO;
            save(&meta, &optimizer)?;
            last_ckpt = Instant::now();
        }
        if (done || eval_due) && config.eval_tasks > 0 && loss_n > 0 {
            report(&meta, Some(loss_sum / loss_n as f64))?;
            (loss_sum, loss_n) = (0.0, 0);
            last_eval = Instant::now();
        }
        if done {
            break;
        }
        let step_start = Instant::now();
        let mut batch = Vec::with_capacity(config.batch_size);
        while batch.len() < config.batch_size {
            let task = generator.task();
            meta.tasks_seen += 1;
            let encoded = encode_task(&checkpoint.tokenizer, &task)?;
            if encoded.prompt.len() + encoded.answer.len() <= config.max_tokens {
                batch.push(encoded);
            }
        }
        // Warm-up, then cosine over this session's time down to a tenth.
        let progress = session.elapsed().as_secs_f64() / budget.as_secs_f64();
        let warm = ((meta.steps + 1) as f64 / config.warmup_steps.max(1) as f64).min(1.0);
        let cosine = 0.1 + 0.9 * 0.5 * (1.0 + (std::f64::consts::PI * progress).cos());
        optimizer.set_lr(config.learning_rate * warm * cosine);
        let loss = train_step(&checkpoint.model, &mut optimizer, &batch, device)?;
        if !loss.is_finite() {
            return Err(GemmaError::Checkpoint(format!(
                "the training loss became {loss} at step {}; lower the learning rate",
                meta.steps + 1
            )));
        }
        loss_sum += loss;
        loss_n += 1;
        meta.steps += 1;
        session_steps += 1;
        session_trained += batch.len() as u64;
        train_time += step_start.elapsed();
        session_time += step_start.elapsed().as_secs_f64();
        let rate = session_trained as f64 / session_time.max(1e-9);
        let line = format!("step {} loss {loss:.3} {rate:.2} tasks/s", meta.steps);
        bar.set_position(session.elapsed().as_secs().min(budget.as_secs()));
        if bar.is_hidden() && last_line.elapsed() >= Duration::from_secs(60) {
            eprintln!("{:.0} s: {line}", session.elapsed().as_secs_f64());
            last_line = Instant::now();
        }
        bar.set_message(line);
    }
    bar.finish();
    Ok(FinetuneOutcome {
        meta,
        tasks_trained: session_trained,
        train_seconds: session_time,
    })
}
