//! [`TimeError`], why a date, time or duration could not be read, written or computed.

use std::fmt;

use super::pattern::DatePatternError;
use crate::num::NumberError;

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
        /// The moment, as [`Moment`](super::Moment)'s `Display` writes it.
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
