//! The layers of a Gemma decoder, one struct each with `new` (creating or looking up its
//! weights under a `tch::nn::Path`, with Hugging Face's checkpoint names) and `forward`.
//!
//! Exact definitions: docs/gemma.md, "The decoder" (RMSNorm with `1 + w`, rotate-half RoPE,
//! GeGLU with tanh GELU, grouped-query attention with optional soft-cap and QK-norm).

use std::collections::BTreeMap;

use tch::nn;
use tch::{Kind, Tensor};

use crate::config::GemmaConfig;
use crate::lora::{LoraDelta, LoraTarget, project};
use crate::mask::AttentionMask;

/// RMSNorm with the Gemma `(1 + w)` scale, computed in float32: `x / sqrt(mean(x²) + eps)
/// * (1 + w)`, `w` initialised to zeros. (GGUF files store `1 + w`; subtract 1 on load.)
#[derive(Debug)]
pub struct RmsNorm {
    /// The learned offset `w` (HF `*.weight`).
    pub weight: Tensor,
    eps: f64,
}

impl RmsNorm {
    /// A norm over the last `dim` features, weight at `p / "weight"`.
    pub fn new(p: nn::Path, dim: usize, eps: f64) -> RmsNorm {
        let weight = p.var("weight", &[dim as i64], nn::Init::Const(0.0));
        RmsNorm { weight, eps }
    }

    /// Normalises over the last dimension.
    pub fn forward(&self, x: &Tensor) -> Tensor {
        let kind = x.kind();
        let xf = x.to_kind(Kind::Float);
        let variance = xf.pow_tensor_scalar(2).mean_dim(-1, true, Kind::Float);
        let normed = &xf * (variance + self.eps).rsqrt();
        (normed * (self.weight.to_kind(Kind::Float) + 1.0)).to_kind(kind)
    }
}

/// Rotary position embedding, rotate-half (NEOX) pairing over the whole head:
/// `inv_freq[i] = base^(-2i/hd)`, angle `= pos / scale * inv_freq[i]`,
/// `out = concat(x1 cos - x2 sin, x2 cos + x1 sin)` with `x1, x2` the two halves of a head.
#[derive(Debug)]
pub struct RotaryEmbedding {
    inv_freq: Tensor,
    scale: f64,
}

impl RotaryEmbedding {
    /// Rotary positions for heads of `head_dim` features with this base and linear scale.
    pub fn new(head_dim: usize, base: f64, scale: f64) -> RotaryEmbedding {
        let half = head_dim / 2;
        let inv: Vec<f32> = (0..half)
            .map(|i| base.powf(-2.0 * i as f64 / head_dim as f64) as f32)
            .collect();
        RotaryEmbedding {
            inv_freq: Tensor::from_slice(&inv),
            scale,
        }
    }

    /// Rotates `x` of shape `[B, heads, T, hd]` whose tokens sit at positions
    /// `offset .. offset + T`.
    pub fn forward(&self, x: &Tensor, offset: usize) -> Tensor {
        let t = x.size()[2];
        let device = x.device();
        let pos = Tensor::arange_start(offset as i64, offset as i64 + t, (Kind::Float, device))
            / self.scale;
        let freqs = pos.unsqueeze(1) * self.inv_freq.to_device(device).unsqueeze(0);
        let angles = Tensor::cat(&[&freqs, &freqs], -1);
        let (cos, sin) = (
            angles.cos().to_kind(x.kind()),
            angles.sin().to_kind(x.kind()),
        );
        let half = x.size()[3] / 2;
        let x1 = x.narrow(-1, 0, half);
        let x2 = x.narrow(-1, half, half);
        let rotated = Tensor::cat(&[&(-&x2), &x1], -1);
        x * cos + rotated * sin
    }
}

/// The GeGLU feed-forward layer: `down(gelu_tanh(gate(x)) * up(x))`, no biases
/// (HF `mlp.gate_proj`, `mlp.up_proj`, `mlp.down_proj`).
#[derive(Debug)]
pub struct Mlp {
    /// `[F, d]`.
    pub gate_proj: nn::Linear,
    /// `[F, d]`.
    pub up_proj: nn::Linear,
    /// `[d, F]`.
    pub down_proj: nn::Linear,
    /// LoRA adapters on `gate_proj`, `up_proj`, `down_proj` (none by default).
    lora: BTreeMap<LoraTarget, LoraDelta>,
}

fn linear(p: nn::Path, inputs: usize, outputs: usize) -> nn::Linear {
    let config = nn::LinearConfig {
        bias: false,
        ..Default::default()
    };
    nn::linear(p, inputs as i64, outputs as i64, config)
}

impl Mlp {
    /// The layer for this config under `p` (`p` is the `mlp` path).
    pub fn new(p: nn::Path, cfg: &GemmaConfig) -> Mlp {
        let (d, f) = (cfg.hidden_size, cfg.intermediate_size);
        Mlp {
            gate_proj: linear(&p / "gate_proj", d, f),
            up_proj: linear(&p / "up_proj", d, f),
            down_proj: linear(&p / "down_proj", f, d),
            lora: BTreeMap::new(),
        }
    }

    /// Applies the layer to `[.., d]`.
    pub fn forward(&self, x: &Tensor) -> Tensor {
        let lora = |t: LoraTarget| self.lora.get(&t);
        let gate = project(&self.gate_proj, lora(LoraTarget::GateProj), x).gelu("tanh");
        let up = project(&self.up_proj, lora(LoraTarget::UpProj), x);
        project(&self.down_proj, lora(LoraTarget::DownProj), &(gate * up))
    }
}

/// One layer's cached keys (after QK-norm and RoPE) and values, `[B, K, T, hd]`.
#[derive(Debug)]
pub struct LayerCache {
    /// Keys.
    pub keys: Tensor,
    /// Values.
    pub values: Tensor,
}

/// Grouped-query self-attention (HF `self_attn.{q,k,v,o}_proj`, `self_attn.{q,k}_norm`).
#[derive(Debug)]
pub struct Attention {
    /// `[H*hd, d]`.
    pub q_proj: nn::Linear,
    /// `[K*hd, d]`.
    pub k_proj: nn::Linear,
    /// `[K*hd, d]`.
    pub v_proj: nn::Linear,
    /// `[d, H*hd]`.
    pub o_proj: nn::Linear,
    /// RMSNorm over each query head (Gemma 3).
    pub q_norm: Option<RmsNorm>,
    /// RMSNorm over each key head (Gemma 3).
    pub k_norm: Option<RmsNorm>,
    /// LoRA adapters on `q_proj`, `k_proj`, `v_proj`, `o_proj` (none by default).
    lora: BTreeMap<LoraTarget, LoraDelta>,
    rotary: RotaryEmbedding,
    heads: i64,
    kv_heads: i64,
    head_dim: i64,
    query_scale: f64,
    softcap: Option<f64>,
    window: Option<usize>,
}

impl Attention {
    /// The attention of layer `layer` (its RoPE base and window depend on it).
    pub fn new(p: nn::Path, cfg: &GemmaConfig, layer: usize) -> Attention {
        let (d, h, k, hd) = (
            cfg.hidden_size,
            cfg.num_attention_heads,
            cfg.num_key_value_heads,
            cfg.head_dim,
        );
        let (q_norm, k_norm) = if cfg.use_qk_norm {
            (
                Some(RmsNorm::new(&p / "q_norm", hd, cfg.rms_norm_eps)),
                Some(RmsNorm::new(&p / "k_norm", hd, cfg.rms_norm_eps)),
            )
        } else {
            (None, None)
        };
        Attention {
            q_proj: linear(&p / "q_proj", d, h * hd),
            k_proj: linear(&p / "k_proj", d, k * hd),
            v_proj: linear(&p / "v_proj", d, k * hd),
            o_proj: linear(&p / "o_proj", h * hd, d),
            q_norm,
            k_norm,
            lora: BTreeMap::new(),
            rotary: RotaryEmbedding::new(hd, cfg.rope_base(layer), cfg.rope_scale(layer)),
            heads: h as i64,
            kv_heads: k as i64,
            head_dim: hd as i64,
            query_scale: cfg.query_scale(),
            softcap: cfg.attn_logit_softcapping,
            window: if cfg.is_sliding(layer) {
                cfg.sliding_window
            } else {
                None
            },
        }
    }

    /// Attends from `x` (`[B, T, d]`, at positions `offset..offset+T`) to the cached keys
    /// and `x` itself, appending `x`'s keys and values to `cache`.
    pub fn forward(
        &self,
        x: &Tensor,
        mask: &AttentionMask,
        offset: usize,
        cache: &mut Option<LayerCache>,
    ) -> Tensor {
        let (b, t) = (x.size()[0], x.size()[1]);
        let heads = |y: Tensor, n: i64| y.view([b, t, n, self.head_dim]).transpose(1, 2);
        let lora = |t: LoraTarget| self.lora.get(&t);
        let mut q = heads(
            project(&self.q_proj, lora(LoraTarget::QProj), x),
            self.heads,
        );
        let mut k = heads(
            project(&self.k_proj, lora(LoraTarget::KProj), x),
            self.kv_heads,
        );
        let v = heads(
            project(&self.v_proj, lora(LoraTarget::VProj), x),
            self.kv_heads,
        );
        if let (Some(qn), Some(kn)) = (&self.q_norm, &self.k_norm) {
            q = qn.forward(&q);
            k = kn.forward(&k);
        }
        let q = self.rotary.forward(&q, offset) * self.query_scale;
        let k = self.rotary.forward(&k, offset);
        let (k, v) = match cache.take() {
            Some(c) => (
                Tensor::cat(&[&c.keys, &k], 2),
                Tensor::cat(&[&c.values, &v], 2),
            ),
            None => (k, v),
        };
        *cache = Some(LayerCache {
            keys: k.shallow_clone(),
            values: v.shallow_clone(),
        });
        let groups = self.heads / self.kv_heads;
        let (k, v) = if groups > 1 {
            (
                k.repeat_interleave_self_int(groups, 1, None),
                v.repeat_interleave_self_int(groups, 1, None),
            )
        } else {
            (k, v)
        };
        let mut scores = q.matmul(&k.transpose(-2, -1)).to_kind(Kind::Float);
        if let Some(cap) = self.softcap {
            scores = (scores / cap).tanh() * cap;
        }
        let blocked = mask.blocked(offset, t as usize, self.window, x.device());
        let probs = scores
            .masked_fill(&blocked, f64::from(f32::MIN))
            .softmax(-1, Kind::Float)
            .to_kind(v.kind());
        let out =
            probs
                .matmul(&v)
                .transpose(1, 2)
                .contiguous()
                .view([b, t, self.heads * self.head_dim]);
        project(&self.o_proj, lora(LoraTarget::OProj), &out)
    }
}

/// One decoder block (HF `model.layers.N`). With sandwich norms (Gemma 2/3):
/// `x += post_attention_layernorm(attn(input_layernorm(x)))`,
/// `x += post_feedforward_layernorm(mlp(pre_feedforward_layernorm(x)))`. Without (Gemma 1):
/// `x += attn(input_layernorm(x))`, `x += mlp(post_attention_layernorm(x))`.
#[derive(Debug)]
pub struct DecoderLayer {
    /// Pre-attention norm.
    pub input_layernorm: RmsNorm,
    /// Self-attention.
    pub self_attn: Attention,
    /// Post-attention norm (Gemma 2/3) or pre-MLP norm (Gemma 1).
    pub post_attention_layernorm: RmsNorm,
    /// Pre-MLP norm (Gemma 2/3 only).
    pub pre_feedforward_layernorm: Option<RmsNorm>,
    /// Post-MLP norm (Gemma 2/3 only).
    pub post_feedforward_layernorm: Option<RmsNorm>,
    /// Feed-forward layer.
    pub mlp: Mlp,
}

impl DecoderLayer {
    /// Layer `layer` under `p` (`p` is `model.layers.N`).
    pub fn new(p: nn::Path, cfg: &GemmaConfig, layer: usize) -> DecoderLayer {
        let (d, eps) = (cfg.hidden_size, cfg.rms_norm_eps);
        let (pre_ffw, post_ffw) = if cfg.use_post_norms {
            (
                Some(RmsNorm::new(&p / "pre_feedforward_layernorm", d, eps)),
                Some(RmsNorm::new(&p / "post_feedforward_layernorm", d, eps)),
            )
        } else {
            (None, None)
        };
        DecoderLayer {
            input_layernorm: RmsNorm::new(&p / "input_layernorm", d, eps),
            self_attn: Attention::new(&p / "self_attn", cfg, layer),
            post_attention_layernorm: RmsNorm::new(&p / "post_attention_layernorm", d, eps),
            pre_feedforward_layernorm: pre_ffw,
            post_feedforward_layernorm: post_ffw,
            mlp: Mlp::new(&p / "mlp", cfg),
        }
    }

    /// The projection `target` and the adapters of its sub-module.
    pub(crate) fn lora_slot(
        &mut self,
        target: LoraTarget,
    ) -> (&mut nn::Linear, &mut BTreeMap<LoraTarget, LoraDelta>) {
        let attn = &mut self.self_attn;
        let mlp = &mut self.mlp;
        match target {
            LoraTarget::QProj => (&mut attn.q_proj, &mut attn.lora),
            LoraTarget::KProj => (&mut attn.k_proj, &mut attn.lora),
            LoraTarget::VProj => (&mut attn.v_proj, &mut attn.lora),
            LoraTarget::OProj => (&mut attn.o_proj, &mut attn.lora),
            LoraTarget::GateProj => (&mut mlp.gate_proj, &mut mlp.lora),
            LoraTarget::UpProj => (&mut mlp.up_proj, &mut mlp.lora),
            LoraTarget::DownProj => (&mut mlp.down_proj, &mut mlp.lora),
        }
    }

    /// Applies the block to `x` (`[B, T, d]`).
    pub fn forward(
        &self,
        x: &Tensor,
        mask: &AttentionMask,
        offset: usize,
        cache: &mut Option<LayerCache>,
    ) -> Tensor {
        let attn = self
            .self_attn
            .forward(&self.input_layernorm.forward(x), mask, offset, cache);
        match (
            &self.pre_feedforward_layernorm,
            &self.post_feedforward_layernorm,
        ) {
            (Some(pre), Some(post)) => {
                let x = x + self.post_attention_layernorm.forward(&attn);
                let ffw = self.mlp.forward(&pre.forward(&x));
                &x + post.forward(&ffw)
            }
            _ => {
                let x = x + attn;
                let ffw = self.mlp.forward(&self.post_attention_layernorm.forward(&x));
                &x + ffw
            }
        }
    }
}
