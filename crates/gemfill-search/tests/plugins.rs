//! Proposers, guides, progress reports and `verify`.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{best_output, ex, limits, rows};
use gemfill_dsl::{Expr, Op, Program, Tables, TokenClass};
use gemfill_search::{
    CancelToken, Guide, Interrupt, Limits, Mode, Outcome, Phase, Problem, ProductionWeights,
    Proposal, Proposer, StopReason, Synthesizer, verify,
};

/// A proposer that returns fixed programs (a stand-in for a neural beam search).
struct Fixed(Vec<(&'static str, f64)>);

impl Proposer for Fixed {
    fn propose(&self, _: &Problem, beam: usize, _: &Interrupt) -> Vec<Proposal> {
        self.0
            .iter()
            .take(beam)
            .map(|(text, lp)| Proposal {
                expr: Program::parse(text).unwrap().expr().clone(),
                log_prob: *lp,
            })
            .collect()
    }
    fn name(&self) -> &str {
        "fixed"
    }
}

fn last_word_problem() -> Problem {
    Problem::new(vec![
        ex(&["focus on one thing at a time"], "time"),
        ex(&["premature opt is the root of all evil"], "evil"),
        ex(&["where is life"], "life"),
    ])
    .with_unlabeled(rows(&[&["a b c"]]))
}

#[test]
fn passing_proposals_are_returned() {
    let proposer = Fixed(vec![("token(x, Word, -1)", -0.5)]);
    let result = Synthesizer::new(limits())
        .with_proposer(Arc::new(proposer))
        .run(&last_word_problem(), &CancelToken::new());
    assert_eq!(result.stop_reason, StopReason::Found);
    assert_eq!(result.stats.proposals, 1);
    assert!(
        result
            .programs
            .iter()
            .any(|p| p.program.to_string() == "token(x, Word, -1)")
    );
    assert_eq!(best_output(&result, 0), "c");
}

#[test]
fn near_miss_proposals_are_repaired() {
    // Wrong index (right on "where is life" only): the repair turns 2 into -1.
    let proposer = Fixed(vec![("token(x, Word, 2)", -0.5), ("x", -3.0)]);
    let limits = gemfill_search::Limits {
        max_candidates: Some(0),
        ..limits()
    };
    let result = Synthesizer::new(limits)
        .with_proposer(Arc::new(proposer))
        .run(&last_word_problem(), &CancelToken::new());
    assert!(result.stats.repairs > 0);
    let best = &result.programs[0];
    assert!(best.contradicted.is_empty());
    assert_eq!(best_output(&result, 0), "c");
}

/// A model that never finishes on its own: it works until the search's interrupt is due,
/// and remembers the deadline it was given.
#[derive(Default)]
struct Stubborn {
    deadlines: Mutex<Vec<Option<Instant>>>,
}

impl Stubborn {
    fn wait(&self, interrupt: &Interrupt) {
        self.deadlines.lock().unwrap().push(interrupt.deadline());
        let started = Instant::now();
        // The guard keeps a broken engine (one that never interrupts) from hanging the test.
        while !interrupt.is_due() && started.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Proposer for Stubborn {
    fn propose(&self, _: &Problem, _: usize, interrupt: &Interrupt) -> Vec<Proposal> {
        self.wait(interrupt);
        Vec::new()
    }
    fn name(&self) -> &str {
        "stubborn"
    }
}

impl Guide for Stubborn {
    fn production_log_probs(&self, _: &Problem, interrupt: &Interrupt) -> ProductionWeights {
        self.wait(interrupt);
        ProductionWeights::default()
    }
}

#[test]
fn models_get_a_share_of_the_deadline_and_enumeration_the_rest() {
    let model = Arc::new(Stubborn::default());
    let limits = Limits {
        deadline: Some(Duration::from_secs(4)),
        ..limits()
    };
    let started = Instant::now();
    let end = started + Duration::from_secs(4);
    let result = Synthesizer::new(limits.clone())
        .with_mode(Mode::Hybrid)
        .with_proposer(model.clone())
        .with_guide(model.clone())
        .run(&last_word_problem(), &CancelToken::new());
    // Enumeration still had time to find the answer after the model gave up.
    assert_eq!(result.stop_reason, StopReason::Found);
    assert_eq!(best_output(&result, 0), "c");
    let deadlines = model.deadlines.lock().unwrap().clone();
    assert_eq!(deadlines.len(), 2, "the guide and the proposer were asked");
    assert_eq!(deadlines[0], deadlines[1], "one time share for both");
    let given = deadlines[0].expect("a search with a deadline passes one to its models");
    assert!(given < end, "the model got all of the search's time");

    // Neural mode has nothing but the model to run: it gets the whole deadline.
    let model = Arc::new(Stubborn::default());
    let neural = Synthesizer::new(limits)
        .with_mode(Mode::Neural)
        .with_proposer(model.clone())
        .run(&last_word_problem(), &CancelToken::new());
    assert!(neural.programs.is_empty());
    let given = model.deadlines.lock().unwrap()[0].expect("a deadline");
    assert!(
        given + Duration::from_millis(500) >= end,
        "neural mode got a share only"
    );
}

/// A guide that makes one production very likely.
struct Prefer(Op);

impl Guide for Prefer {
    fn production_log_probs(&self, _: &Problem, _: &Interrupt) -> ProductionWeights {
        let mut w = ProductionWeights::uniform();
        w.ops.insert(self.0, -0.01);
        w
    }
}

#[test]
fn a_guide_orders_the_search() {
    let problem = last_word_problem();
    let result = Synthesizer::new(limits())
        .with_guide(Arc::new(Prefer(Op::Token)))
        .run(&problem, &CancelToken::new());
    assert_eq!(result.stop_reason, StopReason::Found);
    assert_eq!(best_output(&result, 0), "c");
}

#[test]
fn progress_reports_levels_and_the_best_program() {
    let problem = last_word_problem();
    let mut events = Vec::new();
    let result =
        Synthesizer::new(limits())
            .run_with_progress(&problem, &CancelToken::new(), &mut |p| events.push(p));
    assert_eq!(result.stop_reason, StopReason::Found);
    assert!(events.iter().any(|e| e.phase == Phase::Enumeration));
    assert!(events.iter().any(|e| e.best.is_some()));
    assert_eq!(events.last().map(|e| e.phase), Some(Phase::Ranking));
    assert!(
        events
            .windows(2)
            .all(|w| w[0].candidates <= w[1].candidates)
    );
}

#[test]
fn verify_reports_each_example() {
    let program = Program::from_expr(
        Expr::App(
            Op::Token,
            vec![Expr::Var(0), Expr::Tok(TokenClass::Word), Expr::Int(0)],
        ),
        &Default::default(),
    )
    .unwrap();
    let examples = vec![ex(&["ab cd"], "ab"), ex(&["x y"], "y"), ex(&["123"], "1")];
    let v = verify(&program, &examples, &Tables::default());
    assert_eq!(v.passed, 1);
    assert_eq!(v.failed, vec![1, 2]);
    assert_eq!(v.outcomes[0], Outcome::Pass);
    assert!(matches!(v.outcomes[1], Outcome::Wrong(_)));
    assert!(matches!(v.outcomes[2], Outcome::Error(_)));
    assert!(!v.all_passed());
}
