//! The real Gemma 3 270M checkpoint (`make gemma`), loaded from GGUF into the decoder, reproduces
//! the independent float64 reference forward pass (tests/data/gemma3_270m_reference.json,
//! whose provenance it states): last-position logits within 1e-3, the same top-10, and
//! the same 12 greedy tokens (generated here with the KV cache, there by recomputing).
//! It also survives a round trip through the Hugging Face layout.

use gemfill_gemma::{GemmaCheckpoint, Sampling};
use serde_json::Value;
use tch::{Device, Kind, Tensor};

const TOLERANCE: f64 = 1e-3;

#[path = "common/checkpoint.rs"]
mod installed;

fn checkpoint() -> Option<GemmaCheckpoint> {
    let path = installed::gemma3_270m_or_skip()?;
    Some(GemmaCheckpoint::load_gguf(&path, Device::Cpu).unwrap())
}

fn reference() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/gemma3_270m_reference.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn u32s(value: &Value) -> Vec<u32> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as u32)
        .collect()
}

fn f64s(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}

fn to_vec(tensor: &Tensor) -> Vec<f64> {
    Vec::<f64>::try_from(tensor.to_kind(Kind::Double).flatten(0, -1)).unwrap()
}

#[test]
fn gguf_checkpoint_reproduces_the_reference_logits_and_greedy_tokens() {
    let Some(checkpoint) = checkpoint() else {
        return;
    };
    let reference = reference();
    for case in reference["prompts"].as_array().unwrap() {
        let prompt = case["prompt"].as_str().unwrap();
        let ids = checkpoint.tokenizer.encode(prompt).unwrap();
        assert_eq!(ids, u32s(&case["ids"]), "{prompt:?}: token ids");

        let logits = checkpoint.logits(&ids).unwrap();
        let last = to_vec(&logits.get(ids.len() as i64 - 1));
        assert_eq!(last.len(), 262_144);

        let mut worst = 0f64;
        for pair in case["sampled_last_logits"].as_array().unwrap() {
            let (id, expected) = (
                pair[0].as_u64().unwrap() as usize,
                pair[1].as_f64().unwrap(),
            );
            worst = worst.max((last[id] - expected).abs());
        }
        assert!(
            worst <= TOLERANCE,
            "{prompt:?}: max |logit - reference| = {worst}"
        );

        let mut order: Vec<usize> = (0..last.len()).collect();
        order.sort_by(|&a, &b| last[b].total_cmp(&last[a]));
        let top10: Vec<u64> = order[..10].iter().map(|&i| i as u64).collect();
        let expected_top10: Vec<u64> = case["top10_last_position"]
            .as_array()
            .unwrap()
            .iter()
            .map(|pair| pair[0].as_u64().unwrap())
            .collect();
        assert_eq!(top10, expected_top10, "{prompt:?}: top-10");
        for pair in case["top10_last_position"].as_array().unwrap() {
            let (id, expected) = (
                pair[0].as_u64().unwrap() as usize,
                pair[1].as_f64().unwrap(),
            );
            assert!(
                (last[id] - expected).abs() <= TOLERANCE,
                "{prompt:?}: logit of {id}"
            );
        }

        // Statistics over the whole vocabulary.
        let n = last.len() as f64;
        let mean = last.iter().sum::<f64>() / n;
        let std = (last.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
        let min = last.iter().copied().fold(f64::INFINITY, f64::min);
        let stats = &case["last_logits_stats"];
        for (name, found) in [("mean", mean), ("std", std), ("min", min)] {
            let expected = stats[name].as_f64().unwrap();
            assert!(
                (found - expected).abs() <= TOLERANCE,
                "{prompt:?}: {name} {found} vs {expected}"
            );
        }

        let argmax = u32s(&case["argmax_each_position"]);
        let found_argmax: Vec<u32> = to_vec(&logits.argmax(-1, false))
            .iter()
            .map(|&v| v as u32)
            .collect();
        assert_eq!(found_argmax, argmax, "{prompt:?}: argmax at each position");

        let hidden = checkpoint.final_hidden(&ids).unwrap();
        let hidden_last = to_vec(&hidden.get(ids.len() as i64 - 1));
        for (i, expected) in f64s(&case["final_norm_last_first8"]).iter().enumerate() {
            assert!(
                (hidden_last[i] - expected).abs() <= TOLERANCE,
                "{prompt:?}: final norm [{i}]"
            );
        }

        let generation = checkpoint.generate(prompt, 12, Sampling::Greedy).unwrap();
        assert_eq!(
            generation.ids,
            u32s(&case["greedy_ids"]),
            "{prompt:?}: greedy ids"
        );
        assert_eq!(
            generation.text,
            case["greedy_text"].as_str().unwrap(),
            "{prompt:?}"
        );
    }
}

#[test]
fn hugging_face_layout_round_trips_the_checkpoint() {
    let Some(checkpoint) = checkpoint() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    checkpoint.save_hf(dir.path()).unwrap();
    for file in ["config.json", "model.safetensors", "tokenizer.json"] {
        assert!(dir.path().join(file).exists(), "{file} was not written");
    }
    let config: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("config.json")).unwrap())
            .unwrap();
    assert_eq!(config["model_type"], "gemma3_text");
    assert_eq!(config["layer_types"][5], "full_attention");

    let reloaded = GemmaCheckpoint::load_hf(dir.path(), Device::Cpu).unwrap();
    assert_eq!(reloaded.model.config(), checkpoint.model.config());
    let prompt = "The capital of France is";
    let ids = checkpoint.tokenizer.encode(prompt).unwrap();
    assert_eq!(reloaded.tokenizer.encode(prompt).unwrap(), ids);
    // Same float32 weights, same decoder: the logits are identical, not merely close.
    let before = checkpoint.logits(&ids).unwrap();
    let after = reloaded.logits(&ids).unwrap();
    let max_difference = (&before - &after).abs().max().double_value(&[]);
    assert_eq!(max_difference, 0.0);
    // HF's convention: norm weights are w, not GGUF's 1 + w (output_norm mean 26.3).
    let norm = reloaded.vars.variables()["model.norm.weight"]
        .mean(Kind::Double)
        .double_value(&[]);
    assert!((norm - 25.3).abs() < 0.1, "model.norm.weight mean {norm}");
}
