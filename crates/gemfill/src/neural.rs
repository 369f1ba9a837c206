//! The proposer that `--proposer`, `--model`, `--gguf` and `--lora` (defined in
//! `options`) choose for `synth`, `bench` and `serve`, and the synthesizer for a `--mode`:
//! which engine parts run and which model proposes (and, for the small model, guides).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, bail};
use gemfill_gemma::adapter::load_gguf_with_adapter;
use gemfill_gemma::prompt::PromptStyle;
use gemfill_gemma::{GemmaCheckpoint, GemmaProposer, LoraAdapter};
use gemfill_neural::NeuralModel;
use gemfill_search::{Limits, Mode, Synthesizer};

use crate::exit::Advice;
use crate::options::{ProposerArgs, ProposerKind};

/// Programs asked of the Gemma proposer per search: what a few beams yield in seconds on
/// a CPU (the small model is asked for its default beam).
const GEMMA_PROPOSALS: usize = 8;

/// A loaded proposer.
#[derive(Clone, Debug)]
pub enum Loaded {
    /// The small model: proposer and guide.
    Small(Arc<NeuralModel>),
    /// Gemma 3 270M: proposer only.
    Gemma(Arc<GemmaProposer>),
}

impl Loaded {
    /// A one-line account of the Gemma proposer's load time and speed (None for the
    /// small model).
    pub fn gemma_summary(&self) -> Option<String> {
        let Loaded::Gemma(gemma) = self else {
            return None;
        };
        let stats = gemma.stats();
        let name = gemfill_search::Proposer::name(gemma.as_ref());
        let mut summary = format!(
            "{name}: loaded in {:.1} s; {} searches; prompts {} tokens at {:.0} tokens/s; decoding {} tokens in {} steps at {:.1} tokens/s",
            gemma.load_seconds(),
            stats.searches,
            stats.prompt_tokens,
            stats.prompt_tokens_per_second(),
            stats.decoded_tokens,
            stats.steps,
            stats.tokens_per_second(),
        );
        // A search whose model run failed gave no proposals; the engine went on without.
        if let Some(error) = gemma.take_first_failure() {
            let mut cause = error.to_string();
            let mut source = std::error::Error::source(&error);
            while let Some(inner) = source {
                cause.push_str(&format!(": {inner}"));
                source = inner.source();
            }
            summary.push_str(&format!(
                "\nwarning: {name}: {} searches gave no proposals; the first failed: {cause}",
                stats.failures
            ));
        }
        Some(summary)
    }
}

/// Loads the proposer for the modes that need one (none for enumerative-only runs).
///
/// Without `--model`, the small model is `models/default` of the source tree this binary
/// was built from (its absolute path is compiled in), so `cargo run` and `make run` work
/// from anywhere; an installed binary whose sources moved needs `--model DIR`.
pub fn load_proposer(modes: &[Mode], args: &ProposerArgs) -> anyhow::Result<Option<Loaded>> {
    if !modes.iter().any(|m| m.uses_proposer()) {
        return Ok(None);
    }
    gemfill_neural::set_torch_threads(1);
    match args.proposer {
        ProposerKind::Small => {
            if args.gguf.is_some() || args.lora.is_some() {
                bail!(
                    "--gguf and --lora are for --proposer gemma3-270m; the small model is chosen with --model DIR"
                );
            }
            let dir: PathBuf = args
                .model
                .as_deref()
                .map_or_else(gemfill_neural::default_model_dir, Path::to_path_buf);
            let model = NeuralModel::load(&dir)
                .with_context(|| format!("cannot load the neural model from {}", dir.display()))
                .context(Advice(
                    "(pass --model DIR, or --mode enumerative to search without a model)",
                ))?;
            Ok(Some(Loaded::Small(Arc::new(model))))
        }
        ProposerKind::Gemma3_270m => {
            if args.model.is_some() {
                bail!(
                    "--model is for --proposer small; the Gemma checkpoint is chosen with --gguf FILE"
                );
            }
            let path = args
                .gguf
                .clone()
                .unwrap_or_else(gemfill_gemma::install::gemma3_270m_path);
            if !path.is_file() {
                bail!(
                    "the Gemma 3 270M checkpoint {} does not exist: run `make gemma` (scripts/install-gemma.sh) to download it, or pass --gguf FILE",
                    path.display()
                );
            }
            let (checkpoint, style) = match &args.lora {
                None => {
                    let checkpoint = GemmaCheckpoint::load_gguf(&path, tch::Device::Cpu)
                        .with_context(|| {
                            format!("cannot load the Gemma checkpoint {}", path.display())
                        })
                        .context(Advice(
                            "(run `make gemma` to download it again, or pass --gguf FILE)",
                        ))?;
                    (checkpoint, PromptStyle::FewShot)
                }
                Some(dir) => {
                    let adapter = LoraAdapter::load(dir)
                        .with_context(|| format!("--lora {}", dir.display()))
                        .context(Advice(
                            "(give a folder written by `gemfill train --base gemma3-270m`)",
                        ))?;
                    let style = adapter
                        .meta
                        .prompt_style()
                        .with_context(|| format!("--lora {}", dir.display()))?;
                    let checkpoint = load_gguf_with_adapter(&path, dir, tch::Device::Cpu)
                        .with_context(|| {
                            format!(
                                "cannot load the Gemma checkpoint {} with the adapter {}",
                                path.display(),
                                dir.display()
                            )
                        })?;
                    (checkpoint, style)
                }
            };
            let proposer = GemmaProposer::new(checkpoint, style);
            Ok(Some(Loaded::Gemma(Arc::new(proposer))))
        }
    }
}

/// The synthesizer for `mode` with the loaded proposer (if the mode uses one).
pub fn synthesizer(mode: Mode, loaded: Option<&Loaded>, limits: Limits) -> Synthesizer {
    match loaded {
        Some(Loaded::Small(model)) => gemfill_neural::synthesizer(model, mode, limits),
        Some(Loaded::Gemma(gemma)) => {
            let synth = Synthesizer::new(limits)
                .with_mode(mode)
                .with_beam(GEMMA_PROPOSALS);
            match mode {
                Mode::Enumerative => synth,
                Mode::Neural | Mode::Hybrid => synth.with_proposer(gemma.clone()),
            }
        }
        None => Synthesizer::new(limits).with_mode(Mode::Enumerative),
    }
}
