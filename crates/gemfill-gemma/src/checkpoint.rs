//! [`GemmaCheckpoint`]: a released Gemma checkpoint loaded into the decoder of
//! `gemfill-transformer` ([`Gemma`]), with its tokenizer; from a GGUF file or a Hugging Face
//! folder (`config.json`, `model.safetensors` or its sharded index, `tokenizer.json`),
//! and saved as the latter.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use gemfill_gguf::GgufFile;
use gemfill_transformer::{Gemma, GemmaConfig};
use serde_json::Value;
use tch::{Device, Kind, Tensor, nn};

use crate::config::{Family, config_from_gguf, config_from_hf_json, config_to_hf_json};
use crate::error::{GemmaError, Result, file_error, io_error, json_error, tensors_error};
use crate::names::{decoder_name, gguf_name};
use crate::tokenizer::GemmaTokenizer;

/// A Gemma checkpoint ready to run: decoder weights in a `VarStore`, and the tokenizer.
#[derive(Debug)]
pub struct GemmaCheckpoint {
    /// Gemma 1, 2 or 3.
    pub family: Family,
    /// The decoder.
    pub model: Gemma,
    /// The store holding the decoder's weights (Hugging Face names).
    pub vars: nn::VarStore,
    /// The tokenizer.
    pub tokenizer: GemmaTokenizer,
    /// Seconds spent loading.
    pub load_seconds: f64,
}

/// An empty decoder of `config` whose weights are then overwritten.
fn empty_model(config: &GemmaConfig, device: Device) -> Result<(nn::VarStore, Gemma)> {
    let vars = nn::VarStore::new(device);
    // The config was validated when it was read, so this cannot fail.
    let model = Gemma::new(&vars.root(), config).map_err(|source| GemmaError::Config {
        origin: "the checkpoint".to_string(),
        source,
    })?;
    Ok((vars, model))
}

fn check_shape(file: &Path, name: &str, found: &[i64], expected: &[i64]) -> Result<()> {
    if found != expected {
        return Err(file_error(
            file,
            format!("tensor {name} has shape {found:?}, but the config gives {expected:?}"),
        ));
    }
    Ok(())
}

impl GemmaCheckpoint {
    /// Loads a GGUF file (architecture `gemma`, `gemma2` or `gemma3`), dequantizing every
    /// weight to `f32` on `device`.
    pub fn load_gguf(path: &Path, device: Device) -> Result<Self> {
        let start = Instant::now();
        let file = GgufFile::open(path)?;
        let (family, config) = config_from_gguf(&file)?;
        let tokenizer = GemmaTokenizer::from_gguf(&file)?;
        if tokenizer.vocab_size() != config.vocab_size {
            return Err(GemmaError::Checkpoint(format!(
                "{}: the tokenizer has {} tokens but token_embd.weight has {} rows",
                path.display(),
                tokenizer.vocab_size(),
                config.vocab_size
            )));
        }
        let (vars, model) = empty_model(&config, device)?;
        let mut used = BTreeSet::new();
        for (name, mut variable) in vars.variables() {
            let (source, is_norm) = gguf_name(&name, family).ok_or_else(|| {
                GemmaError::Checkpoint(format!("the decoder weight {name} has no GGUF name"))
            })?;
            let shape: Vec<usize> = variable.size().iter().map(|&d| d as usize).collect();
            let values = file.tensor_f32_shaped(&source, &shape)?;
            let mut tensor = Tensor::from_slice(&values).view(variable.size().as_slice());
            drop(values);
            if is_norm {
                tensor -= 1.0;
            }
            tch::no_grad(|| variable.copy_(&tensor));
            used.insert(source);
        }
        let unused: Vec<&str> = file
            .tensors()
            .iter()
            .map(|t| t.name.as_str())
            .filter(|name| !used.contains(*name))
            .collect();
        if !unused.is_empty() {
            return Err(GemmaError::Checkpoint(format!(
                "{}: tensors the {} decoder has no place for: {}",
                path.display(),
                family.gguf_architecture(),
                unused.join(", ")
            )));
        }
        Ok(Self {
            family,
            model,
            vars,
            tokenizer,
            load_seconds: start.elapsed().as_secs_f64(),
        })
    }

    /// Loads a Hugging Face folder: `config.json`, `tokenizer.json`, and
    /// `model.safetensors` or `model.safetensors.index.json` with its shards.
    pub fn load_hf(dir: &Path, device: Device) -> Result<Self> {
        let start = Instant::now();
        let config_path = dir.join("config.json");
        let text = std::fs::read_to_string(&config_path).map_err(io_error(&config_path, "read"))?;
        let json: Value =
            serde_json::from_str(&text).map_err(json_error(&config_path, "JSON file"))?;
        let (family, config) = config_from_hf_json(&json)?;
        let token_id = |name: &str, default: u32| {
            json.get(name)
                .and_then(Value::as_u64)
                .map_or(default, |id| id as u32)
        };
        let tokenizer = GemmaTokenizer::from_tokenizer_json(
            &dir.join("tokenizer.json"),
            token_id("bos_token_id", 2),
            token_id("eos_token_id", 1),
        )?;
        let (vars, model) = empty_model(&config, device)?;
        let mut variables = vars.variables();
        let mut loaded = BTreeSet::new();
        for shard in safetensors_files(dir)? {
            let tensors =
                Tensor::read_safetensors(&shard).map_err(tensors_error(&shard, "read"))?;
            for (name, tensor) in tensors {
                let Some(target) = decoder_name(&name) else {
                    continue;
                };
                if target == "lm_head.weight" && config.tie_word_embeddings {
                    // Tied checkpoints sometimes store the embedding twice.
                    continue;
                }
                let variable = variables.get_mut(&target).ok_or_else(|| {
                    file_error(&shard, format!("tensor {name} has no place in the decoder"))
                })?;
                check_shape(&shard, &name, &tensor.size(), &variable.size())?;
                tch::no_grad(|| variable.copy_(&tensor.to_kind(Kind::Float)));
                loaded.insert(target);
            }
        }
        let missing: Vec<&String> = variables.keys().filter(|n| !loaded.contains(*n)).collect();
        if !missing.is_empty() {
            return Err(file_error(
                dir,
                format!("weights missing from the safetensors files: {missing:?}"),
            ));
        }
        Ok(Self {
            family,
            model,
            vars,
            tokenizer,
            load_seconds: start.elapsed().as_secs_f64(),
        })
    }

    /// Writes the checkpoint as a Hugging Face folder (`config.json`, `model.safetensors`
    /// in float32, `tokenizer.json`), norm weights as `w` (not GGUF's `1 + w`).
    pub fn save_hf(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(io_error(dir, "create"))?;
        let config = config_to_hf_json(
            self.family,
            self.model.config(),
            self.tokenizer.bos_id(),
            self.tokenizer.eos_id(),
        );
        let config_path = dir.join("config.json");
        let text = serde_json::to_string_pretty(&config).expect("a JSON value serializes");
        std::fs::write(&config_path, text + "\n").map_err(io_error(&config_path, "write"))?;
        let variables: BTreeMap<String, Tensor> = self.vars.variables().into_iter().collect();
        let named: Vec<(&str, &Tensor)> = variables.iter().map(|(n, t)| (n.as_str(), t)).collect();
        let weights_path = dir.join("model.safetensors");
        Tensor::write_safetensors(&named, &weights_path)
            .map_err(tensors_error(&weights_path, "write"))?;
        self.tokenizer.save(&dir.join("tokenizer.json"))
    }
}

/// The safetensors files of a Hugging Face folder: the shards its index names, or
/// `model.safetensors`.
fn safetensors_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let index_path = dir.join("model.safetensors.index.json");
    if index_path.exists() {
        let text = std::fs::read_to_string(&index_path).map_err(io_error(&index_path, "read"))?;
        let index: Value =
            serde_json::from_str(&text).map_err(json_error(&index_path, "JSON file"))?;
        let map = index
            .get("weight_map")
            .and_then(Value::as_object)
            .ok_or_else(|| file_error(&index_path, "no \"weight_map\" object"))?;
        let mut shards: Vec<String> = map
            .values()
            .map(|v| {
                v.as_str().map(str::to_string).ok_or_else(|| {
                    file_error(&index_path, format!("shard name {v} is not a string"))
                })
            })
            .collect::<Result<_>>()?;
        shards.sort();
        shards.dedup();
        return Ok(shards.into_iter().map(|s| dir.join(s)).collect());
    }
    let single = dir.join("model.safetensors");
    if !single.exists() {
        return Err(file_error(
            dir,
            "neither model.safetensors nor model.safetensors.index.json is there",
        ));
    }
    Ok(vec![single])
}
