//! Running a loaded checkpoint: the logits of a prompt, and greedy (or sampled)
//! continuation with the decoder's KV cache.

use std::time::Instant;

use tch::{Kind, Tensor};

use crate::checkpoint::GemmaCheckpoint;
use crate::error::{GemmaError, Result};

/// How the next token is chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sampling {
    /// The most likely token.
    Greedy,
    /// A draw from `softmax(logits / temperature)` with a seeded generator.
    Temperature {
        /// Softmax temperature (> 0).
        temperature: f64,
        /// Seed of the draw, so that runs repeat.
        seed: i64,
    },
}

/// A continuation and how long it took.
#[derive(Debug, Clone, PartialEq)]
pub struct Generation {
    /// Ids of the prompt, `<bos>` first.
    pub prompt_ids: Vec<u32>,
    /// Ids of the generated tokens (an end-of-sequence token ends the list and is kept).
    pub ids: Vec<u32>,
    /// Their text.
    pub text: String,
    /// Seconds spent on the prompt (one forward pass over all its tokens).
    pub prompt_seconds: f64,
    /// Seconds spent generating the tokens after the first.
    pub decode_seconds: f64,
}

impl Generation {
    /// Generated tokens per second after the prompt (the first token comes with the
    /// prompt pass and is not counted).
    pub fn tokens_per_second(&self) -> f64 {
        let timed = self.ids.len().saturating_sub(1);
        if timed == 0 || self.decode_seconds <= 0.0 {
            0.0
        } else {
            timed as f64 / self.decode_seconds
        }
    }
}

fn ids_tensor(ids: &[u32], device: tch::Device) -> Tensor {
    let ids: Vec<i64> = ids.iter().map(|&id| i64::from(id)).collect();
    Tensor::from_slice(&ids).unsqueeze(0).to_device(device)
}

impl GemmaCheckpoint {
    /// The ids that end a continuation: `<eos>`, and `<end_of_turn>` when the vocabulary
    /// has it (instruction-tuned Gemma ends its turns with it).
    pub fn stop_ids(&self) -> Vec<u32> {
        let mut stops = vec![self.tokenizer.eos_id()];
        if let Some(id) = self.tokenizer.inner().token_to_id("<end_of_turn>") {
            stops.push(id);
        }
        stops
    }

    /// Logits `[T, V]` (float32) of every position of `ids`, computed in one pass.
    pub fn logits(&self, ids: &[u32]) -> Result<Tensor> {
        if ids.is_empty() {
            return Err(GemmaError::Checkpoint("no tokens to run".to_string()));
        }
        let mut cache = self.model.new_cache();
        let logits = tch::no_grad(|| {
            self.model
                .forward(&ids_tensor(ids, self.vars.device()), &mut cache)
        });
        Ok(logits.squeeze_dim(0).to_kind(Kind::Float))
    }

    /// Final-normed hidden states `[T, d]` of `ids` (the input of the output projection).
    pub fn final_hidden(&self, ids: &[u32]) -> Result<Tensor> {
        if ids.is_empty() {
            return Err(GemmaError::Checkpoint("no tokens to run".to_string()));
        }
        let mut cache = self.model.new_cache();
        let hidden = tch::no_grad(|| {
            let embedded = self.model.embed(&ids_tensor(ids, self.vars.device()));
            self.model
                .forward_embeds(&embedded, None, false, &mut cache)
        });
        Ok(hidden.squeeze_dim(0).to_kind(Kind::Float))
    }

    /// Continues `prompt` by up to `max_tokens` tokens, stopping early at an
    /// end-of-sequence token. The prompt runs in one pass; each further token runs alone
    /// against the KV cache.
    pub fn generate(
        &self,
        prompt: &str,
        max_tokens: usize,
        sampling: Sampling,
    ) -> Result<Generation> {
        if let Sampling::Temperature { temperature, seed } = sampling {
            if !(temperature > 0.0 && temperature.is_finite()) {
                return Err(GemmaError::Checkpoint(format!(
                    "temperature must be a positive number, not {temperature}"
                )));
            }
            tch::manual_seed(seed);
        }
        let prompt_ids = self.tokenizer.encode(prompt)?;
        let stops = self.stop_ids();
        let device = self.vars.device();
        let choose = |logits: &Tensor| -> u32 {
            let next = match sampling {
                Sampling::Greedy => logits.argmax(-1, false),
                Sampling::Temperature { temperature, .. } => (logits / temperature)
                    .softmax(-1, Kind::Float)
                    .multinomial(1, false)
                    .squeeze_dim(-1),
            };
            next.int64_value(&[]) as u32
        };
        let mut ids = Vec::with_capacity(max_tokens);
        let mut cache = self.model.new_cache();
        let started = Instant::now();
        let mut prompt_seconds = 0.0;
        tch::no_grad(|| {
            let mut input = ids_tensor(&prompt_ids, device);
            while ids.len() < max_tokens {
                let logits = self.model.forward(&input, &mut cache);
                let last = logits.select(0, 0).select(0, -1).to_kind(Kind::Float);
                let next = choose(&last);
                if ids.is_empty() {
                    prompt_seconds = started.elapsed().as_secs_f64();
                }
                ids.push(next);
                if stops.contains(&next) {
                    break;
                }
                input = ids_tensor(&[next], device);
            }
        });
        let decode_seconds = started.elapsed().as_secs_f64() - prompt_seconds;
        let text = self.tokenizer.decode(&ids)?;
        Ok(Generation {
            prompt_ids,
            ids,
            text,
            prompt_seconds,
            decode_seconds,
        })
    }
}
