//! Dequantization of ggml blocks to `f32`, one function per block layout.
//!
//! Layouts and formulas are ggml's (`ggml-common.h`, `dequantize_row_*` in
//! `ggml-quants.c`); all multi-byte fields are little-endian and `d`/`dmin` are IEEE
//! binary16. The results are bit-identical to ggml's: every product is formed in `f32`
//! in the same order.

use rayon::prelude::*;

use crate::error::{GgufError, Result};
use crate::types::GgmlType;

/// Blocks per parallel work item: large enough that scheduling costs nothing, small
/// enough that the 2-core machines split a 262 144-row embedding evenly.
const BLOCKS_PER_TASK: usize = 4096;

/// Dequantizes `bytes`, the raw data of a tensor of type `ty`, to `f32` values in file
/// order (`ne0` fastest).
///
/// Errors when the type has no dequantizer here or `bytes` is not a whole number of
/// blocks.
pub fn dequantize(ty: GgmlType, bytes: &[u8]) -> Result<Vec<f32>> {
    let (block_elements, block_bytes) = geometry(ty)?;
    let mut out = vec![0f32; bytes.len() / block_bytes * block_elements];
    dequantize_into(ty, bytes, &mut out)?;
    Ok(out)
}

/// Like [`dequantize`], writing into `out`, which must hold exactly the tensor's values.
pub fn dequantize_into(ty: GgmlType, bytes: &[u8], out: &mut [f32]) -> Result<()> {
    let (block_elements, block_bytes) = geometry(ty)?;
    if !bytes.len().is_multiple_of(block_bytes) {
        return Err(GgufError::Corrupt {
            offset: 0,
            what: format!(
                "{} data of {} bytes is not a whole number of {block_bytes}-byte blocks",
                ty.name(),
                bytes.len()
            ),
        });
    }
    let expected = bytes.len() / block_bytes * block_elements;
    if out.len() != expected {
        return Err(GgufError::Corrupt {
            offset: 0,
            what: format!(
                "{} data of {} bytes holds {expected} values, but {} were asked for",
                ty.name(),
                bytes.len(),
                out.len()
            ),
        });
    }
    let block: fn(&[u8], &mut [f32]) = match ty {
        GgmlType::F32 => f32_block,
        GgmlType::F16 => f16_block,
        GgmlType::BF16 => bf16_block,
        GgmlType::Q8_0 => q8_0_block,
        GgmlType::Q5_0 => q5_0_block,
        GgmlType::Q4K => q4_k_block,
        GgmlType::Q6K => q6_k_block,
        _ => unreachable!("geometry() accepted only supported types"),
    };
    out.par_chunks_mut(block_elements * BLOCKS_PER_TASK)
        .zip(bytes.par_chunks(block_bytes * BLOCKS_PER_TASK))
        .for_each(|(out, bytes)| {
            for (out, bytes) in out
                .chunks_exact_mut(block_elements)
                .zip(bytes.chunks_exact(block_bytes))
            {
                block(bytes, out);
            }
        });
    Ok(())
}

fn geometry(ty: GgmlType) -> Result<(usize, usize)> {
    match ty.block_geometry() {
        Some((elements, bytes)) if ty.is_supported() => Ok((elements as usize, bytes as usize)),
        _ => Err(GgufError::UnsupportedType {
            tensor: "(raw data)".to_string(),
            type_id: ty.id(),
            type_name: ty.name().to_string(),
        }),
    }
}

fn half(bytes: &[u8]) -> f32 {
    half::f16::from_bits(u16::from_le_bytes([bytes[0], bytes[1]])).to_f32()
}

fn f32_block(bytes: &[u8], out: &mut [f32]) {
    out[0] = f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
}

fn f16_block(bytes: &[u8], out: &mut [f32]) {
    out[0] = half(bytes);
}

fn bf16_block(bytes: &[u8], out: &mut [f32]) {
    out[0] = half::bf16::from_bits(u16::from_le_bytes([bytes[0], bytes[1]])).to_f32();
}

/// Q8_0, 34 bytes: `d: f16`, `qs: [i8; 32]`; `y = d * q`.
fn q8_0_block(bytes: &[u8], out: &mut [f32]) {
    let d = half(&bytes[0..2]);
    for (y, &q) in out.iter_mut().zip(&bytes[2..34]) {
        *y = d * f32::from(q as i8);
    }
}

/// Q5_0, 22 bytes: `d: f16`, `qh: u32` (bit `i` is the fifth bit of weight `i`),
/// `qs: [u8; 16]` (weight `j` in the low nibble of `qs[j]`, weight `j + 16` in the high).
fn q5_0_block(bytes: &[u8], out: &mut [f32]) {
    let d = half(&bytes[0..2]);
    let qh = u32::from_le_bytes([bytes[2], bytes[3], bytes[4], bytes[5]]);
    let qs = &bytes[6..22];
    for j in 0..16 {
        let high_low = ((qh >> j) << 4) & 0x10;
        let high_high = (qh >> (j + 12)) & 0x10;
        let low = (u32::from(qs[j]) & 0x0F) | high_low;
        let high = (u32::from(qs[j]) >> 4) | high_high;
        out[j] = d * (low as i32 - 16) as f32;
        out[j + 16] = d * (high as i32 - 16) as f32;
    }
}

/// The 6-bit scale and minimum of sub-block `j` of a Q4_K block (ggml `get_scale_min_k4`).
fn q4_k_scale_min(j: usize, scales: &[u8]) -> (u8, u8) {
    if j < 4 {
        (scales[j] & 63, scales[j + 4] & 63)
    } else {
        (
            (scales[j + 4] & 0x0F) | ((scales[j - 4] >> 6) << 4),
            (scales[j + 4] >> 4) | ((scales[j] >> 6) << 4),
        )
    }
}

/// Q4_K, 144 bytes per 256 weights: `d: f16`, `dmin: f16`, 12 bytes of packed 6-bit
/// (scale, min) pairs, 128 bytes of nibbles. Each 32-byte chunk of nibbles gives 64
/// weights: the low nibbles belong to sub-block `2c`, the high ones to `2c + 1`.
fn q4_k_block(bytes: &[u8], out: &mut [f32]) {
    let d = half(&bytes[0..2]);
    let dmin = half(&bytes[2..4]);
    let scales = &bytes[4..16];
    let qs = &bytes[16..144];
    for chunk in 0..4 {
        let (scale_low, min_low) = q4_k_scale_min(2 * chunk, scales);
        let (scale_high, min_high) = q4_k_scale_min(2 * chunk + 1, scales);
        let (d_low, m_low) = (d * f32::from(scale_low), dmin * f32::from(min_low));
        let (d_high, m_high) = (d * f32::from(scale_high), dmin * f32::from(min_high));
        let quants = &qs[32 * chunk..32 * chunk + 32];
        let out = &mut out[64 * chunk..64 * chunk + 64];
        for (l, &q) in quants.iter().enumerate() {
            out[l] = d_low * f32::from(q & 0x0F) - m_low;
            out[32 + l] = d_high * f32::from(q >> 4) - m_high;
        }
    }
}

/// Q6_K, 210 bytes per 256 weights: 128 bytes of low nibbles, 64 bytes of high bit
/// pairs, 16 signed 8-bit scales (one per 16 weights), then `d: f16` at the end.
fn q6_k_block(bytes: &[u8], out: &mut [f32]) {
    let d = half(&bytes[208..210]);
    for half_index in 0..2 {
        let ql = &bytes[64 * half_index..64 * half_index + 64];
        let qh = &bytes[128 + 32 * half_index..128 + 32 * half_index + 32];
        let scales = &bytes[192 + 8 * half_index..192 + 8 * half_index + 8];
        let scale = |i: usize| f32::from(scales[i] as i8);
        let out = &mut out[128 * half_index..128 * half_index + 128];
        for l in 0..32 {
            let group = l / 16;
            let q1 = i32::from((ql[l] & 0x0F) | ((qh[l] & 3) << 4)) - 32;
            let q2 = i32::from((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32;
            let q3 = i32::from((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
            let q4 = i32::from((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
            out[l] = d * scale(group) * q1 as f32;
            out[32 + l] = d * scale(group + 2) * q2 as f32;
            out[64 + l] = d * scale(group + 4) * q3 as f32;
            out[96 + l] = d * scale(group + 6) * q4 as f32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f16_bytes(value: f32) -> [u8; 2] {
        half::f16::from_f32(value).to_bits().to_le_bytes()
    }

    #[test]
    fn q8_0_is_scale_times_signed_byte() {
        let mut block = Vec::from(f16_bytes(0.5));
        block.extend((0..32).map(|i| (i as i8 - 16) as u8));
        let values = dequantize(GgmlType::Q8_0, &block).unwrap();
        assert_eq!(values.len(), 32);
        assert_eq!(values[0], -8.0);
        assert_eq!(values[16], 0.0);
        assert_eq!(values[31], 7.5);
    }

    #[test]
    fn q5_0_takes_the_fifth_bit_from_qh() {
        let mut block = Vec::from(f16_bytes(2.0));
        // Fifth bit set for weight 0 and weight 17 only.
        block.extend((1u32 | (1 << 17)).to_le_bytes());
        // Weight j: low nibble of qs[j]; weight j+16: high nibble.
        let mut qs = [0u8; 16];
        qs[0] = 0x3F; // weight 0 nibble 15, weight 16 nibble 3
        qs[1] = 0xA1; // weight 1 nibble 1, weight 17 nibble 10
        block.extend(qs);
        let values = dequantize(GgmlType::Q5_0, &block).unwrap();
        assert_eq!(values[0], 2.0 * ((15 | 16) - 16) as f32);
        assert_eq!(values[16], 2.0 * (3 - 16) as f32);
        assert_eq!(values[1], 2.0 * (1 - 16) as f32);
        assert_eq!(values[17], 2.0 * ((10 | 16) - 16) as f32);
        assert_eq!(values[2], -32.0);
    }

    #[test]
    fn q4_k_unpacks_six_bit_scales_and_mins() {
        let mut block = Vec::new();
        block.extend(f16_bytes(0.25)); // d
        block.extend(f16_bytes(0.5)); // dmin
        let mut scales = [0u8; 12];
        scales[0] = 3 | (1 << 6); // sc0 = 3, top bits of sc4 = 1
        scales[4] = 5 | (2 << 6); // m0 = 5, top bits of m4 = 2
        scales[8] = 0x97; // sc4 low = 7, m4 low = 9
        block.extend(scales);
        let mut qs = [0u8; 128];
        qs[0] = 0xB4; // weight 0: nibble 4 (sub-block 0); weight 32: nibble 11 (sub-block 1)
        qs[64] = 0x06; // weight 128: nibble 6 (sub-block 4)
        block.extend(qs);
        let values = dequantize(GgmlType::Q4K, &block).unwrap();
        assert_eq!(values.len(), 256);
        // Sub-block 0: scale 3, min 5.
        assert_eq!(values[0], 0.25 * 3.0 * 4.0 - 0.5 * 5.0);
        assert_eq!(values[1], -0.5 * 5.0);
        // Sub-block 1: scale and min 0.
        assert_eq!(values[32], 0.0);
        // Sub-block 4: scale 7 | 1<<4 = 23, min 9 | 2<<4 = 41.
        assert_eq!(values[128], 0.25 * 23.0 * 6.0 - 0.5 * 41.0);
        assert_eq!(values[129], -0.5 * 41.0);
    }

    #[test]
    fn q6_k_combines_low_nibbles_high_bits_and_signed_scales() {
        let mut block = vec![0u8; 210];
        block[0] = 0x21; // ql[0]: weight 0 low nibble 1, weight 64 low nibble 2
        block[32] = 0x03; // ql[32]: weight 32 low nibble 3
        block[128] = 0b10_01_11_10; // qh[0]: w0 +2<<4, w32 +3<<4, w64 +1<<4, w96 +2<<4
        block[192] = 2; // scale of weights 0..16
        block[194] = (-1i8) as u8; // scale of weights 32..48
        block[196] = 4; // scale of weights 64..80
        block[198] = 1; // scale of weights 96..112
        block[208..210].copy_from_slice(&f16_bytes(0.5));
        let values = dequantize(GgmlType::Q6K, &block).unwrap();
        assert_eq!(values[0], 0.5 * 2.0 * ((1 | (2 << 4)) - 32) as f32);
        assert_eq!(values[32], -0.5 * ((3 | (3 << 4)) - 32) as f32);
        assert_eq!(values[64], 0.5 * 4.0 * ((2 | (1 << 4)) - 32) as f32);
        assert_eq!(values[96], 0.5 * 1.0 * ((2 << 4) - 32) as f32);
        // Weight 128 uses the second half's (zero) scales.
        assert_eq!(values[128], 0.0);
    }

    #[test]
    fn floats_are_read_little_endian() {
        let mut bytes = Vec::new();
        bytes.extend(1.5f32.to_le_bytes());
        bytes.extend((-2.25f32).to_le_bytes());
        assert_eq!(dequantize(GgmlType::F32, &bytes).unwrap(), [1.5, -2.25]);
        let halfs = [f16_bytes(0.5), f16_bytes(-3.0)].concat();
        assert_eq!(dequantize(GgmlType::F16, &halfs).unwrap(), [0.5, -3.0]);
        let bf16 = half::bf16::from_f32(-7.0).to_bits().to_le_bytes();
        assert_eq!(dequantize(GgmlType::BF16, &bf16).unwrap(), [-7.0]);
    }

    #[test]
    fn partial_blocks_and_unsupported_types_are_errors() {
        let error = dequantize(GgmlType::Q8_0, &[0u8; 35]).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("not a whole number of 34-byte blocks")
        );
        let error = dequantize(GgmlType::Q4_0, &[0u8; 18]).unwrap_err();
        assert!(matches!(
            error,
            GgufError::UnsupportedType { type_id: 2, .. }
        ));
    }
}
