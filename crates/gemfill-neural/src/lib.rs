//! # gemfill-neural: the learned half of gemfill
//!
//! - [`gemma`]: a Gemma-family decoder (Gemma 1/2/3 switches) with a KV cache;
//! - [`vocab`], [`grammar`], [`tokenize`]: programs as tokens, the grammar that keeps
//!   decoding well-typed, and the two tokenizers (examples, programs);
//! - [`model`]: the I/O-set encoder + Gemma decoder, checkpoints;
//! - [`beam`]: grammar-constrained beam search with the KV cache;
//! - [`propose`]: [`NeuralModel`] as the engine's `Proposer` and `Guide`, [`synthesizer`];
//! - [`train`]: CPU training with periodic evaluation and resumable checkpoints.

#![warn(missing_docs)]

pub mod adamw;
pub mod beam;
pub mod gemma;
pub mod grammar;
pub mod model;
pub mod propose;
pub mod tokenize;
pub mod train;
pub mod vocab;

pub use propose::{DEFAULT_BEAM, NeuralModel, default_model_dir, set_torch_threads, synthesizer};

/// What can go wrong loading, saving or building a model.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{0}")]
    Io(String),
    /// A config is inconsistent or unreadable.
    #[error("model config: {0}")]
    Config(String),
    /// A tokenizer file is missing, unreadable or does not match this build.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
}

/// Results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
