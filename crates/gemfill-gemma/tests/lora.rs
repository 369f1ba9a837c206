//! LoRA fine-tuning on a tiny random Gemma 3 decoder (not the real checkpoint) with a
//! byte-level tokenizer: training steps lower the loss and leave the base weights alone;
//! a short run saves an adapter that reloads, attaches and merges to the same model, and
//! resumes; damaged or mismatched adapters are refused with a message.

use std::collections::BTreeMap;
use std::path::Path;

use gemfill_data::synthetic::Generator;
use gemfill_gemma::adapter::{BaseModel, LoraAdapter, META_FILE, WEIGHTS_FILE};
use gemfill_gemma::finetune::{FinetuneConfig, batch_loss, encode_task, finetune, train_step};
use gemfill_gemma::{Family, GemmaCheckpoint, GemmaTokenizer};
use gemfill_transformer::adamw::{AdamW, STATE_FILE};
use gemfill_transformer::session::Quiet;
use gemfill_transformer::{Gemma, GemmaConfig, LoraConfig, LoraTarget};
use tch::{Device, Tensor, nn};

mod common;

/// Control tokens, then the 256 byte tokens: every text encodes (by byte fallback).
fn byte_tokenizer() -> GemmaTokenizer {
    let mut tokens: Vec<String> = ["<pad>", "<eos>", "<bos>", "<unk>"]
        .iter()
        .map(|t| t.to_string())
        .collect();
    tokens.extend((0..=255u8).map(|b| format!("<0x{b:02X}>")));
    let types: Vec<i32> = (0..tokens.len())
        .map(|i| if i < 4 { 3 } else { 6 })
        .collect();
    common::tokenizer_from_vocab(tokens, types)
}

fn tiny_config() -> GemmaConfig {
    let mut c = GemmaConfig::gemma3_270m();
    (c.vocab_size, c.hidden_size, c.intermediate_size) = (260, 16, 32);
    (
        c.num_hidden_layers,
        c.num_attention_heads,
        c.num_key_value_heads,
    ) = (2, 2, 1);
    (c.head_dim, c.sliding_window, c.sliding_window_pattern) = (8, Some(64), 2);
    c
}

fn tiny_checkpoint(seed: i64) -> GemmaCheckpoint {
    tch::manual_seed(seed);
    let vars = nn::VarStore::new(Device::Cpu);
    let model = Gemma::new(&vars.root(), &tiny_config()).unwrap();
    GemmaCheckpoint {
        family: Family::Gemma3,
        model,
        vars,
        tokenizer: byte_tokenizer(),
        load_seconds: 0.0,
    }
}

fn snapshot(vars: &nn::VarStore) -> BTreeMap<String, Tensor> {
    vars.variables()
        .into_iter()
        .map(|(n, t)| (n, t.copy()))
        .collect()
}

/// Writes saved weights back into a decoder of the same shape.
fn restore(vars: &nn::VarStore, weights: &BTreeMap<String, Tensor>) {
    for (name, mut variable) in vars.variables() {
        tch::no_grad(|| variable.copy_(&weights[&name]));
    }
}

fn assert_unchanged(before: &BTreeMap<String, Tensor>, vars: &nn::VarStore) {
    let now = vars.variables();
    assert_eq!(now.len(), before.len());
    for (name, t) in before {
        assert!(now[name].equal(t), "base weight {name} changed");
    }
}

/// A fake base checkpoint file standing for the tiny decoder.
fn base_file(dir: &Path, checkpoint: &GemmaCheckpoint, bytes: usize) -> BaseModel {
    let path = dir.join("tiny-base.gguf");
    std::fs::write(&path, vec![0u8; bytes]).unwrap();
    BaseModel::of_file(&path, checkpoint.model.config()).unwrap()
}

#[test]
fn training_steps_lower_the_loss_and_touch_only_the_adapter() {
    let mut checkpoint = tiny_checkpoint(11);
    checkpoint.vars.freeze();
    let before = snapshot(&checkpoint.vars);
    let mut generator = Generator::new(5);
    let batch: Vec<_> = (0..2)
        .map(|_| encode_task(&checkpoint.tokenizer, &generator.task()).unwrap())
        .collect();
    // The answer is a space, the program and a newline, byte by byte.
    assert_eq!(batch[0].prompt[0], 2, "<bos> first");
    assert_eq!(*batch[0].answer.last().unwrap(), 4 + u32::from(b'\n'));
    let adapters = nn::VarStore::new(Device::Cpu);
    let lora = LoraConfig::new(4, 8.0, LoraTarget::ALL.to_vec()).unwrap();
    checkpoint
        .model
        .attach_lora(&adapters.root(), &lora)
        .unwrap();
    let mut optimizer = AdamW::new(&adapters, 1e-2, 0.01);
    let losses: Vec<f64> = (0..12)
        .map(|_| train_step(&checkpoint.model, &mut optimizer, &batch, Device::Cpu).unwrap())
        .collect();
    let (first, last) = (losses[0], *losses.last().unwrap());
    assert!(last < first - 0.1, "the loss did not go down: {losses:?}");
    // A random 260-token model starts near ln 260.
    assert!((first - 260f64.ln()).abs() < 1.5, "first loss {first}");
    assert_unchanged(&before, &checkpoint.vars);
    // The loss of a task does not depend on the padding of a longer neighbour.
    let alone = batch_loss(&checkpoint.model, &batch[..1], Device::Cpu).unwrap();
    let mut longer = batch[1].clone();
    longer.answer.extend_from_slice(&[100; 30]);
    let short = batch[0].clone();
    let n0 = short.answer.len() as f64;
    let nl = longer.answer.len() as f64;
    let pair = batch_loss(&checkpoint.model, &[short, longer.clone()], Device::Cpu).unwrap();
    let other = batch_loss(&checkpoint.model, &[longer], Device::Cpu).unwrap();
    let want = (alone.double_value(&[]) * n0 + other.double_value(&[]) * nl) / (n0 + nl);
    assert!((pair.double_value(&[]) - want).abs() < 1e-4);
}

fn small_run_config() -> FinetuneConfig {
    let mut config = FinetuneConfig::with_rank(2).unwrap();
    config.batch_size = 2;
    config.eval_tasks = 2;
    config.eval_max_tokens = 8;
    config.max_steps = Some(3);
    config.learning_rate = 5e-3;
    config.max_tokens = 2000;
    config
}

#[test]
fn a_short_run_saves_an_adapter_that_reloads_merges_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("adapter");
    let mut checkpoint = tiny_checkpoint(12);
    let base = base_file(dir.path(), &checkpoint, 1234);
    let before = snapshot(&checkpoint.vars);
    let config = small_run_config();
    let first = finetune(
        &mut checkpoint,
        &base,
        &config,
        5.0,
        &out,
        false,
        &mut Quiet,
    )
    .unwrap();
    assert_eq!(
        (first.meta.progress.steps, first.meta.progress.sessions),
        (3, 1)
    );
    assert!(first.tasks_trained == 6 && first.tasks_per_second() > 0.0);
    assert_unchanged(&before, &checkpoint.vars);
    let metrics = std::fs::read_to_string(out.join("metrics.jsonl")).unwrap();
    assert_eq!(metrics.lines().count(), 2, "before and after: {metrics}");
    assert!(out.join(STATE_FILE).exists(), "AdamW's moments are saved");

    // The saved adapter reloads with its description, and attached or merged into a
    // fresh copy of the base it gives the trained model's logits.
    let adapter = LoraAdapter::load(&out).unwrap();
    assert_eq!(adapter.meta.progress.steps, 3);
    assert_eq!(adapter.meta.lora, config.lora);
    assert_eq!(adapter.meta.prompt_style, "plain");
    assert_eq!(
        (adapter.meta.base.file.as_str(), adapter.meta.base.bytes),
        ("tiny-base.gguf", 1234)
    );
    adapter
        .check_base_file(&dir.path().join("tiny-base.gguf"))
        .unwrap();
    let ids = checkpoint.tokenizer.encode("Input: \"ab\"").unwrap();
    let trained = checkpoint.logits(&ids).unwrap();
    // The base is copied, not drawn again from seed 12: the tests of this file run in
    // parallel and share libtorch's one random generator, which `finetune` reseeds.
    let mut fresh = tiny_checkpoint(12);
    restore(&fresh.vars, &before);
    let base_logits = fresh.logits(&ids).unwrap();
    assert!(
        (&trained - &base_logits).abs().max().double_value(&[]) > 1e-4,
        "training changed nothing"
    );
    let _vars = fresh.attach_adapter(&adapter).unwrap();
    // Not bit-identical: libtorch may sum in another order from one run to the next.
    let attached = fresh.logits(&ids).unwrap();
    let gap = (&attached - &trained).abs().max().double_value(&[]);
    assert!(gap < 1e-5, "attached adapter differs by {gap}");
    fresh.model.detach_lora();
    fresh.merge_adapter(&adapter).unwrap();
    let merged = fresh.logits(&ids).unwrap();
    let gap = (&merged - &trained).abs().max().double_value(&[]);
    assert!(gap < 1e-4, "merged adapter differs by {gap}");

    // A second session continues the adapter.
    let err = finetune(
        &mut tiny_checkpoint(12),
        &base,
        &config,
        5.0,
        &out,
        false,
        &mut Quiet,
    )
    .unwrap_err();
    assert!(err.to_string().contains("--resume"), "{err}");
    let mut again = tiny_checkpoint(12);
    let second = finetune(&mut again, &base, &config, 5.0, &out, true, &mut Quiet).unwrap();
    assert_eq!(
        (second.meta.progress.steps, second.meta.progress.sessions),
        (6, 2)
    );
    assert_eq!(second.meta.progress.tasks_seen, 12);
    let metrics = std::fs::read_to_string(out.join("metrics.jsonl")).unwrap();
    assert_eq!(metrics.lines().count(), 3);
    let mut other_rank = config.clone();
    other_rank.lora.rank = 3;
    let err = finetune(
        &mut tiny_checkpoint(12),
        &base,
        &other_rank,
        5.0,
        &out,
        true,
        &mut Quiet,
    )
    .unwrap_err();
    assert!(err.to_string().contains("rank-2"), "{err}");
}

#[test]
fn damaged_or_mismatched_adapters_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("adapter");
    let mut checkpoint = tiny_checkpoint(13);
    let base = base_file(dir.path(), &checkpoint, 99);
    let mut config = small_run_config();
    config.eval_tasks = 0;
    config.max_steps = Some(1);
    finetune(
        &mut checkpoint,
        &base,
        &config,
        5.0,
        &out,
        false,
        &mut Quiet,
    )
    .unwrap();
    let adapter = LoraAdapter::load(&out).unwrap();

    // Another base file (size differs) and another decoder shape.
    let other = dir.path().join("other.gguf");
    std::fs::write(&other, [0u8; 7]).unwrap();
    let err = adapter.check_base_file(&other).unwrap_err().to_string();
    assert!(err.contains("99 bytes"), "{err}");
    let mut wider_config = tiny_config();
    wider_config.hidden_size = 24;
    let vars = nn::VarStore::new(Device::Cpu);
    let mut wider = GemmaCheckpoint {
        family: Family::Gemma3,
        model: Gemma::new(&vars.root(), &wider_config).unwrap(),
        vars,
        tokenizer: byte_tokenizer(),
        load_seconds: 0.0,
    };
    let err = wider.merge_adapter(&adapter).unwrap_err().to_string();
    assert!(err.contains("hidden size 16"), "{err}");

    // Truncated weights, a missing matrix, a bad description, a missing folder.
    let weights = out.join(WEIGHTS_FILE);
    let bytes = std::fs::read(&weights).unwrap();
    std::fs::write(&weights, &bytes[..bytes.len() / 2]).unwrap();
    let err = LoraAdapter::load(&out).unwrap_err().to_string();
    assert!(err.contains("adapter.safetensors"), "{err}");
    let mut tensors: Vec<(String, Tensor)> = adapter
        .tensors()
        .iter()
        .map(|(n, t)| (n.clone(), t.shallow_clone()))
        .collect();
    tensors.retain(|(n, _)| n != "model.layers.1.mlp.up_proj.lora_B");
    Tensor::write_safetensors(&tensors, &weights).unwrap();
    let err = LoraAdapter::load(&out).unwrap_err().to_string();
    assert!(
        err.contains("model.layers.1.mlp.up_proj.lora_B is missing"),
        "{err}"
    );
    std::fs::write(out.join(META_FILE), "{\"rank\": 2}").unwrap();
    let err = LoraAdapter::load(&out).unwrap_err().to_string();
    assert!(err.contains("adapter.json"), "{err}");
    let err = LoraAdapter::load(&dir.path().join("nowhere"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("adapter folder"), "{err}");
}
