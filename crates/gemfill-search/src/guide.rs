//! The plug-in points for learned models ([`Proposer`], [`Guide`]) and the cost model that
//! turns production probabilities into enumeration costs.
//!
//! The enumerator explores programs in order of cost, where a program's cost is the sum of
//! its productions' costs and a production's cost is `-log2 p` rounded to a whole number
//! (at least 1). Without a guide, [`ProductionWeights::default`] supplies hand-set
//! probabilities that favour the operators most string tasks need.

use std::collections::BTreeMap;
use std::f64::consts::LN_2;

use gemfill_dsl::{CaseMode, Expr, Op, TokenClass, TokenKind};

use crate::limits::Interrupt;
use crate::problem::Problem;

/// A whole program proposed by a model, with the model's log-probability for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// The program.
    pub expr: Expr,
    /// Natural-log probability the model gives the program (0 is certain).
    pub log_prob: f64,
}

/// Something that proposes whole programs for a problem (e.g. a neural beam search).
/// Proposals are type-checked and verified like any other candidate; near misses are
/// repaired.
pub trait Proposer: Send + Sync {
    /// Up to `beam` programs for `problem`, best first. Must return promptly (with what it
    /// has) once `interrupt` is due: the search gives its models a share of its time.
    fn propose(&self, problem: &Problem, beam: usize, interrupt: &Interrupt) -> Vec<Proposal>;
    /// A short name for reports.
    fn name(&self) -> &str;
}

/// Something that knows, for a problem, how likely each production is (e.g. a neural
/// model reading the examples). The enumerator explores cheap (likely) programs first.
pub trait Guide: Send + Sync {
    /// Log-probabilities of the productions for this problem. Must return promptly once
    /// `interrupt` is due (the defaults, [`ProductionWeights::default`], are always a valid
    /// answer).
    fn production_log_probs(&self, problem: &Problem, interrupt: &Interrupt) -> ProductionWeights;
}

/// The kinds of leaves (non-operator nodes) a program can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LeafKind {
    /// An input column `xN`.
    Var,
    /// `w` inside a `map` body.
    Bound,
    /// A string literal (longer literals cost more on top of this).
    StrConst,
    /// An integer literal (literals far from 0 cost more on top of this).
    IntConst,
    /// `true` or `false`.
    BoolConst,
    /// A token class argument, priced by its kind.
    Token(TokenKind),
    /// A case mode argument.
    CaseMode(CaseMode),
    /// A lookup table argument.
    Table,
    /// A date or number format argument.
    Format,
}

/// Natural-log probabilities of productions, used as best-first costs (`-log p`).
/// Productions missing from the maps keep their default weight.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductionWeights {
    /// Per operator.
    pub ops: BTreeMap<Op, f64>,
    /// Per leaf kind.
    pub leaves: BTreeMap<LeafKind, f64>,
}

impl Default for ProductionWeights {
    /// Hand-set weights: extraction and concatenation are likely, conditionals and
    /// formats less so.
    fn default() -> ProductionWeights {
        let ops = Op::ALL
            .iter()
            .map(|&op| (op, -(default_op_cost(op) as f64) * LN_2))
            .collect();
        let mut leaves = BTreeMap::new();
        for (kind, cost) in default_leaf_costs() {
            leaves.insert(kind, -(cost as f64) * LN_2);
        }
        ProductionWeights { ops, leaves }
    }
}

impl ProductionWeights {
    /// Every operator and leaf equally likely: enumeration by size.
    pub fn uniform() -> ProductionWeights {
        let mut w = ProductionWeights::default();
        w.ops.values_mut().for_each(|p| *p = -2.0 * LN_2);
        w.leaves.values_mut().for_each(|p| *p = -LN_2);
        w
    }
}

fn default_op_cost(op: Op) -> u32 {
    match op {
        Op::Token | Op::Len | Op::Case | Op::Trim | Op::Not => 1,
        Op::Concat
        | Op::Sub
        | Op::Start
        | Op::End
        | Op::Find
        | Op::Plus
        | Op::Minus
        | Op::ToInt
        | Op::ToStr
        | Op::Replace
        | Op::PadLeft
        | Op::CharAt
        | Op::Contains
        | Op::StartsWith
        | Op::EndsWith
        | Op::Matches
        | Op::IsEmpty
        | Op::Eq
        | Op::Lookup
        | Op::Date
        | Op::Number => 2,
        Op::Pos | Op::ReplaceFirst | Op::Map => 3,
        Op::If => 4,
    }
}

fn default_leaf_costs() -> Vec<(LeafKind, u32)> {
    let mut v = vec![
        (LeafKind::Var, 1),
        (LeafKind::Bound, 1),
        (LeafKind::StrConst, 2),
        (LeafKind::IntConst, 1),
        (LeafKind::BoolConst, 1),
        (LeafKind::Table, 2),
        (LeafKind::Format, 1),
    ];
    for (kind, cost) in [
        (TokenKind::Number, 1),
        (TokenKind::Word, 1),
        (TokenKind::Alphanum, 2),
        (TokenKind::Caps, 2),
        (TokenKind::Proper, 2),
        (TokenKind::Lower, 2),
        (TokenKind::Digit, 2),
        (TokenKind::Char, 2),
        (TokenKind::Space, 2),
        (TokenKind::Delim, 1),
        (TokenKind::Regex, 2),
    ] {
        v.push((LeafKind::Token(kind), cost));
    }
    for mode in CaseMode::ALL {
        v.push((LeafKind::CaseMode(mode), 1));
    }
    v
}

/// Whole-number costs of every production, derived from [`ProductionWeights`].
#[derive(Clone, Debug)]
pub(crate) struct CostModel {
    ops: BTreeMap<Op, u32>,
    leaves: BTreeMap<LeafKind, u32>,
}

/// The most a single production may cost: keeps unlikely productions reachable.
const MAX_PRODUCTION_COST: u32 = 16;

fn to_cost(log_prob: f64) -> u32 {
    if log_prob.is_nan() {
        return MAX_PRODUCTION_COST;
    }
    let c = (-log_prob / LN_2).round();
    (c.max(1.0) as u32).min(MAX_PRODUCTION_COST)
}

impl CostModel {
    /// Costs from weights (defaults where the weights are silent).
    pub(crate) fn new(weights: &ProductionWeights) -> CostModel {
        let ops = Op::ALL
            .iter()
            .map(|&op| {
                let c = weights
                    .ops
                    .get(&op)
                    .map_or(default_op_cost(op), |&p| to_cost(p));
                (op, c)
            })
            .collect();
        let leaves = default_leaf_costs()
            .into_iter()
            .map(|(kind, default)| {
                let c = weights.leaves.get(&kind).map_or(default, |&p| to_cost(p));
                (kind, c)
            })
            .collect();
        CostModel { ops, leaves }
    }

    /// The cost of an operator node.
    pub(crate) fn op(&self, op: Op) -> u32 {
        self.ops[&op]
    }

    /// The cost of a leaf.
    pub(crate) fn leaf(&self, kind: LeafKind) -> u32 {
        self.leaves.get(&kind).copied().unwrap_or(2)
    }

    /// The cost of a token class leaf.
    pub(crate) fn tok(&self, t: &TokenClass) -> u32 {
        self.leaf(LeafKind::Token(t.kind()))
    }

    /// The cost of a string literal. Hinted literals (given by the caller, delimiters,
    /// common parts of the outputs) grow slowly with length; literals the output-splitting
    /// graph invents grow fast, so that a part derived from the inputs wins over copying
    /// the output text whenever one exists.
    pub(crate) fn str_const(&self, s: &str, hinted: bool) -> u32 {
        let n = s.chars().count() as u32;
        let base = self.leaf(LeafKind::StrConst);
        if hinted {
            base + n.saturating_sub(1).div_ceil(3)
        } else {
            base + 2 * n
        }
    }

    /// The cost of an integer literal.
    pub(crate) fn int_const(&self, k: i64) -> u32 {
        let base = self.leaf(LeafKind::IntConst);
        let a = k.unsigned_abs();
        base + u32::from(a > 1) + u32::from(a > 3)
    }

    /// The cost of a whole expression (proposals and repairs are costed like enumerated
    /// programs, so that ranking compares like with like).
    pub(crate) fn expr(&self, e: &Expr) -> u32 {
        match e {
            Expr::Str(s) => self.str_const(s, true),
            Expr::Int(k) => self.int_const(*k),
            Expr::Bool(_) => self.leaf(LeafKind::BoolConst),
            Expr::Var(_) => self.leaf(LeafKind::Var),
            Expr::Bound => self.leaf(LeafKind::Bound),
            Expr::Tok(t) => self.tok(t),
            Expr::Case(m) => self.leaf(LeafKind::CaseMode(*m)),
            Expr::Table(_) => self.leaf(LeafKind::Table),
            Expr::Fmt(_) => self.leaf(LeafKind::Format),
            Expr::App(op, args) => {
                // A k-ary concat stands for k-1 binary ones minus the shared node.
                let extra = if *op == Op::Concat {
                    args.len().saturating_sub(2) as u32
                } else {
                    0
                };
                self.op(*op) + extra + args.iter().map(|a| self.expr(a)).sum::<u32>()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_weights_round_trip_to_default_costs() {
        let c = CostModel::new(&ProductionWeights::default());
        assert_eq!(c.op(Op::Token), 1);
        assert_eq!(c.op(Op::If), 4);
        assert_eq!(c.tok(&TokenClass::Word), 1);
        assert_eq!(c.leaf(LeafKind::Var), 1);
    }

    #[test]
    fn guide_weights_change_costs() {
        let mut w = ProductionWeights::default();
        w.ops.insert(Op::If, -0.1);
        w.ops.insert(Op::Token, -100.0);
        let c = CostModel::new(&w);
        assert_eq!(c.op(Op::If), 1);
        assert_eq!(c.op(Op::Token), MAX_PRODUCTION_COST);
        let u = CostModel::new(&ProductionWeights::uniform());
        assert_eq!(u.op(Op::Map), u.op(Op::Token));
    }

    #[test]
    fn literal_costs_grow_with_length() {
        let c = CostModel::new(&ProductionWeights::default());
        assert!(c.str_const("abcdef", false) > c.str_const("abcdef", true));
        assert!(c.str_const("ab", true) <= c.str_const("abcdef", true));
        assert!(c.int_const(0) < c.int_const(7));
    }
}
