//! What a search reports while it runs ([`Progress`], [`Phase`]) and once it is done
//! ([`Stats`]).

use std::time::Duration;

use gemfill_dsl::Program;

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

impl Stats {
    /// Adds the counters of one round of search (levels and bank size are the largest any
    /// round reached).
    pub(crate) fn absorb(&mut self, round: &Stats) {
        self.levels = self.levels.max(round.levels);
        self.bank_entries = self.bank_entries.max(round.bank_entries);
        self.repairs += round.repairs;
        self.graph_searches += round.graph_searches;
        self.conditional_searches += round.conditional_searches;
        self.verified += round.verified;
    }
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
