//! [`AttentionMask`]: which keys each query may see, for causal decoding, a bidirectional
//! prefix (prefix-LM, as PaliGemma reads an image), sliding windows and padded keys.

use tch::{Device, Kind, Tensor};

/// The visibility rule of one forward call. Query `i` (an absolute position) sees key `j`
/// iff `j <= i` or `j < prefix_len` (the bidirectional prefix), and, in a local layer,
/// `i - j < window`, and key `j` is not padding.
#[derive(Debug)]
pub struct AttentionMask {
    prefix_len: usize,
    /// `[B, keys]`, true where the key is a real token; `None`: every key is real.
    key_valid: Option<Tensor>,
}

impl AttentionMask {
    /// A mask with this bidirectional prefix and key validity (`[B, keys]` bool).
    pub fn new(prefix_len: usize, key_valid: Option<Tensor>) -> AttentionMask {
        AttentionMask {
            prefix_len,
            key_valid,
        }
    }

    /// Boolean `[B or 1, 1, queries, keys]`, true where the score must be masked, for
    /// `queries` new tokens at positions `offset..` attending to keys `0..offset+queries`.
    pub fn blocked(
        &self,
        offset: usize,
        queries: usize,
        window: Option<usize>,
        device: Device,
    ) -> Tensor {
        let keys = (offset + queries) as i64;
        let q = Tensor::arange_start(offset as i64, keys, (Kind::Int64, device)).unsqueeze(1);
        let k = Tensor::arange(keys, (Kind::Int64, device)).unsqueeze(0);
        let mut allowed = k.le_tensor(&q).logical_or(&k.lt(self.prefix_len as i64));
        if let Some(w) = window {
            allowed = allowed.logical_and(&(&q - &k).lt(w as i64));
        }
        let mut blocked = allowed.logical_not().unsqueeze(0).unsqueeze(0);
        if let Some(valid) = &self.key_valid {
            let padding = valid
                .to_device(device)
                .logical_not()
                .unsqueeze(1)
                .unsqueeze(1);
            blocked = blocked.logical_or(&padding);
        }
        blocked
    }
}
