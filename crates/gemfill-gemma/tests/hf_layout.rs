//! Gemma 1, 2 and 3 decoders (small, random weights) saved in the Hugging Face layout and
//! read back: same configuration, same tokenizer, identical logits.

use gemfill_gemma::{Family, GemmaCheckpoint, GemmaTokenizer};
use gemfill_transformer::{Gemma, GemmaConfig};
use tch::{Device, nn};

mod common;

/// A 16-token SentencePiece vocabulary.
fn tiny_tokenizer() -> GemmaTokenizer {
    let tokens: Vec<String> = [
        "<pad>", "<eos>", "<bos>", "<unk>", "▁", "a", "b", "c", "▁a", "ab", "▁ab", "<0x0A>",
        "<0x41>", "bc", "▁b", "ca",
    ]
    .iter()
    .map(|t| t.to_string())
    .collect();
    let types: Vec<i32> = (0..tokens.len())
        .map(|i| match i {
            0..=3 => 3,
            11 | 12 => 6,
            _ => 1,
        })
        .collect();
    common::tokenizer_from_vocab(tokens, types)
}

fn shrink(mut config: GemmaConfig) -> GemmaConfig {
    config.vocab_size = 16;
    config.hidden_size = 12;
    config.intermediate_size = 20;
    config.num_hidden_layers = 3;
    config.num_attention_heads = 4;
    config.num_key_value_heads = 2;
    config.head_dim = 6;
    if config.sliding_window.is_some() {
        config.sliding_window = Some(2);
    }
    config
}

fn round_trip(family: Family, config: GemmaConfig) {
    tch::manual_seed(7);
    let vars = nn::VarStore::new(Device::Cpu);
    let model = Gemma::new(&vars.root(), &config).unwrap();
    // Norm weights start at zero; make them matter.
    for (name, mut variable) in vars.variables() {
        if name.ends_with("norm.weight") {
            tch::no_grad(|| variable.copy_(&(tch::Tensor::randn_like(&variable) * 0.1)));
        }
    }
    let original = GemmaCheckpoint {
        family,
        model,
        vars,
        tokenizer: tiny_tokenizer(),
        load_seconds: 0.0,
    };
    let dir = tempfile::tempdir().unwrap();
    original.save_hf(dir.path()).unwrap();
    let reloaded = GemmaCheckpoint::load_hf(dir.path(), Device::Cpu).unwrap();
    assert_eq!(reloaded.family, family);
    assert_eq!(reloaded.model.config(), &config, "{family:?}");
    let text = "ab abc\nA";
    let ids = original.tokenizer.encode(text).unwrap();
    assert_eq!(reloaded.tokenizer.encode(text).unwrap(), ids);
    let before = original.logits(&ids).unwrap();
    let after = reloaded.logits(&ids).unwrap();
    assert_eq!(
        (&before - &after).abs().max().double_value(&[]),
        0.0,
        "{family:?}"
    );
}

#[test]
fn gemma1_round_trips() {
    round_trip(Family::Gemma1, shrink(GemmaConfig::gemma1_2b()));
}

#[test]
fn gemma2_round_trips_with_its_soft_caps() {
    round_trip(Family::Gemma2, shrink(GemmaConfig::gemma2_2b()));
}

#[test]
fn gemma3_round_trips() {
    round_trip(Family::Gemma3, shrink(GemmaConfig::gemma3_270m()));
}

#[test]
fn the_tiny_tokenizer_merges_by_vocabulary_position() {
    let tokenizer = tiny_tokenizer();
    // "▁ab" (id 10) is reached by merging "▁a" + "b"; "ca" beats "bc" only by position.
    let ids = tokenizer.encode(" ab").unwrap();
    assert_eq!(ids, [2, 10]);
    // Text outside the vocabulary falls back to bytes, and "\n" has its byte token.
    assert_eq!(tokenizer.encode("\n").unwrap(), [2, 11]);
}
