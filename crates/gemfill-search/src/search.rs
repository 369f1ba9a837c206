//! One search over a set of examples: enumeration by cost, with the output-splitting graph
//! after every level and conditionals while nothing passes; then, still nothing, a final
//! conditional search and repair of the best partial answers; in noise mode, near answers.
//!
//! [`Search`] holds the state and runs the phases in order, each a module of its own
//! (`store` and `catalog` for the enumeration and its bookkeeping, `split`, `conditional`,
//! `repair`, `noise`); every phase charges the shared budget, and [`Search::run`] reports
//! why enumeration stopped when a limit stopped it. The runner (module `runner`) checks
//! the answers against every example of the caller's problem.

use std::time::Instant;

use crate::answers::{Answers, Found};
use crate::bank::Inserted;
use crate::catalog::{Catalog, Fit, View};
use crate::conditional;
use crate::guide::CostModel;
use crate::limits::{Budget, Limits, StopReason};
use crate::noise::{self, noise_threshold};
use crate::problem::Subproblem;
use crate::progress::{Phase, Progress, Stats};
use crate::rank;
use crate::repair;
use crate::seeds::Seeds;
use crate::split;
use crate::store::{CHUNK, Store};
use crate::term::Term;
use crate::values::VType;
use crate::verify::Checker;

/// Highest enumeration level.
const MAX_LEVEL: u32 = 80;
/// Fewest examples of which, with answers found, one is doubted as a mistake: with fewer,
/// an example the others do not explain is as likely a special case as a typo.
const MIN_EXAMPLES_TO_DOUBT: usize = 4;
/// The largest product graph of a concatenation covering every example.
const GRAPH_NODES: usize = 20_000;
/// Without an answer, enumeration stops at this fraction of the deadline: the rest is for
/// the final phases.
const RESERVE_FROM: f64 = 0.75;
/// Share of the time left that a conditional search during enumeration may take...
const LEVEL_CONDITIONAL_SHARE: f64 = 0.15;
/// ...and the final one (noise mode needs a moment after it).
const FINAL_CONDITIONAL_SHARE: f64 = 0.6;

/// What a search returns.
pub(crate) struct Outcome {
    /// Answers passing every example of the search.
    pub(crate) found: Vec<Found>,
    /// Near answers (noise mode: when there are no answers, or when the answers are
    /// costly enough that a mistaken example may be what they fit).
    pub(crate) near: Vec<Found>,
    /// Why enumeration stopped, when a limit stopped it.
    pub(crate) reason: Option<StopReason>,
    /// Its counters.
    pub(crate) stats: Stats,
}

/// The state of one search.
pub(crate) struct Search<'a> {
    sub: &'a Subproblem<'a>,
    limits: &'a Limits,
    costs: &'a CostModel,
    budget: &'a mut Budget,
    pool: Option<&'a rayon::ThreadPool>,
    /// The enumeration.
    store: Store,
    /// What its entries offer the other phases.
    catalog: Catalog,
    answers: Answers<'a>,
    /// When enumeration has had enough after a first (near) answer.
    patience: Patience,
    mutation_pool: repair::Pool,
    /// When the running phase must hand over to the next one.
    phase_end: Option<Instant>,
    stats: Stats,
}

impl<'a> Search<'a> {
    /// A search over `sub`'s examples, starting from `seeds` (which are `sub`'s).
    pub(crate) fn new(
        sub: &'a Subproblem<'a>,
        limits: &'a Limits,
        costs: &'a CostModel,
        seeds: &Seeds,
        budget: &'a mut Budget,
        pool: Option<&'a rayon::ThreadPool>,
    ) -> Search<'a> {
        let answers = Answers::new(sub, Checker::new(sub, pool));
        let (store, seeded) = Store::new(
            sub,
            answers.checker().answer_types(),
            costs,
            seeds,
            budget,
            pool,
        );
        let mut search = Search {
            sub,
            limits,
            costs,
            budget,
            pool,
            store,
            catalog: Catalog::default(),
            answers,
            patience: Patience::default(),
            mutation_pool: repair::Pool::from_seeds(seeds, sub.num_inputs()),
            phase_end: None,
            stats: Stats::default(),
        };
        for id in seeded {
            search.note(id);
        }
        search
    }

    /// Runs the phases and returns what was found.
    pub(crate) fn run(mut self, on_event: &mut dyn FnMut(Progress)) -> Outcome {
        let reason = self.enumerate(on_event);
        if self.answers.found.is_empty() && self.budget.hard_stop().is_none() {
            self.phase_end = self.budget.deadline_share(FINAL_CONDITIONAL_SHARE);
            self.conditionals(true);
            self.phase_end = None;
            self.progress(Phase::Conditional, on_event);
        }
        if self.answers.found.is_empty() && self.budget.hard_stop().is_none() {
            self.repair_partials();
            self.progress(Phase::Repair, on_event);
        }
        if self.limits.noise_tolerance && self.budget.hard_stop().is_none() {
            // With answers in hand, near answers still matter when the answers are so much
            // costlier that they probably memorise a mistaken example (see
            // `rank::CONTRADICTION_BITS`).
            let suspicious = self.store.targets.n_examples >= MIN_EXAMPLES_TO_DOUBT
                && self
                    .answers
                    .best_cost
                    .is_some_and(|c| c > rank::CONTRADICTION_BITS);
            if self.answers.found.is_empty() || suspicious {
                let view = View::new(&self.store, &self.catalog, self.costs);
                let stop = || stopping(self.budget, self.phase_end);
                noise::near_answers(&view, &mut self.answers, &mut self.stats, &stop);
                self.progress(Phase::Noise, on_event);
            }
        }
        self.measure_memory();
        self.stats.levels = self.store.level_done();
        self.stats.bank_entries = self.store.en.bank.len();
        self.stats.verified += self.answers.verified;
        Outcome {
            found: self.answers.found,
            near: self.answers.near,
            reason,
            stats: self.stats,
        }
    }

    /// The enumeration loop; returns why it stopped when a limit stopped it.
    fn enumerate(&mut self, on_event: &mut dyn FnMut(Progress)) -> Option<StopReason> {
        let reserve = self.limits.deadline.is_some();
        loop {
            self.measure_memory();
            if let Some(r) = self.budget.check() {
                return Some(r);
            }
            if self.store.en.level > MAX_LEVEL {
                return Some(StopReason::Exhausted);
            }
            if reserve
                && self.answers.found.is_empty()
                && self.budget.time_fraction() > RESERVE_FROM
            {
                return Some(StopReason::Deadline);
            }
            for id in self.store.seed_upto(self.store.en.level) {
                self.note(id);
            }
            let max = self.budget.candidates_left().min(CHUNK as u64) as usize;
            let chunk = self.store.next_chunk(self.sub, self.pool, max);
            self.budget.spend(chunk.evaluated);
            for (cand, cost, ins) in chunk.results {
                match ins {
                    Inserted::New(id) => self.note(id),
                    Inserted::Duplicate(twin) => {
                        if self.catalog.take_alternative(twin) {
                            self.record(&Term::Alt(cand, twin), cost);
                        }
                    }
                }
            }
            if !chunk.level_done {
                continue;
            }
            let level = self.store.level_done();
            self.stats.levels = level;
            self.split_all();
            // Conditionals are tried while nothing passes, and again while the best
            // answer is much more expensive than what enumeration reaches (it is probably
            // itself a conditional or a long concatenation that new pieces may shorten).
            let expensive = self.answers.best_cost.is_none_or(|b| b > level + 6);
            if expensive && level >= 7 && level % 2 == 1 {
                // A bounded share of the time left, so that enumeration goes on.
                self.phase_end = self.budget.deadline_share(LEVEL_CONDITIONAL_SHARE);
                self.conditionals(false);
                self.phase_end = None;
            }
            self.progress(Phase::Enumeration, on_event);
            let rows = self.store.targets.n_rows;
            if self
                .patience
                .exhausted(level, &self.answers, self.budget.candidates, rows)
            {
                return None;
            }
        }
    }

    /// Files a new bank entry; verifies it when it is right on every example.
    fn note(&mut self, id: u32) {
        match self.catalog.note(id, &self.store) {
            Fit::Answer => {
                self.record(&Term::Entry(id), self.store.en.bank.get(id).cost);
            }
            Fit::Partial(right) => {
                let n = self.store.targets.n_examples;
                if self.limits.noise_tolerance && n >= 3 && right >= noise_threshold(n) {
                    self.patience.near_answer_at(self.budget.candidates);
                }
            }
            Fit::Nothing => {}
        }
    }

    /// Verifies a candidate answer and keeps it if it passes.
    fn record(&mut self, term: &Term, cost: u32) {
        let expr = self.store.terms().expr(term);
        self.answers.record(expr, cost, None);
    }

    /// The output-splitting graph over every example, when new pieces appeared.
    fn split_all(&mut self) {
        if !self.store.targets.accepts(VType::Str) || !self.catalog.take_new_pieces() {
            return;
        }
        let view = View::new(&self.store, &self.catalog, self.costs);
        let stop = || stopping(self.budget, self.phase_end);
        let all = &self.store.targets.all;
        if let Some((term, cost)) =
            split::cheapest_concat(&view, all, GRAPH_NODES, &mut self.stats, &stop)
        {
            self.answers.record(view.terms.expr(&term), cost, None);
        }
    }

    /// Tries to cover the examples with decision lists.
    fn conditionals(&mut self, final_round: bool) {
        let view = View::new(&self.store, &self.catalog, self.costs);
        let stop = || stopping(self.budget, self.phase_end);
        let noise_tolerance = self.limits.noise_tolerance;
        let lists = conditional::decision_lists(
            &view,
            final_round,
            noise_tolerance,
            &mut self.stats,
            &stop,
        );
        for (term, cost) in lists {
            self.answers.record(view.terms.expr(&term), cost, None);
        }
    }

    /// Repairs the partial answers that pass the most examples.
    fn repair_partials(&mut self) {
        let near = repair::best_partials(&View::new(&self.store, &self.catalog, self.costs));
        let repaired = repair::repair_near_misses(
            near,
            &self.mutation_pool,
            self.answers.checker(),
            self.budget,
            &mut self.stats.repairs,
            &mut |_| true,
        );
        for r in repaired {
            let cost = self.costs.expr(&r.expr);
            self.answers.record(r.expr, cost, r.log_prob);
        }
    }

    fn progress(&mut self, phase: Phase, on_event: &mut dyn FnMut(Progress)) {
        on_event(Progress {
            phase,
            level: self.store.level_done(),
            candidates: self.budget.candidates,
            elapsed: self.budget.elapsed(),
            best: self.answers.take_new_best(),
        });
    }

    fn measure_memory(&mut self) {
        self.budget
            .set_memory(self.store.bytes() + self.catalog.bytes());
    }
}

/// Whether the current phase must end: a hard limit, or the end of the phase's time
/// share.
fn stopping(budget: &Budget, phase_end: Option<Instant>) -> bool {
    budget.hard_stop().is_some() || phase_end.is_some_and(|end| Instant::now() >= end)
}

/// After the first answer, enumeration goes on (looking for cheaper ones) for at most this
/// many times the work (candidates times rows) it took to find it...
const AFTER_FOUND_FACTOR: u64 = 3;
/// ...or this much work, whichever is more (about a second).
const AFTER_FOUND_MIN: u64 = 8_000_000;
/// Levels enumerated after the first answer, looking for cheaper or alternative ones.
const SLACK_LEVELS: u32 = 2;
/// Enumeration goes on after an answer only while it could still find one cheaper by at
/// least this much (closing the last small gap costs the most and changes the least).
const CHEAPER_BY: u32 = 3;

/// How long enumeration goes on once it has a first answer (or, in noise mode, a first
/// near answer): a candidate budget proportional to what finding it took (deterministic,
/// unlike a time share).
#[derive(Default)]
struct Patience {
    first_found_level: Option<u32>,
    candidates_at_first: Option<u64>,
    /// Candidates evaluated when a near answer (noise mode) first appeared.
    candidates_at_near: Option<u64>,
}

impl Patience {
    /// A near answer appeared after `candidates` candidates.
    fn near_answer_at(&mut self, candidates: u64) {
        self.candidates_at_near.get_or_insert(candidates);
    }

    /// Whether enumeration should stop after completing `level`, with these answers, at
    /// `candidates` candidates evaluated on `rows` rows.
    fn exhausted(
        &mut self,
        level: u32,
        answers: &Answers<'_>,
        candidates: u64,
        rows: usize,
    ) -> bool {
        let rows = rows.max(1) as u64;
        if !answers.found.is_empty() {
            let first = *self.first_found_level.get_or_insert(level);
            let at_first = *self.candidates_at_first.get_or_insert(candidates);
            let best = answers.best_cost.unwrap_or(0);
            // Enumeration can still find a cheaper answer below the best cost, or one
            // that also works on the unlabeled rows.
            let cheaper_possible = level + CHEAPER_BY <= best || !answers.clean;
            let spent = candidates.saturating_sub(at_first) * rows;
            let cap = (AFTER_FOUND_FACTOR * at_first * rows).max(AFTER_FOUND_MIN);
            level >= first + SLACK_LEVELS && (!cheaper_possible || spent >= cap)
        } else if let Some(at_near) = self.candidates_at_near {
            // Noise mode with a near answer in hand: an exact answer gets the same bounded
            // chance, then the final phases judge.
            let spent = candidates.saturating_sub(at_near) * rows;
            spent >= (AFTER_FOUND_FACTOR * at_near * rows).max(AFTER_FOUND_MIN)
        } else {
            false
        }
    }
}
