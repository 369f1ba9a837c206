//! A Gemma-family decoder in tch: one [`GemmaConfig`] covering Gemma 1, 2 and 3, one struct
//! per layer with `new`/`forward` and Hugging Face checkpoint names, a [`KvCache`], and
//! LoRA adapters ([`LoraConfig`], [`Gemma::attach_lora`], [`Gemma::merge_lora`]).
//!
//! ```
//! use gemfill_neural::gemma::{Gemma, GemmaConfig};
//! use tch::{nn, Device, Kind, Tensor};
//!
//! let mut config = GemmaConfig::gemma3_270m();
//! (config.vocab_size, config.hidden_size, config.intermediate_size) = (32, 16, 24);
//! (config.num_hidden_layers, config.head_dim, config.sliding_window) = (2, 8, Some(4));
//! let vs = nn::VarStore::new(Device::Cpu);
//! let model = Gemma::new(&vs.root(), &config).unwrap();
//! let mut cache = model.new_cache();
//! let logits = model.forward(&Tensor::from_slice(&[2i64, 5, 7]).unsqueeze(0), &mut cache);
//! assert_eq!(logits.size(), vec![1, 3, 32]);
//! // The next token reuses the cached keys and values.
//! let next = model.forward(&Tensor::from_slice(&[9i64]).unsqueeze(0), &mut cache);
//! assert_eq!((next.size(), cache.len()), (vec![1, 1, 32], 4));
//! ```

mod config;
mod layers;
mod lora;
mod mask;
mod model;

pub use config::GemmaConfig;
pub use layers::{Attention, DecoderLayer, LayerCache, Mlp, RmsNorm, RotaryEmbedding};
pub use lora::{LoraConfig, LoraDelta, LoraTarget};
pub use mask::AttentionMask;
pub use model::{Gemma, KvCache};

#[cfg(test)]
mod tests;
