//! The crate's functions as a catalogue of candidates, each with every choice of its
//! parameters, shared by the measuring test (`coverage.rs`) and the property tests
//! (`no_panic.rs`).

use gemfill_knowledge::checksums::{self, CheckScheme, UuidFormat};
use gemfill_knowledge::codes::{
    self, CountryField, CurrencyField, LanguageField, PhoneFormat, StateField,
};
use gemfill_knowledge::encodings::{self, ColorFormat, TransliterationStyle};
use gemfill_knowledge::number::read_number;
use gemfill_knowledge::units::{self, SizeSystem};
use gemfill_knowledge::web::{
    self, CidrPart, EmailPart, IpForm, MacFormat, UrlPart, UserAgentPart,
};
use gemfill_knowledge::{Result, expressions};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(Decimal),
    Bool(bool),
}

pub type Apply = Box<dyn Fn(&[String]) -> Option<Value>>;
/// A function of one text with its parameters chosen.
pub type TextFunction = Box<dyn Fn(&str) -> Result<Value>>;
/// A named function of one text with no parameters.
pub type Plain = (&'static str, fn(&str) -> Result<Value>);

pub struct Candidate {
    pub name: String,
    pub apply: Apply,
}

fn one(name: String, column: usize, f: impl Fn(&str) -> Result<Value> + 'static) -> Candidate {
    Candidate {
        name: format!("{name} on x{column}"),
        apply: Box::new(move |row| f(row.get(column)?).ok()),
    }
}

/// Functions of one text, each with every choice of its parameters.
pub fn text_functions() -> Vec<(String, TextFunction)> {
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
        ("code_point", |t| Ok(Value::Text(encodings::code_point(t)))),
        ("from_code_point", |t| {
            encodings::from_code_point(t).map(Value::Text)
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
pub fn constant_candidates(first_row: &[String]) -> Vec<Candidate> {
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

/// Every candidate for a task with `columns` input columns: each text function on each
/// column, and each two-text function on each pair of columns.
pub fn candidates(columns: usize) -> Vec<Candidate> {
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
