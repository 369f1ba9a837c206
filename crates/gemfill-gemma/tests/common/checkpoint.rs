//! The real Gemma 3 270M checkpoint, for the tests that need it (included by path from
//! this crate's tests and the end-to-end tests of the repository).
//!
//! Such a test runs when the checkpoint is installed (`make gemma`) and is skipped, saying
//! how to install it, when it is not; except under `GEMFILL_REQUIRE_GEMMA=1`, which
//! `make test` sets: there a missing checkpoint fails the test, so that a run meant to test
//! everything cannot pass without running these.

use std::path::PathBuf;

/// The installed checkpoint; `None` (after saying why on stderr) when the test must be
/// skipped.
pub fn gemma3_270m_or_skip() -> Option<PathBuf> {
    match gemfill_gemma::install::installed_gemma3_270m() {
        Ok(path) => Some(path),
        Err(missing) if std::env::var_os("GEMFILL_REQUIRE_GEMMA").is_some_and(|v| v == "1") => {
            panic!("{missing} (GEMFILL_REQUIRE_GEMMA=1: the tests that need it must run)")
        }
        Err(missing) => {
            eprintln!("skipped: {missing}");
            None
        }
    }
}
