//! `--mode` and `--model`, shared by `synth` and `bench`: which engine parts run and which
//! trained model proposes and guides.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use gemfill_neural::NeuralModel;
use gemfill_search::{Limits, Mode, Synthesizer};

use crate::CliError;

/// Loads the model for the modes that need one (none for enumerative-only runs).
///
/// Without `--model`, the default model is `models/default` of the source tree this binary
/// was built from (its absolute path is compiled in), so `cargo run` and `make run` work
/// from anywhere; an installed binary whose sources moved needs `--model DIR`.
pub fn load_model(
    modes: &[Mode],
    dir: Option<&Path>,
) -> Result<Option<Arc<NeuralModel>>, CliError> {
    if !modes.iter().any(|m| m.uses_proposer()) {
        return Ok(None);
    }
    let dir: PathBuf = dir.map_or_else(gemfill_neural::default_model_dir, Path::to_path_buf);
    let model = NeuralModel::load(&dir).map_err(|e| {
        CliError(format!(
            "cannot load the neural model from {}: {e}\n(pass --model DIR, or --mode enumerative to search without a model)",
            dir.display()
        ))
    })?;
    Ok(Some(Arc::new(model)))
}

/// The synthesizer for `mode` with the loaded model (if the mode uses one).
pub fn synthesizer(mode: Mode, model: Option<&Arc<NeuralModel>>, limits: Limits) -> Synthesizer {
    match model {
        Some(model) => gemfill_neural::synthesizer(model, mode, limits),
        None => Synthesizer::new(limits).with_mode(Mode::Enumerative),
    }
}
