//! How much of the semantic benchmark suite (`benchmarks/realistic/semantic.jsonl`) the
//! crate's functions cover on their own: for each task, whether SOME function, applied to
//! an input column with some choice of its parameters, gives the expected output of every
//! example and held-out test. A rough upper bound of what the language can do with the
//! crate alone, measured two ways:
//!
//! - exact: the value written as text is the expected output (numbers in their shortest
//!   exact text, or equal as numbers when the output is a plain number; booleans as
//!   `true`/`false` in any case);
//! - formatted: the same, or after one formatting step the language has: a number rounded
//!   to the expected output's decimals (thousands separators allowed) and text before and
//!   after it that is the same on every row; text with the same prefix and suffix on every
//!   row or in another case; a boolean written as two fixed words.
//!
//! Run with `cargo test -p gemfill-knowledge --test coverage -- --ignored --nocapture`.

use std::collections::BTreeMap;
use std::str::FromStr;

use gemfill_knowledge::checksums::{self, CheckScheme, UuidFormat};
use gemfill_knowledge::codes::{
    self, CountryField, CurrencyField, LanguageField, PhoneFormat, StateField,
};
use gemfill_knowledge::encodings::{self, ColorFormat, TransliterationStyle};
use gemfill_knowledge::number::{number_text, read_number};
use gemfill_knowledge::units::{self, SizeSystem};
use gemfill_knowledge::web::{
    self, CidrPart, EmailPart, IpForm, MacFormat, UrlPart, UserAgentPart,
};
use gemfill_knowledge::{Result, expressions};
use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Number(Decimal),
    Bool(bool),
}

type Apply = Box<dyn Fn(&[String]) -> Option<Value>>;
/// A function of one text with its parameters chosen.
type TextFunction = Box<dyn Fn(&str) -> Result<Value>>;
/// A named function of one text with no parameters.
type Plain = (&'static str, fn(&str) -> Result<Value>);

struct Candidate {
    name: String,
    apply: Apply,
}

fn one(name: String, column: usize, f: impl Fn(&str) -> Result<Value> + 'static) -> Candidate {
    Candidate {
        name: format!("{name} on x{column}"),
        apply: Box::new(move |row| f(row.get(column)?).ok()),
    }
}

/// Functions of one text, each with every choice of its parameters.
fn text_functions() -> Vec<(String, TextFunction)> {
    let mut functions: Vec<(String, TextFunction)> = Vec::new();
    let mut add = |name: String, f: TextFunction| functions.push((name, f));
    let text = |s: String| Value::Text(s);
    let number = |d: Decimal| Value::Number(d);
    for unit in units::all_units() {
        add(
            format!("to_unit({})", unit.symbol),
            Box::new(move |t| units::to_unit(t, unit).map(number)),
        );
    }
    for system in SizeSystem::ALL {
        for decimals in 0..=2 {
            add(
                format!("human_size({system}, {decimals})"),
                Box::new(move |t| units::human_size(read_number(t)?, *system, decimals).map(text)),
            );
        }
    }
    for base in 2..=36 {
        add(
            format!("to_base({base})"),
            Box::new(move |t| encodings::to_base(read_number(t)?, base).map(text)),
        );
        add(
            format!("from_base({base})"),
            Box::new(move |t| encodings::from_base(t, base).map(number)),
        );
    }
    macro_rules! with_choices {
        ($choice:ty, $name:literal, $call:expr) => {
            for choice in <$choice>::ALL {
                add(
                    format!("{}({choice})", $name),
                    Box::new(move |t| $call(t, *choice)),
                );
            }
        };
    }
    with_choices!(ColorFormat, "color", |t, c| encodings::color(t, c)
        .map(Value::Text));
    with_choices!(TransliterationStyle, "transliterate", |t, c| Ok(
        Value::Text(encodings::transliterate(t, c))
    ));
    with_choices!(CountryField, "country", |t, c| codes::country(t, c)
        .map(Value::Text));
    with_choices!(CurrencyField, "currency", |t, c| codes::currency(t, c)
        .map(Value::Text));
    with_choices!(StateField, "us_state", |t, c| codes::us_state(t, c)
        .map(Value::Text));
    with_choices!(LanguageField, "language", |t, c| codes::language(t, c)
        .map(Value::Text));
    with_choices!(CheckScheme, "check_digit", |t, c| checksums::check_digit(
        t, c
    )
    .map(Value::Text));
    with_choices!(CheckScheme, "with_check_digit", |t, c| {
        checksums::with_check_digit(t, c).map(Value::Text)
    });
    with_choices!(CheckScheme, "is_valid", |t, c| Ok(Value::Bool(
        checksums::is_valid(t, c)
    )));
    with_choices!(UuidFormat, "uuid", |t, c| checksums::uuid(t, c)
        .map(Value::Text));
    with_choices!(UrlPart, "url", |t, c| web::url(t, c).map(Value::Text));
    with_choices!(EmailPart, "email", |t, c| web::email(t, c).map(Value::Text));
    with_choices!(IpForm, "ip", |t, c| web::ip(t, c).map(Value::Text));
    with_choices!(CidrPart, "cidr", |t, c| web::cidr(t, c).map(Value::Text));
    with_choices!(MacFormat, "mac", |t, c| web::mac(t, c).map(Value::Text));
    with_choices!(UserAgentPart, "user_agent", |t, c| web::user_agent(t, c)
        .map(Value::Text));
    let plain: [Plain; 30] = [
        ("permissions_symbolic", |t| {
            encodings::permissions_symbolic(t).map(Value::Text)
        }),
        ("permissions_octal", |t| {
            encodings::permissions_octal(t).map(Value::Text)
        }),
        ("to_roman", |t| {
            encodings::to_roman(read_number(t)?).map(Value::Text)
        }),
        ("from_roman", |t| {
            encodings::from_roman(t).map(Value::Number)
        }),
        ("number_words", |t| {
            encodings::number_words(read_number(t)?).map(Value::Text)
        }),
        ("ordinal_suffix", |t| {
            encodings::ordinal_suffix(read_number(t)?).map(Value::Text)
        }),
        ("ordinal_words", |t| {
            encodings::ordinal_words(read_number(t)?).map(Value::Text)
        }),
        ("cheque_words", |t| {
            encodings::cheque_words(read_number(t)?).map(Value::Text)
        }),
        ("words_to_number", |t| {
            encodings::words_to_number(t).map(Value::Number)
        }),
        ("base64_encode", |t| {
            Ok(Value::Text(encodings::base64_encode(t)))
        }),
        ("base64_decode", |t| {
            encodings::base64_decode(t).map(Value::Text)
        }),
        ("url_encode", |t| Ok(Value::Text(encodings::url_encode(t)))),
        ("url_decode", |t| encodings::url_decode(t).map(Value::Text)),
        ("html_escape", |t| {
            Ok(Value::Text(encodings::html_escape(t)))
        }),
        ("html_unescape", |t| {
            Ok(Value::Text(encodings::html_unescape(t)))
        }),
        ("hex_encode", |t| Ok(Value::Text(encodings::hex_encode(t)))),
        ("hex_decode", |t| encodings::hex_decode(t).map(Value::Text)),
        ("remove_accents", |t| {
            Ok(Value::Text(encodings::remove_accents(t)))
        }),
        ("slug", |t| Ok(Value::Text(encodings::slug(t)))),
        ("code_points", |t| {
            Ok(Value::Text(encodings::code_points(t)))
        }),
        ("from_code_points", |t| {
            encodings::from_code_points(t).map(Value::Text)
        }),
        ("nato", |t| Ok(Value::Text(encodings::nato(t)))),
        ("time_zone", |t| codes::time_zone(t).map(Value::Text)),
        ("luhn_digit", |t| checksums::luhn_digit(t).map(Value::Text)),
        ("isbn10_to_13", |t| {
            checksums::isbn10_to_13(t).map(Value::Text)
        }),
        ("isbn13_to_10", |t| {
            checksums::isbn13_to_10(t).map(Value::Text)
        }),
        ("isbn_valid", |t| Ok(Value::Bool(checksums::isbn_valid(t)))),
        ("iban_valid", |t| Ok(Value::Bool(checksums::iban_valid(t)))),
        ("iban_format", |t| {
            checksums::iban_format(t).map(Value::Text)
        }),
        ("card_brand", |t| checksums::card_brand(t).map(Value::Text)),
    ];
    let more: [Plain; 14] = [
        ("uuid_version", |t| {
            checksums::uuid_version(t).map(Value::Number)
        }),
        ("is_private", |t| web::is_private(t).map(Value::Bool)),
        ("http_status", |t| web::http_status(t).map(Value::Text)),
        ("http_status_code", |t| {
            web::http_status_code(t).map(Value::Number)
        }),
        ("port_service", |t| web::port_service(t).map(Value::Text)),
        ("service_port", |t| web::service_port(t).map(Value::Number)),
        ("mime_type", |t| web::mime_type(t).map(Value::Text)),
        ("idn_to_ascii", |t| web::idn_to_ascii(t).map(Value::Text)),
        ("idn_to_unicode", |t| {
            web::idn_to_unicode(t).map(Value::Text)
        }),
        ("calc", |t| expressions::calc(t).map(Value::Number)),
        ("calc_fraction", |t| {
            expressions::calc_fraction(t).map(Value::Text)
        }),
        ("calc_condition", |t| {
            expressions::calc_condition(t).map(Value::Bool)
        }),
        ("simplify_ratio", |t| {
            expressions::simplify_ratio(t).map(Value::Text)
        }),
        ("isbn_check_digit", |t| {
            checksums::isbn_check_digit(t).map(Value::Text)
        }),
    ];
    for (name, f) in plain.into_iter().chain(more) {
        add(name.to_string(), Box::new(f));
    }
    for region in ["US", "GB"] {
        for format in PhoneFormat::ALL {
            add(
                format!("phone({format}, {region})"),
                Box::new(move |t| codes::phone(t, *format, region).map(Value::Text)),
            );
        }
    }
    for large in units::all_units() {
        for small in units::all_units()
            .iter()
            .filter(|small| small.dimension == large.dimension)
        {
            if units::convert(Decimal::ONE, large, small).is_ok_and(|ratio| ratio > Decimal::ONE) {
                add(
                    format!("split_quantity({}, {})", large.symbol, small.symbol),
                    Box::new(move |t| units::split_quantity(t, large, small, 0).map(text)),
                );
            }
        }
    }
    for from in units::all_units() {
        for to in units::all_units().iter().filter(|to| {
            to.dimension == from.dimension && to.symbol != from.symbol && to.scale != from.scale
        }) {
            add(
                format!("convert(number, {}, {})", from.symbol, to.symbol),
                Box::new(move |t| units::convert(read_number(t)?, from, to).map(number)),
            );
        }
    }
    add(
        "read_number".into(),
        Box::new(move |t| read_number(t).map(number)),
    );
    functions
}

/// Candidates with a constant text argument taken from the task's first row, as the
/// synthesizer takes constants from the examples: query parameter names of a URL.
fn constant_candidates(first_row: &[String]) -> Vec<Candidate> {
    let mut all = Vec::new();
    for (column, input) in first_row.iter().enumerate() {
        let Some((_, query)) = input.split_once('?') else {
            continue;
        };
        for name in query.split('&').filter_map(|pair| pair.split('=').next()) {
            let name = name.to_string();
            all.push(Candidate {
                name: format!("url_param(x{column}, {name:?})"),
                apply: Box::new(move |row| {
                    web::url_param(row.get(column)?, &name)
                        .ok()
                        .map(Value::Text)
                }),
            });
        }
    }
    all
}

/// Every candidate for a task with `columns` input columns.
fn candidates(columns: usize) -> Vec<Candidate> {
    let mut all = Vec::new();
    for column in 0..columns {
        for (name, f) in text_functions() {
            all.push(one(name, column, f));
        }
    }
    for (a, b) in
        (0..columns).flat_map(|a| (0..columns).filter(move |b| *b != a).map(move |b| (a, b)))
    {
        let pair = |name: &str, f: fn(&str, &str) -> Result<Value>| Candidate {
            name: format!("{name}(x{a}, x{b})"),
            apply: Box::new(move |row| f(row.get(a)?, row.get(b)?).ok()),
        };
        all.push(pair("url_param", |x, y| {
            web::url_param(x, y).map(Value::Text)
        }));
        all.push(pair("in_subnet", |x, y| {
            web::in_subnet(x, y).map(Value::Bool)
        }));
        all.push(pair("iban_from_bban", |x, y| {
            checksums::iban_from_bban(x, y).map(Value::Text)
        }));
    }
    all
}

fn as_text(value: &Value) -> String {
    match value {
        Value::Text(text) => text.clone(),
        Value::Number(number) => number_text(*number),
        Value::Bool(flag) => flag.to_string(),
    }
}

fn exact_match(value: &Value, expected: &str) -> bool {
    match value {
        Value::Number(number) => {
            number_text(*number) == expected
                || Decimal::from_str(expected.trim()).is_ok_and(|e| e == *number)
        }
        Value::Bool(flag) => expected.eq_ignore_ascii_case(&flag.to_string()),
        Value::Text(text) => text == expected,
    }
}

/// The number written in `expected` with the text around it and its decimals.
fn written_number(expected: &str) -> Option<(String, Decimal, u32, String)> {
    let start = expected.find(|c: char| c.is_ascii_digit() || c == '-')?;
    let digits_end = expected[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-'))
        .map_or(expected.len(), |end| start + end);
    let written = expected[start..digits_end].trim_end_matches(['.', ',']);
    let value = Decimal::from_str(&written.replace(',', "")).ok()?;
    let decimals = written
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len() as u32);
    Some((
        expected[..start].to_string(),
        value,
        decimals,
        expected[start + written.len()..].to_string(),
    ))
}

/// Whether `values` give `expected` after one formatting step that is the same on every row.
fn formatted_match(values: &[Value], expected: &[&str]) -> bool {
    let all_same =
        |items: Vec<Option<String>>| items.iter().all(|item| item.is_some() && *item == items[0]);
    match &values[0] {
        Value::Number(_) => {
            let mut affixes = Vec::new();
            for (value, expected) in values.iter().zip(expected) {
                let (Value::Number(value), Some((prefix, written, decimals, suffix))) =
                    (value, written_number(expected))
                else {
                    return false;
                };
                if value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
                    != written
                {
                    return false;
                }
                affixes.push(Some(format!("{prefix}\u{0}{suffix}")));
            }
            all_same(affixes)
        }
        Value::Bool(_) => {
            let mut words: BTreeMap<bool, &str> = BTreeMap::new();
            for (value, expected) in values.iter().zip(expected) {
                let Value::Bool(flag) = value else {
                    return false;
                };
                if *words.entry(*flag).or_insert(expected) != *expected {
                    return false;
                }
            }
            words.len() < 2 || words[&true] != words[&false]
        }
        Value::Text(_) => {
            let texts: Vec<String> = values.iter().map(as_text).collect();
            let cased = |convert: fn(&str) -> String| {
                texts.iter().zip(expected).all(|(t, e)| convert(t) == *e)
            };
            if cased(str::to_lowercase) || cased(str::to_uppercase) {
                return true;
            }
            let affixes = texts
                .iter()
                .zip(expected)
                .map(|(text, expected)| {
                    let at = expected.find(text.as_str()).filter(|_| !text.is_empty())?;
                    Some(format!(
                        "{}\u{0}{}",
                        &expected[..at],
                        &expected[at + text.len()..]
                    ))
                })
                .collect();
            all_same(affixes)
        }
    }
}

#[test]
#[ignore = "measures the crate against the semantic benchmark suite; run by hand"]
fn semantic_suite_coverage() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../benchmarks/realistic/semantic.jsonl"
    );
    let suite = std::fs::read_to_string(path).expect("the semantic suite is in the repository");
    let started = std::time::Instant::now();
    let mut by_family: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut candidate_sets: BTreeMap<usize, Vec<Candidate>> = BTreeMap::new();
    for line in suite.lines().filter(|line| !line.trim().is_empty()) {
        let task: serde_json::Value = serde_json::from_str(line).expect("each line is a task");
        let rows: Vec<(Vec<String>, String)> = ["examples", "tests"]
            .iter()
            .flat_map(|key| task[key].as_array().cloned().unwrap_or_default())
            .map(|row| {
                let inputs = row["inputs"].as_array().map(|inputs| {
                    inputs
                        .iter()
                        .map(|input| input.as_str().unwrap_or_default().to_string())
                        .collect()
                });
                (
                    inputs.unwrap_or_default(),
                    row["output"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let columns = rows
            .iter()
            .map(|(inputs, _)| inputs.len())
            .max()
            .unwrap_or(0);
        let family = task["tags"][0].as_str().unwrap_or("untagged").to_string();
        let expected: Vec<&str> = rows.iter().map(|(_, output)| output.as_str()).collect();
        let (mut exact, mut formatted) = (None, None);
        let constants = constant_candidates(
            rows.first()
                .map(|(inputs, _)| inputs.as_slice())
                .unwrap_or(&[]),
        );
        let general = candidate_sets
            .entry(columns)
            .or_insert_with(|| candidates(columns));
        for candidate in general.iter().chain(&constants) {
            let values: Option<Vec<Value>> = rows
                .iter()
                .map(|(inputs, _)| (candidate.apply)(inputs))
                .collect();
            let Some(values) = values else { continue };
            if exact.is_none()
                && values
                    .iter()
                    .zip(&expected)
                    .all(|(value, expected)| exact_match(value, expected))
            {
                exact = Some(candidate.name.clone());
            }
            if formatted.is_none() && formatted_match(&values, &expected) {
                formatted = Some(candidate.name.clone());
            }
            if exact.is_some() {
                break;
            }
        }
        let formatted = formatted.or(exact.clone());
        let counts = by_family.entry(family).or_default();
        counts.0 += 1;
        counts.1 += usize::from(exact.is_some());
        counts.2 += usize::from(formatted.is_some());
        let name = task["name"].as_str().unwrap_or_default();
        match (&exact, &formatted) {
            (Some(function), _) => println!("exact      {name}: {function}"),
            (None, Some(function)) => println!("formatted  {name}: {function}"),
            (None, None) => println!("-          {name}"),
        }
    }
    println!("\n| family | tasks | exact | formatted |\n| --- | --- | --- | --- |");
    let mut total = (0, 0, 0);
    for (family, (tasks, exact, formatted)) in &by_family {
        println!("| {family} | {tasks} | {exact} | {formatted} |");
        total = (total.0 + tasks, total.1 + exact, total.2 + formatted);
    }
    println!("| all | {} | {} | {} |", total.0, total.1, total.2);
    println!("measured in {:.1} s", started.elapsed().as_secs_f64());
    assert_eq!(
        total.0,
        suite.lines().filter(|line| !line.trim().is_empty()).count()
    );
}
