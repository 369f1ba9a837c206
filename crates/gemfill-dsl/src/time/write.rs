//! Writing a [`Moment`] with a [`DatePattern`].

use std::fmt::Write as _;

use chrono::{Datelike, FixedOffset, NaiveDate, Timelike};

use super::error::TimeError;
use super::moment::Moment;
use super::names::{MONTHS, WEEKDAYS, ordinal_suffix, short};
use super::pattern::{DatePattern, Field};

impl DatePattern {
    /// Writes `moment` with this pattern: `yyyy-MM-dd` writes 2023-07-04 as `2023-07-04`.
    /// An error when a field needs a part the moment lacks ("has no time of day").
    pub fn format(&self, moment: &Moment) -> Result<String, TimeError> {
        let mut out = String::new();
        for field in &self.fields {
            write_field(&mut out, field, moment)?;
        }
        Ok(out)
    }
}

/// The week of the month of `date`: week 1 holds the 1st, each Monday starts a new week.
pub(crate) fn week_of_month(date: NaiveDate) -> u32 {
    let first = date.with_day(1).unwrap_or(date);
    (date.day() - 1 + first.weekday().num_days_from_monday()) / 7 + 1
}

/// The quarter (1-4) of a month (1-12).
pub(crate) fn quarter_of(month: u32) -> u32 {
    (month - 1) / 3 + 1
}

/// An offset as `+02:00` (`colon`) or `+0200`.
pub(crate) fn write_offset(out: &mut String, offset: FixedOffset, colon: bool) {
    let seconds = offset.local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    let separator = if colon { ":" } else { "" };
    let _ = write!(
        out,
        "{sign}{:02}{separator}{:02}",
        minutes / 60,
        minutes % 60
    );
}

pub(crate) fn write_field(
    out: &mut String,
    field: &Field,
    moment: &Moment,
) -> Result<(), TimeError> {
    let date = || moment.need_date();
    let time = || moment.need_time();
    let _ = match field {
        Field::Literal(text) => {
            out.push_str(text);
            Ok(())
        }
        Field::Year4 => write!(out, "{:04}", date()?.year()),
        Field::Year2 => write!(out, "{:02}", date()?.year().rem_euclid(100)),
        Field::YearPlain => write!(out, "{}", date()?.year()),
        Field::IsoYear => write!(out, "{:04}", date()?.iso_week().year()),
        Field::Month => write!(out, "{}", date()?.month()),
        Field::Month2 => write!(out, "{:02}", date()?.month()),
        Field::MonthShort => write!(out, "{}", short(MONTHS[date()?.month0() as usize])),
        Field::MonthLong => write!(out, "{}", MONTHS[date()?.month0() as usize]),
        Field::MonthLetter => write!(out, "{}", &MONTHS[date()?.month0() as usize][..1]),
        Field::Day => write!(out, "{}", date()?.day()),
        Field::Day2 => write!(out, "{:02}", date()?.day()),
        Field::DayOrdinal => {
            let day = date()?.day();
            write!(out, "{day}{}", ordinal_suffix(day))
        }
        Field::WeekdayShort => {
            write!(
                out,
                "{}",
                short(WEEKDAYS[date()?.weekday().num_days_from_monday() as usize])
            )
        }
        Field::WeekdayLong => write!(
            out,
            "{}",
            WEEKDAYS[date()?.weekday().num_days_from_monday() as usize]
        ),
        Field::IsoWeekday => write!(out, "{}", date()?.weekday().number_from_monday()),
        Field::DayOfYear(width) => write!(out, "{:0width$}", date()?.ordinal()),
        Field::Quarter => write!(out, "{}", quarter_of(date()?.month())),
        Field::IsoWeek => write!(out, "{}", date()?.iso_week().week()),
        Field::IsoWeek2 => write!(out, "{:02}", date()?.iso_week().week()),
        Field::WeekOfMonth => write!(out, "{}", week_of_month(date()?)),
        Field::Hour => write!(out, "{}", time()?.hour()),
        Field::Hour2 => write!(out, "{:02}", time()?.hour()),
        Field::Hour12 => write!(out, "{}", time()?.hour12().1),
        Field::Hour12Padded => write!(out, "{:02}", time()?.hour12().1),
        Field::Minute => write!(out, "{}", time()?.minute()),
        Field::Minute2 => write!(out, "{:02}", time()?.minute()),
        Field::Second => write!(out, "{}", time()?.second()),
        Field::Second2 => write!(out, "{:02}", time()?.second()),
        Field::Fraction(digits) => {
            let nanos = time()?.nanosecond().min(999_999_999);
            let shown = nanos / 10u32.pow(9 - *digits as u32);
            write!(out, "{shown:0digits$}")
        }
        Field::AmPm => write!(out, "{}", if time()?.hour12().0 { "PM" } else { "AM" }),
        Field::AmPmLower => write!(out, "{}", if time()?.hour12().0 { "pm" } else { "am" }),
        Field::OffsetZ { colon } => {
            let offset = moment.need_offset()?;
            if offset.local_minus_utc() == 0 {
                out.push('Z');
            } else {
                write_offset(out, offset, *colon);
            }
            Ok(())
        }
        Field::Offset { colon } => {
            write_offset(out, moment.need_offset()?, *colon);
            Ok(())
        }
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn sample() -> Moment {
        let date = NaiveDate::from_ymd_opt(2023, 7, 4).unwrap();
        let time = NaiveTime::from_hms_milli_opt(15, 5, 9, 250).unwrap();
        Moment::date_time(date, time).with_offset(FixedOffset::east_opt(7200).unwrap())
    }

    fn write(pattern: &str, moment: &Moment) -> String {
        match DatePattern::parse(pattern).unwrap().format(moment) {
            Ok(text) => text,
            Err(error) => format!("error: {error}"),
        }
    }

    #[test]
    fn writes_every_field() {
        let moment = sample();
        let table = [
            ("yyyy-MM-dd", "2023-07-04"),
            ("yy/M/d", "23/7/4"),
            ("y", "2023"),
            ("YYYY-'W'ww-e", "2023-W27-2"),
            ("MMM MMMM MMMMM", "Jul July J"),
            ("do 'of' MMMM", "4th of July"),
            ("EEE, EEEE, E", "Tue, Tuesday, Tue"),
            ("D DD DDD", "185 185 185"),
            ("'Q'Q yyyy", "Q3 2023"),
            ("w W", "27 2"),
            ("H HH h hh", "15 15 3 03"),
            ("m mm s ss", "5 05 9 09"),
            ("S SS SSS SSSS", "2 25 250 2500"),
            ("h:mm a", "3:05 PM"),
            ("h:mmaaa", "3:05pm"),
            (
                "X XX XXX xx xxx Z",
                "+02:00 +0200 +02:00 +0200 +02:00 +0200",
            ),
            (
                "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
                "2023-07-04T15:05:09.250+02:00",
            ),
            ("EEE d MMM, h:mm a", "Tue 4 Jul, 3:05 PM"),
            ("''yy", "'23"),
        ];
        for (pattern, expected) in table {
            assert_eq!(write(pattern, &moment), expected, "{pattern}");
        }
        let utc = Moment {
            offset: FixedOffset::east_opt(0),
            ..moment
        };
        assert_eq!(write("X xxx", &utc), "Z +00:00");
        let early = Moment::date(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        assert_eq!(write("DDD D", &early), "001 1");
        assert_eq!(
            write("HH:mm", &early),
            "error: 2024-01-01 has no time of day"
        );
        assert_eq!(
            write(
                "X",
                &Moment::date(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
            ),
            "error: 2024-01-01 has no time zone offset"
        );
        let midnight = Moment::time(NaiveTime::from_hms_opt(0, 30, 0).unwrap());
        assert_eq!(write("h:mm a", &midnight), "12:30 AM");
        assert_eq!(write("yyyy", &midnight), "error: 00:30:00 has no date");
    }

    #[test]
    fn weeks_of_the_month_start_on_monday() {
        // July 2023 starts on a Saturday: 1-2 are week 1, 3-9 week 2.
        let week = |day| week_of_month(NaiveDate::from_ymd_opt(2023, 7, day).unwrap());
        assert_eq!(
            [week(1), week(2), week(3), week(9), week(10), week(31)],
            [1, 1, 2, 2, 3, 6]
        );
    }
}
