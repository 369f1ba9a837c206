//! Budgets, cancellation and determinism.

mod common;

use std::thread;
use std::time::Duration;

use common::{ex, rows};
use gemfill_search::{CancelToken, Limits, Problem, StopReason, Synthesizer};

/// Six examples whose outputs are unrelated to their inputs: no program explains them.
fn unsolvable() -> Problem {
    Problem::new(vec![
        ex(&["alpha 1"], "qz"),
        ex(&["beta 22"], "xwv"),
        ex(&["gamma 333"], "pp"),
        ex(&["delta 4"], "kmr"),
        ex(&["epsilon 55"], "ty"),
        ex(&["zeta 666"], "nbo"),
    ])
}

#[test]
fn candidate_limit_stops_the_search() {
    let limits = Limits {
        max_candidates: Some(500),
        deadline: None,
        ..Limits::default()
    };
    let result = Synthesizer::new(limits).run(&unsolvable(), &CancelToken::new());
    assert_eq!(result.stop_reason, StopReason::CandidateLimit);
    assert!(result.stats.candidates <= 500);
    assert!(result.programs.is_empty());
}

#[test]
fn deadline_stops_the_search() {
    let limits = Limits {
        deadline: Some(Duration::from_millis(300)),
        ..Limits::default()
    };
    let result = Synthesizer::new(limits).run(&unsolvable(), &CancelToken::new());
    assert_eq!(result.stop_reason, StopReason::Deadline);
    assert!(result.programs.is_empty());
}

#[test]
fn memory_limit_stops_the_search() {
    let limits = Limits {
        max_memory_bytes: Some(200_000),
        deadline: None,
        ..Limits::default()
    };
    let result = Synthesizer::new(limits).run(&unsolvable(), &CancelToken::new());
    assert_eq!(result.stop_reason, StopReason::MemoryLimit);
    assert!(result.stats.peak_bank_bytes >= 200_000);
}

#[test]
fn cancel_from_another_thread_stops_the_search() {
    let cancel = CancelToken::new();
    let remote = cancel.clone();
    let canceller = thread::spawn(move || {
        thread::sleep(Duration::from_millis(100));
        remote.cancel();
    });
    let limits = Limits {
        deadline: None,
        ..Limits::default()
    };
    let result = Synthesizer::new(limits).run(&unsolvable(), &cancel);
    canceller.join().unwrap();
    assert_eq!(result.stop_reason, StopReason::Cancelled);
    assert!(result.programs.is_empty());
}

#[test]
fn already_cancelled_returns_at_once() {
    let cancel = CancelToken::new();
    cancel.cancel();
    let result = Synthesizer::new(Limits::default()).run(&unsolvable(), &cancel);
    assert_eq!(result.stop_reason, StopReason::Cancelled);
}

#[test]
fn no_examples_is_exhausted_at_once() {
    let result = Synthesizer::new(Limits::default()).run(&Problem::default(), &CancelToken::new());
    assert_eq!(result.stop_reason, StopReason::Exhausted);
    assert!(result.programs.is_empty());
}

#[test]
fn same_input_and_seed_give_the_same_result() {
    let problem = Problem::new(vec![
        ex(&["Launa", "Withers"], "Withers, L."),
        ex(&["Lakenya", "Edison"], "Edison, L."),
    ])
    .with_unlabeled(rows(&[&["Grace", "Hopper"], &["a", "b c"]]));
    let limits = Limits {
        deadline: None,
        ..Limits::default()
    };
    let run = || Synthesizer::new(limits.clone()).run(&problem, &CancelToken::new());
    let (a, b) = (run(), run());
    assert_eq!(a.stop_reason, StopReason::Found);
    let text = |r: &gemfill_search::SearchResult| -> Vec<(String, String)> {
        r.programs
            .iter()
            .map(|p| (p.program.to_string(), format!("{:.6}", p.score)))
            .collect()
    };
    assert_eq!(text(&a), text(&b));
    assert_eq!(a.stats.candidates, b.stats.candidates);
    assert_eq!(a.stats.bank_entries, b.stats.bank_entries);
    assert_eq!(a.disagreements, b.disagreements);

    // One thread or two: the same answer.
    let single = Synthesizer::new(Limits {
        threads: 1,
        ..limits.clone()
    })
    .run(&problem, &CancelToken::new());
    assert_eq!(text(&a), text(&single));
}
