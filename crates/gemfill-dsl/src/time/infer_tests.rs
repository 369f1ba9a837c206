use std::str::FromStr;

use super::*;
use crate::time::{Order, read_any};

fn patterns(moment: &str, shown: &str) -> Vec<String> {
    let moment = read_any(moment, Order::YearFirst).unwrap();
    infer_date_patterns(&moment, shown)
        .iter()
        .map(|pattern| pattern.source().to_owned())
        .collect()
}

#[test]
fn infers_the_most_natural_pattern_first() {
    let table = [
        (
            "2023-07-04 15:05",
            "Tue 4 Jul, 3:05 PM",
            "EEE d MMM, h:mm a",
        ),
        ("2023-07-04", "2023-07-04", "yyyy-MM-dd"),
        ("2023-07-04", "07/04/2023", "MM/dd/yyyy"),
        ("2023-07-04", "7/4/2023", "M/d/yyyy"),
        ("2023-07-04", "4.7.23", "d.M.yy"),
        ("2023-07-04", "20230704", "yyyyMMdd"),
        ("2023-07-04", "July 4th, 2023", "MMMM do, yyyy"),
        ("2023-07-04", "Tuesday", "EEEE"),
        ("2023-07-04", "Q3 2023", "'Q'Q yyyy"),
        ("2023-07-04", "2023-W27", "YYYY-'W'ww"),
        ("2023-07-04", "4th of July", "do 'of' MMMM"),
        ("2023-07-14", "14/07/2023", "dd/MM/yyyy"),
        ("2023-07-04 16:30", "1630", "HHmm"),
        ("2023-07-04 16:30", "4:30 pm", "h:mm aaa"),
        (
            "2023-07-04T15:05:09.250+02:00",
            "2023-07-04T15:05:09.250+02:00",
            "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
        ),
    ];
    for (moment, shown, expected) in table {
        let found = patterns(moment, shown);
        assert_eq!(
            found.first().map(String::as_str),
            Some(expected),
            "{shown}: {found:?}"
        );
    }
}

#[test]
fn ambiguous_numbers_give_several_patterns() {
    let found = patterns("2023-07-07", "07/07");
    assert!(
        found.contains(&"MM/dd".to_owned()) && found.contains(&"dd/MM".to_owned()),
        "{found:?}"
    );
    let found = patterns("2023-07-04", "07/04");
    assert!(
        found.contains(&"MM/dd".to_owned()) && !found.contains(&"dd/MM".to_owned()),
        "{found:?}"
    );
    assert!(found.len() <= 36);
}

#[test]
fn long_literal_text_gives_no_pattern() {
    assert!(patterns("2023-07-04", "sometime in July 2023").is_empty());
    assert!(patterns("2023-07-04", "2023 ---- 07").is_empty());
    assert!(patterns("2023-07-04", "1999").is_empty());
    assert!(patterns("2023-07-04", "").is_empty());
}

#[test]
fn infers_duration_patterns() {
    let infer = |seconds: &str, shown: &str| -> Vec<String> {
        infer_duration_patterns(Decimal::from_str(seconds).unwrap(), shown)
            .iter()
            .map(|pattern| pattern.source().to_owned())
            .collect()
    };
    assert_eq!(
        infer("9000", "02:30:00").first().map(String::as_str),
        Some("hh:mm:ss")
    );
    assert_eq!(
        infer("9000", "2:30").first().map(String::as_str),
        Some("h:mm")
    );
    assert_eq!(
        infer("9000", "150:00").first().map(String::as_str),
        Some("m:ss")
    );
    assert_eq!(
        infer("9000", "2h 30m").first().map(String::as_str),
        Some("h'h' mm'm'")
    );
    assert_eq!(
        infer("-90", "-1:30").first().map(String::as_str),
        Some("m:ss")
    );
    assert_eq!(
        infer("3723.5", "1:02:03.5").first().map(String::as_str),
        Some("h:mm:ss.S")
    );
    assert!(infer("9000", "2 hours 30 minutes").contains(&"h 'hours' mm 'minutes'".to_owned()));
    assert!(infer("9000", "3:30").is_empty());
    assert!(infer("9000", "2:30 on Tuesday").is_empty());
}
