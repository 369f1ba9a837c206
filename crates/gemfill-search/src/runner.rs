//! [`Synthesizer`]: runs the phases under the budget and assembles the [`SearchResult`].
//!
//! Phases, in order (each checks the budget often):
//!
//! 1. **Proposals**: the [`Proposer`]'s programs are type-checked and verified on every
//!    example; near misses are repaired (local mutations, re-verified).
//! 2. **Search rounds** (counterexample-guided): a search (module `search`) runs on a
//!    few examples of different shapes (all of them when there are few); its answers are
//!    checked on every example, and the examples they get wrong join the next round. Each
//!    round: `map` bodies, enumeration by cost with the output-splitting graph after every
//!    level and conditionals while nothing passes, then (still nothing) a final conditional
//!    search, repair of the best partial programs and, in noise mode, near answers.
//! 3. **Ranking** ([`crate::rank`]) of the answers that pass every example (or, in noise
//!    mode and failing those, of the near answers, with the examples they contradict), and
//!    disagreement detection on the unlabeled rows.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;
use std::time::Duration;

use gemfill_dsl::{CheckContext, Expr, Program, Type};
use rayon::prelude::*;

use crate::guide::{CostModel, Guide, ProductionWeights, Proposer};
use crate::limits::{Budget, CancelToken, Interrupt, Limits, StopReason};
use crate::mode::Mode;
use crate::problem::{Problem, ProblemError};
use crate::rank::{self, Disagreement, RankedProgram};
use crate::repair;
use crate::search::{Found, Search};
use crate::seeds;
use crate::verify;

/// What the search found and why it stopped.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchResult {
    /// Verified programs, best first, at most `top_k`. In noise mode, when nothing passes
    /// every example, programs passing most of them (with `contradicted` set).
    pub programs: Vec<RankedProgram>,
    /// Why the search stopped.
    pub stop_reason: StopReason,
    /// Counters.
    pub stats: Stats,
    /// Unlabeled rows where the returned programs disagree.
    pub disagreements: Vec<Disagreement>,
}

/// Counters of one search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Candidate programs evaluated by the enumerator.
    pub candidates: u64,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// The last enumeration level (program cost) completed.
    pub levels: u32,
    /// Distinct sub-programs in the bank at the end.
    pub bank_entries: usize,
    /// Programs the proposer returned.
    pub proposals: usize,
    /// Mutants tried by repair.
    pub repairs: usize,
    /// Output-splitting graph searches.
    pub graph_searches: usize,
    /// Conditional-builder runs.
    pub conditional_searches: usize,
    /// Programs checked with the interpreter.
    pub verified: usize,
    /// Peak estimated memory of the value bank and string pool, in bytes.
    pub peak_bank_bytes: usize,
}

/// The phase a [`Progress`] event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Verifying and repairing proposals.
    Proposals,
    /// Bottom-up enumeration (with the output-splitting graph after each level).
    Enumeration,
    /// Building conditionals.
    Conditional,
    /// Repairing near misses.
    Repair,
    /// Looking for programs that pass most examples.
    Noise,
    /// Ranking the answers.
    Ranking,
}

/// A progress report, sent after every enumeration level and every phase.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// Where the search is.
    pub phase: Phase,
    /// The enumeration level (program cost) reached.
    pub level: u32,
    /// Candidates evaluated so far.
    pub candidates: u64,
    /// Time since the search started.
    pub elapsed: Duration,
    /// The best program so far, present only when it changed since the last report.
    pub best: Option<Program>,
}

/// The search-and-verify engine. Build one with [`Synthesizer::new`], optionally attach a
/// [`Proposer`] and a [`Guide`], then [`Synthesizer::run`] it on problems (it can be shared
/// between threads and reused).
#[derive(Clone)]
pub struct Synthesizer {
    limits: Limits,
    proposer: Option<Arc<dyn Proposer>>,
    guide: Option<Arc<dyn Guide>>,
    mode: Mode,
    beam: usize,
}

impl std::fmt::Debug for Synthesizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Synthesizer")
            .field("limits", &self.limits)
            .field(
                "proposer",
                &self.proposer.as_ref().map(|p| p.name().to_string()),
            )
            .field("guide", &self.guide.is_some())
            .field("mode", &self.mode)
            .field("beam", &self.beam)
            .finish()
    }
}

impl Synthesizer {
    /// A purely symbolic synthesizer with these limits.
    pub fn new(limits: Limits) -> Synthesizer {
        Synthesizer {
            limits,
            proposer: None,
            guide: None,
            mode: Mode::Hybrid,
            beam: DEFAULT_BEAM,
        }
    }

    /// Sets which parts of the engine run: [`Mode::Enumerative`] ignores any proposer and
    /// guide, [`Mode::Neural`] runs only the proposer (verified and repaired, no
    /// enumeration), [`Mode::Hybrid`] (the default) runs the proposer, stops there when a
    /// proposal passes every example, and otherwise enumerates in the guide's order.
    pub fn with_mode(mut self, mode: Mode) -> Synthesizer {
        self.mode = mode;
        self
    }

    /// How many programs to ask the proposer for (default 16).
    pub fn with_beam(mut self, beam: usize) -> Synthesizer {
        self.beam = beam.max(1);
        self
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Adds a proposer whose programs are verified (and repaired) before enumeration.
    pub fn with_proposer(mut self, proposer: Arc<dyn Proposer>) -> Synthesizer {
        self.proposer = Some(proposer);
        self
    }

    /// Adds a guide whose production probabilities order the enumeration.
    pub fn with_guide(mut self, guide: Arc<dyn Guide>) -> Synthesizer {
        self.guide = Some(guide);
        self
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Searches for programs reproducing the problem's examples.
    pub fn run(&self, problem: &Problem, cancel: &CancelToken) -> SearchResult {
        self.run_with_progress(problem, cancel, &mut |_| {})
    }

    /// [`Synthesizer::run`], reporting progress to `on_event` along the way.
    pub fn run_with_progress(
        &self,
        problem: &Problem,
        cancel: &CancelToken,
        on_event: &mut dyn FnMut(Progress),
    ) -> SearchResult {
        let threads = self.limits.threads.max(1);
        let pool = (threads > 1)
            .then(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .ok()
            })
            .flatten();
        let result = self.search(problem, cancel, on_event, pool.as_ref());
        on_event(Progress {
            phase: Phase::Ranking,
            level: result.stats.levels,
            candidates: result.stats.candidates,
            elapsed: result.stats.elapsed,
            best: None,
        });
        result
    }

    fn search(
        &self,
        problem: &Problem,
        cancel: &CancelToken,
        on_event: &mut dyn FnMut(Progress),
        pool: Option<&rayon::ThreadPool>,
    ) -> SearchResult {
        let mut budget = Budget::new(&self.limits, cancel);
        let mut stats = Stats::default();
        match problem.validate() {
            Err(ProblemError::NoExamples) | Err(ProblemError::NotAValueType(_)) => {
                let reason = budget.check().unwrap_or(StopReason::Exhausted);
                return finish(
                    problem,
                    &self.limits,
                    Vec::new(),
                    reason,
                    stats,
                    &budget,
                    pool,
                );
            }
            _ => {}
        }
        // The model may take a share of the time; enumeration needs the rest when the
        // model has no answer (neural mode has nothing else to run).
        let model_share = if self.mode == Mode::Neural {
            1.0
        } else {
            MODEL_TIME_SHARE
        };
        let model_interrupt = budget.interrupt(model_share);
        let weights = match (&self.guide, self.mode) {
            (Some(g), Mode::Hybrid) => g.production_log_probs(problem, &model_interrupt),
            _ => ProductionWeights::default(),
        };
        let costs = CostModel::new(&weights);
        let answer = problem.answer_types();
        let ctx = check_context(problem);

        // Proposals are checked against every example.
        let mut prior: Vec<Found> = Vec::new();
        if let Some(proposer) = self.proposer.as_ref().filter(|_| self.mode.uses_proposer()) {
            prior = proposals(
                proposer.as_ref(),
                self.beam,
                problem,
                &costs,
                &ctx,
                &answer,
                &mut budget,
                &mut stats,
                pool,
                &model_interrupt,
            );
            on_event(Progress {
                phase: Phase::Proposals,
                level: 0,
                candidates: budget.candidates,
                elapsed: budget.elapsed(),
                best: prior.first().map(|f| f.program.clone()),
            });
        }
        // A verified proposal ends a hybrid search: enumeration is the fallback for when
        // the model has no answer. Neural mode never enumerates.
        if !self.mode.uses_enumeration() || (self.mode == Mode::Hybrid && !prior.is_empty()) {
            let reason = budget.hard_stop().unwrap_or(if prior.is_empty() {
                StopReason::Exhausted
            } else {
                StopReason::Found
            });
            return finish(problem, &self.limits, prior, reason, stats, &budget, pool);
        }

        // Counterexample-guided: search on a few diverse examples, check answers on all of
        // them, add the examples an answer gets wrong, and search again.
        let mut active = initial_examples(problem, ACTIVE_EXAMPLES);
        let mut last_near: Vec<Found> = Vec::new();
        let mut near_pool: Vec<Found> = Vec::new();
        let mut reason = None;
        for _ in 0..MAX_ROUNDS {
            let sub = Problem {
                examples: active
                    .iter()
                    .map(|&i| problem.examples[i].clone())
                    .collect(),
                ..problem.clone()
            };
            let search = Search::new(
                &sub,
                &self.limits,
                costs.clone(),
                budget,
                pool,
                prior.clone(),
            );
            let outcome = search.run(on_event);
            budget = outcome.budget;
            stats.absorb(&outcome.stats);
            reason = outcome.reason;
            let mut exact = Vec::new();
            let mut wrong: Vec<(u32, Vec<usize>)> = Vec::new();
            for f in outcome.found {
                let v = verify::verify(&f.program, &problem.examples, &problem.tables);
                stats.verified += 1;
                if v.all_passed() {
                    exact.push(Found {
                        verification: v,
                        ..f
                    });
                } else {
                    wrong.push((f.cost, v.failed.clone()));
                    // It may still be the answer, with mistakes in the examples it fails.
                    near_pool.push(Found {
                        verification: v,
                        ..f
                    });
                }
            }
            if !exact.is_empty() {
                // Near answers found beside the answers compete with them in the ranking,
                // which prices each contradicted example (see `rank`).
                if self.limits.noise_tolerance {
                    let n = problem.examples.len();
                    for f in outcome.near {
                        let v = verify::verify(&f.program, &problem.examples, &problem.tables);
                        if v.passed >= noise_threshold(n) && !v.all_passed() {
                            exact.push(Found {
                                verification: v,
                                ..f
                            });
                        }
                    }
                }
                let reason = if budget.hard_stop() == Some(StopReason::Cancelled) {
                    StopReason::Cancelled
                } else {
                    StopReason::Found
                };
                return finish(problem, &self.limits, exact, reason, stats, &budget, pool);
            }
            last_near = outcome.near;
            wrong.sort_by_key(|(c, _)| *c);
            let mut added = 0;
            for (_, failed) in &wrong {
                if let Some(&e) = failed.iter().find(|e| !active.contains(e)) {
                    active.push(e);
                    added += 1;
                    if added == 2 {
                        break;
                    }
                }
            }
            if added == 0 || budget.hard_stop().is_some() || budget.stopped().is_some() {
                break;
            }
            active.sort_unstable();
        }
        // Nothing passes every example: in noise mode, the near answers, judged on all of
        // them.
        let mut near = Vec::new();
        if self.limits.noise_tolerance {
            let n = problem.examples.len();
            for f in last_near {
                let v = verify::verify(&f.program, &problem.examples, &problem.tables);
                near_pool.push(Found {
                    verification: v,
                    ..f
                });
            }
            near.extend(
                near_pool
                    .into_iter()
                    .filter(|f| n >= 3 && f.verification.passed >= noise_threshold(n)),
            );
        }
        let reason = if budget.hard_stop() == Some(StopReason::Cancelled) {
            StopReason::Cancelled
        } else {
            reason
                .or(budget.stopped())
                .or(budget.hard_stop())
                .unwrap_or(StopReason::Exhausted)
        };
        finish(problem, &self.limits, near, reason, stats, &budget, pool)
    }
}

/// The share of the time left that a model (guide and proposer together, when they share
/// one beam search) may use in hybrid and enumerative-with-proposer runs. Measured: the
/// shipped model's beam-32 search takes 0.2-0.3 s, so at the CLI's default 10 s it never
/// waits for this, while at short limits enumeration keeps most of the time.
const MODEL_TIME_SHARE: f64 = 0.4;

/// Programs asked of the proposer unless [`Synthesizer::with_beam`] says otherwise.
const DEFAULT_BEAM: usize = 16;
/// Examples the first round searches on; the others are checked afterwards.
const ACTIVE_EXAMPLES: usize = 10;
/// Unlabeled rows that ranking scores look at.
const RANKING_SAMPLE: usize = 256;
/// Rounds of counterexample-guided search.
const MAX_ROUNDS: usize = 8;

/// The fewest examples a near answer must pass in noise mode: a majority, and at most a
/// third contradicted.
pub(crate) fn noise_threshold(n: usize) -> usize {
    (n / 2 + 1).max(n - n / 3)
}

impl Stats {
    fn absorb(&mut self, other: &Stats) {
        self.levels = self.levels.max(other.levels);
        self.bank_entries = self.bank_entries.max(other.bank_entries);
        self.repairs += other.repairs;
        self.graph_searches += other.graph_searches;
        self.conditional_searches += other.conditional_searches;
        self.verified += other.verified;
    }
}

/// The type-checking context of a problem's programs.
pub(crate) fn check_context(problem: &Problem) -> CheckContext {
    CheckContext {
        num_inputs: Some(problem.num_inputs()),
        user_tables: Some(problem.tables.names().map(str::to_string).collect()),
    }
}

/// A few examples that differ in shape (so that the first round sees each kind), in their
/// original order; all of them when there are few.
fn initial_examples(problem: &Problem, k: usize) -> Vec<usize> {
    let n = problem.examples.len();
    if n <= k {
        return (0..n).collect();
    }
    let shape = |text: &str| -> String {
        let mut out = String::new();
        let mut last = ' ';
        for c in text.chars() {
            let class = if c.is_ascii_digit() {
                '9'
            } else if c.is_uppercase() {
                'A'
            } else if c.is_alphabetic() {
                'a'
            } else {
                c
            };
            if class != last || !matches!(class, '9' | 'A' | 'a') {
                out.push(class);
            }
            last = class;
        }
        out
    };
    let signature = |i: usize| -> String {
        let e = &problem.examples[i];
        let mut sig: Vec<String> = e.inputs.iter().map(|x| shape(x)).collect();
        sig.push(shape(&e.output));
        sig.join("|")
    };
    // Rows whose inputs repeat an earlier row's are left for the checks: a repeated row
    // adds nothing, and a contradicting one would stall the first round.
    let repeats = |i: usize, chosen: &[usize]| {
        chosen
            .iter()
            .any(|&j| problem.examples[j].inputs == problem.examples[i].inputs)
    };
    let mut chosen: Vec<usize> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for i in 0..n {
        if chosen.len() < k && !repeats(i, &chosen) && seen.insert(signature(i)) {
            chosen.push(i);
        }
    }
    for i in 0..n {
        if chosen.len() >= k {
            break;
        }
        if !chosen.contains(&i) && !repeats(i, &chosen) {
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen
}

/// Verifies the proposer's programs on every example and repairs the near misses.
#[allow(clippy::too_many_arguments)]
fn proposals(
    proposer: &dyn Proposer,
    beam: usize,
    problem: &Problem,
    costs: &CostModel,
    ctx: &CheckContext,
    answer: &[Type],
    budget: &mut Budget,
    stats: &mut Stats,
    pool: Option<&rayon::ThreadPool>,
    interrupt: &Interrupt,
) -> Vec<Found> {
    let props = proposer.propose(problem, beam, interrupt);
    stats.proposals = props.len();
    let exprs: Vec<Expr> = props.iter().map(|p| p.expr.clone()).collect();
    let results = verify::check_and_verify_all(
        &exprs,
        ctx,
        answer,
        &problem.examples,
        &problem.tables,
        pool,
    );
    stats.verified += exprs.len();
    let mut found: Vec<Found> = Vec::new();
    let mut near: Vec<(Expr, f64, usize)> = Vec::new();
    // Expr's hash and equality look at a regex's source text only, never at the
    // compiled automaton's internal caches.
    #[allow(clippy::mutable_key_type)]
    let mut seen: HashSet<Expr> = HashSet::new();
    for (p, r) in props.into_iter().zip(results) {
        let Some((program, v)) = r else { continue };
        if !seen.insert(p.expr.clone()) {
            continue;
        }
        if v.all_passed() {
            let cost = costs.expr(&p.expr);
            found.push(Found {
                program,
                expr: p.expr,
                cost,
                log_prob: Some(p.log_prob),
                verification: v,
            });
        } else if v.passed > 0 {
            near.push((p.expr, p.log_prob, v.passed));
        }
    }
    if found.is_empty() {
        let seeds = seeds::seeds(problem, costs);
        let mutation_pool = repair::Pool::from_seeds(&seeds, problem.num_inputs());
        near.sort_by_key(|n| std::cmp::Reverse(n.2));
        for (expr, lp, _) in near.into_iter().take(8) {
            if budget.hard_stop().is_some() {
                break;
            }
            let mutants: Vec<Expr> = repair::mutations(&expr, &mutation_pool, 600)
                .into_iter()
                .filter(|m| seen.insert(m.clone()))
                .collect();
            stats.repairs += mutants.len();
            let results = verify::check_and_verify_all(
                &mutants,
                ctx,
                answer,
                &problem.examples,
                &problem.tables,
                pool,
            );
            for (m, r) in mutants.into_iter().zip(results) {
                if let Some((program, v)) = r.filter(|(_, v)| v.all_passed()) {
                    let cost = costs.expr(&m);
                    // A repaired program is a little less likely than the model thought.
                    found.push(Found {
                        program,
                        expr: m,
                        cost,
                        log_prob: Some(lp - 1.0),
                        verification: v,
                    });
                }
            }
        }
    }
    found
}

/// Ranks the answers (or near answers) and assembles the result.
fn finish(
    problem: &Problem,
    limits: &Limits,
    list: Vec<Found>,
    stop_reason: StopReason,
    mut stats: Stats,
    budget: &Budget,
    pool: Option<&rayon::ThreadPool>,
) -> SearchResult {
    let unlabeled: Vec<Vec<&str>> = problem
        .unlabeled
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    // Scores look at a sample of the unlabeled rows (a caller may send a whole column);
    // the returned programs are then run on all of them.
    let sample = &unlabeled[..unlabeled.len().min(RANKING_SAMPLE)];
    let mut seen: HashSet<String> = HashSet::new();
    let mut programs: Vec<RankedProgram> = list
        .into_iter()
        .filter(|f| seen.insert(f.program.to_string()))
        .map(|f| {
            let outs: Vec<_> = sample
                .iter()
                .map(|row| f.program.run(row, &problem.tables))
                .collect();
            let contradicted = f.verification.failed.clone();
            let score = rank::score(f.cost, f.log_prob, &f.expr, &outs, contradicted.len());
            RankedProgram {
                size: f.expr.size(),
                passed: f.verification.passed,
                program: f.program,
                score,
                contradicted,
                unlabeled_outputs: outs,
            }
        })
        .collect();
    rank::sort(&mut programs, limits.seed);
    programs.truncate(limits.top_k.max(1));
    if unlabeled.len() > sample.len() {
        for p in &mut programs {
            let run = |row: &Vec<&str>| p.program.run(row, &problem.tables);
            p.unlabeled_outputs = match pool {
                Some(pool) => pool.install(|| unlabeled.par_iter().map(run).collect()),
                None => unlabeled.iter().map(run).collect(),
            };
        }
    }
    let disagreements = rank::disagreements(&programs);
    stats.candidates = budget.candidates;
    stats.elapsed = budget.elapsed();
    stats.peak_bank_bytes = budget.peak_memory;
    SearchResult {
        programs,
        stop_reason,
        stats,
        disagreements,
    }
}
