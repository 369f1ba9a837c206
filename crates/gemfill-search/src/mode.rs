//! [`Mode`]: which parts of the engine a search uses.
use std::fmt;
use std::str::FromStr;

/// How a search combines the learned model with enumeration. Every program, whatever
/// proposed it, is verified on the examples before it is returned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Only the model's whole-program proposals (and their near-miss repairs).
    Neural,
    /// Only the symbolic engine: enumeration, the splitting graph and conditionals, with
    /// hand-set production weights.
    Enumerative,
    /// The model's proposals first, then enumeration ordered by the model's production
    /// probabilities. The default.
    #[default]
    Hybrid,
}

impl Mode {
    /// Every mode, in the order `--help` lists them.
    pub const ALL: [Mode; 3] = [Mode::Neural, Mode::Enumerative, Mode::Hybrid];

    /// The mode's name on the command line and in the service (`neural`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Neural => "neural",
            Mode::Enumerative => "enumerative",
            Mode::Hybrid => "hybrid",
        }
    }

    /// Whether the mode asks a model for whole programs.
    pub fn uses_proposer(self) -> bool {
        matches!(self, Mode::Neural | Mode::Hybrid)
    }

    /// Whether the mode runs the symbolic enumeration.
    pub fn uses_enumeration(self) -> bool {
        matches!(self, Mode::Enumerative | Mode::Hybrid)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error for a mode name that is not `neural`, `enumerative` or `hybrid`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownMode(pub String);

impl fmt::Display for UnknownMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown mode `{}`: expected neural, enumerative or hybrid",
            self.0
        )
    }
}

impl std::error::Error for UnknownMode {}

impl FromStr for Mode {
    type Err = UnknownMode;

    fn from_str(s: &str) -> Result<Mode, UnknownMode> {
        Mode::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownMode(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_errors() {
        for mode in Mode::ALL {
            assert_eq!(mode.name().parse::<Mode>(), Ok(mode));
        }
        assert_eq!(Mode::default(), Mode::Hybrid);
        let err = "neurl".parse::<Mode>().unwrap_err();
        assert!(
            err.to_string()
                .contains("expected neural, enumerative or hybrid")
        );
    }
}
