//! # gemfill-transformer: the Gemma decoder and what trains and searches it
//!
//! A Gemma-family decoder in tch, one implementation for the small program model trained
//! here (`gemfill-neural`) and Google's released checkpoints (`gemfill-gemma`), modelled on
//! candle-transformers' `gemma3.rs`: one [`GemmaConfig`] whose switches cover Gemma 1, 2
//! and 3, one struct per layer with `new` (weights under Hugging Face's checkpoint names)
//! and `forward`, a [`KvCache`], attention masks, and LoRA adapters. The definitions it
//! implements, and what each generation sets, are written down in docs/gemma.md.
//!
//! This crate knows nothing of programs, tasks or the search: it depends on tch and a few
//! small crates only.
//!
//! - `config`: [`GemmaConfig`] and [`ConfigError`];
//! - `layers`: [`RmsNorm`], [`RotaryEmbedding`], [`Mlp`], [`Attention`], [`DecoderLayer`];
//! - `model`: [`Gemma`] (embedding, layers, final norm, tied output) and its [`KvCache`];
//! - `mask`: [`AttentionMask`] (causal, bidirectional prefix, window, padding);
//! - `lora`: [`LoraConfig`], [`LoraTarget`], [`LoraDelta`] ([`Gemma::attach_lora`],
//!   [`Gemma::merge_lora`]);
//! - [`adamw`]: AdamW whose moments are saved beside a checkpoint, so a resumed run
//!   continues exactly;
//! - [`session`]: the training loop both trainers run (schedule, checkpoints, evaluations,
//!   the training curve, a stop on a non-finite loss);
//! - [`beam`]: the constrained beam search skeleton both proposers run.
//!
//! ```
//! use gemfill_transformer::{Gemma, GemmaConfig};
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

#![warn(missing_docs)]

pub mod adamw;
pub mod beam;
mod config;
mod layers;
mod lora;
mod mask;
mod model;
pub mod session;

pub use config::{ConfigError, GemmaConfig};
pub use layers::{Attention, DecoderLayer, LayerCache, Mlp, RmsNorm, RotaryEmbedding};
pub use lora::{LoraConfig, LoraDelta, LoraError, LoraTarget};
pub use mask::AttentionMask;
pub use model::{Gemma, KvCache};

#[cfg(test)]
mod tests;
