//! Verification: running a program on examples with the real interpreter.
//!
//! Every program the synthesizer reports has been type-checked ([`Program::from_expr`])
//! and run here on every example; the search's own value vectors only decide what to try.

use gemfill_dsl::{CheckContext, EvalError, Example, Expr, Program, Tables, Type, Value};
use rayon::prelude::*;

use crate::problem::Subproblem;

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

/// Type-checks and verifies candidate programs on the examples of a (sub)problem.
pub(crate) struct Checker<'a> {
    examples: &'a [Example],
    tables: &'a Tables,
    ctx: CheckContext,
    answer: Vec<Type>,
    pool: Option<&'a rayon::ThreadPool>,
}

impl<'a> Checker<'a> {
    /// A checker for `problem`'s programs, verifying in parallel on `pool` when given.
    pub(crate) fn new(problem: &'a Subproblem<'a>, pool: Option<&'a rayon::ThreadPool>) -> Self {
        Checker {
            examples: &problem.examples,
            tables: &problem.problem.tables,
            ctx: problem.check_context(),
            answer: problem.answer_types(),
            pool,
        }
    }

    /// The types the answers may have, preferred first.
    pub(crate) fn answer_types(&self) -> &[Type] {
        &self.answer
    }

    /// Type-checks and verifies an expression; `None` when it is not a well-typed program
    /// of one of the answer types.
    pub(crate) fn check(&self, expr: &Expr) -> Option<(Program, Verification)> {
        let program = Program::from_expr(expr.clone(), &self.ctx).ok()?;
        if !self.answer.contains(&program.ty()) {
            return None;
        }
        let v = verify(&program, self.examples, self.tables);
        Some((program, v))
    }

    /// [`Checker::check`] for many expressions at once, in parallel, results in order.
    pub(crate) fn check_all(&self, exprs: &[Expr]) -> Vec<Option<(Program, Verification)>> {
        if let Some(pool) = self.pool.filter(|_| exprs.len() > 8) {
            pool.install(|| exprs.par_iter().map(|e| self.check(e)).collect())
        } else {
            exprs.iter().map(|e| self.check(e)).collect()
        }
    }
}
