use std::str::FromStr;

use super::*;
use crate::time::{DatePattern, Order, read_any};

fn at(text: &str) -> Moment {
    read_any(text, Order::YearFirst).unwrap()
}

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn shown(result: Result<Moment, TimeError>) -> String {
    result.map_or_else(
        |error| format!("error: {error}"),
        |moment| moment.to_string(),
    )
}

#[test]
fn units_have_names() {
    for unit in Unit::ALL {
        assert_eq!(Unit::from_name(unit.name()), Some(unit));
    }
    assert_eq!(Unit::from_name("day"), Some(Unit::Days));
    assert_eq!(Unit::from_name("fortnights"), None);
}

#[test]
fn shifts_by_every_unit() {
    use Unit::*;
    let table = [
        ("2023-01-31", "1", Months, "2023-02-28"),
        ("2024-01-31", "1", Months, "2024-02-29"),
        ("2023-03-31", "-1", Months, "2023-02-28"),
        ("2023-11-30", "1", Quarters, "2024-02-29"),
        ("2024-02-29", "1", Years, "2025-02-28"),
        ("2023-07-04", "30", Days, "2023-08-03"),
        ("2023-07-04", "-2", Weeks, "2023-06-20"),
        ("2023-07-04 15:00", "1", Days, "2023-07-05T15:00:00"),
        ("2023-07-04", "36", Hours, "2023-07-05T12:00:00"),
        ("2023-07-04", "1.5", Days, "2023-07-05T12:00:00"),
        ("2023-07-04 23:30", "45", Minutes, "2023-07-05T00:15:00"),
        ("15:00", "10", Hours, "01:00:00"),
        ("15:00", "-16", Hours, "23:00:00"),
        ("10:00", "1.5", Hours, "11:30:00"),
        ("10:00:00", "0.25", Seconds, "10:00:00.25"),
        (
            "2023-07-04T10:00+02:00",
            "1",
            Hours,
            "2023-07-04T11:00:00+02:00",
        ),
        (
            "2023-07-04",
            "1.5",
            Months,
            "error: months can only be added in whole numbers, not 1.5",
        ),
        ("15:00", "1", Days, "error: 15:00:00 has no date"),
        (
            "2023-07-04",
            "99999999",
            Years,
            "error: the result for 2023-07-04 is outside the range of dates",
        ),
        (
            "2023-07-04",
            "9999999999999",
            Days,
            "error: the result for 2023-07-04 is outside the range of dates",
        ),
    ];
    for (start, amount, unit, expected) in table {
        assert_eq!(
            shown(shift(&at(start), d(amount), unit)),
            expected,
            "{start} + {amount} {unit:?}"
        );
    }
}

#[test]
fn measures_between_moments() {
    use Unit::*;
    let table = [
        ("2023-07-04", "2023-07-05 12:00", Days, "1.5"),
        ("2023-07-04", "2023-07-18", Weeks, "2"),
        ("2023-07-05", "2023-07-04", Days, "-1"),
        ("2000-03-01", "2023-02-28", Years, "22"),
        ("2000-03-01", "2023-03-01", Years, "23"),
        ("2023-02-28", "2000-03-01", Years, "-22"),
        ("2023-01-31", "2023-02-28", Months, "1"),
        ("2023-01-15", "2023-12-14", Quarters, "3"),
        ("10:00", "11:30", Hours, "1.5"),
        (
            "10:00",
            "10:00:01",
            Minutes,
            "0.0166666666666666666666666667",
        ),
        ("2023-07-04T10:00+02:00", "2023-07-04T10:00Z", Hours, "2"),
    ];
    for (a, b, unit, expected) in table {
        assert_eq!(
            between(&at(a), &at(b), unit).unwrap().to_string(),
            expected,
            "{a} to {b} in {unit:?}"
        );
    }
    assert!(between(&at("10:00"), &at("2023-07-04"), Days).is_err());
}

#[test]
fn starts_and_ends_of_periods() {
    use Unit::*;
    let table = [
        (
            "2023-07-04 15:05:09.5",
            Seconds,
            "2023-07-04T15:05:09",
            "2023-07-04T15:05:09.999999999",
        ),
        (
            "2023-07-04 15:05:09",
            Minutes,
            "2023-07-04T15:05:00",
            "2023-07-04T15:05:59.999999999",
        ),
        ("15:05", Hours, "15:00:00", "15:59:59.999999999"),
        (
            "2023-07-04 15:05",
            Days,
            "2023-07-04T00:00:00",
            "2023-07-04T23:59:59.999999999",
        ),
        ("2023-07-05", Weeks, "2023-07-03", "2023-07-09"),
        ("2023-02-10", Months, "2023-02-01", "2023-02-28"),
        ("2024-02-10", Months, "2024-02-01", "2024-02-29"),
        ("2023-08-15", Quarters, "2023-07-01", "2023-09-30"),
        ("2023-08-15", Years, "2023-01-01", "2023-12-31"),
        ("2023-08-15", Hours, "2023-08-15", "2023-08-15"),
    ];
    for (moment, unit, start, end) in table {
        assert_eq!(
            shown(start_of(&at(moment), unit)),
            start,
            "start of {unit:?} of {moment}"
        );
        assert_eq!(
            shown(end_of(&at(moment), unit)),
            end,
            "end of {unit:?} of {moment}"
        );
    }
    assert!(start_of(&at("15:05"), Months).is_err());
    let hour = DatePattern::parse("HH:mm:ss").unwrap();
    assert_eq!(
        hour.format(&end_of(&at("15:05"), Hours).unwrap()).unwrap(),
        "15:59:59"
    );
}

#[test]
fn rounds_times_and_dates() {
    use Rounding::*;
    use Unit::*;
    let table = [
        ("10:08", "15", Minutes, HalfUp, "10:15:00"),
        ("10:07", "15", Minutes, HalfUp, "10:00:00"),
        ("10:07:30", "15", Minutes, HalfUp, "10:15:00"),
        ("10:14", "15", Minutes, Down, "10:00:00"),
        ("10:01", "15", Minutes, Up, "10:15:00"),
        ("10:15", "2", Hours, Down, "10:00:00"),
        ("23:50", "30", Minutes, HalfUp, "00:00:00"),
        (
            "2023-07-04 23:50",
            "30",
            Minutes,
            HalfUp,
            "2023-07-05T00:00:00",
        ),
        ("10:00:00.6", "1", Seconds, HalfUp, "10:00:01"),
        ("2023-07-04 15:00", "1", Days, HalfUp, "2023-07-05T00:00:00"),
        ("2023-07-04 11:00", "1", Days, HalfUp, "2023-07-04T00:00:00"),
        ("2023-07-20", "1", Months, HalfUp, "2023-08-01"),
        ("2023-07-04", "1", Months, Up, "2023-08-01"),
        ("2023-07-01", "1", Months, Up, "2023-07-01"),
        ("2023-07-04", "1", Years, Down, "2023-01-01"),
        ("2023-07-04", "1", Weeks, Down, "2023-07-03"),
        (
            "2023-07-04",
            "2",
            Months,
            Down,
            "error: cannot round to 2 months: from days up, round to 1 unit (the start of the period or the next)",
        ),
        (
            "10:00",
            "0",
            Minutes,
            Down,
            "error: cannot round to 0 minutes: the step must be greater than zero",
        ),
        (
            "2023-07-04",
            "15",
            Minutes,
            Down,
            "error: 2023-07-04 has no time of day",
        ),
    ];
    for (moment, step, unit, mode, expected) in table {
        assert_eq!(
            shown(round_to(&at(moment), d(step), unit, mode)),
            expected,
            "{moment} to {step} {unit:?} {mode:?}"
        );
    }
}
