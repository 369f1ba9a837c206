//! [`GemmaConfig`]: one set of switches for Gemma 1, 2 and 3 decoders, from the small model
//! trained here to the real checkpoints (names follow HF's `config.json`; what each
//! generation sets is tabled in docs/gemma.md, "What differs per generation").

use serde::{Deserialize, Serialize};

/// The shape and the architectural switches of a Gemma-family decoder.
///
/// Field names follow Hugging Face's `config.json` for Gemma 1/2/3 so that a real
/// checkpoint's config reads into this struct (unknown fields are ignored, missing ones take
/// Gemma 3's values where a default exists).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GemmaConfig {
    /// Rows of the embedding table (and of the tied output projection).
    pub vocab_size: usize,
    /// Width `d` of the residual stream.
    pub hidden_size: usize,
    /// Width `F` of the GeGLU feed-forward layer.
    pub intermediate_size: usize,
    /// Number of decoder layers.
    pub num_hidden_layers: usize,
    /// Query heads `H`.
    pub num_attention_heads: usize,
    /// Key/value heads `K` (`H` must be a multiple; `K = 1` is multi-query attention).
    pub num_key_value_heads: usize,
    /// Width of one head (`H * head_dim` need not equal `hidden_size`).
    pub head_dim: usize,
    /// Epsilon inside every RMSNorm.
    #[serde(default = "default_eps")]
    pub rms_norm_eps: f64,
    /// RoPE base of the global (full-attention) layers.
    #[serde(default = "default_rope_theta")]
    pub rope_theta: f64,
    /// RoPE base of the local (sliding-window) layers; `None` uses `rope_theta`
    /// (Gemma 2), Gemma 3 uses 10 000.
    #[serde(default)]
    pub rope_local_base_freq: Option<f64>,
    /// Linear RoPE scaling of the global layers (angles divided by it; 8 for Gemma 3 4B+).
    #[serde(default = "one")]
    pub rope_global_scaling_factor: f64,
    /// Queries are multiplied by `query_pre_attn_scalar^-0.5`; `None` uses `head_dim`
    /// (Gemma 1).
    #[serde(default)]
    pub query_pre_attn_scalar: Option<f64>,
    /// Attention scores become `cap * tanh(scores / cap)` before masking (Gemma 2: 50).
    #[serde(default)]
    pub attn_logit_softcapping: Option<f64>,
    /// Logits become `cap * tanh(logits / cap)` (Gemma 2: 30).
    #[serde(default)]
    pub final_logit_softcapping: Option<f64>,
    /// Keys visible to a query of a local layer, itself included (`i - j < window`);
    /// `None` makes every layer global (Gemma 1).
    #[serde(default)]
    pub sliding_window: Option<usize>,
    /// Layer `i` is global iff `(i + 1) % pattern == 0` (Gemma 2: 2, Gemma 3: 6); 1 makes
    /// every layer global.
    #[serde(default = "default_pattern", alias = "_sliding_window_pattern")]
    pub sliding_window_pattern: usize,
    /// Sandwich norms (Gemma 2/3): RMSNorm after attention and after the MLP as well as
    /// before them. Without them (Gemma 1) `post_attention_layernorm` is the pre-MLP norm.
    #[serde(default = "yes")]
    pub use_post_norms: bool,
    /// RMSNorm over each query and key head before RoPE (Gemma 3).
    #[serde(default = "yes")]
    pub use_qk_norm: bool,
    /// The output projection is the embedding table (all Gemma checkpoints); otherwise an
    /// `lm_head` of its own.
    #[serde(default = "yes")]
    pub tie_word_embeddings: bool,
}

fn default_eps() -> f64 {
    1e-6
}
fn default_rope_theta() -> f64 {
    10_000.0
}
fn one() -> f64 {
    1.0
}
fn default_pattern() -> usize {
    6
}
fn yes() -> bool {
    true
}

impl GemmaConfig {
    /// Gemma 1 2B: 2 norms per block, no soft-caps, all layers global, multi-query.
    pub fn gemma1_2b() -> GemmaConfig {
        GemmaConfig {
            vocab_size: 256_000,
            hidden_size: 2048,
            intermediate_size: 16_384,
            num_hidden_layers: 18,
            num_attention_heads: 8,
            num_key_value_heads: 1,
            head_dim: 256,
            rms_norm_eps: 1e-6,
            rope_theta: 10_000.0,
            rope_local_base_freq: None,
            rope_global_scaling_factor: 1.0,
            query_pre_attn_scalar: None,
            attn_logit_softcapping: None,
            final_logit_softcapping: None,
            sliding_window: None,
            sliding_window_pattern: 1,
            use_post_norms: false,
            use_qk_norm: false,
            tie_word_embeddings: true,
        }
    }

    /// Gemma 2 2B: sandwich norms, soft-caps 50 / 30, local and global layers alternating.
    pub fn gemma2_2b() -> GemmaConfig {
        GemmaConfig {
            vocab_size: 256_000,
            hidden_size: 2304,
            intermediate_size: 9216,
            num_hidden_layers: 26,
            num_attention_heads: 8,
            num_key_value_heads: 4,
            head_dim: 256,
            rms_norm_eps: 1e-6,
            rope_theta: 10_000.0,
            rope_local_base_freq: None,
            rope_global_scaling_factor: 1.0,
            query_pre_attn_scalar: Some(256.0),
            attn_logit_softcapping: Some(50.0),
            final_logit_softcapping: Some(30.0),
            sliding_window: Some(4096),
            sliding_window_pattern: 2,
            use_post_norms: true,
            use_qk_norm: false,
            tie_word_embeddings: true,
        }
    }

    /// Gemma 3 270M (docs/gemma.md, "Gemma 3 270M").
    pub fn gemma3_270m() -> GemmaConfig {
        GemmaConfig {
            vocab_size: 262_144,
            hidden_size: 640,
            intermediate_size: 2048,
            num_hidden_layers: 18,
            num_attention_heads: 4,
            num_key_value_heads: 1,
            head_dim: 256,
            rms_norm_eps: 1e-6,
            rope_theta: 1_000_000.0,
            rope_local_base_freq: Some(10_000.0),
            rope_global_scaling_factor: 1.0,
            query_pre_attn_scalar: Some(256.0),
            attn_logit_softcapping: None,
            final_logit_softcapping: None,
            sliding_window: Some(512),
            sliding_window_pattern: 6,
            use_post_norms: true,
            use_qk_norm: true,
            tie_word_embeddings: true,
        }
    }

    /// Whether layer `layer` attends through a sliding window (a local layer).
    pub fn is_sliding(&self, layer: usize) -> bool {
        self.sliding_window.is_some()
            && self.sliding_window_pattern > 1
            && !(layer + 1).is_multiple_of(self.sliding_window_pattern)
    }

    /// The RoPE base of layer `layer`.
    pub fn rope_base(&self, layer: usize) -> f64 {
        if self.is_sliding(layer) {
            self.rope_local_base_freq.unwrap_or(self.rope_theta)
        } else {
            self.rope_theta
        }
    }

    /// The RoPE angle divisor of layer `layer` (linear scaling applies to global layers).
    pub fn rope_scale(&self, layer: usize) -> f64 {
        if self.is_sliding(layer) {
            1.0
        } else {
            self.rope_global_scaling_factor
        }
    }

    /// The factor queries are multiplied by before the dot product.
    pub fn query_scale(&self) -> f64 {
        self.query_pre_attn_scalar
            .unwrap_or(self.head_dim as f64)
            .powf(-0.5)
    }

    /// Checks the shape constraints the layers rely on, saying which field to fix.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let positive = [
            ("vocab_size", self.vocab_size),
            ("hidden_size", self.hidden_size),
            ("intermediate_size", self.intermediate_size),
            ("num_attention_heads", self.num_attention_heads),
            ("num_key_value_heads", self.num_key_value_heads),
            ("head_dim", self.head_dim),
            ("sliding_window_pattern", self.sliding_window_pattern),
        ];
        if let Some((field, _)) = positive.into_iter().find(|&(_, value)| value == 0) {
            return Err(ConfigError::NotPositive { field });
        }
        if !self
            .num_attention_heads
            .is_multiple_of(self.num_key_value_heads)
        {
            return Err(ConfigError::UngroupedHeads {
                heads: self.num_attention_heads,
                kv_heads: self.num_key_value_heads,
            });
        }
        if !self.head_dim.is_multiple_of(2) {
            return Err(ConfigError::OddHeadDim(self.head_dim));
        }
        if self.sliding_window == Some(0) {
            return Err(ConfigError::ZeroWindow);
        }
        Ok(())
    }
}

/// Why a [`GemmaConfig`] cannot describe a decoder, naming the field to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A size that must be positive is zero.
    #[error("{field} must be positive")]
    NotPositive {
        /// The field.
        field: &'static str,
    },
    /// Query heads cannot be shared out evenly among the key/value heads.
    #[error("num_attention_heads ({heads}) must be a multiple of num_key_value_heads ({kv_heads})")]
    UngroupedHeads {
        /// `num_attention_heads`.
        heads: usize,
        /// `num_key_value_heads`.
        kv_heads: usize,
    },
    /// Rotary positions rotate pairs of features, so a head needs an even width.
    #[error("head_dim ({0}) must be even for rotary positions")]
    OddHeadDim(usize),
    /// A window of no keys would hide every token, itself included.
    #[error("sliding_window must be positive when set")]
    ZeroWindow,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gemma3_layer_pattern_and_bases_follow_the_spec() {
        let c = GemmaConfig::gemma3_270m();
        let global: Vec<usize> = (0..18).filter(|&l| !c.is_sliding(l)).collect();
        assert_eq!(global, vec![5, 11, 17]);
        assert_eq!(c.rope_base(0), 10_000.0);
        assert_eq!(c.rope_base(5), 1_000_000.0);
        assert_eq!(c.query_scale(), 0.0625);
        let g2 = GemmaConfig::gemma2_2b();
        assert!(g2.is_sliding(0) && !g2.is_sliding(1));
        assert!((0..18).all(|l| !GemmaConfig::gemma1_2b().is_sliding(l)));
    }

    #[test]
    fn hf_config_json_reads_with_defaults_and_bad_shapes_are_named() {
        let json = r#"{"vocab_size": 16, "hidden_size": 8, "intermediate_size": 12,
            "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 3,
            "head_dim": 4, "_sliding_window_pattern": 6, "model_type": "gemma3_text"}"#;
        let c: GemmaConfig = serde_json::from_str(json).unwrap();
        assert!(c.use_qk_norm && c.use_post_norms);
        let err = c.validate().unwrap_err().to_string();
        assert!(err.contains("num_key_value_heads"), "{err}");
    }
}
