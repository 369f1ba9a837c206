//! Tests of the interpreter's data: lookup tables, date and number formats, typical
//! programs on non-ASCII data, and properties of the scanners and substring operators.
use gemfill_dsl::ast::{BuiltinTable as BT, CaseMode, Expr, Format, Op, TableRef, TokenClass};
use gemfill_dsl::tables::{builtin_keys, builtin_lookup, builtin_values, tables_with_value};
use gemfill_dsl::{Tables, Value, formats, ops, tokens};
use proptest::prelude::*;

#[path = "support/eval.rs"]
mod support;

use support::*;

// ---------------------------------------------------------------------------------------
// Lookup tables.

#[test]
fn month_tables() {
    let spellings = [
        "3", "03", "mar", "Mar", "MAR", "march", "March", " March ", "Mar.",
    ];
    for key in spellings {
        assert_eq!(builtin_lookup(BT::MonthNumber, key), Some("3"), "{key:?}");
        assert_eq!(builtin_lookup(BT::MonthPadded, key), Some("03"), "{key:?}");
        assert_eq!(builtin_lookup(BT::MonthName, key), Some("March"), "{key:?}");
        assert_eq!(builtin_lookup(BT::MonthAbbr, key), Some("Mar"), "{key:?}");
    }
    assert_eq!(builtin_lookup(BT::MonthName, "Sept"), Some("September"));
    assert_eq!(builtin_lookup(BT::MonthAbbr, "12"), Some("Dec"));
    assert_eq!(builtin_lookup(BT::MonthPadded, "September"), Some("09"));
    for bad in ["0", "13", "003", "Marc", "", "monday"] {
        assert_eq!(builtin_lookup(BT::MonthName, bad), None, "{bad:?}");
    }
    for k in 1..=12 {
        let name = builtin_lookup(BT::MonthName, &k.to_string()).unwrap();
        assert_eq!(
            builtin_lookup(BT::MonthNumber, name),
            Some(k.to_string().as_str())
        );
    }
}

#[test]
fn weekday_tables() {
    for key in ["1", "mon", "Mon", "MONDAY", "monday", " Monday\t"] {
        assert_eq!(
            builtin_lookup(BT::WeekdayName, key),
            Some("Monday"),
            "{key:?}"
        );
        assert_eq!(builtin_lookup(BT::WeekdayAbbr, key), Some("Mon"), "{key:?}");
    }
    assert_eq!(builtin_lookup(BT::WeekdayName, "7"), Some("Sunday"));
    assert_eq!(builtin_lookup(BT::WeekdayAbbr, "Thurs"), Some("Thu"));
    assert_eq!(builtin_lookup(BT::WeekdayAbbr, "wednesday"), Some("Wed"));
    assert_eq!(builtin_lookup(BT::WeekdayName, "0"), None);
    assert_eq!(builtin_lookup(BT::WeekdayName, "8"), None);
    assert_eq!(builtin_lookup(BT::WeekdayName, "March"), None);
}

#[test]
fn state_tables() {
    for key in ["CA", "ca", "California", "CALIFORNIA", " california "] {
        assert_eq!(builtin_lookup(BT::StateCode, key), Some("CA"), "{key:?}");
        assert_eq!(
            builtin_lookup(BT::StateName, key),
            Some("California"),
            "{key:?}"
        );
    }
    assert_eq!(builtin_lookup(BT::StateCode, "New York"), Some("NY"));
    assert_eq!(builtin_lookup(BT::StateName, "wv"), Some("West Virginia"));
    assert_eq!(
        builtin_lookup(BT::StateCode, "District of Columbia"),
        Some("DC")
    );
    assert_eq!(
        builtin_lookup(BT::StateCode, "Washington, D.C."),
        Some("DC")
    );
    assert_eq!(builtin_lookup(BT::StateCode, "Washington"), Some("WA"));
    assert_eq!(builtin_lookup(BT::StateCode, "Ontario"), None);
    assert_eq!(builtin_values(BT::StateCode).count(), 51);
    let codes: std::collections::BTreeSet<_> = builtin_values(BT::StateCode).collect();
    assert_eq!(codes.len(), 51);
    for code in &codes {
        let name = builtin_lookup(BT::StateName, code).unwrap();
        assert_eq!(builtin_lookup(BT::StateCode, name), Some(*code));
    }
}

#[test]
fn country_tables() {
    for key in [
        "Germany",
        "germany",
        "DE",
        "de",
        "DEU",
        "deu",
        "Deutschland",
    ] {
        assert_eq!(
            builtin_lookup(BT::CountryName, key),
            Some("Germany"),
            "{key:?}"
        );
        assert_eq!(builtin_lookup(BT::CountryIso2, key), Some("DE"), "{key:?}");
        assert_eq!(builtin_lookup(BT::CountryIso3, key), Some("DEU"), "{key:?}");
    }
    let cases = [
        ("United States of America", "US", "USA", "United States"),
        ("USA", "US", "USA", "United States"),
        ("UK", "GB", "GBR", "United Kingdom"),
        ("Great Britain", "GB", "GBR", "United Kingdom"),
        ("South Korea", "KR", "KOR", "South Korea"),
        ("Japan", "JP", "JPN", "Japan"),
        ("BRA", "BR", "BRA", "Brazil"),
        ("mx", "MX", "MEX", "Mexico"),
        ("México", "MX", "MEX", "Mexico"),
        ("Côte d'Ivoire", "CI", "CIV", "Côte d'Ivoire"),
        ("CÔTE D'IVOIRE", "CI", "CIV", "Côte d'Ivoire"),
        ("Türkiye", "TR", "TUR", "Turkey"),
        ("Czech Republic", "CZ", "CZE", "Czechia"),
        ("ch", "CH", "CHE", "Switzerland"),
        ("Netherlands", "NL", "NLD", "Netherlands"),
        ("Russian Federation", "RU", "RUS", "Russia"),
        ("ZAF", "ZA", "ZAF", "South Africa"),
    ];
    for (key, iso2, iso3, name) in cases {
        assert_eq!(builtin_lookup(BT::CountryIso2, key), Some(iso2), "{key:?}");
        assert_eq!(builtin_lookup(BT::CountryIso3, key), Some(iso3), "{key:?}");
        assert_eq!(builtin_lookup(BT::CountryName, key), Some(name), "{key:?}");
    }
    assert_eq!(builtin_lookup(BT::CountryName, "Atlantis"), None);
    let n = builtin_values(BT::CountryName).count();
    assert!(n >= 60, "{n} countries");
    // Codes are unique and well-formed, and every entity round-trips.
    let iso2: std::collections::BTreeSet<_> = builtin_values(BT::CountryIso2).collect();
    let iso3: std::collections::BTreeSet<_> = builtin_values(BT::CountryIso3).collect();
    assert_eq!((iso2.len(), iso3.len()), (n, n));
    for code in &iso2 {
        assert!(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()));
        let name = builtin_lookup(BT::CountryName, code).unwrap();
        assert_eq!(builtin_lookup(BT::CountryIso2, name), Some(*code));
        let c3 = builtin_lookup(BT::CountryIso3, code).unwrap();
        assert!(c3.len() == 3 && c3.bytes().all(|b| b.is_ascii_uppercase()));
        assert_eq!(builtin_lookup(BT::CountryIso2, c3), Some(*code));
    }
}

#[test]
fn every_builtin_table_through_eval() {
    let cases = [
        (BT::MonthNumber, "October", "10"),
        (BT::MonthPadded, "oct", "10"),
        (BT::MonthName, "10", "October"),
        (BT::MonthAbbr, "OCTOBER", "Oct"),
        (BT::WeekdayName, "fri", "Friday"),
        (BT::WeekdayAbbr, "5", "Fri"),
        (BT::StateName, "tx", "Texas"),
        (BT::StateCode, "Texas", "TX"),
        (BT::CountryName, "FRA", "France"),
        (BT::CountryIso2, "france", "FR"),
        (BT::CountryIso3, "fr", "FRA"),
    ];
    for (table, key, want) in cases {
        let e = app(Op::Lookup, vec![builtin(table), x()]);
        assert_eq!(out(&e, key), want, "{table:?}");
        let e = app(Op::Lookup, vec![builtin(table), s("nope")]);
        assert_eq!(fails(&e, "").op, "lookup");
    }
    // Every table's canonical keys work for every table of its group.
    for table in BT::ALL {
        let values: Vec<_> = builtin_values(table).collect();
        for key in builtin_keys(table) {
            let v = builtin_lookup(table, key).unwrap_or_else(|| panic!("{table:?} {key}"));
            assert!(values.contains(&v));
        }
    }
}

#[test]
fn tables_with_value_finds_producers() {
    assert_eq!(tables_with_value("March"), vec![BT::MonthName]);
    assert_eq!(tables_with_value("May"), vec![BT::MonthName, BT::MonthAbbr]);
    assert_eq!(tables_with_value("03"), vec![BT::MonthPadded]);
    assert_eq!(tables_with_value("3"), vec![BT::MonthNumber]);
    assert_eq!(
        tables_with_value("12"),
        vec![BT::MonthNumber, BT::MonthPadded]
    );
    assert_eq!(tables_with_value("Fri"), vec![BT::WeekdayAbbr]);
    assert_eq!(
        tables_with_value("CA"),
        vec![BT::StateCode, BT::CountryIso2]
    );
    assert_eq!(
        tables_with_value("Georgia"),
        vec![BT::StateName, BT::CountryName]
    );
    assert_eq!(tables_with_value("DEU"), vec![BT::CountryIso3]);
    assert!(tables_with_value("march").is_empty());
    assert!(tables_with_value("").is_empty());
}

#[test]
fn user_tables() {
    let mut tables = Tables::new();
    assert!(tables.is_empty());
    tables.insert("dept", [("ENG", "Engineering"), ("ops", "Operations")]);
    tables.insert("empty", Vec::<(String, String)>::new());
    assert!(!tables.is_empty());
    assert_eq!(tables.names().collect::<Vec<_>>(), vec!["dept", "empty"]);
    assert_eq!(tables.get("dept").unwrap().len(), 2);
    assert_eq!(tables.lookup("dept", "ENG"), Some("Engineering"));
    let e = app(
        Op::Lookup,
        vec![Expr::Table(TableRef::User("dept".into())), x()],
    );
    assert_eq!(
        run_on(&e, &["ENG"], &tables).unwrap(),
        Value::Str("Engineering".into())
    );
    // Exact keys only.
    assert_eq!(run_on(&e, &["eng"], &tables).unwrap_err().op, "lookup");
    assert_eq!(run_on(&e, &[" ENG"], &tables).unwrap_err().op, "lookup");
    let missing = app(
        Op::Lookup,
        vec![Expr::Table(TableRef::User("nope".into())), x()],
    );
    assert_eq!(
        run_on(&missing, &["ENG"], &tables).unwrap_err().op,
        "lookup"
    );
    assert_eq!(
        ops::lookup(&TableRef::User("dept".into()), "ops", &tables).unwrap(),
        "Operations"
    );
    assert_eq!(
        ops::lookup(&TableRef::Builtin(BT::StateCode), "Ohio", &tables).unwrap(),
        "OH"
    );
    let built = Tables::new().with("dept", [("ENG", "Engineering"), ("ops", "Operations")]);
    assert_eq!(built.get("dept"), tables.get("dept"));
}

// ---------------------------------------------------------------------------------------
// Date and number formats.

const DATE_FORMATS: [Format; 10] = [
    Format::Iso,
    Format::Us,
    Format::UsShort,
    Format::Eu,
    Format::EuDot,
    Format::Compact,
    Format::Long,
    Format::Medium,
    Format::DayMonthYear,
    Format::WeekdayLong,
];

/// 2024-03-05 (a Tuesday) in every date format.
fn march_fifth(f: Format) -> &'static str {
    match f {
        Format::Iso => "2024-03-05",
        Format::Us => "03/05/2024",
        Format::UsShort => "3/5/2024",
        Format::Eu => "05/03/2024",
        Format::EuDot => "05.03.2024",
        Format::Compact => "20240305",
        Format::Long => "March 5, 2024",
        Format::Medium => "Mar 5, 2024",
        Format::DayMonthYear => "5 March 2024",
        Format::WeekdayLong => "Tuesday, March 5, 2024",
        _ => unreachable!(),
    }
}

#[test]
fn every_date_format_reads_and_prints() {
    for fin in DATE_FORMATS {
        for fout in DATE_FORMATS {
            let e = app(Op::Date, vec![x(), Expr::Fmt(fin), Expr::Fmt(fout)]);
            assert_eq!(
                out(&e, march_fifth(fin)),
                march_fifth(fout),
                "{fin:?} -> {fout:?}"
            );
        }
    }
}

#[test]
fn date_reading_is_lenient_where_documented() {
    let ok = |s: &str, f: Format| formats::parse_date(s, f).map(|d| d.to_string());
    let d = Some("2024-03-05".to_string());
    assert_eq!(ok("2024-3-5", Format::Iso), d);
    assert_eq!(ok(" 2024-03-05 ", Format::Iso), d);
    assert_eq!(ok("03/05/2024", Format::UsShort), d);
    assert_eq!(ok("3/5/2024", Format::Us), d);
    assert_eq!(ok("5/3/2024", Format::Eu), d);
    assert_eq!(ok("5.3.2024", Format::EuDot), d);
    assert_eq!(ok("MARCH 5, 2024", Format::Long), d);
    assert_eq!(ok("march 05 2024", Format::Long), d);
    assert_eq!(ok("Mar 5, 2024", Format::Long), d);
    assert_eq!(ok("Mar. 5, 2024", Format::Medium), d);
    assert_eq!(ok("march 5, 2024", Format::Medium), d);
    assert_eq!(ok("05 mar 2024", Format::DayMonthYear), d);
    assert_eq!(ok("tue, mar 5, 2024", Format::WeekdayLong), d);
    assert_eq!(ok("Tuesday March 5 2024", Format::WeekdayLong), d);
    assert_eq!(
        ok("Sept. 30, 2023", Format::Long),
        Some("2023-09-30".to_string())
    );
}

#[test]
fn date_errors() {
    let bad = [
        ("2023-02-29", Format::Iso),
        ("2024-13-01", Format::Iso),
        ("2024-00-10", Format::Iso),
        ("2024-03-32", Format::Iso),
        ("24-03-05", Format::Iso),
        ("2024/03/05", Format::Iso),
        ("2024-03-05x", Format::Iso),
        ("2024-003-05", Format::Iso),
        ("", Format::Iso),
        ("03/05/24", Format::Us),
        ("13/05/2024", Format::Us),
        ("2024030", Format::Compact),
        ("202403051", Format::Compact),
        ("Marchy 5, 2024", Format::Long),
        ("5 March, 2024x", Format::DayMonthYear),
        ("Monday, March 5, 2024", Format::WeekdayLong), // March 5, 2024 is a Tuesday
        ("March 5, 2024", Format::WeekdayLong),
        ("2024-03-05", Format::Int),
    ];
    for (text, f) in bad {
        assert_eq!(formats::parse_date(text, f), None, "{text:?} as {f:?}");
    }
    assert!(formats::parse_date("2024-02-29", Format::Iso).is_some());
    assert_eq!(
        ops::date("2023-02-29", Format::Iso, Format::Us)
            .unwrap_err()
            .op,
        "date"
    );
    assert_eq!(
        ops::date("2024-01-01", Format::Iso, Format::Fixed2)
            .unwrap_err()
            .op,
        "date"
    );
    assert_eq!(
        ops::date("1", Format::Int, Format::Iso).unwrap_err().op,
        "date"
    );
    let e = app(
        Op::Date,
        vec![x(), Expr::Fmt(Format::Us), Expr::Fmt(Format::Iso)],
    );
    assert_eq!(fails(&e, "15/03/2024").op, "date");
    assert_eq!(out(&e, "12/31/1999"), "1999-12-31");
}

#[test]
fn date_printing() {
    let d = chrono::NaiveDate::from_ymd_opt(2024, 12, 25).unwrap();
    assert_eq!(
        formats::format_date(d, Format::WeekdayLong).as_deref(),
        Some("Wednesday, December 25, 2024")
    );
    assert_eq!(
        formats::format_date(d, Format::UsShort).as_deref(),
        Some("12/25/2024")
    );
    let early = chrono::NaiveDate::from_ymd_opt(33, 1, 2).unwrap();
    assert_eq!(
        formats::format_date(early, Format::Iso).as_deref(),
        Some("0033-01-02")
    );
    assert_eq!(formats::format_date(d, Format::Currency), None);
    let far = chrono::NaiveDate::from_ymd_opt(12345, 1, 2).unwrap();
    assert_eq!(formats::format_date(far, Format::Iso), None);
}

#[test]
fn every_number_format() {
    // input, then int, fixed2, thousands, thousands2, percent, currency.
    let cases: [(&str, [&str; 6]); 12] = [
        (
            "1234.5",
            [
                "1235",
                "1234.50",
                "1,235",
                "1,234.50",
                "123450%",
                "$1,234.50",
            ],
        ),
        ("-0.125", ["0", "-0.13", "0", "-0.13", "-13%", "-$0.13"]),
        (
            "$1,234,567.891",
            [
                "1234568",
                "1234567.89",
                "1,234,568",
                "1,234,567.89",
                "123456789%",
                "$1,234,567.89",
            ],
        ),
        ("12.5%", ["0", "0.13", "0", "0.13", "13%", "$0.13"]),
        ("2.675", ["3", "2.68", "3", "2.68", "268%", "$2.68"]),
        ("-$2.5", ["-3", "-2.50", "-3", "-2.50", "-250%", "-$2.50"]),
        ("+7", ["7", "7.00", "7", "7.00", "700%", "$7.00"]),
        (".5", ["1", "0.50", "1", "0.50", "50%", "$0.50"]),
        ("-0.004", ["0", "0.00", "0", "0.00", "0%", "$0.00"]),
        (
            " 999999.995 ",
            [
                "1000000",
                "1000000.00",
                "1,000,000",
                "1,000,000.00",
                "100000000%",
                "$1,000,000.00",
            ],
        ),
        ("100%", ["1", "1.00", "1", "1.00", "100%", "$1.00"]),
        ("0", ["0", "0.00", "0", "0.00", "0%", "$0.00"]),
    ];
    let fmts = [
        Format::Int,
        Format::Fixed2,
        Format::Thousands,
        Format::Thousands2,
        Format::Percent,
        Format::Currency,
    ];
    for (input, wants) in cases {
        for (f, want) in fmts.iter().zip(wants) {
            let e = app(Op::Number, vec![x(), Expr::Fmt(*f)]);
            assert_eq!(out(&e, input), want, "{input:?} as {f:?}");
        }
    }
}

#[test]
fn number_errors() {
    for bad in [
        "",
        "abc",
        "1,23",
        "12,3456",
        ",123",
        "1,",
        "1.2.3",
        "--1",
        "$",
        "-",
        ".",
        "1e5",
        "1 000",
        "$-5",
        "5$",
        "%",
        "1%%",
        "١٢",
        "1234567890123456789012345678901234567890",
    ] {
        assert_eq!(formats::parse_number(bad), None, "{bad:?}");
        assert_eq!(
            ops::number(bad, Format::Int).unwrap_err().op,
            "number",
            "{bad:?}"
        );
    }
    assert_eq!(ops::number("5", Format::Iso).unwrap_err().op, "number");
    let n = formats::parse_number("1,234.50").unwrap();
    assert_eq!((n.negative, n.mantissa, n.scale), (false, 123450, 2));
    assert_eq!(n.rounded(0), Some(1235));
    assert_eq!(
        formats::format_number(&n, Format::Thousands2).as_deref(),
        Some("1,234.50")
    );
    // Many digits still print exactly.
    assert_eq!(
        ops::number("123456789012345678901234567890.5", Format::Thousands).unwrap(),
        "123,456,789,012,345,678,901,234,567,891"
    );
}

// ---------------------------------------------------------------------------------------
// Typical end-to-end programs on non-ASCII data.

#[test]
fn typical_programs() {
    // Phone cleanup.
    let digits = app(
        Op::Replace,
        vec![
            app(
                Op::Replace,
                vec![app(Op::Replace, vec![x(), s("("), s("")]), s(") "), s("-")],
            ),
            s(" "),
            s("-"),
        ],
    );
    assert_eq!(out(&digits, "(555) 010 0100"), "555-010-0100");
    // Email user name, proper-cased.
    let user = app(
        Op::Case,
        vec![
            app(
                Op::Sub,
                vec![x(), i(0), app(Op::Find, vec![x(), s("@"), i(0)])],
            ),
            Expr::Case(CaseMode::Proper),
        ],
    );
    assert_eq!(out(&user, "josé.álvarez@example.com"), "José.Álvarez");
    // Two inputs.
    let full = concat(vec![x1(), s(", "), x()]);
    assert_eq!(
        run_on(&full, &["Ada", "Lovelace"], &Tables::default())
            .unwrap()
            .to_string(),
        "Lovelace, Ada"
    );
    // Owned strings flow through substring operators (buffer reuse path).
    let e = app(
        Op::CharAt,
        vec![
            app(Op::Trim, vec![concat(vec![s("  "), x(), s(" ")])]),
            i(-1),
        ],
    );
    assert_eq!(out(&e, "日本"), "本");
    let e = token(
        app(Op::Case, vec![x(), Expr::Case(CaseMode::Upper)]),
        TokenClass::Word,
        1,
    );
    assert_eq!(out(&e, "ab çd"), "ÇD");
}

// ---------------------------------------------------------------------------------------
// Properties: the hand-written scanners agree with the regex crate on the same classes,
// and substring operators agree with a char-vector model.

fn class_regex(c: &TokenClass) -> Option<&'static str> {
    Some(match c {
        TokenClass::Number => "[0-9]+",
        TokenClass::Word => r"[\p{L}\p{M}]+",
        TokenClass::Alphanum => r"[\p{L}\p{M}\p{Nd}]+",
        TokenClass::Caps => r"\p{Lu}+",
        TokenClass::Proper => r"\p{Lu}\p{Ll}+",
        TokenClass::Lower => r"\p{Ll}+",
        TokenClass::Digit => "[0-9]",
        TokenClass::Char => r"(?s).",
        TokenClass::Space => r"\s+",
        _ => return None,
    })
}

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "Z", "é", "É", "e\u{301}", "ß", "Σ", "ς", "ǅ", "ʰ", "ª", "東", "한", "٣", "5", "0",
        " ", "\t", "\u{3000}", "\u{a0}", "-", ",", ".", "🦀", "👍🏽", "\u{200b}", "Ⓐ", "ⓐ", "Ⅻ",
        "\n",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn scanners_agree_with_regex(text in text_strategy()) {
        for class in TokenClass::NAMED {
            let pattern = class_regex(&class).unwrap();
            let regex = regex::Regex::new(pattern).unwrap();
            let want: Vec<(usize, usize)> =
                regex.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            let got: Vec<(usize, usize)> = tokens::find_all(&text, &class)
                .iter()
                .map(|m| (m.byte_start, m.byte_end))
                .collect();
            prop_assert_eq!(&got, &want, "{:?} on {:?}", class, text);
            // Char positions agree with the bytes, and a regex class gives the same spans.
            for m in tokens::find_all(&text, &class) {
                prop_assert_eq!(m.start, text[..m.byte_start].chars().count());
                prop_assert_eq!(m.end, text[..m.byte_end].chars().count());
            }
            let as_user = re(pattern);
            prop_assert_eq!(tokens::find_all(&text, &as_user), tokens::find_all(&text, &class));
        }
    }

    #[test]
    fn substrings_agree_with_char_model(text in text_strategy(), a in -30i64..30, z in -30i64..30) {
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len() as i64;
        let (na, nz) = (if a < 0 { a + n } else { a }, if z < 0 { z + n } else { z });
        let want = (0 <= na && na <= nz && nz <= n)
            .then(|| chars[na as usize..nz as usize].iter().collect::<String>());
        prop_assert_eq!(ops::sub(&text, a, z).ok(), want);
        let want = (0 <= na && na < n).then(|| chars[na as usize].to_string());
        prop_assert_eq!(ops::char_at(&text, a).ok(), want);
    }

    #[test]
    fn fast_variants_agree(text in text_strategy(), k in -6i64..6, j in -6i64..6) {
        prop_assert_eq!(ops::fast::sub(&text, k, j), ops::sub_range(&text, k, j).ok());
        prop_assert_eq!(ops::fast::char_at(&text, k), ops::char_at_range(&text, k).ok());
        for needle in ["", "a", "é", " ", "🦀", "aa"] {
            prop_assert_eq!(ops::fast::find(&text, needle, k), ops::find(&text, needle, k).ok());
        }
        for (l, r) in [
            (TokenClass::Word, TokenClass::Space),
            (TokenClass::Lower, TokenClass::Caps),
            (TokenClass::Char, TokenClass::Number),
        ] {
            prop_assert_eq!(ops::fast::pos(&text, &l, &r, k), ops::pos(&text, &l, &r, k).ok());
        }
        prop_assert_eq!(ops::fast::to_int(&text), ops::to_int(&text).ok());
        for f in Format::ALL {
            prop_assert_eq!(ops::fast::number(&text, f), ops::number(&text, f).ok());
            prop_assert_eq!(ops::fast::date(&text, Format::Iso, f), ops::date(&text, Format::Iso, f).ok());
        }
    }

    #[test]
    fn eval_never_panics_on_random_ops(text in text_strategy(), k in -5i64..5, op in 0usize..Op::ALL.len()) {
        // Every operator applied to a plausible but often wrong argument list.
        let op = Op::ALL[op];
        let candidates = vec![
            vec![x(), t(TokenClass::Word), i(k)],
            vec![x(), i(k), i(k + 2)],
            vec![x(), s("a"), s("b")],
            vec![x(), t(TokenClass::Caps), t(TokenClass::Lower), i(k)],
            vec![x(), t(TokenClass::Char), sub(w(), 0, 1), s(".")],
            vec![b(true), x(), s("")],
            vec![builtin(BT::MonthName), x()],
            vec![x(), Expr::Fmt(Format::Iso), Expr::Fmt(Format::Long)],
            vec![x(), Expr::Fmt(Format::Currency)],
            vec![x()],
            vec![],
        ];
        for args in candidates {
            let _ = run(&app(op, args), &text);
        }
    }
}
