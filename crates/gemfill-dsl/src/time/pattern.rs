//! [`DatePattern`]: the date and time pattern language (CLDR / date-fns style).
//!
//! Patterns are case-sensitive. A run of the same letter is one field:
//!
//! | field | writes (for 2023-07-04 15:05:09.250 +02:00) | notes |
//! | --- | --- | --- |
//! | `yyyy` | `2023` | year, at least four digits |
//! | `yy` | `23` | two-digit year; read 00-29 as 2000-2029, 30-99 as 1930-1999 |
//! | `y` | `2023` | year, unpadded |
//! | `YYYY` | `2023` | ISO week-numbering year (the year of the ISO week) |
//! | `M` `MM` | `7` `07` | month number |
//! | `MMM` `MMMM` `MMMMM` | `Jul` `July` `J` | month name: short, long, first letter (not readable) |
//! | `d` `dd` | `4` `04` | day of month |
//! | `do` | `4th` | ordinal day: 1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd |
//! | `E` `EE` `EEE` | `Tue` | short weekday |
//! | `EEEE` | `Tuesday` | long weekday |
//! | `e` | `2` | ISO weekday number, Monday = 1 to Sunday = 7 |
//! | `D` `DD` `DDD` | `185` `185` `185` | day of year, padded to 1, 2 or 3 digits |
//! | `Q` | `3` | quarter, 1-4 |
//! | `w` `ww` | `27` `27` | ISO week number (weeks start on Monday; week 1 holds the year's first Thursday) |
//! | `W` | `1` | week of month: week 1 holds the 1st, and each Monday starts a new week |
//! | `H` `HH` | `15` `15` | hour 0-23 |
//! | `h` `hh` | `3` `03` | hour 1-12 |
//! | `m` `mm` | `5` `05` | minute |
//! | `s` `ss` | `9` `09` | second |
//! | `S` … `SSSSSSSSS` | `2` `25` `250` … | fraction of a second, truncated to that many digits |
//! | `a` `aa` | `PM` | AM or PM |
//! | `aaa` | `pm` | am or pm |
//! | `X` `XXX` | `+02:00` | offset, `Z` when zero |
//! | `XX` | `+0200` | offset, `Z` when zero |
//! | `xxx` | `+02:00` | offset, `+00:00` when zero |
//! | `xx` `Z` | `+0200` | offset, `+0000` when zero |
//! | `'text'` | `text` | literal text; `''` is a single quote (`'Q'Q yyyy` writes `Q3 2023`) |
//!
//! Any other character that is not a letter (`-`, `/`, `:`, `,`, space, ...) is written
//! as itself; a letter that is not a field is an error, so literal words go in quotes.
//!
//! Writing a field needs the part of the moment it shows: `HH` on a date without a time
//! is an error ("has no time of day"). Reading with a pattern is lenient where it is safe:
//! month and weekday names in any case, in full or abbreviated, with an optional dot after
//! an abbreviation (`Sept.` too) in both `MMM` and `MMMM`; one or two digits for `M` `MM`
//! `d` `dd` `H` `h` `m` `s`; `AM`, `pm`, `a.m.` for `a`; any offset form for any offset
//! field; a space in the pattern matches any run of white space. What is read must make
//! one day: a weekday, quarter or week that contradicts the date is an error, and so is
//! a day that does not exist. Without a day the date is the first of the month (or of the
//! quarter, or of the year); without a year there is no date, which is an error.

use std::fmt;

/// A field of a date pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    Literal(String),
    Year4,
    Year2,
    YearPlain,
    IsoYear,
    Month,
    Month2,
    MonthShort,
    MonthLong,
    MonthLetter,
    Day,
    Day2,
    DayOrdinal,
    WeekdayShort,
    WeekdayLong,
    IsoWeekday,
    /// Day of year, padded to this many digits.
    DayOfYear(usize),
    Quarter,
    IsoWeek,
    IsoWeek2,
    WeekOfMonth,
    Hour,
    Hour2,
    Hour12,
    Hour12Padded,
    Minute,
    Minute2,
    Second,
    Second2,
    /// Fraction of a second, in this many digits (1-9).
    Fraction(usize),
    AmPm,
    AmPmLower,
    /// `Z` for zero, otherwise with or without a colon.
    OffsetZ {
        colon: bool,
    },
    /// Never `Z`.
    Offset {
        colon: bool,
    },
}

impl Field {
    /// The field as a pattern writes it (literals quoted where they must be).
    pub fn letters(&self) -> String {
        let fixed = match self {
            Field::Literal(text) => return quote(text),
            Field::Year4 => "yyyy",
            Field::Year2 => "yy",
            Field::YearPlain => "y",
            Field::IsoYear => "YYYY",
            Field::Month => "M",
            Field::Month2 => "MM",
            Field::MonthShort => "MMM",
            Field::MonthLong => "MMMM",
            Field::MonthLetter => "MMMMM",
            Field::Day => "d",
            Field::Day2 => "dd",
            Field::DayOrdinal => "do",
            Field::WeekdayShort => "EEE",
            Field::WeekdayLong => "EEEE",
            Field::IsoWeekday => "e",
            Field::DayOfYear(width) => return "D".repeat(*width),
            Field::Quarter => "Q",
            Field::IsoWeek => "w",
            Field::IsoWeek2 => "ww",
            Field::WeekOfMonth => "W",
            Field::Hour => "H",
            Field::Hour2 => "HH",
            Field::Hour12 => "h",
            Field::Hour12Padded => "hh",
            Field::Minute => "m",
            Field::Minute2 => "mm",
            Field::Second => "s",
            Field::Second2 => "ss",
            Field::Fraction(digits) => return "S".repeat(*digits),
            Field::AmPm => "a",
            Field::AmPmLower => "aaa",
            Field::OffsetZ { colon: true } => "XXX",
            Field::OffsetZ { colon: false } => "XX",
            Field::Offset { colon: true } => "xxx",
            Field::Offset { colon: false } => "xx",
        };
        fixed.to_owned()
    }

    /// Whether the field shows a number of the time of day (hours to fractions of a second).
    pub fn is_time_of_day(&self) -> bool {
        matches!(
            self,
            Field::Hour
                | Field::Hour2
                | Field::Hour12
                | Field::Hour12Padded
                | Field::Minute
                | Field::Minute2
                | Field::Second
                | Field::Second2
                | Field::Fraction(_)
        )
    }

    /// What the field is, for error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Field::Literal(_) => "literal text",
            Field::Year4 | Field::Year2 | Field::YearPlain | Field::IsoYear => "a year",
            Field::Month | Field::Month2 => "a month number",
            Field::MonthShort | Field::MonthLong | Field::MonthLetter => "a month name",
            Field::Day | Field::Day2 | Field::DayOrdinal => "a day of the month",
            Field::WeekdayShort | Field::WeekdayLong => "a weekday name",
            Field::IsoWeekday => "a weekday number",
            Field::DayOfYear(_) => "a day of the year",
            Field::Quarter => "a quarter",
            Field::IsoWeek | Field::IsoWeek2 => "a week number",
            Field::WeekOfMonth => "a week of the month",
            Field::Hour | Field::Hour2 | Field::Hour12 | Field::Hour12Padded => "an hour",
            Field::Minute | Field::Minute2 => "minutes",
            Field::Second | Field::Second2 => "seconds",
            Field::Fraction(_) => "a fraction of a second",
            Field::AmPm | Field::AmPmLower => "AM or PM",
            Field::OffsetZ { .. } | Field::Offset { .. } => "a time zone offset",
        }
    }
}

/// Literal text as a date pattern writes it: runs of letters in single quotes, a quote as
/// `''`, everything else as itself.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::new();
    let mut letters = String::new();
    for c in text.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_alphabetic() {
            letters.push(c);
            continue;
        }
        if !letters.is_empty() {
            out.push('\'');
            out.push_str(&letters);
            out.push('\'');
            letters.clear();
        }
        match c {
            '\0' => {}
            '\'' => out.push_str("''"),
            c => out.push(c),
        }
    }
    out
}

/// A piece of a date or duration pattern: literal text, or a run of one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Literal(String),
    Run(char, usize),
}

/// Splits a pattern into literal text (quoted with `'`, or any non-letter) and runs of
/// letters.
pub(crate) fn split_pattern(source: &str) -> Result<Vec<Piece>, DatePatternProblem> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut literal = String::new();
    let chars: Vec<char> = source.chars().collect();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c == '\'' {
            if chars.get(at + 1) == Some(&'\'') {
                literal.push('\'');
                at += 2;
                continue;
            }
            let close = chars[at + 1..]
                .iter()
                .position(|&q| q == '\'')
                .ok_or(DatePatternProblem::UnclosedQuote)?;
            literal.extend(&chars[at + 1..at + 1 + close]);
            at += close + 2;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            literal.push(c);
            at += 1;
            continue;
        }
        let run = chars[at..].iter().take_while(|&&next| next == c).count();
        if !literal.is_empty() {
            pieces.push(Piece::Literal(std::mem::take(&mut literal)));
        }
        pieces.push(Piece::Run(c, run));
        at += run;
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    Ok(pieces)
}

/// A parsed date pattern: a list of fields, parsed once and used for many values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DatePattern {
    pub(crate) source: String,
    pub(crate) fields: Vec<Field>,
}

/// Why a date pattern is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("pattern \"{pattern}\": {problem}")]
pub struct DatePatternError {
    /// The pattern as given.
    pub pattern: String,
    /// What is wrong with it.
    pub problem: DatePatternProblem,
}

/// What is wrong with a date pattern.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatePatternProblem {
    /// The pattern is empty.
    #[error("the pattern is empty")]
    Empty,
    /// A letter that is not a field.
    #[error("'{0}' is not a date field; put literal text in single quotes")]
    NotAField(char),
    /// A run of a field letter of a length that is not a field.
    #[error("'{run}' is not a field; use {allowed}")]
    BadLength {
        /// The run as written.
        run: String,
        /// The lengths that are fields.
        allowed: &'static str,
    },
    /// A letter that is not a duration field.
    #[error("'{0}' is not a duration field (d, h, m, s, S); put literal text in single quotes")]
    NotADurationField(char),
    /// A duration pattern without any field.
    #[error("a duration pattern needs at least one of d, h, m or s")]
    NoDurationField,
    /// A `'` that is never closed.
    #[error("a single quote is not closed (write '' for a quote)")]
    UnclosedQuote,
}

impl DatePattern {
    /// Parses a pattern such as `yyyy-MM-dd` or `EEE d MMM, h:mm a`.
    pub fn parse(source: &str) -> Result<DatePattern, DatePatternError> {
        let error = |problem| DatePatternError {
            pattern: source.to_owned(),
            problem,
        };
        let pieces = split_pattern(source).map_err(error)?;
        let mut fields: Vec<Field> = Vec::new();
        let mut pieces = pieces.into_iter().peekable();
        while let Some(piece) = pieces.next() {
            let field = match piece {
                Piece::Literal(text) => Field::Literal(text),
                Piece::Run('d', 1) if pieces.peek() == Some(&Piece::Run('o', 1)) => {
                    pieces.next();
                    Field::DayOrdinal
                }
                Piece::Run(letter, run) => field_of(letter, run).map_err(error)?,
            };
            fields.push(field);
        }
        if fields.is_empty() {
            return Err(error(DatePatternProblem::Empty));
        }
        Ok(DatePattern {
            source: source.to_owned(),
            fields,
        })
    }

    /// The pattern as it was written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the pattern has a field that shows a part of the day (an hour, minute, ...).
    pub fn has_time(&self) -> bool {
        self.fields
            .iter()
            .any(|field| field.is_time_of_day() || matches!(field, Field::AmPm | Field::AmPmLower))
    }
}

impl fmt::Display for DatePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// The field for a run of `run` copies of the letter `c`.
fn field_of(c: char, run: usize) -> Result<Field, DatePatternProblem> {
    let bad = |allowed| {
        Err(DatePatternProblem::BadLength {
            run: c.to_string().repeat(run),
            allowed,
        })
    };
    let field = match (c, run) {
        ('y', 1) => Field::YearPlain,
        ('y', 2) => Field::Year2,
        ('y', 4) => Field::Year4,
        ('y', _) => return bad("y, yy or yyyy"),
        ('Y', 4) => Field::IsoYear,
        ('Y', _) => return bad("YYYY (ISO week year) or yyyy (calendar year)"),
        ('M', 1) => Field::Month,
        ('M', 2) => Field::Month2,
        ('M', 3) => Field::MonthShort,
        ('M', 4) => Field::MonthLong,
        ('M', 5) => Field::MonthLetter,
        ('M', _) => return bad("M, MM, MMM, MMMM or MMMMM"),
        ('d', 1) => Field::Day,
        ('d', 2) => Field::Day2,
        ('d', _) => return bad("d, dd or do (4th); EEE for a weekday"),
        ('E', 1..=3) => Field::WeekdayShort,
        ('E', 4) => Field::WeekdayLong,
        ('E', _) => return bad("EEE or EEEE"),
        ('e', 1) => Field::IsoWeekday,
        ('e', _) => return bad("e"),
        ('D', 1..=3) => Field::DayOfYear(run),
        ('D', _) => return bad("D, DD or DDD"),
        ('Q', 1) => Field::Quarter,
        ('Q', _) => return bad("Q ('Q'Q for Q3)"),
        ('w', 1) => Field::IsoWeek,
        ('w', 2) => Field::IsoWeek2,
        ('w', _) => return bad("w or ww"),
        ('W', 1) => Field::WeekOfMonth,
        ('W', _) => return bad("W"),
        ('H', 1) => Field::Hour,
        ('H', 2) => Field::Hour2,
        ('h', 1) => Field::Hour12,
        ('h', 2) => Field::Hour12Padded,
        ('H' | 'h', _) => return bad("H, HH, h or hh"),
        ('m', 1) => Field::Minute,
        ('m', 2) => Field::Minute2,
        ('m', _) => return bad("m or mm (MMM for a month name)"),
        ('s', 1) => Field::Second,
        ('s', 2) => Field::Second2,
        ('s', _) => return bad("s or ss"),
        ('S', 1..=9) => Field::Fraction(run),
        ('S', _) => return bad("S to SSSSSSSSS"),
        ('a', 1 | 2) => Field::AmPm,
        ('a', 3) => Field::AmPmLower,
        ('a', _) => return bad("a (AM) or aaa (am)"),
        ('X', 1 | 3) => Field::OffsetZ { colon: true },
        ('X', 2) => Field::OffsetZ { colon: false },
        ('X', _) => return bad("X, XX or XXX"),
        ('x', 2) => Field::Offset { colon: false },
        ('x', 3) => Field::Offset { colon: true },
        ('x', _) => return bad("xx or xxx"),
        ('Z', 1..=3) => Field::Offset { colon: false },
        ('Z', _) => return bad("Z"),
        (c, _) => return Err(DatePatternProblem::NotAField(c)),
    };
    Ok(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fields_and_literals() {
        let pattern = DatePattern::parse("'Q'Q yyyy, do 'of' MMMM ''hh''").unwrap();
        let letters: Vec<String> = pattern.fields.iter().map(Field::letters).collect();
        assert_eq!(
            letters,
            [
                "'Q'", "Q", " ", "yyyy", ", ", "do", " 'of' ", "MMMM", " ''", "hh", "''"
            ]
        );
        assert_eq!(pattern.source(), "'Q'Q yyyy, do 'of' MMMM ''hh''");
        assert!(pattern.has_time());
        assert!(!DatePattern::parse("yyyy-MM-dd").unwrap().has_time());
    }

    #[test]
    fn bad_patterns_say_what_to_do() {
        let table = [
            (
                "yyyy-MM-dq",
                "pattern \"yyyy-MM-dq\": 'q' is not a date field; put literal text in single quotes",
            ),
            (
                "yyy",
                "pattern \"yyy\": 'yyy' is not a field; use y, yy or yyyy",
            ),
            (
                "ddd",
                "pattern \"ddd\": 'ddd' is not a field; use d, dd or do (4th); EEE for a weekday",
            ),
            (
                "'abc",
                "pattern \"'abc\": a single quote is not closed (write '' for a quote)",
            ),
            ("", "pattern \"\": the pattern is empty"),
            (
                "at hh",
                "pattern \"at hh\": 't' is not a date field; put literal text in single quotes",
            ),
        ];
        for (pattern, message) in table {
            assert_eq!(
                DatePattern::parse(pattern).unwrap_err().to_string(),
                message
            );
        }
    }
}
