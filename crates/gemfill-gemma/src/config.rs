//! The decoder's [`GemmaConfig`] read from a checkpoint's own description: GGUF metadata
//! (llama.cpp's keys) or a Hugging Face `config.json` (Gemma 1, 2 or 3), and written back
//! as a `config.json`.
//!
//! Where a file leaves a value out, the default is the one llama.cpp or transformers
//! uses for that family (docs/gemma.md, "What differs per generation" and "The GGUF
//! file").

use gemfill_gguf::GgufFile;
use gemfill_transformer::GemmaConfig;
use serde_json::{Value, json};

use crate::error::{GemmaError, Result};

/// The Gemma generation a checkpoint belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Gemma 1: two norms per block, every layer global, no soft-caps.
    Gemma1,
    /// Gemma 2: sandwich norms, soft-caps 50 / 30, local and global layers alternating.
    Gemma2,
    /// Gemma 3: sandwich norms, QK-norm, 5 local : 1 global, two RoPE bases.
    Gemma3,
}

impl Family {
    /// The GGUF `general.architecture` of the family.
    pub fn gguf_architecture(self) -> &'static str {
        match self {
            Family::Gemma1 => "gemma",
            Family::Gemma2 => "gemma2",
            Family::Gemma3 => "gemma3",
        }
    }

    /// The Hugging Face `model_type` of the family's text decoder.
    pub fn hf_model_type(self) -> &'static str {
        match self {
            Family::Gemma1 => "gemma",
            Family::Gemma2 => "gemma2",
            Family::Gemma3 => "gemma3_text",
        }
    }

    /// The family of a config (by its switches).
    pub fn of(config: &GemmaConfig) -> Family {
        if config.use_qk_norm {
            Family::Gemma3
        } else if config.use_post_norms {
            Family::Gemma2
        } else {
            Family::Gemma1
        }
    }
}

/// The architectures [`config_from_gguf`] reads.
pub const GGUF_ARCHITECTURES: [&str; 3] = ["gemma", "gemma2", "gemma3"];

/// The decoder configuration a GGUF file describes.
pub fn config_from_gguf(file: &GgufFile) -> Result<(Family, GemmaConfig)> {
    let arch = file.require_architecture(&GGUF_ARCHITECTURES)?.to_string();
    let family = match arch.as_str() {
        "gemma" => Family::Gemma1,
        "gemma2" => Family::Gemma2,
        _ => Family::Gemma3,
    };
    let key = |name: &str| format!("{arch}.{name}");
    let usize_of = |name: &str| -> Result<usize> { Ok(file.get_u64(&key(name))? as usize) };
    let optional_f64 = |name: &str| -> Result<Option<f64>> {
        match file.get(&key(name)) {
            None => Ok(None),
            Some(_) => Ok(Some(file.get_f64(&key(name))?)),
        }
    };

    let hidden_size = usize_of("embedding_length")?;
    let num_attention_heads = usize_of("attention.head_count")?;
    let num_key_value_heads = match file.get(&key("attention.head_count_kv")) {
        None => num_attention_heads,
        Some(_) => usize_of("attention.head_count_kv")?,
    };
    let head_dim = match file.get(&key("attention.key_length")) {
        None => hidden_size / num_attention_heads.max(1),
        Some(_) => usize_of("attention.key_length")?,
    };
    let num_hidden_layers = usize_of("block_count")?;
    let embedding = file.tensor_info("token_embd.weight")?;
    let vocab_size = *embedding.shape().first().unwrap_or(&0);

    let mut config = match family {
        Family::Gemma1 => GemmaConfig::gemma1_2b(),
        Family::Gemma2 => GemmaConfig::gemma2_2b(),
        Family::Gemma3 => GemmaConfig::gemma3_270m(),
    };
    config.vocab_size = vocab_size;
    config.hidden_size = hidden_size;
    config.intermediate_size = usize_of("feed_forward_length")?;
    config.num_hidden_layers = num_hidden_layers;
    config.num_attention_heads = num_attention_heads;
    config.num_key_value_heads = num_key_value_heads;
    config.head_dim = head_dim;
    config.rms_norm_eps = optional_f64("attention.layer_norm_rms_epsilon")?.unwrap_or(1e-6);
    config.rope_theta = optional_f64("rope.freq_base")?.unwrap_or(10_000.0);
    config.tie_word_embeddings = file.tensor_info("output.weight").is_err();
    // llama.cpp scales queries by (d/H)^-0.5 instead of head_dim^-0.5 for the two 27B
    // models (Gemma 2: 46 layers, Gemma 3: 62 layers); the files carry no key for it.
    let wide_query_scale = matches!(
        (family, num_hidden_layers),
        (Family::Gemma2, 46) | (Family::Gemma3, 62)
    );
    config.query_pre_attn_scalar = match family {
        Family::Gemma1 => None,
        _ if wide_query_scale => Some((hidden_size / num_attention_heads.max(1)) as f64),
        _ => Some(head_dim as f64),
    };
    match family {
        Family::Gemma1 => {}
        Family::Gemma2 => {
            config.sliding_window =
                Some(optional_f64("attention.sliding_window")?.map_or(4096, |w| w as usize));
            config.attn_logit_softcapping =
                Some(optional_f64("attn_logit_softcapping")?.unwrap_or(50.0));
            config.final_logit_softcapping =
                Some(optional_f64("final_logit_softcapping")?.unwrap_or(30.0));
        }
        Family::Gemma3 => {
            config.sliding_window =
                Some(optional_f64("attention.sliding_window")?.map_or(512, |w| w as usize));
            config.rope_local_base_freq =
                Some(optional_f64("rope.freq_base_swa")?.unwrap_or(10_000.0));
            config.rope_global_scaling_factor = match file.get(&key("rope.scaling.type")) {
                None => 1.0,
                Some(_) => match file.get_str(&key("rope.scaling.type"))? {
                    "linear" => optional_f64("rope.scaling.factor")?.unwrap_or(1.0),
                    "none" => 1.0,
                    other => {
                        return Err(GemmaError::Checkpoint(format!(
                            "{}: {} is {other:?}; only linear RoPE scaling is implemented",
                            file.name(),
                            key("rope.scaling.type")
                        )));
                    }
                },
            };
            config.final_logit_softcapping = optional_f64("final_logit_softcapping")?;
            config.attn_logit_softcapping = optional_f64("attn_logit_softcapping")?;
        }
    }
    config.validate().map_err(|source| GemmaError::Config {
        origin: file.name().to_string(),
        source,
    })?;
    Ok((family, config))
}

fn field<'a>(json: &'a Value, name: &str) -> Option<&'a Value> {
    json.get(name).filter(|v| !v.is_null())
}

/// The decoder configuration of a Hugging Face `config.json` (`model_type` `gemma`,
/// `gemma2`, `gemma3_text`, or `gemma3` with a `text_config`).
pub fn config_from_hf_json(json: &Value) -> Result<(Family, GemmaConfig)> {
    let bad = |message: String| GemmaError::Checkpoint(format!("config.json: {message}"));
    let model_type = field(json, "model_type")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("no \"model_type\"; expected gemma, gemma2 or gemma3_text".into()))?;
    let (family, text) = match model_type {
        "gemma" => (Family::Gemma1, json),
        "gemma2" => (Family::Gemma2, json),
        "gemma3_text" => (Family::Gemma3, json),
        "gemma3" => (
            Family::Gemma3,
            field(json, "text_config")
                .ok_or_else(|| bad("model_type gemma3 without a \"text_config\"".to_string()))?,
        ),
        other => {
            return Err(bad(format!(
                "model_type {other:?} is not a Gemma 1, 2 or 3 text decoder"
            )));
        }
    };
    let mut config = match family {
        Family::Gemma1 => GemmaConfig::gemma1_2b(),
        Family::Gemma2 => GemmaConfig::gemma2_2b(),
        Family::Gemma3 => GemmaConfig::gemma3_270m(),
    };
    let usize_field = |name: &str| -> Result<Option<usize>> {
        match field(text, name) {
            None => Ok(None),
            Some(v) => v.as_u64().map(|v| Some(v as usize)).ok_or_else(|| {
                bad(format!(
                    "\"{name}\" must be a non-negative integer, found {v}"
                ))
            }),
        }
    };
    let f64_field = |name: &str| -> Result<Option<f64>> {
        match field(text, name) {
            None => Ok(None),
            Some(v) => v
                .as_f64()
                .map(Some)
                .ok_or_else(|| bad(format!("\"{name}\" must be a number, found {v}"))),
        }
    };
    let required = |name: &str| -> Result<usize> {
        usize_field(name)?.ok_or_else(|| bad(format!("\"{name}\" is missing")))
    };
    config.vocab_size = required("vocab_size")?;
    config.hidden_size = required("hidden_size")?;
    config.intermediate_size = required("intermediate_size")?;
    config.num_hidden_layers = required("num_hidden_layers")?;
    config.num_attention_heads = required("num_attention_heads")?;
    config.num_key_value_heads =
        usize_field("num_key_value_heads")?.unwrap_or(config.num_attention_heads);
    config.head_dim =
        usize_field("head_dim")?.unwrap_or(config.hidden_size / config.num_attention_heads.max(1));
    config.rms_norm_eps = f64_field("rms_norm_eps")?.unwrap_or(1e-6);
    config.tie_word_embeddings = field(text, "tie_word_embeddings")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    config.rope_theta = f64_field("rope_theta")?.unwrap_or(match family {
        Family::Gemma3 => 1_000_000.0,
        _ => 10_000.0,
    });
    match family {
        Family::Gemma1 => config.query_pre_attn_scalar = None,
        Family::Gemma2 | Family::Gemma3 => {
            config.query_pre_attn_scalar =
                Some(f64_field("query_pre_attn_scalar")?.unwrap_or(config.head_dim as f64));
            config.attn_logit_softcapping = f64_field("attn_logit_softcapping")?;
            config.final_logit_softcapping = f64_field("final_logit_softcapping")?;
            if let Some(window) = usize_field("sliding_window")? {
                config.sliding_window = Some(window);
            }
        }
    }
    if family == Family::Gemma3 {
        config.rope_local_base_freq = Some(f64_field("rope_local_base_freq")?.unwrap_or(10_000.0));
        if let Some(pattern) =
            usize_field("sliding_window_pattern")?.or(usize_field("_sliding_window_pattern")?)
        {
            config.sliding_window_pattern = pattern;
        }
        // transformers 5 writes per-layer-type RoPE parameters instead of rope_theta.
        if let Some(parameters) = field(text, "rope_parameters") {
            let theta = |layer_type: &str| {
                parameters
                    .get(layer_type)
                    .and_then(|p| p.get("rope_theta"))
                    .and_then(Value::as_f64)
            };
            if let Some(global) = theta("full_attention") {
                config.rope_theta = global;
            }
            if let Some(local) = theta("sliding_attention") {
                config.rope_local_base_freq = Some(local);
            }
        }
        config.rope_global_scaling_factor = match field(text, "rope_scaling") {
            None => 1.0,
            Some(scaling) => {
                let kind = scaling
                    .get("rope_type")
                    .or_else(|| scaling.get("type"))
                    .and_then(Value::as_str)
                    .unwrap_or("default");
                match kind {
                    "linear" => scaling.get("factor").and_then(Value::as_f64).unwrap_or(1.0),
                    "default" => 1.0,
                    other => {
                        return Err(bad(format!(
                            "rope_scaling type {other:?}; only linear RoPE scaling is implemented"
                        )));
                    }
                }
            }
        };
        if let Some(types) = field(text, "layer_types").and_then(Value::as_array) {
            for (layer, kind) in types.iter().enumerate() {
                let global = kind.as_str() == Some("full_attention");
                if global == config.is_sliding(layer) {
                    return Err(bad(format!(
                        "layer_types[{layer}] is {kind}, which the sliding-window pattern {} does not give",
                        config.sliding_window_pattern
                    )));
                }
            }
        }
    }
    config.validate().map_err(|source| GemmaError::Config {
        origin: "config.json".to_string(),
        source,
    })?;
    Ok((family, config))
}

/// A Hugging Face `config.json` describing `config` as a `family` text decoder.
pub fn config_to_hf_json(family: Family, config: &GemmaConfig, bos_id: u32, eos_id: u32) -> Value {
    let mut json = json!({
        "architectures": [match family {
            Family::Gemma1 => "GemmaForCausalLM",
            Family::Gemma2 => "Gemma2ForCausalLM",
            Family::Gemma3 => "Gemma3ForCausalLM",
        }],
        "model_type": family.hf_model_type(),
        "vocab_size": config.vocab_size,
        "hidden_size": config.hidden_size,
        "intermediate_size": config.intermediate_size,
        "num_hidden_layers": config.num_hidden_layers,
        "num_attention_heads": config.num_attention_heads,
        "num_key_value_heads": config.num_key_value_heads,
        "head_dim": config.head_dim,
        "rms_norm_eps": config.rms_norm_eps,
        "rope_theta": config.rope_theta,
        "hidden_activation": "gelu_pytorch_tanh",
        "tie_word_embeddings": config.tie_word_embeddings,
        "bos_token_id": bos_id,
        "eos_token_id": eos_id,
        "pad_token_id": 0,
        "torch_dtype": "float32",
    });
    if family != Family::Gemma1 {
        json["query_pre_attn_scalar"] = json!(config.query_pre_attn_scalar);
        json["attn_logit_softcapping"] = json!(config.attn_logit_softcapping);
        json["final_logit_softcapping"] = json!(config.final_logit_softcapping);
        json["sliding_window"] = json!(config.sliding_window);
    }
    if family == Family::Gemma3 {
        json["rope_local_base_freq"] = json!(config.rope_local_base_freq);
        json["_sliding_window_pattern"] = json!(config.sliding_window_pattern);
        json["rope_scaling"] = if config.rope_global_scaling_factor == 1.0 {
            Value::Null
        } else {
            json!({"rope_type": "linear", "factor": config.rope_global_scaling_factor})
        };
        json["layer_types"] = (0..config.num_hidden_layers)
            .map(|layer| {
                if config.is_sliding(layer) {
                    "sliding_attention"
                } else {
                    "full_attention"
                }
            })
            .collect();
    }
    json
}
