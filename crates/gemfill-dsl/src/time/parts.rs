//! The fields read from a text, and how they make one [`Moment`].

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveTime, Weekday};

use super::error::TimeError;
use super::moment::Moment;
use super::names::{MONTHS, WEEKDAYS};
use super::write::{quarter_of, week_of_month};

/// Everything a reader found; each part is checked against the others when the moment is
/// made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Parts {
    pub year: Option<i32>,
    pub iso_year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub day_of_year: Option<u32>,
    /// 0 is Monday.
    pub weekday: Option<u32>,
    pub iso_week: Option<u32>,
    pub quarter: Option<u32>,
    pub week_of_month: Option<u32>,
    /// 0-23.
    pub hour: Option<u32>,
    /// 1-12, with `pm`.
    pub hour12: Option<u32>,
    pub pm: Option<bool>,
    pub minute: Option<u32>,
    pub second: Option<u32>,
    pub nanos: Option<u32>,
    pub offset: Option<FixedOffset>,
}

impl Parts {
    fn has_time(&self) -> bool {
        self.hour.is_some()
            || self.hour12.is_some()
            || self.pm.is_some()
            || self.minute.is_some()
            || self.second.is_some()
            || self.nanos.is_some()
    }

    fn has_date(&self) -> bool {
        self.year.is_some()
            || self.iso_year.is_some()
            || self.month.is_some()
            || self.day.is_some()
            || self.day_of_year.is_some()
            || self.weekday.is_some()
            || self.iso_week.is_some()
            || self.quarter.is_some()
            || self.week_of_month.is_some()
    }

    /// The moment these parts make; `text` is what was read, for error messages.
    pub fn into_moment(self, text: &str) -> Result<Moment, TimeError> {
        let date = if self.has_date() {
            Some(self.date(text)?)
        } else {
            None
        };
        let time = if self.has_time() {
            Some(self.time(text)?)
        } else {
            None
        };
        if date.is_none() && time.is_none() {
            return Err(TimeError::NoDate(text.to_owned()));
        }
        Ok(Moment {
            date,
            time,
            offset: self.offset,
        })
    }

    fn date(&self, text: &str) -> Result<NaiveDate, TimeError> {
        let no_such_day = || TimeError::NoSuchDay(text.to_owned());
        let week_date = self.iso_week.is_some()
            && self.month.is_none()
            && self.day.is_none()
            && self.day_of_year.is_none();
        let date = match (self.year, self.month, self.day, self.day_of_year) {
            // `yyyy-'W'ww` counts the week among the calendar year's ISO weeks.
            _ if week_date => {
                let missing_year = || TimeError::Incomplete {
                    text: text.to_owned(),
                    missing: "year",
                };
                let year = self.iso_year.or(self.year).ok_or_else(missing_year)?;
                let weekday =
                    Weekday::try_from(self.weekday.unwrap_or(0) as u8).unwrap_or(Weekday::Mon);
                NaiveDate::from_isoywd_opt(year, self.iso_week.unwrap_or(1), weekday)
                    .ok_or_else(no_such_day)?
            }
            (Some(year), month, day, None) if month.is_some() || day.is_none() => {
                let month = month.or(self
                    .quarter
                    .map(|quarter| quarter.saturating_sub(1) * 3 + 1));
                if day.is_some() && month.is_none() {
                    return Err(TimeError::Incomplete {
                        text: text.to_owned(),
                        missing: "month",
                    });
                }
                NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))
                    .ok_or_else(no_such_day)?
            }
            (Some(year), None, None, Some(ordinal)) => {
                NaiveDate::from_yo_opt(year, ordinal).ok_or_else(no_such_day)?
            }
            (Some(_), ..) => {
                return Err(TimeError::Incomplete {
                    text: text.to_owned(),
                    missing: "month",
                });
            }
            (None, ..) => {
                return Err(TimeError::Incomplete {
                    text: text.to_owned(),
                    missing: "year",
                });
            }
        };
        self.check_date(date, text)?;
        Ok(date)
    }

    /// Checks that the weekday, quarter and weeks read agree with `date`.
    fn check_date(&self, date: NaiveDate, text: &str) -> Result<(), TimeError> {
        let contradiction = |claimed: String, actual: String| TimeError::Contradiction {
            text: text.to_owned(),
            day: format!(
                "{} {} {}",
                date.day(),
                MONTHS[date.month0() as usize],
                date.year()
            ),
            claimed,
            actual,
        };
        let weekday = date.weekday().num_days_from_monday();
        if let Some(claimed) = self.weekday.filter(|&claimed| claimed != weekday) {
            let name =
                |index: u32| format!("a {}", WEEKDAYS.get(index as usize).copied().unwrap_or("?"));
            return Err(contradiction(name(claimed), name(weekday)));
        }
        let checks = [
            (self.quarter, quarter_of(date.month()), "quarter"),
            (self.iso_week, date.iso_week().week(), "week"),
            (self.week_of_month, week_of_month(date), "week of the month"),
            (
                self.iso_year.map(|year| year as u32),
                date.iso_week().year() as u32,
                "week-numbering year",
            ),
        ];
        for (claimed, actual, what) in checks {
            if let Some(claimed) = claimed.filter(|&claimed| claimed != actual) {
                return Err(contradiction(
                    format!("in {what} {claimed}"),
                    format!("in {what} {actual}"),
                ));
            }
        }
        if self.year.is_some()
            && self
                .day_of_year
                .is_some_and(|ordinal| ordinal != date.ordinal())
        {
            return Err(TimeError::NoSuchDay(text.to_owned()));
        }
        Ok(())
    }

    fn time(&self, text: &str) -> Result<NaiveTime, TimeError> {
        let no_such_time = || TimeError::NoSuchTime(text.to_owned());
        let hour = match (self.hour, self.hour12, self.pm) {
            (Some(hour), ..) => hour,
            (None, Some(hour12), Some(pm)) => {
                if !(1..=12).contains(&hour12) {
                    return Err(no_such_time());
                }
                hour12 % 12 + if pm { 12 } else { 0 }
            }
            (None, Some(hour12), None) => hour12,
            (None, None, _) => 0,
        };
        NaiveTime::from_hms_nano_opt(
            hour,
            self.minute.unwrap_or(0),
            self.second.unwrap_or(0),
            self.nanos.unwrap_or(0),
        )
        .ok_or_else(no_such_time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_make_days_or_say_why_not() {
        let parts = Parts {
            year: Some(2023),
            month: Some(2),
            day: Some(31),
            ..Parts::default()
        };
        assert_eq!(
            parts.into_moment("31/02/2023").unwrap_err().to_string(),
            "'31/02/2023' names a day that does not exist"
        );
        let parts = Parts {
            month: Some(7),
            day: Some(4),
            ..Parts::default()
        };
        assert_eq!(
            parts.into_moment("7/4").unwrap_err().to_string(),
            "'7/4' has no year, so it does not make a date"
        );
        let parts = Parts {
            year: Some(2023),
            month: Some(7),
            day: Some(4),
            weekday: Some(2),
            ..Parts::default()
        };
        assert_eq!(
            parts.into_moment("Wed 4 Jul 2023").unwrap_err().to_string(),
            "'Wed 4 Jul 2023': 4 July 2023 is a Tuesday, not a Wednesday"
        );
        let parts = Parts {
            year: Some(2023),
            quarter: Some(3),
            ..Parts::default()
        };
        assert_eq!(
            parts.into_moment("Q3 2023").unwrap().to_string(),
            "2023-07-01"
        );
        let parts = Parts {
            iso_year: Some(2023),
            iso_week: Some(27),
            weekday: Some(1),
            ..Parts::default()
        };
        assert_eq!(
            parts.into_moment("2023-W27-2").unwrap().to_string(),
            "2023-07-04"
        );
        let parts = Parts {
            hour12: Some(12),
            pm: Some(false),
            minute: Some(30),
            ..Parts::default()
        };
        assert_eq!(
            parts.into_moment("12:30 AM").unwrap().to_string(),
            "00:30:00"
        );
        let parts = Parts {
            hour12: Some(13),
            pm: Some(true),
            ..Parts::default()
        };
        assert!(parts.into_moment("13 PM").is_err());
        let parts = Parts {
            year: Some(2023),
            day_of_year: Some(185),
            ..Parts::default()
        };
        assert_eq!(
            parts.into_moment("2023-185").unwrap().to_string(),
            "2023-07-04"
        );
    }
}
