//! Low-rank adapters (LoRA, Hu et al. 2021) on the projections of a Gemma decoder.
//!
//! An adapter on a projection `y = W x` (`W` is `[out, in]`) adds `scale * B (A x)`, with
//! `A` `[r, in]`, `B` `[out, r]` and `scale = alpha / r`. `B` starts at zero, so attaching
//! a fresh adapter leaves the decoder's outputs exactly as they were; the base weights stay
//! in their own (frozen) `VarStore` and only `A` and `B` train. After training,
//! [`Gemma::merge_lora`] folds each adapter into its projection (`W += scale * B A`), so
//! that running the adapted model costs nothing more than running the base one.
//!
//! Adapter parameters are named after the projection they adapt:
//! `model.layers.N.self_attn.q_proj.lora_A`, `model.layers.N.mlp.down_proj.lora_B`, ...
//!
//! ```
//! use gemfill_transformer::{Gemma, GemmaConfig, LoraConfig, LoraTarget};
//! use tch::{nn, Device, Tensor};
//!
//! let mut config = GemmaConfig::gemma3_270m();
//! (config.vocab_size, config.hidden_size, config.intermediate_size) = (32, 16, 24);
//! (config.num_hidden_layers, config.head_dim, config.sliding_window) = (2, 8, Some(4));
//! let mut base = nn::VarStore::new(Device::Cpu);
//! let mut model = Gemma::new(&base.root(), &config).unwrap();
//! base.freeze();
//! let adapters = nn::VarStore::new(Device::Cpu);
//! let lora = LoraConfig::new(4, 8.0, vec![LoraTarget::QProj, LoraTarget::VProj]).unwrap();
//! model.attach_lora(&adapters.root(), &lora).unwrap();
//! assert!(adapters.variables().contains_key("model.layers.1.self_attn.v_proj.lora_B"));
//! assert_eq!(adapters.trainable_variables().len(), 2 * 2 * 2);
//! assert_eq!(model.merge_lora(), 4);
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};
use tch::{Tensor, nn};

use crate::config::GemmaConfig;

/// A projection of a decoder layer that an adapter can adapt (Hugging Face's names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LoraTarget {
    /// `self_attn.q_proj`.
    #[serde(rename = "q_proj")]
    QProj,
    /// `self_attn.k_proj`.
    #[serde(rename = "k_proj")]
    KProj,
    /// `self_attn.v_proj`.
    #[serde(rename = "v_proj")]
    VProj,
    /// `self_attn.o_proj`.
    #[serde(rename = "o_proj")]
    OProj,
    /// `mlp.gate_proj`.
    #[serde(rename = "gate_proj")]
    GateProj,
    /// `mlp.up_proj`.
    #[serde(rename = "up_proj")]
    UpProj,
    /// `mlp.down_proj`.
    #[serde(rename = "down_proj")]
    DownProj,
}

impl LoraTarget {
    /// Every projection, attention first.
    pub const ALL: [LoraTarget; 7] = [
        LoraTarget::QProj,
        LoraTarget::KProj,
        LoraTarget::VProj,
        LoraTarget::OProj,
        LoraTarget::GateProj,
        LoraTarget::UpProj,
        LoraTarget::DownProj,
    ];

    /// The projection's name (`q_proj`, ...).
    pub fn name(self) -> &'static str {
        match self {
            LoraTarget::QProj => "q_proj",
            LoraTarget::KProj => "k_proj",
            LoraTarget::VProj => "v_proj",
            LoraTarget::OProj => "o_proj",
            LoraTarget::GateProj => "gate_proj",
            LoraTarget::UpProj => "up_proj",
            LoraTarget::DownProj => "down_proj",
        }
    }

    /// The sub-module holding it (`self_attn` or `mlp`).
    pub fn module(self) -> &'static str {
        match self {
            LoraTarget::QProj | LoraTarget::KProj | LoraTarget::VProj | LoraTarget::OProj => {
                "self_attn"
            }
            LoraTarget::GateProj | LoraTarget::UpProj | LoraTarget::DownProj => "mlp",
        }
    }

    /// The target named `name` (`q_proj` or `q`, ...).
    pub fn parse(name: &str) -> Option<LoraTarget> {
        let name = name.trim();
        LoraTarget::ALL
            .into_iter()
            .find(|t| t.name() == name || t.name().strip_suffix("_proj") == Some(name))
    }

    /// `(inputs, outputs)` of this projection in a decoder of `config`.
    pub fn shape(self, config: &GemmaConfig) -> (usize, usize) {
        let d = config.hidden_size;
        let q = config.num_attention_heads * config.head_dim;
        let kv = config.num_key_value_heads * config.head_dim;
        let f = config.intermediate_size;
        match self {
            LoraTarget::QProj => (d, q),
            LoraTarget::KProj | LoraTarget::VProj => (d, kv),
            LoraTarget::OProj => (q, d),
            LoraTarget::GateProj | LoraTarget::UpProj => (d, f),
            LoraTarget::DownProj => (f, d),
        }
    }
}

impl fmt::Display for LoraTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The shape of an adapter: rank, `alpha` (the update is scaled by `alpha / rank`) and
/// which projections of every layer it adapts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoraConfig {
    /// Rank `r` of each update.
    pub rank: usize,
    /// The update is multiplied by `alpha / rank`.
    pub alpha: f64,
    /// The adapted projections (in every layer), sorted, no duplicates.
    pub targets: Vec<LoraTarget>,
}

impl LoraConfig {
    /// A checked config (targets sorted and deduplicated).
    pub fn new(rank: usize, alpha: f64, targets: Vec<LoraTarget>) -> Result<LoraConfig, LoraError> {
        let mut config = LoraConfig {
            rank,
            alpha,
            targets,
        };
        config.targets.sort();
        config.targets.dedup();
        config.validate()?;
        Ok(config)
    }

    /// `alpha / rank`.
    pub fn scale(&self) -> f64 {
        self.alpha / self.rank as f64
    }

    /// Checks that the rank is positive, alpha a positive number and a target given.
    pub fn validate(&self) -> Result<(), LoraError> {
        if self.rank == 0 {
            return Err(LoraError::ZeroRank);
        }
        if !(self.alpha.is_finite() && self.alpha > 0.0) {
            return Err(LoraError::BadAlpha(self.alpha));
        }
        if self.targets.is_empty() {
            return Err(LoraError::NoTargets);
        }
        Ok(())
    }

    /// The name and shape of every adapter parameter on a decoder of `model`, layer by
    /// layer, `lora_A` before `lora_B`.
    pub fn parameter_shapes(&self, model: &GemmaConfig) -> Vec<(String, Vec<i64>)> {
        let r = self.rank as i64;
        let mut out = Vec::new();
        for layer in 0..model.num_hidden_layers {
            for &target in &self.targets {
                let (inputs, outputs) = target.shape(model);
                let prefix = format!("model.layers.{layer}.{}.{}", target.module(), target.name());
                out.push((format!("{prefix}.lora_A"), vec![r, inputs as i64]));
                out.push((format!("{prefix}.lora_B"), vec![outputs as i64, r]));
            }
        }
        out
    }

    /// Number of adapter parameters on a decoder of `model`.
    pub fn parameter_count(&self, model: &GemmaConfig) -> usize {
        self.parameter_shapes(model)
            .iter()
            .map(|(_, shape)| shape.iter().product::<i64>() as usize)
            .sum()
    }
}

/// Why adapters cannot be made or attached.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoraError {
    /// A rank-0 update changes nothing.
    #[error("the LoRA rank must be positive")]
    ZeroRank,
    /// `alpha` scales the update, so it must be a positive number.
    #[error("the LoRA alpha must be a positive number, not {0}")]
    BadAlpha(f64),
    /// An adapter adapts at least one projection.
    #[error("a LoRA adapter needs at least one target projection")]
    NoTargets,
    /// A decoder carries one set of adapters at a time.
    #[error("LoRA adapters (rank {rank}) are already attached; merge or detach them first")]
    AlreadyAttached {
        /// The rank of the attached adapters.
        rank: usize,
    },
}

/// One adapter on one projection: adds `scale * B (A x)` to the projection's output.
#[derive(Debug)]
pub struct LoraDelta {
    /// `A`, `[r, in]`.
    pub a: Tensor,
    /// `B`, `[out, r]`.
    pub b: Tensor,
    /// `alpha / r`.
    pub scale: f64,
}

impl LoraDelta {
    /// Creates `p / "lora_A"` (uniform in `±1/sqrt(in)`, as PEFT's Kaiming-uniform with
    /// `a = sqrt(5)` gives) and `p / "lora_B"` (zeros).
    pub fn new(p: &nn::Path, inputs: usize, outputs: usize, rank: usize, scale: f64) -> Self {
        let bound = 1.0 / (inputs as f64).sqrt();
        let a = p.var(
            "lora_A",
            &[rank as i64, inputs as i64],
            nn::Init::Uniform {
                lo: -bound,
                up: bound,
            },
        );
        let b = p.var(
            "lora_B",
            &[outputs as i64, rank as i64],
            nn::Init::Const(0.0),
        );
        LoraDelta { a, b, scale }
    }

    /// The update for inputs `x` (`[.., in]`): `scale * (x Aᵀ) Bᵀ`, `[.., out]`. Going
    /// through the rank-`r` bottleneck costs `r (in + out)` per row instead of `in out`.
    pub fn forward(&self, x: &Tensor) -> Tensor {
        x.matmul(&self.a.tr()).matmul(&self.b.tr()) * self.scale
    }

    /// The update as a weight, `scale * B A` (`[out, in]`).
    pub fn weight_delta(&self) -> Tensor {
        self.b.matmul(&self.a) * self.scale
    }
}

/// `linear(x)`, plus the adapter's update when there is one. Without an adapter this is
/// exactly `linear.forward(x)`: a decoder without adapters computes what it always did.
pub(crate) fn project(linear: &nn::Linear, delta: Option<&LoraDelta>, x: &Tensor) -> Tensor {
    use tch::nn::Module;
    let y = linear.forward(x);
    match delta {
        Some(delta) => y + delta.forward(x),
        None => y,
    }
}

/// Adds `scale * B A` to the projection's weight, outside autograd.
pub(crate) fn merge_into(linear: &mut nn::Linear, delta: &LoraDelta) {
    tch::no_grad(|| {
        let update = delta
            .weight_delta()
            .to_device(linear.ws.device())
            .to_kind(linear.ws.kind());
        let _ = linear.ws.g_add_(&update);
    });
}

#[cfg(test)]
mod tests {
    use tch::{Device, Kind, nn};

    use super::*;

    fn values(t: &Tensor) -> Vec<f64> {
        Vec::<f64>::try_from(t.to_kind(Kind::Double).flatten(0, -1)).unwrap()
    }

    fn set(var: &Tensor, values: &[f64]) {
        let shape = var.size();
        tch::no_grad(|| {
            let mut v = var.shallow_clone();
            v.copy_(
                &Tensor::from_slice(values)
                    .to_kind(Kind::Float)
                    .view(shape.as_slice()),
            );
        });
    }

    #[test]
    fn one_delta_adds_scale_b_a_x_computed_by_hand() {
        let vs = nn::VarStore::new(Device::Cpu);
        let cfg = nn::LinearConfig {
            bias: false,
            ..Default::default()
        };
        let linear = nn::linear(vs.root() / "proj", 3, 2, cfg);
        set(&linear.ws, &[1.0, 0.0, 2.0, -1.0, 0.5, 0.0]);
        let delta = LoraDelta::new(&(vs.root() / "proj"), 3, 2, 1, 2.0);
        set(&delta.a, &[0.5, -1.0, 1.0]);
        set(&delta.b, &[3.0, -2.0]);
        let x = Tensor::from_slice(&[2.0f32, 1.0, -1.0]).view([1, 3]);
        // W x = (2 - 2, -2 + 0.5) = (0, -1.5); A x = 1 - 1 - 1 = -1;
        // scale B (A x) = 2 * (-3, 2) = (-6, 4).
        assert_eq!(values(&project(&linear, Some(&delta), &x)), vec![-6.0, 2.5]);
        assert_eq!(values(&project(&linear, None, &x)), vec![0.0, -1.5]);
        // scale B A = 2 * [[1.5, -3, 3], [-1, 2, -2]].
        assert_eq!(
            values(&delta.weight_delta()),
            vec![3.0, -6.0, 6.0, -2.0, 4.0, -4.0]
        );
    }
}
