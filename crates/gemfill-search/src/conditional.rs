//! Conditionals: when no single program covers every example, split the examples with a
//! predicate and cover each side.
//!
//! The inputs are *branches* (programs, each with the set of examples it gets right) and
//! *predicates* (Bool programs that never fail on an example, each with the set of examples
//! where it is true). The builder looks for a decision list
//! `if(p1, b1, if(p2, b2, ... else bn))`: the examples where `p1` holds must all be right
//! under `b1`, the rest are handled by the remainder of the list. It first tries every
//! two-branch split (cheapest wins), then splits off the largest group it can cover and
//! recurses, up to a depth, trying the best few splits at each step.
//!
//! [`decision_lists`] is the search's conditional phase: it gathers the branches (the
//! catalog's partial answers, and concatenations covering the groups of examples that
//! cheap predicates separate) and the predicates, and builds one list per answer type.

use std::collections::BTreeSet;

use gemfill_dsl::Op;

use crate::catalog::View;
use crate::progress::Stats;
use crate::split;
use crate::term::Term;
use crate::values::{Mask, VType};

/// The largest product graph of a concatenation covering a group of examples.
const GROUP_GRAPH_NODES: usize = 5_000;

/// A term with its cost and the examples it gets right.
type Covering = (Term, u32, Mask);

/// The cheapest decision list per answer type that covers every example, from the partial
/// answers and predicates in `view`'s catalog; the final round (nothing else passes) looks
/// further. Each comes with its cost.
pub(crate) fn decision_lists(
    view: &View<'_>,
    final_round: bool,
    noise_tolerance: bool,
    stats: &mut Stats,
    stop: &dyn Fn() -> bool,
) -> Vec<(Term, u32)> {
    let targets = view.targets;
    let n = targets.n_examples;
    let mut lists = Vec::new();
    if n < 2 {
        return lists;
    }
    stats.conditional_searches += 1;
    // (cost, entry, examples where it is true)
    let mut preds: Vec<(u32, u32, Mask)> = view
        .catalog
        .preds
        .iter()
        .map(|(m, &(c, id))| (c, id, m.clone()))
        .collect();
    preds.sort_by_key(|(c, id, _)| (*c, *id));
    preds.truncate(if final_round { 400 } else { 150 });
    let settings = Settings {
        if_cost: view.costs.op(Op::If),
        min_group: if noise_tolerance && n >= 5 { 2 } else { 1 },
        max_depth: if final_round { 4 } else { 3 },
        beam: 3,
    };
    for vt in VType::ALL {
        if !targets.accepts(vt) || stop() {
            continue;
        }
        let mut branches: Vec<Covering> = view
            .catalog
            .partials
            .iter()
            .filter(|((t, _), _)| *t == vt)
            .map(|((_, m), &(c, id))| (Term::Entry(id), c, m.clone()))
            .collect();
        if vt == VType::Str {
            branches.extend(concat_branches(view, &preds, final_round, stats, stop));
        }
        // A literal that covers a single example memorises it rather than explains it.
        if n >= 3 {
            branches.retain(|(t, _, m)| m.count() >= 2 || !view.is_constant(t));
        }
        if branches.is_empty() {
            continue;
        }
        let b: Vec<Branch> = branches
            .iter()
            .map(|(_, c, m)| Branch {
                cost: *c,
                mask: m.clone(),
            })
            .collect();
        let p: Vec<Pred> = preds
            .iter()
            .map(|(c, _, m)| Pred {
                cost: *c,
                mask: m.clone(),
            })
            .collect();
        if let Some((plan, cost)) = build(&targets.all, &b, &p, &settings, stop) {
            lists.push((plan_term(&plan, &branches, &preds), cost));
        }
    }
    lists
}

/// Concatenations covering the groups of examples that cheap predicates separate, and
/// greedy clusters of examples sharing one concatenation.
fn concat_branches(
    view: &View<'_>,
    preds: &[(u32, u32, Mask)],
    final_round: bool,
    stats: &mut Stats,
    stop: &dyn Fn() -> bool,
) -> Vec<Covering> {
    let all = &view.targets.all;
    let concat = |group: &Mask, stats: &mut Stats| {
        split::cheapest_concat(view, group, GROUP_GRAPH_NODES, stats, stop)
    };
    let mut subsets: BTreeSet<Mask> = BTreeSet::new();
    for (_, _, m) in preds.iter().take(if final_round { 60 } else { 20 }) {
        subsets.insert(m.clone());
        subsets.insert(all.minus(m));
    }
    let mut out = Vec::new();
    let mut done: BTreeSet<Mask> = BTreeSet::new();
    for s in &subsets {
        if stop() {
            return out;
        }
        if let Some((term, cost)) = concat(s, stats) {
            let mask = view.term_mask(&term);
            out.push((term, cost, mask));
        }
        done.insert(s.clone());
    }
    // Greedy clusters: grow a group while one concatenation still covers it.
    if view.targets.n_examples <= 16 {
        let mut remaining = all.clone();
        loop {
            let Some(first) = remaining.iter().next() else {
                break;
            };
            if stop() {
                break;
            }
            let mut group = Mask::empty(view.targets.n_examples);
            group.set(first);
            let mut best = concat(&group, stats);
            for e in remaining.iter().skip(1).collect::<Vec<_>>() {
                let mut bigger = group.clone();
                bigger.set(e);
                if let Some(found) = concat(&bigger, stats) {
                    group = bigger;
                    best = Some(found);
                }
            }
            remaining = remaining.minus(&group);
            if let Some((term, cost)) = best
                && !done.contains(&group)
            {
                let mask = view.term_mask(&term);
                out.push((term, cost, mask));
            }
        }
    }
    out
}

/// The term of a decision list.
fn plan_term(plan: &Plan, branches: &[Covering], preds: &[(u32, u32, Mask)]) -> Term {
    match plan {
        Plan::Leaf(b) => branches[*b].0.clone(),
        Plan::If(p, then, els) => Term::If(
            preds[*p].1,
            Box::new(plan_term(then, branches, preds)),
            Box::new(plan_term(els, branches, preds)),
        ),
    }
}

/// A program covering some examples.
#[derive(Clone, Debug)]
pub(crate) struct Branch {
    pub(crate) cost: u32,
    /// The examples it gets right.
    pub(crate) mask: Mask,
}

/// A condition.
#[derive(Clone, Debug)]
pub(crate) struct Pred {
    pub(crate) cost: u32,
    /// The examples where it is true (it is false on the others, never an error).
    pub(crate) mask: Mask,
}

/// A decision list, with indices into the branch and predicate lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Plan {
    /// Run this branch.
    Leaf(usize),
    /// `if(pred, then, else)`.
    If(usize, Box<Plan>, Box<Plan>),
}

/// Settings of the builder.
pub(crate) struct Settings {
    /// Cost of an `if` node.
    pub(crate) if_cost: u32,
    /// Every branch must be the one taken on at least this many examples (2 guards against
    /// explaining a mistaken example with a branch of its own).
    pub(crate) min_group: usize,
    /// Most `if`s in the list.
    pub(crate) max_depth: usize,
    /// Splits tried per step when no two-branch split exists.
    pub(crate) beam: usize,
}

/// Builds the cheapest decision list found covering every example in `all`.
pub(crate) fn build(
    all: &Mask,
    branches: &[Branch],
    preds: &[Pred],
    settings: &Settings,
    stop: &dyn Fn() -> bool,
) -> Option<(Plan, u32)> {
    let mut order: Vec<usize> = (0..branches.len()).collect();
    order.sort_by_key(|&i| (branches[i].cost, i));
    let b = Builder {
        branches,
        order,
        preds,
        settings,
        stop,
    };
    b.solve(all, settings.max_depth)
}

struct Builder<'a> {
    branches: &'a [Branch],
    order: Vec<usize>,
    preds: &'a [Pred],
    settings: &'a Settings,
    stop: &'a dyn Fn() -> bool,
}

impl Builder<'_> {
    /// The cheapest branch right on every example of `set`.
    fn cover(&self, set: &Mask) -> Option<usize> {
        self.order
            .iter()
            .copied()
            .find(|&i| self.branches[i].mask.contains_all(set))
    }

    fn solve(&self, rest: &Mask, depth: usize) -> Option<(Plan, u32)> {
        if let Some(b) = self.cover(rest) {
            return Some((Plan::Leaf(b), self.branches[b].cost));
        }
        if depth == 0 || (self.stop)() {
            return None;
        }
        let min = self.settings.min_group.max(1);
        let mut best2: Option<(Plan, u32)> = None;
        // (covered count, cost so far, predicate, polarity, branch, remainder)
        let mut partial: Vec<(usize, u32, usize, bool, usize, Mask)> = Vec::new();
        for (pi, p) in self.preds.iter().enumerate() {
            for positive in [true, false] {
                let taken = if positive {
                    rest.and(&p.mask)
                } else {
                    rest.minus(&p.mask)
                };
                let other = rest.minus(&taken);
                if taken.count() < min || other.count() < min {
                    continue;
                }
                let Some(bt) = self.cover(&taken) else {
                    continue;
                };
                let head = self.settings.if_cost + p.cost + self.branches[bt].cost;
                if let Some(bo) = self.cover(&other) {
                    let total = head + self.branches[bo].cost;
                    if best2.as_ref().is_none_or(|(_, c)| total < *c) {
                        best2 = Some((make(pi, positive, Plan::Leaf(bt), Plan::Leaf(bo)), total));
                    }
                } else if depth > 1 {
                    partial.push((taken.count(), head, pi, positive, bt, other));
                }
            }
        }
        if best2.is_some() {
            return best2;
        }
        partial.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut best: Option<(Plan, u32)> = None;
        for (_, head, pi, positive, bt, other) in partial.into_iter().take(self.settings.beam) {
            if let Some((tail, c)) = self.solve(&other, depth - 1) {
                let total = head + c;
                if best.as_ref().is_none_or(|(_, bc)| total < *bc) {
                    best = Some((make(pi, positive, Plan::Leaf(bt), tail), total));
                }
            }
        }
        best
    }
}

/// `if(p, taken, other)` when the predicate's true side is taken, else with the branches
/// swapped.
fn make(pred: usize, positive: bool, taken: Plan, other: Plan) -> Plan {
    if positive {
        Plan::If(pred, Box::new(taken), Box::new(other))
    } else {
        Plan::If(pred, Box::new(other), Box::new(taken))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask(n: usize, bits: &[usize]) -> Mask {
        let mut m = Mask::empty(n);
        bits.iter().for_each(|&b| m.set(b));
        m
    }

    /// A branch of this cost right on `bits` of `n` examples.
    fn branch(cost: u32, n: usize, bits: &[usize]) -> Branch {
        Branch {
            cost,
            mask: mask(n, bits),
        }
    }

    /// A predicate of this cost true on `bits` of `n` examples.
    fn pred(cost: u32, n: usize, bits: &[usize]) -> Pred {
        Pred {
            cost,
            mask: mask(n, bits),
        }
    }

    fn settings() -> Settings {
        Settings {
            if_cost: 4,
            min_group: 1,
            max_depth: 3,
            beam: 3,
        }
    }

    #[test]
    fn single_branch_needs_no_if() {
        let all = Mask::full(3);
        let branches = [branch(5, 3, &[0, 1, 2])];
        let (plan, cost) = build(&all, &branches, &[], &settings(), &|| false).unwrap();
        assert_eq!(plan, Plan::Leaf(0));
        assert_eq!(cost, 5);
    }

    #[test]
    fn two_branches_split_by_a_predicate() {
        let n = 4;
        let all = Mask::full(n);
        let branches = [branch(3, n, &[0, 1]), branch(3, n, &[2, 3])];
        // True on 2 and 3: the else side is branch 0.
        let preds = [pred(2, n, &[2, 3])];
        let (plan, cost) = build(&all, &branches, &preds, &settings(), &|| false).unwrap();
        assert_eq!(
            plan,
            Plan::If(0, Box::new(Plan::Leaf(1)), Box::new(Plan::Leaf(0)))
        );
        assert_eq!(cost, 4 + 2 + 3 + 3);
    }

    #[test]
    fn three_branches_nest() {
        let n = 6;
        let all = Mask::full(n);
        let branches = [
            branch(1, n, &[0, 1]),
            branch(1, n, &[2, 3]),
            branch(1, n, &[4, 5]),
        ];
        let preds = [pred(1, n, &[0, 1]), pred(1, n, &[2, 3])];
        let (plan, _) = build(&all, &branches, &preds, &settings(), &|| false).unwrap();
        let Plan::If(_, _, inner) = plan else {
            panic!()
        };
        assert!(matches!(*inner, Plan::If(..)));
    }

    #[test]
    fn min_group_refuses_singleton_branches() {
        let n = 5;
        let all = Mask::full(n);
        let branches = [branch(1, n, &[0, 1, 2, 3]), branch(1, n, &[4])];
        let preds = [pred(1, n, &[4])];
        let mut s = settings();
        assert!(build(&all, &branches, &preds, &s, &|| false).is_some());
        s.min_group = 2;
        assert!(build(&all, &branches, &preds, &s, &|| false).is_none());
    }
}
