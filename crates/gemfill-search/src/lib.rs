//! # gemfill-search: the search-and-verify engine
//!
//! Given input/output examples, [`Synthesizer::run`] returns ranked programs of the gemfill
//! language (crate `gemfill_dsl`) that reproduce them, each verified by the real
//! interpreter, together with why the search stopped and where the top programs disagree
//! on the caller's unlabeled inputs.
//!
//! ```
//! use gemfill_dsl::Example;
//! use gemfill_search::{CancelToken, Limits, Problem, Synthesizer};
//!
//! let problem = Problem::new(vec![
//!     Example::new(["John Smith"], "Smith, J."),
//!     Example::new(["Ada Lovelace"], "Lovelace, A."),
//! ])
//! .with_unlabeled(vec![vec!["Grace Hopper".to_string()]]);
//! let result = Synthesizer::new(Limits::default()).run(&problem, &CancelToken::new());
//! let best = &result.programs[0];
//! assert_eq!(best.unlabeled_outputs[0].as_ref().unwrap().to_string(), "Hopper, G.");
//! ```
//!
//! ## How the engine works
//!
//! **Values, not trees.** The search works on *value vectors*: what a sub-program computes
//! on every row (the examples, then a few unlabeled rows). The `bank` keeps one entry per
//! distinct vector: a new candidate whose values on the examples equal an existing entry's
//! is dropped (observational equivalence), since anything built from it could be built
//! from the cheaper one. Entries store only their operator and the ids of their arguments;
//! expressions are materialised for answers only. Strings are interned (`values`).
//!
//! **Enumeration by cost** (`enumerate`, `grammar`). Every production has a cost,
//! `-log2 p` of its probability ([`guide`]: hand-set defaults, or a [`Guide`]'s per-task
//! probabilities). Level `c` builds all programs of cost exactly `c` from entries of lower
//! cost, so cheap (likely, small) programs come first. Leaves are read off the problem
//! (`seeds`): input columns, punctuation and common pieces of the outputs, the caller's
//! constant hints, values of categorical columns, small integers, the token classes present
//! in the inputs (plus "run of anything but `c`" for each delimiter `c`), and lookup tables
//! whose values occur in the outputs. `map` bodies come from a small separate enumeration
//! over `w`. Each chunk of candidates is evaluated in parallel with the `gemfill_dsl::ops`
//! functions and inserted in a fixed order, so the result is deterministic. Each new
//! entry is filed (`catalog`) as an answer, a partial answer, a predicate or a piece of the
//! outputs, for the phases below.
//!
//! **Concatenations by output splitting** (`graph`, `split`). Most string tasks are
//! concatenations of extracted pieces and literals. Rather than enumerate them blindly,
//! after every level the engine builds FlashFill's graph: positions of each output as
//! nodes, an edge wherever some entry (or literal) produces that piece of the output, with
//! the graphs of all examples intersected (a product node holds one position per
//! example). The cheapest path is the cheapest `concat(...)` that works on every example.
//!
//! **Conditionals** (`conditional`). When no single program covers all examples, the
//! engine collects programs that cover subsets (cheapest per subset, including
//! concatenations found for the groups that cheap predicates separate) and error-free
//! predicates, and builds the cheapest decision list `if(p, a, if(q, b, c))`.
//!
//! **Proposals and repair** ([`Proposer`], `repair`). A model's proposals are verified
//! first; near misses are mutated locally (token class, index, literal, case mode, format,
//! column, sibling operator) and re-verified. The best partial programs get the same
//! treatment when nothing else passes.
//!
//! **Few examples at a time.** A search runs on at most ten examples of different shapes;
//! its answers are then checked on all of them, the examples an answer gets wrong join the
//! set, and the search runs again (counterexample-guided). Long example lists (SyGuS
//! `-long` tasks have hundreds) then cost little more than short ones.
//!
//! **Noise** (`noise`). When no program passes every example and [`Limits::noise_tolerance`] is on,
//! the programs passing a majority (with at most a third contradicted) are returned, with
//! [`RankedProgram::contradicted`] naming the examples suspected to be wrong.
//!
//! **Ranking** ([`rank`]). Answers are type-checked, verified with the interpreter
//! ([`verify()`]), run on every unlabeled row, and ordered by prior probability (cost, or a
//! proposal's model probability), literal length and failures on unlabeled rows.
//!
//! **Budgets** ([`limits`]). Deadline, candidate count, memory estimate and a
//! [`CancelToken`] are checked between chunks and inside every phase; the result's
//! [`StopReason`] says which one ended the search.
//!
//! ## Module map
//!
//! | module | concept |
//! | --- | --- |
//! | [`problem`] | [`Problem`]: examples, unlabeled rows, tables, hints, output type; a round's view of some of its examples |
//! | [`limits`] | [`Limits`], [`CancelToken`], [`StopReason`], the budget meter |
//! | [`mode`] | [`Mode`]: neural, enumerative or hybrid |
//! | [`guide`] | [`Proposer`], [`Guide`], [`ProductionWeights`], costs from probabilities |
//! | [`progress`] | [`Progress`] events, [`Phase`], [`Stats`] |
//! | `values` | interned strings, value vectors, example sets |
//! | `bank` | the value-vector bank with observational equivalence |
//! | `seeds` | leaves read off the problem; pieces common to several strings |
//! | `grammar` | productions, argument slots and their cost caps |
//! | `enumerate` | bottom-up enumeration by cost, parallel evaluation |
//! | `store` | one search's enumeration: rows and targets, enumerator, string pool, `map` bodies, queued leaves |
//! | `catalog` | enumeration bookkeeping: answers, partial answers, predicates and output pieces among the new entries |
//! | `term` | candidate answers before they become expressions |
//! | `graph` | the output-splitting DAG intersected across examples (petgraph) |
//! | `split` | the splitting phase: the catalog's pieces and shared literals as graph atoms, the cheapest concatenation |
//! | `conditional` | decision lists from partial answers and predicates, and the phase that gathers them |
//! | `repair` | local mutations of near misses, verified |
//! | `noise` | near answers: the noise phase, the threshold, the re-check on all examples |
//! | `answers` | verifying candidates once each, keeping answers and near answers |
//! | [`rank`] | scores, ordering, disagreements |
//! | [`verify`](mod@verify) | running programs on examples with the interpreter |
//! | `search` | one search over a set of examples: runs the phases above in order |
//! | [`runner`] | [`Synthesizer`]: proposals, counterexample-guided rounds, the stop reason, [`SearchResult`] |

#![warn(missing_docs)]

mod answers;
mod bank;
mod catalog;
mod conditional;
mod enumerate;
mod grammar;
mod graph;
pub mod guide;
pub mod limits;
pub mod mode;
mod noise;
pub mod problem;
pub mod progress;
pub mod rank;
mod repair;
pub mod runner;
mod search;
mod seeds;
mod split;
mod store;
mod term;
mod values;
pub mod verify;

pub use guide::{Guide, LeafKind, ProductionWeights, Proposal, Proposer};
pub use limits::{CancelToken, Interrupt, Limits, StopReason};
pub use mode::{Mode, UnknownMode};
pub use problem::{Problem, ProblemError};
pub use progress::{Phase, Progress, Stats};
pub use rank::{Disagreement, RankedProgram};
pub use runner::{SearchResult, Synthesizer};
pub use verify::{Outcome, Verification, verify};
