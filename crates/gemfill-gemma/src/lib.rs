//! Google's released Gemma checkpoints in gemfill.
//!
//! - [`tokenizer`]: the Gemma tokenizer (SentencePiece-style BPE with byte fallback),
//!   built from a GGUF file's vocabulary or read from a Hugging Face `tokenizer.json`.

#![warn(missing_docs)]

mod error;
pub mod tokenizer;

pub use error::{GemmaError, Result};
pub use tokenizer::GemmaTokenizer;
