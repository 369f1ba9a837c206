//! The two tokenizers, built with the `tokenizers` crate and saved as JSON beside the
//! weights: one for example strings (characters), one for programs (the tokens of
//! [`crate::vocab`]).
//!
//! Both are `WordLevel` models: the crate stores the vocabulary and its ids, which is what
//! a checkpoint must pin down. Example strings are split into characters here; characters
//! outside the vocabulary map to a token for their kind (upper-case letter, lower-case
//! letter, other letter, digit, white space, other), so that "Zoë" still reads as a
//! capitalised word.

use std::collections::HashMap;
use std::path::Path;

use tokenizers::Tokenizer;
use tokenizers::models::wordlevel::WordLevel;

use crate::vocab::ProgramVocab;
use crate::{Error, Result};

/// File name of the example-string tokenizer in a model directory.
pub const EXAMPLE_TOKENIZER_FILE: &str = "examples.tokenizer.json";
/// File name of the program tokenizer in a model directory.
pub const PROGRAM_TOKENIZER_FILE: &str = "programs.tokenizer.json";

/// Padding.
pub const PAD: &str = "<pad>";
/// Between input columns.
pub const COLUMN: &str = "<col>";
/// Between the inputs and the output of an example.
pub const OUTPUT: &str = "<out>";
const KINDS: [&str; 6] = [
    "<upper>", "<lower>", "<letter>", "<digit>", "<space>", "<other>",
];

fn file_error(path: &Path, source: tokenizers::Error) -> Error {
    Error::TokenizerFile {
        path: path.to_path_buf(),
        source,
    }
}

fn word_level(vocab: Vec<String>) -> Result<Tokenizer> {
    let map: HashMap<String, u32> = vocab
        .into_iter()
        .enumerate()
        .map(|(i, t)| (t, i as u32))
        .collect();
    let model = WordLevel::builder()
        .vocab(map.into_iter().collect())
        .unk_token("<other>".into())
        .build()
        .map_err(Error::Tokenizer)?;
    Ok(Tokenizer::new(model))
}

/// Characters of example strings, as ids.
#[derive(Clone)]
pub struct ExampleTokenizer {
    tokenizer: Tokenizer,
    ids: HashMap<char, u32>,
    kinds: [u32; 6],
    pad: u32,
    column: u32,
    output: u32,
}

impl std::fmt::Debug for ExampleTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ExampleTokenizer({} tokens)", self.len())
    }
}

impl ExampleTokenizer {
    /// The standard vocabulary: specials, kind tokens, printable ASCII.
    pub fn build() -> Result<ExampleTokenizer> {
        let mut vocab: Vec<String> = [PAD, COLUMN, OUTPUT]
            .iter()
            .chain(KINDS.iter())
            .map(|s| s.to_string())
            .collect();
        vocab.extend((' '..='~').map(String::from));
        ExampleTokenizer::from_tokenizer(word_level(vocab)?)
    }

    fn from_tokenizer(tokenizer: Tokenizer) -> Result<ExampleTokenizer> {
        let id = |t: &str| {
            tokenizer
                .token_to_id(t)
                .ok_or_else(|| Error::MissingToken(t.to_string()))
        };
        let mut kinds = [0; 6];
        for (slot, name) in kinds.iter_mut().zip(KINDS) {
            *slot = id(name)?;
        }
        let ids = tokenizer
            .get_vocab(false)
            .into_iter()
            .filter_map(|(t, i)| {
                let mut chars = t.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some((c, i)),
                    _ => None,
                }
            })
            .collect();
        Ok(ExampleTokenizer {
            pad: id(PAD)?,
            column: id(COLUMN)?,
            output: id(OUTPUT)?,
            kinds,
            ids,
            tokenizer,
        })
    }

    /// Loads `examples.tokenizer.json`.
    pub fn load(path: &Path) -> Result<ExampleTokenizer> {
        let t = Tokenizer::from_file(path).map_err(|source| file_error(path, source))?;
        ExampleTokenizer::from_tokenizer(t)
    }

    /// Saves as JSON.
    pub fn save(&self, path: &Path) -> Result<()> {
        self.tokenizer
            .save(path, true)
            .map_err(|source| file_error(path, source))
    }

    /// Vocabulary size.
    pub fn len(&self) -> usize {
        self.tokenizer.get_vocab_size(false)
    }

    /// Always false.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The padding id.
    pub fn pad(&self) -> u32 {
        self.pad
    }

    /// The id of one character.
    pub fn char_id(&self, c: char) -> u32 {
        if let Some(&id) = self.ids.get(&c) {
            return id;
        }
        let kind = if c.is_uppercase() {
            0
        } else if c.is_lowercase() {
            1
        } else if c.is_alphabetic() {
            2
        } else if c.is_numeric() {
            3
        } else if c.is_whitespace() {
            4
        } else {
            5
        };
        self.kinds[kind]
    }

    /// One example as at most `max_len` ids: the inputs (separated by `<col>`), `<out>`,
    /// the output. When too long, the inputs and the output are each cut at their end, the
    /// output keeping at most half of the room.
    pub fn encode_example(&self, inputs: &[String], output: &str, max_len: usize) -> Vec<u32> {
        let mut ins = Vec::new();
        for (i, s) in inputs.iter().enumerate() {
            if i > 0 {
                ins.push(self.column);
            }
            ins.extend(s.chars().map(|c| self.char_id(c)));
        }
        let out: Vec<u32> = output.chars().map(|c| self.char_id(c)).collect();
        let out_room = (out.len() + 1).min(max_len / 2).max(1);
        ins.truncate(max_len - out_room);
        ins.push(self.output);
        ins.extend(out.into_iter().take(out_room - 1));
        ins
    }
}

/// The program tokenizer: [`ProgramVocab`] saved through the `tokenizers` crate.
pub fn program_tokenizer(vocab: &ProgramVocab) -> Result<Tokenizer> {
    word_level(vocab.tokens().iter().map(|t| t.name()).collect())
}

/// Checks that a saved program tokenizer has exactly the ids of this build's vocabulary
/// (a checkpoint trained with another vocabulary would decode garbage).
pub fn check_program_tokenizer(path: &Path, vocab: &ProgramVocab) -> Result<()> {
    let saved = Tokenizer::from_file(path).map_err(|source| file_error(path, source))?;
    for (i, t) in vocab.tokens().iter().enumerate() {
        if saved.token_to_id(&t.name()) != Some(i as u32) {
            return Err(Error::Vocabulary {
                path: path.to_path_buf(),
                token: t.name(),
                id: i,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_encode_by_character_with_kinds_for_unknown_ones() {
        let t = ExampleTokenizer::build().unwrap();
        let ids = t.encode_example(&["Zoë".into(), "7".into()], "Z.", 64);
        assert_eq!(ids.len(), 8);
        assert_eq!(
            ids[2],
            t.char_id('é'),
            "ë and é are both lower-case letters"
        );
        assert_eq!(ids[3], t.column);
        assert_eq!(ids[5], t.output);
        let long = t.encode_example(&["a".repeat(100)], &"b".repeat(100), 20);
        assert_eq!(long.len(), 20);
        assert_eq!(long[10], t.output);
    }

    #[test]
    fn tokenizers_survive_a_save_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let t = ExampleTokenizer::build().unwrap();
        let path = dir.path().join(EXAMPLE_TOKENIZER_FILE);
        t.save(&path).unwrap();
        let back = ExampleTokenizer::load(&path).unwrap();
        assert_eq!(back.char_id('q'), t.char_id('q'));
        let vocab = ProgramVocab::new();
        let ppath = dir.path().join(PROGRAM_TOKENIZER_FILE);
        program_tokenizer(&vocab)
            .unwrap()
            .save(&ppath, true)
            .unwrap();
        check_program_tokenizer(&ppath, &vocab).unwrap();
    }
}
