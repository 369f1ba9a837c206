//! The real Gemma 3 270M checkpoint (installed by `make gemma`, which `make test` runs
//! first) as `gemfill-gguf` reads it: layout, metadata, and dequantized values of one
//! tensor of each type in the file.
//!
//! Expected values were computed with `gguf.quants.dequantize` (gguf-py 0.19.0, numpy
//! 2.4.6) and cross-checked bit for bit against independent numpy dequantizers written
//! from ggml's formulas, reading the same file (sha256 a5fd3b62...6818; docs/gemma.md,
//! "Reference values").

use gemfill_gguf::{GgmlType, GgufFile};

#[path = "common/checkpoint.rs"]
mod checkpoint;

fn open_checkpoint() -> Option<GgufFile> {
    let path = checkpoint::gemma3_270m_or_skip()?;
    Some(GgufFile::open(&path).unwrap())
}

#[test]
fn layout_and_metadata_match_the_checkpoint() {
    let Some(file) = open_checkpoint() else {
        return;
    };
    assert_eq!(file.version(), 3);
    assert_eq!(file.alignment(), 32);
    assert_eq!(file.data_start(), 6_525_120);
    assert_eq!(file.file_len(), 253_113_024);
    assert_eq!(file.metadata().len(), 33);
    assert_eq!(file.tensors().len(), 236);
    assert_eq!(file.require_architecture(&["gemma3"]).unwrap(), "gemma3");
    for (key, value) in [
        ("gemma3.context_length", 32768),
        ("gemma3.embedding_length", 640),
        ("gemma3.block_count", 18),
        ("gemma3.feed_forward_length", 2048),
        ("gemma3.attention.head_count", 4),
        ("gemma3.attention.head_count_kv", 1),
        ("gemma3.attention.key_length", 256),
        ("gemma3.attention.sliding_window", 512),
        ("tokenizer.ggml.bos_token_id", 2),
        ("tokenizer.ggml.eos_token_id", 1),
    ] {
        assert_eq!(file.get_u64(key).unwrap(), value, "{key}");
    }
    assert_eq!(file.get_f64("gemma3.rope.freq_base").unwrap(), 1e6);
    assert_eq!(file.get_str("tokenizer.ggml.model").unwrap(), "llama");
    let tokens = file.get_string_array("tokenizer.ggml.tokens").unwrap();
    assert_eq!(tokens.len(), 262_144);
    assert_eq!(&tokens[..3], ["<pad>", "<eos>", "<bos>"]);
    assert_eq!(tokens[236_743], "▁");

    let count = |ty| file.tensors().iter().filter(|t| t.ty == ty).count();
    assert_eq!(count(GgmlType::F32), 109);
    assert_eq!(count(GgmlType::Q5_0), 81);
    assert_eq!(count(GgmlType::Q4K), 27);
    assert_eq!(count(GgmlType::Q8_0), 10);
    assert_eq!(count(GgmlType::Q6K), 9);
    let embedding = file.tensor_info("token_embd.weight").unwrap();
    assert_eq!(embedding.shape(), [262_144, 640]);
    assert_eq!(embedding.offset + file.data_start(), 6_527_680);
}

/// (tensor, type, shape, sum, sum of |v|, (flat index, value) pairs).
type Expected = (
    &'static str,
    GgmlType,
    &'static [usize],
    f64,
    f64,
    &'static [(usize, f32)],
);

// The values are written as numpy printed them (the exact decimals of the f32 values),
// so that equality can be tested exactly.
#[rustfmt::skip]
#[allow(clippy::excessive_precision)]
const EXPECTED: &[Expected] = &[
    ("output_norm.weight", GgmlType::F32, &[640], 16861.6953125, 16861.6953125,
     &[(0, 7.125), (1, 9.5625), (17, 24.375), (31, 28.875), (32, 15.25), (100, 7.1875), (255, 14.875), (300, 44.25), (639, 21.625)]),
    ("token_embd.weight", GgmlType::Q8_0, &[262_144, 640], -27668.36862385273, 5044390.859360099,
     &[(0, -0.007244110107421875), (1, 0.042860984802246094), (17, 0.02414703369140625), (31, -0.053727149963378906), (32, -0.04632568359375), (100, 0.04934215545654297), (255, 0.053493499755859375), (256, 0.03598213195800781), (300, -0.056133270263671875), (83886085, -0.021432876586914062), (167772159, -0.017424583435058594)]),
    ("blk.0.attn_q.weight", GgmlType::Q5_0, &[1024, 640], -51.693368911743164, 17306.232625961304,
     &[(0, -0.0037841796875), (1, 0.007568359375), (17, 0.0113525390625), (31, 0.00946044921875), (32, 0.00396728515625), (100, -0.02197265625), (255, -0.022003173828125), (256, -0.0079345703125), (300, 0.0091552734375), (327685, 0.017547607421875), (655359, 0.01312255859375)]),
    ("blk.0.attn_v.weight", GgmlType::Q8_0, &[256, 640], 1.5544872283935547, 5098.4886202812195,
     &[(0, 0.0060882568359375), (1, -0.03957366943359375), (17, -0.05175018310546875), (31, 0.0487060546875), (32, 0.020972728729248047), (100, 0.01989459991455078), (255, -0.03188800811767578), (256, -0.06503772735595703), (300, 0.05713081359863281), (81925, -0.06675529479980469), (163839, -0.05296611785888672)]),
    ("blk.0.attn_output.weight", GgmlType::Q4K, &[640, 1024], -1.8330761790275574, 18307.241332113743,
     &[(0, -0.015705108642578125), (1, 0.04966926574707031), (17, 0.038773536682128906), (31, -0.05928802490234375), (32, 0.023014068603515625), (100, 0.01300811767578125), (255, 0.038992881774902344), (256, -0.023250937461853027), (300, -0.027933359146118164), (327685, -0.005303382873535156), (655359, -0.011407613754272461)]),
    ("blk.0.ffn_down.weight", GgmlType::Q6K, &[640, 2048], 6.480193614959717, 21698.13850414753,
     &[(0, 0.0052117109298706055), (1, 0.02171546220779419), (17, 0.003798365592956543), (31, -0.015193462371826172), (32, -0.014545679092407227), (100, 0.0297391414642334), (255, 0.018108487129211426), (256, -0.01659393310546875), (300, 0.0), (655365, 0.01174163818359375), (1310719, -0.00941401720046997)]),
    ("blk.2.ffn_down.weight", GgmlType::Q4K, &[640, 2048], 3.0589902997016907, 16263.806673705578,
     &[(0, -0.0167769193649292), (1, -0.004512786865234375), (17, -0.0167769193649292), (31, -0.008600831031799316), (32, -0.007433414459228516), (100, -0.017864227294921875), (255, 0.011084198951721191), (256, -0.00923377275466919), (300, 0.0032901763916015625), (655365, -0.0065882205963134766), (1310719, 0.006676197052001953)]),
];

#[test]
fn dequantized_values_match_ggml_bit_for_bit() {
    let Some(file) = open_checkpoint() else {
        return;
    };
    for &(name, ty, shape, sum, abs_sum, samples) in EXPECTED {
        let info = file.tensor_info(name).unwrap();
        assert_eq!(info.ty, ty, "{name}");
        let (found_shape, values) = file.tensor_f32(name).unwrap();
        assert_eq!(found_shape, shape, "{name}");
        for &(index, value) in samples {
            assert_eq!(values[index], value, "{name}[{index}]");
        }
        // Sums over every value: f64 accumulation in another order than numpy's differs
        // only in the last bits.
        let found_sum: f64 = values.iter().map(|&v| f64::from(v)).sum();
        let found_abs: f64 = values.iter().map(|&v| f64::from(v).abs()).sum();
        assert!(
            (found_sum - sum).abs() <= 1e-9 * abs_sum,
            "{name}: sum {found_sum} vs {sum}"
        );
        assert!(
            (found_abs - abs_sum).abs() <= 1e-9 * abs_sum,
            "{name}: |sum| {found_abs} vs {abs_sum}"
        );
    }
}

#[test]
fn the_bos_embedding_matches_the_reference_forward_pass() {
    // Row 2 (<bos>) of the embedding times sqrt(640): the first 8 values of the
    // reference forward pass (docs/gemma.md, "Reference values", computed in float64).
    let reference = [
        -0.36030765645118423,
        0.2673250354315238,
        0.3370620011962691,
        0.31381634594135405,
        0.12203969008830434,
        -0.0813597933922029,
        0.104605448647118,
        0.09298262101966046,
    ];
    let Some(file) = open_checkpoint() else {
        return;
    };
    let (_, embedding) = file.tensor_f32("token_embd.weight").unwrap();
    let scale = 640f64.sqrt();
    for (i, expected) in reference.iter().enumerate() {
        let found = f64::from(embedding[2 * 640 + i]) * scale;
        assert!(
            (found - expected).abs() < 1e-12,
            "dim {i}: {found} vs {expected}"
        );
    }
}
