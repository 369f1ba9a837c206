//! Arithmetic on exact decimals with overflow as an error, and the plainest way to
//! write a decimal.

use rust_decimal::Decimal;

use super::error::NumberError;
use super::round::{Rounding, round_significant};

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
}
