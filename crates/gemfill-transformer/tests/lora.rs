//! LoRA adapters on a small random decoder: a fresh adapter changes nothing, parameters
//! are named and shaped after their projections, merging gives what the unmerged adapter
//! computes, and gradients reach the adapters only.

use std::collections::BTreeMap;

use gemfill_transformer::{Gemma, GemmaConfig, LoraConfig, LoraTarget};
use tch::{Device, Kind, Tensor, nn};

fn values(t: &Tensor) -> Vec<f64> {
    Vec::<f64>::try_from(t.to_kind(Kind::Double).flatten(0, -1)).unwrap()
}

fn small_config() -> GemmaConfig {
    let mut c = GemmaConfig::gemma3_270m();
    (c.vocab_size, c.hidden_size, c.intermediate_size) = (13, 8, 12);
    (
        c.num_hidden_layers,
        c.num_attention_heads,
        c.num_key_value_heads,
    ) = (3, 2, 1);
    (c.head_dim, c.sliding_window, c.sliding_window_pattern) = (4, Some(3), 3);
    c
}

/// A decoder with random norm weights too (they start at zero), frozen.
fn base(seed: i64) -> (nn::VarStore, Gemma) {
    tch::manual_seed(seed);
    let mut vars = nn::VarStore::new(Device::Cpu);
    let model = Gemma::new(&vars.root(), &small_config()).unwrap();
    for (name, mut v) in vars.variables() {
        if name.ends_with("norm.weight") {
            tch::no_grad(|| v.copy_(&(Tensor::randn_like(&v) * 0.2)));
        }
    }
    vars.freeze();
    (vars, model)
}

fn logits(model: &Gemma, ids: &[i64]) -> Tensor {
    let mut cache = model.new_cache();
    model.forward(&Tensor::from_slice(ids).unsqueeze(0), &mut cache)
}

const IDS: [i64; 6] = [2, 7, 1, 12, 5, 5];

#[test]
fn a_fresh_adapter_leaves_the_logits_bit_identical() {
    let (_vars, mut model) = base(3);
    let before = logits(&model, &IDS);
    let adapters = nn::VarStore::new(Device::Cpu);
    let lora = LoraConfig::new(2, 4.0, LoraTarget::ALL.to_vec()).unwrap();
    model.attach_lora(&adapters.root(), &lora).unwrap();
    assert_eq!(adapters.variables().len(), 3 * 7 * 2);
    let after = logits(&model, &IDS);
    assert!(before.equal(&after), "a zero B must change nothing");
    // Attaching twice is refused; detaching restores the base.
    let err = model.attach_lora(&adapters.root(), &lora).unwrap_err();
    assert!(err.to_string().contains("already"), "{err}");
    assert_eq!(model.detach_lora(), 21);
    assert!(logits(&model, &IDS).equal(&before));
}

#[test]
fn names_and_shapes_follow_the_projections() {
    let (_vars, mut model) = base(4);
    let adapters = nn::VarStore::new(Device::Cpu);
    let lora = LoraConfig::new(3, 3.0, vec![LoraTarget::VProj, LoraTarget::QProj]).unwrap();
    model.attach_lora(&adapters.root(), &lora).unwrap();
    let found: BTreeMap<String, Vec<i64>> = adapters
        .variables()
        .into_iter()
        .map(|(n, t)| (n, t.size()))
        .collect();
    let want: BTreeMap<String, Vec<i64>> =
        lora.parameter_shapes(model.config()).into_iter().collect();
    assert_eq!(found, want);
    // q: 2 heads * 4 = 8 outputs of 8 inputs; v: 1 head * 4 outputs.
    assert_eq!(found["model.layers.2.self_attn.q_proj.lora_A"], vec![3, 8]);
    assert_eq!(found["model.layers.0.self_attn.v_proj.lora_B"], vec![4, 3]);
    assert_eq!(lora.parameter_count(model.config()), 3 * (3 * 16 + 3 * 12));
}

#[test]
fn merged_equals_unmerged_and_both_differ_from_the_base() {
    let (vars_a, mut adapted) = base(5);
    let (mut vars_b, mut merged) = base(99);
    vars_b.copy(&vars_a).unwrap();
    let plain = logits(&merged, &IDS);
    let lora = LoraConfig::new(2, 3.0, LoraTarget::ALL.to_vec()).unwrap();
    let (ad_a, mut ad_b) = (
        nn::VarStore::new(Device::Cpu),
        nn::VarStore::new(Device::Cpu),
    );
    adapted.attach_lora(&ad_a.root(), &lora).unwrap();
    for (_, mut v) in ad_a.variables() {
        tch::no_grad(|| v.copy_(&(Tensor::randn_like(&v) * 0.3)));
    }
    merged.attach_lora(&ad_b.root(), &lora).unwrap();
    ad_b.copy(&ad_a).unwrap();
    let unmerged_logits = logits(&adapted, &IDS);
    assert_eq!(merged.merge_lora(), 3 * 7);
    let merged_logits = logits(&merged, &IDS);
    let gap = (&unmerged_logits - &merged_logits)
        .abs()
        .max()
        .double_value(&[]);
    assert!(gap < 1e-4, "merged and unmerged differ by {gap}");
    let moved = (&unmerged_logits - &plain).abs().max().double_value(&[]);
    assert!(moved > 1e-2, "the adapter changed nothing ({moved})");
    // The merged weight is W + scale B A, entry by entry.
    let w0 = vars_a.variables()["model.layers.1.mlp.down_proj.weight"].copy();
    let a = &ad_a.variables()["model.layers.1.mlp.down_proj.lora_A"];
    let b = &ad_a.variables()["model.layers.1.mlp.down_proj.lora_B"];
    let w1 = &merged.layers[1].mlp.down_proj.ws;
    let (wa, av, bv, w1v) = (values(&w0), values(a), values(b), values(w1));
    let (out, inp, r) = (8, 12, 2);
    for o in 0..out {
        for i in 0..inp {
            let dot: f64 = (0..r).map(|k| bv[o * r + k] * av[k * inp + i]).sum();
            let want = wa[o * inp + i] + 1.5 * dot;
            assert!((w1v[o * inp + i] - want).abs() < 1e-5, "({o}, {i})");
        }
    }
}

#[test]
fn gradients_reach_the_adapter_only() {
    let (vars, mut model) = base(6);
    let adapters = nn::VarStore::new(Device::Cpu);
    let lora = LoraConfig::new(2, 2.0, vec![LoraTarget::QProj, LoraTarget::UpProj]).unwrap();
    model.attach_lora(&adapters.root(), &lora).unwrap();
    let loss = logits(&model, &IDS)
        .log_softmax(-1, Kind::Float)
        .select(2, 3)
        .mean(Kind::Float);
    loss.backward();
    for (name, v) in vars.variables() {
        assert!(!v.requires_grad(), "{name} is trainable");
        assert!(!v.grad().defined(), "{name} received a gradient");
    }
    for (name, v) in adapters.variables() {
        let g = v.grad();
        assert!(g.defined(), "{name} has no gradient");
        let norm = g.norm().double_value(&[]);
        // With B = 0 the gradient of A is zero (dL/dA = scale Bᵀ ...), B's is not.
        if name.ends_with("lora_B") {
            assert!(norm > 0.0, "{name}: zero gradient");
        } else {
            assert_eq!(norm, 0.0, "{name}");
        }
    }
}
