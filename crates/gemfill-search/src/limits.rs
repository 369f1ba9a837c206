//! Budgets: [`Limits`], [`CancelToken`], [`Interrupt`], [`StopReason`] and the internal
//! meter that every phase consults.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The limits one search runs under.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Wall-clock time the search may take. `None`: no time limit.
    pub deadline: Option<Duration>,
    /// How many candidate programs may be evaluated. `None`: no limit. Deterministic, unlike
    /// the deadline: the same problem and limit always stop at the same point.
    pub max_candidates: Option<u64>,
    /// An upper bound on the memory the search's value bank may hold (an estimate that
    /// counts value vectors, interned strings and index entries).
    pub max_memory_bytes: Option<usize>,
    /// How many programs to return at most.
    pub top_k: usize,
    /// When no program passes every example, return the programs that pass most of them,
    /// with the examples they contradict flagged as suspected mistakes.
    pub noise_tolerance: bool,
    /// Seed for tie-breaking between equally ranked programs. The same problem, limits and
    /// seed give the same result (unless the deadline cut the search short, which depends
    /// on the machine's speed).
    pub seed: u64,
    /// Worker threads for candidate evaluation and verification (1 runs everything on the
    /// calling thread).
    pub threads: usize,
}

impl Default for Limits {
    /// 10 s, no candidate cap, 1 GiB of bank, 8 programs, noise tolerance on, seed 0, two
    /// threads.
    fn default() -> Limits {
        Limits {
            deadline: Some(Duration::from_secs(10)),
            max_candidates: None,
            max_memory_bytes: Some(1 << 30),
            top_k: 8,
            noise_tolerance: true,
            seed: 0,
            threads: 2,
        }
    }
}

/// A flag another thread sets to stop a search early. Clones share the flag.
#[derive(Clone, Debug, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Asks every search holding this token (or a clone) to stop as soon as it can.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`CancelToken::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// When a model called by the search (a [`crate::Proposer`] or [`crate::Guide`]) must give
/// up: the caller's cancel token, or the share of the search's time the model was given.
/// A model polls [`Interrupt::is_due`] between steps and returns what it has.
#[derive(Clone, Debug, Default)]
pub struct Interrupt {
    cancel: CancelToken,
    deadline: Option<Instant>,
}

impl Interrupt {
    /// Due when `cancel` is set or at `deadline` (never by time if `None`).
    pub fn new(cancel: CancelToken, deadline: Option<Instant>) -> Interrupt {
        Interrupt { cancel, deadline }
    }

    /// Due only when `cancel` is set.
    pub fn on_cancel(cancel: &CancelToken) -> Interrupt {
        Interrupt::new(cancel.clone(), None)
    }

    /// Never due: for callers outside a search (tests, evaluation).
    pub fn never() -> Interrupt {
        Interrupt::default()
    }

    /// The instant the model must be done by, if any.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Whether the model must stop now.
    pub fn is_due(&self) -> bool {
        self.cancel.is_cancelled() || self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

/// Why a search stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StopReason {
    /// At least one program passing every example was found (and the search stopped
    /// looking for cheaper ones).
    Found,
    /// The deadline passed.
    Deadline,
    /// The candidate limit was reached.
    CandidateLimit,
    /// The memory limit was reached.
    MemoryLimit,
    /// Everything within the search's size bounds was tried (or the problem was empty).
    Exhausted,
    /// The cancel token was set.
    Cancelled,
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StopReason::Found => "a program passing every example was found",
            StopReason::Deadline => "the time limit was reached",
            StopReason::CandidateLimit => "the candidate limit was reached",
            StopReason::MemoryLimit => "the memory limit was reached",
            StopReason::Exhausted => "every program within the search bounds was tried",
            StopReason::Cancelled => "the search was cancelled",
        })
    }
}

/// The meter every phase consults: elapsed time, candidates evaluated, memory, and the
/// cancel token. Once it says stop it keeps saying so.
pub(crate) struct Budget {
    start: Instant,
    deadline: Option<Instant>,
    max_candidates: Option<u64>,
    max_memory: Option<usize>,
    cancel: CancelToken,
    pub(crate) candidates: u64,
    pub(crate) memory: usize,
    pub(crate) peak_memory: usize,
    stopped: Option<StopReason>,
}

impl Budget {
    pub(crate) fn new(limits: &Limits, cancel: &CancelToken) -> Budget {
        let start = Instant::now();
        Budget {
            start,
            deadline: limits.deadline.map(|d| start + d),
            max_candidates: limits.max_candidates,
            max_memory: limits.max_memory_bytes,
            cancel: cancel.clone(),
            candidates: 0,
            memory: 0,
            peak_memory: 0,
            stopped: None,
        }
    }

    /// Time since the search started.
    pub(crate) fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// The fraction of the deadline used (0 without a deadline).
    pub(crate) fn time_fraction(&self) -> f64 {
        match self.deadline {
            Some(d) => {
                let total = d.saturating_duration_since(self.start).as_secs_f64();
                if total <= 0.0 {
                    1.0
                } else {
                    self.start.elapsed().as_secs_f64() / total
                }
            }
            None => 0.0,
        }
    }

    /// The instant when `share` of the time left until the deadline has passed (`None`
    /// without a deadline).
    pub(crate) fn deadline_share(&self, share: f64) -> Option<Instant> {
        let d = self.deadline?;
        let now = Instant::now();
        Some(
            now + d
                .saturating_duration_since(now)
                .mul_f64(share.clamp(0.0, 1.0)),
        )
    }

    /// What a model called now must obey: the cancel token and `share` of the time left.
    pub(crate) fn interrupt(&self, share: f64) -> Interrupt {
        Interrupt::new(self.cancel.clone(), self.deadline_share(share))
    }

    /// How many more candidates may be evaluated.
    pub(crate) fn candidates_left(&self) -> u64 {
        self.max_candidates
            .map_or(u64::MAX, |m| m.saturating_sub(self.candidates))
    }

    /// Records `n` evaluated candidates.
    pub(crate) fn spend(&mut self, n: u64) {
        self.candidates += n;
    }

    /// Records the current memory estimate.
    pub(crate) fn set_memory(&mut self, bytes: usize) {
        self.memory = bytes;
        self.peak_memory = self.peak_memory.max(bytes);
    }

    /// Why the search must stop now, if it must. Cheap enough to call often.
    pub(crate) fn check(&mut self) -> Option<StopReason> {
        if self.stopped.is_none() {
            self.stopped = self.hard_stop().or_else(|| {
                if self.max_candidates.is_some_and(|m| self.candidates >= m) {
                    Some(StopReason::CandidateLimit)
                } else if self.max_memory.is_some_and(|m| self.memory >= m) {
                    Some(StopReason::MemoryLimit)
                } else {
                    None
                }
            });
        }
        self.stopped
    }

    /// Only the limits that also end the final phases (time and cancellation); the
    /// candidate and memory caps bound the enumeration, not the cheap phases after it.
    pub(crate) fn hard_stop(&self) -> Option<StopReason> {
        if self.cancel.is_cancelled() {
            Some(StopReason::Cancelled)
        } else if self.deadline.is_some_and(|d| Instant::now() >= d) {
            Some(StopReason::Deadline)
        } else {
            None
        }
    }

    /// The stop reason recorded so far.
    pub(crate) fn stopped(&self) -> Option<StopReason> {
        self.stopped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_stops_on_each_limit() {
        let limits = Limits {
            max_candidates: Some(10),
            ..Limits::default()
        };
        let cancel = CancelToken::new();
        let mut b = Budget::new(&limits, &cancel);
        assert_eq!(b.check(), None);
        b.spend(10);
        assert_eq!(b.check(), Some(StopReason::CandidateLimit));

        let mut b = Budget::new(&limits, &cancel);
        cancel.cancel();
        assert_eq!(b.check(), Some(StopReason::Cancelled));

        let limits = Limits {
            deadline: Some(Duration::ZERO),
            ..Limits::default()
        };
        let mut b = Budget::new(&limits, &CancelToken::new());
        assert_eq!(b.check(), Some(StopReason::Deadline));

        let limits = Limits {
            max_memory_bytes: Some(100),
            ..Limits::default()
        };
        let mut b = Budget::new(&limits, &CancelToken::new());
        b.set_memory(200);
        assert_eq!(b.check(), Some(StopReason::MemoryLimit));
    }

    #[test]
    fn stop_reasons_read_as_sentences() {
        assert_eq!(
            StopReason::Deadline.to_string(),
            "the time limit was reached"
        );
    }
}
