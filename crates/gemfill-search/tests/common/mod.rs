//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::time::Duration;

use gemfill_dsl::{Example, Value};
use gemfill_search::{CancelToken, Limits, Problem, SearchResult, StopReason, Synthesizer};

/// An example with these input columns and output.
pub fn ex(inputs: &[&str], output: &str) -> Example {
    Example::new(inputs.iter().copied(), output)
}

/// Unlabeled rows from string slices.
pub fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// Limits for behavioural tests: a generous deadline that only guards against hangs (the
/// tests assert on what is found, never on how fast).
pub fn limits() -> Limits {
    Limits {
        deadline: Some(Duration::from_secs(60)),
        ..Limits::default()
    }
}

/// Runs the synthesizer with [`limits`].
pub fn synth(problem: &Problem) -> SearchResult {
    Synthesizer::new(limits()).run(problem, &CancelToken::new())
}

/// Runs the synthesizer and checks that it found a program passing every example whose
/// text contains `piece` (an operator such as `"map("`).
pub fn synth_using(problem: &Problem, piece: &str) -> SearchResult {
    let result = synth(problem);
    assert_eq!(result.stop_reason, StopReason::Found);
    let best = result.programs[0].program.to_string();
    assert!(best.contains(piece), "{best}");
    result
}

/// The best program's output on unlabeled row `i`, as text.
pub fn best_output(result: &SearchResult, i: usize) -> String {
    let best = result.programs.first().expect("a program");
    match &best.unlabeled_outputs[i] {
        Ok(v) => v.to_string(),
        Err(e) => format!("<error: {e}>"),
    }
}

/// Whether a value prints as `text`.
pub fn prints(v: &Result<Value, gemfill_dsl::EvalError>, text: &str) -> bool {
    matches!(v, Ok(v) if v.to_string() == text)
}
