//! How the server gets a [`Synthesizer`] for a request's [`Mode`] and limits.
//!
//! The server does not know about neural models: the program that starts it (the `gemfill
//! serve` command) hands it a [`SynthesizerFactory`]. [`Symbolic`] is the one that needs
//! nothing loaded; a factory that holds a model attaches its `Proposer` and `Guide` to the
//! synthesizers it builds.

use gemfill_search::{Limits, Mode, Synthesizer};

/// A mode that this server cannot run (it needs a model that is not loaded). The service
/// answers FAILED_PRECONDITION with this message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ModeUnavailable(pub String);

/// Builds the synthesizer for one search.
pub trait SynthesizerFactory: Send + Sync + 'static {
    /// A synthesizer running in `mode` under `limits`, or why this server cannot run that
    /// mode.
    fn build(&self, mode: Mode, limits: Limits) -> Result<Synthesizer, ModeUnavailable>;

    /// The mode used when a request leaves it unset.
    fn default_mode(&self) -> Mode;

    /// What the factory runs, for logs and `gemfill serve`'s banner.
    fn describe(&self) -> String;
}

/// The symbolic engine alone: enumerative mode only.
#[derive(Clone, Copy, Debug, Default)]
pub struct Symbolic;

impl SynthesizerFactory for Symbolic {
    fn build(&self, mode: Mode, limits: Limits) -> Result<Synthesizer, ModeUnavailable> {
        match mode {
            Mode::Enumerative => Ok(Synthesizer::new(limits)),
            Mode::Neural | Mode::Hybrid => Err(ModeUnavailable(format!(
                "mode {mode} needs a neural model, but this server runs without one \
                 (start it with `gemfill serve --model DIR`); ask for MODE_ENUMERATIVE or \
                 leave the mode unset"
            ))),
        }
    }

    fn default_mode(&self) -> Mode {
        Mode::Enumerative
    }

    fn describe(&self) -> String {
        "symbolic engine only (modes: enumerative)".to_string()
    }
}
