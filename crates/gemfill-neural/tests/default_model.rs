//! The shipped model (models/default) loads and, in hybrid mode, solves a simple task with
//! a program that generalizes to a held-out row.

use std::sync::Arc;
use std::time::Duration;

use gemfill_dsl::{Example, Tables};
use gemfill_neural::{NeuralModel, default_model_dir, synthesizer};
use gemfill_search::{CancelToken, Limits, Mode, Problem};

#[test]
fn default_model_solves_a_simple_task_in_hybrid_mode() {
    let model = Arc::new(NeuralModel::load(&default_model_dir()).expect("models/default loads"));
    let problem = Problem::new(vec![
        Example::new(["john smith"], "JOHN"),
        Example::new(["ada lovelace"], "ADA"),
        Example::new(["grace hopper"], "GRACE"),
    ]);
    let limits = Limits {
        deadline: Some(Duration::from_secs(20)),
        ..Limits::default()
    };
    let synth = synthesizer(&model, Mode::Hybrid, limits);
    assert_eq!(synth.mode(), Mode::Hybrid);
    let result = synth.run(&problem, &CancelToken::new());
    let best = &result.programs.first().expect("a program").program;
    let out = best.run(&["alan turing"], &Tables::default()).unwrap();
    assert_eq!(out.to_string(), "ALAN", "program {best}");
    assert!(result.stats.proposals > 0, "hybrid mode asks the model");

    // Neural mode never enumerates; enumerative mode never asks the model.
    let neural =
        synthesizer(&model, Mode::Neural, Limits::default()).run(&problem, &CancelToken::new());
    assert_eq!(neural.stats.candidates, 0);
    let enumerative = synthesizer(&model, Mode::Enumerative, Limits::default())
        .run(&problem, &CancelToken::new());
    assert_eq!(enumerative.stats.proposals, 0);
    assert!(!enumerative.programs.is_empty());
}
