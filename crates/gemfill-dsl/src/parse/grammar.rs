//! The pest parser generated from the grammar `dsl/gemfill.pest` (its path is relative to
//! the crate's `src/`).

#[derive(pest_derive::Parser)]
#[grammar = "../../dsl/gemfill.pest"]
pub(super) struct GemfillParser;
