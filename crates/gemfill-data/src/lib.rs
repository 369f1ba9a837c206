//! # gemfill-data: task files
//!
//! Reads the synthesis problems gemfill is run on into [`Task`]s:
//!
//! - JSON Lines suites (DESIGN.md §5), one task a line: [`load_jsonl`], [`parse_jsonl_str`];
//!   see [`jsonl`] for the fields;
//! - SyGuS-IF `.sl` files of the programming-by-example tracks, versions 1 and 2:
//!   [`load_sygus`], [`parse_sygus_str`]; each `(constraint (= (f in ...) out))` is an
//!   example and the grammar's literals are the task's constants;
//! - whole suites, a file or a folder of files: [`load_suite`] and [`load_suites`];
//! - the short and long variants of SyGuS tasks: [`long_sibling`], [`short_long_pairs`].
//!
//! Nothing is dropped silently. The single-file loaders stop at the first problem; the
//! suite loaders load everything they can and return, beside the tasks, one [`LoadError`]
//! per bad file, line or duplicate name. Every error reads `path:line: what is wrong`,
//! for instance `tasks.jsonl:17: task `x`: example 2 has 1 input but example 1 has 2` or
//! `max3.sl:11: constraint is not an input/output example: ...`, and has a
//! [`LoadErrorKind`] that separates broken files from specifications gemfill does not
//! support.
//!
//! ```
//! use gemfill_data::parse_sygus_str;
//! let task = parse_sygus_str(
//!     r#"(set-logic SLIA)
//!        (synth-fun f ((name String)) String
//!          ((Start String)) ((Start String (name " " (str.++ Start Start)))))
//!        (constraint (= (f "Ada Lovelace") "Ada"))
//!        (check-synth)"#,
//!     "first-word",
//! )
//! .unwrap();
//! assert_eq!(task.examples[0].inputs, ["Ada Lovelace"]);
//! assert_eq!(task.constants, [" "]);
//! ```
#![warn(missing_docs)]

pub mod error;
pub mod jsonl;
mod sexpr;
pub mod siblings;
pub mod suite;
pub mod sygus;
pub mod synthetic;
pub mod task;
mod text;

pub use error::{LoadError, LoadErrorKind};
pub use jsonl::{load_jsonl, parse_jsonl_lines, parse_jsonl_str};
pub use siblings::{long_sibling, short_base_name, short_long_pairs};
pub use suite::{load_suite, load_suites};
pub use sygus::{load_sygus, parse_sygus_str};
pub use task::Task;
