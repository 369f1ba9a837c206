//! A seeded random source and the values the cases are drawn from: decimals over the whole
//! range, moments of every shape, texts from the alphabets the readers look at.

use std::fmt::Display;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::str::FromStr;

use chrono::{FixedOffset, NaiveDate, NaiveTime};
use gemfill_dsl::num::Decimal;
use gemfill_dsl::time::Moment;

/// A case: an operation of the Python library on text arguments, and what Rust computed.
pub struct Case {
    pub engine: &'static str,
    pub op: &'static str,
    pub args: Vec<String>,
    pub rust: Result<String, String>,
}

/// The cases of every engine, in the order they were made.
#[derive(Default)]
pub struct Cases(pub Vec<Case>);

impl Cases {
    /// Adds a case whose Rust result is `compute`'s value (shown with `Display`) or error;
    /// a panic is recorded as an error the Python side cannot match.
    pub fn add<T: Display, E: Display>(
        &mut self,
        engine: &'static str,
        op: &'static str,
        args: Vec<String>,
        compute: impl FnOnce() -> Result<T, E>,
    ) {
        let rust = match catch_unwind(AssertUnwindSafe(compute)) {
            Ok(Ok(value)) => Ok(value.to_string()),
            Ok(Err(error)) => Err(error.to_string()),
            Err(_) => Err("Rust panicked".to_owned()),
        };
        self.0.push(Case {
            engine,
            op,
            args,
            rust,
        });
    }

    /// Adds a case of a rust_decimal primitive, `None` shown as the error "none".
    pub fn add_option(
        &mut self,
        op: &'static str,
        args: Vec<String>,
        compute: impl FnOnce() -> Option<Decimal>,
    ) {
        self.add("decimal", op, args, || compute().ok_or("none"));
    }
}

/// splitmix64: small, fast and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % ((high - low) as u64 + 1)) as i64
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// One of `items`.
    pub fn choose(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len() as u64) as usize]
    }

    /// `least` to `most` characters drawn from `alphabet`.
    pub fn text_between(&mut self, alphabet: &str, least: u64, most: u64) -> String {
        let length = self.range(least as i64, most as i64) as usize;
        self.text(alphabet, length)
    }

    /// `length` characters drawn from `alphabet`.
    pub fn text(&mut self, alphabet: &str, length: usize) -> String {
        let chars: Vec<char> = alphabet.chars().collect();
        (0..length).map(|_| *self.pick(&chars)).collect()
    }
}

/// Values the arithmetic finds hard: limits, ties, zeros with scales and signs, 2^32, 2^64.
const SPECIAL_DECIMALS: &[&str] = &[
    "0",
    "0.00",
    "1",
    "-1",
    "0.5",
    "-0.5",
    "2.5",
    "-2.5",
    "1.5",
    "0.05",
    "0.1",
    "0.01",
    "3",
    "7",
    "10",
    "100",
    "1000",
    "86400",
    "0.001",
    "0.0000000000000000000000000001",
    "-0.0000000000000000000000000001",
    "7.9228162514264337593543950335",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "79228162514264337593543950334",
    "39614081257132168796771975168",
    "7922816251426433759354395033.5",
    "4294967296",
    "4294967295",
    "18446744073709551616",
    "18446744073709551615",
    "0.4294967296",
    "1.0000000000000000000000000001",
    "9999999999999999999999999999",
    "0.9999999999999999999999999999",
    "12345678901234567890.123456789",
    "3.1415926535897932384626433833",
    "2.675",
    "1.005",
];

/// Letters, marks and numbers outside ASCII on both sides of Unicode's Alphabetic and
/// Numeric properties (vowel signs, circled letters, Roman numerals, combining accents,
/// other scripts' digits), which decide whether a sign, a date or a duration stands alone.
pub const EXOTIC: &[&str] = &[
    "é",
    "ß",
    "Ω",
    "ж",
    "सेवा",
    "की",
    "ⓐ",
    "Ⅻ",
    "\u{301}",
    "\u{345}",
    "中",
    "٣",
    "²",
    "½",
    "ǅ",
    "ª",
    "ـ",
    "ํ",
    "🙂",
];

pub fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// A decimal: special values, small and moderate ones, and any mantissa at any scale.
pub fn decimal(rng: &mut Rng) -> Decimal {
    match rng.below(20) {
        0..=2 => {
            let value = d(rng.choose(SPECIAL_DECIMALS));
            if rng.chance(20) { -value } else { value }
        }
        3 => -Decimal::ZERO,
        4..=9 => Decimal::new(rng.range(-1_000_000, 1_000_000), rng.below(5) as u32),
        10..=13 => Decimal::new(rng.next() as i64 >> rng.below(40), rng.below(19) as u32),
        _ => {
            let bits = 1 + rng.below(96);
            let mantissa =
                (u128::from(rng.next()) << 64 | u128::from(rng.next())) & ((1 << bits) - 1);
            let signed = if rng.chance(50) {
                -(mantissa as i128)
            } else {
                mantissa as i128
            };
            Decimal::from_i128_with_scale(signed, rng.below(29) as u32)
        }
    }
}

/// A decimal of a size that dates and durations use.
pub fn moderate_decimal(rng: &mut Rng) -> Decimal {
    match rng.below(6) {
        0 => Decimal::new(rng.range(-100, 100), 0),
        1 => Decimal::new(rng.range(-100_000, 100_000), rng.below(4) as u32),
        2 => Decimal::new(
            rng.range(-10_000_000_000, 10_000_000_000),
            rng.below(10) as u32,
        ),
        3 => d(rng.choose(&[
            "0.5",
            "1.5",
            "-0.5",
            "0.25",
            "1e-9",
            "0.0000000001",
            "36",
            "1",
        ])),
        _ => decimal(rng),
    }
}

/// A day between years 1 and 9999, or at the calendar's edges and tricky days.
pub fn date(rng: &mut Rng) -> NaiveDate {
    match rng.below(20) {
        0..=12 => ymd(
            rng.range(1900, 2100) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(31) as u32,
        ),
        13..=15 => {
            let (month, day) = *rng.pick(&[
                (1, 1),
                (1, 2),
                (1, 3),
                (1, 4),
                (2, 28),
                (2, 29),
                (3, 1),
                (3, 31),
                (4, 30),
                (6, 30),
                (9, 30),
                (12, 28),
                (12, 29),
                (12, 30),
                (12, 31),
            ]);
            let year = *rng.pick(&[
                1900, 1999, 2000, 2001, 2004, 2015, 2020, 2021, 2023, 2024, 2026, 2100,
            ]);
            ymd(year, month, day)
        }
        16..=17 => NaiveDate::from_num_days_from_ce_opt(rng.range(1, 3_652_059) as i32).unwrap(),
        _ => *rng.pick(&[
            NaiveDate::MIN,
            NaiveDate::MAX,
            ymd(0, 1, 1),
            ymd(-1, 12, 31),
            ymd(9999, 12, 31),
            ymd(10000, 1, 1),
            ymd(1, 1, 1),
            ymd(1899, 12, 30),
            ymd(1900, 2, 28),
            ymd(1900, 3, 1),
            ymd(1970, 1, 1),
            ymd(-5000, 6, 15),
            ymd(262142, 6, 30),
        ]),
    }
}

/// The day, or the last day of that month when there is no such day.
pub fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    (0..4)
        .find_map(|back| NaiveDate::from_ymd_opt(year, month, day - back))
        .unwrap_or_else(|| panic!("{year}-{month}-{day}"))
}

/// A time of day: whole seconds, milliseconds, or any nanosecond.
pub fn time(rng: &mut Rng) -> NaiveTime {
    let seconds = match rng.below(10) {
        0 => *rng.pick(&[0, 59, 3_599, 3_600, 43_199, 43_200, 86_399]),
        _ => rng.below(86_400) as u32,
    };
    let nanos = match rng.below(4) {
        0 | 1 => 0,
        2 => rng.below(1000) as u32 * 1_000_000,
        _ => rng.below(1_000_000_000) as u32,
    };
    NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanos).unwrap()
}

pub fn offset(rng: &mut Rng) -> FixedOffset {
    let seconds = *rng.pick(&[
        0, 0, 3_600, 7_200, -18_000, -14_400, 19_800, 20_700, -12_600, 45_900, 50_400, -43_200,
        561, -37, 86_399, -86_399,
    ]);
    FixedOffset::east_opt(seconds).unwrap()
}

/// A moment of any shape: a date, a time, or both, with or without an offset.
pub fn moment(rng: &mut Rng) -> Moment {
    let shape = rng.below(10);
    let date = (shape != 0).then(|| date(rng));
    let time = (shape == 0 || shape > 3).then(|| time(rng));
    let offset = rng.chance(40).then(|| offset(rng));
    Moment { date, time, offset }
}

/// A moment with a date, a time and an offset, which every field can write.
pub fn full_moment(rng: &mut Rng) -> Moment {
    Moment {
        date: Some(date(rng)),
        time: Some(time(rng)),
        offset: Some(offset(rng)),
    }
}

/// Keeps a text as it is, or changes one character: dropped, doubled, replaced or cased.
pub fn mutate(rng: &mut Rng, text: &str, alphabet: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    if chars.is_empty() || rng.chance(60) {
        return text.to_owned();
    }
    let at = rng.below(chars.len() as u64) as usize;
    match rng.below(4) {
        0 => {
            chars.remove(at);
        }
        1 => chars.insert(at, chars[at]),
        2 => chars[at] = rng.text(alphabet, 1).chars().next().unwrap_or(' '),
        _ => {
            return chars
                .iter()
                .map(|c| {
                    if rng.chance(50) {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect();
        }
    }
    chars.into_iter().collect()
}
