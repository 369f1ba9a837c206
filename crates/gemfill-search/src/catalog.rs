//! Enumeration bookkeeping: what each new bank entry offers the phases that build answers
//! out of entries ([`Catalog`]), and the read-only [`View`] those phases share.
//!
//! An entry may be an answer (right on every example), a partial answer (right on some;
//! the cheapest per set of examples is kept, for conditionals, repair and noise), a piece
//! of the outputs (for the output-splitting graph) or a predicate (an error-free Bool
//! entry; the cheapest per set of examples where it is true is kept, for conditionals).

use std::collections::{BTreeMap, BTreeSet};

use crate::guide::CostModel;
use crate::store::{Store, Targets};
use crate::term::{Term, TermCtx};
use crate::values::{BOOL_ERR, Mask, STR_ERR, VType, Vals};

/// Alternative answers (programs equivalent on the examples to an answer) collected.
const MAX_ALTERNATIVES: usize = 24;

/// What a new entry is to the search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fit {
    /// Right on every example.
    Answer,
    /// Right on this many examples, but not all.
    Partial(usize),
    /// Right on no example, or not of an answer type.
    Nothing,
}

/// The entries the later phases build from.
#[derive(Default)]
pub(crate) struct Catalog {
    /// Str entries whose value is a piece of the output on some examples, with those
    /// examples.
    pub(crate) pieces: Vec<(u32, Mask)>,
    /// How many pieces fit every example...
    pieces_everywhere: usize,
    /// ...and how many did when the graph last looked.
    pieces_at_graph: usize,
    /// The cheapest answer-typed entry (cost, id) per set of examples it gets right.
    pub(crate) partials: BTreeMap<(VType, Mask), (u32, u32)>,
    /// The cheapest error-free Bool entry (cost, id) per set of examples where it is true.
    pub(crate) preds: BTreeMap<Mask, (u32, u32)>,
    /// Entries right on every example.
    answers: BTreeSet<u32>,
    /// Alternative answers collected so far.
    alternatives: usize,
}

impl Catalog {
    /// Files a new entry of `store`'s bank.
    pub(crate) fn note(&mut self, id: u32, store: &Store) -> Fit {
        let targets = &store.targets;
        let n = targets.n_examples;
        let entry = store.en.bank.get(id);
        let cost = entry.cost;
        let vals = &entry.vals;
        if let Vals::Str(v) = vals {
            let mut m = Mask::empty(n);
            let mut nonempty = false;
            for r in 0..n {
                if v[r] == STR_ERR {
                    continue;
                }
                let s = store.strings.get(v[r]);
                if s.is_empty() {
                    m.set(r);
                } else if targets.outputs[r].contains(s) {
                    m.set(r);
                    nonempty = true;
                }
            }
            if nonempty {
                if m == targets.all {
                    self.pieces_everywhere += 1;
                }
                self.pieces.push((id, m));
            }
        }
        if let Vals::Bool(v) = vals
            && v[..n].iter().all(|&b| b != BOOL_ERR)
        {
            let mut m = Mask::empty(n);
            (0..n).filter(|&r| v[r] == 1).for_each(|r| m.set(r));
            if !m.is_empty() && m != targets.all {
                keep_cheapest(self.preds.entry(m), cost, id);
            }
        }
        let Some(m) = targets.pass_mask(vals) else {
            return Fit::Nothing;
        };
        if m == targets.all {
            self.answers.insert(id);
            Fit::Answer
        } else if m.is_empty() {
            Fit::Nothing
        } else {
            let right = m.count();
            keep_cheapest(self.partials.entry((vals.vtype(), m)), cost, id);
            Fit::Partial(right)
        }
    }

    /// Whether a candidate the bank refused as equivalent to entry `twin` is worth
    /// verifying as an alternative answer (counted when it is).
    pub(crate) fn take_alternative(&mut self, twin: u32) -> bool {
        let wanted = self.answers.contains(&twin) && self.alternatives < MAX_ALTERNATIVES;
        self.alternatives += usize::from(wanted);
        wanted
    }

    /// Whether pieces fitting every example appeared since the last call.
    pub(crate) fn take_new_pieces(&mut self) -> bool {
        let new = self.pieces_everywhere != self.pieces_at_graph;
        self.pieces_at_graph = self.pieces_everywhere;
        new
    }

    /// Estimated memory.
    pub(crate) fn bytes(&self) -> usize {
        self.pieces.len() * 40 + (self.partials.len() + self.preds.len()) * 64
    }
}

fn keep_cheapest<K: Ord>(
    slot: std::collections::btree_map::Entry<'_, K, (u32, u32)>,
    cost: u32,
    id: u32,
) {
    let slot = slot.or_insert((cost, id));
    if cost < slot.0 {
        *slot = (cost, id);
    }
}

/// What the phases that assemble answers read: the bank's terms, the catalog, the
/// targets and the costs.
pub(crate) struct View<'s> {
    pub(crate) terms: TermCtx<'s>,
    pub(crate) catalog: &'s Catalog,
    pub(crate) targets: &'s Targets,
    pub(crate) costs: &'s CostModel,
}

impl<'s> View<'s> {
    /// The view of a search's store and catalog.
    pub(crate) fn new(store: &'s Store, catalog: &'s Catalog, costs: &'s CostModel) -> Self {
        View {
            terms: store.terms(),
            catalog,
            targets: &store.targets,
            costs,
        }
    }

    /// Whether a term prints example `r`'s output.
    pub(crate) fn right_on(&self, term: &Term, r: usize) -> bool {
        self.terms.text(term, r).as_deref() == Some(self.targets.outputs[r].as_str())
    }

    /// The examples a term gets right.
    pub(crate) fn term_mask(&self, term: &Term) -> Mask {
        let mut m = Mask::empty(self.targets.n_examples);
        for r in 0..self.targets.n_examples {
            if self.right_on(term, r) {
                m.set(r);
            }
        }
        m
    }

    /// Whether a term has the same value on every row of the search.
    pub(crate) fn is_constant(&self, term: &Term) -> bool {
        let first = self.terms.text(term, 0);
        (1..self.targets.n_rows).all(|r| self.terms.text(term, r) == first)
    }
}
