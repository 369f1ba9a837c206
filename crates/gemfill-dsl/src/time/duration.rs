//! Durations: [`read_duration`] reads one from text as a number of seconds, and
//! [`DurationPattern`] writes a number of seconds.
//!
//! Reading finds the first duration in the text:
//!
//! | written | seconds | notes |
//! | --- | --- | --- |
//! | `2:30`, `2:30:15`, `1:02:03.5` | 9000, 9015, 3723.5 | hours:minutes[:seconds[.fraction]] |
//! | `2h 30m`, `2h30m`, `2 h`, `45 min`, `90 minutes`, `1.5 hours` | 9000, 9000, 7200, 2700, 5400, 5400 | a number, then a unit |
//! | `1 day 2 hours`, `1 day, 2 hours and 3 minutes` | 93600, 93780 | parts separated by spaces, commas or `and` |
//! | `PT2H30M`, `P1DT2H`, `P2W`, `PT0.5S` | 9000, 93600, 1209600, 0.5 | ISO 8601 (years and months have no fixed length: an error) |
//! | `-1:30`, `-2h` | -5400, -7200 | a minus before the duration |
//!
//! Units: `w` `wk` `wks` `week(s)`; `d` `day(s)`; `h` `hr` `hrs` `hour(s)`; `m` `min`
//! `mins` `minute(s)`; `s` `sec` `secs` `second(s)`; `ms` `msec` `millisecond(s)`; in any
//! case.
//!
//! Writing: a pattern has fields `d` (days), `h` or `H` (hours), `m` (minutes), `s`
//! (seconds), each padded to two digits when doubled (`hh`), and `S`… (fraction of a
//! second, that many digits); literal text in single quotes, other non-letters as
//! themselves. The largest field holds the whole total and the smaller ones the rest:
//!
//! | pattern | 150 minutes | 1500 minutes | -90 seconds |
//! | --- | --- | --- | --- |
//! | `hh:mm:ss` | `02:30:00` | `25:00:00` | `-00:01:30` |
//! | `h:mm` | `2:30` | `25:00` | `-0:02` |
//! | `m:ss` | `150:00` | `1500:00` | `-1:30` |
//! | `h'h' mm'm'` | `2h 30m` | `25h 00m` | `-0h 02m` |
//! | `d'd' hh'h'` | `0d 03h` | `1d 01h` | `-0d 00h` |
//!
//! The total is first rounded half away from zero to the smallest field.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::error::TimeError;
use super::pattern::{DatePatternError, DatePatternProblem, Piece, split_pattern};
use super::scan::Cursor;
use crate::num::{self, Rounding, round_to_multiple};

/// Units of a duration read from words: (names, seconds as text).
const UNIT_WORDS: [(&[&str], &str); 6] = [
    (&["w", "wk", "wks", "week", "weeks"], "604800"),
    (&["d", "day", "days"], "86400"),
    (&["h", "hr", "hrs", "hour", "hours"], "3600"),
    (&["m", "min", "mins", "minute", "minutes"], "60"),
    (&["s", "sec", "secs", "second", "seconds"], "1"),
    (
        &["ms", "msec", "msecs", "millisecond", "milliseconds"],
        "0.001",
    ),
];

/// A reader of one form of duration at a cursor: None when the form is not there.
type Reader = fn(&mut Cursor) -> Option<Result<Decimal, TimeError>>;

/// The first duration in `text`, in seconds (see the module docs).
pub fn read_duration(text: &str) -> Result<Decimal, TimeError> {
    for (start, c) in text.char_indices() {
        if !(c.is_ascii_digit() || matches!(c, 'P' | '-' | '−' | '+')) {
            continue;
        }
        let before = text[..start].chars().next_back();
        if before.is_some_and(|b| {
            b.is_alphanumeric() || b == '.' || (c.is_ascii_digit() && matches!(b, '-' | '−' | '+'))
        }) {
            continue;
        }
        let mut cursor = Cursor { text, at: start };
        let negative = cursor.eat('-') || cursor.eat('−');
        if !negative {
            cursor.eat('+');
        }
        let body = cursor;
        let readers: [Reader; 3] = [iso_duration, clock_duration, word_duration];
        for reader in readers {
            cursor = body;
            if let Some(seconds) = reader(&mut cursor) {
                return seconds.map(|seconds| if negative { -seconds } else { seconds });
            }
        }
    }
    Err(TimeError::NoDuration(crate::num::read::shorten(text)))
}

/// A decimal number: digits with an optional `.` (or `,`) and more digits.
fn number(cursor: &mut Cursor) -> Option<Decimal> {
    let start = cursor.at;
    cursor.digit_text(1, 20)?;
    let before_point = *cursor;
    if (cursor.eat('.') || cursor.eat(',')) && cursor.digit_text(1, 20).is_none() {
        *cursor = before_point;
    }
    Decimal::from_str(&cursor.text[start..cursor.at].replace(',', ".")).ok()
}

fn too_long(cursor: &Cursor) -> TimeError {
    TimeError::NoDuration(crate::num::read::shorten(cursor.text))
}

/// `PT2H30M`, `P1DT2H`, `P2W`.
fn iso_duration(cursor: &mut Cursor) -> Option<Result<Decimal, TimeError>> {
    let start = cursor.at;
    if !cursor.eat('P') {
        return None;
    }
    let mut total = Decimal::ZERO;
    let mut in_time = false;
    let mut parts = 0;
    loop {
        if !in_time && cursor.eat('T') {
            in_time = true;
            continue;
        }
        let Some(amount) = number(cursor) else { break };
        let seconds = match (in_time, cursor.peek()) {
            (false, Some('Y' | 'M')) => {
                cursor.at += 1;
                return Some(Err(TimeError::CalendarDuration(
                    cursor.text[start..cursor.at].to_owned(),
                )));
            }
            (false, Some('W')) => 604_800,
            (false, Some('D')) => 86_400,
            (true, Some('H')) => 3_600,
            (true, Some('M')) => 60,
            (true, Some('S')) => 1,
            _ => return None,
        };
        cursor.at += 1;
        parts += 1;
        total = match amount
            .checked_mul(Decimal::from(seconds))
            .and_then(|part| total.checked_add(part))
        {
            Some(total) => total,
            None => return Some(Err(too_long(cursor))),
        };
    }
    let ends = !cursor.peek().is_some_and(char::is_alphanumeric);
    (parts > 0 && ends).then_some(Ok(total))
}

/// `2:30`, `2:30:15`, `1:02:03.5`.
fn clock_duration(cursor: &mut Cursor) -> Option<Result<Decimal, TimeError>> {
    let hours = cursor.digits(1, 6)?;
    if !cursor.eat(':') {
        return None;
    }
    let minutes = cursor.digits(2, 2)?;
    let mut seconds = Decimal::ZERO;
    let before_seconds = *cursor;
    if cursor.eat(':') {
        match number(cursor) {
            Some(value)
                if cursor.text[before_seconds.at + 1..]
                    .bytes()
                    .take_while(u8::is_ascii_digit)
                    .count()
                    == 2 =>
            {
                seconds = value;
            }
            _ => *cursor = before_seconds,
        }
    }
    if cursor
        .peek()
        .is_some_and(|c| c.is_ascii_digit() || c == ':')
    {
        return None;
    }
    let whole = Decimal::from(i64::from(hours) * 3_600 + i64::from(minutes) * 60);
    Some(Ok(whole + seconds))
}

/// `2h 30m`, `90 minutes`, `1 day, 2 hours and 3 minutes`.
fn word_duration(cursor: &mut Cursor) -> Option<Result<Decimal, TimeError>> {
    let mut total = Decimal::ZERO;
    let mut parts = 0;
    loop {
        let before_part = *cursor;
        let Some(amount) = number(cursor) else { break };
        cursor.skip_spaces();
        let word = cursor.word();
        let Some((_, seconds)) = UNIT_WORDS
            .iter()
            .find(|(names, _)| names.iter().any(|name| name.eq_ignore_ascii_case(word)))
        else {
            *cursor = before_part;
            break;
        };
        cursor.at += word.len();
        parts += 1;
        let part = amount.checked_mul(Decimal::from_str(seconds).unwrap_or(Decimal::ONE));
        total = match part.and_then(|part| total.checked_add(part)) {
            Some(total) => total,
            None => return Some(Err(too_long(cursor))),
        };
        let before_separator = *cursor;
        cursor.eat(',');
        cursor.skip_spaces();
        if cursor.word().eq_ignore_ascii_case("and") {
            cursor.at += 3;
            cursor.skip_spaces();
        }
        if !cursor.peek().is_some_and(|c| c.is_ascii_digit()) {
            *cursor = before_separator;
            break;
        }
    }
    (parts > 0).then_some(Ok(total))
}

/// A unit of a duration pattern, longest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum DurationUnit {
    Days,
    Hours,
    Minutes,
    Seconds,
}

impl DurationUnit {
    fn seconds(self) -> i128 {
        match self {
            DurationUnit::Days => 86_400,
            DurationUnit::Hours => 3_600,
            DurationUnit::Minutes => 60,
            DurationUnit::Seconds => 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum DurationField {
    Literal(String),
    Unit { unit: DurationUnit, width: usize },
    Fraction(usize),
}

/// A parsed duration pattern such as `hh:mm:ss` or `h'h' mm'm'`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DurationPattern {
    source: String,
    fields: Vec<DurationField>,
}

impl DurationPattern {
    /// Parses a duration pattern (fields in the module docs).
    pub fn parse(source: &str) -> Result<DurationPattern, DatePatternError> {
        let error = |problem| DatePatternError {
            pattern: source.to_owned(),
            problem,
        };
        let mut fields = Vec::new();
        for piece in split_pattern(source).map_err(error)? {
            let field = match piece {
                Piece::Literal(text) => DurationField::Literal(text),
                Piece::Run(letter, run) => duration_field(letter, run).map_err(error)?,
            };
            fields.push(field);
        }
        if !fields
            .iter()
            .any(|field| !matches!(field, DurationField::Literal(_)))
        {
            return Err(error(DatePatternProblem::NoDurationField));
        }
        Ok(DurationPattern {
            source: source.to_owned(),
            fields,
        })
    }

    /// The pattern as it was written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Writes a duration of `seconds` (see the module docs); an error only when the
    /// duration is too long to count in the pattern's smallest field.
    pub fn format(&self, seconds: Decimal) -> Result<String, TimeError> {
        let fraction_digits = self.fields.iter().find_map(|field| match field {
            DurationField::Fraction(digits) => Some(*digits as u32),
            _ => None,
        });
        let units: Vec<DurationUnit> = {
            let mut units: Vec<DurationUnit> = self
                .fields
                .iter()
                .filter_map(|field| match field {
                    DurationField::Unit { unit, .. } => Some(*unit),
                    _ => None,
                })
                .collect();
            units.sort();
            units.dedup();
            units
        };
        let ticks_per_second = 10i128.pow(fraction_digits.unwrap_or(0));
        let tick = match (fraction_digits, units.last()) {
            (Some(digits), _) => Decimal::new(1, digits),
            (None, Some(smallest)) => Decimal::from(smallest.seconds() as i64),
            (None, None) => Decimal::ONE,
        };
        let ticks_per = |unit: DurationUnit| unit.seconds() * ticks_per_second;
        let rounded = round_to_multiple(seconds.abs(), tick, Rounding::HalfUp)?;
        let too_long = || TimeError::Number(num::NumberError::Overflow("writing the duration"));
        let ticks = rounded
            .checked_div(tick)
            .and_then(|ticks| ticks.to_i128())
            .ok_or_else(too_long)?
            * if fraction_digits.is_some() {
                1
            } else {
                ticks_per(*units.last().unwrap_or(&DurationUnit::Seconds))
            };
        let mut remaining = ticks;
        let mut values = Vec::new();
        for unit in &units {
            values.push((*unit, remaining / ticks_per(*unit)));
            remaining %= ticks_per(*unit);
        }
        let mut out = String::new();
        if ticks != 0 && seconds.is_sign_negative() {
            out.push('-');
        }
        for field in &self.fields {
            match field {
                DurationField::Literal(text) => out.push_str(text),
                DurationField::Unit { unit, width } => {
                    let value = values
                        .iter()
                        .find(|(u, _)| u == unit)
                        .map_or(0, |(_, value)| *value);
                    out.push_str(&format!("{value:0width$}"));
                }
                DurationField::Fraction(width) => out.push_str(&format!("{remaining:0width$}")),
            }
        }
        Ok(out)
    }
}

impl fmt::Display for DurationPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

fn duration_field(letter: char, run: usize) -> Result<DurationField, DatePatternProblem> {
    let unit = match letter {
        'd' => DurationUnit::Days,
        'h' | 'H' => DurationUnit::Hours,
        'm' => DurationUnit::Minutes,
        's' => DurationUnit::Seconds,
        'S' if (1..=9).contains(&run) => return Ok(DurationField::Fraction(run)),
        'S' => {
            return Err(DatePatternProblem::BadLength {
                run: "S".repeat(run),
                allowed: "S to SSSSSSSSS",
            });
        }
        other => return Err(DatePatternProblem::NotADurationField(other)),
    };
    if run > 2 {
        return Err(DatePatternProblem::BadLength {
            run: letter.to_string().repeat(run),
            allowed: "one or two letters (h or hh)",
        });
    }
    Ok(DurationField::Unit { unit, width: run })
}

#[cfg(test)]
#[path = "duration_tests.rs"]
mod tests;
