//! # gemfill-neural: the learned half of gemfill
//!
//! A small encoder-decoder that reads an example set and writes programs, built on the
//! Gemma decoder of `gemfill-transformer`:
//!
//! - [`vocab`], [`grammar`], [`tokenize`]: programs as tokens, the grammar that keeps
//!   decoding well-typed, and the two tokenizers (examples, programs);
//! - [`model`]: the I/O-set encoder + Gemma decoder, checkpoints;
//! - [`beam`]: grammar-constrained beam search (the skeleton of
//!   `gemfill_transformer::beam`, constrained by [`grammar`]);
//! - [`propose`]: [`NeuralModel`] as the engine's `Proposer` and `Guide`, [`synthesizer`];
//! - [`train`]: CPU training (a `gemfill_transformer::session`) with periodic evaluation
//!   and resumable checkpoints.

#![warn(missing_docs)]

pub mod beam;
pub mod grammar;
pub mod model;
pub mod propose;
pub mod tokenize;
pub mod train;
pub mod vocab;

use std::path::PathBuf;

pub use propose::{DEFAULT_BEAM, NeuralModel, default_model_dir, set_torch_threads, synthesizer};

/// What can go wrong loading, saving, building or training a model.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A model directory's `config.json` cannot be read.
    #[error(
        "cannot read {}: is {} a model directory made by `gemfill train`?",
        path.display(),
        dir.display()
    )]
    NotAModel {
        /// The config file.
        path: PathBuf,
        /// The directory given.
        dir: PathBuf,
        /// What the operating system reported.
        #[source]
        source: std::io::Error,
    },
    /// A file cannot be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system reported.
        #[source]
        source: std::io::Error,
    },
    /// A file or directory cannot be written.
    #[error("cannot write {}", path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system reported.
        #[source]
        source: std::io::Error,
    },
    /// A JSON file (a config or a training state) does not hold what it should.
    #[error("{} is not a valid {what}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// What it should hold.
        what: &'static str,
        /// Where the JSON is wrong.
        #[source]
        source: serde_json::Error,
    },
    /// A config or state cannot be written as JSON.
    #[error("cannot write {what} as JSON")]
    Serialize {
        /// What was being written.
        what: &'static str,
        /// The serializer's error.
        #[source]
        source: serde_json::Error,
    },
    /// The weights file cannot be read or written, or does not fit the config.
    #[error("cannot {action} the weights {}", path.display())]
    Weights {
        /// `read` or `write`.
        action: &'static str,
        /// The weights file.
        path: PathBuf,
        /// What libtorch reported.
        #[source]
        source: tch::TchError,
    },
    /// A config describes decoders that cannot be built.
    #[error("model config")]
    Shape(#[from] gemfill_transformer::ConfigError),
    /// The config's vocabulary sizes are not the tokenizers'.
    #[error(
        "model config: vocab sizes must be {encoder} (encoder) and {decoder} (decoder), the tokenizers' sizes"
    )]
    VocabSize {
        /// The example tokenizer's size.
        encoder: usize,
        /// The program vocabulary's size.
        decoder: usize,
    },
    /// The encoder's outputs must fit the decoder's width.
    #[error("model config: encoder and decoder hidden_size must be equal")]
    HiddenSizes,
    /// A tokenizer cannot be built.
    #[error("tokenizer: cannot build it")]
    Tokenizer(#[source] tokenizers::Error),
    /// A tokenizer file cannot be read or written.
    #[error("tokenizer: {}", path.display())]
    TokenizerFile {
        /// The file.
        path: PathBuf,
        /// What the `tokenizers` crate reported.
        #[source]
        source: tokenizers::Error,
    },
    /// The example tokenizer lacks one of its special tokens.
    #[error("tokenizer: the example tokenizer lacks {0}")]
    MissingToken(String),
    /// A checkpoint's program tokenizer is not this build's vocabulary.
    #[error(
        "tokenizer: {}: token {token} should have id {id}; the checkpoint was trained with another program vocabulary",
        path.display()
    )]
    Vocabulary {
        /// The tokenizer file.
        path: PathBuf,
        /// The first token out of place.
        token: String,
        /// Its id in this build.
        id: usize,
    },
    /// Batch after batch, no generated program fits the decoder.
    #[error(
        "no program of {batches} batches in a row fits in {max_program_tokens} tokens; raise max_program_tokens"
    )]
    Unusable {
        /// Batches drawn.
        batches: usize,
        /// The decoder's longest program.
        max_program_tokens: usize,
    },
    /// A fresh run would overwrite a checkpoint.
    #[error(
        "{} already holds a checkpoint; pass --resume to continue it or choose another --out",
        .0.display()
    )]
    CheckpointExists(PathBuf),
    /// A suite of the exclude list cannot be read.
    #[error("exclude list")]
    Exclude(#[source] gemfill_data::LoadError),
    /// The optimizer state cannot be saved or restored.
    #[error(transparent)]
    Optimizer(#[from] gemfill_transformer::adamw::StateError),
    /// The training session cannot go on.
    #[error(transparent)]
    Session(#[from] gemfill_transformer::session::SessionError),
}

/// Results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
