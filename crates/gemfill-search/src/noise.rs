//! Noise: when the examples may hold mistakes, programs passing most of them are answers
//! too, with the examples they contradict named as suspects.
//!
//! [`near_answers`] is a search's noise phase; [`judged_on_all`] is how the runner judges
//! near answers on every example of the caller's problem; [`noise_threshold`] is the bar
//! both use.

use crate::answers::{Answers, Found};
use crate::catalog::View;
use crate::problem::Problem;
use crate::progress::Stats;
use crate::split;
use crate::term::Term;
use crate::values::{Mask, VType};

/// Fewest examples of which some may be doubted.
const MIN_EXAMPLES: usize = 3;
/// Starting examples of the groups grown by [`near_answers`].
const GROUP_STARTS: usize = 3;
/// The largest product graph of a concatenation covering a group of examples.
const GROUP_GRAPH_NODES: usize = 5_000;

/// The fewest examples of `n` a near answer must pass: a majority, and at most a third
/// contradicted.
pub(crate) fn noise_threshold(n: usize) -> usize {
    (n / 2 + 1).max(n - n / 3)
}

/// Whether a program with this verification passes enough of `n` examples to be a near
/// answer.
fn passes_enough(f: &Found, n: usize) -> bool {
    n >= MIN_EXAMPLES && f.verification.passed >= noise_threshold(n)
}

/// The near answers (found on some of the examples) that still pass enough of all of the
/// problem's examples, each with its verification on all of them.
pub(crate) fn judged_on_all(near: Vec<Found>, problem: &Problem) -> impl Iterator<Item = Found> {
    let n = problem.examples.len();
    near.into_iter()
        .map(|f| f.verified_on(problem))
        .filter(move |f| passes_enough(f, n))
}

/// Answers that failed some of the problem's examples, kept as near answers when they pass
/// enough of them.
pub(crate) fn near_enough(wrong: Vec<Found>, problem: &Problem) -> impl Iterator<Item = Found> {
    let n = problem.examples.len();
    wrong.into_iter().filter(move |f| passes_enough(f, n))
}

/// A search's noise phase: the partial answers passing enough examples, and
/// concatenations grown example by example from a few starting points, verified; those
/// passing enough examples join the near answers.
pub(crate) fn near_answers(
    view: &View<'_>,
    answers: &mut Answers<'_>,
    stats: &mut Stats,
    stop: &dyn Fn() -> bool,
) {
    let n = view.targets.n_examples;
    if n < MIN_EXAMPLES {
        return;
    }
    let need = noise_threshold(n);
    let mut cands: Vec<(Term, u32)> = view
        .catalog
        .partials
        .iter()
        .filter(|((_, m), _)| m.count() >= need)
        .map(|(_, &(c, id))| (Term::Entry(id), c))
        .collect();
    if view.targets.accepts(VType::Str) {
        // Grow a group of examples that one concatenation explains, example by example,
        // from a few different starting points; a group reaching the threshold names the
        // examples outside it as suspects.
        for start in 0..n.min(GROUP_STARTS) {
            if stop() {
                break;
            }
            let mut group = Mask::empty(n);
            group.set(start);
            let Some(mut best) =
                split::cheapest_concat(view, &group, GROUP_GRAPH_NODES, stats, stop)
            else {
                continue;
            };
            for e in (start + 1..n).chain(0..start) {
                if stop() {
                    break;
                }
                if view.right_on(&best.0, e) {
                    group.set(e);
                    continue;
                }
                let mut bigger = group.clone();
                bigger.set(e);
                if let Some(found) =
                    split::cheapest_concat(view, &bigger, GROUP_GRAPH_NODES, stats, stop)
                {
                    group = bigger;
                    best = found;
                }
            }
            if group.count() >= need {
                cands.push(best);
            }
        }
    }
    for (term, cost) in cands {
        answers.record_near(view.terms.expr(&term), cost, need);
    }
}
