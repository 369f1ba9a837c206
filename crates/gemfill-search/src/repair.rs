//! Near-miss repair: local mutations of a program that fails a few examples.
//!
//! A proposal (or the best partial program) is often one detail away from right: the
//! wrong token class, an index off by one, a different literal or case mode. Each mutation
//! changes one node: token class, integer (±1, sign, other small literals), string literal
//! (another seed literal), case mode, format (same kind), table, input column, or a sibling
//! operator (`start`/`end`, `replace`/`replace_first`, `contains`/`starts_with`/
//! `ends_with`). The mutants are then verified like any candidate
//! ([`repair_near_misses`]): the runner repairs a model's proposals, a search the partial
//! answers that pass the most examples ([`best_partials`]).

use gemfill_dsl::{BuiltinTable, CaseMode, Expr, Format, Op, Program, TableRef, TokenClass};

use crate::catalog::View;
use crate::limits::Budget;
use crate::seeds::Seeds;
use crate::term::Term;
use crate::verify::{Checker, Verification};

/// Mutants tried per near miss.
const MUTANTS_PER_NEAR_MISS: usize = 600;
/// Partial answers a search repairs.
const PARTIALS_REPAIRED: usize = 5;

/// A near miss: a program and the model's log-probability for it, if a model proposed it.
pub(crate) type NearMiss = (Expr, Option<f64>);

/// A mutant passing every example.
pub(crate) struct Repaired {
    pub(crate) expr: Expr,
    pub(crate) program: Program,
    pub(crate) verification: Verification,
    /// The near miss's log-probability, a little lower: a repaired program is a little
    /// less likely than the model thought.
    pub(crate) log_prob: Option<f64>,
}

/// Verifies the mutants of each near miss, in order, until a hard limit stops it; `fresh`
/// says which mutants are worth verifying. Returns the mutants passing every example and
/// adds the number verified to `repairs`.
pub(crate) fn repair_near_misses(
    near: Vec<NearMiss>,
    pool: &Pool,
    checker: &Checker<'_>,
    budget: &Budget,
    repairs: &mut usize,
    fresh: &mut dyn FnMut(&Expr) -> bool,
) -> Vec<Repaired> {
    let mut repaired = Vec::new();
    for (expr, log_prob) in near {
        if budget.hard_stop().is_some() {
            break;
        }
        let mutants: Vec<Expr> = mutations(&expr, pool, MUTANTS_PER_NEAR_MISS)
            .into_iter()
            .filter(|m| fresh(m))
            .collect();
        *repairs += mutants.len();
        let results = checker.check_all(&mutants);
        for (m, r) in mutants.into_iter().zip(results) {
            if let Some((program, verification)) = r.filter(|(_, v)| v.all_passed()) {
                repaired.push(Repaired {
                    expr: m,
                    program,
                    verification,
                    log_prob: log_prob.map(|l| l - 1.0),
                });
            }
        }
    }
    repaired
}

/// The partial answers passing the most examples (at least half of them), best first.
pub(crate) fn best_partials(view: &View<'_>) -> Vec<NearMiss> {
    let n = view.targets.n_examples;
    let mut best: Vec<(usize, u32, u32)> = view
        .catalog
        .partials
        .iter()
        .map(|((_, m), &(c, id))| (m.count(), c, id))
        .filter(|(right, _, _)| 2 * right >= n)
        .collect();
    best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    best.truncate(PARTIALS_REPAIRED);
    best.iter()
        .map(|&(_, _, id)| (view.terms.expr(&Term::Entry(id)), None))
        .collect()
}

/// What mutations may substitute.
#[derive(Clone, Debug, Default)]
pub(crate) struct Pool {
    pub(crate) toks: Vec<TokenClass>,
    pub(crate) ints: Vec<i64>,
    pub(crate) strs: Vec<String>,
    pub(crate) tables: Vec<TableRef>,
    pub(crate) columns: usize,
}

impl Pool {
    /// The substitutes a search's seeds offer.
    pub(crate) fn from_seeds(seeds: &Seeds, columns: usize) -> Pool {
        Pool {
            toks: seeds.toks.iter().map(|(t, _)| t.clone()).collect(),
            ints: seeds.ints.iter().map(|(k, _)| *k).collect(),
            strs: seeds.strs.iter().map(|(s, _)| s.clone()).collect(),
            tables: seeds.tables.iter().map(|(t, _)| t.clone()).collect(),
            columns,
        }
    }
}

/// Every program one mutation away from `e` (at most `max`), in a fixed order.
pub(crate) fn mutations(e: &Expr, pool: &Pool, max: usize) -> Vec<Expr> {
    let mut out = Vec::new();
    mutate(e, pool, &mut |m| out.push(m), max);
    out.truncate(max);
    out
}

fn alternatives(e: &Expr, pool: &Pool) -> Vec<Expr> {
    match e {
        Expr::Tok(t) => pool
            .toks
            .iter()
            .filter(|u| *u != t)
            .map(|u| Expr::Tok(u.clone()))
            .collect(),
        Expr::Int(k) => {
            let mut v: Vec<i64> =
                vec![k.saturating_add(1), k.saturating_sub(1), k.saturating_neg()];
            v.extend(pool.ints.iter().copied());
            let mut seen = vec![*k];
            v.into_iter()
                .filter(|x| {
                    let fresh = !seen.contains(x);
                    seen.push(*x);
                    fresh
                })
                .map(Expr::Int)
                .collect()
        }
        Expr::Str(s) => pool
            .strs
            .iter()
            .filter(|u| *u != s)
            .take(16)
            .map(|u| Expr::Str(u.clone()))
            .collect(),
        Expr::Case(m) => CaseMode::ALL
            .into_iter()
            .filter(|u| u != m)
            .map(Expr::Case)
            .collect(),
        Expr::Fmt(f) => Format::ALL
            .into_iter()
            .filter(|u| u != f && u.kind() == f.kind())
            .map(Expr::Fmt)
            .collect(),
        Expr::Table(t) => BuiltinTable::ALL
            .into_iter()
            .map(TableRef::Builtin)
            .chain(pool.tables.iter().cloned())
            .filter(|u| u != t)
            .map(Expr::Table)
            .collect(),
        Expr::Var(i) => (0..pool.columns)
            .filter(|j| j != i)
            .map(Expr::Var)
            .collect(),
        Expr::App(op, args) => {
            let siblings: &[Op] = match op {
                Op::Start => &[Op::End],
                Op::End => &[Op::Start],
                Op::Replace => &[Op::ReplaceFirst],
                Op::ReplaceFirst => &[Op::Replace],
                Op::Contains => &[Op::StartsWith, Op::EndsWith],
                Op::StartsWith => &[Op::Contains, Op::EndsWith],
                Op::EndsWith => &[Op::Contains, Op::StartsWith],
                Op::Plus => &[Op::Minus],
                Op::Minus => &[Op::Plus],
                _ => &[],
            };
            siblings
                .iter()
                .map(|&o| Expr::App(o, args.clone()))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Calls `emit` with every single-node mutation of `e`.
fn mutate(e: &Expr, pool: &Pool, emit: &mut dyn FnMut(Expr), max: usize) {
    let mut count = 0usize;
    let mut guard = |m: Expr, emit: &mut dyn FnMut(Expr)| {
        if count < max {
            count += 1;
            emit(m);
        }
    };
    for alt in alternatives(e, pool) {
        guard(alt, emit);
    }
    if let Expr::App(op, args) = e {
        for i in 0..args.len() {
            let mut inner = Vec::new();
            mutate(&args[i], pool, &mut |m| inner.push(m), max);
            for m in inner {
                let mut new_args = args.clone();
                new_args[i] = m;
                guard(Expr::App(*op, new_args), emit);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutates_every_kind_of_leaf() {
        let e = Expr::App(
            Op::Token,
            vec![Expr::Var(0), Expr::Tok(TokenClass::Word), Expr::Int(1)],
        );
        let pool = Pool {
            toks: vec![TokenClass::Word, TokenClass::Number],
            ints: vec![0, -1],
            columns: 2,
            ..Pool::default()
        };
        let ms = mutations(&e, &pool, 100);
        let text: Vec<String> = ms.iter().map(|m| format!("{m:?}")).collect();
        assert!(ms.contains(&Expr::App(
            Op::Token,
            vec![Expr::Var(0), Expr::Tok(TokenClass::Number), Expr::Int(1)]
        )));
        assert!(ms.contains(&Expr::App(
            Op::Token,
            vec![Expr::Var(0), Expr::Tok(TokenClass::Word), Expr::Int(-1)]
        )));
        assert!(
            ms.contains(&Expr::App(
                Op::Token,
                vec![Expr::Var(1), Expr::Tok(TokenClass::Word), Expr::Int(1)]
            )),
            "{text:?}"
        );
        assert!(!ms.contains(&e));
        assert_eq!(mutations(&e, &pool, 2).len(), 2);
    }
}
