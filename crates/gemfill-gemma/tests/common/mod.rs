//! Helpers shared by this crate's integration tests (each test file includes it with
//! `mod common;`).

use gemfill_gemma::GemmaTokenizer;
use gemfill_gguf::{GgufFile, GgufWriter, MetadataArray, MetadataValue};

/// A Gemma tokenizer over a made-up SentencePiece vocabulary, built the way a checkpoint's
/// is: from the `tokenizer.ggml.*` metadata of a GGUF file (no tensors needed), with
/// `<bos>` = 2 and `<eos>` = 1. `types` are GGUF token types (1 normal, 3 control, 6 byte).
pub fn tokenizer_from_vocab(tokens: Vec<String>, types: Vec<i32>) -> GemmaTokenizer {
    let mut writer = GgufWriter::new();
    writer
        .metadata(
            "general.architecture",
            MetadataValue::String("gemma3".into()),
        )
        .metadata(
            "tokenizer.ggml.model",
            MetadataValue::String("llama".into()),
        )
        .metadata(
            "tokenizer.ggml.tokens",
            MetadataValue::Array(MetadataArray::String(tokens)),
        )
        .metadata(
            "tokenizer.ggml.token_type",
            MetadataValue::Array(MetadataArray::I32(types)),
        )
        .metadata("tokenizer.ggml.bos_token_id", MetadataValue::U32(2))
        .metadata("tokenizer.ggml.eos_token_id", MetadataValue::U32(1));
    let file = GgufFile::from_bytes(writer.to_bytes(), "vocab.gguf").unwrap();
    GemmaTokenizer::from_gguf(&file).unwrap()
}
