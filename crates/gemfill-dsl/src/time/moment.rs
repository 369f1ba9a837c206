//! [`Moment`]: a date, a time of day, or both, with an optional UTC offset.

use std::fmt;

use chrono::{FixedOffset, NaiveDate, NaiveTime, Timelike};

use super::error::{Part, TimeError};

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
        self.date.ok_or_else(|| TimeError::Lacks {
            moment: self.to_string(),
            part: Part::Date,
        })
    }

    /// The time of day, or an error saying the moment has none.
    pub fn need_time(&self) -> Result<NaiveTime, TimeError> {
        self.time.ok_or_else(|| TimeError::Lacks {
            moment: self.to_string(),
            part: Part::Time,
        })
    }

    /// The offset, or an error saying the moment has none.
    pub fn need_offset(&self) -> Result<FixedOffset, TimeError> {
        self.offset.ok_or_else(|| TimeError::Lacks {
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
