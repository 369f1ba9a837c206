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

pub mod infer;
pub mod pattern;
pub mod read;
pub mod round;

pub use infer::infer_patterns;
pub use pattern::{NumberPattern, PatternError};
pub use read::read_number;
pub use round::{Rounding, round_places, round_significant, round_to_multiple};
pub use rust_decimal::Decimal;

/// Why a number could not be read or computed. Messages speak to a spreadsheet user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// The text has no digits that form a number.
    #[error("'{0}' has no number in it")]
    NoNumber(String),
    /// The number in the text has more digits than an exact number can hold.
    #[error("'{0}' is too large or too precise for an exact number (at most 28 digits)")]
    OutOfRange(String),
    /// An arithmetic result is too large to be exact.
    #[error("{0} overflows: the result is larger than an exact number can hold")]
    Overflow(&'static str),
    /// Division (or rounding to a multiple) by zero.
    #[error("division by zero")]
    DivisionByZero,
    /// A rounding step that is zero or negative.
    #[error("the step to round to must be greater than zero, not {0}")]
    BadStep(Decimal),
    /// A number of significant digits outside 1..=28.
    #[error("cannot round to {0} significant digits: give 1 to 28")]
    BadDigits(u32),
    /// A number of decimal places outside 0..=28.
    #[error("cannot round to {0} decimal places: give 0 to 28")]
    BadPlaces(u32),
}

/// The most significant digits a division result keeps.
const DIVISION_DIGITS: u32 = 28;

/// `a + b`; an error when the sum is too large.
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, NumberError> {
    a.checked_add(b).ok_or(NumberError::Overflow("addition"))
}

/// `a - b`; an error when the difference is too large.
pub fn subtract(a: Decimal, b: Decimal) -> Result<Decimal, NumberError> {
    a.checked_sub(b).ok_or(NumberError::Overflow("subtraction"))
}

/// `a * b`; an error when the product is too large.
pub fn multiply(a: Decimal, b: Decimal) -> Result<Decimal, NumberError> {
    a.checked_mul(b)
        .ok_or(NumberError::Overflow("multiplication"))
}

/// `a / b`, kept to at most 28 significant digits (rounded half away from zero) and
/// without trailing zeros; an error when `b` is zero or the quotient is too large.
pub fn divide(a: Decimal, b: Decimal) -> Result<Decimal, NumberError> {
    if b.is_zero() {
        return Err(NumberError::DivisionByZero);
    }
    let quotient = a.checked_div(b).ok_or(NumberError::Overflow("division"))?;
    // Rounding a 29-digit quotient near the largest decimal up could overflow; cutting
    // it cannot.
    let kept = round_significant(quotient, DIVISION_DIGITS, Rounding::HalfUp)
        .or_else(|_| round_significant(quotient, DIVISION_DIGITS, Rounding::TowardZero))?;
    Ok(kept.normalize())
}

/// `value` without trailing zeros in its decimals (`2.500` becomes `2.5`, `3.0` becomes 3).
pub fn normalize(value: Decimal) -> Decimal {
    value.normalize()
}

/// The shortest exact decimal text of `value`: no trailing zeros, no exponent, a minus
/// only when the value is negative (`2.500` -> `2.5`, `3.0` -> `3`, `-0` -> `0`).
pub fn format_plain(value: Decimal) -> String {
    if value.is_zero() {
        return "0".to_owned();
    }
    value.normalize().to_string()
}

/// A decimal's digits as text and where its point sits: the shared view that rounding and
/// pattern writing work on, free of any overflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Digits {
    /// Whether the value is below zero (never true for zero).
    pub negative: bool,
    /// The magnitude's digits, most significant first, without leading zeros ("" is 0).
    pub digits: Vec<u8>,
    /// How many of `digits` are decimals; may be negative (trailing zeros not stored) or
    /// larger than the digit count (leading zeros after the point).
    pub scale: i32,
}

impl Digits {
    /// The digits of `value`.
    pub fn of(value: Decimal) -> Digits {
        let mantissa = value.mantissa().unsigned_abs();
        let digits: Vec<u8> = if mantissa == 0 {
            Vec::new()
        } else {
            mantissa.to_string().bytes().map(|b| b - b'0').collect()
        };
        let negative = mantissa != 0 && value.is_sign_negative();
        let mut out = Digits {
            negative,
            digits,
            scale: value.scale() as i32,
        };
        out.trim_trailing_zeros();
        out
    }

    fn trim_trailing_zeros(&mut self) {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
            self.scale -= 1;
        }
        if self.digits.is_empty() {
            self.scale = 0;
            self.negative = false;
        }
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The power of ten of the leading digit (`123.4` is 2, `0.05` is -2); 0 for zero.
    pub fn leading_exponent(&self) -> i32 {
        if self.is_zero() {
            0
        } else {
            self.digits.len() as i32 - 1 - self.scale
        }
    }

    /// The value times 10^`power` (exact).
    pub fn shifted(mut self, power: i32) -> Digits {
        self.scale -= power;
        self
    }

    /// Rounds half away from zero to `places` decimals (exact, never overflows).
    pub fn round_half_away(mut self, places: i32) -> Digits {
        let drop = self.scale - places;
        if drop <= 0 {
            return self;
        }
        let keep = self.digits.len() as i64 - drop as i64;
        if keep < 0 {
            self.digits.clear();
            self.trim_trailing_zeros();
            return self;
        }
        let keep = keep as usize;
        let round_up = self.digits.get(keep).is_some_and(|&d| d >= 5);
        self.digits.truncate(keep);
        self.scale = places;
        if round_up {
            let mut at = keep;
            loop {
                if at == 0 {
                    self.digits.insert(0, 1);
                    break;
                }
                at -= 1;
                if self.digits[at] == 9 {
                    self.digits[at] = 0;
                } else {
                    self.digits[at] += 1;
                    break;
                }
            }
        }
        self.trim_trailing_zeros();
        self
    }

    /// The integer part's digits (empty for a value below one) and the decimals padded to
    /// exactly `places` digits. Call after rounding to `places`.
    pub fn split(&self, places: usize) -> (Vec<u8>, Vec<u8>) {
        let scale = self.scale.max(0) as usize;
        let len = self.digits.len();
        let mut int: Vec<u8> = if scale >= len {
            Vec::new()
        } else {
            self.digits[..len - scale].to_vec()
        };
        if self.scale < 0 {
            int.extend(std::iter::repeat_n(0, (-self.scale) as usize));
        }
        let mut frac: Vec<u8> = std::iter::repeat_n(0, scale.saturating_sub(len)).collect();
        frac.extend_from_slice(&self.digits[len.saturating_sub(scale)..]);
        frac.resize(places.max(frac.len()), 0);
        frac.truncate(places);
        (int, frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn plain_text_is_shortest_and_exact() {
        for (value, text) in [
            ("2.500", "2.5"),
            ("3.0", "3"),
            ("-0.00", "0"),
            ("-12.340", "-12.34"),
            ("1000", "1000"),
            ("0.000001", "0.000001"),
        ] {
            assert_eq!(format_plain(d(value)), text, "{value}");
        }
    }

    #[test]
    fn arithmetic_reports_overflow_and_division_by_zero() {
        assert_eq!(add(d("1.5"), d("2.25")).unwrap(), d("3.75"));
        assert_eq!(subtract(d("1"), d("2.5")).unwrap(), d("-1.5"));
        assert_eq!(multiply(d("1.5"), d("4")).unwrap(), d("6.0"));
        assert_eq!(divide(d("1"), d("4")).unwrap(), d("0.25"));
        assert_eq!(
            divide(d("2"), d("3")).unwrap().to_string(),
            "0.6666666666666666666666666667"
        );
        assert_eq!(
            divide(d("10"), d("3")).unwrap().to_string(),
            "3.333333333333333333333333333"
        );
        assert_eq!(divide(d("1"), d("0")), Err(NumberError::DivisionByZero));
        assert_eq!(
            multiply(Decimal::MAX, d("2")),
            Err(NumberError::Overflow("multiplication"))
        );
        assert_eq!(
            add(Decimal::MAX, d("1")),
            Err(NumberError::Overflow("addition"))
        );
        assert_eq!(normalize(d("2.500")).to_string(), "2.5");
    }

    #[test]
    fn digits_round_and_split() {
        let digits = Digits::of(d("2.675")).round_half_away(2);
        assert_eq!(digits.split(2), (vec![2], vec![6, 8]));
        let digits = Digits::of(d("9.996")).round_half_away(2);
        assert_eq!(digits.split(2), (vec![1, 0], vec![0, 0]));
        let digits = Digits::of(d("0.004")).round_half_away(2);
        assert!(digits.is_zero());
        assert_eq!(Digits::of(d("1200")).split(0), (vec![1, 2, 0, 0], vec![]));
        assert_eq!(Digits::of(d("0.05")).leading_exponent(), -2);
        assert_eq!(Digits::of(d("123.4")).leading_exponent(), 2);
    }
}
