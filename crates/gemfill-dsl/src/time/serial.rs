//! Spreadsheet serial days and Unix timestamps.
//!
//! | reader | `45111` | `45111.75` | `0.5` | notes |
//! | --- | --- | --- | --- | --- |
//! | [`read_serial`] | 2023-07-04 | 2023-07-04 18:00 | 12:00 (a time alone) | the 1900 date system |
//! | [`read_unix_seconds`] | 1970-01-01 12:31:51 +00:00 | … | … | seconds since 1970-01-01 UTC |
//! | [`read_unix_millis`] | 1970-01-01 00:00:45.111 +00:00 | … | … | milliseconds since 1970-01-01 UTC |
//!
//! Serial days count from 1900-01-01 (serial 1) and, like Lotus 1-2-3 and every
//! spreadsheet since, include 1900-02-29 (serial 60), a day that never existed: serial 60
//! is an error, and serials from 61 on are 1899-12-30 plus the serial. The fraction of a
//! serial is the time of day, rounded to the millisecond; a serial below 1 is a time of
//! day alone.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Timelike};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::error::TimeError;
use super::moment::Moment;
use crate::num::{self, read_number};

const MILLIS_PER_DAY: i64 = 86_400_000;
/// Serial 2958465 is 9999-12-31, the last day spreadsheets have.
const LAST_SERIAL: i64 = 2_958_465;
/// Lotus's 1900-02-29.
const PHANTOM_LEAP_DAY: i64 = 60;

/// The moment a spreadsheet serial day number names (the first number in `text`).
pub fn read_serial(text: &str) -> Result<Moment, TimeError> {
    from_serial(read_number(text)?)
}

/// The moment of a spreadsheet serial day number (see the module docs).
pub fn from_serial(serial: Decimal) -> Result<Moment, TimeError> {
    let out_of_range = || TimeError::OutOfRange(format!("serial day {serial}"));
    if serial.is_sign_negative() && !serial.is_zero() {
        return Err(out_of_range());
    }
    let whole = serial.trunc();
    let fraction = serial - whole;
    let mut days = whole
        .to_i64()
        .filter(|&days| days <= LAST_SERIAL)
        .ok_or_else(out_of_range)?;
    let mut millis = (fraction * Decimal::from(MILLIS_PER_DAY))
        .round()
        .to_i64()
        .unwrap_or(0);
    if millis >= MILLIS_PER_DAY {
        millis -= MILLIS_PER_DAY;
        days += 1;
    }
    let time = NaiveTime::from_num_seconds_from_midnight_opt(
        (millis / 1000) as u32,
        (millis % 1000) as u32 * 1_000_000,
    )
    .ok_or_else(out_of_range)?;
    if days == 0 {
        return Ok(Moment::time(time));
    }
    if days == PHANTOM_LEAP_DAY {
        return Err(TimeError::NoSuchDay(format!(
            "serial {serial} (the spreadsheets' 29 February 1900)"
        )));
    }
    let epoch = if days < PHANTOM_LEAP_DAY {
        (1899, 12, 31)
    } else {
        (1899, 12, 30)
    };
    let date = NaiveDate::from_ymd_opt(epoch.0, epoch.1, epoch.2)
        .and_then(|epoch| epoch.checked_add_signed(TimeDelta::days(days)))
        .ok_or_else(out_of_range)?;
    Ok(if fraction.is_zero() {
        Moment::date(date)
    } else {
        Moment::date_time(date, time)
    })
}

/// The spreadsheet serial day number of a moment: days since 1899-12-30 (1899-12-31
/// before March 1900) plus the time of day as a fraction; a time alone is just the
/// fraction. Dates before 1900 have no serial.
pub fn to_serial(moment: &Moment) -> Result<Decimal, TimeError> {
    let fraction = match moment.time {
        Some(time) => {
            let nanos = i128::from(time.num_seconds_from_midnight()) * 1_000_000_000
                + i128::from(time.nanosecond() % 1_000_000_000);
            num::divide(
                Decimal::from_i128_with_scale(nanos, 9),
                Decimal::from(86_400),
            )?
        }
        None => Decimal::ZERO,
    };
    let Some(date) = moment.date else {
        return Ok(fraction);
    };
    let march_1900 = NaiveDate::from_ymd_opt(1900, 3, 1).unwrap_or(NaiveDate::MIN);
    let epoch = if date < march_1900 {
        NaiveDate::from_ymd_opt(1899, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    };
    let days = epoch.map_or(0, |epoch| (date - epoch).num_days());
    if days < 1 {
        return Err(TimeError::OutOfRange(format!(
            "{moment} (spreadsheet serials start in 1900)"
        )));
    }
    Ok(num::add(Decimal::from(days), fraction)?.normalize())
}

/// The UTC date-time of a Unix timestamp in seconds (the first number in `text`; whole or
/// with decimals).
pub fn read_unix_seconds(text: &str) -> Result<Moment, TimeError> {
    from_unix_nanos(read_number(text)?, 1_000_000_000)
}

/// The UTC date-time of a Unix timestamp in milliseconds (the first number in `text`).
pub fn read_unix_millis(text: &str) -> Result<Moment, TimeError> {
    from_unix_nanos(read_number(text)?, 1_000_000)
}

/// The UTC moment `value × nanos_per_unit` nanoseconds after 1970-01-01.
fn from_unix_nanos(value: Decimal, nanos_per_unit: i64) -> Result<Moment, TimeError> {
    let out_of_range = || TimeError::OutOfRange(format!("Unix time {value}"));
    let nanos = value
        .checked_mul(Decimal::from(nanos_per_unit))
        .and_then(|nanos| nanos.floor().to_i128())
        .ok_or_else(out_of_range)?;
    let seconds = i64::try_from(nanos.div_euclid(1_000_000_000)).map_err(|_| out_of_range())?;
    let date_time = DateTime::from_timestamp(seconds, nanos.rem_euclid(1_000_000_000) as u32)
        .ok_or_else(out_of_range)?;
    let naive = date_time.naive_utc();
    Ok(Moment::date_time(naive.date(), naive.time())
        .with_offset(chrono::FixedOffset::east_opt(0).ok_or_else(out_of_range)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn shown(result: Result<Moment, TimeError>) -> String {
        result.map_or_else(
            |error| format!("error: {error}"),
            |moment| moment.to_string(),
        )
    }

    #[test]
    fn serials_follow_the_1900_date_system() {
        let table = [
            ("45111", "2023-07-04"),
            ("45111.75", "2023-07-04T18:00:00"),
            ("1", "1900-01-01"),
            ("59", "1900-02-28"),
            ("61", "1900-03-01"),
            ("0.5", "12:00:00"),
            ("0.999999999", "1900-01-01T00:00:00"),
            ("1.9999999999", "1900-01-02T00:00:00"),
            ("2958465", "9999-12-31"),
            (
                "60",
                "error: 'serial 60 (the spreadsheets' 29 February 1900)' names a day that does not exist",
            ),
            (
                "2958466",
                "error: serial day 2958466 is outside the range of dates",
            ),
            ("-1", "error: serial day -1 is outside the range of dates"),
            ("abc", "error: 'abc' has no number in it"),
        ];
        for (text, expected) in table {
            assert_eq!(shown(read_serial(text)), expected, "{text}");
        }
        let moment = read_serial("45111.75").unwrap();
        assert_eq!(
            to_serial(&moment).unwrap(),
            Decimal::from_str("45111.75").unwrap()
        );
        assert_eq!(
            to_serial(&read_serial("59").unwrap()).unwrap(),
            Decimal::from(59)
        );
        assert!(to_serial(&Moment::date(NaiveDate::from_ymd_opt(1899, 1, 1).unwrap())).is_err());
    }

    #[test]
    fn unix_timestamps_are_utc() {
        assert_eq!(
            shown(read_unix_seconds("1688482800")),
            "2023-07-04T15:00:00+00:00"
        );
        assert_eq!(
            shown(read_unix_seconds("1688482800.25")),
            "2023-07-04T15:00:00.25+00:00"
        );
        assert_eq!(
            shown(read_unix_millis("1688482800250")),
            "2023-07-04T15:00:00.25+00:00"
        );
        assert_eq!(shown(read_unix_seconds("-1")), "1969-12-31T23:59:59+00:00");
        assert!(read_unix_seconds("1e25").is_err());
    }
}
