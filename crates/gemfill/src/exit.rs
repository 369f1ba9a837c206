//! How a command ends: an [`Outcome`] (exit status 0 or 1) or an error (exit status 2),
//! and how an error is shown: its whole chain of causes on one line, then any [`Advice`].
//!
//! Commands return [`CommandResult`]; they add what they were doing with anyhow's
//! `.context(...)`, so that `cannot read people.csv: No such file or directory (os
//! error 2)` names both the file and the reason.

use std::fmt;

/// How a command ended, mapped to the process exit status.
#[derive(Debug)]
pub enum Outcome {
    /// Everything worked (exit 0).
    Success,
    /// The command ran, but some rows or tasks failed (exit 1).
    PartialFailure,
}

/// What every command returns: how it ended, or the error that stopped it (exit 2).
pub type CommandResult = anyhow::Result<Outcome>;

impl Outcome {
    /// Success when nothing failed, [`Outcome::PartialFailure`] otherwise.
    pub fn failed_if(failed: bool) -> Outcome {
        if failed {
            Outcome::PartialFailure
        } else {
            Outcome::Success
        }
    }

    /// The process exit status.
    pub fn exit_status(&self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::PartialFailure => 1,
        }
    }
}

/// The exit status of a command stopped by an error (usage, parse or type errors, files
/// that cannot be read, ...).
pub const ERROR_STATUS: u8 = 2;

/// What the user can do about an error, shown on its own line after it. Attach it last,
/// as the outermost context: `.context(Advice("(pass --model DIR)"))`.
#[derive(Debug)]
pub struct Advice(pub &'static str);

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The error as the user sees it: every message of the chain, outermost first, joined by
/// `: `, then the advice if there is one. A cause whose text a message before it already
/// holds (many errors repeat their source's words) is not repeated.
pub fn describe(error: &anyhow::Error) -> String {
    let advice = error.downcast_ref::<Advice>();
    let causes = error.chain().skip(usize::from(advice.is_some()));
    let mut text = String::new();
    for cause in causes {
        let message = cause.to_string();
        if text.contains(&message) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&message);
    }
    if let Some(advice) = advice {
        text.push('\n');
        text.push_str(advice.0);
    }
    text
}

#[cfg(test)]
mod tests {
    use anyhow::Context as _;

    use super::*;

    #[test]
    fn the_whole_chain_is_shown_once_with_the_advice_last() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let error = Err::<(), _>(io).context("cannot read a.csv").unwrap_err();
        assert_eq!(describe(&error), "cannot read a.csv: no such file");
        let repeated = anyhow::Error::from(std::io::Error::other("disk full"))
            .context("cannot write b.csv: disk full");
        assert_eq!(describe(&repeated), "cannot write b.csv: disk full");
        let advised = anyhow::anyhow!("bad model")
            .context("cannot load m")
            .context(Advice("(pass --model DIR)"));
        assert_eq!(
            describe(&advised),
            "cannot load m: bad model\n(pass --model DIR)"
        );
    }
}
