//! [`read_any`]: the first date, time or date-time in a text, in any common format.
//!
//! | written | read as | notes |
//! | --- | --- | --- |
//! | `2023-07-04`, `2023/07/04`, `2023.7.4` | 4 July 2023 | four-digit year first: always year, month, day |
//! | `2023-07-04T15:30:00.250Z`, `2023-07-04 15:30+02:00` | date-time | `T`, spaces, `, ` or ` at ` before the time; offset optional |
//! | `7/4/2023`, `07-04-23` | by [`Order`] | `MonthFirst`: July 4; `DayFirst`: 7 April; `YearFirst` with a two-digit first number: 2007-04-23, otherwise as `MonthFirst` |
//! | `4.7.2023`, `04.07.23` | 4 July 2023 | dots are day-first in every order |
//! | `Jul 4 2023`, `July 4th, 2023`, `Jul. 4, 2023`, `July 2023` | 4 July 2023 | month name first; without a day, the 1st |
//! | `4 July 2023`, `4-Jul-2023`, `4th of July 2023`, `04-Jul-23` | 4 July 2023 | day first; two-digit years as below |
//! | `Tue, 4 Jul 2023 10:00:00 +0200` | date-time with offset | RFC 2822; a leading weekday is checked against the date |
//! | `20230704` | 4 July 2023 | eight digits: `yyyyMMdd` when that is a day, otherwise `MMddyyyy` (`MonthFirst`) or `ddMMyyyy` (`DayFirst`) |
//! | `15:30`, `3:30 PM`, `3:30:15.250`, `3pm`, `3 p.m.` | time of day | hours alone need AM/PM |
//! | `1530h`, `0930 hrs`, `930am` | time of day | three or four digits only with `h`, `hrs` or AM/PM after them, since bare they are numbers |
//!
//! Names are English, in any case, full or abbreviated (`Sept` too). Two-digit years are
//! read as spreadsheets read them: 00-29 are 2000-2029, 30-99 are 1930-1999. A date must
//! stand alone: digits right before or after it make it part of a longer number. The
//! first text that has the shape of a date decides: when it names a day that does not
//! exist (`31/02/2023`), that is the error, rather than a later date.

use super::Moment;
use super::TimeError;
use super::names::expand_two_digit_year;
use super::parts::Parts;
use super::scan::Cursor;

/// Which number comes first in an all-numeric date such as `07/04/23`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Order {
    /// Month, day, year (US): `07/04/23` is July 4, 2023.
    MonthFirst,
    /// Day, month, year (most of the world): `07/04/23` is 7 April 2023.
    DayFirst,
    /// Year, month, day: `07/04/23` is 23 April 2007.
    YearFirst,
}

impl Order {
    /// Every order.
    pub const ALL: [Order; 3] = [Order::MonthFirst, Order::DayFirst, Order::YearFirst];

    /// The order's name in the language: `month_first`, `day_first`, `year_first`.
    pub fn name(self) -> &'static str {
        match self {
            Order::MonthFirst => "month_first",
            Order::DayFirst => "day_first",
            Order::YearFirst => "year_first",
        }
    }

    /// The order called `name`.
    pub fn from_name(name: &str) -> Option<Order> {
        Order::ALL.into_iter().find(|order| order.name() == name)
    }
}

/// The first date, time or date-time in `text`, in any of the formats in the module docs;
/// `order` says how to read all-numeric dates.
pub fn read_any(text: &str, order: Order) -> Result<Moment, TimeError> {
    for (start, c) in text.char_indices() {
        if !c.is_ascii_alphanumeric() {
            continue;
        }
        let before = text[..start].chars().next_back();
        let joined = before.is_some_and(|b| {
            (b.is_ascii_digit() && c.is_ascii_digit()) || (b.is_alphabetic() && c.is_alphabetic())
        });
        if joined {
            continue;
        }
        let mut cursor = Cursor { text, at: start };
        if let Some(parts) = read_at(&mut cursor, order) {
            return parts.into_moment(text[start..cursor.at].trim_end());
        }
    }
    Err(TimeError::NoDate(crate::num::read::shorten(text)))
}

/// A date (with an optional time after it) or a time alone at the cursor.
fn read_at(cursor: &mut Cursor, order: Order) -> Option<Parts> {
    let start = *cursor;
    if let Some(mut parts) = read_date(cursor, order) {
        let after_date = *cursor;
        if !time_after_date(cursor, &mut parts) {
            *cursor = after_date;
        }
        return Some(parts);
    }
    *cursor = start;
    let mut parts = Parts::default();
    if read_time(cursor, &mut parts) {
        return Some(parts);
    }
    *cursor = start;
    None
}

/// Whether no digit follows (the number read is whole).
fn number_ends(cursor: &Cursor) -> bool {
    !cursor.peek().is_some_and(|c| c.is_ascii_digit())
}

fn read_date(cursor: &mut Cursor, order: Order) -> Option<Parts> {
    let start = *cursor;
    if let Some(weekday) = cursor.weekday_name(false) {
        cursor.eat(',');
        cursor.skip_spaces();
        let mut parts = read_date(cursor, order).or_else(|| {
            *cursor = start;
            None
        })?;
        parts.weekday = Some(weekday);
        return Some(parts);
    }
    let readers: [fn(&mut Cursor, Order) -> Option<Parts>; 4] = [
        numeric_date,
        compact_date,
        day_then_month_name,
        month_name_first,
    ];
    for reader in readers {
        *cursor = start;
        if let Some(parts) = reader(cursor, order) {
            return Some(parts);
        }
    }
    *cursor = start;
    None
}

/// `2023-07-04`, `7/4/2023`, `4.7.23`.
fn numeric_date(cursor: &mut Cursor, order: Order) -> Option<Parts> {
    let first = cursor.digit_text(1, 4)?;
    let separator = cursor.peek().filter(|c| matches!(c, '-' | '/' | '.'))?;
    cursor.eat(separator);
    let second = cursor.digits(1, 2)?;
    if !cursor.eat(separator) {
        return None;
    }
    let third = cursor.digit_text(1, 4)?;
    if !number_ends(cursor) {
        return None;
    }
    let number = |text: &str| text.parse::<u32>().ok();
    let year_of = |text: &str| match text.len() {
        4 => number(text).map(|year| year as i32),
        2 => number(text).map(expand_two_digit_year),
        _ => None,
    };
    let (year, month, day) = if first.len() == 4 {
        (number(first)? as i32, second, number(third)?)
    } else if first.len() > 2 {
        return None;
    } else {
        let year = year_of(third)?;
        match order {
            _ if separator == '.' => (year, second, number(first)?),
            Order::DayFirst => (year, second, number(first)?),
            Order::YearFirst if third.len() == 2 => (year_of(first)?, second, number(third)?),
            Order::MonthFirst | Order::YearFirst => (year, number(first)?, second),
        }
    };
    Some(Parts {
        year: Some(year),
        month: Some(month),
        day: Some(day),
        ..Parts::default()
    })
}

/// `20230704`, `07042023`.
fn compact_date(cursor: &mut Cursor, order: Order) -> Option<Parts> {
    let digits = cursor.digit_text(8, 8)?;
    if !number_ends(cursor) {
        return None;
    }
    let part = |from: usize, to: usize| digits[from..to].parse::<u32>().ok();
    let candidates = [
        Some((part(0, 4)?, part(4, 6)?, part(6, 8)?)),
        match order {
            Order::MonthFirst => Some((part(4, 8)?, part(0, 2)?, part(2, 4)?)),
            Order::DayFirst => Some((part(4, 8)?, part(2, 4)?, part(0, 2)?)),
            Order::YearFirst => None,
        },
    ];
    let (year, month, day) = candidates
        .into_iter()
        .flatten()
        .find(|&(year, month, day)| {
            chrono::NaiveDate::from_ymd_opt(year as i32, month, day).is_some()
        })?;
    Some(Parts {
        year: Some(year as i32),
        month: Some(month),
        day: Some(day),
        ..Parts::default()
    })
}

/// An ordinal suffix (`st`, `nd`, `rd`, `th`) right after a day, if there is one.
fn skip_ordinal(cursor: &mut Cursor) {
    let word = cursor.word();
    if ["st", "nd", "rd", "th"]
        .iter()
        .any(|suffix| suffix.eq_ignore_ascii_case(word))
    {
        cursor.at += word.len();
    }
}

/// Spaces, or one of `-` `.` `/` with optional spaces around it, or a comma with spaces.
fn date_separator(cursor: &mut Cursor) -> bool {
    let spaces = cursor.skip_spaces();
    let mark = cursor.eat('-') || cursor.eat('.') || cursor.eat('/') || cursor.eat(',');
    let after = cursor.skip_spaces();
    spaces + after > 0 || mark
}

/// A year of four digits, or of two after a separator; not followed by digits.
fn year(cursor: &mut Cursor) -> Option<i32> {
    let text = cursor.digit_text(2, 4)?;
    if !number_ends(cursor) {
        return None;
    }
    match text.len() {
        4 => text.parse().ok(),
        2 => text.parse().ok().map(expand_two_digit_year),
        _ => None,
    }
}

/// `4 July 2023`, `4-Jul-23`, `4th of July, 2023`.
fn day_then_month_name(cursor: &mut Cursor, _: Order) -> Option<Parts> {
    let day = cursor.digits(1, 2)?;
    if !number_ends(cursor) {
        return None;
    }
    skip_ordinal(cursor);
    if !date_separator(cursor) {
        return None;
    }
    if cursor.word().eq_ignore_ascii_case("of") {
        cursor.at += 2;
        cursor.skip_spaces();
    }
    let month = cursor.month_name(false)?;
    if !date_separator(cursor) {
        return None;
    }
    let year = year(cursor)?;
    Some(Parts {
        year: Some(year),
        month: Some(month),
        day: Some(day),
        ..Parts::default()
    })
}

/// `Jul 4 2023`, `July 4th, 2023`, `Jul-04-2023`, `July 2023`.
fn month_name_first(cursor: &mut Cursor, _: Order) -> Option<Parts> {
    let month = cursor.month_name(false)?;
    if !date_separator(cursor) {
        return None;
    }
    let before_day = *cursor;
    if let Some(day) = cursor.digits(1, 2).filter(|_| number_ends(cursor)) {
        skip_ordinal(cursor);
        if date_separator(cursor)
            && let Some(year) = year(cursor)
        {
            return Some(Parts {
                year: Some(year),
                month: Some(month),
                day: Some(day),
                ..Parts::default()
            });
        }
    }
    *cursor = before_day;
    let year = cursor.digits(4, 4).filter(|_| number_ends(cursor))?;
    Some(Parts {
        year: Some(year as i32),
        month: Some(month),
        ..Parts::default()
    })
}

/// A time after a date: `T15:30`, ` 3:30 PM`, `, 10:00`, ` at 10am`.
fn time_after_date(cursor: &mut Cursor, parts: &mut Parts) -> bool {
    if !cursor.eat('T') {
        cursor.eat(',');
        let spaces = cursor.skip_spaces();
        if cursor.word().eq_ignore_ascii_case("at") {
            cursor.at += 2;
            cursor.skip_spaces();
        } else if cursor.eat('@') {
            cursor.skip_spaces();
        } else if spaces == 0 {
            return false;
        }
    }
    read_time(cursor, parts)
}

/// A time of day at the cursor (see the module docs), with an optional offset after it.
fn read_time(cursor: &mut Cursor, parts: &mut Parts) -> bool {
    let start = *cursor;
    let Some(hour) = cursor.digits(1, 2) else {
        return false;
    };
    let mut found = Parts::default();
    if cursor.eat(':') {
        let Some(minute) = cursor.digits(2, 2) else {
            return false;
        };
        found.minute = Some(minute);
        if cursor.eat(':') {
            let Some(second) = cursor.digits(2, 2) else {
                return false;
            };
            found.second = Some(second);
            let before_fraction = *cursor;
            if (cursor.eat('.') || cursor.eat(','))
                && let Some(fraction) = cursor.digit_text(1, 9)
            {
                found.nanos = format!("{fraction:0<9}").parse().ok();
            } else {
                *cursor = before_fraction;
            }
        }
        if !number_ends(cursor) {
            return false;
        }
        set_hour(cursor, &mut found, hour);
    } else {
        *cursor = start;
        let digits = cursor.digit_text(1, 4).unwrap_or("");
        if !number_ends(cursor) {
            return false;
        }
        let before_suffix = *cursor;
        cursor.skip_spaces();
        let has_am_pm = { *cursor }.am_pm().is_some();
        let hours_suffix = ["h", "hrs"]
            .iter()
            .find(|suffix| cursor.word().eq_ignore_ascii_case(suffix));
        let (hour, minute) = match digits.len() {
            1 | 2 if has_am_pm => (digits.parse().unwrap_or(0), None),
            3 | 4 if has_am_pm || hours_suffix.is_some() => {
                let split = digits.len() - 2;
                (
                    digits[..split].parse().unwrap_or(0),
                    digits[split..].parse().ok(),
                )
            }
            _ => return false,
        };
        found.minute = minute;
        match hours_suffix {
            Some(suffix) if !has_am_pm => {
                cursor.at += suffix.len();
                found.hour = Some(hour);
            }
            _ => {
                *cursor = before_suffix;
                set_hour(cursor, &mut found, hour);
            }
        }
    }
    let before_offset = *cursor;
    cursor.eat(' ');
    match cursor.offset() {
        Some(offset) => found.offset = Some(offset),
        None => *cursor = before_offset,
    }
    *parts = Parts {
        hour: found.hour,
        hour12: found.hour12,
        pm: found.pm,
        minute: found.minute,
        second: found.second,
        nanos: found.nanos,
        offset: found.offset,
        ..*parts
    };
    true
}

/// Sets the hour, reading an AM/PM after it when there is one.
fn set_hour(cursor: &mut Cursor, parts: &mut Parts, hour: u32) {
    let before = *cursor;
    cursor.skip_spaces();
    match cursor.am_pm() {
        Some(pm) => {
            parts.hour12 = Some(hour);
            parts.pm = Some(pm);
        }
        None => {
            *cursor = before;
            parts.hour = Some(hour);
        }
    }
}

#[cfg(test)]
#[path = "any_tests.rs"]
mod tests;
