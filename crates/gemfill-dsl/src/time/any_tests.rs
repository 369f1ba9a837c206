use super::*;

fn read(text: &str, order: Order) -> String {
    match read_any(text, order) {
        Ok(moment) => moment.to_string(),
        Err(error) => format!("error: {error}"),
    }
}

#[test]
fn reads_every_common_format() {
    use Order::*;
    let table = [
        ("2023-07-04", MonthFirst, "2023-07-04"),
        ("due 2023/07/04.", DayFirst, "2023-07-04"),
        (
            "2023-07-04T15:30:00.250Z",
            MonthFirst,
            "2023-07-04T15:30:00.25+00:00",
        ),
        (
            "2023-07-04 15:30+02:00",
            MonthFirst,
            "2023-07-04T15:30:00+02:00",
        ),
        ("2023-07-04 15:30:15", MonthFirst, "2023-07-04T15:30:15"),
        ("7/4/2023", MonthFirst, "2023-07-04"),
        ("7/4/2023", DayFirst, "2023-04-07"),
        ("7/4/2023", YearFirst, "2023-07-04"),
        ("07-04-23", MonthFirst, "2023-07-04"),
        ("07-04-23", DayFirst, "2023-04-07"),
        ("07-04-23", YearFirst, "2007-04-23"),
        ("4.7.2023", MonthFirst, "2023-07-04"),
        ("04.07.95", MonthFirst, "1995-07-04"),
        ("Jul 4 2023", DayFirst, "2023-07-04"),
        ("July 4th, 2023", DayFirst, "2023-07-04"),
        ("jul. 4, 2023", DayFirst, "2023-07-04"),
        ("Sept 4, 2023", DayFirst, "2023-09-04"),
        ("July 2023", DayFirst, "2023-07-01"),
        ("4-Jul-2023", MonthFirst, "2023-07-04"),
        ("04-Jul-23", MonthFirst, "2023-07-04"),
        ("4 July 2023", MonthFirst, "2023-07-04"),
        ("the 4th of July, 2023", MonthFirst, "2023-07-04"),
        (
            "Tue, 4 Jul 2023 10:00:00 +0200",
            MonthFirst,
            "2023-07-04T10:00:00+02:00",
        ),
        (
            "Tuesday, July 4, 2023 at 3pm",
            MonthFirst,
            "2023-07-04T15:00:00",
        ),
        ("20230704", MonthFirst, "2023-07-04"),
        ("07042023", MonthFirst, "2023-07-04"),
        ("04072023", DayFirst, "2023-07-04"),
        ("7/4/2023 3:30 PM", MonthFirst, "2023-07-04T15:30:00"),
        ("15:30", MonthFirst, "15:30:00"),
        ("at 3:30 PM", MonthFirst, "15:30:00"),
        ("3pm", MonthFirst, "15:00:00"),
        ("3 p.m.", MonthFirst, "15:00:00"),
        ("12am", MonthFirst, "00:00:00"),
        ("3:30:15.250", MonthFirst, "03:30:15.25"),
        ("3:30:15,5", MonthFirst, "03:30:15.5"),
        ("1530h", MonthFirst, "15:30:00"),
        ("0930 hrs", MonthFirst, "09:30:00"),
        ("930am", MonthFirst, "09:30:00"),
        ("10:00 - 11:00", MonthFirst, "10:00:00"),
        ("10:00 Zurich", MonthFirst, "10:00:00"),
        ("10:00 UTC", MonthFirst, "10:00:00+00:00"),
        (
            "31/02/2023",
            DayFirst,
            "error: '31/02/2023' names a day that does not exist",
        ),
        (
            "Wed, 4 Jul 2023",
            MonthFirst,
            "error: 'Wed, 4 Jul 2023': 4 July 2023 is a Tuesday, not a Wednesday",
        ),
        (
            "25:00",
            MonthFirst,
            "error: '25:00' names a time of day that does not exist",
        ),
        (
            "order 1530",
            MonthFirst,
            "error: 'order 1530' has no date or time in it",
        ),
        (
            "12345678",
            MonthFirst,
            "error: '12345678' has no date or time in it",
        ),
        (
            "v1.2.3",
            MonthFirst,
            "error: 'v1.2.3' has no date or time in it",
        ),
        ("", MonthFirst, "error: '' has no date or time in it"),
    ];
    for (text, order, expected) in table {
        assert_eq!(read(text, order), expected, "{text:?} {order:?}");
    }
}

#[test]
fn orders_have_names() {
    for order in Order::ALL {
        assert_eq!(Order::from_name(order.name()), Some(order));
    }
}
