//! Cases of date patterns, `read_any` in its three orders, serial days and Unix time.

use gemfill_dsl::time::{
    DatePattern, Moment, Order, from_serial, read_any, read_serial, read_unix_millis,
    read_unix_seconds, to_serial,
};

use crate::generate::{Cases, EXOTIC, Rng, decimal, full_moment, moderate_decimal, moment, mutate};

/// Every field of the pattern language, each run length that is one, and some that are not.
const FIELDS: &[&str] = &[
    "yyyy",
    "yy",
    "y",
    "YYYY",
    "M",
    "MM",
    "MMM",
    "MMMM",
    "MMMMM",
    "d",
    "dd",
    "do",
    "E",
    "EE",
    "EEE",
    "EEEE",
    "e",
    "D",
    "DD",
    "DDD",
    "Q",
    "w",
    "ww",
    "W",
    "H",
    "HH",
    "h",
    "hh",
    "m",
    "mm",
    "s",
    "ss",
    "S",
    "SS",
    "SSS",
    "SSSSSS",
    "SSSSSSSSS",
    "a",
    "aa",
    "aaa",
    "X",
    "XX",
    "XXX",
    "xx",
    "xxx",
    "Z",
    "ZZ",
    "ZZZ",
];
const BAD_FIELDS: &[&str] = &[
    "yyy",
    "yyyyy",
    "YY",
    "MMMMMM",
    "ddd",
    "EEEEE",
    "ee",
    "DDDD",
    "QQ",
    "www",
    "WW",
    "HHH",
    "mmm",
    "sss",
    "SSSSSSSSSS",
    "aaaa",
    "XXXX",
    "x",
    "xxxx",
    "ZZZZ",
    "q",
    "o",
    "'abc",
    "",
];
const LITERALS: &[&str] = &[
    "-", "/", " ", ":", ", ", "'T'", "'W'", "'Q'", ".", "''", " 'of' ", "  ", "'at' ", "T",
];

/// The patterns of the engine's unit tests.
const PATTERN_TABLE: &[&str] = &[
    "yyyy-MM-dd",
    "yy/M/d",
    "y",
    "YYYY-'W'ww-e",
    "MMM MMMM MMMMM",
    "do 'of' MMMM",
    "EEE, EEEE, E",
    "D DD DDD",
    "'Q'Q yyyy",
    "w W",
    "H HH h hh",
    "m mm s ss",
    "S SS SSS SSSS",
    "h:mm a",
    "h:mmaaa",
    "X XX XXX xx xxx Z",
    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
    "EEE d MMM, h:mm a",
    "''yy",
    "dd/MM/yyyy",
    "yyyyMMdd",
    "MMM d, yyyy",
    "MMMM d, yyyy",
    "MMM. d yyyy",
    "EEEE, do 'of' MMMM yy",
    "d-MMM-yy",
    "MMM yyyy",
    "yyyy-'W'ww",
    "yyyy DDD",
    "HH:mm:ss.SSS",
    "yyyy-MM-dd'T'HH:mmXXX",
    "yyyy-MM-dd HH:mm xx",
    "MMM d",
    "MMMMM yyyy",
    "HH:mm",
    "yyyy-MM-dd HH:mm xxx",
    "EEE d MMM yyyy, HH:mm",
];

/// Formats `read_any` knows, as date patterns that write them.
const ANY_FORMATS: &[&str] = &[
    "yyyy-MM-dd",
    "yyyy/MM/dd",
    "yyyy.M.d",
    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
    "yyyy-MM-dd HH:mmxxx",
    "yyyy-MM-dd HH:mm:ss",
    "M/d/yyyy",
    "MM-dd-yy",
    "d.M.yyyy",
    "dd.MM.yy",
    "MMM d yyyy",
    "MMMM do, yyyy",
    "MMM. d, yyyy",
    "MMMM yyyy",
    "d-MMM-yyyy",
    "dd-MMM-yy",
    "d MMMM yyyy",
    "'the' do 'of' MMMM, yyyy",
    "EEE, d MMM yyyy HH:mm:ss xx",
    "EEEE, MMMM d, yyyy 'at' haaa",
    "yyyyMMdd",
    "MMddyyyy",
    "ddMMyyyy",
    "M/d/yyyy h:mm a",
    "HH:mm",
    "'at' h:mm a",
    "ha",
    "h a",
    "h aaa",
    "h:mm:ss.SSS",
    "H:mm:ss,S",
    "HHmm'h'",
    "HHmm' hrs'",
    "hmma",
    "HH:mm 'UTC'",
    "HH:mm X",
    "EEE d MMM yyyy",
    "yy-M-d",
    "d/M/yy",
    "EEEE, d. MMMM yyyy",
    "MMM-dd-yyyy",
    "dd MMM yyyy, HH:mm",
    "yyyy-MM-dd @ H:mm",
    "h:mm a.'m.'",
    "HH:mm:ss GMT",
    "yyyy-MM-dd HH:mm'Z'",
];

pub fn date_pattern(rng: &mut Rng) -> String {
    if rng.chance(8) {
        return rng.choose(BAD_FIELDS).to_string();
    }
    let mut out = String::new();
    for _ in 0..1 + rng.below(5) {
        if rng.chance(50) {
            out.push_str(rng.choose(LITERALS));
        }
        out.push_str(rng.choose(FIELDS));
    }
    if rng.chance(5) {
        out.push_str(rng.choose(BAD_FIELDS));
    }
    out
}

/// A pattern that writes a whole date (and often a time and an offset) with separators
/// between the fields, so that what it writes reads back.
fn readable_pattern(rng: &mut Rng) -> String {
    let date = *rng.pick::<&[&str]>(&[
        &["yyyy", "MM", "dd"][..],
        &["d", "MMM", "yyyy"],
        &["EEEE", "do", "MMMM", "yy"],
        &["yyyy", "DDD"],
        &["YYYY", "'W'ww", "e"],
        &["yyyy", "'W'ww"],
        &["'Q'Q", "yyyy"],
        &["MMMM", "yyyy"],
        &["M", "d", "yy"],
        &["EEE", "d", "MMM", "y"],
        &["yyyy", "M", "d", "W"],
    ]);
    let time = *rng.pick::<&[&str]>(&[
        &[][..],
        &["HH", "mm"],
        &["H", "mm", "ss"],
        &["h", "mm", "a"],
        &["hh", "mm", "ss", "aaa"],
        &["HH", "mm", "ss", "SSS"],
        &["H", "m", "s", "SSSSSSSSS"],
    ]);
    let offset = *rng.pick::<&[&str]>(&[&[][..], &["XXX"], &["xx"], &["X"], &["Z"], &["xxx"]]);
    let mut out = String::new();
    for (index, field) in date.iter().chain(time).chain(offset).enumerate() {
        if index > 0 {
            out.push_str(rng.choose(&[" ", "-", "/", ", ", " ", ":", "."]));
        }
        out.push_str(field);
    }
    out
}

fn format(pattern: &str, moment: &Moment) -> Option<String> {
    DatePattern::parse(pattern).ok()?.format(moment).ok()
}

/// The (pattern, text) pairs of read.rs's unit test.
const READ_TABLE: &[(&str, &str)] = &[
    ("yyyy-MM-dd", "2023-07-04"),
    ("dd/MM/yyyy", " 4/7/2023 "),
    ("yyyyMMdd", "20230704"),
    ("MMM d, yyyy", "jul. 4, 2023"),
    ("MMMM d, yyyy", "Sept 4,   2023"),
    ("MMM. d yyyy", "Jul. 4 2023"),
    ("EEEE, do 'of' MMMM yy", "tuesday, 4th OF july 23"),
    ("d-MMM-yy", "4-Jul-95"),
    ("'Q'Q yyyy", "Q3 2023"),
    ("MMM yyyy", "Jul 2023"),
    ("YYYY-'W'ww-e", "2023-W27-2"),
    ("yyyy-'W'ww", "2023-W27"),
    ("YYYY-'W'ww", "2020-W53"),
    ("YYYY-'W'ww", "2023-W53"),
    ("yyyy DDD", "2023 185"),
    ("h:mm a", "3:05 p.m."),
    ("h:mm a", "12:05 AM"),
    ("HH:mm:ss.SSS", "15:05:09.25"),
    ("yyyy-MM-dd'T'HH:mmXXX", "2023-07-04T15:05Z"),
    ("yyyy-MM-dd HH:mm xx", "2023-07-04 15:05 +0200"),
    ("dd/MM/yyyy", "31/02/2023"),
    ("EEE d MMM yyyy", "Wed 4 Jul 2023"),
    ("yyyy-MM-dd", "2023-07"),
    ("yyyy-MM-dd", "2023-07-04x"),
    ("MMM d", "Jul 4"),
    ("MMMMM yyyy", "J 2023"),
    ("HH:mm", "25:00"),
];

/// The moments of write.rs's unit test, as Moment's Display writes them.
const WRITE_MOMENTS: &[&str] = &[
    "2023-07-04T15:05:09.25+02:00",
    "2023-07-04T15:05:09.25+00:00",
    "2024-01-01",
    "00:30:00",
];

/// Date patterns: parsing, writing every field, reading back what was written and more.
pub fn pattern_cases(rng: &mut Rng, cases: &mut Cases) {
    for &(pattern, text) in READ_TABLE {
        cases.add(
            "date_pattern",
            "date_read",
            vec![pattern.into(), text.into()],
            || DatePattern::parse(pattern)?.read(text),
        );
    }
    for text in WRITE_MOMENTS {
        let moment = read_any(text, Order::YearFirst).expect("a moment");
        for pattern in PATTERN_TABLE {
            cases.add(
                "date_pattern",
                "date_format",
                vec![pattern.to_string(), text.to_string()],
                || DatePattern::parse(pattern)?.format(&moment),
            );
        }
    }
    let mut patterns: Vec<String> = PATTERN_TABLE.iter().map(|p| p.to_string()).collect();
    patterns.extend(BAD_FIELDS.iter().map(|p| p.to_string()));
    patterns.extend((0..3_000).map(|_| date_pattern(rng)));
    patterns.extend((0..1_500).map(|_| readable_pattern(rng)));
    for pattern in &patterns {
        cases.add("date_pattern", "date_parse", vec![pattern.clone()], || {
            DatePattern::parse(pattern).map(|p| p.source().to_owned())
        });
        for _ in 0..3 {
            let moment = if rng.chance(50) {
                full_moment(rng)
            } else {
                moment(rng)
            };
            cases.add(
                "date_pattern",
                "date_format",
                vec![pattern.clone(), moment.to_string()],
                || DatePattern::parse(pattern)?.format(&moment),
            );
        }
        for _ in 0..3 {
            let written = match rng.below(4) {
                0 => rng.text_between("0123456789 -/:.,JulyMarSeptWedTuePMamZ+", 0, 16 - 1),
                1 => format(rng.choose(PATTERN_TABLE), &moment(rng)).unwrap_or_default(),
                _ => format(pattern, &full_moment(rng)).unwrap_or_default(),
            };
            let text = if rng.chance(50) {
                mutate(rng, &written, "0123456789 -:/.aPZ")
            } else {
                written
            };
            cases.add(
                "date_pattern",
                "date_read",
                vec![pattern.clone(), text.clone()],
                || DatePattern::parse(pattern)?.read(&text),
            );
        }
    }
}

const ORDERS: [Order; 3] = [Order::MonthFirst, Order::DayFirst, Order::YearFirst];

/// The texts of the engine's unit tests.
const ANY_TABLE: &[&str] = &[
    "2023-07-04",
    "due 2023/07/04.",
    "2023-07-04T15:30:00.250Z",
    "2023-07-04 15:30+02:00",
    "2023-07-04 15:30:15",
    "7/4/2023",
    "07-04-23",
    "4.7.2023",
    "04.07.95",
    "Jul 4 2023",
    "July 4th, 2023",
    "jul. 4, 2023",
    "Sept 4, 2023",
    "July 2023",
    "4-Jul-2023",
    "04-Jul-23",
    "4 July 2023",
    "the 4th of July, 2023",
    "Tue, 4 Jul 2023 10:00:00 +0200",
    "Tuesday, July 4, 2023 at 3pm",
    "20230704",
    "07042023",
    "04072023",
    "7/4/2023 3:30 PM",
    "15:30",
    "at 3:30 PM",
    "3pm",
    "3 p.m.",
    "12am",
    "3:30:15.250",
    "3:30:15,5",
    "1530h",
    "0930 hrs",
    "930am",
    "10:00 - 11:00",
    "10:00 Zurich",
    "10:00 UTC",
    "31/02/2023",
    "Wed, 4 Jul 2023",
    "25:00",
    "order 1530",
    "12345678",
    "v1.2.3",
    "",
    "Shipped: 7/4/2023 11:30 PM",
    "2023-07-04T23:30Z",
    "13/13/2023",
    "0/0/00",
    "1.2.3.4",
    "99999999",
    "2024-02-29",
    "2023-02-29",
    "12:60",
    "13 PM",
    "0am",
    "Q3 2023",
];

/// `read_any` in every order, on written dates in many formats, mutated, and on noise.
pub fn any_cases(rng: &mut Rng, cases: &mut Cases) {
    let mut texts: Vec<String> = ANY_TABLE.iter().map(|t| t.to_string()).collect();
    for _ in 0..5_000 {
        let text = if rng.chance(15) {
            rng.text_between("0123456789-/.:, TtZapmAPMJulyMarSeptWedh+", 0, 20 - 1)
        } else {
            let written = format(rng.choose(ANY_FORMATS), &full_moment(rng)).unwrap_or_default();
            let prefix = if rng.chance(10) {
                rng.choose(EXOTIC)
            } else {
                rng.choose(&[
                    "", "", "", "due ", "on ", "Date: ", "x", "1", "(", "ID-", "é",
                ])
            };
            let suffix = if rng.chance(10) {
                rng.choose(EXOTIC)
            } else {
                rng.choose(&[
                    "", "", "", ".", " ", " - 11:00", " Zurich", " UTC", "x", "5", " +02:00", "Z",
                ])
            };
            format!(
                "{prefix}{}{suffix}",
                mutate(rng, &written, "0123456789 -:/.aPZT")
            )
        };
        texts.push(text);
    }
    for text in &texts {
        for order in ORDERS {
            if text.len() > 40 && rng.chance(50) {
                continue;
            }
            cases.add(
                "read_any",
                "read_any",
                vec![text.clone(), order.name().to_owned()],
                || read_any(text, order),
            );
        }
    }
}

/// Spreadsheet serial days both ways, and Unix timestamps in seconds and milliseconds.
pub fn serial_cases(rng: &mut Rng, cases: &mut Cases) {
    let table = [
        "45111",
        "45111.75",
        "1",
        "59",
        "60",
        "61",
        "0.5",
        "0.999999999",
        "1.9999999999",
        "2958465",
        "2958466",
        "-1",
        "abc",
        "0",
        "-0",
        "60.5",
        "59.99999999",
        "0.00000001",
        "2958465.99999999",
    ];
    let mut serials: Vec<String> = table.iter().map(|t| t.to_string()).collect();
    for _ in 0..1_500 {
        let whole = match rng.below(4) {
            0 => rng.range(0, 100),
            1 => rng.range(0, 3_000_000),
            2 => rng.range(55, 65),
            _ => rng.range(-5, 2_958_470),
        };
        let fraction = rng.text_between("0123456789", 0, 14 - 1);
        serials.push(if fraction.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{fraction}")
        });
    }
    for text in &serials {
        cases.add("serial", "read_serial", vec![text.clone()], || {
            read_serial(text)
        });
    }
    for _ in 0..1_000 {
        let value = if rng.chance(50) {
            moderate_decimal(rng)
        } else {
            decimal(rng)
        };
        cases.add("serial", "from_serial", vec![value.to_string()], || {
            from_serial(value)
        });
    }
    for _ in 0..2_000 {
        let moment = moment(rng);
        cases.add("serial", "to_serial", vec![moment.to_string()], || {
            to_serial(&moment)
        });
    }
    let mut stamps: Vec<String> = [
        "1688482800",
        "1688482800.25",
        "1688482800250",
        "-1",
        "1e25",
        "0",
        "-0.5",
        "253402300799",
        "8210298412800",
        "-8334632851200",
        "9223372036854775807",
        "9223372036854775808",
    ]
    .iter()
    .map(|t| t.to_string())
    .collect();
    for _ in 0..1_500 {
        stamps.push(match rng.below(4) {
            0 => rng.range(-5_000_000_000, 5_000_000_000).to_string(),
            1 => format!(
                "{}.{}",
                rng.range(-2_000_000_000, 2_000_000_000),
                rng.text_between("0123456789", 1, 12)
            ),
            2 => (rng.next() as i64).to_string(),
            _ => decimal(rng).to_string(),
        });
    }
    for text in &stamps {
        cases.add("serial", "read_unix_seconds", vec![text.clone()], || {
            read_unix_seconds(text)
        });
        cases.add("serial", "read_unix_millis", vec![text.clone()], || {
            read_unix_millis(text)
        });
    }
}
