//! The semantics of every operator, as plain functions over Rust values.
//!
//! The interpreter ([`crate::eval`]) and the synthesizer (gemfill-search, which evaluates
//! candidate sub-programs on vectors of example values) both call these, so there is one
//! definition of what each operator means. Indices count characters; a negative index
//! counts from the end. SKELETON: bodies are written by the interpreter work.
use crate::ast::{CaseMode, Format, TableRef, TokenClass};
use crate::tables::Tables;
use crate::value::EvalError;

type R<T> = Result<T, EvalError>;

pub fn concat(parts: &[&str]) -> R<String> { todo!() }
pub fn sub(s: &str, i: i64, j: i64) -> R<String> { todo!() }
pub fn token(s: &str, t: &TokenClass, k: i64) -> R<String> { todo!() }
pub fn len(s: &str) -> i64 { todo!() }
pub fn start(s: &str, t: &TokenClass, k: i64) -> R<i64> { todo!() }
pub fn end(s: &str, t: &TokenClass, k: i64) -> R<i64> { todo!() }
pub fn find(s: &str, needle: &str, k: i64) -> R<i64> { todo!() }
pub fn pos(s: &str, left: &TokenClass, right: &TokenClass, k: i64) -> R<i64> { todo!() }
pub fn plus(i: i64, j: i64) -> R<i64> { todo!() }
pub fn minus(i: i64, j: i64) -> R<i64> { todo!() }
pub fn to_int(s: &str) -> R<i64> { todo!() }
pub fn to_str(i: i64) -> String { todo!() }
pub fn case(s: &str, mode: CaseMode) -> String { todo!() }
pub fn replace(s: &str, from: &str, to: &str) -> R<String> { todo!() }
pub fn replace_first(s: &str, from: &str, to: &str) -> R<String> { todo!() }
pub fn trim(s: &str) -> String { todo!() }
pub fn pad_left(s: &str, width: i64, fill: &str) -> R<String> { todo!() }
pub fn char_at(s: &str, i: i64) -> R<String> { todo!() }
pub fn contains(s: &str, needle: &str) -> bool { todo!() }
pub fn starts_with(s: &str, prefix: &str) -> bool { todo!() }
pub fn ends_with(s: &str, suffix: &str) -> bool { todo!() }
pub fn matches(s: &str, t: &TokenClass) -> bool { todo!() }
pub fn is_empty(s: &str) -> bool { todo!() }
pub fn lookup(table: &TableRef, key: &str, tables: &Tables) -> R<String> { todo!() }
pub fn date(s: &str, input: Format, output: Format) -> R<String> { todo!() }
pub fn number(s: &str, output: Format) -> R<String> { todo!() }
