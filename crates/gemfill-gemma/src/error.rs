//! Errors of loading and running a Gemma checkpoint, each saying what to fix.

use std::path::PathBuf;

/// An error loading a checkpoint, building its tokenizer, or running it.
#[derive(Debug, thiserror::Error)]
pub enum GemmaError {
    /// The GGUF file is unreadable, damaged, or not what is needed.
    #[error(transparent)]
    Gguf(#[from] gemfill_gguf::GgufError),
    /// The checkpoint's tokenizer description cannot be turned into a tokenizer.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    /// A file of a Hugging Face layout is missing or unreadable.
    #[error("{path}: {message}")]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The checkpoint's description contradicts itself or the decoder.
    #[error("checkpoint: {0}")]
    Checkpoint(String),
    /// A task suite (one whose examples training must never produce) cannot be read.
    #[error(transparent)]
    Suite(#[from] gemfill_data::LoadError),
    /// Fine-tuning's optimizer state cannot be saved, or belongs to another adapter.
    #[error(transparent)]
    Optimizer(#[from] gemfill_neural::adamw::StateError),
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, GemmaError>;

pub(crate) fn tokenizer_error(error: impl std::fmt::Display) -> GemmaError {
    GemmaError::Tokenizer(error.to_string())
}
