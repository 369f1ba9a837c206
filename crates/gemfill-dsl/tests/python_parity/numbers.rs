//! Cases of rust_decimal's arithmetic (what a Num is) and of the `num` engine.

use gemfill_dsl::num::{
    self, Decimal, NumberPattern, Rounding, format_plain, read_number, round_places,
    round_significant, round_to_multiple,
};
use rust_decimal::prelude::ToPrimitive;

use crate::generate::{Cases, EXOTIC, Rng, d, decimal};

/// Cases of rust_decimal's remainder on operands of very different scales.
const REM_CASES: usize = 5_000;

const PRIMITIVES: &[&str] = &[
    "dec_add",
    "dec_sub",
    "dec_mul",
    "dec_div",
    "dec_rem",
    "dec_round_dp",
    "dec_rescale",
    "dec_trunc",
    "dec_floor",
    "dec_fract",
    "dec_normalize",
    "dec_to_i64",
];

/// rust_decimal's own operations, which every number function is built on.
pub fn decimal_cases(rng: &mut Rng, cases: &mut Cases) {
    for round in 0..24_000 {
        let op = PRIMITIVES[round % PRIMITIVES.len()];
        let (a, b) = (decimal(rng), decimal(rng));
        let places = rng.below(30) as u32;
        let places = if op == "dec_rescale" {
            places.min(28)
        } else {
            places
        };
        let args = match op {
            "dec_round_dp" | "dec_rescale" => vec![a.to_string(), places.to_string()],
            "dec_trunc" | "dec_floor" | "dec_fract" | "dec_normalize" | "dec_to_i64" => {
                vec![a.to_string()]
            }
            _ => vec![a.to_string(), b.to_string()],
        };
        cases.add_option(op, args, || match op {
            "dec_add" => a.checked_add(b),
            "dec_sub" => a.checked_sub(b),
            "dec_mul" => a.checked_mul(b),
            "dec_div" => a.checked_div(b),
            "dec_rem" => a.checked_rem(b),
            "dec_round_dp" => Some(a.round_dp(places)),
            "dec_rescale" => {
                let mut value = a;
                value.rescale(places);
                Some(value)
            }
            "dec_trunc" => Some(a.trunc()),
            "dec_floor" => Some(a.floor()),
            "dec_fract" => Some(a.fract()),
            "dec_normalize" => Some(a.normalize()),
            _ => a.to_i64().map(Decimal::from),
        });
    }
    for _ in 0..REM_CASES {
        // Remainders of large numbers by very precise ones, where rust_decimal's rem.rs
        // takes its long paths.
        let bits = 1 + rng.below(96);
        let mantissa = if rng.chance(50) {
            let near: i128 = *rng.pick(&[
                1 << 31,
                1 << 32,
                1 << 48,
                1 << 63,
                1 << 64,
                1 << 80,
                1 << 95,
                (1 << 96) - 3,
            ]);
            near + i128::from(rng.range(-3, 2))
        } else {
            ((u128::from(rng.next()) << 64 | u128::from(rng.next())) & ((1 << bits) - 1)) as i128
        };
        let a_scale = rng.below(6) as u32;
        let a = Decimal::from_i128_with_scale(mantissa, a_scale);
        let b_mantissa = match rng.below(3) {
            0 => i128::from(rng.next() >> rng.below(64)) << rng.below(32),
            1 => 10i128.pow(rng.range(10, 28) as u32) + i128::from(rng.range(-99, 99)),
            _ => (1 << rng.range(33, 95)) + i128::from(rng.range(-2, 2)),
        };
        let b = Decimal::from_i128_with_scale(
            b_mantissa,
            a_scale + 1 + rng.below(28 - u64::from(a_scale)) as u32,
        );
        cases.add_option("dec_rem", vec![a.to_string(), b.to_string()], || {
            a.checked_rem(b)
        });
    }
    for text in [
        "1",
        "0.5",
        "12345678901234567890",
        "12345678901234567890.12345678901234567890",
        "99999999999999999999.99999999999999999999",
        "0.00000000000000000000000000005",
        "0.00000000000000000000000000004",
        "79228162514264337593543950335.5",
        "7922816251426433759354395033.56",
        "5.",
        "00000000000000000000.1",
    ] {
        cases.add_option("dec_from_str", vec![text.to_owned()], || text.parse().ok());
    }
    for _ in 0..1_500 {
        let int = rng.text_between("0123456789", 1, 20);
        let frac = rng.text_between("0123456789", 1, 20);
        let text = if rng.chance(80) {
            format!("{int}.{frac}")
        } else {
            int
        };
        cases.add_option("dec_from_str", vec![text.clone()], || text.parse().ok());
    }
}

/// Texts as people write numbers: signs, currencies, separators, exponents, percents.
fn number_text(rng: &mut Rng) -> String {
    if rng.chance(25) {
        let length = rng.below(14) as usize;
        return rng.text("0123456789.,'’ \u{a0}\u{2009}-+−()$€£R$CHFeE%‰aZé", length);
    }
    let prefix = rng.choose(&[
        "", "", "Total: ", "-", "+", "−", "(", "$", "-$", "$-", "($", "€ ", "R$ ", "CHF ", "ID-",
        "a", "x(", "5-", ".",
    ]);
    let prefix = if rng.chance(15) {
        format!(
            "{}{}",
            rng.choose(EXOTIC),
            rng.choose(&["-", "−", "+", "(", "$", "R$", "CHF", "", "-$"])
        )
    } else {
        prefix.to_owned()
    };
    let mut body = rng.text_between("0123456789", 1, 4);
    let separator = rng.choose(&[
        ",", ".", "'", "’", " ", "\u{a0}", "\u{2009}", "\u{202f}", "",
    ]);
    for _ in 0..rng.below(4) {
        let group = if rng.chance(85) {
            3
        } else {
            1 + rng.below(4) as usize
        };
        body.push_str(separator);
        body.push_str(&rng.text("0123456789", group));
    }
    if rng.chance(50) {
        body.push_str(rng.choose(&[".", ","]));
        body.push_str(&rng.text_between("0123456789", 1, 30));
    }
    if rng.chance(15) {
        body.push_str(rng.choose(&["e", "E", "e-", "E+", "e0000"]));
        body.push_str(&rng.range(0, 40).to_string());
    }
    let suffix = rng.choose(&[
        "", "", "%", " %", "\u{a0}%", "‰", " ‰", ")", "%)", " USD", "e", "5", " km",
    ]);
    format!("{prefix}{body}{suffix}")
}

/// A number pattern: mostly well formed (every kind of placeholder and separator), some not.
fn number_pattern(rng: &mut Rng) -> String {
    if rng.chance(15) {
        let length = rng.below(10) as usize;
        return rng.text("0#.,' %‰Ee+-\"\\;$€()/:xq", length);
    }
    let section = |rng: &mut Rng| {
        let prefix = rng.choose(&["", "", "$", "\"USD \"", "(", "+", "-", "\\x", "€", "\"a\""]);
        let mut int = rng.text_between("#0", 1, 4);
        if rng.chance(40) {
            let sep = rng.choose(&[",", ".", "'", " "]);
            int = format!("#{sep}{}", rng.text("#0", 3));
        }
        let frac = if rng.chance(60) {
            format!(
                "{}{}",
                rng.choose(&[".", ",", "."]),
                rng.text_between("0#", 0, 5 - 1)
            )
        } else {
            String::new()
        };
        let exponent = if rng.chance(15) {
            format!(
                "{}{}",
                rng.choose(&["E+", "E-", "e+", "e-"]),
                rng.text_between("0#", 1, 3)
            )
        } else {
            String::new()
        };
        let suffix = rng.choose(&["", "", "%", "‰", " €", ")", "\" items\"", ":00", "-00"]);
        format!("{prefix}{int}{frac}{exponent}{suffix}")
    };
    let sections: Vec<String> = (0..1 + rng.below(3)).map(|_| section(rng)).collect();
    sections.join(";")
}

const ROUNDING_TABLE: &[(&str, &str)] = &[
    ("3.14159", "0.01"),
    ("13", "5"),
    ("3.9", "0.25"),
    ("2340", "50"),
    ("17820", "50"),
    ("1234", "1000"),
    ("0.64", "0.1"),
    ("0.35", "0.1"),
    ("2.5", "1"),
    ("-2.5", "1"),
    ("3.5", "1"),
    ("2.1", "1"),
    ("-2.9", "1"),
    ("2.675", "0.01"),
    ("1.02", "0.05"),
    ("1.03", "0.05"),
    ("7", "0.25"),
    ("-0.2", "1"),
    ("1", "0"),
    ("1", "-5"),
];

const PATTERN_TABLE: &[&str] = &[
    "0.000",
    "0.##",
    "0.0#",
    "#.00",
    ".00",
    "0.",
    "000",
    "0",
    "#",
    "#,##0",
    "#,##0.00",
    "#.##0,00",
    "#.##0",
    "#'##0.00",
    "# ##0",
    "#,##0.00 €",
    "$#,##0.00",
    "0.00;(0.00)",
    "0.00;(0.00);\"zero\"",
    "0.00;(0.00);\"-\"",
    "+0.0;-0.0",
    "+0.0;-0.0;0.0",
    "0%",
    "0.0%",
    "0.0‰",
    "0.00E+00",
    "0.0e-0",
    "00.0E+0",
    "##0.0E+0",
    "0.0E+00",
    "\"USD \"0.00",
    "0\\x",
    "000-00-0000",
    "(000) 000-0000",
    "0:00",
    "#.###",
    "0,00",
    "0,000",
    "\"total\"",
    "",
    "0.00q",
    "\"abc",
    "0\\",
    "0;0;0;0",
    "0.0.0",
    "0.0,0.0",
    "0.00'0",
    ",0",
    "0E+",
    "0E",
];

/// The texts of read.rs's unit test.
const READ_TABLE: &[&str] = &[
    "Total: 1,234.50 USD",
    "12 km",
    "1,234",
    "1,5",
    "1.234",
    "1.234,56",
    "1,234.56",
    "1.234.567",
    "1,234,567.891",
    "1'234'567.50",
    "1’234",
    "1 234 567",
    "1\u{a0}234,50",
    "1\u{202f}234",
    "5 10",
    "2023.07.04",
    "2023-07-04",
    "1234,567",
    "1,23,456",
    "-3.5",
    "+3.5",
    "−7",
    "(3.20)",
    "($1,234.50)",
    "(3.20",
    "€(5",
    "($5",
    "-$1.50",
    "$-1.50",
    "€ 12,50",
    "R$ 1.234,56",
    "CHF 1'234.50",
    "ID-123",
    "5-3",
    ".5",
    "-.25",
    "1.2E+03",
    "6.02e23",
    "1e-5",
    "2e",
    "12.5%",
    "12 %",
    "5‰",
    "007",
    "abc",
    "",
    "1e99999",
    "Pay ($1,234.50) now",
];

/// The (pattern, value) pairs of pattern_tests.rs.
const WRITE_TABLE: &[(&str, &str)] = &[
    ("0.000", "18.5"),
    ("0.##", "2.5"),
    ("0.##", "3"),
    ("0.##", "2.567"),
    ("0.0#", "3"),
    ("#.00", "0.5"),
    (".00", "1.5"),
    ("0.", "3"),
    ("000", "7"),
    ("000", "1234"),
    ("0", "2.5"),
    ("0", "-2.5"),
    ("#", "0"),
    ("#,##0", "1234567"),
    ("#,##0", "999"),
    ("#,##0", "0"),
    ("#,##0.00", "1234.5"),
    ("#.##0,00", "1234.5"),
    ("#.##0", "1234567"),
    ("#'##0.00", "1234567.891"),
    ("# ##0", "1234567"),
    ("#,##0.00 €", "1234.5"),
    ("$#,##0.00", "-1.5"),
    ("$#,##0.00", "1234.5"),
    ("0.00;(0.00)", "-3.2"),
    ("0.00;(0.00)", "3.2"),
    ("0.00;(0.00)", "-0.001"),
    ("0.00", "-0.001"),
    ("0.00;(0.00);\"zero\"", "0"),
    ("0.00;(0.00);\"-\"", "-0.004"),
    ("+0.0;-0.0", "2"),
    ("+0.0;-0.0", "-2"),
    ("+0.0;-0.0;0.0", "0"),
    ("0%", "0.125"),
    ("0.0%", "0.125"),
    ("0.0‰", "0.0125"),
    ("0.00E+00", "1234"),
    ("0.00E+00", "0.000123"),
    ("0.00E+00", "0"),
    ("0.00E+00", "9.999"),
    ("0.0e-0", "0.05"),
    ("0.0e-0", "500"),
    ("00.0E+0", "12345"),
    ("##0.0E+0", "12345"),
    ("##0.0E+0", "1234"),
    ("0.0E+00", "1200"),
    ("\"USD \"0.00", "5"),
    ("0\\x", "3"),
    ("000-00-0000", "123456789"),
    ("(000) 000-0000", "5551234567"),
    ("0:00", "130"),
    ("0.00", "79228162514264337593543950335"),
    ("0%", "79228162514264337593543950335"),
    ("#.###", "1.5"),
    ("0,00", "2.5"),
    ("0,000", "2500"),
    ("\"total\"", "12"),
    ("0.0%", "0"),
    ("0.0%", "-0.00"),
    ("#,##0.00‰", "0.000"),
];

fn mode(rng: &mut Rng) -> Rounding {
    *rng.pick(&Rounding::ALL)
}

/// The `num` engine: reading, rounding, arithmetic, plain text and patterns.
pub fn number_cases(rng: &mut Rng, cases: &mut Cases) {
    for text in READ_TABLE {
        cases.add("num", "read_number", vec![text.to_string()], || {
            read_number(text)
        });
    }
    for &(pattern, value) in WRITE_TABLE {
        cases.add(
            "num",
            "number_pattern",
            vec![pattern.into(), value.into()],
            || NumberPattern::parse(pattern).map(|p| p.format(d(value))),
        );
    }
    for _ in 0..4_000 {
        let text = number_text(rng);
        cases.add("num", "read_number", vec![text.clone()], || {
            read_number(&text)
        });
    }
    for &(value, step) in ROUNDING_TABLE {
        for mode in Rounding::ALL {
            add_rounding(cases, d(value), d(step), mode);
        }
    }
    for _ in 0..4_000 {
        let value = decimal(rng);
        let step = match rng.below(6) {
            0 => decimal(rng),
            1 => d(rng.choose(&[
                "0.01", "0.05", "0.25", "0.5", "1", "5", "10", "50", "1000", "0.1",
            ])),
            _ => decimal(rng).abs(),
        };
        let value = if rng.chance(25) {
            // A tie: halfway between two multiples.
            (Decimal::from(rng.range(-1000, 1000)) + d("0.5"))
                .checked_mul(step)
                .unwrap_or(value)
        } else {
            value
        };
        add_rounding(cases, value, step, mode(rng));
    }
    for _ in 0..1_500 {
        let (value, places, mode) = (decimal(rng), rng.below(31) as u32, mode(rng));
        cases.add(
            "num",
            "round_places",
            vec![
                value.to_string(),
                places.to_string(),
                mode.name().to_owned(),
            ],
            || round_places(value, places, mode),
        );
        let digits = rng.below(31) as u32;
        cases.add(
            "num",
            "round_significant",
            vec![
                value.to_string(),
                digits.to_string(),
                mode.name().to_owned(),
            ],
            || round_significant(value, digits, mode),
        );
    }
    for round in 0..8_000 {
        let (a, b) = (decimal(rng), decimal(rng));
        let args = vec![a.to_string(), b.to_string()];
        match round % 4 {
            0 => cases.add("num", "add", args, || num::add(a, b)),
            1 => cases.add("num", "subtract", args, || num::subtract(a, b)),
            2 => cases.add("num", "multiply", args, || num::multiply(a, b)),
            _ => cases.add("num", "divide", args, || num::divide(a, b)),
        }
    }
    for _ in 0..1_000 {
        let value = decimal(rng);
        cases.add("num", "format_plain", vec![value.to_string()], || {
            Ok::<_, String>(format_plain(value))
        });
    }
    let mut patterns: Vec<String> = PATTERN_TABLE.iter().map(|p| p.to_string()).collect();
    patterns.extend((0..3_000).map(|_| number_pattern(rng)));
    for (index, pattern) in patterns.iter().enumerate() {
        for _ in 0..if index < PATTERN_TABLE.len() { 12 } else { 2 } {
            let value = decimal(rng);
            cases.add(
                "num",
                "number_pattern",
                vec![pattern.clone(), value.to_string()],
                || NumberPattern::parse(pattern).map(|p| p.format(value)),
            );
        }
    }
}

fn add_rounding(cases: &mut Cases, value: Decimal, step: Decimal, mode: Rounding) {
    cases.add(
        "num",
        "round_to_multiple",
        vec![value.to_string(), step.to_string(), mode.name().to_owned()],
        || round_to_multiple(value, step, mode),
    );
}
