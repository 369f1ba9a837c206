//! One search over a set of examples: enumeration, output splitting, conditionals, repair
//! of partial programs and near answers, under the shared budget.
//!
//! [`Search::run`] returns what it found: answers (verified with the interpreter on its
//! examples) and, when there are none, near answers for noise mode. The runner
//! (`crate::runner`) checks them against every example of the caller's problem.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use gemfill_dsl::{CheckContext, Expr, Op, Program, Type};

use crate::bank::Inserted;
use crate::conditional::{self, Branch, Plan, Pred, Settings};
use crate::enumerate::{Enumerator, Env, Space};
use crate::grammar::{Flavor, Grammar};
use crate::graph::{self, Atom};
use crate::guide::{CostModel, LeafKind};
use crate::limits::{Budget, Limits, StopReason};
use crate::problem::{Problem, parse_int};
use crate::rank;
use crate::repair;
use crate::runner::{Phase, Progress, Stats, check_context, noise_threshold};
use crate::seeds::{self, Seeds};
use crate::term::{Term, TermCtx};
use crate::values::{BOOL_ERR, INT_ERR, Interner, Mask, STR_ERR, StrId, VType, Vals};
use crate::verify::{self, Verification};

/// Unlabeled rows the enumeration computes values on (all of them are used for ranking).
const MAX_SEARCH_UNLABELED: usize = 8;
/// Highest enumeration level.
const MAX_LEVEL: u32 = 80;
/// Levels enumerated after the first answer, looking for cheaper or alternative ones.
const SLACK_LEVELS: u32 = 2;
/// After the first answer, enumeration goes on (looking for cheaper ones) for at most this
/// many times the work (candidates times rows) it took to find it...
const AFTER_FOUND_FACTOR: u64 = 3;
/// ...or this much work, whichever is more (about a second).
const AFTER_FOUND_MIN: u64 = 8_000_000;
/// Enumeration goes on after an answer only while it could still find one cheaper by at
/// least this much (closing the last small gap costs the most and changes the least).
const CHEAPER_BY: u32 = 3;
/// Fewest examples of which, with answers found, one is doubted as a mistake: with fewer,
/// an example the others do not explain is as likely a special case as a typo.
const MIN_EXAMPLES_TO_DOUBT: usize = 4;
/// Alternative answers (programs equivalent on the examples to an answer) collected.
const MAX_ALTERNATIVES: usize = 24;
/// Candidates per enumeration chunk.
const CHUNK: usize = 2048;

/// A verified answer (or, in noise mode, near answer).
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub(crate) program: Program,
    pub(crate) expr: Expr,
    pub(crate) cost: u32,
    pub(crate) log_prob: Option<f64>,
    pub(crate) verification: Verification,
}

/// What a search returns.
pub(crate) struct Outcome {
    /// Answers passing every example of the search.
    pub(crate) found: Vec<Found>,
    /// Near answers (noise mode: when there are no answers, or when the answers are
    /// costly enough that a mistaken example may be what they fit).
    pub(crate) near: Vec<Found>,
    /// Why enumeration stopped, when a limit stopped it.
    pub(crate) reason: Option<StopReason>,
    pub(crate) stats: Stats,
    /// The budget, handed back.
    pub(crate) budget: Budget,
}

/// A leaf waiting for enumeration to reach its cost.
enum Leaf {
    Str(String),
    Int(i64),
    Bool(bool),
}

/// The state of one search.
pub(crate) struct Search<'a> {
    problem: &'a Problem,
    limits: &'a Limits,
    costs: CostModel,
    budget: Budget,
    pool: Option<&'a rayon::ThreadPool>,
    it: Interner,
    main: Enumerator,
    bodies: Vec<Option<Expr>>,
    body_bytes: usize,
    rows: Vec<Vec<String>>,
    n_ex: usize,
    answer: Vec<Type>,
    accept: [bool; 3],
    outputs: Vec<String>,
    target_str: Vec<StrId>,
    target_int: Option<Vec<i64>>,
    target_bool: Option<Vec<u8>>,
    ctx: CheckContext,
    full: Mask,
    /// Str entries whose value is a piece of the output on some examples.
    fits: Vec<(u32, Mask)>,
    fits_full: usize,
    fits_full_at_graph: usize,
    /// The cheapest answer-typed entry per set of examples it gets right.
    partials: BTreeMap<(VType, Mask), (u32, u32)>,
    /// The cheapest error-free Bool entry per set of examples where it is true.
    preds: BTreeMap<Mask, (u32, u32)>,
    goal_entries: BTreeSet<u32>,
    found: Vec<Found>,
    near: Vec<Found>,
    tried: HashSet<Expr>,
    alternatives: usize,
    stats: Stats,
    first_found_level: Option<u32>,
    candidates_at_first: Option<u64>,
    /// Candidates evaluated when a near answer (noise mode) first appeared.
    candidates_at_near: Option<u64>,
    best_cost: Option<u32>,
    /// Whether some answer runs without error on the unlabeled rows of the search.
    clean_found: bool,
    new_best: Option<Program>,
    mutation_pool: repair::Pool,
    /// When the running phase must hand over to the next one.
    phase_end: Option<std::time::Instant>,
    /// Leaves not yet in the bank, most expensive first.
    pending: Vec<(u32, Leaf)>,
}

impl<'a> Search<'a> {
    /// A search over `problem`'s examples; `prior` are answers already known (verified
    /// proposals), which bound how long enumeration goes on.
    pub(crate) fn new(
        problem: &'a Problem,
        limits: &'a Limits,
        costs: CostModel,
        budget: Budget,
        pool: Option<&'a rayon::ThreadPool>,
        prior: Vec<Found>,
    ) -> Search<'a> {
        let answer = problem.answer_types();
        let mut accept = [false; 3];
        for t in &answer {
            if let Some(v) = VType::of(*t) {
                accept[v.index()] = true;
            }
        }
        let n_ex = problem.examples.len();
        let ncols = problem.num_inputs();
        let mut rows: Vec<Vec<String>> =
            problem.examples.iter().map(|e| e.inputs.clone()).collect();
        rows.extend(problem.unlabeled.iter().take(MAX_SEARCH_UNLABELED).cloned());
        let outputs: Vec<String> = problem.examples.iter().map(|e| e.output.clone()).collect();
        let longest = rows
            .iter()
            .flatten()
            .chain(outputs.iter())
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0);
        let mut it = Interner::default();
        let inputs: Vec<Vec<StrId>> = (0..ncols)
            .map(|c| {
                rows.iter()
                    .map(|r| r.get(c).map_or(STR_ERR, |v| it.intern(v)))
                    .collect()
            })
            .collect();
        let target_str: Vec<StrId> = outputs.iter().map(|o| it.intern(o)).collect();
        let target_int = accept[VType::Int.index()].then(|| {
            outputs
                .iter()
                .map(|o| parse_int(o).unwrap_or(INT_ERR))
                .collect()
        });
        let target_bool = accept[VType::Bool.index()].then(|| {
            outputs
                .iter()
                .map(|o| match o.as_str() {
                    "true" => 1,
                    "false" => 0,
                    _ => BOOL_ERR,
                })
                .collect()
        });
        let seeds = seeds::seeds(problem, &costs);
        let grammar = Grammar::new(Flavor::Main, &costs, &seeds.toks, &seeds.tables);
        let space = Space {
            n_examples: n_ex,
            n_rows: rows.len(),
            inputs,
            max_str_chars: (4 * longest).max(64),
        };
        let main = Enumerator::new(grammar, space, false);
        let mutation_pool = repair::Pool::from_seeds(&seeds, ncols);
        let ctx = check_context(problem);
        let mut s = Search {
            problem,
            limits,
            costs,
            budget,
            pool,
            it,
            main,
            bodies: Vec::new(),
            body_bytes: 0,
            rows,
            n_ex,
            answer,
            accept,
            outputs,
            target_str,
            target_int,
            target_bool,
            ctx,
            full: Mask::full(n_ex),
            fits: Vec::new(),
            fits_full: 0,
            fits_full_at_graph: 0,
            partials: BTreeMap::new(),
            preds: BTreeMap::new(),
            goal_entries: BTreeSet::new(),
            found: Vec::new(),
            near: Vec::new(),
            tried: HashSet::new(),
            alternatives: 0,
            stats: Stats::default(),
            first_found_level: None,
            candidates_at_first: None,
            candidates_at_near: None,
            best_cost: None,
            clean_found: false,
            new_best: None,
            mutation_pool,
            phase_end: None,
            pending: Vec::new(),
        };
        if !prior.is_empty() {
            s.best_cost = prior.iter().map(|f| f.cost).min();
            s.first_found_level = Some(0);
            s.candidates_at_first = Some(0);
            s.clean_found = true;
            s.tried.extend(prior.iter().map(|f| f.expr.clone()));
            s.found = prior;
        }
        s.build_bodies(&seeds, longest);
        s.seed(&seeds);
        s
    }

    fn tctx(&self) -> TermCtx<'_> {
        TermCtx {
            en: &self.main,
            it: &self.it,
            bodies: &self.bodies,
        }
    }

    fn progress(&mut self, phase: Phase, on_event: &mut dyn FnMut(Progress)) {
        on_event(Progress {
            phase,
            level: self.main.level.saturating_sub(1),
            candidates: self.budget.candidates,
            elapsed: self.budget.elapsed(),
            best: self.new_best.take(),
        });
    }

    fn memory(&mut self) {
        let bytes = self.main.bank.bytes()
            + self.it.bytes()
            + self.body_bytes
            + self.fits.len() * 40
            + (self.partials.len() + self.preds.len()) * 64;
        self.budget.set_memory(bytes);
    }

    /// Enumerates `map` bodies over sample tokens.
    fn build_bodies(&mut self, seeds: &Seeds, longest: usize) {
        let costs = &self.costs;
        let toks: Vec<_> = seeds
            .toks
            .iter()
            .filter(|(t, _)| !matches!(t, gemfill_dsl::TokenClass::Regex(_)))
            .cloned()
            .collect();
        let grammar = Grammar::new(Flavor::Body, costs, &toks, &[]);
        let samples: Vec<StrId> = seeds.samples.iter().map(|s| self.it.intern(s)).collect();
        let space = Space {
            n_examples: samples.len(),
            n_rows: samples.len(),
            inputs: vec![samples],
            max_str_chars: (2 * longest).max(32),
        };
        let mut en = Enumerator::new(grammar, space, true);
        en.seed_vars(costs.leaf(LeafKind::Bound));
        for (s, c) in &seeds.body_strs {
            en.seed_str(&mut self.it, s, *c);
        }
        for k in [0i64, 1, -1, 2] {
            en.seed_int(k, costs.int_const(k));
        }
        let env = Env {
            tables: &self.problem.tables,
            bodies: &[],
            pool: self.pool,
        };
        while en.level <= 9 && en.bank.len() < 3000 && self.budget.check().is_none() {
            let max = self.budget.candidates_left().min(CHUNK as u64) as usize;
            let chunk = en.next_chunk(&mut self.it, &env, max);
            self.budget.spend(chunk.evaluated);
        }
        let mut list = Vec::new();
        let mut bodies = Vec::new();
        for (id, e) in en.bank.entries.iter().enumerate() {
            if e.vals.vtype() == VType::Str {
                list.push((id as u32, e.cost));
                bodies.push(Some(en.expr(id as u32, &self.it, &[])));
            } else {
                bodies.push(None);
            }
        }
        self.body_bytes = en.bank.bytes();
        self.bodies = bodies;
        self.main.grammar.set_bodies(&list);
    }

    /// Queues the leaves; each enters the bank when enumeration reaches its cost, so that
    /// a cheaper program with the same values (`len(x)` for the literal 19 when every
    /// input has 19 characters) is the one kept.
    fn seed(&mut self, seeds: &Seeds) {
        for (_, ins) in self.main.seed_vars(self.costs.leaf(LeafKind::Var)) {
            if let Inserted::New(id) = ins {
                self.note_new(id);
            }
        }
        let bc = self.costs.leaf(LeafKind::BoolConst);
        let mut pending: Vec<(u32, Leaf)> = Vec::new();
        pending.extend(seeds.strs.iter().map(|(s, c)| (*c, Leaf::Str(s.clone()))));
        pending.extend(seeds.ints.iter().map(|(k, c)| (*c, Leaf::Int(*k))));
        pending.push((bc, Leaf::Bool(true)));
        pending.push((bc, Leaf::Bool(false)));
        // Stable: equal costs keep the seeds' order.
        pending.sort_by_key(|(c, _)| *c);
        pending.reverse();
        self.pending = pending;
        self.seed_upto(1);
    }

    /// Inserts the queued leaves costing at most `level`.
    fn seed_upto(&mut self, level: u32) {
        while self.pending.last().is_some_and(|(c, _)| *c <= level) {
            let Some((c, leaf)) = self.pending.pop() else {
                break;
            };
            let ins = match leaf {
                Leaf::Str(s) => self.main.seed_str(&mut self.it, &s, c),
                Leaf::Int(k) => self.main.seed_int(k, c),
                Leaf::Bool(b) => self.main.seed_bool(b, c),
            };
            if let Inserted::New(id) = ins {
                self.note_new(id);
            }
        }
    }

    /// The set of examples an entry gets right (if it has an answer type).
    fn pass_mask(&self, vals: &Vals) -> Option<Mask> {
        if !self.accept[vals.vtype().index()] {
            return None;
        }
        let mut m = Mask::empty(self.n_ex);
        for r in 0..self.n_ex {
            let ok = match vals {
                Vals::Str(v) => v[r] == self.target_str[r],
                Vals::Int(v) => self
                    .target_int
                    .as_ref()
                    .is_some_and(|t| t[r] == v[r] && v[r] != INT_ERR),
                Vals::Bool(v) => self
                    .target_bool
                    .as_ref()
                    .is_some_and(|t| t[r] == v[r] && v[r] != BOOL_ERR),
            };
            if ok {
                m.set(r);
            }
        }
        Some(m)
    }

    /// Bookkeeping for a new bank entry: answers, partial answers, graph pieces, conditions.
    fn note_new(&mut self, id: u32) {
        let entry = self.main.bank.get(id);
        let cost = entry.cost;
        let vals = entry.vals.clone();
        if let Vals::Str(v) = &vals {
            let mut m = Mask::empty(self.n_ex);
            let mut nonempty = false;
            for r in 0..self.n_ex {
                if v[r] == STR_ERR {
                    continue;
                }
                let s = self.it.get(v[r]);
                if s.is_empty() {
                    m.set(r);
                } else if self.outputs[r].contains(s) {
                    m.set(r);
                    nonempty = true;
                }
            }
            if nonempty {
                if m == self.full {
                    self.fits_full += 1;
                }
                self.fits.push((id, m));
            }
        }
        if let Vals::Bool(v) = &vals
            && v[..self.n_ex].iter().all(|&b| b != BOOL_ERR)
        {
            let mut m = Mask::empty(self.n_ex);
            (0..self.n_ex).filter(|&r| v[r] == 1).for_each(|r| m.set(r));
            if !m.is_empty() && m != self.full {
                let slot = self.preds.entry(m).or_insert((cost, id));
                if cost < slot.0 {
                    *slot = (cost, id);
                }
            }
        }
        if let Some(m) = self.pass_mask(&vals) {
            if m == self.full {
                self.goal_entries.insert(id);
                self.record(Term::Entry(id), cost, None);
            } else if !m.is_empty() {
                if self.limits.noise_tolerance
                    && self.n_ex >= 3
                    && m.count() >= noise_threshold(self.n_ex)
                    && self.candidates_at_near.is_none()
                {
                    self.candidates_at_near = Some(self.budget.candidates);
                }
                let slot = self.partials.entry((vals.vtype(), m)).or_insert((cost, id));
                if cost < slot.0 {
                    *slot = (cost, id);
                }
            }
        }
    }

    /// Verifies a candidate answer with the interpreter and keeps it if it passes.
    fn record(&mut self, term: Term, cost: u32, log_prob: Option<f64>) -> bool {
        let expr = self.tctx().expr(&term);
        self.record_expr(expr, cost, log_prob)
    }

    fn record_expr(&mut self, expr: Expr, cost: u32, log_prob: Option<f64>) -> bool {
        if !self.tried.insert(expr.clone()) || roundabout(&expr) {
            return false;
        }
        self.stats.verified += 1;
        let Some((program, verification)) = verify::check_and_verify(
            &expr,
            &self.ctx,
            &self.answer,
            &self.problem.examples,
            &self.problem.tables,
        ) else {
            return false;
        };
        if !verification.all_passed() {
            return false;
        }
        if self.best_cost.is_none_or(|b| cost < b) {
            self.best_cost = Some(cost);
            self.new_best = Some(program.clone());
        }
        if !self.clean_found {
            self.clean_found = self
                .problem
                .unlabeled
                .iter()
                .take(MAX_SEARCH_UNLABELED)
                .all(|row| {
                    let row: Vec<&str> = row.iter().map(String::as_str).collect();
                    program.run(&row, &self.problem.tables).is_ok()
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

    /// Runs the phases and returns what was found.
    pub(crate) fn run(mut self, on_event: &mut dyn FnMut(Progress)) -> Outcome {
        let reason = self.enumerate(on_event);
        if self.found.is_empty() && self.budget.hard_stop().is_none() {
            // The final conditional search may take most, not all, of what is left: noise
            // mode needs a moment after it.
            self.phase_end = self.budget.deadline_share(0.6);
            self.conditional(true);
            self.phase_end = None;
            self.progress(Phase::Conditional, on_event);
        }
        if self.found.is_empty() && self.budget.hard_stop().is_none() {
            self.repair_partials();
            self.progress(Phase::Repair, on_event);
        }
        if self.limits.noise_tolerance && self.budget.hard_stop().is_none() {
            // With answers in hand, near answers still matter when the answers are so much
            // costlier that they probably memorise a mistaken example (see
            // `rank::CONTRADICTION_BITS`).
            let suspicious = self.n_ex >= MIN_EXAMPLES_TO_DOUBT
                && self.best_cost.is_some_and(|c| c > rank::CONTRADICTION_BITS);
            if self.found.is_empty() || suspicious {
                self.noise();
                self.progress(Phase::Noise, on_event);
            }
        }
        self.memory();
        self.stats.levels = self.main.level.saturating_sub(1);
        self.stats.bank_entries = self.main.bank.len();
        Outcome {
            found: self.found,
            near: self.near,
            reason,
            stats: self.stats,
            budget: self.budget,
        }
    }

    /// The enumeration loop; returns why it stopped when a limit stopped it.
    fn enumerate(&mut self, on_event: &mut dyn FnMut(Progress)) -> Option<StopReason> {
        let reserve = self.limits.deadline.is_some();
        loop {
            self.memory();
            if let Some(r) = self.budget.check() {
                return Some(r);
            }
            if self.main.level > MAX_LEVEL {
                return Some(StopReason::Exhausted);
            }
            if reserve && self.found.is_empty() && self.budget.time_fraction() > 0.75 {
                return Some(StopReason::Deadline);
            }
            self.seed_upto(self.main.level);
            let max = (self.budget.candidates_left().min(CHUNK as u64)) as usize;
            let env = Env {
                tables: &self.problem.tables,
                bodies: &self.bodies,
                pool: self.pool,
            };
            let chunk = self.main.next_chunk(&mut self.it, &env, max);
            self.budget.spend(chunk.evaluated);
            for (cand, cost, ins) in chunk.results {
                match ins {
                    Inserted::New(id) => self.note_new(id),
                    Inserted::Duplicate(d) => {
                        if self.goal_entries.contains(&d) && self.alternatives < MAX_ALTERNATIVES {
                            self.alternatives += 1;
                            self.record(Term::Alt(cand, d), cost, None);
                        }
                    }
                }
            }
            if !chunk.level_done {
                continue;
            }
            let level = self.main.level - 1;
            self.stats.levels = level;
            self.graph_all();
            // Conditionals are tried while nothing passes, and again while the best
            // answer is much more expensive than what enumeration reaches (it is probably
            // itself a conditional or a long concatenation that new pieces may shorten).
            let expensive = self.best_cost.is_none_or(|b| b > level + 6);
            if expensive && level >= 7 && level % 2 == 1 {
                // A bounded share of the time left, so that enumeration goes on.
                self.phase_end = self.budget.deadline_share(0.15);
                self.conditional(false);
                self.phase_end = None;
            }
            self.progress(Phase::Enumeration, on_event);
            if !self.found.is_empty() {
                let first = *self.first_found_level.get_or_insert(level);
                let at_first = *self
                    .candidates_at_first
                    .get_or_insert(self.budget.candidates);
                let best = self.best_cost.unwrap_or(0);
                // Enumeration can still find a cheaper answer below the best cost, or one
                // that also works on the unlabeled rows; give it a candidate budget
                // proportional to what finding the first answer took (deterministic,
                // unlike a time share).
                let cheaper_possible = level + CHEAPER_BY <= best || !self.clean_found;
                let rows = self.rows.len().max(1) as u64;
                let spent = self.budget.candidates.saturating_sub(at_first) * rows;
                let cap = (AFTER_FOUND_FACTOR * at_first * rows).max(AFTER_FOUND_MIN);
                if level >= first + SLACK_LEVELS && (!cheaper_possible || spent >= cap) {
                    return None;
                }
            } else if let Some(at_near) = self.candidates_at_near {
                // Noise mode with a near answer in hand: an exact answer gets the same
                // bounded chance, then the final phases judge.
                let rows = self.rows.len().max(1) as u64;
                let spent = self.budget.candidates.saturating_sub(at_near) * rows;
                if spent >= (AFTER_FOUND_FACTOR * at_near * rows).max(AFTER_FOUND_MIN) {
                    return None;
                }
            }
        }
    }

    fn stop_fn(&self) -> impl Fn() -> bool + '_ {
        move || self.stopping()
    }

    /// Whether the current phase must end (a hard limit, or the phase's time share).
    fn stopping(&self) -> bool {
        self.budget.hard_stop().is_some()
            || self
                .phase_end
                .is_some_and(|end| std::time::Instant::now() >= end)
    }

    /// Output-splitting graph over all examples, when new pieces appeared.
    fn graph_all(&mut self) {
        if !self.accept[VType::Str.index()] || self.fits_full == self.fits_full_at_graph {
            return;
        }
        self.fits_full_at_graph = self.fits_full;
        let full = self.full.clone();
        if let Some((term, cost)) = self.graph_on(&full, 20_000) {
            self.record(term, cost, None);
        }
    }

    /// The cheapest concatenation producing the outputs of the examples in `subset`.
    fn graph_on(&mut self, subset: &Mask, max_nodes: usize) -> Option<(Term, u32)> {
        self.stats.graph_searches += 1;
        let rows: Vec<usize> = subset.iter().collect();
        let outputs: Vec<&str> = rows.iter().map(|&r| self.outputs[r].as_str()).collect();
        let mut pieces: Vec<Term> = Vec::new();
        let mut atoms: Vec<Atom<'_>> = Vec::new();
        for (id, m) in &self.fits {
            if !m.contains_all(subset) {
                continue;
            }
            let e = self.main.bank.get(*id);
            let v = e.vals.strs();
            atoms.push(Atom {
                cost: e.cost,
                values: rows.iter().map(|&r| self.it.get(v[r])).collect(),
            });
            pieces.push(Term::Entry(*id));
        }
        let consts = graph_constants(&outputs);
        for c in &consts {
            atoms.push(Atom {
                cost: self.costs.str_const(c, false),
                values: vec![c.as_str(); rows.len()],
            });
        }
        let stop = || self.stopping();
        let path = graph::cheapest_concat(
            &outputs,
            &atoms,
            self.costs.op(Op::Concat),
            max_nodes,
            &stop,
        )?;
        let n_entries = pieces.len();
        let parts: Vec<Term> = path
            .atoms
            .iter()
            .map(|&a| {
                if a < n_entries {
                    pieces[a].clone()
                } else {
                    Term::Const(consts[a - n_entries].clone())
                }
            })
            .collect();
        let term = if parts.len() == 1 {
            parts.into_iter().next()?
        } else {
            Term::Concat(parts)
        };
        Some((term, path.cost))
    }

    /// The examples a term gets right.
    fn term_mask(&self, term: &Term) -> Mask {
        let t = self.tctx();
        let mut m = Mask::empty(self.n_ex);
        for r in 0..self.n_ex {
            if t.text(term, r).as_deref() == Some(self.outputs[r].as_str()) {
                m.set(r);
            }
        }
        m
    }

    /// Whether a term has the same value on every row of the search.
    fn is_constant(&self, term: &Term) -> bool {
        let t = self.tctx();
        let first = t.text(term, 0);
        (1..self.rows.len()).all(|r| t.text(term, r) == first)
    }

    /// Tries to cover the examples with a decision list.
    fn conditional(&mut self, final_round: bool) {
        if self.n_ex < 2 {
            return;
        }
        self.stats.conditional_searches += 1;
        let mut preds: Vec<(u32, u32, Mask)> = self
            .preds
            .iter()
            .map(|(m, &(c, id))| (c, id, m.clone()))
            .collect();
        preds.sort_by_key(|(c, id, _)| (*c, *id));
        preds.truncate(if final_round { 400 } else { 150 });
        let min_group = if self.limits.noise_tolerance && self.n_ex >= 5 {
            2
        } else {
            1
        };
        for vt in VType::ALL {
            if !self.accept[vt.index()] || self.stopping() {
                continue;
            }
            let mut branches: Vec<(Term, u32, Mask)> = self
                .partials
                .iter()
                .filter(|((t, _), _)| *t == vt)
                .map(|((_, m), &(c, id))| (Term::Entry(id), c, m.clone()))
                .collect();
            if vt == VType::Str {
                branches.extend(self.graph_branches(&preds, final_round));
            }
            // A literal that covers a single example memorises it rather than explains it.
            if self.n_ex >= 3 {
                branches.retain(|(t, _, m)| m.count() >= 2 || !self.is_constant(t));
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
            let settings = Settings {
                if_cost: self.costs.op(Op::If),
                min_group,
                max_depth: if final_round { 4 } else { 3 },
                beam: 3,
            };
            let plan = {
                let stop = self.stop_fn();
                conditional::build(&self.full, &b, &p, &settings, &stop)
            };
            if let Some((plan, cost)) = plan {
                let term = plan_term(&plan, &branches, &preds);
                self.record(term, cost, None);
            }
        }
    }

    /// Concatenations covering the groups of examples that cheap predicates separate, and
    /// greedy clusters of examples sharing one concatenation.
    fn graph_branches(
        &mut self,
        preds: &[(u32, u32, Mask)],
        final_round: bool,
    ) -> Vec<(Term, u32, Mask)> {
        let mut subsets: BTreeSet<Mask> = BTreeSet::new();
        for (_, _, m) in preds.iter().take(if final_round { 60 } else { 20 }) {
            subsets.insert(m.clone());
            subsets.insert(self.full.minus(m));
        }
        let mut out = Vec::new();
        let mut done: BTreeSet<Mask> = BTreeSet::new();
        for s in &subsets {
            if self.stopping() {
                return out;
            }
            if let Some((term, cost)) = self.graph_on(s, 5_000) {
                let mask = self.term_mask(&term);
                out.push((term, cost, mask));
            }
            done.insert(s.clone());
        }
        // Greedy clusters: grow a group while one concatenation still covers it.
        if self.n_ex <= 16 {
            let mut remaining = self.full.clone();
            loop {
                let Some(first) = remaining.iter().next() else {
                    break;
                };
                if self.stopping() {
                    break;
                }
                let mut group = Mask::empty(self.n_ex);
                group.set(first);
                let mut best = self.graph_on(&group, 5_000);
                for e in remaining.iter().skip(1).collect::<Vec<_>>() {
                    let mut bigger = group.clone();
                    bigger.set(e);
                    if let Some(found) = self.graph_on(&bigger, 5_000) {
                        group = bigger;
                        best = Some(found);
                    }
                }
                remaining = remaining.minus(&group);
                if let Some((term, cost)) = best
                    && !done.contains(&group)
                {
                    let mask = self.term_mask(&term);
                    out.push((term, cost, mask));
                }
            }
        }
        out
    }

    /// Tries the mutants of each near miss.
    fn repair(&mut self, near: &[(Expr, Option<f64>, usize)]) {
        for (expr, lp, _) in near {
            if self.budget.hard_stop().is_some() {
                return;
            }
            let mutants = repair::mutations(expr, &self.mutation_pool, 600);
            self.stats.repairs += mutants.len();
            let results = verify::check_and_verify_all(
                &mutants,
                &self.ctx,
                &self.answer,
                &self.problem.examples,
                &self.problem.tables,
                self.pool,
            );
            for (m, r) in mutants.into_iter().zip(results) {
                if r.is_some_and(|(_, v)| v.all_passed()) {
                    let cost = self.costs.expr(&m);
                    // A repaired program is a little less likely than the model thought.
                    self.record_expr(m, cost, lp.map(|l| l - 1.0));
                }
            }
        }
    }

    /// Repairs the partial programs that pass the most examples.
    fn repair_partials(&mut self) {
        let mut best: Vec<(usize, u32, u32)> = self
            .partials
            .iter()
            .map(|((_, m), &(c, id))| (m.count(), c, id))
            .filter(|(n, _, _)| 2 * n >= self.n_ex)
            .collect();
        best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        best.truncate(5);
        let near: Vec<(Expr, Option<f64>, usize)> = best
            .iter()
            .map(|&(n, _, id)| (self.tctx().expr(&Term::Entry(id)), None, n))
            .collect();
        self.repair(&near);
    }

    /// Noise mode: programs passing most examples, with the others flagged.
    fn noise(&mut self) {
        let n = self.n_ex;
        if n < 3 {
            return;
        }
        // A majority, and at most a third contradicted.
        let need = noise_threshold(n);
        let mut cands: Vec<(Term, u32)> = self
            .partials
            .iter()
            .filter(|((_, m), _)| m.count() >= need)
            .map(|(_, &(c, id))| (Term::Entry(id), c))
            .collect();
        if self.accept[VType::Str.index()] {
            // Grow a group of examples that one concatenation explains, example by
            // example, from a few different starting points; a group reaching the
            // threshold names the examples outside it as suspects.
            for start in 0..n.min(3) {
                if self.budget.hard_stop().is_some() {
                    break;
                }
                let mut group = Mask::empty(n);
                group.set(start);
                let Some(mut best) = self.graph_on(&group, 5_000) else {
                    continue;
                };
                for e in (start + 1..n).chain(0..start) {
                    if self.budget.hard_stop().is_some() {
                        break;
                    }
                    if self.tctx().text(&best.0, e).as_deref() == Some(self.outputs[e].as_str()) {
                        group.set(e);
                        continue;
                    }
                    let mut bigger = group.clone();
                    bigger.set(e);
                    if let Some(found) = self.graph_on(&bigger, 5_000) {
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
            let expr = self.tctx().expr(&term);
            if !self.tried.insert(expr.clone()) {
                continue;
            }
            self.stats.verified += 1;
            let Some((program, v)) = verify::check_and_verify(
                &expr,
                &self.ctx,
                &self.answer,
                &self.problem.examples,
                &self.problem.tables,
            ) else {
                continue;
            };
            if v.passed >= need {
                self.near.push(Found {
                    program,
                    expr,
                    cost,
                    log_prob: None,
                    verification: v,
                });
            }
        }
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

/// The term of a decision list.
fn plan_term(plan: &Plan, branches: &[(Term, u32, Mask)], preds: &[(u32, u32, Mask)]) -> Term {
    match plan {
        Plan::Leaf(b) => branches[*b].0.clone(),
        Plan::If(p, then, els) => Term::If(
            preds[*p].1,
            Box::new(plan_term(then, branches, preds)),
            Box::new(plan_term(els, branches, preds)),
        ),
    }
}

/// Literal pieces for the output-splitting graph: every piece (up to 40 characters) of the
/// first output that occurs in all of them.
fn graph_constants(outputs: &[&str]) -> Vec<String> {
    let Some(first) = outputs.first() else {
        return Vec::new();
    };
    let idx: Vec<usize> = first
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(first.len()))
        .collect();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for i in 0..idx.len().saturating_sub(1) {
        for j in i + 1..idx.len().min(i + 41) {
            let piece = &first[idx[i]..idx[j]];
            if !outputs[1..].iter().all(|o| o.contains(piece)) {
                break;
            }
            seen.insert(piece);
        }
    }
    seen.into_iter().map(str::to_string).collect()
}
