use std::str::FromStr;

use super::*;

fn write(pattern: &str, value: &str) -> String {
    NumberPattern::parse(pattern)
        .unwrap_or_else(|e| panic!("{e}"))
        .format(Decimal::from_str(value).unwrap())
}

#[test]
fn writes_values_like_a_spreadsheet() {
    let table = [
        ("0.000", "18.5", "18.500"),
        ("0.##", "2.5", "2.5"),
        ("0.##", "3", "3"),
        ("0.##", "2.567", "2.57"),
        ("0.0#", "3", "3.0"),
        ("#.00", "0.5", ".50"),
        (".00", "1.5", "1.50"),
        ("0.", "3", "3"),
        ("000", "7", "007"),
        ("000", "1234", "1234"),
        ("0", "2.5", "3"),
        ("0", "-2.5", "-3"),
        ("#", "0", ""),
        ("#,##0", "1234567", "1,234,567"),
        ("#,##0", "999", "999"),
        ("#,##0", "0", "0"),
        ("#,##0.00", "1234.5", "1,234.50"),
        ("#.##0,00", "1234.5", "1.234,50"),
        ("#.##0", "1234567", "1.234.567"),
        ("#'##0.00", "1234567.891", "1'234'567.89"),
        ("# ##0", "1234567", "1 234 567"),
        ("#,##0.00 €", "1234.5", "1,234.50 €"),
        ("$#,##0.00", "-1.5", "-$1.50"),
        ("$#,##0.00", "1234.5", "$1,234.50"),
        ("0.00;(0.00)", "-3.2", "(3.20)"),
        ("0.00;(0.00)", "3.2", "3.20"),
        ("0.00;(0.00)", "-0.001", "0.00"),
        ("0.00", "-0.001", "0.00"),
        ("0.00;(0.00);\"zero\"", "0", "zero"),
        ("0.00;(0.00);\"-\"", "-0.004", "-"),
        ("+0.0;-0.0", "2", "+2.0"),
        ("+0.0;-0.0", "-2", "-2.0"),
        ("+0.0;-0.0;0.0", "0", "0.0"),
        ("0%", "0.125", "13%"),
        ("0.0%", "0.125", "12.5%"),
        ("0.0‰", "0.0125", "12.5‰"),
        ("0.00E+00", "1234", "1.23E+03"),
        ("0.00E+00", "0.000123", "1.23E-04"),
        ("0.00E+00", "0", "0.00E+00"),
        ("0.00E+00", "9.999", "1.00E+01"),
        ("0.0e-0", "0.05", "5.0e-2"),
        ("0.0e-0", "500", "5.0e2"),
        ("00.0E+0", "12345", "12.3E+3"),
        ("##0.0E+0", "12345", "12.3E+3"),
        ("##0.0E+0", "1234", "1.2E+3"),
        ("0.0E+00", "1200", "1.2E+03"),
        ("\"USD \"0.00", "5", "USD 5.00"),
        ("0\\x", "3", "3x"),
        ("000-00-0000", "123456789", "123-45-6789"),
        ("(000) 000-0000", "5551234567", "(555) 123-4567"),
        ("0:00", "130", "1:30"),
        (
            "0.00",
            "79228162514264337593543950335",
            "79228162514264337593543950335.00",
        ),
        (
            "0%",
            "79228162514264337593543950335",
            "7922816251426433759354395033500%",
        ),
        ("#.###", "1.5", "1.5"),
        ("0,00", "2.5", "2,50"),
        ("0,000", "2500", "2,500"),
        ("\"total\"", "12", "total"),
    ];
    for (pattern, value, expected) in table {
        assert_eq!(write(pattern, value), expected, "{pattern} on {value}");
    }
}

#[test]
fn bad_patterns_name_the_problem() {
    let table = [
        ("", "pattern \"\": the pattern is empty"),
        (
            "0.00q",
            "pattern \"0.00q\": 'q' is not a number placeholder; put literal text in double quotes",
        ),
        ("\"abc", "pattern \"\"abc\": a double quote is not closed"),
        (
            "0\\",
            "pattern \"0\\\": a backslash at the end escapes nothing",
        ),
        (
            "0;0;0;0",
            "pattern \"0;0;0;0\": a pattern has at most three sections: positive;negative;zero",
        ),
        (
            "0.0.0",
            "pattern \"0.0.0\": a number has only one decimal separator",
        ),
        (
            "0.0,0.0",
            "pattern \"0.0,0.0\": ',' groups digits, which decimals cannot have",
        ),
        (
            "0.00'0",
            "pattern \"0.00'0\": '\'' groups digits, which decimals cannot have",
        ),
        (
            ",0",
            "pattern \",0\": ',' must stand between digit placeholders (0 or #)",
        ),
        (
            "0E+",
            "pattern \"0E+\": scientific notation needs digit placeholders before and after 'E'",
        ),
        (
            "0E",
            "pattern \"0E\": 'E' is not a number placeholder; put literal text in double quotes",
        ),
    ];
    for (pattern, message) in table {
        assert_eq!(
            NumberPattern::parse(pattern).unwrap_err().to_string(),
            message,
            "{pattern}"
        );
    }
}

#[test]
fn source_and_display_give_the_pattern_back() {
    let pattern = NumberPattern::parse("#,##0.00").unwrap();
    assert_eq!(pattern.source(), "#,##0.00");
    assert_eq!(pattern.to_string(), "#,##0.00");
}
