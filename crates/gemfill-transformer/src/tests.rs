//! Each layer against values computed here independently, with plain f64 loops on shapes
//! small enough to check by hand.

use tch::{Device, Kind, Tensor, nn};

use super::*;

fn tensor(values: &[f64], shape: &[i64]) -> Tensor {
    Tensor::from_slice(values).to_kind(Kind::Float).view(shape)
}

fn values(t: &Tensor) -> Vec<f64> {
    let flat = t.to_kind(Kind::Double).flatten(0, -1);
    Vec::<f64>::try_from(&flat).unwrap()
}

fn assert_close(got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "lengths differ: {got:?} vs {want:?}");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol,
            "element {i}: got {g}, want {w}\n{got:?}\n{want:?}"
        );
    }
}

fn set(var: &Tensor, values: &[f64]) {
    let shape = var.size();
    tch::no_grad(|| {
        let mut v = var.shallow_clone();
        v.copy_(&tensor(values, &shape));
    });
}

/// Deterministic, varied weights: no two entries alike, |w| < 1.
fn pattern(n: usize, seed: f64) -> Vec<f64> {
    (0..n)
        .map(|i| ((i as f64 + 1.0) * seed).sin() * 0.7)
        .collect()
}

fn small_config() -> GemmaConfig {
    GemmaConfig {
        vocab_size: 11,
        hidden_size: 4,
        intermediate_size: 6,
        num_hidden_layers: 2,
        num_attention_heads: 2,
        num_key_value_heads: 1,
        head_dim: 2,
        rms_norm_eps: 1e-6,
        rope_theta: 10_000.0,
        rope_local_base_freq: Some(100.0),
        rope_global_scaling_factor: 1.0,
        query_pre_attn_scalar: Some(3.0),
        attn_logit_softcapping: None,
        final_logit_softcapping: None,
        sliding_window: Some(2),
        sliding_window_pattern: 2,
        use_post_norms: true,
        use_qk_norm: true,
        tie_word_embeddings: true,
    }
}

fn rms_ref(x: &[f64], w: &[f64], eps: f64) -> Vec<f64> {
    let ms = x.iter().map(|v| v * v).sum::<f64>() / x.len() as f64;
    let r = 1.0 / (ms + eps).sqrt();
    x.iter().zip(w).map(|(v, w)| v * r * (1.0 + w)).collect()
}

#[test]
fn rms_norm_scales_by_one_plus_weight() {
    let vs = nn::VarStore::new(Device::Cpu);
    let norm = RmsNorm::new(vs.root() / "n", 4, 1e-6);
    set(&norm.weight, &[0.0, 1.0, 0.0, 0.5]);
    let y = norm.forward(&tensor(&[1.0, 2.0, 3.0, 4.0], &[1, 4]));
    // mean of squares 7.5: y = x / sqrt(7.5) * (1, 2, 1, 1.5).
    let s = 7.5f64.sqrt();
    assert_close(&values(&y), &[1.0 / s, 4.0 / s, 3.0 / s, 6.0 / s], 1e-5);
}

fn rope_ref(x: &[f64], pos: f64, base: f64) -> Vec<f64> {
    let half = x.len() / 2;
    let mut out = vec![0.0; x.len()];
    for i in 0..half {
        let angle = pos * base.powf(-2.0 * i as f64 / x.len() as f64);
        let (a, b) = (x[i], x[i + half]);
        out[i] = a * angle.cos() - b * angle.sin();
        out[i + half] = b * angle.cos() + a * angle.sin();
    }
    out
}

#[test]
fn rotary_rotates_halves_and_keeps_relative_positions() {
    let rope = RotaryEmbedding::new(4, 10_000.0, 1.0);
    // [B=1, heads=1, T=2, hd=4] at positions 3 and 4.
    let x = tensor(&[1.0, 2.0, 3.0, 4.0, -1.0, 0.5, 2.0, 1.0], &[1, 1, 2, 4]);
    let y = values(&rope.forward(&x, 3));
    let mut want = rope_ref(&[1.0, 2.0, 3.0, 4.0], 3.0, 10_000.0);
    want.extend(rope_ref(&[-1.0, 0.5, 2.0, 1.0], 4.0, 10_000.0));
    // By hand for position 3: angles (3, 0.03): first entry 1 cos 3 - 3 sin 3.
    assert!((want[0] - (3f64.cos() - 3.0 * 3f64.sin())).abs() < 1e-12);
    assert_close(&y, &want, 1e-5);
    // Dot products of rotated vectors depend on the distance only.
    let q = tensor(&[0.3, -0.2, 0.9, 0.4], &[1, 1, 1, 4]);
    let k = tensor(&[0.1, 0.8, -0.5, 0.2], &[1, 1, 1, 4]);
    let dot = |a: usize, b: usize| {
        (rope.forward(&q, a) * rope.forward(&k, b))
            .sum(Kind::Double)
            .double_value(&[])
    };
    assert!((dot(5, 2) - dot(13, 10)).abs() < 1e-5);
    // Linear scaling divides the angle: position 6 with scale 2 is position 3.
    let scaled = RotaryEmbedding::new(4, 10_000.0, 2.0);
    let x3 = x.narrow(2, 0, 1);
    assert_close(
        &values(&scaled.forward(&x3, 6)),
        &values(&rope.forward(&x3, 3)),
        1e-5,
    );
}

fn gelu_tanh(x: f64) -> f64 {
    0.5 * x * (1.0 + ((2.0 / std::f64::consts::PI).sqrt() * (x + 0.044715 * x.powi(3))).tanh())
}

fn matvec(w: &[f64], rows: usize, x: &[f64]) -> Vec<f64> {
    let cols = x.len();
    (0..rows)
        .map(|r| (0..cols).map(|c| w[r * cols + c] * x[c]).sum())
        .collect()
}

#[test]
fn mlp_is_geglu_with_tanh_gelu() {
    let cfg = small_config();
    let vs = nn::VarStore::new(Device::Cpu);
    let mlp = Mlp::new(vs.root() / "mlp", &cfg);
    let (g, u, d) = (pattern(24, 0.37), pattern(24, 0.91), pattern(24, 1.3));
    set(&mlp.gate_proj.ws, &g);
    set(&mlp.up_proj.ws, &u);
    set(&mlp.down_proj.ws, &d);
    let x = [0.5, -1.0, 2.0, 0.25];
    let gate = matvec(&g, 6, &x);
    let up = matvec(&u, 6, &x);
    let hidden: Vec<f64> = gate
        .iter()
        .zip(&up)
        .map(|(a, b)| gelu_tanh(*a) * b)
        .collect();
    let want = matvec(&d, 4, &hidden);
    assert_close(&values(&mlp.forward(&tensor(&x, &[1, 4]))), &want, 1e-5);
    // The tanh approximation, not erf: at 1.0 they differ in the fourth decimal.
    assert!((gelu_tanh(1.0) - 0.841192).abs() < 1e-6);
}

/// Plain-loop attention for one sequence: `x` is `[T][d]`, returns `[T][d]`.
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
fn attention_ref(
    cfg: &GemmaConfig,
    layer: usize,
    x: &[Vec<f64>],
    wq: &[f64],
    wk: &[f64],
    wv: &[f64],
    wo: &[f64],
    qn: &[f64],
    kn: &[f64],
    prefix: usize,
) -> Vec<Vec<f64>> {
    let (h, kh, hd) = (
        cfg.num_attention_heads,
        cfg.num_key_value_heads,
        cfg.head_dim,
    );
    let base = cfg.rope_base(layer);
    let window = if cfg.is_sliding(layer) {
        cfg.sliding_window
    } else {
        None
    };
    let heads_of = |w: &[f64], n: usize, t: usize, norm: &[f64]| -> Vec<Vec<f64>> {
        let flat = matvec(w, n * hd, &x[t]);
        (0..n)
            .map(|i| {
                let head = &flat[i * hd..(i + 1) * hd];
                let head = if cfg.use_qk_norm {
                    rms_ref(head, norm, cfg.rms_norm_eps)
                } else {
                    head.to_vec()
                };
                rope_ref(&head, t as f64, base)
            })
            .collect()
    };
    let t_len = x.len();
    let qs: Vec<_> = (0..t_len).map(|t| heads_of(wq, h, t, qn)).collect();
    let ks: Vec<_> = (0..t_len).map(|t| heads_of(wk, kh, t, kn)).collect();
    let vs: Vec<Vec<f64>> = (0..t_len).map(|t| matvec(wv, kh * hd, &x[t])).collect();
    let scale = cfg.query_scale();
    (0..t_len)
        .map(|i| {
            let mut concat = Vec::new();
            for head in 0..h {
                let kv = head / (h / kh);
                let visible: Vec<usize> = (0..t_len)
                    .filter(|&j| (j <= i || j < prefix) && window.is_none_or(|w| i < j + w))
                    .collect();
                let scores: Vec<f64> = visible
                    .iter()
                    .map(|&j| {
                        let s: f64 = (0..hd).map(|c| qs[i][head][c] * scale * ks[j][kv][c]).sum();
                        cfg.attn_logit_softcapping
                            .map_or(s, |cap| cap * (s / cap).tanh())
                    })
                    .collect();
                let max = scores.iter().cloned().fold(f64::MIN, f64::max);
                let exps: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
                let total: f64 = exps.iter().sum();
                for c in 0..hd {
                    concat.push(
                        visible
                            .iter()
                            .zip(&exps)
                            .map(|(&j, e)| e / total * vs[j][kv * hd + c])
                            .sum(),
                    );
                }
            }
            matvec(wo, cfg.hidden_size, &concat)
        })
        .collect()
}

struct AttnWeights {
    wq: Vec<f64>,
    wk: Vec<f64>,
    wv: Vec<f64>,
    wo: Vec<f64>,
    qn: Vec<f64>,
    kn: Vec<f64>,
}

fn load_attention(attn: &Attention) -> AttnWeights {
    let w = AttnWeights {
        wq: pattern(16, 0.71),
        wk: pattern(8, 1.17),
        wv: pattern(8, 0.53),
        wo: pattern(16, 0.29),
        qn: vec![0.1, -0.3],
        kn: vec![0.4, 0.2],
    };
    set(&attn.q_proj.ws, &w.wq);
    set(&attn.k_proj.ws, &w.wk);
    set(&attn.v_proj.ws, &w.wv);
    set(&attn.o_proj.ws, &w.wo);
    set(&attn.q_norm.as_ref().unwrap().weight, &w.qn);
    set(&attn.k_norm.as_ref().unwrap().weight, &w.kn);
    w
}

fn rows(t_len: usize, seed: f64) -> Vec<Vec<f64>> {
    (0..t_len).map(|t| pattern(4, seed + t as f64)).collect()
}

#[test]
fn attention_matches_loops_for_local_global_prefix_and_softcap() {
    for (layer, softcap, prefix) in [
        (0, None, 0),
        (1, None, 0),
        (0, Some(0.5), 3),
        (1, Some(0.5), 2),
    ] {
        let mut cfg = small_config();
        cfg.attn_logit_softcapping = softcap;
        let vs = nn::VarStore::new(Device::Cpu);
        let attn = Attention::new(vs.root() / "a", &cfg, layer);
        let w = load_attention(&attn);
        let x = rows(5, 0.4);
        let flat: Vec<f64> = x.concat();
        let mut cache = None;
        let mask = AttentionMask::new(prefix, None);
        let got = attn.forward(&tensor(&flat, &[1, 5, 4]), &mask, 0, &mut cache);
        let want = attention_ref(
            &cfg, layer, &x, &w.wq, &w.wk, &w.wv, &w.wo, &w.qn, &w.kn, prefix,
        );
        assert_close(&values(&got), &want.concat(), 1e-5);
        assert_eq!(cache.unwrap().keys.size(), vec![1, 1, 5, 2]);
    }
}

#[test]
fn mask_combines_causality_prefix_window_and_padding() {
    let valid = Tensor::from_slice(&[true, true, false, true]).view([1, 4]);
    let mask = AttentionMask::new(2, Some(valid));
    let blocked = mask.blocked(0, 4, Some(2), Device::Cpu);
    let got: Vec<f64> = values(&blocked.to_kind(Kind::Double));
    // Rows are queries 0..4, columns keys 0..4; 1 = blocked. Key 2 is padding; keys 0 and
    // 1 form the prefix (query 0 sees key 1); the window of 2 (`i - j < 2`) hides key 0
    // from query 2 and keys 0 and 1 from query 3.
    #[rustfmt::skip]
    let want = [
        0., 0., 1., 1.,
        0., 0., 1., 1.,
        1., 0., 1., 1.,
        1., 1., 1., 0.,
    ];
    assert_close(&got, &want, 0.0);
}

#[test]
fn decoder_layer_orders_sandwich_and_gemma1_norms() {
    for post_norms in [true, false] {
        let mut cfg = small_config();
        cfg.use_post_norms = post_norms;
        let vs = nn::VarStore::new(Device::Cpu);
        let layer = DecoderLayer::new(vs.root() / "l", &cfg, 1);
        load_attention(&layer.self_attn);
        set(&layer.mlp.gate_proj.ws, &pattern(24, 0.37));
        set(&layer.mlp.up_proj.ws, &pattern(24, 0.91));
        set(&layer.mlp.down_proj.ws, &pattern(24, 1.3));
        set(&layer.input_layernorm.weight, &[0.1, 0.2, -0.1, 0.0]);
        set(
            &layer.post_attention_layernorm.weight,
            &[0.3, -0.2, 0.0, 0.1],
        );
        if let (Some(pre), Some(post)) = (
            &layer.pre_feedforward_layernorm,
            &layer.post_feedforward_layernorm,
        ) {
            set(&pre.weight, &[-0.4, 0.0, 0.2, 0.1]);
            set(&post.weight, &[0.0, 0.5, 0.1, -0.3]);
        }
        let x = tensor(&rows(3, 0.9).concat(), &[1, 3, 4]);
        let mask = AttentionMask::new(0, None);
        let got = layer.forward(&x, &mask, 0, &mut None);
        let attn = layer
            .self_attn
            .forward(&layer.input_layernorm.forward(&x), &mask, 0, &mut None);
        let want = if post_norms {
            let pre = layer.pre_feedforward_layernorm.as_ref().unwrap();
            let post = layer.post_feedforward_layernorm.as_ref().unwrap();
            let h = &x + layer.post_attention_layernorm.forward(&attn);
            &h + post.forward(&layer.mlp.forward(&pre.forward(&h)))
        } else {
            let h = &x + attn;
            &h + layer
                .mlp
                .forward(&layer.post_attention_layernorm.forward(&h))
        };
        assert_close(&values(&got), &values(&want), 1e-6);
    }
}

fn small_model(cfg: &GemmaConfig) -> (nn::VarStore, Gemma) {
    tch::manual_seed(7);
    let vs = nn::VarStore::new(Device::Cpu);
    let model = Gemma::new(&vs.root(), cfg).unwrap();
    // Non-zero norm weights so that the (1 + w) scale is exercised end to end.
    for (name, var) in vs.variables() {
        if name.ends_with("norm.weight") {
            tch::no_grad(|| {
                let mut v = var.shallow_clone();
                let _ = v.uniform_(-0.5, 0.5);
            });
        }
    }
    (vs, model)
}

#[test]
fn kv_cache_decoding_equals_full_forward() {
    let mut cfg = small_config();
    cfg.final_logit_softcapping = Some(2.0);
    cfg.attn_logit_softcapping = Some(5.0);
    let (_vs, model) = small_model(&cfg);
    let tokens = Tensor::from_slice(&[1i64, 4, 2, 9, 3, 7]).view([1, 6]);
    let full = model.forward(&tokens, &mut model.new_cache());
    let mut cache = model.new_cache();
    let mut steps = vec![model.forward(&tokens.narrow(1, 0, 3), &mut cache)];
    for t in 3..6 {
        steps.push(model.forward(&tokens.narrow(1, t, 1), &mut cache));
    }
    assert_eq!(cache.len(), 6);
    assert_close(&values(&Tensor::cat(&steps, 1)), &values(&full), 1e-5);
    // Final soft-cap bounds every logit.
    assert!(full.abs().max().double_value(&[]) < 2.0);
    // Selecting batch rows follows beams: row 0 of a two-row cache continues as row 0.
    let two = Tensor::cat(&[&tokens, &tokens], 0);
    let mut c2 = model.new_cache();
    let _ = model.forward(&two.narrow(1, 0, 5), &mut c2);
    let mut picked = c2.select(&Tensor::from_slice(&[1i64]));
    let last = model.forward(&tokens.narrow(1, 5, 1), &mut picked);
    assert_close(&values(&last), &values(&full.narrow(1, 5, 1)), 1e-5);
}

#[test]
fn logits_are_tied_to_the_scaled_embedding() {
    let mut cfg = small_config();
    cfg.num_hidden_layers = 0;
    let (_vs, model) = small_model(&cfg);
    let tokens = Tensor::from_slice(&[3i64]).view([1, 1]);
    let e = model.embed_tokens.ws.get(3);
    assert_close(&values(&model.embed(&tokens)), &values(&(&e * 2.0)), 1e-6);
    // No layers: logits = rms(E[3] * 2) * (1 + w) . E^T.
    let w = values(&model.norm.weight);
    let h = rms_ref(&values(&(&e * 2.0)), &w, 1e-6);
    let table = values(&model.embed_tokens.ws);
    let want: Vec<f64> = (0..11)
        .map(|r| (0..4).map(|c| h[c] * table[r * 4 + c]).sum())
        .collect();
    let got = model.forward(&tokens, &mut model.new_cache());
    assert_close(&values(&got), &want, 1e-5);
}

#[test]
fn bidirectional_prefix_sees_ahead_and_padding_is_invisible() {
    let cfg = small_config();
    let (_vs, model) = small_model(&cfg);
    let embeds = |last: f64| {
        let mut v = pattern(12, 0.3);
        v[11] = last;
        tensor(&v, &[1, 3, 4])
    };
    let run = |x: &Tensor, bidirectional: bool, valid: Option<&Tensor>| {
        let mut cache = model.new_cache();
        values(
            &model
                .forward_embeds(x, valid, bidirectional, &mut cache)
                .narrow(1, 0, 1),
        )
    };
    // Position 0 changes with position 2 only when the prefix is bidirectional.
    assert_close(
        &run(&embeds(0.1), false, None),
        &run(&embeds(0.9), false, None),
        1e-6,
    );
    let (a, b) = (run(&embeds(0.1), true, None), run(&embeds(0.9), true, None));
    assert!(a.iter().zip(&b).any(|(x, y)| (x - y).abs() > 1e-4));
    // ...unless position 2 is padding.
    let valid = Tensor::from_slice(&[true, true, false]).view([1, 3]);
    assert_close(
        &run(&embeds(0.1), true, Some(&valid)),
        &run(&embeds(0.9), true, Some(&valid)),
        1e-6,
    );
}
