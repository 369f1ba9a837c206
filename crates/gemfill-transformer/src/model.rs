//! [`Gemma`]: the whole decoder (embedding, layers, final norm, tied output) and its
//! [`KvCache`].

use tch::nn::{self, Module};
use tch::{Kind, Tensor};

use crate::config::{ConfigError, GemmaConfig};
use crate::layers::{DecoderLayer, LayerCache, RmsNorm};
use crate::lora::{LoraConfig, LoraDelta, LoraError, merge_into};
use crate::mask::AttentionMask;

/// Keys and values of every layer for the tokens seen so far, the length of the
/// bidirectional prefix and which cached keys are padding. Entries are kept for every
/// position (no ring buffer for local layers: the mask applies the window), which suits the
/// short sequences of program synthesis.
#[derive(Debug)]
pub struct KvCache {
    layers: Vec<Option<LayerCache>>,
    len: usize,
    prefix_len: usize,
    key_valid: Option<Tensor>,
}

impl KvCache {
    /// An empty cache for a model with `num_layers` layers.
    pub fn new(num_layers: usize) -> KvCache {
        KvCache {
            layers: (0..num_layers).map(|_| None).collect(),
            len: 0,
            prefix_len: 0,
            key_valid: None,
        }
    }

    /// Positions cached so far.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing is cached yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The cache of the batch rows `rows` (an Int64 tensor of row indices), in that order:
    /// how beam search follows the surviving beams.
    pub fn select(&self, rows: &Tensor) -> KvCache {
        KvCache {
            layers: self
                .layers
                .iter()
                .map(|l| {
                    l.as_ref().map(|c| LayerCache {
                        keys: c.keys.index_select(0, rows),
                        values: c.values.index_select(0, rows),
                    })
                })
                .collect(),
            len: self.len,
            prefix_len: self.prefix_len,
            key_valid: self.key_valid.as_ref().map(|v| v.index_select(0, rows)),
        }
    }
}

/// A Gemma decoder (HF names: `model.embed_tokens`, `model.layers.N`, `model.norm`,
/// `lm_head` when the output is not tied to the embedding).
#[derive(Debug)]
pub struct Gemma {
    /// `[V, d]`.
    pub embed_tokens: nn::Embedding,
    /// The blocks.
    pub layers: Vec<DecoderLayer>,
    /// Final norm.
    pub norm: RmsNorm,
    /// Untied output projection `[V, d]` (`None`: logits use `embed_tokens`).
    pub lm_head: Option<nn::Linear>,
    config: GemmaConfig,
    /// The attached adapters' shape, while adapters are attached.
    lora: Option<LoraConfig>,
}

impl Gemma {
    /// Creates (or, in a loaded VarStore, finds) the weights under `p / "model"` (and
    /// `p / "lm_head"` when untied). Fails when the config is inconsistent.
    pub fn new(p: &nn::Path, config: &GemmaConfig) -> Result<Gemma, ConfigError> {
        config.validate()?;
        let m = p / "model";
        let d = config.hidden_size;
        // Embeddings are multiplied by sqrt(d) on the way in, so initialise them at
        // 1/sqrt(d) to start the residual stream at unit scale.
        let embed_config = nn::EmbeddingConfig {
            ws_init: nn::Init::Randn {
                mean: 0.0,
                stdev: (d as f64).powf(-0.5),
            },
            ..Default::default()
        };
        let embed_tokens = nn::embedding(
            &m / "embed_tokens",
            config.vocab_size as i64,
            d as i64,
            embed_config,
        );
        let layers = (0..config.num_hidden_layers)
            .map(|l| DecoderLayer::new(&m / "layers" / l, config, l))
            .collect();
        let lm_head = (!config.tie_word_embeddings).then(|| {
            let cfg = nn::LinearConfig {
                bias: false,
                ..Default::default()
            };
            nn::linear(p / "lm_head", d as i64, config.vocab_size as i64, cfg)
        });
        Ok(Gemma {
            embed_tokens,
            layers,
            norm: RmsNorm::new(&m / "norm", d, config.rms_norm_eps),
            lm_head,
            config: config.clone(),
            lora: None,
        })
    }

    /// Creates LoRA adapters of shape `lora` on every layer, their parameters under `p`
    /// (`model.layers.N.self_attn.q_proj.lora_A`, ...; give `p` its own `VarStore` so
    /// that an optimiser sees the adapters only), and attaches them: from now on the
    /// adapted projections add `scale * B A x`. `B` starts at zero, so the outputs do not
    /// change until the adapters are trained or loaded. Fails when adapters are attached
    /// already or `lora` is invalid.
    pub fn attach_lora(&mut self, p: &nn::Path, lora: &LoraConfig) -> Result<(), LoraError> {
        lora.validate()?;
        if let Some(existing) = &self.lora {
            return Err(LoraError::AlreadyAttached {
                rank: existing.rank,
            });
        }
        for (l, layer) in self.layers.iter_mut().enumerate() {
            for &target in &lora.targets {
                let (inputs, outputs) = target.shape(&self.config);
                let path = p / "model" / "layers" / l / target.module() / target.name();
                let delta = LoraDelta::new(&path, inputs, outputs, lora.rank, lora.scale());
                let (_, slots) = layer.lora_slot(target);
                slots.insert(target, delta);
            }
        }
        self.lora = Some(lora.clone());
        Ok(())
    }

    /// The shape of the attached adapters, if any.
    pub fn lora(&self) -> Option<&LoraConfig> {
        self.lora.as_ref()
    }

    /// Removes the attached adapters (their parameters stay in their `VarStore`) and
    /// returns how many there were; the decoder computes what the base weights give.
    pub fn detach_lora(&mut self) -> usize {
        let mut removed = 0;
        if let Some(lora) = self.lora.take() {
            for layer in &mut self.layers {
                for &target in &lora.targets {
                    let (_, slots) = layer.lora_slot(target);
                    removed += usize::from(slots.remove(&target).is_some());
                }
            }
        }
        removed
    }

    /// Folds every attached adapter into its projection (`W += scale * B A`, outside
    /// autograd) and detaches it, so that the adapted model runs at the base model's cost.
    /// Returns how many projections changed.
    pub fn merge_lora(&mut self) -> usize {
        let mut merged = 0;
        if let Some(lora) = self.lora.take() {
            for layer in &mut self.layers {
                for &target in &lora.targets {
                    let (linear, slots) = layer.lora_slot(target);
                    if let Some(delta) = slots.remove(&target) {
                        merge_into(linear, &delta);
                        merged += 1;
                    }
                }
            }
        }
        merged
    }

    /// The configuration.
    pub fn config(&self) -> &GemmaConfig {
        &self.config
    }

    /// An empty cache for this model.
    pub fn new_cache(&self) -> KvCache {
        KvCache::new(self.layers.len())
    }

    /// `E[tokens] * sqrt(d)`.
    pub fn embed(&self, tokens: &Tensor) -> Tensor {
        self.embed_tokens.forward(tokens) * (self.config.hidden_size as f64).sqrt()
    }

    /// Causal language-model step: logits `[B, T, V]` for `tokens` (`[B, T]` Int64)
    /// following what `cache` holds; appends them to the cache.
    pub fn forward(&self, tokens: &Tensor, cache: &mut KvCache) -> Tensor {
        let hidden = self.forward_embeds(&self.embed(tokens), None, false, cache);
        self.logits(&hidden)
    }

    /// Runs the blocks on input vectors `x` (`[B, T, d]`, already embedded) and returns
    /// the final-normed hidden states. `key_valid` (`[B, T]` bool) marks padding among
    /// these positions; `bidirectional` makes them part of the fully visible prefix
    /// (allowed only while everything before them is prefix too).
    pub fn forward_embeds(
        &self,
        x: &Tensor,
        key_valid: Option<&Tensor>,
        bidirectional: bool,
        cache: &mut KvCache,
    ) -> Tensor {
        let (b, t) = (x.size()[0], x.size()[1] as usize);
        let offset = cache.len;
        if bidirectional && cache.prefix_len == offset {
            cache.prefix_len = offset + t;
        }
        if key_valid.is_some() || cache.key_valid.is_some() {
            let ones = |n: usize| Tensor::ones([b, n as i64], (Kind::Bool, x.device()));
            let old = cache.key_valid.take().unwrap_or_else(|| ones(offset));
            let new = key_valid.map_or_else(|| ones(t), |v| v.to_kind(Kind::Bool));
            cache.key_valid = Some(Tensor::cat(&[&old, &new], 1));
        }
        let mask = AttentionMask::new(
            cache.prefix_len,
            cache.key_valid.as_ref().map(Tensor::shallow_clone),
        );
        let mut h = x.shallow_clone();
        for (layer, slot) in self.layers.iter().zip(cache.layers.iter_mut()) {
            h = layer.forward(&h, &mask, offset, slot);
        }
        cache.len = offset + t;
        self.norm.forward(&h)
    }

    /// Output logits `[.., V]` of final-normed hidden states (tied or `lm_head`, then the
    /// optional final soft-cap).
    pub fn logits(&self, hidden: &Tensor) -> Tensor {
        let logits = match &self.lm_head {
            Some(head) => head.forward(hidden),
            None => hidden.matmul(&self.embed_tokens.ws.tr()),
        };
        match self.config.final_logit_softcapping {
            Some(cap) => (logits / cap).tanh() * cap,
            None => logits,
        }
    }
}
