//! Ranking: ordering passing programs so that the general, simple one comes first, and
//! finding where the top programs disagree.
//!
//! A program's score (higher is better) is
//!
//! ```text
//! score = prior - 0.15 * literal characters - 3 * (share of unlabeled rows it fails on)
//!         - CONTRADICTION_BITS * ln 2 * contradicted examples
//! ```
//!
//! where `prior = -cost * ln 2` is the log-probability the cost model gives the program
//! (cost = sum of its productions' `-log2 p`; a [`crate::Guide`] shapes it) and, for a
//! proposal, the larger of that and the model's own log-probability. Literal characters
//! count on top of the cost because long literals copy the examples instead of
//! generalising them, and a program that fails on the caller's unlabeled inputs is
//! probably not the intended one. Ties break on size, then on a seeded hash of the text.
//!
//! Contradicted examples (noise mode) are priced like program text, in the spirit of
//! minimum description length: a program that explains all but one example and names that
//! one as a mistake beats a program that fits every example only when the second costs
//! more than [`CONTRADICTION_BITS`] extra bits, which is what memorising a typo by special
//! cases typically costs. So a mistaken example does not drag in an overfitted program,
//! while a genuine special case, cheap to express with `if`, is still fitted.

use std::f64::consts::LN_2;

use gemfill_dsl::{EvalError, Expr, Program, Value};

use crate::values::Fx;

/// What one contradicted example costs a program's score, in bits of program cost.
pub(crate) const CONTRADICTION_BITS: u32 = 16;

/// One program of a [`crate::SearchResult`].
#[derive(Clone, Debug, PartialEq)]
pub struct RankedProgram {
    /// The program (type-checked).
    pub program: Program,
    /// Higher is better (see the module documentation of `rank`).
    pub score: f64,
    /// AST nodes.
    pub size: usize,
    /// Examples it passes (checked with the interpreter).
    pub passed: usize,
    /// Examples it fails: non-empty only in noise mode, where these are the suspected
    /// mistakes in the examples.
    pub contradicted: Vec<usize>,
    /// Its output on each unlabeled row, in order.
    pub unlabeled_outputs: Vec<Result<Value, EvalError>>,
}

/// An unlabeled row where the top programs give different outputs: the row worth labeling
/// next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// Index into [`crate::Problem::unlabeled`].
    pub row: usize,
    /// The distinct outputs of the top programs there, in rank order of the first program
    /// giving each (a failure is shown as `<error: message>`).
    pub outputs: Vec<String>,
}

/// The total characters of string literals in `e`.
pub(crate) fn literal_chars(e: &Expr) -> usize {
    match e {
        Expr::Str(s) => s.chars().count(),
        Expr::App(_, args) => args.iter().map(literal_chars).sum(),
        _ => 0,
    }
}

/// The score of a program (see the module documentation).
pub(crate) fn score(
    cost: u32,
    log_prob: Option<f64>,
    expr: &Expr,
    unlabeled: &[Result<Value, EvalError>],
    contradicted: usize,
) -> f64 {
    let prior = -(cost as f64) * LN_2;
    let prior = log_prob.map_or(prior, |lp| lp.max(prior));
    let errors = unlabeled.iter().filter(|o| o.is_err()).count();
    let error_share = if unlabeled.is_empty() {
        0.0
    } else {
        errors as f64 / unlabeled.len() as f64
    };
    prior
        - 0.15 * literal_chars(expr) as f64
        - 3.0 * error_share
        - f64::from(CONTRADICTION_BITS) * LN_2 * contradicted as f64
}

/// Sorts best first: score, then fewer contradictions, then size, then a seeded hash of
/// the program text (deterministic for a given seed). Contradictions are in the score.
pub(crate) fn sort(programs: &mut [RankedProgram], seed: u64) {
    let key = |p: &RankedProgram| {
        let mut h = Fx::new(seed ^ 0x9e37_79b9);
        h.add_str(&p.program.to_string());
        h.finish()
    };
    programs.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.contradicted.len().cmp(&b.contradicted.len()))
            .then(a.size.cmp(&b.size))
            .then(key(a).cmp(&key(b)))
            .then_with(|| a.program.to_string().cmp(&b.program.to_string()))
    });
}

/// The unlabeled rows where the given programs disagree.
pub(crate) fn disagreements(programs: &[RankedProgram]) -> Vec<Disagreement> {
    let rows = programs.first().map_or(0, |p| p.unlabeled_outputs.len());
    let mut out = Vec::new();
    for row in 0..rows {
        let mut outputs: Vec<String> = Vec::new();
        for p in programs {
            let shown = match p.unlabeled_outputs.get(row) {
                Some(Ok(v)) => v.to_string(),
                Some(Err(e)) => format!("<error: {e}>"),
                None => continue,
            };
            if !outputs.contains(&shown) {
                outputs.push(shown);
            }
        }
        if outputs.len() > 1 {
            out.push(Disagreement { row, outputs });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_on_unlabeled_rows_cost_score() {
        let e = Expr::Var(0);
        let ok: Vec<Result<Value, EvalError>> = vec![Ok(Value::Int(1))];
        let bad: Vec<Result<Value, EvalError>> = vec![Err(EvalError::new("sub", "x"))];
        assert!(score(5, None, &e, &ok, 0) > score(5, None, &e, &bad, 0));
        assert!(score(5, None, &e, &ok, 0) > score(6, None, &e, &ok, 0));
        assert!(score(5, Some(-0.1), &e, &ok, 0) > score(5, None, &e, &ok, 0));
        let lit = Expr::Str("abcdef".into());
        assert!(score(5, None, &e, &ok, 0) > score(5, None, &lit, &ok, 0));
    }
}
