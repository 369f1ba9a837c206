//! Tensor names: the decoder's (Hugging Face's) against llama.cpp's GGUF names.
//!
//! gguf-py's `tensor_mapping.py`: `model.embed_tokens` is `token_embd`, `model.norm` is
//! `output_norm`, `lm_head` is `output`, and in layer `N` (`blk.N.`): `input_layernorm` is
//! `attn_norm`, `self_attn.{q,k,v,o}_proj` are `attn_{q,k,v,output}`,
//! `self_attn.{q,k}_norm` are `attn_{q,k}_norm`, `post_attention_layernorm` is
//! `post_attention_norm`, `pre_feedforward_layernorm` is `ffn_norm`,
//! `post_feedforward_layernorm` is `post_ffw_norm`, `mlp.{gate,up,down}_proj` are
//! `ffn_{gate,up,down}`. In Gemma 1 the pre-MLP norm is HF's `post_attention_layernorm`
//! and GGUF's `ffn_norm`.

use crate::config::Family;

/// The GGUF name of the decoder weight `hf_name`, and whether it is an RMSNorm weight
/// (GGUF stores those as `1 + w`, the decoder as `w`). `None` for names with no GGUF
/// counterpart.
pub fn gguf_name(hf_name: &str, family: Family) -> Option<(String, bool)> {
    let global = match hf_name {
        "model.embed_tokens.weight" => Some(("token_embd.weight", false)),
        "model.norm.weight" => Some(("output_norm.weight", true)),
        "lm_head.weight" => Some(("output.weight", false)),
        _ => None,
    };
    if let Some((name, is_norm)) = global {
        return Some((name.to_string(), is_norm));
    }
    let rest = hf_name.strip_prefix("model.layers.")?;
    let (layer, part) = rest.split_once('.')?;
    let layer: usize = layer.parse().ok()?;
    let (gguf, is_norm) = match part {
        "input_layernorm.weight" => ("attn_norm", true),
        "self_attn.q_proj.weight" => ("attn_q", false),
        "self_attn.k_proj.weight" => ("attn_k", false),
        "self_attn.v_proj.weight" => ("attn_v", false),
        "self_attn.o_proj.weight" => ("attn_output", false),
        "self_attn.q_norm.weight" => ("attn_q_norm", true),
        "self_attn.k_norm.weight" => ("attn_k_norm", true),
        "post_attention_layernorm.weight" if family == Family::Gemma1 => ("ffn_norm", true),
        "post_attention_layernorm.weight" => ("post_attention_norm", true),
        "pre_feedforward_layernorm.weight" => ("ffn_norm", true),
        "post_feedforward_layernorm.weight" => ("post_ffw_norm", true),
        "mlp.gate_proj.weight" => ("ffn_gate", false),
        "mlp.up_proj.weight" => ("ffn_up", false),
        "mlp.down_proj.weight" => ("ffn_down", false),
        _ => return None,
    };
    Some((format!("blk.{layer}.{gguf}.weight"), is_norm))
}

/// The decoder name of a tensor of a Hugging Face checkpoint, or `None` for tensors
/// that are not part of the text decoder (a multimodal Gemma 3's vision tower and
/// projector). Multimodal Gemma 3 files nest the decoder under `language_model`.
pub fn decoder_name(checkpoint_name: &str) -> Option<String> {
    if checkpoint_name.starts_with("vision_tower.")
        || checkpoint_name.starts_with("multi_modal_projector.")
        || checkpoint_name.starts_with("model.vision_tower.")
        || checkpoint_name.starts_with("model.multi_modal_projector.")
    {
        return None;
    }
    for prefix in ["model.language_model.", "language_model.model."] {
        if let Some(rest) = checkpoint_name.strip_prefix(prefix) {
            return Some(format!("model.{rest}"));
        }
    }
    if let Some(rest) = checkpoint_name.strip_prefix("language_model.") {
        return Some(rest.to_string());
    }
    Some(checkpoint_name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gemma3_names_follow_gguf_py() {
        let cases = [
            ("model.embed_tokens.weight", "token_embd.weight", false),
            ("model.norm.weight", "output_norm.weight", true),
            (
                "model.layers.0.input_layernorm.weight",
                "blk.0.attn_norm.weight",
                true,
            ),
            (
                "model.layers.17.self_attn.o_proj.weight",
                "blk.17.attn_output.weight",
                false,
            ),
            (
                "model.layers.3.self_attn.k_norm.weight",
                "blk.3.attn_k_norm.weight",
                true,
            ),
            (
                "model.layers.3.post_attention_layernorm.weight",
                "blk.3.post_attention_norm.weight",
                true,
            ),
            (
                "model.layers.3.pre_feedforward_layernorm.weight",
                "blk.3.ffn_norm.weight",
                true,
            ),
            (
                "model.layers.3.post_feedforward_layernorm.weight",
                "blk.3.post_ffw_norm.weight",
                true,
            ),
            (
                "model.layers.9.mlp.down_proj.weight",
                "blk.9.ffn_down.weight",
                false,
            ),
        ];
        for (hf, gguf, is_norm) in cases {
            assert_eq!(
                gguf_name(hf, Family::Gemma3),
                Some((gguf.to_string(), is_norm)),
                "{hf}"
            );
        }
        assert_eq!(
            gguf_name("model.layers.x.mlp.up_proj.weight", Family::Gemma3),
            None
        );
    }

    #[test]
    fn gemma1_pre_mlp_norm_is_ffn_norm() {
        assert_eq!(
            gguf_name(
                "model.layers.2.post_attention_layernorm.weight",
                Family::Gemma1
            ),
            Some(("blk.2.ffn_norm.weight".to_string(), true))
        );
    }

    #[test]
    fn multimodal_prefixes_are_stripped_and_vision_skipped() {
        assert_eq!(
            decoder_name("language_model.model.layers.0.mlp.up_proj.weight").as_deref(),
            Some("model.layers.0.mlp.up_proj.weight")
        );
        assert_eq!(
            decoder_name("model.language_model.norm.weight").as_deref(),
            Some("model.norm.weight")
        );
        assert_eq!(decoder_name("vision_tower.encoder.x.weight"), None);
        assert_eq!(
            decoder_name("lm_head.weight").as_deref(),
            Some("lm_head.weight")
        );
    }
}
