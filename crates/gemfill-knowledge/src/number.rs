//! Reading numbers written in text, as people write them: `1,536`, `-4`, `−4` (the
//! Unicode minus), `.5`, `3,5` (a decimal comma), `1.5e3`, `1/2`, `1 1/2`, `1½`.
//!
//! A comma is a thousands separator when groups of exactly three digits follow it
//! (`29,032`, `1,536,000`), and otherwise a decimal comma (`3,5`, `0,25`) unless a list
//! goes on after it (`255,99,71` is three numbers). A fraction's value is rounded to the
//! 28 significant digits of a [`Decimal`] (`1/3`).

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// The first number written in `text` (see the [module docs](self) for the forms read).
///
/// ```
/// # use gemfill_knowledge::number::read_number;
/// assert_eq!(read_number("29,032 ft").unwrap().to_string(), "29032");
/// assert_eq!(read_number("1 1/2 cups").unwrap().to_string(), "1.5");
/// assert!(read_number("no digits").is_err());
/// ```
pub fn read_number(text: &str) -> Result<Decimal> {
    match find_number(text, 0)? {
        Some(found) => Ok(found.value),
        None => Err(Error::NoNumber {
            text: text.to_string(),
        }),
    }
}

/// The shortest exact text of a number: no trailing zeros, no exponent (`2.50` -> `2.5`).
pub fn number_text(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A number found in a text, with where it is written (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FoundNumber {
    pub value: Decimal,
    pub start: usize,
    pub end: usize,
}

/// The first number at or after byte offset `from` of `text`.
pub(crate) fn find_number(text: &str, from: usize) -> Result<Option<FoundNumber>> {
    let mut previous: Option<char> = text.get(..from).and_then(|head| head.chars().next_back());
    for (offset, c) in text.get(from..).unwrap_or("").char_indices() {
        let start = from + offset;
        let after_word = previous.is_some_and(|p| p.is_alphanumeric() || p == '.');
        previous = Some(c);
        if is_sign(c) && after_word {
            continue;
        }
        if let Some((value, end)) = number_at(text, start)? {
            return Ok(Some(FoundNumber { value, start, end }));
        }
    }
    Ok(None)
}

/// The number written exactly at byte offset `start` of `text`, and where it ends.
pub(crate) fn number_at(text: &str, start: usize) -> Result<Option<(Decimal, usize)>> {
    let bytes = text.as_bytes();
    let mut at = start;
    let mut negative = false;
    if let Some(c) = text.get(at..).and_then(|rest| rest.chars().next())
        && is_sign(c)
    {
        negative = c != '+';
        at += c.len_utf8();
    }
    let Some((mut value, mut end)) = unsigned_at(text, at)? else {
        return Ok(None);
    };
    // A sign written apart from its number ("- 5") is not read as one.
    if at > start && end == at {
        return Ok(None);
    }
    if let Some((fraction, fraction_end)) = vulgar_fraction_at(text, end) {
        value = (value + fraction).normalize();
        end = fraction_end;
    } else if bytes.get(end) == Some(&b' ')
        && is_integer_text(&text[at..end])
        && let Some((fraction, fraction_end)) = simple_fraction_at(text, end + 1)?
    {
        value = (value + fraction).normalize();
        end = fraction_end;
    }
    Ok(Some((if negative { -value } else { value }, end)))
}

fn is_sign(c: char) -> bool {
    matches!(c, '-' | '+' | '\u{2212}')
}

fn is_integer_text(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// An unsigned number at `at`: digits with separators, a decimal part, an exponent, or a
/// fraction `a/b`; or a lone vulgar fraction.
fn unsigned_at(text: &str, at: usize) -> Result<Option<(Decimal, usize)>> {
    let bytes = text.as_bytes();
    let digits_end = |from: usize| {
        let mut end = from;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        end
    };
    let int_end = digits_end(at);
    let mut literal: String = text[at..int_end].to_string();
    let mut end = int_end;
    if int_end == at {
        if let Some(found) = vulgar_fraction_at(text, at) {
            return Ok(Some(found));
        }
        if bytes.get(at) != Some(&b'.') || !bytes.get(at + 1).is_some_and(u8::is_ascii_digit) {
            return Ok(None);
        }
        literal.push('0');
    }
    let mut grouped = false;
    if int_end - at <= 3 && int_end > at {
        while bytes.get(end) == Some(&b',') && digits_end(end + 1) == end + 4 {
            literal.push_str(&text[end + 1..end + 4]);
            end += 4;
            grouped = true;
        }
    }
    let mut has_point = false;
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        let fraction_end = digits_end(end + 1);
        literal.push_str(&text[end..fraction_end]);
        end = fraction_end;
        has_point = true;
    } else if !grouped && end > at && bytes.get(end) == Some(&b',') {
        let fraction_end = digits_end(end + 1);
        let list_goes_on = bytes.get(fraction_end) == Some(&b',')
            && bytes.get(fraction_end + 1).is_some_and(u8::is_ascii_digit);
        if fraction_end > end + 1 && fraction_end != end + 4 && !list_goes_on {
            literal.push('.');
            literal.push_str(&text[end + 1..fraction_end]);
            end = fraction_end;
            has_point = true;
        }
    }
    if let Some(exponent_end) = exponent_end(bytes, end) {
        let exponent: i64 = text[end + 1..exponent_end].parse().unwrap_or(i64::MAX);
        let value = parse_literal(&literal)?;
        let scaled = scale_by_power_of_ten(value, exponent)?;
        return Ok(Some((scaled, exponent_end)));
    }
    if !has_point
        && !grouped
        && let Some((fraction, fraction_end)) = fraction_tail(text, at, end)?
    {
        return Ok(Some((fraction, fraction_end)));
    }
    Ok(Some((parse_literal(&literal)?, end)))
}

/// Where an exponent (`e3`, `E-6`) written at `at` ends, if one is.
fn exponent_end(bytes: &[u8], at: usize) -> Option<usize> {
    if !matches!(bytes.get(at), Some(b'e' | b'E')) {
        return None;
    }
    let mut end = at + 1;
    if matches!(bytes.get(end), Some(b'+' | b'-')) {
        end += 1;
    }
    let digits_start = end;
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    let followed_by_letter = bytes.get(end).is_some_and(u8::is_ascii_alphabetic);
    (end > digits_start && end - digits_start <= 3 && !followed_by_letter).then_some(end)
}

fn scale_by_power_of_ten(value: Decimal, exponent: i64) -> Result<Decimal> {
    let too_big = || Error::out_of_range(format!("{value}e{exponent}"), "the range of numbers");
    if exponent.unsigned_abs() > 56 {
        return Err(too_big());
    }
    let mut result = value;
    for _ in 0..exponent.unsigned_abs() {
        result = if exponent > 0 {
            result.checked_mul(Decimal::TEN).ok_or_else(too_big)?
        } else {
            result / Decimal::TEN
        };
    }
    Ok(result)
}

/// `a/b` where `a` is the digits `text[at..end]`.
fn fraction_tail(text: &str, at: usize, end: usize) -> Result<Option<(Decimal, usize)>> {
    if text.as_bytes().get(end) != Some(&b'/') {
        return Ok(None);
    }
    let bytes = text.as_bytes();
    let mut denominator_end = end + 1;
    while bytes.get(denominator_end).is_some_and(u8::is_ascii_digit) {
        denominator_end += 1;
    }
    if denominator_end == end + 1 || bytes.get(denominator_end) == Some(&b'/') {
        return Ok(None);
    }
    let numerator = parse_literal(&text[at..end])?;
    let denominator = parse_literal(&text[end + 1..denominator_end])?;
    if denominator.is_zero() {
        return Ok(None);
    }
    Ok(Some((
        (numerator / denominator).normalize(),
        denominator_end,
    )))
}

/// A fraction `a/b` of plain digits at `at` (the tail of a mixed number `1 1/2`).
fn simple_fraction_at(text: &str, at: usize) -> Result<Option<(Decimal, usize)>> {
    let bytes = text.as_bytes();
    let mut end = at;
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    if end == at {
        return Ok(None);
    }
    fraction_tail(text, at, end)
}

/// The single-character fractions of Unicode (`½`, `¾`), alone or after digits, maybe
/// after one space.
fn vulgar_fraction_at(text: &str, at: usize) -> Option<(Decimal, usize)> {
    let rest = text.get(at..)?;
    let (skip, rest) = match rest.strip_prefix(' ') {
        Some(after_space) if at > 0 => (1, after_space),
        _ => (0, rest),
    };
    let c = rest.chars().next()?;
    let (numerator, denominator) = match c {
        '½' => (1, 2),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅕' => (1, 5),
        '⅖' => (2, 5),
        '⅗' => (3, 5),
        '⅘' => (4, 5),
        '⅙' => (1, 6),
        '⅚' => (5, 6),
        '⅛' => (1, 8),
        '⅜' => (3, 8),
        '⅝' => (5, 8),
        '⅞' => (7, 8),
        _ => return None,
    };
    Some((
        (Decimal::from(numerator) / Decimal::from(denominator)).normalize(),
        at + skip + c.len_utf8(),
    ))
}

fn parse_literal(literal: &str) -> Result<Decimal> {
    Decimal::from_str(literal).map_err(|_| Error::out_of_range(literal, "the range of numbers"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        number_text(read_number(text).unwrap())
    }

    #[test]
    fn reads_the_forms_people_write() {
        assert_eq!(read("12 km"), "12");
        assert_eq!(read("29,032 ft"), "29032");
        assert_eq!(read("1,536,000"), "1536000");
        assert_eq!(read("-4°F"), "-4");
        assert_eq!(read("\u{2212}4"), "-4");
        assert_eq!(read(".5 L"), "0.5");
        assert_eq!(read("3,5 kg"), "3.5");
        assert_eq!(read("255,99,71"), "255");
        assert_eq!(read("1.5e3 m"), "1500");
        assert_eq!(read("1/2 cup"), "0.5");
        assert_eq!(read("1 1/2 cups"), "1.5");
        assert_eq!(read("2½ tsp"), "2.5");
        assert_eq!(read("¾"), "0.75");
        assert_eq!(read("$1,250.75"), "1250.75");
        assert_eq!(read("Room B-12"), "12");
        assert_eq!(read("1/0"), "1");
    }

    #[test]
    fn errors_say_what_is_missing() {
        assert!(matches!(read_number("none"), Err(Error::NoNumber { .. })));
        assert!(matches!(
            read_number("99999999999999999999999999999999"),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(
            read_number("1e999"),
            Err(Error::OutOfRange { .. })
        ));
    }
}
