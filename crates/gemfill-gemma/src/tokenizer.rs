//! The Gemma tokenizer, built with the `tokenizers` crate.
//!
//! A GGUF file describes it as llama.cpp's "llama" (SentencePiece) vocabulary: tokens,
//! scores and token types, no merges. It becomes a `tokenizers` BPE model the way Hugging
//! Face transformers' GGUF converter (5.23, `gguf_tokenizer_mapping.gemma_tokenizer`)
//! builds it, which reproduces llama.cpp's token ids (docs/gemma.md, "The tokenizer"):
//!
//! - spaces become `▁` (U+2581) before the model sees the text; no space is prepended;
//! - merges are every split of a vocabulary token into two vocabulary tokens, ranked by
//!   the merged token's position in the file (Gemma's scores follow that order), splits of
//!   one token longest left half first;
//! - a token of spaces only (ids 138..=167, stored with real spaces) is respelled with
//!   `▁`, so that merges reach it;
//! - text not covered by the vocabulary falls back to the `<0xNN>` byte tokens;
//! - control tokens (`<bos>`, `<start_of_turn>`, ...) and the other user-defined tokens
//!   (runs of `\n`, HTML tags, ...) are matched whole in the raw text first;
//! - `<bos>` is prepended when `tokenizer.ggml.add_bos_token` says so (true for Gemma).

use std::path::Path;

use gemfill_gguf::GgufFile;
use tokenizers::decoders::byte_fallback::ByteFallback;
use tokenizers::decoders::fuse::Fuse;
use tokenizers::decoders::sequence::Sequence;
use tokenizers::models::bpe::{BPE, Vocab};
use tokenizers::normalizers::replace::Replace;
use tokenizers::{AddedToken, DecoderWrapper, Tokenizer};

use crate::error::{GemmaError, Result};

/// SentencePiece's visible space.
pub const SPACE_MARK: char = '\u{2581}';

/// llama.cpp token types (`tokenizer.ggml.token_type`).
const TOKEN_TYPE_CONTROL: i32 = 3;
const TOKEN_TYPE_USER_DEFINED: i32 = 4;

/// A Gemma tokenizer: text to ids (with `<bos>` first) and ids back to text.
#[derive(Clone)]
pub struct GemmaTokenizer {
    tokenizer: Tokenizer,
    bos_id: u32,
    eos_id: u32,
    add_bos: bool,
}

impl std::fmt::Debug for GemmaTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GemmaTokenizer")
            .field("vocab_size", &self.vocab_size())
            .field("bos_id", &self.bos_id)
            .field("eos_id", &self.eos_id)
            .field("add_bos", &self.add_bos)
            .finish()
    }
}

impl GemmaTokenizer {
    /// Builds the tokenizer from a GGUF file's `tokenizer.ggml.*` metadata.
    pub fn from_gguf(file: &GgufFile) -> Result<Self> {
        let model = file.get_str("tokenizer.ggml.model")?;
        if model != "llama" {
            return Err(GemmaError::Vocabulary(format!(
                "{}: tokenizer.ggml.model is {model:?}; Gemma checkpoints use the SentencePiece vocabulary \"llama\"",
                file.name()
            )));
        }
        let tokens = file.get_string_array("tokenizer.ggml.tokens")?;
        let token_types = file.get_i32_array("tokenizer.ggml.token_type")?;
        if token_types.len() != tokens.len() {
            return Err(GemmaError::Vocabulary(format!(
                "{}: {} token types for {} tokens",
                file.name(),
                token_types.len(),
                tokens.len()
            )));
        }
        let id_of = |key: &str| -> Result<u32> {
            let id = file.get_u64(key)?;
            if id >= tokens.len() as u64 {
                return Err(GemmaError::Vocabulary(format!(
                    "{key} is {id}, outside the {}-token vocabulary",
                    tokens.len()
                )));
            }
            Ok(id as u32)
        };
        let bos_id = id_of("tokenizer.ggml.bos_token_id")?;
        let eos_id = id_of("tokenizer.ggml.eos_token_id")?;
        let add_bos = match file.get("tokenizer.ggml.add_bos_token") {
            None => true,
            Some(_) => file.get_bool("tokenizer.ggml.add_bos_token")?,
        };
        if file.get("tokenizer.ggml.add_space_prefix").is_some()
            && file.get_bool("tokenizer.ggml.add_space_prefix")?
        {
            return Err(GemmaError::Vocabulary(
                "tokenizer.ggml.add_space_prefix is true; Gemma vocabularies prepend no space and this builder does not either".to_string(),
            ));
        }
        let tokenizer = build_from_vocabulary(tokens, token_types)?;
        Ok(Self {
            tokenizer,
            bos_id,
            eos_id,
            add_bos,
        })
    }

    /// Reads a Hugging Face `tokenizer.json`. Its post-processor may or may not add
    /// `<bos>`; this wrapper adds it itself, once, so both behave alike.
    pub fn from_tokenizer_json(path: &Path, bos_id: u32, eos_id: u32) -> Result<Self> {
        let tokenizer = Tokenizer::from_file(path).map_err(|source| GemmaError::TokenizerFile {
            path: path.to_path_buf(),
            action: "read",
            source,
        })?;
        Ok(Self {
            tokenizer,
            bos_id,
            eos_id,
            add_bos: true,
        })
    }

    /// Writes the tokenizer as a Hugging Face `tokenizer.json`.
    pub fn save(&self, path: &Path) -> Result<()> {
        self.tokenizer
            .save(path, false)
            .map_err(|source| GemmaError::TokenizerFile {
                path: path.to_path_buf(),
                action: "write",
                source,
            })
    }

    /// The ids of `text`, `<bos>` first when the checkpoint asks for it.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>> {
        let encoding = self
            .tokenizer
            .encode(text, false)
            .map_err(GemmaError::Tokenizer)?;
        let mut ids = Vec::with_capacity(encoding.len() + 1);
        if self.add_bos && encoding.get_ids().first() != Some(&self.bos_id) {
            ids.push(self.bos_id);
        }
        ids.extend_from_slice(encoding.get_ids());
        Ok(ids)
    }

    /// The text of `ids`; control tokens such as `<bos>` are left out.
    pub fn decode(&self, ids: &[u32]) -> Result<String> {
        self.tokenizer
            .decode(ids, true)
            .map_err(GemmaError::Tokenizer)
    }

    /// The vocabulary entry of `id` as stored (`▁the`, `<0x0A>`, ...).
    pub fn piece(&self, id: u32) -> Option<String> {
        self.tokenizer.id_to_token(id)
    }

    /// Number of ids, added tokens included.
    pub fn vocab_size(&self) -> usize {
        self.tokenizer.get_vocab_size(true)
    }

    /// The id of `<bos>`.
    pub fn bos_id(&self) -> u32 {
        self.bos_id
    }

    /// The id of `<eos>`.
    pub fn eos_id(&self) -> u32 {
        self.eos_id
    }

    /// The underlying `tokenizers` tokenizer.
    pub fn inner(&self) -> &Tokenizer {
        &self.tokenizer
    }
}

/// Whether a stored token is a run of spaces (SentencePiece would spell it with `▁`).
fn is_space_run(token: &str) -> bool {
    token.contains(' ') && token.trim().is_empty()
}

fn build_from_vocabulary(tokens: &[String], token_types: &[i32]) -> Result<Tokenizer> {
    let spelled: Vec<String> = tokens
        .iter()
        .map(|token| {
            if is_space_run(token) {
                SPACE_MARK.to_string().repeat(token.chars().count())
            } else {
                token.clone()
            }
        })
        .collect();
    let vocab: Vocab = spelled
        .iter()
        .enumerate()
        .map(|(id, token)| (token.clone(), id as u32))
        .collect();
    let merges = merges_from_vocabulary(&spelled, &vocab);
    let model = BPE::builder()
        .vocab_and_merges(vocab, merges)
        .unk_token("<unk>".to_string())
        .fuse_unk(true)
        .byte_fallback(true)
        .build()
        .map_err(GemmaError::Tokenizer)?;
    let mut tokenizer = Tokenizer::new(model);
    tokenizer
        .with_normalizer(Some(
            Replace::new(" ", SPACE_MARK.to_string()).map_err(GemmaError::Tokenizer)?,
        ))
        .map_err(GemmaError::Tokenizer)?;
    tokenizer.with_decoder(Some(DecoderWrapper::Sequence(Sequence::new(vec![
        DecoderWrapper::Replace(
            tokenizers::normalizers::replace::Replace::new(SPACE_MARK.to_string(), " ")
                .map_err(GemmaError::Tokenizer)?,
        ),
        DecoderWrapper::ByteFallback(ByteFallback::new()),
        DecoderWrapper::Fuse(Fuse::new()),
    ]))));
    let control: Vec<AddedToken> = tokens
        .iter()
        .zip(token_types)
        .filter(|&(_, &ty)| ty == TOKEN_TYPE_CONTROL)
        .map(|(token, _)| AddedToken::from(token.clone(), true).normalized(false))
        .collect();
    let user_defined: Vec<AddedToken> = tokens
        .iter()
        .zip(token_types)
        .filter(|&(token, &ty)| ty == TOKEN_TYPE_USER_DEFINED && !is_space_run(token))
        .map(|(token, _)| AddedToken::from(token.clone(), false).normalized(false))
        .collect();
    tokenizer
        .add_special_tokens(control)
        .map_err(GemmaError::Tokenizer)?;
    tokenizer
        .add_tokens(user_defined)
        .map_err(GemmaError::Tokenizer)?;
    Ok(tokenizer)
}

/// Every split of a token into two vocabulary tokens, best first: by the merged token's
/// position in the vocabulary, then longest left half first (transformers' order).
fn merges_from_vocabulary(tokens: &[String], vocab: &Vocab) -> Vec<(String, String)> {
    let mut merges = Vec::new();
    let mut splits = Vec::new();
    for token in tokens {
        splits.clear();
        for (at, _) in token.char_indices().skip(1) {
            let (left, right) = token.split_at(at);
            if vocab.contains_key(left) && vocab.contains_key(right) {
                splits.push(at);
            }
        }
        merges.extend(
            splits
                .iter()
                .rev()
                .map(|&at| (token[..at].to_string(), token[at..].to_string())),
        );
    }
    merges
}
