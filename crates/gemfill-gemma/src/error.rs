//! Errors of loading and running a Gemma checkpoint, each saying what to fix and keeping
//! what caused it as its source.

use std::path::PathBuf;

use gemfill_transformer::adamw::StateError;
use gemfill_transformer::session::SessionError;
use gemfill_transformer::{ConfigError, LoraError};

/// An error loading a checkpoint, building its tokenizer, or running or training it.
#[derive(Debug, thiserror::Error)]
pub enum GemmaError {
    /// The GGUF file is unreadable, damaged, or not what is needed.
    #[error(transparent)]
    Gguf(#[from] gemfill_gguf::GgufError),
    /// The installed checkpoint is not there.
    #[error(
        "the Gemma 3 270M checkpoint {} is not installed: run `make gemma` (scripts/install-gemma.sh) to download it",
        path.display()
    )]
    NotInstalled {
        /// Where it should be.
        path: PathBuf,
    },
    /// The checkpoint's vocabulary description cannot be turned into a tokenizer.
    #[error("tokenizer: {0}")]
    Vocabulary(String),
    /// The `tokenizers` crate failed to build the tokenizer, or to encode or decode.
    #[error("tokenizer")]
    Tokenizer(#[source] tokenizers::Error),
    /// A tokenizer file cannot be read or written.
    #[error("{}: cannot {action} the tokenizer", path.display())]
    TokenizerFile {
        /// The file.
        path: PathBuf,
        /// `read` or `write`.
        action: &'static str,
        /// What the `tokenizers` crate reported.
        #[source]
        source: tokenizers::Error,
    },
    /// A file or folder cannot be read, created or written.
    #[error("{}: cannot {action}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// `read`, `create` or `write`.
        action: &'static str,
        /// What the operating system reported.
        #[source]
        source: std::io::Error,
    },
    /// An adapter folder has no readable description.
    #[error(
        "{}: cannot read it (is {} an adapter folder made by `gemfill train --base`?)",
        path.display(),
        dir.display()
    )]
    NotAnAdapter {
        /// `adapter.json`.
        path: PathBuf,
        /// The folder given.
        dir: PathBuf,
        /// What the operating system reported.
        #[source]
        source: std::io::Error,
    },
    /// A JSON file does not hold what it should.
    #[error("{}: not a valid {what}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// What it should hold.
        what: &'static str,
        /// Where the JSON is wrong.
        #[source]
        source: serde_json::Error,
    },
    /// A safetensors file cannot be read or written.
    #[error("{}: cannot {action} it as safetensors", path.display())]
    Tensors {
        /// The file.
        path: PathBuf,
        /// `read` or `write`.
        action: &'static str,
        /// What libtorch reported.
        #[source]
        source: tch::TchError,
    },
    /// A file of a checkpoint or an adapter holds something else than it should.
    #[error("{}: {message}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A checkpoint's description (GGUF metadata or `config.json`) gives a configuration
    /// no decoder can have.
    #[error("{origin}: the decoder configuration is not valid")]
    Config {
        /// The file the configuration came from.
        origin: String,
        /// What is wrong with it.
        #[source]
        source: ConfigError,
    },
    /// The checkpoint's description contradicts itself or the decoder, or a request makes
    /// no sense for it.
    #[error("checkpoint: {0}")]
    Checkpoint(String),
    /// An adapter's description gives a shape no adapter can have.
    #[error("{}: not a valid adapter", path.display())]
    AdapterShape {
        /// `adapter.json`.
        path: PathBuf,
        /// What is wrong with the shape.
        #[source]
        source: LoraError,
    },
    /// Adapters cannot be made or attached.
    #[error(transparent)]
    Lora(#[from] LoraError),
    /// A task suite (one whose examples training must never produce) cannot be read.
    #[error(transparent)]
    Suite(#[from] gemfill_data::LoadError),
    /// Fine-tuning's optimizer state cannot be saved, or belongs to another adapter.
    #[error(transparent)]
    Optimizer(#[from] StateError),
    /// A fine-tuning session cannot go on.
    #[error(transparent)]
    Session(#[from] SessionError),
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, GemmaError>;

/// An I/O error on `path` while doing `action`.
pub(crate) fn io_error(
    path: impl Into<PathBuf>,
    action: &'static str,
) -> impl FnOnce(std::io::Error) -> GemmaError {
    let path = path.into();
    move |source| GemmaError::Io {
        path,
        action,
        source,
    }
}

/// A libtorch error reading or writing the safetensors file at `path`.
pub(crate) fn tensors_error(
    path: impl Into<PathBuf>,
    action: &'static str,
) -> impl FnOnce(tch::TchError) -> GemmaError {
    let path = path.into();
    move |source| GemmaError::Tensors {
        path,
        action,
        source,
    }
}

/// A JSON error in the file at `path`, which should hold `what`.
pub(crate) fn json_error(
    path: impl Into<PathBuf>,
    what: &'static str,
) -> impl FnOnce(serde_json::Error) -> GemmaError {
    let path = path.into();
    move |source| GemmaError::Json { path, what, source }
}

/// A semantic defect of the file at `path`.
pub(crate) fn file_error(path: impl Into<PathBuf>, message: impl std::fmt::Display) -> GemmaError {
    GemmaError::File {
        path: path.into(),
        message: message.to_string(),
    }
}
