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

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use gemfill_dsl::Expr;
use rayon::prelude::*;

use crate::answers::Found;
use crate::guide::{CostModel, Guide, ProductionWeights, Proposal, Proposer};
use crate::limits::{Budget, CancelToken, Limits, StopReason};
use crate::mode::Mode;
use crate::noise;
use crate::problem::{Problem, ProblemError, Subproblem};
pub use crate::progress::{Phase, Progress, Stats};
use crate::rank::{self, Disagreement, RankedProgram};
use crate::repair;
use crate::search::Search;
use crate::seeds::{self, Seeds};
use crate::verify::Checker;

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
        let mut run = Run {
            problem,
            limits: &self.limits,
            budget: Budget::new(&self.limits, cancel),
            stats: Stats::default(),
            pool,
        };
        let (answers, ending) = self.answers(&mut run, on_event);
        let stop_reason = stop_reason(&run.budget, ending);
        run.finish(answers, stop_reason)
    }

    /// The answers (or, in noise mode, near answers) and how the search ended.
    fn answers(
        &self,
        run: &mut Run<'_>,
        on_event: &mut dyn FnMut(Progress),
    ) -> (Vec<Found>, Ending) {
        let problem = run.problem;
        if let Err(ProblemError::NoExamples | ProblemError::NotAValueType(_)) = problem.validate() {
            return (Vec::new(), Ending::Unanswered(run.budget.check()));
        }
        // The model may take a share of the time; enumeration needs the rest when the
        // model has no answer (neural mode has nothing else to run).
        let model_share = if self.mode == Mode::Neural {
            1.0
        } else {
            MODEL_TIME_SHARE
        };
        let model_interrupt = run.budget.interrupt(model_share);
        let weights = match (&self.guide, self.mode) {
            (Some(g), Mode::Hybrid) => g.production_log_probs(problem, &model_interrupt),
            _ => ProductionWeights::default(),
        };
        let costs = CostModel::new(&weights);
        let whole = Subproblem::whole(problem);
        // The leaves of the whole problem: for repairing proposals, and for any round
        // that searches on every example.
        let whole_seeds: OnceCell<Seeds> = OnceCell::new();

        // Proposals are checked against every example.
        let mut proposed: Vec<Found> = Vec::new();
        if let Some(proposer) = self.proposer.as_ref().filter(|_| self.mode.uses_proposer()) {
            let props = proposer.propose(problem, self.beam, &model_interrupt);
            proposed = run.proposals(props, &whole, &costs, &whole_seeds);
            on_event(Progress {
                phase: Phase::Proposals,
                level: 0,
                candidates: run.budget.candidates,
                elapsed: run.budget.elapsed(),
                best: proposed.first().map(|f| f.program.clone()),
            });
        }
        // A verified proposal ends a hybrid search: enumeration is the fallback for when
        // the model has no answer. Neural mode never enumerates.
        if !self.mode.uses_enumeration() || !proposed.is_empty() {
            let ending = if proposed.is_empty() {
                Ending::Unanswered(None)
            } else {
                Ending::Proposed
            };
            return (proposed, ending);
        }
        run.rounds(&costs, &whole_seeds, on_event)
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
/// Counterexamples added to the examples of the next round.
const COUNTEREXAMPLES_PER_ROUND: usize = 2;
/// Near-miss proposals repaired.
const PROPOSALS_REPAIRED: usize = 8;

/// How a search ended, for its [`StopReason`].
enum Ending {
    /// Proposals alone answered: enumeration never ran.
    Proposed,
    /// A round of search found answers passing every example.
    Found,
    /// Nothing passes every example; why the last enumeration stopped, if a limit stopped
    /// it.
    Unanswered(Option<StopReason>),
}

/// Why the search stopped: cancellation first; then, with answers, that they were found
/// (though a deadline that passed while only proposals ran is reported); without, the
/// limit that stopped enumeration, else any limit reached, else exhaustion.
fn stop_reason(budget: &Budget, ending: Ending) -> StopReason {
    let hard = budget.hard_stop();
    if hard == Some(StopReason::Cancelled) {
        return StopReason::Cancelled;
    }
    match ending {
        Ending::Proposed => hard.unwrap_or(StopReason::Found),
        Ending::Found => StopReason::Found,
        Ending::Unanswered(reason) => reason
            .or(budget.stopped())
            .or(hard)
            .unwrap_or(StopReason::Exhausted),
    }
}

/// One call of [`Synthesizer::run`]: the problem, its budget and counters, the threads.
struct Run<'a> {
    problem: &'a Problem,
    limits: &'a Limits,
    budget: Budget,
    stats: Stats,
    pool: Option<&'a rayon::ThreadPool>,
}

impl Run<'_> {
    /// Verifies the proposer's programs on every example and repairs the near misses.
    fn proposals(
        &mut self,
        props: Vec<Proposal>,
        whole: &Subproblem<'_>,
        costs: &CostModel,
        whole_seeds: &OnceCell<Seeds>,
    ) -> Vec<Found> {
        self.stats.proposals = props.len();
        let checker = Checker::new(whole, self.pool);
        let exprs: Vec<Expr> = props.iter().map(|p| p.expr.clone()).collect();
        let results = checker.check_all(&exprs);
        self.stats.verified += exprs.len();
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
            let seeds = whole_seeds.get_or_init(|| seeds::seeds(whole, costs));
            let mutation_pool = repair::Pool::from_seeds(seeds, whole.num_inputs());
            near.sort_by_key(|n| std::cmp::Reverse(n.2));
            let near = near
                .into_iter()
                .take(PROPOSALS_REPAIRED)
                .map(|(expr, log_prob, _)| (expr, Some(log_prob)))
                .collect();
            let repaired = repair::repair_near_misses(
                near,
                &mutation_pool,
                &checker,
                &self.budget,
                &mut self.stats.repairs,
                &mut |m| seen.insert(m.clone()),
            );
            found.extend(repaired.into_iter().map(|r| Found {
                cost: costs.expr(&r.expr),
                program: r.program,
                expr: r.expr,
                log_prob: r.log_prob,
                verification: r.verification,
            }));
        }
        found
    }

    /// Counterexample-guided rounds: search on a few diverse examples, check the answers
    /// on all of them, add examples an answer gets wrong, and search again.
    fn rounds(
        &mut self,
        costs: &CostModel,
        whole_seeds: &OnceCell<Seeds>,
        on_event: &mut dyn FnMut(Progress),
    ) -> (Vec<Found>, Ending) {
        let problem = self.problem;
        let mut active = initial_examples(problem, ACTIVE_EXAMPLES);
        let mut last_near: Vec<Found> = Vec::new();
        // Answers of earlier rounds that some example contradicts.
        let mut wrong_answers: Vec<Found> = Vec::new();
        let mut reason = None;
        for _ in 0..MAX_ROUNDS {
            let sub = Subproblem::of(problem, &active);
            let round_seeds;
            let seeds = if sub.is_whole() {
                whole_seeds.get_or_init(|| seeds::seeds(&sub, costs))
            } else {
                round_seeds = seeds::seeds(&sub, costs);
                &round_seeds
            };
            let search = Search::new(&sub, self.limits, costs, seeds, &mut self.budget, self.pool);
            let outcome = search.run(on_event);
            self.stats.absorb(&outcome.stats);
            reason = outcome.reason;
            let mut exact = Vec::new();
            let mut wrong: Vec<(u32, Vec<usize>)> = Vec::new();
            for f in outcome.found {
                let f = f.verified_on(problem);
                self.stats.verified += 1;
                if f.verification.all_passed() {
                    exact.push(f);
                } else {
                    wrong.push((f.cost, f.verification.failed.clone()));
                    // It may still be the answer, with mistakes in the examples it fails.
                    wrong_answers.push(f);
                }
            }
            if !exact.is_empty() {
                // Near answers found beside the answers compete with them in the ranking,
                // which prices each contradicted example (see `rank`).
                if self.limits.noise_tolerance {
                    exact.extend(
                        noise::judged_on_all(outcome.near, problem)
                            .filter(|f| !f.verification.all_passed()),
                    );
                }
                return (exact, Ending::Found);
            }
            last_near = outcome.near;
            wrong.sort_by_key(|(c, _)| *c);
            let mut added = 0;
            for (_, failed) in &wrong {
                if let Some(&e) = failed.iter().find(|e| !active.contains(e)) {
                    active.push(e);
                    added += 1;
                    if added == COUNTEREXAMPLES_PER_ROUND {
                        break;
                    }
                }
            }
            if added == 0 || self.budget.hard_stop().is_some() || self.budget.stopped().is_some() {
                break;
            }
            active.sort_unstable();
        }
        // Nothing passes every example: in noise mode, the near answers, judged on all of
        // them.
        let mut near = Vec::new();
        if self.limits.noise_tolerance {
            near.extend(noise::near_enough(wrong_answers, problem));
            near.extend(noise::judged_on_all(last_near, problem));
        }
        (near, Ending::Unanswered(reason))
    }

    /// Ranks the answers (or near answers) and assembles the result.
    fn finish(mut self, list: Vec<Found>, stop_reason: StopReason) -> SearchResult {
        let problem = self.problem;
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
        rank::sort(&mut programs, self.limits.seed);
        programs.truncate(self.limits.top_k.max(1));
        if unlabeled.len() > sample.len() {
            for p in &mut programs {
                let run = |row: &Vec<&str>| p.program.run(row, &problem.tables);
                p.unlabeled_outputs = match self.pool {
                    Some(pool) => pool.install(|| unlabeled.par_iter().map(run).collect()),
                    None => unlabeled.iter().map(run).collect(),
                };
            }
        }
        let disagreements = rank::disagreements(&programs);
        self.stats.candidates = self.budget.candidates;
        self.stats.elapsed = self.budget.elapsed();
        self.stats.peak_bank_bytes = self.budget.peak_memory;
        SearchResult {
            programs,
            stop_reason,
            stats: self.stats,
            disagreements,
        }
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
