//! [`LoraAdapter`]: a LoRA adapter fine-tuned for a Gemma checkpoint, as a folder:
//!
//! - `adapter.safetensors`: the `lora_A` / `lora_B` matrices of every adapted projection
//!   (`model.layers.N.self_attn.q_proj.lora_A`, ...), float32;
//! - `adapter.json`: [`AdapterMeta`]: rank, alpha, targets, prompt style, the base
//!   checkpoint (file name, size in bytes, decoder config), the data seed and version and
//!   the training progress (steps, tasks, seconds, sessions);
//! - `metrics.jsonl`: one line per evaluation (written by [`crate::finetune`]);
//! - `optimizer.safetensors`: AdamW's moments (written by [`crate::finetune`]).
//!
//! To run a fine-tuned model, load the base checkpoint and the adapter and merge it
//! (`W += scale * B A`): the merged model runs at the base model's cost.
//!
//! ```no_run
//! use std::path::Path;
//! use gemfill_gemma::adapter::load_gguf_with_adapter;
//!
//! let gguf = gemfill_gemma::install::gemma3_270m_path();
//! let checkpoint =
//!     load_gguf_with_adapter(&gguf, Path::new("models/gemma3-270m-lora"), tch::Device::Cpu)?;
//! # Ok::<(), gemfill_gemma::GemmaError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use gemfill_transformer::session::Progress;
use gemfill_transformer::{GemmaConfig, LoraConfig};
use serde::{Deserialize, Serialize};
use tch::{Device, Kind, Tensor, nn};

use crate::checkpoint::GemmaCheckpoint;
use crate::error::{GemmaError, Result, file_error, io_error, json_error, tensors_error};
use crate::prompt::PromptStyle;

/// The adapter's weights file in an adapter folder.
pub const WEIGHTS_FILE: &str = "adapter.safetensors";
/// The adapter's description in an adapter folder.
pub const META_FILE: &str = "adapter.json";
/// The training curve in an adapter folder (one JSON object per evaluation).
pub use gemfill_transformer::session::METRICS_FILE;
/// The `format` of the adapter folders this version writes and reads.
pub const FORMAT: &str = "gemfill-lora-v1";

/// The checkpoint an adapter was trained on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaseModel {
    /// File name of the checkpoint (no folder: the same file may live elsewhere).
    pub file: String,
    /// Its size in bytes (a different file of the same name is caught by this).
    pub bytes: u64,
    /// The decoder's configuration.
    pub config: GemmaConfig,
}

impl BaseModel {
    /// The description of the checkpoint file at `path`, whose decoder has `config`.
    pub fn of_file(path: &Path, config: &GemmaConfig) -> Result<BaseModel> {
        let bytes = std::fs::metadata(path)
            .map_err(io_error(path, "read"))?
            .len();
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        Ok(BaseModel {
            file,
            bytes,
            config: config.clone(),
        })
    }
}

/// The name a prompt style has in `adapter.json`.
pub fn prompt_style_name(style: PromptStyle) -> &'static str {
    match style {
        PromptStyle::Plain => "plain",
        PromptStyle::FewShot => "few-shot",
    }
}

fn prompt_style_from_name(name: &str) -> Option<PromptStyle> {
    [PromptStyle::Plain, PromptStyle::FewShot]
        .into_iter()
        .find(|&s| prompt_style_name(s) == name)
}

/// `adapter.json`: what an adapter is and how it was made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdapterMeta {
    /// [`FORMAT`].
    pub format: String,
    /// Rank, alpha and the adapted projections.
    #[serde(flatten)]
    pub lora: LoraConfig,
    /// The prompt style the adapter was trained with (`plain`: the task alone).
    pub prompt_style: String,
    /// The checkpoint the adapter belongs to.
    pub base: BaseModel,
    /// Seed of the synthetic training tasks.
    pub seed: u64,
    /// The synthetic generator's distribution (`gemfill_data::synthetic::DATA_VERSION`).
    pub data_version: String,
    /// Training progress so far: steps, tasks consumed, seconds of training (evaluations
    /// excluded) and sessions (1 for a fresh run, +1 per resume).
    #[serde(flatten)]
    pub progress: Progress,
}

impl AdapterMeta {
    /// The prompt style prompts for this adapter must use.
    pub fn prompt_style(&self) -> Result<PromptStyle> {
        prompt_style_from_name(&self.prompt_style).ok_or_else(|| {
            GemmaError::Checkpoint(format!(
                "adapter prompt style {:?} is unknown (expected \"plain\" or \"few-shot\")",
                self.prompt_style
            ))
        })
    }
}

/// A loaded adapter: its description and its matrices (on the CPU, float32), checked
/// against each other.
#[derive(Debug)]
pub struct LoraAdapter {
    /// `adapter.json`.
    pub meta: AdapterMeta,
    tensors: BTreeMap<String, Tensor>,
}

impl LoraAdapter {
    /// Reads an adapter folder (`adapter.json` + `adapter.safetensors`), checking that
    /// the file holds exactly the matrices the description calls for, with their shapes.
    pub fn load(dir: &Path) -> Result<LoraAdapter> {
        let meta_path = dir.join(META_FILE);
        let text =
            std::fs::read_to_string(&meta_path).map_err(|source| GemmaError::NotAnAdapter {
                path: meta_path.clone(),
                dir: dir.to_path_buf(),
                source,
            })?;
        let meta: AdapterMeta =
            serde_json::from_str(&text).map_err(json_error(&meta_path, "adapter description"))?;
        if meta.format != FORMAT {
            return Err(file_error(
                &meta_path,
                format!(
                    "format {:?} is not {FORMAT:?} (written by another version of gemfill?)",
                    meta.format
                ),
            ));
        }
        meta.lora
            .validate()
            .map_err(|source| GemmaError::AdapterShape {
                path: meta_path.clone(),
                source,
            })?;
        meta.prompt_style()?;
        let weights = dir.join(WEIGHTS_FILE);
        if !weights.exists() {
            return Err(file_error(&weights, "missing"));
        }
        let tensors: BTreeMap<String, Tensor> = Tensor::read_safetensors(&weights)
            .map_err(tensors_error(&weights, "read"))?
            .into_iter()
            .collect();
        let expected = meta.lora.parameter_shapes(&meta.base.config);
        let expected_names: BTreeSet<&str> = expected.iter().map(|(n, _)| n.as_str()).collect();
        if let Some(extra) = tensors
            .keys()
            .find(|n| !expected_names.contains(n.as_str()))
        {
            return Err(file_error(
                &weights,
                format!(
                    "tensor {extra} is not part of a rank-{} adapter on {:?}",
                    meta.lora.rank, meta.lora.targets
                ),
            ));
        }
        for (name, shape) in &expected {
            let tensor = tensors
                .get(name)
                .ok_or_else(|| file_error(&weights, format!("tensor {name} is missing")))?;
            if &tensor.size() != shape {
                return Err(file_error(
                    &weights,
                    format!(
                        "tensor {name} has shape {:?}, but adapter.json calls for {shape:?}",
                        tensor.size()
                    ),
                ));
            }
            let finite = tensor
                .isfinite()
                .all()
                .to_kind(Kind::Int64)
                .int64_value(&[])
                != 0;
            if !finite {
                return Err(file_error(
                    &weights,
                    format!("tensor {name} holds NaN or infinite values"),
                ));
            }
        }
        let tensors = tensors
            .into_iter()
            .map(|(n, t)| (n, t.to_kind(Kind::Float)))
            .collect();
        Ok(LoraAdapter { meta, tensors })
    }

    /// Writes an adapter folder: `meta` and the adapter parameters held by `vars`
    /// (weights first to a temporary file then renamed, so an interrupted save never
    /// leaves a half-written adapter).
    pub fn save(dir: &Path, meta: &AdapterMeta, vars: &nn::VarStore) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(io_error(dir, "create"))?;
        let variables: BTreeMap<String, Tensor> = vars.variables().into_iter().collect();
        let named: Vec<(&str, &Tensor)> = variables.iter().map(|(n, t)| (n.as_str(), t)).collect();
        let partial = dir.join("adapter.partial.safetensors");
        Tensor::write_safetensors(&named, &partial).map_err(tensors_error(&partial, "write"))?;
        let meta_path = dir.join(META_FILE);
        let meta_partial = dir.join("adapter.partial.json");
        let text = serde_json::to_string_pretty(meta).expect("adapter metadata serializes");
        std::fs::write(&meta_partial, text + "\n").map_err(io_error(&meta_partial, "write"))?;
        let weights = dir.join(WEIGHTS_FILE);
        std::fs::rename(&partial, &weights).map_err(io_error(&weights, "write"))?;
        std::fs::rename(&meta_partial, &meta_path).map_err(io_error(&meta_path, "write"))
    }

    /// The matrices by name.
    pub fn tensors(&self) -> &BTreeMap<String, Tensor> {
        &self.tensors
    }

    /// Checks that `checkpoint`'s decoder has the configuration the adapter was trained
    /// on (same shapes everywhere).
    pub fn check_base(&self, checkpoint: &GemmaCheckpoint) -> Result<()> {
        let found = checkpoint.model.config();
        if found != &self.meta.base.config {
            return Err(GemmaError::Checkpoint(format!(
                "the adapter was trained on {} ({} layers, hidden size {}, vocabulary {}), \
                 but the loaded checkpoint has {} layers, hidden size {}, vocabulary {}",
                self.meta.base.file,
                self.meta.base.config.num_hidden_layers,
                self.meta.base.config.hidden_size,
                self.meta.base.config.vocab_size,
                found.num_hidden_layers,
                found.hidden_size,
                found.vocab_size
            )));
        }
        Ok(())
    }

    /// Checks that the checkpoint file at `path` is the one the adapter was trained on
    /// (same size; the name may differ, a copy may have been renamed).
    pub fn check_base_file(&self, path: &Path) -> Result<()> {
        let bytes = std::fs::metadata(path)
            .map_err(io_error(path, "read"))?
            .len();
        if bytes != self.meta.base.bytes {
            return Err(file_error(
                path,
                format!(
                    "this file has {bytes} bytes, but the adapter was trained on {} of {} bytes: \
                     pass the checkpoint the adapter was made for",
                    self.meta.base.file, self.meta.base.bytes
                ),
            ));
        }
        Ok(())
    }

    /// Copies the adapter's matrices into `vars`, whose variables must be exactly the
    /// adapter's (as [`gemfill_transformer::Gemma::attach_lora`] creates them).
    pub fn copy_into(&self, vars: &nn::VarStore) -> Result<()> {
        let mut variables = vars.variables();
        if variables.len() != self.tensors.len() {
            return Err(GemmaError::Checkpoint(format!(
                "the adapter has {} matrices, the decoder's adapters {}",
                self.tensors.len(),
                variables.len()
            )));
        }
        for (name, tensor) in &self.tensors {
            let variable = variables.get_mut(name).ok_or_else(|| {
                GemmaError::Checkpoint(format!("the decoder has no adapter matrix {name}"))
            })?;
            if variable.size() != tensor.size() {
                return Err(GemmaError::Checkpoint(format!(
                    "adapter matrix {name} has shape {:?}, the decoder's {:?}",
                    tensor.size(),
                    variable.size()
                )));
            }
            tch::no_grad(|| variable.copy_(tensor));
        }
        Ok(())
    }
}

impl GemmaCheckpoint {
    /// Attaches `adapter` to the decoder, unmerged (each adapted projection adds
    /// `scale * B A x`); returns the `VarStore` holding the adapter's matrices, on the
    /// checkpoint's device and trainable (training resumes this way). Fails when the
    /// checkpoint is not the adapter's base or adapters are attached already.
    pub fn attach_adapter(&mut self, adapter: &LoraAdapter) -> Result<nn::VarStore> {
        adapter.check_base(self)?;
        let vars = nn::VarStore::new(self.vars.device());
        self.model.attach_lora(&vars.root(), &adapter.meta.lora)?;
        if let Err(e) = adapter.copy_into(&vars) {
            self.model.detach_lora();
            return Err(e);
        }
        Ok(vars)
    }

    /// Merges `adapter` into the decoder's weights (`W += scale * B A` for every adapted
    /// projection): the model then runs at the base model's cost and behaves like the
    /// fine-tuned one. Fails when the checkpoint is not the adapter's base or adapters are
    /// attached already.
    pub fn merge_adapter(&mut self, adapter: &LoraAdapter) -> Result<()> {
        self.attach_adapter(adapter)?;
        self.model.merge_lora();
        Ok(())
    }
}

/// Loads the GGUF checkpoint at `gguf` and the adapter folder `adapter_dir`, checks that
/// they belong together, and merges the adapter into the weights.
pub fn load_gguf_with_adapter(
    gguf: &Path,
    adapter_dir: &Path,
    device: Device,
) -> Result<GemmaCheckpoint> {
    let adapter = LoraAdapter::load(adapter_dir)?;
    adapter.check_base_file(gguf)?;
    let mut checkpoint = GemmaCheckpoint::load_gguf(gguf, device)?;
    checkpoint.merge_adapter(&adapter)?;
    Ok(checkpoint)
}
