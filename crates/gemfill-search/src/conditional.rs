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

use crate::values::Mask;

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
        let branches = [Branch {
            cost: 5,
            mask: Mask::full(3),
        }];
        let (plan, cost) = build(&all, &branches, &[], &settings(), &|| false).unwrap();
        assert_eq!(plan, Plan::Leaf(0));
        assert_eq!(cost, 5);
    }

    #[test]
    fn two_branches_split_by_a_predicate() {
        let n = 4;
        let all = Mask::full(n);
        let branches = [
            Branch {
                cost: 3,
                mask: mask(n, &[0, 1]),
            },
            Branch {
                cost: 3,
                mask: mask(n, &[2, 3]),
            },
        ];
        // True on 2 and 3: the else side is branch 0.
        let preds = [Pred {
            cost: 2,
            mask: mask(n, &[2, 3]),
        }];
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
            Branch {
                cost: 1,
                mask: mask(n, &[0, 1]),
            },
            Branch {
                cost: 1,
                mask: mask(n, &[2, 3]),
            },
            Branch {
                cost: 1,
                mask: mask(n, &[4, 5]),
            },
        ];
        let preds = [
            Pred {
                cost: 1,
                mask: mask(n, &[0, 1]),
            },
            Pred {
                cost: 1,
                mask: mask(n, &[2, 3]),
            },
        ];
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
        let branches = [
            Branch {
                cost: 1,
                mask: mask(n, &[0, 1, 2, 3]),
            },
            Branch {
                cost: 1,
                mask: mask(n, &[4]),
            },
        ];
        let preds = [Pred {
            cost: 1,
            mask: mask(n, &[4]),
        }];
        let mut s = settings();
        assert!(build(&all, &branches, &preds, &s, &|| false).is_some());
        s.min_group = 2;
        assert!(build(&all, &branches, &preds, &s, &|| false).is_none());
    }
}
