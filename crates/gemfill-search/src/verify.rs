//! Verification: running a program on examples with the real interpreter.
//!
//! Every program the synthesizer reports has been type-checked ([`Program::from_expr`])
//! and run here on every example; the search's own value vectors only decide what to try.

use gemfill_dsl::{CheckContext, EvalError, Example, Expr, Program, Tables, Value};
use rayon::prelude::*;

/// How one example fared.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The program printed the expected output.
    Pass,
    /// The program printed something else.
    Wrong(Value),
    /// The program failed on this input.
    Error(EvalError),
}

/// The result of running a program on examples.
#[derive(Clone, Debug, PartialEq)]
pub struct Verification {
    /// One outcome per example, in order.
    pub outcomes: Vec<Outcome>,
    /// How many examples passed.
    pub passed: usize,
    /// The indices of the examples that did not pass.
    pub failed: Vec<usize>,
}

impl Verification {
    /// Whether every example passed.
    pub fn all_passed(&self) -> bool {
        self.failed.is_empty()
    }
}

/// Runs `program` on every example: an example passes when the printed value equals its
/// output exactly.
pub fn verify(program: &Program, examples: &[Example], tables: &Tables) -> Verification {
    let outcomes: Vec<Outcome> = examples
        .iter()
        .map(|e| match program.run(&e.input_refs(), tables) {
            Ok(v) if v.to_string() == e.output => Outcome::Pass,
            Ok(v) => Outcome::Wrong(v),
            Err(err) => Outcome::Error(err),
        })
        .collect();
    let failed: Vec<usize> = outcomes
        .iter()
        .enumerate()
        .filter(|(_, o)| **o != Outcome::Pass)
        .map(|(i, _)| i)
        .collect();
    Verification {
        passed: outcomes.len() - failed.len(),
        outcomes,
        failed,
    }
}

/// Type-checks and verifies an expression; `None` when it is not a well-typed program of
/// one of the `answer` types.
pub(crate) fn check_and_verify(
    expr: &Expr,
    ctx: &CheckContext,
    answer: &[gemfill_dsl::Type],
    examples: &[Example],
    tables: &Tables,
) -> Option<(Program, Verification)> {
    let program = Program::from_expr(expr.clone(), ctx).ok()?;
    if !answer.contains(&program.ty()) {
        return None;
    }
    let v = verify(&program, examples, tables);
    Some((program, v))
}

/// [`check_and_verify`] for many expressions at once, in parallel, results in order.
pub(crate) fn check_and_verify_all(
    exprs: &[Expr],
    ctx: &CheckContext,
    answer: &[gemfill_dsl::Type],
    examples: &[Example],
    tables: &Tables,
    pool: Option<&rayon::ThreadPool>,
) -> Vec<Option<(Program, Verification)>> {
    if let Some(pool) = pool.filter(|_| exprs.len() > 8) {
        pool.install(|| {
            exprs
                .par_iter()
                .map(|e| check_and_verify(e, ctx, answer, examples, tables))
                .collect()
        })
    } else {
        exprs
            .iter()
            .map(|e| check_and_verify(e, ctx, answer, examples, tables))
            .collect()
    }
}
