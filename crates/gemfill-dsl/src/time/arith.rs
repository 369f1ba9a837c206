//! Date and time arithmetic: [`shift`], [`between`], [`start_of`], [`end_of`] and
//! [`round_to`], in [`Unit`]s.
//!
//! | operation | example | rule |
//! | --- | --- | --- |
//! | `shift(m, n, unit)` | 2023-01-31 + 1 month = 2023-02-28 | months, quarters and years take whole amounts and keep the day, clamped to the month's end; seconds to weeks may be fractional |
//! | | 15:00 + 10 hours = 01:00 | a time of day alone wraps around midnight |
//! | | 2023-07-04 + 36 hours = 2023-07-05 12:00 | a date alone becomes a date-time when the shift is not whole days |
//! | `between(a, b, unit)` | 2023-07-04 to 2023-07-05 12:00 = 1.5 days | `b - a`; seconds to weeks are exact (and may be fractional) |
//! | | 2000-03-01 to 2023-02-28 = 22 years | months, quarters and years count whole completed units toward zero, the way an age is computed |
//! | `start_of(m, unit)` | 2023-07-04 15:05 → 2023-07-01 00:00 (months) | weeks start on Monday; units below a day cut the time (start of the hour or minute) |
//! | `end_of(m, unit)` | 2023-02-10 → 2023-02-28 (months) | the last day of the period; with a time, its last nanosecond (23:59:59.999999999) |
//! | `round_to(m, step, unit, mode)` | 10:08 to 15 minutes, half up → 10:15 | below a day: the time to a multiple of `step` units since midnight; from days up, `step` is 1: the period's start (down) or the next one (up, or half up past the middle) |
//!
//! When both moments of `between` have an offset they are compared in UTC; otherwise
//! their local dates and times are compared. A date without a time counts as midnight.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::error::TimeError;
use super::moment::Moment;
use crate::num::{self, Rounding, round_to_multiple};

const NANOS_PER_SECOND: i128 = 1_000_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// A unit of time for arithmetic and rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// Seconds.
    Seconds,
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Calendar days.
    Days,
    /// Weeks of seven days (starting on Monday for `start_of`).
    Weeks,
    /// Calendar months.
    Months,
    /// Quarters of three months (January, April, July, October).
    Quarters,
    /// Calendar years.
    Years,
}

impl Unit {
    /// Every unit, shortest first.
    pub const ALL: [Unit; 8] = [
        Unit::Seconds,
        Unit::Minutes,
        Unit::Hours,
        Unit::Days,
        Unit::Weeks,
        Unit::Months,
        Unit::Quarters,
        Unit::Years,
    ];

    /// The unit's name in the language: `seconds`, `minutes`, ..., `years`.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Seconds => "seconds",
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Quarters => "quarters",
            Unit::Years => "years",
        }
    }

    /// The unit called `name` (plural as [`Unit::name`] writes it, or singular).
    pub fn from_name(name: &str) -> Option<Unit> {
        Unit::ALL
            .into_iter()
            .find(|unit| unit.name() == name || unit.name().strip_suffix('s') == Some(name))
    }

    /// The unit's length in seconds, for units of fixed length (up to weeks).
    pub fn seconds(self) -> Option<i64> {
        match self {
            Unit::Seconds => Some(1),
            Unit::Minutes => Some(60),
            Unit::Hours => Some(3_600),
            Unit::Days => Some(SECONDS_PER_DAY),
            Unit::Weeks => Some(7 * SECONDS_PER_DAY),
            Unit::Months | Unit::Quarters | Unit::Years => None,
        }
    }

    /// Months per unit for calendar units.
    fn months(self) -> Option<u32> {
        match self {
            Unit::Months => Some(1),
            Unit::Quarters => Some(3),
            Unit::Years => Some(12),
            _ => None,
        }
    }
}

fn out_of_range(moment: &Moment) -> TimeError {
    TimeError::OutOfRange(format!("the result for {moment}"))
}

/// A moment's date and time as one value (a date alone is at midnight).
fn naive(moment: &Moment) -> Result<NaiveDateTime, TimeError> {
    Ok(moment
        .need_date()?
        .and_time(moment.time.unwrap_or(NaiveTime::MIN)))
}

/// `moment` moved by `amount` units (see the module docs).
pub fn shift(moment: &Moment, amount: Decimal, unit: Unit) -> Result<Moment, TimeError> {
    if let Some(per_unit) = unit.months() {
        if !amount.fract().is_zero() {
            return Err(TimeError::WholeAmount {
                amount: num::format_plain(amount),
                unit: unit.name(),
            });
        }
        let date = moment.need_date()?;
        let months = amount
            .to_i64()
            .and_then(|n| n.checked_mul(i64::from(per_unit)))
            .ok_or_else(|| out_of_range(moment))?;
        let magnitude = u32::try_from(months.unsigned_abs()).map_err(|_| out_of_range(moment))?;
        let moved = if months >= 0 {
            date.checked_add_months(Months::new(magnitude))
        } else {
            date.checked_sub_months(Months::new(magnitude))
        };
        return Ok(Moment {
            date: Some(moved.ok_or_else(|| out_of_range(moment))?),
            ..*moment
        });
    }
    let seconds = unit.seconds().unwrap_or(1);
    if unit >= Unit::Days && amount.fract().is_zero() {
        let date = moment.need_date()?;
        let days = amount
            .to_i64()
            .and_then(|n| n.checked_mul(seconds / SECONDS_PER_DAY))
            .ok_or_else(|| out_of_range(moment))?;
        let moved = TimeDelta::try_days(days)
            .and_then(|delta| date.checked_add_signed(delta))
            .ok_or_else(|| out_of_range(moment))?;
        return Ok(Moment {
            date: Some(moved),
            ..*moment
        });
    }
    let nanos = amount
        .checked_mul(Decimal::from(seconds))
        .and_then(|total| total.checked_mul(Decimal::from(1_000_000_000)))
        .and_then(|nanos| nanos.round().to_i64())
        .ok_or_else(|| out_of_range(moment))?;
    let delta = TimeDelta::nanoseconds(nanos);
    match (moment.date, moment.time) {
        (None, Some(time)) => Ok(Moment {
            time: Some(time.overflowing_add_signed(delta).0),
            ..*moment
        }),
        _ => {
            let moved = naive(moment)?
                .checked_add_signed(delta)
                .ok_or_else(|| out_of_range(moment))?;
            Ok(Moment {
                date: Some(moved.date()),
                time: Some(moved.time()),
                offset: moment.offset,
            })
        }
    }
}

/// `b - a` in `unit` (see the module docs).
pub fn between(a: &Moment, b: &Moment, unit: Unit) -> Result<Decimal, TimeError> {
    if let Some(per_unit) = unit.months() {
        let months = whole_months(a, b)?;
        return Ok(Decimal::from(months / i64::from(per_unit)));
    }
    let nanos = nanos_between(a, b)?;
    let seconds = Decimal::from_i128_with_scale(nanos, 9);
    Ok(num::divide(seconds, Decimal::from(unit.seconds().unwrap_or(1)))?.normalize())
}

/// Nanoseconds from `a` to `b`.
fn nanos_between(a: &Moment, b: &Moment) -> Result<i128, TimeError> {
    let delta = match (a.date, b.date) {
        (None, None) => b.need_time()? - a.need_time()?,
        _ => {
            let local = naive(b)? - naive(a)?;
            match (a.offset, b.offset) {
                (Some(from), Some(to)) => {
                    local
                        + TimeDelta::seconds(i64::from(
                            from.local_minus_utc() - to.local_minus_utc(),
                        ))
                }
                _ => local,
            }
        }
    };
    Ok(i128::from(delta.num_seconds()) * NANOS_PER_SECOND + i128::from(delta.subsec_nanos()))
}

/// Whole months completed from `a` to `b`, toward zero.
fn whole_months(a: &Moment, b: &Moment) -> Result<i64, TimeError> {
    let (start, end) = (naive(a)?, naive(b)?);
    let mut months = i64::from(end.year() - start.year()) * 12 + i64::from(end.month())
        - i64::from(start.month());
    let reached = |months: i64| -> Result<NaiveDateTime, TimeError> {
        let moved = shift(
            &Moment::date_time(start.date(), start.time()),
            Decimal::from(months),
            Unit::Months,
        )?;
        naive(&moved)
    };
    if months > 0 && reached(months)? > end {
        months -= 1;
    } else if months < 0 && reached(months)? < end {
        months += 1;
    }
    Ok(months)
}

/// The first day of the period of `unit` that holds `date` (for days and longer).
fn period_start(date: NaiveDate, unit: Unit) -> NaiveDate {
    let first = match unit {
        Unit::Weeks => date.checked_sub_signed(TimeDelta::days(i64::from(
            date.weekday().num_days_from_monday(),
        ))),
        Unit::Months => date.with_day(1),
        Unit::Quarters => NaiveDate::from_ymd_opt(date.year(), (date.month0() / 3) * 3 + 1, 1),
        Unit::Years => NaiveDate::from_ymd_opt(date.year(), 1, 1),
        _ => Some(date),
    };
    first.unwrap_or(date)
}

/// The start of the period of `unit` that holds `moment` (see the module docs).
pub fn start_of(moment: &Moment, unit: Unit) -> Result<Moment, TimeError> {
    if let Some(seconds) = unit.seconds().filter(|_| unit < Unit::Days) {
        let Some(time) = moment.time else {
            return Ok(*moment);
        };
        let since_midnight = i64::from(time.num_seconds_from_midnight());
        let cut = (since_midnight - since_midnight % seconds) as u32;
        let time = NaiveTime::from_num_seconds_from_midnight_opt(cut, 0).unwrap_or(NaiveTime::MIN);
        return Ok(Moment {
            time: Some(time),
            ..*moment
        });
    }
    let time = moment.time.map(|_| NaiveTime::MIN);
    match moment.date {
        None if unit == Unit::Days => Ok(Moment { time, ..*moment }),
        _ => Ok(Moment {
            date: Some(period_start(moment.need_date()?, unit)),
            time,
            offset: moment.offset,
        }),
    }
}

/// The end of the period of `unit` that holds `moment` (see the module docs).
pub fn end_of(moment: &Moment, unit: Unit) -> Result<Moment, TimeError> {
    let last_nano = |seconds: u32| {
        NaiveTime::from_num_seconds_from_midnight_opt(seconds, 999_999_999)
            .unwrap_or(NaiveTime::MIN)
    };
    if let Some(seconds) = unit.seconds().filter(|_| unit < Unit::Days) {
        let Some(time) = moment.time else {
            return Ok(*moment);
        };
        let since_midnight = i64::from(time.num_seconds_from_midnight());
        let last = (since_midnight - since_midnight % seconds + seconds - 1) as u32;
        return Ok(Moment {
            time: Some(last_nano(last)),
            ..*moment
        });
    }
    let time = moment.time.map(|_| last_nano(SECONDS_PER_DAY as u32 - 1));
    let Some(date) = moment.date else {
        return if unit == Unit::Days {
            Ok(Moment { time, ..*moment })
        } else {
            Err(moment.need_date().unwrap_err())
        };
    };
    let start = period_start(date, unit);
    let next = shift(&Moment::date(start), Decimal::ONE, unit)?.need_date()?;
    let last = next.pred_opt().ok_or_else(|| out_of_range(moment))?;
    Ok(Moment {
        date: Some(last),
        time,
        offset: moment.offset,
    })
}

/// `moment` rounded to `step` units with `mode` (see the module docs).
pub fn round_to(
    moment: &Moment,
    step: Decimal,
    unit: Unit,
    mode: Rounding,
) -> Result<Moment, TimeError> {
    let bad_step = |why| TimeError::BadStep {
        step: num::format_plain(step),
        unit: unit.name(),
        why,
    };
    if step <= Decimal::ZERO {
        return Err(bad_step("the step must be greater than zero"));
    }
    if unit < Unit::Days {
        let time = moment.need_time()?;
        let nanos = i128::from(time.num_seconds_from_midnight()) * NANOS_PER_SECOND
            + i128::from(time.nanosecond() % 1_000_000_000);
        let seconds = Decimal::from_i128_with_scale(nanos, 9);
        let step_seconds = step
            .checked_mul(Decimal::from(unit.seconds().unwrap_or(1)))
            .ok_or_else(|| bad_step("the step is too large"))?;
        let rounded = round_to_multiple(seconds, step_seconds, mode)?;
        let shift_by = num::subtract(rounded, seconds)?;
        return shift(moment, shift_by, Unit::Seconds);
    }
    if step != Decimal::ONE {
        return Err(bad_step(
            "from days up, round to 1 unit (the start of the period or the next)",
        ));
    }
    let start = start_of(moment, unit)?;
    if start == *moment {
        return Ok(start);
    }
    let next = shift(&start, Decimal::ONE, unit)?;
    let elapsed = between(&start, moment, Unit::Seconds)?;
    let length = between(&start, &next, Unit::Seconds)?;
    let position = num::divide(elapsed, length)?;
    let rounded = round_to_multiple(position, Decimal::ONE, mode)?;
    Ok(if rounded.is_zero() { start } else { next })
}

#[cfg(test)]
#[path = "arith_tests.rs"]
mod tests;
