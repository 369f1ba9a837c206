//! Time zones: [`to_zone`] converts a moment with an offset into another zone, [`in_zone`]
//! attaches a zone to a moment without one.
//!
//! | zone written | means |
//! | --- | --- |
//! | `UTC`, `Z`, `GMT` | offset +00:00 |
//! | `+02:00`, `-0500`, `+2`, `UTC+2`, `GMT-05:00` | that fixed offset |
//! | `Europe/Paris`, `America/New_York`, … | the IANA zone, with its daylight-saving rules (names are case-sensitive, as in the tz database) |
//!
//! Converting rolls the date over midnight (`2023-07-04T23:30+00:00` in `Europe/Paris`
//! is `2023-07-05T01:30+02:00`). Attaching an IANA zone to a local time that the clocks
//! skip (spring forward) or pass twice (fall back) is an error that says which.

use chrono::{FixedOffset, LocalResult, NaiveDateTime, Offset, TimeDelta, TimeZone};
use chrono_tz::Tz;

use super::error::TimeError;
use super::moment::Moment;
use super::scan::Cursor;
use super::write::write_offset;

/// A time zone: a fixed offset or an IANA zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Fixed(FixedOffset),
    Named(Tz),
}

/// The zone `name` names.
fn parse_zone(name: &str) -> Result<Zone, TimeError> {
    let trimmed = name.trim();
    let mut cursor = Cursor::new(trimmed);
    if let Some(offset) = cursor.offset()
        && cursor.at_end()
    {
        return Ok(Zone::Fixed(offset));
    }
    trimmed
        .parse::<Tz>()
        .map(Zone::Named)
        .map_err(|_| TimeError::UnknownZone(trimmed.to_owned()))
}

/// The moment's local date and time; a time without a date only with fixed zones.
fn local(moment: &Moment) -> Result<NaiveDateTime, TimeError> {
    Ok(moment.need_date()?.and_time(moment.need_time()?))
}

/// `moment` (which must have an offset) as the same instant in `zone`, rolling the date
/// over midnight. A time of day alone converts only to a fixed offset.
pub fn to_zone(moment: &Moment, zone: &str) -> Result<Moment, TimeError> {
    let from = moment.need_offset()?;
    let zone = parse_zone(zone)?;
    let out_of_range = || TimeError::OutOfRange(format!("{moment} in that zone"));
    if moment.date.is_none()
        && let Zone::Fixed(to) = zone
    {
        let delta = TimeDelta::seconds(i64::from(to.local_minus_utc() - from.local_minus_utc()));
        let time = moment.need_time()?.overflowing_add_signed(delta).0;
        return Ok(Moment {
            time: Some(time),
            offset: Some(to),
            ..*moment
        });
    }
    let utc = local(moment)?
        .checked_sub_offset(from)
        .ok_or_else(out_of_range)?;
    let to = match zone {
        Zone::Fixed(offset) => offset,
        Zone::Named(tz) => tz.offset_from_utc_datetime(&utc).fix(),
    };
    let converted = utc.checked_add_offset(to).ok_or_else(out_of_range)?;
    Ok(Moment {
        date: Some(converted.date()),
        time: Some(converted.time()),
        offset: Some(to),
    })
}

/// `moment` (which must have no offset) as a local time in `zone`. Any moment takes a
/// fixed offset; an IANA zone needs a date and a time, which must happen exactly once.
pub fn in_zone(moment: &Moment, zone: &str) -> Result<Moment, TimeError> {
    if moment.offset.is_some() {
        return Err(TimeError::HasOffset(moment.to_string()));
    }
    let offset = match parse_zone(zone)? {
        Zone::Fixed(offset) => offset,
        Zone::Named(tz) => {
            let naive = local(moment)?;
            let shown = || naive.format("%Y-%m-%d %H:%M:%S").to_string();
            match tz.offset_from_local_datetime(&naive) {
                LocalResult::Single(offset) => offset.fix(),
                LocalResult::Ambiguous(first, second) => {
                    let written = |offset: FixedOffset| {
                        let mut out = String::new();
                        write_offset(&mut out, offset, true);
                        out
                    };
                    return Err(TimeError::AmbiguousTime {
                        time: shown(),
                        zone: tz.name().to_owned(),
                        first: written(first.fix()),
                        second: written(second.fix()),
                    });
                }
                LocalResult::None => {
                    return Err(TimeError::SkippedTime {
                        time: shown(),
                        zone: tz.name().to_owned(),
                    });
                }
            }
        }
    };
    Ok(moment.with_offset(offset))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{Order, read_any};

    fn at(text: &str) -> Moment {
        read_any(text, Order::YearFirst).unwrap()
    }

    fn shown(result: Result<Moment, TimeError>) -> String {
        result.map_or_else(
            |error| format!("error: {error}"),
            |moment| moment.to_string(),
        )
    }

    #[test]
    fn converts_between_zones() {
        let table = [
            (
                "2023-07-04T23:30Z",
                "Europe/Paris",
                "2023-07-05T01:30:00+02:00",
            ),
            (
                "2023-01-04T23:30Z",
                "Europe/Paris",
                "2023-01-05T00:30:00+01:00",
            ),
            ("2023-07-04T10:00+02:00", "UTC", "2023-07-04T08:00:00+00:00"),
            (
                "2023-07-04T10:00+02:00",
                "-0500",
                "2023-07-04T03:00:00-05:00",
            ),
            (
                "2023-07-04T01:00+02:00",
                "America/New_York",
                "2023-07-03T19:00:00-04:00",
            ),
            (
                "2023-07-04T10:00+02:00",
                "UTC+5:30",
                "2023-07-04T13:30:00+05:30",
            ),
            (
                "2023-07-04T10:00+02:00",
                "GMT-05:00",
                "2023-07-04T03:00:00-05:00",
            ),
            ("10:00+02:00", "Z", "08:00:00+00:00"),
            ("01:00+02:00", "Z", "23:00:00+00:00"),
            (
                "10:00+02:00",
                "Europe/Paris",
                "error: 10:00:00+02:00 has no date",
            ),
            (
                "2023-07-04T10:00",
                "UTC",
                "error: 2023-07-04T10:00:00 has no time zone offset",
            ),
            (
                "2023-07-04T10:00Z",
                "Mars/Olympus",
                "error: 'Mars/Olympus' is not a time zone; use UTC, an offset like +02:00, or a name like Europe/Paris",
            ),
        ];
        for (moment, zone, expected) in table {
            assert_eq!(
                shown(to_zone(&at(moment), zone)),
                expected,
                "{moment} to {zone}"
            );
        }
    }

    #[test]
    fn attaches_zones_and_names_dst_problems() {
        let table = [
            (
                "2023-07-04T10:00",
                "Europe/Paris",
                "2023-07-04T10:00:00+02:00",
            ),
            ("2023-07-04", "+02:00", "2023-07-04+02:00"),
            (
                "2023-03-26T02:30",
                "Europe/Paris",
                "error: 2023-03-26 02:30:00 does not exist in Europe/Paris: the clocks skip it",
            ),
            (
                "2023-10-29T02:30",
                "Europe/Paris",
                "error: 2023-10-29 02:30:00 is ambiguous in Europe/Paris: it happens at +02:00 and again at +01:00",
            ),
            (
                "2023-07-04T10:00Z",
                "Europe/Paris",
                "error: 2023-07-04T10:00:00+00:00 already has a time zone offset; use to_zone to convert it",
            ),
            (
                "2023-07-04",
                "Europe/Paris",
                "error: 2023-07-04 has no time of day",
            ),
        ];
        for (moment, zone, expected) in table {
            assert_eq!(
                shown(in_zone(&at(moment), zone)),
                expected,
                "{moment} in {zone}"
            );
        }
    }
}
