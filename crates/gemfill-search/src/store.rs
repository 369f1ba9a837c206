//! The enumeration state of one search: the rows and what each example's output asks of a
//! value ([`Targets`]), the main enumerator and its bank, the string pool, the `map`
//! bodies, and the leaves waiting for enumeration to reach their cost ([`Store`]).

use gemfill_dsl::{Expr, TokenClass, Type};

use crate::bank::Inserted;
use crate::enumerate::{Chunk, Enumerator, Env, Space};
use crate::grammar::{Flavor, Grammar};
use crate::guide::{CostModel, LeafKind};
use crate::limits::Budget;
use crate::problem::{Subproblem, parse_int};
use crate::seeds::Seeds;
use crate::term::TermCtx;
use crate::values::{BOOL_ERR, INT_ERR, Interner, Mask, STR_ERR, StrId, VType, Vals};

/// Candidates per enumeration chunk.
pub(crate) const CHUNK: usize = 2048;
/// The highest level the `map` body enumeration reaches...
const BODY_MAX_LEVEL: u32 = 9;
/// ...and the most bodies it keeps.
const BODY_MAX_ENTRIES: usize = 3000;

/// What the examples ask of a program's values.
pub(crate) struct Targets {
    /// How many examples there are (the first rows).
    pub(crate) n_examples: usize,
    /// How many rows values are computed on: the examples, then a few unlabeled rows.
    pub(crate) n_rows: usize,
    /// The expected outputs.
    pub(crate) outputs: Vec<String>,
    /// Every example.
    pub(crate) all: Mask,
    /// The value types an answer may have, by [`VType::index`].
    accept: [bool; 3],
    strs: Vec<StrId>,
    ints: Option<Vec<i64>>,
    bools: Option<Vec<u8>>,
}

impl Targets {
    /// The targets of `outputs` for answers of the `answer` types.
    fn new(outputs: Vec<String>, answer: &[Type], n_rows: usize, strings: &mut Interner) -> Self {
        let mut accept = [false; 3];
        for t in answer {
            if let Some(v) = VType::of(*t) {
                accept[v.index()] = true;
            }
        }
        let strs: Vec<StrId> = outputs.iter().map(|o| strings.intern(o)).collect();
        let ints = accept[VType::Int.index()].then(|| {
            outputs
                .iter()
                .map(|o| parse_int(o).unwrap_or(INT_ERR))
                .collect()
        });
        let bools = accept[VType::Bool.index()].then(|| {
            outputs
                .iter()
                .map(|o| match o.as_str() {
                    "true" => 1,
                    "false" => 0,
                    _ => BOOL_ERR,
                })
                .collect()
        });
        Targets {
            n_examples: outputs.len(),
            n_rows,
            all: Mask::full(outputs.len()),
            outputs,
            accept,
            strs,
            ints,
            bools,
        }
    }

    /// Whether an answer may have values of this type.
    pub(crate) fn accepts(&self, vt: VType) -> bool {
        self.accept[vt.index()]
    }

    /// The set of examples these values get right (when they have an answer type).
    pub(crate) fn pass_mask(&self, vals: &Vals) -> Option<Mask> {
        if !self.accepts(vals.vtype()) {
            return None;
        }
        let mut m = Mask::empty(self.n_examples);
        for r in 0..self.n_examples {
            let ok = match vals {
                Vals::Str(v) => v[r] == self.strs[r],
                Vals::Int(v) => self
                    .ints
                    .as_ref()
                    .is_some_and(|t| t[r] == v[r] && v[r] != INT_ERR),
                Vals::Bool(v) => self
                    .bools
                    .as_ref()
                    .is_some_and(|t| t[r] == v[r] && v[r] != BOOL_ERR),
            };
            if ok {
                m.set(r);
            }
        }
        Some(m)
    }
}

/// A leaf waiting for enumeration to reach its cost.
enum Leaf {
    Str(String),
    Int(i64),
    Bool(bool),
}

/// The main enumeration of one search and what turning its entries into programs needs.
pub(crate) struct Store {
    /// The main enumerator and its bank.
    pub(crate) en: Enumerator,
    /// The string pool of every value.
    pub(crate) strings: Interner,
    /// What the examples ask of a value.
    pub(crate) targets: Targets,
    /// Materialised `map` bodies, by body-bank id.
    bodies: Vec<Option<Expr>>,
    body_bytes: usize,
    /// Leaves not yet in the bank, most expensive first.
    pending: Vec<(u32, Leaf)>,
}

impl Store {
    /// The enumeration over `sub`'s examples for answers of the `answer` types: the `map`
    /// bodies enumerated (spending `budget`), the input columns and the cheapest leaves in
    /// the bank, the other leaves queued. Returns the ids of the entries already in the
    /// bank.
    pub(crate) fn new(
        sub: &Subproblem<'_>,
        answer: &[Type],
        costs: &CostModel,
        seeds: &Seeds,
        budget: &mut Budget,
        pool: Option<&rayon::ThreadPool>,
    ) -> (Store, Vec<u32>) {
        let mut rows: Vec<Vec<String>> = sub.examples.iter().map(|e| e.inputs.clone()).collect();
        rows.extend(sub.search_unlabeled().iter().cloned());
        let outputs: Vec<String> = sub.examples.iter().map(|e| e.output.clone()).collect();
        let longest = rows
            .iter()
            .flatten()
            .chain(outputs.iter())
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0);
        // Interned in a fixed order (inputs by column, outputs, body samples, leaves): ids
        // are what the bank compares and hashes, so the order keeps the search
        // reproducible.
        let mut strings = Interner::default();
        let inputs: Vec<Vec<StrId>> = (0..sub.num_inputs())
            .map(|c| {
                rows.iter()
                    .map(|r| r.get(c).map_or(STR_ERR, |v| strings.intern(v)))
                    .collect()
            })
            .collect();
        let targets = Targets::new(outputs, answer, rows.len(), &mut strings);
        let space = Space {
            n_examples: targets.n_examples,
            n_rows: rows.len(),
            inputs,
            max_str_chars: (4 * longest).max(64),
        };
        let grammar = Grammar::new(Flavor::Main, costs, &seeds.toks, &seeds.tables);
        let mut en = Enumerator::new(grammar, space, false);
        let bodies = MapBodies::enumerate(seeds, longest, costs, &mut strings, sub, budget, pool);
        en.grammar.set_bodies(&bodies.costs);
        let mut store = Store {
            en,
            strings,
            targets,
            bodies: bodies.exprs,
            body_bytes: bodies.bytes,
            pending: Vec::new(),
        };
        let mut new: Vec<u32> = store
            .en
            .seed_vars(costs.leaf(LeafKind::Var))
            .into_iter()
            .filter_map(|(_, ins)| new_id(ins))
            .collect();
        store.queue(seeds, costs);
        new.extend(store.seed_upto(1));
        (store, new)
    }

    /// Queues the leaves; each enters the bank when enumeration reaches its cost, so that
    /// a cheaper program with the same values (`len(x)` for the literal 19 when every
    /// input has 19 characters) is the one kept.
    fn queue(&mut self, seeds: &Seeds, costs: &CostModel) {
        let bc = costs.leaf(LeafKind::BoolConst);
        let mut pending: Vec<(u32, Leaf)> = Vec::new();
        pending.extend(seeds.strs.iter().map(|(s, c)| (*c, Leaf::Str(s.clone()))));
        pending.extend(seeds.ints.iter().map(|(k, c)| (*c, Leaf::Int(*k))));
        pending.push((bc, Leaf::Bool(true)));
        pending.push((bc, Leaf::Bool(false)));
        // Stable: equal costs keep the seeds' order.
        pending.sort_by_key(|(c, _)| *c);
        pending.reverse();
        self.pending = pending;
    }

    /// Inserts the queued leaves costing at most `level`; returns the ids of the new
    /// entries.
    pub(crate) fn seed_upto(&mut self, level: u32) -> Vec<u32> {
        let mut new = Vec::new();
        while self.pending.last().is_some_and(|(c, _)| *c <= level) {
            let Some((c, leaf)) = self.pending.pop() else {
                break;
            };
            let ins = match leaf {
                Leaf::Str(s) => self.en.seed_str(&mut self.strings, &s, c),
                Leaf::Int(k) => self.en.seed_int(k, c),
                Leaf::Bool(b) => self.en.seed_bool(b, c),
            };
            new.extend(new_id(ins));
        }
        new
    }

    /// Generates, evaluates and inserts up to `max` candidates of the current level.
    pub(crate) fn next_chunk(
        &mut self,
        sub: &Subproblem<'_>,
        pool: Option<&rayon::ThreadPool>,
        max: usize,
    ) -> Chunk {
        let env = Env {
            tables: &sub.problem.tables,
            bodies: &self.bodies,
            pool,
        };
        self.en.next_chunk(&mut self.strings, &env, max)
    }

    /// What turns the bank's entries into expressions and values.
    pub(crate) fn terms(&self) -> TermCtx<'_> {
        TermCtx {
            en: &self.en,
            it: &self.strings,
            bodies: &self.bodies,
        }
    }

    /// The level enumeration completed last.
    pub(crate) fn level_done(&self) -> u32 {
        self.en.level.saturating_sub(1)
    }

    /// Estimated memory of the bank, the string pool and the bodies.
    pub(crate) fn bytes(&self) -> usize {
        self.en.bank.bytes() + self.strings.bytes() + self.body_bytes
    }
}

fn new_id(ins: Inserted) -> Option<u32> {
    match ins {
        Inserted::New(id) => Some(id),
        Inserted::Duplicate(_) => None,
    }
}

/// The `map` bodies: a small separate enumeration over `w`, evaluated on sample tokens.
struct MapBodies {
    /// The expression of each body-bank entry (`None` for the non-Str ones).
    exprs: Vec<Option<Expr>>,
    /// The Str bodies and their costs.
    costs: Vec<(u32, u32)>,
    /// Estimated memory of the body bank.
    bytes: usize,
}

impl MapBodies {
    fn enumerate(
        seeds: &Seeds,
        longest: usize,
        costs: &CostModel,
        strings: &mut Interner,
        sub: &Subproblem<'_>,
        budget: &mut Budget,
        pool: Option<&rayon::ThreadPool>,
    ) -> MapBodies {
        let toks: Vec<_> = seeds
            .toks
            .iter()
            .filter(|(t, _)| !matches!(t, TokenClass::Regex(_)))
            .cloned()
            .collect();
        let grammar = Grammar::new(Flavor::Body, costs, &toks, &[]);
        let samples: Vec<StrId> = seeds.samples.iter().map(|s| strings.intern(s)).collect();
        let space = Space {
            n_examples: samples.len(),
            n_rows: samples.len(),
            inputs: vec![samples],
            max_str_chars: (2 * longest).max(32),
        };
        let mut en = Enumerator::new(grammar, space, true);
        en.seed_vars(costs.leaf(LeafKind::Bound));
        for (s, c) in &seeds.body_strs {
            en.seed_str(strings, s, *c);
        }
        for k in [0i64, 1, -1, 2] {
            en.seed_int(k, costs.int_const(k));
        }
        let env = Env {
            tables: &sub.problem.tables,
            bodies: &[],
            pool,
        };
        while en.level <= BODY_MAX_LEVEL
            && en.bank.len() < BODY_MAX_ENTRIES
            && budget.check().is_none()
        {
            let max = budget.candidates_left().min(CHUNK as u64) as usize;
            let chunk = en.next_chunk(strings, &env, max);
            budget.spend(chunk.evaluated);
        }
        let mut body_costs = Vec::new();
        let mut exprs = Vec::new();
        for (id, e) in en.bank.entries.iter().enumerate() {
            if e.vals.vtype() == VType::Str {
                body_costs.push((id as u32, e.cost));
                exprs.push(Some(en.expr(id as u32, strings, &[])));
            } else {
                exprs.push(None);
            }
        }
        MapBodies {
            exprs,
            costs: body_costs,
            bytes: en.bank.bytes(),
        }
    }
}
