//! Inferring date and duration patterns from how a value is shown, for the synthesizer.
//!
//! [`infer_date_patterns`] splits the shown text into fields that write the moment's
//! parts and literal text between them. Literal text may only be short: a run of at most
//! three characters that are neither letters nor digits (`-`, `, `, ` (`), or one of the
//! words in [`LITERAL_WORDS`] (`of`, `at`, `Q`, `W`, `T`, ...). Digits are never literal,
//! so every number shown must be a field. Patterns are ranked most natural first: common
//! fields before rare ones (`d` before `e` or `W` for the same digit), padding that agrees
//! across fields (`dd/MM` or `d/M`, not `dd/M`), fewer fields.

use rust_decimal::Decimal;

use super::duration::DurationPattern;
use super::moment::Moment;
use super::pattern::{DatePattern, Field, quote};
use super::write::write_field;

/// Words that may stand as literal text in an inferred date pattern.
pub const LITERAL_WORDS: [&str; 16] = [
    "of", "at", "the", "on", "and", "Q", "W", "T", "h", "H", "week", "Week", "day", "Day",
    "quarter", "Quarter",
];

/// The most date patterns [`infer_date_patterns`] returns.
const MAX_DATE_PATTERNS: usize = 36;
/// How many search steps inference may take for one text, so that long texts stay cheap.
const SEARCH_BUDGET: usize = 20_000;

/// Every field inference tries, with how unusual it is (added to a pattern's cost).
const CANDIDATES: [(Field, u32); 40] = [
    (Field::Year4, 0),
    (Field::Year2, 1),
    (Field::YearPlain, 4),
    (Field::IsoYear, 5),
    (Field::Month, 0),
    (Field::Month2, 0),
    (Field::MonthShort, 0),
    (Field::MonthLong, 0),
    (Field::MonthLetter, 6),
    (Field::Day, 0),
    (Field::Day2, 0),
    (Field::DayOrdinal, 0),
    (Field::WeekdayShort, 0),
    (Field::WeekdayLong, 0),
    (Field::IsoWeekday, 4),
    (Field::DayOfYear(1), 4),
    (Field::DayOfYear(2), 5),
    (Field::DayOfYear(3), 4),
    (Field::Quarter, 3),
    (Field::IsoWeek, 4),
    (Field::IsoWeek2, 3),
    (Field::WeekOfMonth, 5),
    (Field::Hour, 1),
    (Field::Hour2, 0),
    (Field::Hour12, 0),
    (Field::Hour12Padded, 1),
    (Field::Minute, 3),
    (Field::Minute2, 0),
    (Field::Second, 3),
    (Field::Second2, 0),
    (Field::Fraction(1), 1),
    (Field::Fraction(2), 1),
    (Field::Fraction(3), 0),
    (Field::Fraction(6), 2),
    (Field::AmPm, 0),
    (Field::AmPmLower, 0),
    (Field::OffsetZ { colon: true }, 0),
    (Field::OffsetZ { colon: false }, 1),
    (Field::Offset { colon: true }, 1),
    (Field::Offset { colon: false }, 1),
];

/// Fields whose text has a fixed number of digits, so another number may follow directly.
fn fixed_width(field: &Field) -> bool {
    matches!(
        field,
        Field::Year4
            | Field::Year2
            | Field::IsoYear
            | Field::Month2
            | Field::Day2
            | Field::DayOfYear(3)
            | Field::IsoWeek2
            | Field::Hour2
            | Field::Hour12Padded
            | Field::Minute2
            | Field::Second2
            | Field::Fraction(_)
    )
}

/// The patterns (at most a few dozen, most natural first) that write `moment` as exactly
/// `shown`: 2023-07-04 15:05 shown as `Tue 4 Jul, 3:05 PM` gives `EEE d MMM, h:mm a`
/// first; `07/04` for July 4 gives `MM/dd` (and, when the day is 7, `dd/MM` too).
pub fn infer_date_patterns(moment: &Moment, shown: &str) -> Vec<DatePattern> {
    let mut rendered: Vec<(Field, String, u32)> = Vec::new();
    for (field, cost) in CANDIDATES {
        let mut text = String::new();
        if write_field(&mut text, &field, moment).is_ok() && !text.is_empty() {
            rendered.push((field, text, cost));
        }
    }
    let mut search = Search {
        shown,
        rendered: &rendered,
        steps: 0,
        found: Vec::new(),
    };
    search.extend(0, &mut Vec::new());
    let mut found: Vec<(u32, usize, String)> = search
        .found
        .into_iter()
        .map(|fields| {
            let cost = pattern_cost(&fields, &rendered);
            let source: String = fields.iter().map(Field::letters).collect();
            (cost, fields.len(), source)
        })
        .collect();
    found.sort();
    found.dedup_by(|a, b| a.2 == b.2);
    found
        .into_iter()
        .filter_map(|(.., source)| DatePattern::parse(&source).ok())
        .filter(|pattern| pattern.format(moment).is_ok_and(|text| text == shown))
        .take(MAX_DATE_PATTERNS)
        .collect()
}

/// The depth-first search of [`infer_date_patterns`].
struct Search<'a> {
    shown: &'a str,
    rendered: &'a [(Field, String, u32)],
    steps: usize,
    found: Vec<Vec<Field>>,
}

impl Search<'_> {
    fn extend(&mut self, at: usize, fields: &mut Vec<Field>) {
        self.steps += 1;
        if self.steps > SEARCH_BUDGET || self.found.len() >= MAX_DATE_PATTERNS * 8 {
            return;
        }
        let rest = &self.shown[at..];
        if rest.is_empty() {
            self.found.push(merge_literals(fields));
            return;
        }
        let next_char_after = |len: usize| rest[len..].chars().next();
        for (field, text, _) in self.rendered {
            if !rest.starts_with(text.as_str()) {
                continue;
            }
            let after = next_char_after(text.len());
            let ends_in_digit = text.ends_with(|c: char| c.is_ascii_digit());
            let ends_in_letter = text.ends_with(|c: char| c.is_ascii_alphabetic());
            if (ends_in_digit && after.is_some_and(|c| c.is_ascii_digit()) && !fixed_width(field))
                || (ends_in_letter && after.is_some_and(|c| c.is_ascii_alphabetic()))
            {
                continue;
            }
            fields.push(field.clone());
            self.extend(at + text.len(), fields);
            fields.pop();
        }
        for literal in literals_at(rest) {
            fields.push(Field::Literal(literal.to_owned()));
            self.extend(at + literal.len(), fields);
            fields.pop();
        }
    }
}

/// The literal texts that may start `rest`: a short run of punctuation and spaces, or an
/// allowed word.
fn literals_at(rest: &str) -> Vec<&str> {
    let mut literals = Vec::new();
    let run: usize = rest
        .chars()
        .take_while(|c| !c.is_alphanumeric())
        .map(char::len_utf8)
        .sum();
    if run > 0 && rest[..run].chars().count() <= 3 {
        literals.push(&rest[..run]);
    }
    let word_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = &rest[..word_len];
    if word_len > 0 && LITERAL_WORDS.contains(&word) {
        let spaced: usize = rest[word_len..]
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        literals.push(&rest[..word_len + spaced]);
    }
    literals
}

/// The fields with adjacent literal texts joined.
fn merge_literals(fields: &[Field]) -> Vec<Field> {
    let mut merged: Vec<Field> = Vec::new();
    for field in fields {
        match (merged.last_mut(), field) {
            (Some(Field::Literal(text)), Field::Literal(more)) => text.push_str(more),
            _ => merged.push(field.clone()),
        }
    }
    merged
}

/// How unnatural a pattern is: its fields' costs, plus one for each field whose padding
/// disagrees with the others', plus a calendar year beside an ISO week, plus a colon
/// next to a field that is not part of the time of day.
fn pattern_cost(fields: &[Field], rendered: &[(Field, String, u32)]) -> u32 {
    let base: u32 = fields
        .iter()
        .map(|field| {
            rendered
                .iter()
                .find(|(candidate, ..)| candidate == field)
                .map_or(0, |(_, _, cost)| *cost)
        })
        .sum();
    let padded = fields
        .iter()
        .filter(|field| matches!(field, Field::Month2 | Field::Day2 | Field::Hour12Padded))
        .count();
    let unpadded = fields
        .iter()
        .filter(|field| matches!(field, Field::Month | Field::Day | Field::Hour12))
        .count();
    // A week number goes with the week-numbering year, a calendar date with the calendar year.
    let has_week = fields
        .iter()
        .any(|field| matches!(field, Field::IsoWeek | Field::IsoWeek2));
    let year_mismatch = if has_week {
        fields
            .iter()
            .filter(|field| matches!(field, Field::Year4 | Field::YearPlain))
            .count() as u32
            * 6
    } else {
        0
    };
    // Colons separate parts of the time of day.
    let colon_misuse = fields
        .windows(3)
        .filter(|window| matches!(&window[1], Field::Literal(text) if text.contains(':')))
        .filter(|window| !window[0].is_time_of_day() || !window[2].is_time_of_day())
        .count() as u32
        * 5;
    base + padded.min(unpadded) as u32 + year_mismatch + colon_misuse
}

/// Unit words that may stand as literal text in an inferred duration pattern.
const DURATION_WORDS: [&str; 20] = [
    "d", "day", "days", "h", "hr", "hrs", "hour", "hours", "m", "min", "mins", "minute", "minutes",
    "s", "sec", "secs", "second", "seconds", "and", "ms",
];

/// The duration patterns that write `seconds` as exactly `shown` (`02:30:00` for 9000
/// seconds gives `hh:mm:ss`; `2h 30m` gives `h'h' mm'm'`), most natural first.
pub fn infer_duration_patterns(seconds: Decimal, shown: &str) -> Vec<DurationPattern> {
    let body = shown.strip_prefix('-').unwrap_or(shown);
    // Alternate number runs and literal runs.
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut rest = body;
    while let Some(first) = rest.chars().next() {
        let is_digit = first.is_ascii_digit();
        let len: usize = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() == is_digit)
            .map(char::len_utf8)
            .sum();
        pieces.push((is_digit, &rest[..len]));
        rest = &rest[len..];
    }
    let literal_ok = |text: &str| {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .all(|word| word.is_empty() || DURATION_WORDS.contains(&word))
    };
    if pieces
        .iter()
        .any(|(is_digit, text)| !is_digit && !literal_ok(text))
    {
        return Vec::new();
    }
    let numbers = pieces.iter().filter(|(is_digit, _)| *is_digit).count();
    let fraction_last = numbers >= 2
        && pieces.len() >= 2
        && pieces.last().is_some_and(|(is_digit, _)| *is_digit)
        && matches!(pieces[pieces.len() - 2], (false, "." | ","));
    let units = ["d", "h", "m", "s"];
    let mut patterns: Vec<DurationPattern> = Vec::new();
    for with_fraction in [false, true] {
        if with_fraction && !fraction_last {
            continue;
        }
        let whole_fields = numbers - usize::from(with_fraction);
        for first in [1, 2, 0, 3] {
            let Some(chosen) = units.get(first..first + whole_fields) else {
                continue;
            };
            let mut source = String::new();
            let mut index = 0;
            for (is_digit, text) in &pieces {
                if !is_digit {
                    source.push_str(&quote(text));
                    continue;
                }
                let width = text.len();
                match chosen.get(index) {
                    Some(unit) if index == 0 && !text.starts_with('0') => source.push_str(unit),
                    Some(unit) => source.push_str(&unit.repeat(width.min(2))),
                    None => source.push_str(&"S".repeat(width.min(9))),
                }
                index += 1;
            }
            if let Ok(pattern) = DurationPattern::parse(&source)
                && pattern.format(seconds).is_ok_and(|text| text == shown)
                && !patterns.contains(&pattern)
            {
                patterns.push(pattern);
            }
        }
    }
    patterns
}

#[cfg(test)]
#[path = "infer_tests.rs"]
mod tests;
