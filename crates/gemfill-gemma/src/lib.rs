//! Google's released Gemma checkpoints in gemfill, run by the Gemma decoder of
//! `gemfill-transformer` (one implementation for the small model trained here and for
//! these). What the code relies on about the architecture, the GGUF file and the tokenizer
//! is written down in docs/gemma.md.
//!
//! - [`tokenizer`]: the Gemma tokenizer (SentencePiece-style BPE with byte fallback),
//!   built from a GGUF file's vocabulary or read from a Hugging Face `tokenizer.json`.
//! - [`config`]: the decoder configuration from GGUF metadata or a `config.json`.
//! - [`checkpoint`]: loading a GGUF file or a Hugging Face folder into the decoder, and
//!   saving the latter.
//! - [`generate`]: logits, and greedy or sampled continuation with the KV cache.
//! - [`prompt`]: a synthesis task as a text prompt, and a program as its answer.
//! - [`adapter`]: LoRA adapters as folders (`adapter.safetensors`, `adapter.json`),
//!   loaded and attached to or merged into a checkpoint.
//! - [`finetune`]: LoRA fine-tuning on the synthetic tasks (`gemfill train --base`).
//! - [`propose`]: [`GemmaProposer`], a checkpoint as the search engine's proposer, with
//!   decoding constrained to the language's grammar (the beam search skeleton of
//!   `gemfill_transformer::beam`).
//! - [`install`]: where `make gemma` installs Gemma 3 270M.

#![warn(missing_docs)]

pub mod adapter;
pub mod checkpoint;
pub mod config;
mod error;
pub mod finetune;
pub mod generate;
pub mod install;
pub mod names;
pub mod prompt;
pub mod propose;
pub mod tokenizer;

pub use adapter::LoraAdapter;
pub use checkpoint::GemmaCheckpoint;
pub use config::Family;
pub use error::{GemmaError, Result};
pub use generate::{Generation, Sampling};
pub use propose::{DecodeStats, GemmaProposer};
pub use tokenizer::GemmaTokenizer;
