//! [`ProgramModel`]: the I/O-set encoder and the Gemma program decoder, their config, and
//! checkpoints (safetensors + config.json + the two tokenizer files).
//!
//! The encoder is a Gemma stack run bidirectionally over each example on its own (inputs,
//! `<out>`, output), so output characters attend to input characters (RobustFill's idea).
//! The per-example encodings, side by side, are the decoder's prefix: the decoder reads them
//! with full attention and writes program tokens causally (prefix-LM).

use std::path::Path;

use gemfill_dsl::Example;
use gemfill_transformer::{Gemma, GemmaConfig, KvCache};
use serde::{Deserialize, Serialize};
use tch::{Device, Kind, Tensor, nn};

use crate::tokenize::{
    EXAMPLE_TOKENIZER_FILE, ExampleTokenizer, PROGRAM_TOKENIZER_FILE, check_program_tokenizer,
    program_tokenizer,
};
use crate::vocab::ProgramVocab;
use crate::{Error, Result};

/// File name of the weights in a model directory.
pub const WEIGHTS_FILE: &str = "model.safetensors";
/// File name of the model config in a model directory.
pub const CONFIG_FILE: &str = "config.json";

/// The shape of the whole model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelConfig {
    /// The example encoder (run bidirectionally; its `vocab_size` is the example
    /// tokenizer's).
    pub encoder: GemmaConfig,
    /// The program decoder (its `vocab_size` is the program vocabulary's).
    pub decoder: GemmaConfig,
    /// Examples read per task (more are ignored by the model, never by verification).
    pub max_examples: usize,
    /// Tokens per example (inputs, `<out>`, output), cut beyond.
    pub max_example_tokens: usize,
    /// Longest program, in tokens.
    pub max_program_tokens: usize,
}

impl ModelConfig {
    /// A small model (about 1.5M parameters) that trains usefully on two CPU cores in half
    /// an hour: width 128, 2 encoder and 3 decoder layers, Gemma 3 switches (QK-norm,
    /// sandwich norms, local layers with window 64 then one global layer).
    pub fn small() -> ModelConfig {
        let block = |vocab_size: usize, layers: usize| GemmaConfig {
            vocab_size,
            hidden_size: 128,
            intermediate_size: 384,
            num_hidden_layers: layers,
            num_attention_heads: 4,
            num_key_value_heads: 2,
            head_dim: 32,
            rms_norm_eps: 1e-6,
            rope_theta: 10_000.0,
            rope_local_base_freq: Some(10_000.0),
            rope_global_scaling_factor: 1.0,
            query_pre_attn_scalar: Some(32.0),
            attn_logit_softcapping: None,
            final_logit_softcapping: Some(30.0),
            sliding_window: Some(64),
            sliding_window_pattern: 3,
            use_post_norms: true,
            use_qk_norm: true,
            tie_word_embeddings: true,
        };
        let chars = ExampleTokenizer::build().map(|t| t.len()).unwrap_or(102);
        ModelConfig {
            encoder: block(chars, 2),
            decoder: block(ProgramVocab::new().len(), 3),
            max_examples: 4,
            max_example_tokens: 48,
            max_program_tokens: 40,
        }
    }

    /// A tiny model for tests (width 32, one layer each).
    pub fn tiny() -> ModelConfig {
        let mut c = ModelConfig::small();
        for g in [&mut c.encoder, &mut c.decoder] {
            g.hidden_size = 32;
            g.intermediate_size = 64;
            g.num_hidden_layers = 1;
            g.head_dim = 16;
            g.num_attention_heads = 2;
            g.num_key_value_heads = 1;
            g.query_pre_attn_scalar = Some(16.0);
        }
        c.max_example_tokens = 24;
        c
    }
}

/// The encoder-decoder with its tokenizers.
pub struct ProgramModel {
    /// The weights.
    pub vs: nn::VarStore,
    encoder: Gemma,
    decoder: Gemma,
    config: ModelConfig,
    examples: ExampleTokenizer,
    programs: ProgramVocab,
}

impl std::fmt::Debug for ProgramModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProgramModel")
            .field("config", &self.config)
            .field("parameters", &self.parameter_count())
            .finish()
    }
}

/// A batch of example sets, as the encoder reads them.
pub struct EncodedExamples {
    /// `[B * max_examples, max_example_tokens]` Int64.
    pub ids: Tensor,
    /// Same shape, true where a token is real.
    pub valid: Tensor,
    /// `B`.
    pub batch: i64,
}

impl ProgramModel {
    /// A freshly initialised model.
    pub fn new(config: ModelConfig, device: Device) -> Result<ProgramModel> {
        let examples = ExampleTokenizer::build()?;
        let programs = ProgramVocab::new();
        if config.encoder.vocab_size != examples.len()
            || config.decoder.vocab_size != programs.len()
        {
            return Err(Error::VocabSize {
                encoder: examples.len(),
                decoder: programs.len(),
            });
        }
        if config.encoder.hidden_size != config.decoder.hidden_size {
            return Err(Error::HiddenSizes);
        }
        let vs = nn::VarStore::new(device);
        let encoder = Gemma::new(&(vs.root() / "encoder"), &config.encoder)?;
        let decoder = Gemma::new(&(vs.root() / "decoder"), &config.decoder)?;
        Ok(ProgramModel {
            vs,
            encoder,
            decoder,
            config,
            examples,
            programs,
        })
    }

    /// Loads a model directory (config.json, model.safetensors, tokenizer files).
    pub fn load(dir: &Path) -> Result<ProgramModel> {
        let config_path = dir.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&config_path).map_err(|source| Error::NotAModel {
            path: config_path.clone(),
            dir: dir.to_path_buf(),
            source,
        })?;
        let config: ModelConfig = serde_json::from_str(&text).map_err(|source| Error::Json {
            path: config_path,
            what: "model config",
            source,
        })?;
        check_program_tokenizer(&dir.join(PROGRAM_TOKENIZER_FILE), &ProgramVocab::new())?;
        let mut model = ProgramModel::new(config, Device::Cpu)?;
        model.examples = ExampleTokenizer::load(&dir.join(EXAMPLE_TOKENIZER_FILE))?;
        let weights = dir.join(WEIGHTS_FILE);
        model.vs.load(&weights).map_err(|source| Error::Weights {
            action: "read",
            path: weights,
            source,
        })?;
        Ok(model)
    }

    /// Writes the model directory (creating it).
    pub fn save(&self, dir: &Path) -> Result<()> {
        let write_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Write { path, source }
        };
        std::fs::create_dir_all(dir).map_err(write_error(dir))?;
        let json =
            serde_json::to_string_pretty(&self.config).map_err(|source| Error::Serialize {
                what: "the model config",
                source,
            })?;
        let config_path = dir.join(CONFIG_FILE);
        std::fs::write(&config_path, json + "\n").map_err(write_error(&config_path))?;
        self.examples.save(&dir.join(EXAMPLE_TOKENIZER_FILE))?;
        let programs_path = dir.join(PROGRAM_TOKENIZER_FILE);
        program_tokenizer(&self.programs)?
            .save(&programs_path, true)
            .map_err(|source| Error::TokenizerFile {
                path: programs_path,
                source,
            })?;
        // Write then rename, so an interrupted save never leaves half a checkpoint.
        let tmp = dir.join("model.partial.safetensors");
        self.vs.save(&tmp).map_err(|source| Error::Weights {
            action: "write",
            path: tmp.clone(),
            source,
        })?;
        let weights = dir.join(WEIGHTS_FILE);
        std::fs::rename(&tmp, &weights).map_err(write_error(&weights))?;
        Ok(())
    }

    /// The config.
    pub fn config(&self) -> &ModelConfig {
        &self.config
    }

    /// The program vocabulary.
    pub fn programs(&self) -> &ProgramVocab {
        &self.programs
    }

    /// The decoder.
    pub fn decoder(&self) -> &Gemma {
        &self.decoder
    }

    /// Number of trainable numbers.
    pub fn parameter_count(&self) -> i64 {
        self.vs
            .trainable_variables()
            .iter()
            .map(Tensor::numel)
            .sum::<usize>() as i64
    }

    /// Tokenizes a batch of example sets (each cut to `max_examples`).
    pub fn encode_examples(&self, sets: &[&[Example]]) -> EncodedExamples {
        let (n, l) = (self.config.max_examples, self.config.max_example_tokens);
        let mut ids = vec![i64::from(self.examples.pad()); sets.len() * n * l];
        let mut valid = vec![false; sets.len() * n * l];
        for (b, set) in sets.iter().enumerate() {
            for (e, ex) in set.iter().take(n).enumerate() {
                let row = (b * n + e) * l;
                for (i, id) in self
                    .examples
                    .encode_example(&ex.inputs, &ex.output, l)
                    .into_iter()
                    .enumerate()
                {
                    ids[row + i] = i64::from(id);
                    valid[row + i] = true;
                }
            }
        }
        let shape = [(sets.len() * n) as i64, l as i64];
        EncodedExamples {
            ids: Tensor::from_slice(&ids).view(shape),
            valid: Tensor::from_slice(&valid).view(shape),
            batch: sets.len() as i64,
        }
    }

    /// Runs the encoder and feeds its output to the decoder as the bidirectional prefix;
    /// returns the decoder cache, ready for program tokens.
    pub fn prefix(&self, examples: &EncodedExamples) -> KvCache {
        let mut enc_cache = self.encoder.new_cache();
        let x = self.encoder.embed(&examples.ids);
        let encoded = self
            .encoder
            .forward_embeds(&x, Some(&examples.valid), true, &mut enc_cache);
        let (b, d) = (examples.batch, self.config.decoder.hidden_size as i64);
        let prefix = encoded.view([b, -1, d]);
        let valid = examples.valid.view([b, -1]);
        let mut cache = self.decoder.new_cache();
        let _ = self
            .decoder
            .forward_embeds(&prefix, Some(&valid), true, &mut cache);
        cache
    }

    /// Logits `[B, T, V]` for program tokens `tokens` (`[B, T]`) after what `cache` holds.
    pub fn step(&self, tokens: &Tensor, cache: &mut KvCache) -> Tensor {
        self.decoder.forward(tokens, cache)
    }

    /// Mean cross-entropy of the programs (`targets` `[B, T]`, -100 where padding) given
    /// the examples, with teacher forcing (`inputs` = `<bos>` + targets shifted).
    pub fn loss(&self, examples: &EncodedExamples, inputs: &Tensor, targets: &Tensor) -> Tensor {
        let mut cache = self.prefix(examples);
        let logits = self.step(inputs, &mut cache);
        let v = logits.size()[2];
        logits
            .view([-1, v])
            .to_kind(Kind::Float)
            .cross_entropy_loss::<Tensor>(
                &targets.view([-1]),
                None,
                tch::Reduction::Mean,
                -100,
                0.0,
            )
    }
}
