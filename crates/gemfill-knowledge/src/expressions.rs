//! Arithmetic typed into a cell, evaluated safely: numbers, operators, parentheses and a
//! fixed list of spreadsheet functions, nothing else.
//!
//! | function | takes | example |
//! | --- | --- | --- |
//! | [`calc`] | text | `3 x 4` -> 12; `15% of 80` -> 12; `=SUM(3,4,5)` -> 12; `√16` -> 4 |
//! | [`calc_fraction`] | text | `1/2+1/3` -> `5/6` |
//! | [`calc_condition`] | text | `4 >= 4` -> true |
//! | [`simplify_ratio`] | text | `1920:1080` -> `16:9` |
//!
//! Evaluation is exact on fractions of 128-bit integers and falls back to 28-digit
//! decimals where those overflow or a root is irrational. Inputs are bounded (1000
//! characters, 64 levels of nesting, exponents up to 1000), so no input takes long or
//! exhausts the stack. A hand-written parser rather than `evalexpr`: this one reads the
//! forms people type (`x`, `×`, `÷`, `²`, `√`, `%` `of`, number words, mixed numbers
//! `1 1/2`) and computes exactly.
//!
//! Modules: `lexer` (tokens), `parser` (recursive descent that evaluates as it goes),
//! `number` (exact fractions and decimals).

mod lexer;
mod number;
mod parser;

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use lexer::tokenize;
use number::Number;
use parser::Parser;

pub use parser::FUNCTIONS;

/// The longest expression evaluated, in characters.
pub const MAX_LENGTH: usize = 1000;

fn parser(text: &str) -> Result<Parser<'_>> {
    if text.chars().count() > MAX_LENGTH {
        return Err(Error::out_of_range(
            format!("an expression of {} characters", text.chars().count()),
            "1000 characters",
        ));
    }
    Ok(Parser::new(text, tokenize(text.trim())?))
}

/// The value of the arithmetic expression `text`.
///
/// Numbers: `12`, `4.50`, `1,250` (outside parentheses), `1 1/2`, and in words (`three
/// plus four`). Operators: `+`, `-`/`−`/"minus", `*`/`x`/`×`/`@`/"times", `/`/`÷`/"divided
/// by"/"over", `^`/`**`, `²`, `³`, `√`, `%` (per cent: `15% of 80` is 12, `50 + 10%` is
/// 50.1 as in spreadsheets), "mod" (the remainder with the divisor's sign), and
/// parentheses. Functions, with a leading `=` allowed: SUM, AVERAGE (AVG, MEAN), MIN, MAX,
/// PRODUCT, COUNT, MEDIAN, ABS, SQRT, POWER, MOD, INT, ROUND. Arithmetic is exact on
/// fractions (`1/3*3` is 1); powers take whole exponents (and ^0.5); irrational roots are
/// 28-digit decimals. Nothing else is evaluated: no variables, at most 1000 characters
/// and 64 levels of nesting.
///
/// ```
/// # use gemfill_knowledge::expressions::calc;
/// assert_eq!(calc("(2+3)*4").unwrap().to_string(), "20");
/// assert_eq!(calc("15% of 80").unwrap().to_string(), "12");
/// assert_eq!(calc("=SUM(3,4,5)").unwrap().to_string(), "12");
/// assert_eq!(calc("√16").unwrap().to_string(), "4");
/// assert!(calc("2 +").is_err());
/// ```
pub fn calc(text: &str) -> Result<Decimal> {
    Ok(parser(text)?.value()?.to_decimal()?.normalize())
}

/// The value of the arithmetic expression `text` (see [`calc`]) as a fraction in lowest
/// terms (`1/2+1/3` -> `5/6`), or a whole number (`1/2+1/2` -> `1`); an error when the
/// value is irrational.
///
/// ```
/// # use gemfill_knowledge::expressions::calc_fraction;
/// assert_eq!(calc_fraction("2/3-1/6").unwrap(), "1/2");
/// ```
pub fn calc_fraction(text: &str) -> Result<String> {
    match parser(text)?.value()? {
        Number::Exact {
            numerator,
            denominator: 1,
        } => Ok(numerator.to_string()),
        Number::Exact {
            numerator,
            denominator,
        } => Ok(format!("{numerator}/{denominator}")),
        Number::Approximate(_) => Err(Error::Arithmetic("the value is not a fraction")),
    }
}

/// Whether the comparison `text` holds: two expressions (see [`calc`]) around `<`, `<=`,
/// `>`, `>=`, `=`, `==`, `<>`, `!=`, `≤`, `≥` or `≠`.
///
/// ```
/// # use gemfill_knowledge::expressions::calc_condition;
/// assert!(calc_condition("4 >= 4").unwrap());
/// assert!(!calc_condition("2+2 = 5").unwrap());
/// ```
pub fn calc_condition(text: &str) -> Result<bool> {
    parser(text)?.condition()
}

/// A ratio `a:b` (or `a:b:c`...) in lowest terms: `1920:1080` -> `16:9`; decimals scale
/// up first (`1.5:3` -> `1:2`).
///
/// ```
/// # use gemfill_knowledge::expressions::simplify_ratio;
/// assert_eq!(simplify_ratio("12:8").unwrap(), "3:2");
/// ```
pub fn simplify_ratio(text: &str) -> Result<String> {
    let malformed = || Error::malformed(text, "a ratio like 16:9");
    let parts: Vec<Decimal> = text
        .split(':')
        .map(|part| part.trim().parse::<Decimal>().map_err(|_| malformed()))
        .collect::<Result<_>>()?;
    if parts.len() < 2
        || parts
            .iter()
            .any(|part| part.is_sign_negative() || part.is_zero())
    {
        return Err(malformed());
    }
    let scale = parts
        .iter()
        .map(|part| part.normalize().scale())
        .max()
        .unwrap_or(0);
    let whole: Vec<i128> = parts
        .iter()
        .map(|part| {
            let scaled = part.normalize();
            let mantissa = scaled.mantissa();
            10i128
                .checked_pow(scale - scaled.scale())
                .and_then(|factor| mantissa.checked_mul(factor))
                .ok_or_else(malformed)
        })
        .collect::<Result<_>>()?;
    let divisor = whole.iter().fold(0i128, |acc, &value| gcd(acc, value));
    Ok(whole
        .iter()
        .map(|value| (value / divisor).to_string())
        .collect::<Vec<_>>()
        .join(":"))
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> String {
        calc(text).unwrap().to_string()
    }

    #[test]
    fn arithmetic_people_type() {
        for (text, expected) in [
            ("3+6", "9"),
            ("10-4", "6"),
            ("3-9", "-6"),
            ("2*6", "12"),
            ("3 x 4", "12"),
            ("7 × 6", "42"),
            ("3x4", "12"),
            ("10/4", "2.5"),
            ("7/8", "0.875"),
            ("2+3*4", "14"),
            ("10-6/2", "7"),
            ("(2+3)*4", "20"),
            ("(10+5)/3", "5"),
            ("2^10", "1024"),
            ("2**3", "8"),
            ("2^3^2", "512"),
            ("-2^2", "-4"),
            ("2^-1", "0.5"),
            ("5²", "25"),
            ("2³", "8"),
            ("12²", "144"),
            ("15% of 80", "12"),
            ("7.5% of 200", "15"),
            ("50 + 10%", "50.1"),
            ("4.50+2.25", "6.75"),
            ("19.99+0.01", "20"),
            ("-3*4", "-12"),
            ("-2-5", "-7"),
            ("6*-2", "-12"),
            ("=SUM(3,4,5)", "12"),
            ("=MAX(2,9,4)", "9"),
            ("=AVERAGE(2,4,9)", "5"),
            ("=2*3+1", "7"),
            ("=(1+2)^2", "9"),
            ("17 mod 5", "2"),
            ("-7 mod 3", "2"),
            ("3/8", "0.375"),
            ("1 1/2", "1.5"),
            ("5 1/8", "5.125"),
            ("√16", "4"),
            ("√144", "12"),
            ("√(9+16)", "5"),
            ("three plus four", "7"),
            ("ten minus two", "8"),
            ("six times seven", "42"),
            ("twenty divided by four", "5"),
            ("4 @ 2.50", "10"),
            ("1,250 + 30", "1280"),
            ("$4.50 + $2.25", "6.75"),
            ("1/3*3", "1"),
            ("=ROUND(2.345, 2)", "2.35"),
            ("=MEDIAN(3,1,2,10)", "2.5"),
            ("=INT(-2.5)", "-3"),
            ("=POWER(2,8)", "256"),
            ("=ABS(-3)", "3"),
            ("=PRODUCT(2,3,4)", "24"),
            ("2^0.5 * 2^0.5", "2"),
        ] {
            assert_eq!(value(text), expected, "{text}");
        }
        assert!(value("√2").starts_with("1.41421356237309504880"));
    }

    #[test]
    fn fractions_and_comparisons() {
        assert_eq!(calc_fraction("1/2+1/3").unwrap(), "5/6");
        assert_eq!(calc_fraction("1/4+1/4").unwrap(), "1/2");
        assert_eq!(calc_fraction("1/2+1/2").unwrap(), "1");
        assert_eq!(calc_fraction("-1/2").unwrap(), "-1/2");
        assert!(calc_fraction("√2").is_err());
        assert!(calc_condition("3 > 2").unwrap());
        assert!(!calc_condition("5 < 1").unwrap());
        assert!(calc_condition("1/3 ≤ 0.34").unwrap());
        assert!(calc_condition("2 <> 3").unwrap());
        assert!(calc_condition("3 + 2").is_err());
        assert!(calc_condition("1 < 2 < 3").is_err());
    }

    #[test]
    fn ratios() {
        assert_eq!(simplify_ratio("1920:1080").unwrap(), "16:9");
        assert_eq!(simplify_ratio("6:3").unwrap(), "2:1");
        assert_eq!(simplify_ratio("1.5:3").unwrap(), "1:2");
        assert_eq!(simplify_ratio("4:6:8").unwrap(), "2:3:4");
        for bad in ["", "16", "a:b", "0:5", "-1:2"] {
            assert!(simplify_ratio(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn errors_point_at_the_problem() {
        for bad in [
            "",
            "2 +",
            "(2+3",
            "2+3)",
            "1/0",
            "2 bananas",
            "FOO(1)",
            "SUM()",
            "ROUND(1,2,3)",
            "√-4",
            "2^1001",
            "0^-1",
            "10 mod 0",
            "=",
            "2 2",
            "3 >",
        ] {
            assert!(calc(bad).is_err(), "{bad}");
        }
        let deep = format!("{}1{}", "(".repeat(100), ")".repeat(100));
        assert!(calc(&deep).is_err());
        assert!(calc(&"1+".repeat(600)).is_err());
        assert!(calc(&"9".repeat(40)).is_err());
        match calc("2 + * 3") {
            Err(Error::Expression { position, .. }) => assert_eq!(position, 4),
            other => panic!("{other:?}"),
        }
    }
}
