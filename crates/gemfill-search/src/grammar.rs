//! The productions the enumerator combines, with their costs and argument slots.
//!
//! Every operator of the language appears (`if` and `eq` once per type). Each argument
//! position is a [`Slot`]: a value type with a cost cap, or one of the enum-like argument
//! kinds. The caps encode where big sub-programs are rarely useful: the needle of
//! `find`/`contains`/`replace` is a literal or a cheap expression, the string that
//! `sub`/`token`/`start` read is a column or a cheap transformation of one, and binary
//! `concat` joins cheap pieces only (the output-splitting graph builds the long
//! concatenations). `plus` is not enumerated in both argument orders: its second argument
//! is capped, which covers `plus(position, 1)` without doubling the work.

use gemfill_dsl::{CaseMode, Format, FormatKind, Op, TableRef, TokenClass};

use crate::bank::{Arg, Bank};
use crate::guide::{CostModel, LeafKind};
use crate::values::VType;

/// Cost cap for cheap arguments (the pieces binary `concat` joins, separators, fill
/// characters, widths).
pub(crate) const SMALL: u32 = 5;
/// Cost cap for needles (what `find`, `replace`, `contains` look for): a literal of a
/// dozen characters, or a cheap expression.
pub(crate) const NEEDLE: u32 = 7;
/// Cost cap for the string an extraction reads.
pub(crate) const MEDIUM: u32 = 9;
/// No cap.
pub(crate) const ANY: u32 = u32::MAX;

/// One argument position of a production.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A bank entry of this type costing at most this much.
    Val(VType, u32),
    /// A token class.
    Tok,
    /// A case mode.
    Case,
    /// A lookup table.
    Table,
    /// A date format.
    DateFmt,
    /// A number format.
    NumFmt,
    /// A `map` body.
    Body,
}

/// Which argument tuples are redundant and skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Symmetry {
    /// Every tuple is tried.
    None,
    /// The first two arguments commute and must differ (`eq(a, a)` is always true).
    CommutativeDistinct,
    /// The first two arguments must differ (`minus(a, a)` is 0).
    Distinct,
    /// The two branches of `if` must differ.
    Branches,
}

/// An operator with its argument slots, result type and cost.
#[derive(Clone, Debug)]
pub(crate) struct Production {
    pub(crate) op: Op,
    pub(crate) cost: u32,
    pub(crate) slots: Vec<Slot>,
    pub(crate) out: VType,
    pub(crate) symmetry: Symmetry,
}

/// The productions and enum-argument domains of one enumeration.
pub(crate) struct Grammar {
    pub(crate) productions: Vec<Production>,
    /// Token classes, indexed by `Arg::Tok`.
    pub(crate) toks: Vec<TokenClass>,
    /// Tables, indexed by `Arg::Table`.
    pub(crate) tables: Vec<TableRef>,
    /// Enum-argument domains by cost: token, case, table, date format, number format, body.
    enum_levels: [Vec<Vec<Arg>>; 6],
}

fn slot_index(slot: Slot) -> Option<usize> {
    match slot {
        Slot::Val(..) => None,
        Slot::Tok => Some(0),
        Slot::Case => Some(1),
        Slot::Table => Some(2),
        Slot::DateFmt => Some(3),
        Slot::NumFmt => Some(4),
        Slot::Body => Some(5),
    }
}

fn put(levels: &mut Vec<Vec<Arg>>, cost: u32, arg: Arg) {
    let c = cost as usize;
    if levels.len() <= c {
        levels.resize_with(c + 1, Vec::new);
    }
    levels[c].push(arg);
}

/// Which operators a grammar offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// The whole language (the main search).
    Main,
    /// String-to-string building blocks for `map` bodies over `w`.
    Body,
}

impl Grammar {
    /// The grammar for the given token classes and tables.
    pub(crate) fn new(
        flavor: Flavor,
        costs: &CostModel,
        toks: &[(TokenClass, u32)],
        tables: &[(TableRef, u32)],
    ) -> Grammar {
        use Slot::*;
        use VType::{Bool as B, Int as I, Str as S};
        let mut enum_levels: [Vec<Vec<Arg>>; 6] = Default::default();
        for (i, (_, c)) in toks.iter().enumerate() {
            put(&mut enum_levels[0], *c, Arg::Tok(i as u16));
        }
        for mode in CaseMode::ALL {
            put(
                &mut enum_levels[1],
                costs.leaf(LeafKind::CaseMode(mode)),
                Arg::Case(mode),
            );
        }
        for (i, (_, c)) in tables.iter().enumerate() {
            put(&mut enum_levels[2], *c, Arg::Table(i as u16));
        }
        let fmt_cost = costs.leaf(LeafKind::Format);
        for f in Format::ALL {
            let slot = if f.kind() == FormatKind::Date { 3 } else { 4 };
            put(&mut enum_levels[slot], fmt_cost, Arg::Fmt(f));
        }

        let p = |op: Op, slots: Vec<Slot>, out: VType, symmetry: Symmetry| Production {
            op,
            cost: costs.op(op),
            slots,
            out,
            symmetry,
        };
        let n = Symmetry::None;
        let mut productions = vec![
            p(Op::Token, vec![Val(S, MEDIUM), Tok, Val(I, ANY)], S, n),
            p(
                Op::Sub,
                vec![Val(S, MEDIUM), Val(I, ANY), Val(I, ANY)],
                S,
                n,
            ),
            p(Op::Case, vec![Val(S, ANY), Case], S, n),
            p(Op::Trim, vec![Val(S, ANY)], S, n),
            p(Op::CharAt, vec![Val(S, MEDIUM), Val(I, ANY)], S, n),
            p(Op::Concat, vec![Val(S, SMALL), Val(S, SMALL)], S, n),
            p(Op::Len, vec![Val(S, ANY)], I, n),
            p(Op::Plus, vec![Val(I, ANY), Val(I, MEDIUM)], I, n),
            p(
                Op::Minus,
                vec![Val(I, ANY), Val(I, MEDIUM)],
                I,
                Symmetry::Distinct,
            ),
            p(Op::ToStr, vec![Val(I, ANY)], S, n),
        ];
        if flavor == Flavor::Main {
            productions.extend([
                p(Op::Start, vec![Val(S, MEDIUM), Tok, Val(I, ANY)], I, n),
                p(Op::End, vec![Val(S, MEDIUM), Tok, Val(I, ANY)], I, n),
                p(
                    Op::Find,
                    vec![Val(S, MEDIUM), Val(S, NEEDLE), Val(I, ANY)],
                    I,
                    n,
                ),
                p(Op::Pos, vec![Val(S, MEDIUM), Tok, Tok, Val(I, ANY)], I, n),
                p(Op::ToInt, vec![Val(S, MEDIUM)], I, n),
                p(
                    Op::Replace,
                    vec![Val(S, ANY), Val(S, NEEDLE), Val(S, NEEDLE)],
                    S,
                    n,
                ),
                p(
                    Op::ReplaceFirst,
                    vec![Val(S, ANY), Val(S, NEEDLE), Val(S, NEEDLE)],
                    S,
                    n,
                ),
                p(
                    Op::PadLeft,
                    vec![Val(S, ANY), Val(I, SMALL), Val(S, SMALL)],
                    S,
                    n,
                ),
                p(
                    Op::Map,
                    vec![Val(S, MEDIUM), Tok, Body, Val(S, SMALL)],
                    S,
                    n,
                ),
                p(Op::Lookup, vec![Table, Val(S, MEDIUM)], S, n),
                p(Op::Date, vec![Val(S, MEDIUM), DateFmt, DateFmt], S, n),
                p(Op::Number, vec![Val(S, MEDIUM), NumFmt], S, n),
                p(Op::Contains, vec![Val(S, ANY), Val(S, NEEDLE)], B, n),
                p(Op::StartsWith, vec![Val(S, ANY), Val(S, NEEDLE)], B, n),
                p(Op::EndsWith, vec![Val(S, ANY), Val(S, NEEDLE)], B, n),
                p(Op::Matches, vec![Val(S, MEDIUM), Tok], B, n),
                p(Op::IsEmpty, vec![Val(S, ANY)], B, n),
                p(
                    Op::Eq,
                    vec![Val(S, MEDIUM), Val(S, MEDIUM)],
                    B,
                    Symmetry::CommutativeDistinct,
                ),
                p(
                    Op::Eq,
                    vec![Val(I, MEDIUM), Val(I, MEDIUM)],
                    B,
                    Symmetry::CommutativeDistinct,
                ),
                p(Op::Not, vec![Val(B, ANY)], B, n),
                p(
                    Op::If,
                    vec![Val(B, ANY), Val(S, ANY), Val(S, ANY)],
                    S,
                    Symmetry::Branches,
                ),
                p(
                    Op::If,
                    vec![Val(B, ANY), Val(I, ANY), Val(I, ANY)],
                    I,
                    Symmetry::Branches,
                ),
                p(
                    Op::If,
                    vec![Val(B, ANY), Val(B, ANY), Val(B, ANY)],
                    B,
                    Symmetry::Branches,
                ),
            ]);
        }
        if tables.is_empty() {
            productions.retain(|p| p.op != Op::Lookup);
        }
        Grammar {
            productions,
            toks: toks.iter().map(|(t, _)| t.clone()).collect(),
            tables: tables.iter().map(|(t, _)| t.clone()).collect(),
            enum_levels,
        }
    }

    /// Makes these body-bank entries (by cost) the domain of `map` bodies; without bodies
    /// `map` is never built.
    pub(crate) fn set_bodies(&mut self, bodies: &[(u32, u32)]) {
        let mut levels = Vec::new();
        for &(id, cost) in bodies {
            put(&mut levels, cost, Arg::Body(id));
        }
        if levels.is_empty() {
            self.productions.retain(|p| p.op != Op::Map);
        }
        self.enum_levels[5] = levels;
    }

    /// How many arguments a slot offers at exactly this cost.
    pub(crate) fn domain_len(&self, slot: Slot, cost: u32, bank: &Bank) -> usize {
        match slot {
            Slot::Val(ty, cap) => {
                if cost > cap {
                    0
                } else {
                    bank.level(ty, cost).len()
                }
            }
            _ => {
                let levels = &self.enum_levels[slot_index(slot).unwrap_or(0)];
                levels.get(cost as usize).map_or(0, Vec::len)
            }
        }
    }

    /// The `i`-th argument a slot offers at this cost.
    pub(crate) fn domain_get(&self, slot: Slot, cost: u32, i: usize, bank: &Bank) -> Arg {
        match slot {
            Slot::Val(ty, _) => Arg::Id(bank.level(ty, cost)[i]),
            _ => self.enum_levels[slot_index(slot).unwrap_or(0)][cost as usize][i],
        }
    }

    /// The cheapest cost at which a slot offers anything, if it ever does (bank slots may
    /// fill later, so they report 1).
    pub(crate) fn min_cost(&self, slot: Slot) -> Option<u32> {
        match slot {
            Slot::Val(..) => Some(1),
            _ => self.enum_levels[slot_index(slot).unwrap_or(0)]
                .iter()
                .position(|l| !l.is_empty())
                .map(|c| c as u32),
        }
    }

    /// The highest cost at which a slot can offer anything.
    pub(crate) fn max_cost(&self, slot: Slot) -> u32 {
        match slot {
            Slot::Val(_, cap) => cap,
            _ => self.enum_levels[slot_index(slot).unwrap_or(0)].len() as u32,
        }
    }
}
