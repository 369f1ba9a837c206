//! Dates, times of day, date-times and durations: reading them from text, writing them
//! with a pattern, arithmetic, rounding and time zones.
//!
//! A [`Moment`] is a calendar date, a time of day, or both, with an optional UTC offset.
//! Everything is exact to the nanosecond and nothing here panics on any input: a day that
//! does not exist, a value out of range or a pattern that does not fit is a [`TimeError`]
//! that says what is wrong.
//!
//! - [`pattern`](mod@pattern): [`DatePattern`], the CLDR-style pattern language (`yyyy-MM-dd`,
//!   `EEE d MMM, h:mm a`), for writing and reading;
//! - [`any`](mod@any): [`read_any`], the first date or time in a text in any common format;
//! - [`serial`](mod@serial): spreadsheet serial days and Unix timestamps;
//! - [`arith`](mod@arith): [`Unit`]s, [`shift`], [`between`], [`start_of`], [`end_of`],
//!   [`round_to`];
//! - [`zone`](mod@zone): [`to_zone`] and [`in_zone`] with IANA time zones;
//! - [`duration`](mod@duration): [`read_duration`] and [`DurationPattern`];
//! - [`infer`](mod@infer): [`infer_date_patterns`] and [`infer_duration_patterns`], the
//!   patterns that write a value as shown.
//!
//! ```
//! use gemfill_dsl::num::Decimal;
//! use gemfill_dsl::time::{DatePattern, Order, Unit, read_any, shift, to_zone};
//! let moment = read_any("Shipped: 7/4/2023 11:30 PM", Order::MonthFirst).unwrap();
//! let later = shift(&moment, Decimal::from(1), Unit::Months).unwrap();
//! let pattern = DatePattern::parse("EEE d MMM yyyy, HH:mm").unwrap();
//! assert_eq!(pattern.format(&later).unwrap(), "Fri 4 Aug 2023, 23:30");
//! let utc = read_any("2023-07-04T23:30Z", Order::YearFirst).unwrap();
//! let paris = to_zone(&utc, "Europe/Paris").unwrap();
//! assert_eq!(DatePattern::parse("yyyy-MM-dd HH:mm xxx").unwrap().format(&paris).unwrap(), "2023-07-05 01:30 +02:00");
//! ```
//!
//! Internals: `names` holds month and weekday names, `scan` the cursor that readers share,
//! `parts` the fields read from a text and how they make a moment, `write` and `read` the
//! two directions of a date pattern.

pub mod any;
pub mod arith;
pub mod duration;
pub mod infer;
mod names;
mod parts;
pub mod pattern;
mod read;
mod scan;
pub mod serial;
mod write;
pub mod zone;

use std::fmt;

use chrono::{FixedOffset, NaiveDate, NaiveTime, Timelike};

pub use any::{Order, read_any};
pub use arith::{Unit, between, end_of, round_to, shift, start_of};
pub use duration::{DurationPattern, read_duration};
pub use infer::{infer_date_patterns, infer_duration_patterns};
pub use pattern::{DatePattern, DatePatternError, DatePatternProblem};
pub use serial::{from_serial, read_serial, read_unix_millis, read_unix_seconds, to_serial};
pub use zone::{in_zone, to_zone};

use crate::num::NumberError;

/// A calendar date, a time of day, or both, with an optional UTC offset. At least one of
/// `date` and `time` is present in every moment the readers and operations make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Moment {
    /// The calendar day, when the moment has one.
    pub date: Option<NaiveDate>,
    /// The time of day (to the nanosecond), when the moment has one.
    pub time: Option<NaiveTime>,
    /// The offset from UTC of the date and time, when known.
    pub offset: Option<FixedOffset>,
}

impl Moment {
    /// A date without a time of day.
    pub fn date(date: NaiveDate) -> Moment {
        Moment {
            date: Some(date),
            time: None,
            offset: None,
        }
    }

    /// A time of day without a date.
    pub fn time(time: NaiveTime) -> Moment {
        Moment {
            date: None,
            time: Some(time),
            offset: None,
        }
    }

    /// A date with a time of day.
    pub fn date_time(date: NaiveDate, time: NaiveTime) -> Moment {
        Moment {
            date: Some(date),
            time: Some(time),
            offset: None,
        }
    }

    /// The same moment with `offset` attached.
    pub fn with_offset(self, offset: FixedOffset) -> Moment {
        Moment {
            offset: Some(offset),
            ..self
        }
    }

    /// The date, or an error saying the moment has none.
    pub fn need_date(&self) -> Result<NaiveDate, TimeError> {
        self.date.ok_or(TimeError::Lacks {
            moment: self.to_string(),
            part: Part::Date,
        })
    }

    /// The time of day, or an error saying the moment has none.
    pub fn need_time(&self) -> Result<NaiveTime, TimeError> {
        self.time.ok_or(TimeError::Lacks {
            moment: self.to_string(),
            part: Part::Time,
        })
    }

    /// The offset, or an error saying the moment has none.
    pub fn need_offset(&self) -> Result<FixedOffset, TimeError> {
        self.offset.ok_or(TimeError::Lacks {
            moment: self.to_string(),
            part: Part::Offset,
        })
    }
}

/// ISO 8601 for debugging: `2023-07-04`, `15:05:00`, `2023-07-04T15:05:00.250+02:00`.
impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(date) = self.date {
            write!(f, "{}", date.format("%Y-%m-%d"))?;
            if self.time.is_some() {
                f.write_str("T")?;
            }
        }
        if let Some(time) = self.time {
            write!(f, "{}", time.format("%H:%M:%S"))?;
            let nanos = time.nanosecond() % 1_000_000_000;
            if nanos != 0 {
                let fraction = format!("{nanos:09}");
                write!(f, ".{}", fraction.trim_end_matches('0'))?;
            }
        }
        if let Some(offset) = self.offset {
            write!(f, "{offset}")?;
        }
        Ok(())
    }
}

/// A part of a moment that an operation needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The calendar date.
    Date,
    /// The time of day.
    Time,
    /// The UTC offset.
    Offset,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Date => "date",
            Part::Time => "time of day",
            Part::Offset => "time zone offset",
        })
    }
}

/// Why a date, time or duration could not be read, written or computed. Messages speak to
/// a spreadsheet user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// No date or time could be found in the text.
    #[error("'{0}' has no date or time in it")]
    NoDate(String),
    /// The text names a calendar day that does not exist.
    #[error("'{0}' names a day that does not exist")]
    NoSuchDay(String),
    /// The text names a time of day that does not exist.
    #[error("'{0}' names a time of day that does not exist")]
    NoSuchTime(String),
    /// The text does not fit a pattern.
    #[error("'{text}' does not fit the pattern \"{pattern}\": expected {expected} at {at}")]
    Mismatch {
        /// The text read.
        text: String,
        /// The pattern's source.
        pattern: String,
        /// What the pattern expected.
        expected: String,
        /// Where (the rest of the text, quoted, or "the end").
        at: String,
    },
    /// Fields of the text contradict each other (a weekday that is not the date's).
    #[error("'{text}': {day} is {actual}, not {claimed}")]
    Contradiction {
        /// The text read.
        text: String,
        /// The date the other fields make.
        day: String,
        /// What the contradicting field says.
        claimed: String,
        /// What it is for that date.
        actual: String,
    },
    /// The fields read do not make a date (a day and month without a year).
    #[error("'{text}' has no {missing}, so it does not make a date")]
    Incomplete {
        /// The text read.
        text: String,
        /// The missing field.
        missing: &'static str,
    },
    /// A field of a pattern cannot be read back from text.
    #[error("{0} cannot be read back: it does not say which value it is")]
    Unreadable(&'static str),
    /// An operation needs a part that the moment does not have.
    #[error("{moment} has no {part}")]
    Lacks {
        /// The moment, as [`Moment`]'s `Display` writes it.
        moment: String,
        /// What is missing.
        part: Part,
    },
    /// A result outside the calendar's range.
    #[error("{0} is outside the range of dates")]
    OutOfRange(String),
    /// A fractional amount of a calendar unit.
    #[error("{unit} can only be added in whole numbers, not {amount}")]
    WholeAmount {
        /// The amount given.
        amount: String,
        /// The unit's name.
        unit: &'static str,
    },
    /// A rounding step that is not allowed.
    #[error("cannot round to {step} {unit}: {why}")]
    BadStep {
        /// The step given.
        step: String,
        /// The unit's name.
        unit: &'static str,
        /// What steps are allowed.
        why: &'static str,
    },
    /// A time zone that is not known.
    #[error(
        "'{0}' is not a time zone; use UTC, an offset like +02:00, or a name like Europe/Paris"
    )]
    UnknownZone(String),
    /// A local time skipped by a daylight-saving change.
    #[error("{time} does not exist in {zone}: the clocks skip it")]
    SkippedTime {
        /// The local date and time.
        time: String,
        /// The zone's name.
        zone: String,
    },
    /// A local time that happens twice because of a daylight-saving change.
    #[error("{time} is ambiguous in {zone}: it happens at {first} and again at {second}")]
    AmbiguousTime {
        /// The local date and time.
        time: String,
        /// The zone's name.
        zone: String,
        /// The earlier offset.
        first: String,
        /// The later offset.
        second: String,
    },
    /// `in_zone` on a moment that already has an offset.
    #[error("{0} already has a time zone offset; use to_zone to convert it")]
    HasOffset(String),
    /// A text that holds no duration.
    #[error("'{0}' has no duration in it")]
    NoDuration(String),
    /// A calendar unit in a duration, which has no fixed length.
    #[error("'{0}': months and years have no fixed length, so they cannot be a duration")]
    CalendarDuration(String),
    /// A date pattern that is not valid.
    #[error(transparent)]
    Pattern(#[from] DatePatternError),
    /// A number that could not be read or computed.
    #[error(transparent)]
    Number(#[from] NumberError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_display_as_iso_8601() {
        let date = NaiveDate::from_ymd_opt(2023, 7, 4).unwrap();
        let time = NaiveTime::from_hms_milli_opt(15, 5, 0, 250).unwrap();
        let offset = FixedOffset::east_opt(7200).unwrap();
        assert_eq!(Moment::date(date).to_string(), "2023-07-04");
        assert_eq!(Moment::time(time).to_string(), "15:05:00.25");
        assert_eq!(
            Moment::date_time(date, time)
                .with_offset(offset)
                .to_string(),
            "2023-07-04T15:05:00.25+02:00"
        );
        let error = Moment::date(date).need_time().unwrap_err();
        assert_eq!(error.to_string(), "2023-07-04 has no time of day");
    }
}
