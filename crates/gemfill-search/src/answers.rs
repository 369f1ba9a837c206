//! The answers of one search ([`Answers`]): candidates are verified with the interpreter
//! once each; those passing every example are kept as answers ([`Found`]), and in noise
//! mode those passing most of them as near answers.

use std::collections::HashSet;

use gemfill_dsl::{Expr, Op, Program};

use crate::problem::{Problem, Subproblem};
use crate::verify::{self, Checker, Verification};

/// A verified answer (or, in noise mode, near answer).
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub(crate) program: Program,
    pub(crate) expr: Expr,
    pub(crate) cost: u32,
    pub(crate) log_prob: Option<f64>,
    pub(crate) verification: Verification,
}

impl Found {
    /// The same program with its verification on every example of `problem`.
    pub(crate) fn verified_on(self, problem: &Problem) -> Found {
        Found {
            verification: verify::verify(&self.program, &problem.examples, &problem.tables),
            ..self
        }
    }
}

/// What one search found, and what it already tried.
pub(crate) struct Answers<'a> {
    checker: Checker<'a>,
    /// Rows besides the examples that an answer should run on without error.
    unlabeled: &'a [Vec<String>],
    tables: &'a gemfill_dsl::Tables,
    /// Programs passing every example of the search.
    pub(crate) found: Vec<Found>,
    /// Programs passing most of them (noise mode).
    pub(crate) near: Vec<Found>,
    /// Every expression verified, so that none is verified twice. Expr's hash and
    /// equality look at a regex's source text only, never at the compiled automaton.
    tried: HashSet<Expr>,
    /// The cheapest answer's cost.
    pub(crate) best_cost: Option<u32>,
    /// Whether some answer runs without error on the unlabeled rows of the search.
    pub(crate) clean: bool,
    /// The cheapest answer, when it changed since the last progress report.
    new_best: Option<Program>,
    /// Programs verified.
    pub(crate) verified: usize,
}

impl<'a> Answers<'a> {
    /// No answers yet for a search over `sub`, verifying with `checker`.
    pub(crate) fn new(sub: &Subproblem<'a>, checker: Checker<'a>) -> Self {
        Answers {
            checker,
            unlabeled: sub.search_unlabeled(),
            tables: &sub.problem.tables,
            found: Vec::new(),
            near: Vec::new(),
            tried: HashSet::new(),
            best_cost: None,
            clean: false,
            new_best: None,
            verified: 0,
        }
    }

    /// The checker answers are verified with.
    pub(crate) fn checker(&self) -> &Checker<'a> {
        &self.checker
    }

    /// Verifies a candidate answer (unless it was tried before or takes a detour) and
    /// keeps it if it passes every example; returns whether it did.
    pub(crate) fn record(&mut self, expr: Expr, cost: u32, log_prob: Option<f64>) -> bool {
        if !self.tried.insert(expr.clone()) || roundabout(&expr) {
            return false;
        }
        self.verified += 1;
        let Some((program, verification)) = self.checker.check(&expr) else {
            return false;
        };
        if !verification.all_passed() {
            return false;
        }
        if self.best_cost.is_none_or(|b| cost < b) {
            self.best_cost = Some(cost);
            self.new_best = Some(program.clone());
        }
        if !self.clean {
            self.clean = self.unlabeled.iter().all(|row| {
                let row: Vec<&str> = row.iter().map(String::as_str).collect();
                program.run(&row, self.tables).is_ok()
            });
        }
        self.found.push(Found {
            program,
            expr,
            cost,
            log_prob,
            verification,
        });
        true
    }

    /// Verifies a candidate near answer (unless it was tried before) and keeps it if it
    /// passes at least `need` examples.
    pub(crate) fn record_near(&mut self, expr: Expr, cost: u32, need: usize) {
        if !self.tried.insert(expr.clone()) {
            return;
        }
        self.verified += 1;
        let Some((program, verification)) = self.checker.check(&expr) else {
            return;
        };
        if verification.passed >= need {
            self.near.push(Found {
                program,
                expr,
                cost,
                log_prob: None,
                verification,
            });
        }
    }

    /// The cheapest answer, if it changed since the last call.
    pub(crate) fn take_new_best(&mut self) -> Option<Program> {
        self.new_best.take()
    }
}

/// Whether an expression takes a visible detour (`not(not(b))`, `case(case(s, m), n)`,
/// `trim(trim(s))`): an equivalent shorter program exists and is what a person expects.
fn roundabout(e: &Expr) -> bool {
    let Expr::App(op, args) = e else {
        return false;
    };
    let same_inside = matches!(args.first(), Some(Expr::App(inner, _)) if inner == op);
    (same_inside && matches!(op, Op::Not | Op::Case | Op::Trim)) || args.iter().any(roundabout)
}
