//! ggml element types: ids, names, and block geometry.

/// A ggml tensor element type, by its id in the GGUF tensor table.
///
/// Quantized types store blocks of `block_elements()` weights in `block_bytes()` bytes.
/// All ids ggml defines are named so that an error can say which type a file uses; only
/// the ones [`GgmlType::is_supported`] returns true for can be dequantized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GgmlType {
    /// 32-bit IEEE float.
    F32,
    /// 16-bit IEEE float.
    F16,
    /// 4-bit, 32 weights per block, scale only.
    Q4_0,
    /// 4-bit, 32 weights per block, scale and minimum.
    Q4_1,
    /// 5-bit, 32 weights per block: f16 scale, 4 bytes of high bits, 16 bytes of nibbles.
    Q5_0,
    /// 5-bit, 32 weights per block, scale and minimum.
    Q5_1,
    /// 8-bit, 32 weights per block: f16 scale then 32 signed bytes.
    Q8_0,
    /// 8-bit with sums, used for activations.
    Q8_1,
    /// 2-bit k-quant.
    Q2K,
    /// 3-bit k-quant.
    Q3K,
    /// 4-bit k-quant, 256 weights per block with 8 six-bit scale/minimum pairs.
    Q4K,
    /// 5-bit k-quant.
    Q5K,
    /// 6-bit k-quant, 256 weights per block with 16 signed 8-bit scales.
    Q6K,
    /// 8-bit k-quant.
    Q8K,
    /// bfloat16.
    BF16,
    /// Any id this reader has no name for.
    Other(u32),
}

impl GgmlType {
    /// The type with ggml id `id`.
    pub fn from_id(id: u32) -> Self {
        match id {
            0 => Self::F32,
            1 => Self::F16,
            2 => Self::Q4_0,
            3 => Self::Q4_1,
            6 => Self::Q5_0,
            7 => Self::Q5_1,
            8 => Self::Q8_0,
            9 => Self::Q8_1,
            10 => Self::Q2K,
            11 => Self::Q3K,
            12 => Self::Q4K,
            13 => Self::Q5K,
            14 => Self::Q6K,
            15 => Self::Q8K,
            30 => Self::BF16,
            other => Self::Other(other),
        }
    }

    /// ggml's id for the type.
    pub fn id(self) -> u32 {
        match self {
            Self::F32 => 0,
            Self::F16 => 1,
            Self::Q4_0 => 2,
            Self::Q4_1 => 3,
            Self::Q5_0 => 6,
            Self::Q5_1 => 7,
            Self::Q8_0 => 8,
            Self::Q8_1 => 9,
            Self::Q2K => 10,
            Self::Q3K => 11,
            Self::Q4K => 12,
            Self::Q5K => 13,
            Self::Q6K => 14,
            Self::Q8K => 15,
            Self::BF16 => 30,
            Self::Other(id) => id,
        }
    }

    /// ggml's name for the type (`Q4_K`, ...), or `unknown`.
    pub fn name(self) -> &'static str {
        match self {
            Self::F32 => "F32",
            Self::F16 => "F16",
            Self::Q4_0 => "Q4_0",
            Self::Q4_1 => "Q4_1",
            Self::Q5_0 => "Q5_0",
            Self::Q5_1 => "Q5_1",
            Self::Q8_0 => "Q8_0",
            Self::Q8_1 => "Q8_1",
            Self::Q2K => "Q2_K",
            Self::Q3K => "Q3_K",
            Self::Q4K => "Q4_K",
            Self::Q5K => "Q5_K",
            Self::Q6K => "Q6_K",
            Self::Q8K => "Q8_K",
            Self::BF16 => "BF16",
            Self::Other(_) => "unknown",
        }
    }

    /// Whether [`crate::dequantize`] handles this type.
    pub fn is_supported(self) -> bool {
        matches!(
            self,
            Self::F32 | Self::F16 | Self::BF16 | Self::Q8_0 | Self::Q5_0 | Self::Q4K | Self::Q6K
        )
    }

    /// `(weights per block, bytes per block)` of every type ggml names (used to check a
    /// file's extents even for tensors that are never read); `None` for unknown ids.
    pub fn block_geometry(self) -> Option<(u64, u64)> {
        match self {
            Self::F32 => Some((1, 4)),
            Self::F16 | Self::BF16 => Some((1, 2)),
            Self::Q4_0 => Some((32, 18)),
            Self::Q4_1 => Some((32, 20)),
            Self::Q5_0 => Some((32, 22)),
            Self::Q5_1 => Some((32, 24)),
            Self::Q8_0 => Some((32, 34)),
            Self::Q8_1 => Some((32, 36)),
            Self::Q2K => Some((256, 84)),
            Self::Q3K => Some((256, 110)),
            Self::Q4K => Some((256, 144)),
            Self::Q5K => Some((256, 176)),
            Self::Q6K => Some((256, 210)),
            Self::Q8K => Some((256, 292)),
            Self::Other(_) => None,
        }
    }
}

impl std::fmt::Display for GgmlType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Other(id) => write!(f, "unknown type {id}"),
            known => f.write_str(known.name()),
        }
    }
}
