//! Reading text with a [`DatePattern`] (the lenient rules are in its module docs).

use super::error::TimeError;
use super::moment::Moment;
use super::parts::Parts;
use super::pattern::{DatePattern, Field};
use super::scan::Cursor;

impl DatePattern {
    /// Reads `text` (white space around it ignored) with this pattern: `dd/MM/yyyy` reads
    /// `04/07/2023` as 2023-07-04. The whole text must fit the pattern.
    pub fn read(&self, text: &str) -> Result<Moment, TimeError> {
        let trimmed = text.trim();
        let mut cursor = Cursor::new(trimmed);
        let mut parts = Parts::default();
        for (index, field) in self.fields.iter().enumerate() {
            let next_is_dot = matches!(self.fields.get(index + 1), Some(Field::Literal(text)) if text.starts_with('.'));
            read_field(&mut cursor, field, next_is_dot, &mut parts)
                .ok_or_else(|| self.mismatch(trimmed, &cursor, field))??;
        }
        if !cursor.at_end() {
            return Err(self.mismatch(trimmed, &cursor, &Field::Literal(String::new())));
        }
        parts.into_moment(trimmed)
    }

    fn mismatch(&self, text: &str, cursor: &Cursor, field: &Field) -> TimeError {
        let expected = match field {
            Field::Literal(literal) if literal.is_empty() => "the end".to_owned(),
            Field::Literal(literal) => format!("'{literal}'"),
            field => field.describe().to_owned(),
        };
        let at = if cursor.at_end() {
            "the end".to_owned()
        } else {
            format!("'{}'", cursor.rest())
        };
        TimeError::Mismatch {
            text: text.to_owned(),
            pattern: self.source.clone(),
            expected,
            at,
        }
    }
}

/// Reads one field into `parts`: None when the text does not fit, an error when the field
/// cannot be read at all.
fn read_field(
    cursor: &mut Cursor,
    field: &Field,
    next_is_dot: bool,
    parts: &mut Parts,
) -> Option<Result<(), TimeError>> {
    let set = |slot: &mut Option<u32>, value: Option<u32>| value.map(|value| *slot = Some(value));
    let read = match field {
        Field::Literal(text) => read_literal(cursor, text),
        Field::Year4 | Field::IsoYear => {
            let year = cursor.digits(4, 4)? as i32;
            if *field == Field::Year4 {
                parts.year = Some(year)
            } else {
                parts.iso_year = Some(year)
            }
            Some(())
        }
        Field::Year2 => cursor
            .digits(2, 2)
            .map(|year| parts.year = Some(super::names::expand_two_digit_year(year))),
        Field::YearPlain => cursor
            .digits(1, 4)
            .map(|year| parts.year = Some(year as i32)),
        Field::Month | Field::Month2 => set(&mut parts.month, cursor.digits(1, 2)),
        Field::MonthShort | Field::MonthLong => {
            set(&mut parts.month, cursor.month_name(next_is_dot))
        }
        Field::MonthLetter => {
            return Some(Err(TimeError::Unreadable("a month's first letter (MMMMM)")));
        }
        Field::Day | Field::Day2 => set(&mut parts.day, cursor.digits(1, 2)),
        Field::DayOrdinal => {
            let day = cursor.digits(1, 2)?;
            let suffix = cursor.word();
            if ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| s.eq_ignore_ascii_case(suffix))
            {
                cursor.at += suffix.len();
            }
            parts.day = Some(day);
            Some(())
        }
        Field::WeekdayShort | Field::WeekdayLong => {
            set(&mut parts.weekday, cursor.weekday_name(next_is_dot))
        }
        Field::IsoWeekday => set(
            &mut parts.weekday,
            cursor
                .digits(1, 1)
                .filter(|day| (1..=7).contains(day))
                .map(|day| day - 1),
        ),
        Field::DayOfYear(_) => set(&mut parts.day_of_year, cursor.digits(1, 3)),
        Field::Quarter => set(
            &mut parts.quarter,
            cursor.digits(1, 1).filter(|q| (1..=4).contains(q)),
        ),
        Field::IsoWeek | Field::IsoWeek2 => set(&mut parts.iso_week, cursor.digits(1, 2)),
        Field::WeekOfMonth => set(&mut parts.week_of_month, cursor.digits(1, 1)),
        Field::Hour | Field::Hour2 => set(&mut parts.hour, cursor.digits(1, 2)),
        Field::Hour12 | Field::Hour12Padded => set(&mut parts.hour12, cursor.digits(1, 2)),
        Field::Minute | Field::Minute2 => set(&mut parts.minute, cursor.digits(1, 2)),
        Field::Second | Field::Second2 => set(&mut parts.second, cursor.digits(1, 2)),
        Field::Fraction(_) => {
            let digits = cursor.digit_text(1, 9)?;
            let nanos: u32 = format!("{digits:0<9}").parse().ok()?;
            parts.nanos = Some(nanos);
            Some(())
        }
        Field::AmPm | Field::AmPmLower => cursor.am_pm().map(|pm| parts.pm = Some(pm)),
        Field::OffsetZ { .. } | Field::Offset { .. } => {
            cursor.offset().map(|offset| parts.offset = Some(offset))
        }
    };
    read.map(Ok)
}

/// Matches literal text: letters in any case, a space against any run of white space.
fn read_literal(cursor: &mut Cursor, literal: &str) -> Option<()> {
    for c in literal.chars() {
        if c.is_whitespace() {
            if cursor.skip_spaces() == 0 {
                return None;
            }
            continue;
        }
        let next = cursor.peek()?;
        if next != c && !(next.is_ascii_alphabetic() && next.eq_ignore_ascii_case(&c)) {
            return None;
        }
        cursor.at += next.len_utf8();
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pattern: &str, text: &str) -> String {
        match DatePattern::parse(pattern).unwrap().read(text) {
            Ok(moment) => moment.to_string(),
            Err(error) => format!("error: {error}"),
        }
    }

    #[test]
    fn reads_with_a_pattern() {
        let table = [
            ("yyyy-MM-dd", "2023-07-04", "2023-07-04"),
            ("dd/MM/yyyy", " 4/7/2023 ", "2023-07-04"),
            ("yyyyMMdd", "20230704", "2023-07-04"),
            ("MMM d, yyyy", "jul. 4, 2023", "2023-07-04"),
            ("MMMM d, yyyy", "Sept 4,   2023", "2023-09-04"),
            ("MMM. d yyyy", "Jul. 4 2023", "2023-07-04"),
            (
                "EEEE, do 'of' MMMM yy",
                "tuesday, 4th OF july 23",
                "2023-07-04",
            ),
            ("d-MMM-yy", "4-Jul-95", "1995-07-04"),
            ("'Q'Q yyyy", "Q3 2023", "2023-07-01"),
            ("MMM yyyy", "Jul 2023", "2023-07-01"),
            ("YYYY-'W'ww-e", "2023-W27-2", "2023-07-04"),
            ("yyyy-'W'ww", "2023-W27", "2023-07-03"),
            ("YYYY-'W'ww", "2020-W53", "2020-12-28"),
            (
                "YYYY-'W'ww",
                "2023-W53",
                "error: '2023-W53' names a day that does not exist",
            ),
            ("yyyy DDD", "2023 185", "2023-07-04"),
            ("h:mm a", "3:05 p.m.", "15:05:00"),
            ("h:mm a", "12:05 AM", "00:05:00"),
            ("HH:mm:ss.SSS", "15:05:09.25", "15:05:09.25"),
            (
                "yyyy-MM-dd'T'HH:mmXXX",
                "2023-07-04T15:05Z",
                "2023-07-04T15:05:00+00:00",
            ),
            (
                "yyyy-MM-dd HH:mm xx",
                "2023-07-04 15:05 +0200",
                "2023-07-04T15:05:00+02:00",
            ),
            (
                "dd/MM/yyyy",
                "31/02/2023",
                "error: '31/02/2023' names a day that does not exist",
            ),
            (
                "EEE d MMM yyyy",
                "Wed 4 Jul 2023",
                "error: 'Wed 4 Jul 2023': 4 July 2023 is a Tuesday, not a Wednesday",
            ),
            (
                "yyyy-MM-dd",
                "2023-07",
                "error: '2023-07' does not fit the pattern \"yyyy-MM-dd\": expected '-' at the end",
            ),
            (
                "yyyy-MM-dd",
                "2023-07-04x",
                "error: '2023-07-04x' does not fit the pattern \"yyyy-MM-dd\": expected the end at 'x'",
            ),
            (
                "MMM d",
                "Jul 4",
                "error: 'Jul 4' has no year, so it does not make a date",
            ),
            (
                "MMMMM yyyy",
                "J 2023",
                "error: a month's first letter (MMMMM) cannot be read back: it does not say which value it is",
            ),
            (
                "HH:mm",
                "25:00",
                "error: '25:00' names a time of day that does not exist",
            ),
        ];
        for (pattern, text, expected) in table {
            assert_eq!(read(pattern, text), expected, "{pattern} on {text}");
        }
    }
}
