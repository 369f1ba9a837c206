use super::*;

fn read(text: &str) -> String {
    read_duration(text).map_or_else(|error| format!("error: {error}"), num::format_plain)
}

fn write(pattern: &str, seconds: &str) -> String {
    let pattern = DurationPattern::parse(pattern).unwrap();
    pattern
        .format(Decimal::from_str(seconds).unwrap())
        .unwrap_or_else(|error| format!("error: {error}"))
}

#[test]
fn reads_durations_in_every_form() {
    let table = [
        ("2:30", "9000"),
        ("2:30:15", "9015"),
        ("1:02:03.5", "3723.5"),
        ("-1:30", "-5400"),
        ("2h 30m", "9000"),
        ("2h30m", "9000"),
        ("2 h", "7200"),
        ("45 min", "2700"),
        ("90 minutes", "5400"),
        ("1.5 hours", "5400"),
        ("1 day 2 hours", "93600"),
        ("1 day, 2 hours and 3 minutes", "93780"),
        ("took 3 Hrs", "10800"),
        ("250 ms", "0.25"),
        ("2 weeks", "1209600"),
        ("-2h", "-7200"),
        ("PT2H30M", "9000"),
        ("P1DT2H", "93600"),
        ("P2W", "1209600"),
        ("PT0.5S", "0.5"),
        ("-PT1M", "-60"),
        (
            "P1M",
            "error: 'P1M': months and years have no fixed length, so they cannot be a duration",
        ),
        ("5 apples", "error: '5 apples' has no duration in it"),
        ("", "error: '' has no duration in it"),
        ("Time: 12:05", "43500"),
    ];
    for (text, expected) in table {
        assert_eq!(read(text), expected, "{text:?}");
    }
}

#[test]
fn writes_with_the_largest_field_holding_the_total() {
    let table = [
        ("hh:mm:ss", "9000", "02:30:00"),
        ("hh:mm:ss", "90000", "25:00:00"),
        ("h:mm", "9000", "2:30"),
        ("m:ss", "9000", "150:00"),
        ("m:ss", "-90", "-1:30"),
        ("h'h' mm'm'", "9000", "2h 30m"),
        ("d'd' hh'h'", "90000", "1d 01h"),
        ("hh:mm:ss", "-90", "-00:01:30"),
        ("h:mm", "-90", "-0:02"),
        ("h:mm", "29", "0:00"),
        ("h:mm", "-29", "0:00"),
        ("m:ss.SSS", "61.2345", "1:01.235"),
        ("H:mm:ss.S", "3723.46", "1:02:03.5"),
        (
            "s",
            "79228162514264337593543950335",
            "79228162514264337593543950335",
        ),
    ];
    for (pattern, seconds, expected) in table {
        assert_eq!(write(pattern, seconds), expected, "{pattern} on {seconds}");
    }
}

#[test]
fn bad_duration_patterns() {
    let error = |pattern: &str| DurationPattern::parse(pattern).unwrap_err().to_string();
    assert_eq!(
        error("hh:mm:xx"),
        "pattern \"hh:mm:xx\": 'x' is not a duration field (d, h, m, s, S); put literal text in single quotes"
    );
    assert_eq!(
        error("hhh"),
        "pattern \"hhh\": 'hhh' is not a field; use one or two letters (h or hh)"
    );
    assert_eq!(
        error("':'"),
        "pattern \"':'\": a duration pattern needs at least one of d, h, m or s"
    );
}
