//! Exact decimal numbers: reading them from text, rounding, arithmetic and writing them
//! with an Excel-style pattern.
//!
//! Numbers are [`Decimal`]s (rust_decimal): up to 28 significant digits, exact, never
//! floats, so `2.675` rounds to `2.68` as written. Every operation that could overflow
//! returns a [`NumberError`] instead of wrapping, and nothing here panics on any input.
//!
//! - [`read`](mod@read): [`read_number`], the first number in a text;
//! - [`round`](mod@round): [`Rounding`] modes, [`round_to_multiple`], [`round_places`] and
//!   [`round_significant`];
//! - [`pattern`](mod@pattern): [`NumberPattern`], the spreadsheet `TEXT()` pattern language;
//! - [`infer`](mod@infer): [`infer_patterns`], the patterns that write given texts.
//!
//! Internals: `error` holds [`NumberError`], `arith` the checked arithmetic and
//! [`format_plain`], `digits` a decimal as a digit string, which rounding and patterns
//! work on without overflow.
//!
//! ```
//! use gemfill_dsl::num::{NumberPattern, Rounding, read_number, round_to_multiple};
//! let value = read_number("Total: 1,234.567 USD").unwrap();
//! let rounded = round_to_multiple(value, "0.05".parse().unwrap(), Rounding::HalfUp).unwrap();
//! let pattern = NumberPattern::parse("$#,##0.00;($#,##0.00)").unwrap();
//! assert_eq!(pattern.format(rounded), "$1,234.55");
//! assert_eq!(pattern.format(-rounded), "($1,234.55)");
//! ```
//!
//! ## Reading a number
//!
//! [`read_number`] finds the **first** number in a text: `"Total: 1,234.50 USD"` is
//! 1234.50, `"12 km"` is 12. A number is, in order:
//!
//! | part | written | notes |
//! | --- | --- | --- |
//! | sign | `-`, `+`, `−` (U+2212), or `(` … `)` | parentheses are accounting negatives, only with the closing `)` right after the number |
//! | currency | `$ € £ ¥ ₹ ₩ R$` or `CHF`, optionally followed by a space | between the sign and the digits: `-$1.50`, `($1.50)` |
//! | digits | `1234`, `1,234,567`, `.5` | with grouping separators (below) |
//! | decimals | `.50` or `,50` | see the separator rules |
//! | exponent | `e3`, `E-05` | only when digits follow the `e` |
//! | percent | `%` (divides by 100) or `‰` (by 1000) | right after the number |
//!
//! Separators between digits:
//!
//! - grouping may be `,` `.` `'` `’` U+00A0, U+2009, U+202F, and a plain space, always
//!   between groups of exactly three digits after a first group of one to three digits
//!   (`1 234 567`); a number ends before a group that breaks this rule (`2023.07.04` reads
//!   2023, `12 345` reads 12345 but `5 10` reads 5);
//! - the decimal separator is `.` or `,`. When both occur in a number, the last one is the
//!   decimal separator (`1.234,5` = 1234.5, `1,234.5` = 1234.5). A separator that occurs
//!   more than once is grouping (`1.234.567` = 1234567). A single `,` followed by exactly
//!   three digits, after one to three digits and with no other separator, is grouping
//!   (`1,234` = 1234); any other single `,` is decimal (`1,5` = 1.5). A single `.` is
//!   always decimal (`1.234` = 1.234).
//!
//! ## Rounding
//!
//! | [`Rounding`] | name | 2.5 | -2.5 | 2.4 |
//! | --- | --- | --- | --- | --- |
//! | `HalfUp` | `half_up` | 3 | -3 | 2 |
//! | `HalfEven` | `half_even` | 2 | -2 | 2 |
//! | `Up` | `up` | 3 | -2 | 3 |
//! | `Down` | `down` | 2 | -3 | 2 |
//! | `TowardZero` | `toward_zero` | 2 | -2 | 2 |
//!
//! ## Writing a number
//!
//! [`format_plain`] writes the shortest exact text (`2.500` is `2.5`); [`NumberPattern`]
//! writes with a spreadsheet pattern (its module docs have the table).

mod arith;
mod digits;
mod error;
pub mod infer;
pub mod pattern;
pub mod read;
pub mod round;

pub use arith::{add, divide, format_plain, multiply, normalize, subtract};
pub use error::NumberError;
pub use infer::infer_patterns;
pub use pattern::{NumberPattern, PatternError};
pub use read::read_number;
pub use round::{Rounding, round_places, round_significant, round_to_multiple};
pub use rust_decimal::Decimal;
