//! `gemfill generate`: continue a text prompt with a released Gemma checkpoint, so that
//! anyone can see the real weights work.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use gemfill_gemma::{GemmaCheckpoint, Sampling};

use crate::exit::{CommandResult, Outcome};
use crate::options::ModelName;

/// Continue a text prompt with a released Gemma model (greedy unless --temperature).
///
/// Example: gemfill generate --model gemma3-270m --prompt 'The capital of France is' --max-tokens 12
///
/// The continuation goes to stdout; load time and speed go to stderr.
#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// The model.
    #[arg(long, value_enum, default_value = "gemma3-270m")]
    model: ModelName,
    /// Load this GGUF file (Gemma 1, 2 or 3) instead of the installed checkpoint.
    #[arg(long, value_name = "FILE", conflicts_with = "hf_dir")]
    gguf: Option<PathBuf>,
    /// Load this Hugging Face folder (config.json, model.safetensors, tokenizer.json)
    /// instead of the installed checkpoint.
    #[arg(long, value_name = "DIR")]
    hf_dir: Option<PathBuf>,
    /// The text to continue (`<bos>` is prepended).
    #[arg(long)]
    prompt: String,
    /// Generate at most this many tokens (fewer when the model ends the text).
    #[arg(long, default_value_t = 32)]
    max_tokens: usize,
    /// Sample at this temperature instead of taking the most likely token.
    #[arg(long)]
    temperature: Option<f64>,
    /// Seed of the sampling (with --temperature).
    #[arg(long, default_value_t = 0)]
    seed: i64,
}

/// Runs `gemfill generate`.
pub fn run(args: GenerateArgs) -> CommandResult {
    let device = tch::Device::cuda_if_available();
    let checkpoint = match (&args.gguf, &args.hf_dir) {
        (_, Some(dir)) => GemmaCheckpoint::load_hf(dir, device)?,
        (Some(file), None) => GemmaCheckpoint::load_gguf(file, device)?,
        (None, None) => {
            let ModelName::Gemma3_270m = args.model;
            let path = gemfill_gemma::install::installed_gemma3_270m()
                .context("pass --gguf FILE to use another checkpoint")?;
            GemmaCheckpoint::load_gguf(&path, device)?
        }
    };
    let sampling = match args.temperature {
        None => Sampling::Greedy,
        Some(temperature) => Sampling::Temperature {
            temperature,
            seed: args.seed,
        },
    };
    let generation = checkpoint.generate(&args.prompt, args.max_tokens, sampling)?;
    println!("{}", generation.text);
    eprintln!(
        "loaded in {:.2} s; prompt of {} tokens in {:.3} s; {} tokens generated, {:.1} tokens/s after the first",
        checkpoint.load_seconds,
        generation.prompt_ids.len(),
        generation.prompt_seconds,
        generation.ids.len(),
        generation.tokens_per_second()
    );
    Ok(Outcome::Success)
}
