//! Cases of date arithmetic, time zones (around daylight-saving changes) and durations.

use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeDelta};
use gemfill_dsl::num::{Decimal, Rounding};
use gemfill_dsl::time::{
    DurationPattern, Moment, Order, Unit, between, end_of, in_zone, read_any, read_duration,
    round_to, shift, start_of, to_zone,
};

use crate::generate::{
    Cases, EXOTIC, Rng, d, decimal, full_moment, moderate_decimal, moment, mutate, time, ymd,
};

/// Moments of arith_tests.rs and zone.rs's tests, as read_any reads them year first.
const TABLE_MOMENTS: &[&str] = &[
    "2023-01-31",
    "2024-01-31",
    "2023-03-31",
    "2023-11-30",
    "2024-02-29",
    "2023-07-04",
    "2023-07-04 15:00",
    "2023-07-04 23:30",
    "15:00",
    "10:00",
    "10:00:00",
    "2023-07-04T10:00+02:00",
    "2023-07-05 12:00",
    "2023-07-18",
    "2000-03-01",
    "2023-02-28",
    "2023-03-01",
    "2023-01-15",
    "2023-12-14",
    "11:30",
    "10:00:01",
    "2023-07-04T10:00Z",
    "2023-07-04 15:05:09.5",
    "2023-07-04 15:05:09",
    "15:05",
    "2023-07-04 15:05",
    "2023-07-05",
    "2023-02-10",
    "2024-02-10",
    "2023-08-15",
    "10:08",
    "10:07",
    "10:07:30",
    "10:14",
    "10:01",
    "10:15",
    "23:50",
    "2023-07-04 23:50",
    "10:00:00.6",
    "2023-07-04 11:00",
    "2023-07-20",
    "2023-07-01",
    "2023-07-04T23:30Z",
    "2023-01-04T23:30Z",
    "2023-07-04T01:00+02:00",
    "10:00+02:00",
    "01:00+02:00",
    "2023-07-04T10:00",
    "2023-03-26T02:30",
    "2023-10-29T02:30",
];
const TABLE_ZONES: &[&str] = &[
    "Europe/Paris",
    "UTC",
    "-0500",
    "America/New_York",
    "UTC+5:30",
    "GMT-05:00",
    "Z",
    "+02:00",
    "Mars/Olympus",
];

/// The tables of the engine's tests: every table moment in every unit, with the amounts and
/// steps the tests use, and every table zone.
fn table_cases(cases: &mut Cases) {
    let moments: Vec<Moment> = TABLE_MOMENTS
        .iter()
        .map(|text| read_any(text, Order::YearFirst).expect("a moment"))
        .collect();
    for (index, moment) in moments.iter().enumerate() {
        let other = &moments[(index + 1) % moments.len()];
        for unit in Unit::ALL {
            let (unit_name, shown) = (unit.name().to_owned(), moment.to_string());
            for amount in [
                "1",
                "-1",
                "1.5",
                "30",
                "-2",
                "36",
                "45",
                "10",
                "-16",
                "0.25",
                "99999999",
                "9999999999999",
            ] {
                let amount = d(amount);
                cases.add(
                    "arith",
                    "shift",
                    vec![shown.clone(), amount.to_string(), unit_name.clone()],
                    || shift(moment, amount, unit),
                );
            }
            cases.add(
                "arith",
                "between",
                vec![shown.clone(), other.to_string(), unit_name.clone()],
                || between(moment, other, unit),
            );
            cases.add(
                "arith",
                "start_of",
                vec![shown.clone(), unit_name.clone()],
                || start_of(moment, unit),
            );
            cases.add(
                "arith",
                "end_of",
                vec![shown.clone(), unit_name.clone()],
                || end_of(moment, unit),
            );
            for step in ["15", "2", "30", "1", "0"] {
                for mode in Rounding::ALL {
                    let step = d(step);
                    cases.add(
                        "arith",
                        "round_to",
                        vec![
                            shown.clone(),
                            step.to_string(),
                            unit_name.clone(),
                            mode.name().into(),
                        ],
                        || round_to(moment, step, unit, mode),
                    );
                }
            }
        }
        for zone in TABLE_ZONES {
            cases.add(
                "zone",
                "to_zone",
                vec![moment.to_string(), zone.to_string()],
                || to_zone(moment, zone),
            );
            cases.add(
                "zone",
                "in_zone",
                vec![moment.to_string(), zone.to_string()],
                || in_zone(moment, zone),
            );
        }
    }
}

/// shift, between, start_of, end_of and round_to in every unit.
pub fn arith_cases(rng: &mut Rng, cases: &mut Cases) {
    table_cases(cases);
    for _ in 0..4_000 {
        let (moment, unit) = (moment(rng), *rng.pick(&Unit::ALL));
        let amount = moderate_decimal(rng);
        cases.add(
            "arith",
            "shift",
            vec![
                moment.to_string(),
                amount.to_string(),
                unit.name().to_owned(),
            ],
            || shift(&moment, amount, unit),
        );
    }
    for _ in 0..4_000 {
        let a = moment(rng);
        let b = if rng.chance(30) {
            let amount = Decimal::from(rng.range(-400, 400));
            shift(&a, amount, *rng.pick(&Unit::ALL)).unwrap_or(a)
        } else {
            Moment {
                offset: a.offset.filter(|_| rng.chance(70)),
                ..moment(rng)
            }
        };
        let unit = *rng.pick(&Unit::ALL);
        cases.add(
            "arith",
            "between",
            vec![a.to_string(), b.to_string(), unit.name().to_owned()],
            || between(&a, &b, unit),
        );
    }
    for _ in 0..2_000 {
        let (moment, unit) = (moment(rng), *rng.pick(&Unit::ALL));
        cases.add(
            "arith",
            "start_of",
            vec![moment.to_string(), unit.name().to_owned()],
            || start_of(&moment, unit),
        );
        cases.add(
            "arith",
            "end_of",
            vec![moment.to_string(), unit.name().to_owned()],
            || end_of(&moment, unit),
        );
    }
    let steps = [
        "1", "15", "30", "0.5", "2", "0", "-1", "5", "0.25", "7", "1.0", "60", "86400", "0.001",
        "3600", "1e-9",
    ];
    for _ in 0..4_000 {
        let unit = *rng.pick(&Unit::ALL);
        let moment = if rng.chance(70) {
            full_moment(rng)
        } else {
            moment(rng)
        };
        let step = match rng.below(10) {
            0..=3 if unit >= Unit::Days => Decimal::ONE,
            0..=7 => d(rng.choose(&steps)),
            _ => decimal(rng),
        };
        let mode = *rng.pick(&Rounding::ALL);
        cases.add(
            "arith",
            "round_to",
            vec![
                moment.to_string(),
                step.to_string(),
                unit.name().to_owned(),
                mode.name().to_owned(),
            ],
            || round_to(&moment, step, unit, mode),
        );
    }
}

const FIXED_ZONES: &[&str] = &[
    "UTC",
    "Z",
    "GMT",
    "utc",
    "z",
    "+02:00",
    "-0500",
    "+2",
    "UTC+2",
    "GMT-05:00",
    "UTC+5:30",
    "+14:00",
    "+15:00",
    "-5",
    "+0530",
    "GMT+1",
    " UTC ",
    "+25:00",
    "Zulu",
    "+",
    "UTC-",
];

/// A zone and local days (year, month, day) on which its clocks change.
type ZoneDays = (&'static str, &'static [(i32, u32, u32)]);

/// Zones with daylight-saving changes, odd offsets or odd histories, and local days on
/// which their clocks change.
const ZONE_DAYS: &[ZoneDays] = &[
    (
        "Europe/Paris",
        &[
            (2023, 3, 26),
            (2023, 10, 29),
            (1976, 3, 28),
            (1911, 3, 11),
            (2099, 3, 29),
            (2099, 10, 25),
            (2100, 3, 28),
            (2100, 10, 31),
        ],
    ),
    (
        "America/New_York",
        &[
            (2023, 3, 12),
            (2023, 11, 5),
            (2007, 3, 11),
            (1883, 11, 18),
            (2037, 11, 1),
            (2038, 3, 14),
        ],
    ),
    (
        "Australia/Sydney",
        &[(2023, 4, 2), (2023, 10, 1), (2099, 10, 4), (2100, 4, 4)],
    ),
    ("Australia/Lord_Howe", &[(2023, 4, 2), (2023, 10, 1)]),
    (
        "Pacific/Apia",
        &[(2011, 12, 29), (2011, 12, 30), (2011, 12, 31), (2021, 4, 4)],
    ),
    ("Pacific/Chatham", &[(2023, 4, 2), (2023, 9, 24)]),
    ("America/St_Johns", &[(2023, 3, 12), (2023, 11, 5)]),
    (
        "Europe/London",
        &[(2023, 3, 26), (2023, 10, 29), (1968, 10, 27)],
    ),
    (
        "Africa/Casablanca",
        &[(2023, 3, 19), (2023, 4, 23), (2040, 10, 14)],
    ),
    (
        "America/Santiago",
        &[(2023, 4, 2), (2023, 9, 3), (2023, 4, 1)],
    ),
    ("Asia/Tehran", &[(2022, 3, 22), (2022, 9, 22)]),
    ("Europe/Moscow", &[(2011, 3, 27), (2014, 10, 26)]),
    ("America/Sao_Paulo", &[(2018, 11, 4), (2019, 2, 16)]),
    ("Asia/Kolkata", &[(1945, 10, 15), (2023, 7, 4)]),
    ("Asia/Kathmandu", &[(1986, 1, 1)]),
    ("Pacific/Kiritimati", &[(1994, 12, 31), (1995, 1, 1)]),
    ("US/Eastern", &[(2023, 3, 12)]),
    ("Etc/GMT+5", &[(2023, 3, 12)]),
    ("EST", &[(2023, 3, 12)]),
    ("America/Coyhaique", &[(2025, 4, 5)]),
];
const BAD_ZONES: &[&str] = &[
    "Mars/Olympus",
    "europe/paris",
    "Factory",
    "localtime",
    "posix/Europe/Paris",
    "right/UTC",
    "",
    "Paris",
    " Europe/Paris ",
];

fn zone_moment(rng: &mut Rng, day: NaiveDate) -> chrono::NaiveDateTime {
    let minutes = match rng.below(3) {
        0 => *rng.pick(&[
            0, 59, 60, 90, 119, 120, 150, 179, 180, 181, 210, 239, 240, 1439,
        ]),
        _ => rng.range(0, 24 * 60 - 1),
    };
    let seconds = if rng.chance(20) { rng.range(0, 59) } else { 0 };
    day.and_time(NaiveTime::MIN) + TimeDelta::seconds(minutes * 60 + seconds)
}

/// to_zone and in_zone on fixed offsets, IANA zones around their changes, and far dates.
pub fn zone_cases(rng: &mut Rng, cases: &mut Cases) {
    for _ in 0..6_000 {
        let named = rng.chance(75);
        let (zone, day) = if named {
            let (zone, days) = rng.pick(ZONE_DAYS);
            let &(year, month, day) = rng.pick(days);
            (zone.to_string(), ymd(year, month, day))
        } else if rng.chance(80) {
            (
                rng.choose(FIXED_ZONES).to_string(),
                crate::generate::date(rng),
            )
        } else {
            (
                rng.choose(BAD_ZONES).to_string(),
                crate::generate::date(rng),
            )
        };
        let day = if rng.chance(10) {
            ymd(
                *rng.pick(&[1, 1600, 1800, 1850, 2101, 2200, 3000, 9999, 10000, 0, -1]),
                1 + rng.below(12) as u32,
                15,
            )
        } else {
            day
        };
        let local = zone_moment(rng, day);
        let plain = match rng.below(12) {
            0 => Moment {
                date: None,
                time: Some(time(rng)),
                offset: None,
            },
            1 => Moment {
                date: Some(day),
                time: None,
                offset: None,
            },
            _ => Moment::date_time(local.date(), local.time()),
        };
        cases.add(
            "zone",
            "in_zone",
            vec![plain.to_string(), zone.clone()],
            || in_zone(&plain, &zone),
        );
        let offset = if rng.chance(70) {
            0
        } else {
            rng.range(-14 * 4, 14 * 4) as i32 * 900
        };
        let instant = Moment {
            offset: Some(FixedOffset::east_opt(offset).unwrap()),
            ..plain
        };
        let instant = if rng.chance(5) {
            mutate_offset(instant)
        } else {
            instant
        };
        cases.add(
            "zone",
            "to_zone",
            vec![instant.to_string(), zone.clone()],
            || to_zone(&instant, &zone),
        );
    }
    for _ in 0..500 {
        let (moment, zone) = (moment(rng), rng.choose(FIXED_ZONES).to_string());
        cases.add(
            "zone",
            "to_zone",
            vec![moment.to_string(), zone.clone()],
            || to_zone(&moment, &zone),
        );
        cases.add(
            "zone",
            "in_zone",
            vec![moment.to_string(), zone.clone()],
            || in_zone(&moment, &zone),
        );
    }
}

fn mutate_offset(moment: Moment) -> Moment {
    Moment {
        offset: None,
        ..moment
    }
}

/// Texts with durations in every form the reader knows, and noise.
fn duration_text(rng: &mut Rng) -> String {
    let sign = rng.choose(&["", "", "", "-", "+", "−"]);
    let number = |rng: &mut Rng| match rng.below(5) {
        0 => format!("{}.{}", rng.range(0, 99), rng.range(0, 99)),
        1 => format!("{},{}", rng.range(0, 9), rng.range(0, 9)),
        2 => rng.text_between("0123456789", 1, 25),
        _ => rng.range(0, 120).to_string(),
    };
    let body = match rng.below(5) {
        0 => {
            let mut out = format!("{}:{:02}", rng.range(0, 1_000_000), rng.range(0, 99));
            if rng.chance(50) {
                out.push_str(&format!(":{:02}", rng.range(0, 75)));
                if rng.chance(40) {
                    out.push_str(&format!(".{}", rng.range(0, 999)));
                }
            }
            out
        }
        1 | 2 => {
            let units = [
                "w",
                "wk",
                "wks",
                "week",
                "weeks",
                "d",
                "day",
                "days",
                "h",
                "hr",
                "hrs",
                "hour",
                "Hours",
                "m",
                "min",
                "mins",
                "minute",
                "minutes",
                "s",
                "sec",
                "secs",
                "SECONDS",
                "ms",
                "msec",
                "millisecond",
                "milliseconds",
                "x",
                "apples",
            ];
            let parts: Vec<String> = (0..1 + rng.below(3))
                .map(|_| {
                    format!(
                        "{}{}{}",
                        number(rng),
                        rng.choose(&["", " ", "  "]),
                        rng.choose(&units)
                    )
                })
                .collect();
            parts.join(rng.choose(&[" ", ", ", " and ", "", ", and ", ";"]))
        }
        3 => {
            let mut out = "P".to_owned();
            for designator in ["Y", "M", "W", "D"] {
                if rng.chance(25) {
                    out.push_str(&format!("{}{designator}", number(rng)));
                }
            }
            if rng.chance(80) {
                out.push('T');
                for designator in ["H", "M", "S"] {
                    if rng.chance(50) {
                        out.push_str(&format!("{}{designator}", number(rng)));
                    }
                }
            }
            out
        }
        _ => rng.text_between("0123456789:., PTHMSDWhmsdayourin-", 0, 16 - 1),
    };
    let prefix = if rng.chance(10) {
        rng.choose(EXOTIC)
    } else {
        rng.choose(&["", "", "took ", "Time: ", "x", "a.", "5", "ID-"])
    };
    let suffix = if rng.chance(10) {
        rng.choose(EXOTIC)
    } else {
        rng.choose(&["", "", " long", "x", "5", ":", "."])
    };
    mutate(
        rng,
        &format!("{prefix}{sign}{body}{suffix}"),
        "0123456789:. hmsPT",
    )
}

fn duration_pattern(rng: &mut Rng) -> String {
    if rng.chance(10) {
        return rng
            .choose(&[
                "hhh",
                "hh:mm:xx",
                "':'",
                "SSSSSSSSSS",
                "'abc",
                "",
                "q",
                "ddd",
                "yy",
            ])
            .to_string();
    }
    let fields = ["d", "dd", "h", "hh", "H", "HH", "m", "mm", "s", "ss"];
    let literals = [":", "'h' ", "'d' ", ".", " ", "''", "'m'", "-"];
    let mut out = String::new();
    for _ in 0..1 + rng.below(4) {
        out.push_str(rng.choose(&fields));
        if rng.chance(60) {
            out.push_str(rng.choose(&literals));
        }
    }
    if rng.chance(35) {
        out.push('.');
        out.push_str(&"S".repeat(1 + rng.below(9) as usize));
    }
    out
}

/// read_duration and duration patterns.
pub fn duration_cases(rng: &mut Rng, cases: &mut Cases) {
    let table = [
        "2:30",
        "2:30:15",
        "1:02:03.5",
        "-1:30",
        "2h 30m",
        "2h30m",
        "2 h",
        "45 min",
        "90 minutes",
        "1.5 hours",
        "1 day 2 hours",
        "1 day, 2 hours and 3 minutes",
        "took 3 Hrs",
        "250 ms",
        "2 weeks",
        "-2h",
        "PT2H30M",
        "P1DT2H",
        "P2W",
        "PT0.5S",
        "-PT1M",
        "P1M",
        "5 apples",
        "",
        "Time: 12:05",
        "PT",
        "P",
        "99999999999999999999999 weeks",
        "1:2",
        "12:345",
    ];
    let mut texts: Vec<String> = table.iter().map(|t| t.to_string()).collect();
    texts.extend((0..5_000).map(|_| duration_text(rng)));
    for text in &texts {
        cases.add("duration", "read_duration", vec![text.clone()], || {
            read_duration(text)
        });
    }
    let mut patterns: Vec<String> = [
        "hh:mm:ss",
        "h:mm",
        "m:ss",
        "h'h' mm'm'",
        "d'd' hh'h'",
        "m:ss.SSS",
        "H:mm:ss.S",
        "s",
        "SSS",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    patterns.extend((0..1_500).map(|_| duration_pattern(rng)));
    for pattern in &patterns {
        cases.add("duration", "duration_parse", vec![pattern.clone()], || {
            DurationPattern::parse(pattern).map(|p| p.source().to_owned())
        });
        for _ in 0..3 {
            let seconds = moderate_decimal(rng);
            cases.add(
                "duration",
                "duration_format",
                vec![pattern.clone(), seconds.to_string()],
                || DurationPattern::parse(pattern)?.format(seconds),
            );
        }
    }
}
