//! [`NumberPattern`]: writing numbers with spreadsheet (`TEXT()`-style) patterns.
//!
//! | in a pattern | means | pattern: value -> text |
//! | --- | --- | --- |
//! | `0` | a digit, padded with zero | `000`: 7 -> `007`; `0.000`: 18.5 -> `18.500` |
//! | `#` | a digit, only when needed | `0.##`: 2.5 -> `2.5`, 3 -> `3`; `#.00`: 0.5 -> `.50` |
//! | `.` | the decimal separator, written only when a decimal digit follows | `0.#`: 3 -> `3` |
//! | `,` | grouping every three digits | `#,##0`: 1234567 -> `1,234,567` |
//! | `#.##0,00`, `#'##0.00`, `# ##0` | European and Swiss grouping | `#.##0,00`: 1234.5 -> `1.234,50` |
//! | `%`, `‰` | multiply by 100 (1000) and write the sign | `0.0%`: 0.125 -> `12.5%` |
//! | `E+`, `E-`, `e+`, `e-` | scientific notation; `+` always writes the exponent's sign | `0.00E+00`: 1234 -> `1.23E+03`; `0.0e-0`: 0.05 -> `5.0e-2` |
//! | `"text"` | literal text | `"USD "0.00`: 5 -> `USD 5.00` |
//! | `\c` | the character `c` as itself | `0\x`: 3 -> `3x` |
//! | `$ € £ ¥ ₹ ₩ - + ( ) : /` and space | themselves | `$#,##0.00`: -1.5 -> `-$1.50` |
//! | `;` | sections: `positive;negative;zero` | `0.00;(0.00)`: -3.2 -> `(3.20)`; `+0.0;-0.0;0` |
//!
//! Which separator is which: when the numeric part of a pattern (from its first digit
//! placeholder to its last) has both `.` and `,`, the last of them is the decimal
//! separator and the other groups. Otherwise `,`, `'` and space group, and `.` is the
//! decimal separator unless it follows a `#` and is followed by exactly three placeholders
//! ending in `0`, as in `#.##0` (so `#.###` still means up to three decimals). Like
//! reading, a single `,` followed by other than three placeholders is the decimal separator
//! (`0,00`: 2.5 -> `2,50`), so that decimal commas without grouping can be written. Grouping separators may sit anywhere in the integer part: digits are
//! always grouped in threes. Literal characters between placeholders stay in place and
//! placeholders are filled from the right (`000-00-0000`: 123456789 -> `123-45-6789`);
//! integer digits beyond the placeholders go into the leftmost one.
//!
//! Values are rounded half away from zero to the decimals shown. With one section, a
//! negative value gets a minus in front of everything (`-$1.50`); with two or three, the
//! negative section writes the magnitude and its own signs. A value that rounds to zero is
//! written by the zero section (the first when there is none) and never with a minus.

use std::fmt;

use rust_decimal::Decimal;

use super::digits::Digits;

/// Characters that a pattern writes as themselves without quotes.
const PLAIN_LITERALS: [char; 12] = ['$', '€', '£', '¥', '₹', '₩', '-', '+', '(', ')', ':', '/'];

/// A parsed number pattern, ready to write many values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NumberPattern {
    source: String,
    sections: Vec<Section>,
}

/// Why a number pattern is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("pattern \"{pattern}\": {problem}")]
pub struct PatternError {
    /// The pattern as given.
    pub pattern: String,
    /// What is wrong with it.
    pub problem: PatternProblem,
}

/// What is wrong with a number pattern.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternProblem {
    /// The pattern (or one of its sections) is empty.
    #[error("the pattern is empty")]
    Empty,
    /// A character with no meaning in number patterns.
    #[error("'{0}' is not a number placeholder; put literal text in double quotes")]
    UnexpectedCharacter(char),
    /// A `"` that is never closed.
    #[error("a double quote is not closed")]
    UnclosedQuote,
    /// A `\` at the very end.
    #[error("a backslash at the end escapes nothing")]
    DanglingBackslash,
    /// More than three `;`-separated sections.
    #[error("a pattern has at most three sections: positive;negative;zero")]
    TooManySections,
    /// Two decimal separators in one section.
    #[error("a number has only one decimal separator")]
    TwoDecimalSeparators,
    /// A grouping separator after the decimal separator.
    #[error("'{0}' groups digits, which decimals cannot have")]
    GroupingInDecimals(char),
    /// A separator outside the digit placeholders.
    #[error("'{0}' must stand between digit placeholders (0 or #)")]
    MisplacedSeparator(char),
    /// An exponent marker without digit placeholders around it.
    #[error("scientific notation needs digit placeholders before and after 'E'")]
    ExponentWithoutDigits,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Token {
    Literal(String),
    IntDigit,
    Point,
    FracDigit,
    Exponent { upper: bool, plus: bool },
    ExpDigit,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Section {
    tokens: Vec<Token>,
    decimal: char,
    grouping: Option<char>,
    /// Integer digits always written (padding with zeros).
    int_min: usize,
    int_places: usize,
    frac_min: usize,
    frac_max: usize,
    exp_min: usize,
    /// Powers of ten that `%` and `‰` multiply by.
    power: i32,
    /// Exponents are multiples of the integer placeholders (`##0.0E+0`).
    engineering: bool,
    has_digits: bool,
}

/// A token before separators are resolved.
enum Raw {
    Literal(String),
    Digit(bool),
    Sep(char),
    Percent(char),
    Exponent { upper: bool, plus: bool },
}

impl NumberPattern {
    /// Parses a pattern such as `#,##0.00` or `0.00;(0.00)`.
    pub fn parse(source: &str) -> Result<NumberPattern, PatternError> {
        let error = |problem| PatternError {
            pattern: source.to_owned(),
            problem,
        };
        let raw_sections = split_sections(source).map_err(error)?;
        if raw_sections.len() > 3 {
            return Err(error(PatternProblem::TooManySections));
        }
        let sections = raw_sections
            .into_iter()
            .map(resolve)
            .collect::<Result<Vec<_>, _>>()
            .map_err(error)?;
        Ok(NumberPattern {
            source: source.to_owned(),
            sections,
        })
    }

    /// The pattern as it was written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Writes `value` with this pattern. Never fails: writing works on the value's digits,
    /// so `%` and long paddings cannot overflow.
    pub fn format(&self, value: Decimal) -> String {
        let magnitude = Digits {
            negative: false,
            ..Digits::of(value)
        };
        let negative = Digits::of(value).negative;
        let rounds_to_zero = |section: &Section| section.rounded(magnitude.clone()).0.is_zero();
        let (section, minus) = if negative && self.sections.len() >= 2 {
            (&self.sections[1], false)
        } else {
            (&self.sections[0], negative)
        };
        if magnitude.is_zero() || rounds_to_zero(section) {
            let zero = self.sections.get(2).unwrap_or(&self.sections[0]);
            return zero.write(magnitude);
        }
        let written = section.write(magnitude);
        if minus {
            format!("-{written}")
        } else {
            written
        }
    }
}

impl fmt::Display for NumberPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// Tokenizes `source` into sections of raw tokens.
fn split_sections(source: &str) -> Result<Vec<Vec<Raw>>, PatternProblem> {
    let mut sections = Vec::new();
    let mut current = Vec::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        let token = match c {
            ';' => {
                sections.push(std::mem::take(&mut current));
                continue;
            }
            '"' => {
                let mut text = String::new();
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some(c) => text.push(c),
                        None => return Err(PatternProblem::UnclosedQuote),
                    }
                }
                Raw::Literal(text)
            }
            '\\' => Raw::Literal(
                chars
                    .next()
                    .ok_or(PatternProblem::DanglingBackslash)?
                    .to_string(),
            ),
            '0' | '#' => Raw::Digit(c == '0'),
            '.' | ',' | '\'' | ' ' => Raw::Sep(c),
            '%' | '‰' => Raw::Percent(c),
            'E' | 'e' if matches!(chars.peek(), Some('+' | '-')) => {
                let plus = chars.next() == Some('+');
                Raw::Exponent {
                    upper: c == 'E',
                    plus,
                }
            }
            c if PLAIN_LITERALS.contains(&c) => Raw::Literal(c.to_string()),
            c => return Err(PatternProblem::UnexpectedCharacter(c)),
        };
        current.push(token);
    }
    sections.push(current);
    if sections.iter().any(Vec::is_empty) {
        return Err(PatternProblem::Empty);
    }
    Ok(sections)
}

/// Decides which separators group and which is the decimal point, and counts places.
fn resolve(raw: Vec<Raw>) -> Result<Section, PatternProblem> {
    let exponent_at = raw
        .iter()
        .position(|token| matches!(token, Raw::Exponent { .. }));
    let mantissa_end = exponent_at.unwrap_or(raw.len());
    let digit_at = |token: &Raw| matches!(token, Raw::Digit(_));
    let first = raw[..mantissa_end].iter().position(digit_at);
    let last = raw[..mantissa_end].iter().rposition(digit_at);
    if exponent_at.is_some() && (first.is_none() || !raw[mantissa_end..].iter().any(digit_at)) {
        return Err(PatternProblem::ExponentWithoutDigits);
    }
    let (first, last) = (first.unwrap_or(usize::MAX), last.unwrap_or(0));
    let inside = |at: usize| first <= at && at <= last;
    let sep_in = |c: char| {
        raw.iter()
            .enumerate()
            .any(|(at, token)| inside(at) && matches!(token, Raw::Sep(s) if *s == c))
    };
    let last_dot_or_comma = (sep_in('.') && sep_in(','))
        .then(|| {
            raw.iter()
                .enumerate()
                .rev()
                .find_map(|(at, token)| match token {
                    Raw::Sep(c @ ('.' | ',')) if inside(at) => Some(*c),
                    _ => None,
                })
        })
        .flatten();
    let comma_count = raw
        .iter()
        .enumerate()
        .filter(|(at, token)| inside(*at) && matches!(token, Raw::Sep(',')))
        .count();
    let decimal_flags: Vec<bool> = (0..raw.len())
        .map(|at| match (&raw[at], last_dot_or_comma) {
            (Raw::Sep(c), Some(decimal)) => *c == decimal,
            (Raw::Sep('.'), None) => !dot_groups(&raw, at),
            (Raw::Sep(','), None) => comma_count == 1 && placeholders_after(&raw, at).len() != 3,
            _ => false,
        })
        .collect();
    let mut section = Section {
        tokens: Vec::new(),
        decimal: '.',
        grouping: None,
        int_min: 0,
        int_places: 0,
        frac_min: 0,
        frac_max: 0,
        exp_min: 0,
        power: 0,
        engineering: false,
        has_digits: first != usize::MAX,
    };
    // A space groups only between two placeholders (`# ##0`); elsewhere it is text.
    let space_groups: Vec<bool> = (0..raw.len())
        .map(|at| at > 0 && digit_at(&raw[at - 1]) && raw.get(at + 1).is_some_and(digit_at))
        .collect();
    let mut seen_point = false;
    let mut int_zero_seen = false;
    for (at, token) in raw.into_iter().enumerate() {
        let token = match token {
            Raw::Literal(text) => Token::Literal(text),
            Raw::Percent(c) => {
                section.power += if c == '%' { 2 } else { 3 };
                Token::Literal(c.to_string())
            }
            Raw::Exponent { upper, plus } => Token::Exponent { upper, plus },
            Raw::Sep(c)
                if at > last
                    && at < mantissa_end
                    && c == '.'
                    && !seen_point
                    && section.has_digits =>
            {
                seen_point = true;
                section.decimal = c;
                Token::Point
            }
            Raw::Sep('.') if at + 1 == first && !seen_point => {
                seen_point = true;
                Token::Point
            }
            Raw::Sep(' ') if !space_groups[at] => Token::Literal(" ".to_owned()),
            Raw::Sep(c) if !inside(at) => return Err(PatternProblem::MisplacedSeparator(c)),
            Raw::Sep(c) if decimal_flags[at] => {
                if seen_point {
                    return Err(PatternProblem::TwoDecimalSeparators);
                }
                seen_point = true;
                section.decimal = c;
                Token::Point
            }
            Raw::Sep(c) => {
                if seen_point {
                    return Err(PatternProblem::GroupingInDecimals(c));
                }
                section.grouping.get_or_insert(c);
                continue;
            }
            Raw::Digit(zero) if exponent_at.is_some_and(|e| at > e) => {
                section.exp_min += usize::from(zero || section.exp_min > 0);
                Token::ExpDigit
            }
            Raw::Digit(zero) if seen_point => {
                section.frac_max += 1;
                if zero {
                    section.frac_min = section.frac_max;
                }
                Token::FracDigit
            }
            Raw::Digit(zero) => {
                if section.int_places == 0 && !zero {
                    section.engineering = true;
                }
                int_zero_seen |= zero;
                section.int_places += 1;
                section.int_min += usize::from(int_zero_seen);
                Token::IntDigit
            }
        };
        section.tokens.push(token);
    }
    if seen_point && section.int_places == 0 {
        // `.00` still writes the integer digits, before the point.
        let point = section
            .tokens
            .iter()
            .position(|token| *token == Token::Point)
            .unwrap_or(0);
        section.tokens.insert(point, Token::IntDigit);
        section.int_places = 1;
    }
    section.engineering &= section.int_places > 1;
    Ok(section)
}

/// Whether the `.` at `at` groups: after a `#` and before exactly three placeholders of
/// which the last is `0` (`#.##0`; `#.###` keeps three optional decimals).
fn dot_groups(raw: &[Raw], at: usize) -> bool {
    let after_hash = at > 0 && matches!(raw[at - 1], Raw::Digit(false));
    let following = placeholders_after(raw, at);
    after_hash && following.len() == 3 && following[2]
}

/// The placeholders right after the separator at `at` (true for `0`, false for `#`).
fn placeholders_after(raw: &[Raw], at: usize) -> Vec<bool> {
    raw[at + 1..]
        .iter()
        .map_while(|token| match token {
            Raw::Digit(zero) => Some(*zero),
            _ => None,
        })
        .collect()
}

impl Section {
    /// The magnitude scaled by `%`, rounded to the decimals shown, and its exponent.
    fn rounded(&self, magnitude: Digits) -> (Digits, i32) {
        let scaled = magnitude.shifted(self.power);
        let places = self.frac_max as i32;
        if !self
            .tokens
            .iter()
            .any(|token| matches!(token, Token::Exponent { .. }))
            || scaled.is_zero()
        {
            return (scaled.round_half_away(places), 0);
        }
        let int_places = self.int_places.max(1) as i32;
        let lead = scaled.leading_exponent();
        let step = if self.engineering { int_places } else { 1 };
        let mut exponent = if self.engineering {
            lead.div_euclid(int_places) * int_places
        } else {
            lead - (int_places - 1)
        };
        let mut mantissa = scaled.clone().shifted(-exponent).round_half_away(places);
        if mantissa.leading_exponent() >= int_places {
            exponent += step;
            mantissa = scaled.shifted(-exponent).round_half_away(places);
        }
        (mantissa, exponent)
    }

    /// Writes a magnitude (the caller adds any minus).
    fn write(&self, magnitude: Digits) -> String {
        let mut out = String::new();
        if !self.has_digits {
            for token in &self.tokens {
                if let Token::Literal(text) = token {
                    out.push_str(text);
                }
            }
            return out;
        }
        let (mantissa, exponent) = self.rounded(magnitude);
        let (int, mut frac) = mantissa.split(self.frac_max);
        while frac.len() > self.frac_min && frac.last() == Some(&0) {
            frac.pop();
        }
        let mut int: Vec<u8> = int;
        while int.len() < self.int_min {
            int.insert(0, 0);
        }
        let int_parts = fill_from_right(&int, self.int_places, self.grouping);
        let exp_digits: Vec<u8> = exponent
            .unsigned_abs()
            .to_string()
            .bytes()
            .map(|b| b - b'0')
            .collect();
        let mut exp_digits = if exponent == 0 && self.exp_min == 0 {
            Vec::new()
        } else {
            exp_digits
        };
        while exp_digits.len() < self.exp_min {
            exp_digits.insert(0, 0);
        }
        let exp_places = self
            .tokens
            .iter()
            .filter(|token| **token == Token::ExpDigit)
            .count();
        let exp_parts = fill_from_right(&exp_digits, exp_places, None);
        let (mut int_at, mut frac_at, mut exp_at) = (0, 0, 0);
        for token in &self.tokens {
            match token {
                Token::Literal(text) => out.push_str(text),
                Token::IntDigit => {
                    out.push_str(&int_parts[int_at]);
                    int_at += 1;
                }
                Token::Point if !frac.is_empty() => out.push(self.decimal),
                Token::Point => {}
                Token::FracDigit => {
                    if let Some(digit) = frac.get(frac_at) {
                        out.push(char::from(b'0' + digit));
                    }
                    frac_at += 1;
                }
                Token::Exponent { upper, plus } => {
                    out.push(if *upper { 'E' } else { 'e' });
                    if exponent < 0 {
                        out.push('-');
                    } else if *plus {
                        out.push('+');
                    }
                }
                Token::ExpDigit => {
                    out.push_str(&exp_parts[exp_at]);
                    exp_at += 1;
                }
            }
        }
        out
    }
}

/// Shares `digits` among `places` placeholders from the right (the leftmost takes all the
/// rest), with a grouping separator after every third digit from the right.
fn fill_from_right(digits: &[u8], places: usize, grouping: Option<char>) -> Vec<String> {
    let mut parts = vec![String::new(); places];
    let count = digits.len();
    for (from_left, &digit) in digits.iter().enumerate() {
        let from_right = count - 1 - from_left;
        let place = places.saturating_sub(1).saturating_sub(from_right);
        let Some(part) = parts.get_mut(place) else {
            continue;
        };
        part.push(char::from(b'0' + digit));
        if let Some(separator) = grouping
            && from_right > 0
            && from_right.is_multiple_of(3)
        {
            part.push(separator);
        }
    }
    parts
}

#[cfg(test)]
#[path = "pattern_tests.rs"]
mod tests;
