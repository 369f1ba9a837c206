//! Property tests of the number and date engines: no input makes them panic, and what
//! they write they read back.

use chrono::{FixedOffset, NaiveDate, NaiveTime};
use gemfill_dsl::num::{self, Decimal, NumberPattern, Rounding, read_number, round_to_multiple};
use gemfill_dsl::time::{
    self, DatePattern, DurationPattern, Moment, Order, Unit, between, read_any, read_duration,
    shift,
};
use proptest::prelude::*;

/// Text that looks like numbers, dates and patterns often enough to reach deep paths.
fn texty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9a-zA-Z ,.:/+'%$€()\\-#;\"\\\\EeTZ]{0,30}",
        "[0-9]{1,4}[-/. ][0-9]{1,2}[-/. ][0-9]{1,4}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?",
    ]
}

fn decimal() -> impl Strategy<Value = Decimal> {
    let limit = (1i128 << 96) - 1;
    (-limit..=limit, 0u32..=28)
        .prop_map(|(mantissa, scale)| Decimal::from_i128_with_scale(mantissa, scale))
}

fn moderate_decimal() -> impl Strategy<Value = Decimal> {
    (-10_000_000_000i64..10_000_000_000, 0u32..=6)
        .prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (365_000i32..3_652_000).prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap())
}

fn time_of_day() -> impl Strategy<Value = NaiveTime> {
    (0u32..86_400, 0u32..1000).prop_map(|(seconds, millis)| {
        NaiveTime::from_num_seconds_from_midnight_opt(seconds, millis * 1_000_000).unwrap()
    })
}

fn offset() -> impl Strategy<Value = FixedOffset> {
    (-14 * 60i32..=14 * 60).prop_map(|minutes| FixedOffset::east_opt(minutes * 60).unwrap())
}

fn moment() -> impl Strategy<Value = Moment> {
    (
        proptest::option::of(date()),
        proptest::option::of(time_of_day()),
        proptest::option::of(offset()),
    )
        .prop_map(|(date, time, offset)| {
            let time = if date.is_none() && time.is_none() {
                Some(NaiveTime::MIN)
            } else {
                time
            };
            Moment { date, time, offset }
        })
}

proptest! {
    #[test]
    fn number_readers_and_patterns_never_panic(text in texty(), value in decimal(), others in proptest::collection::vec(texty(), 0..4)) {
        let _ = read_number(&text);
        if let Ok(pattern) = NumberPattern::parse(&text) {
            let _ = pattern.format(value);
        }
        let shown: Vec<&str> = std::iter::once(text.as_str()).chain(others.iter().map(String::as_str)).collect();
        for pattern in num::infer_patterns(&shown) {
            for text in &shown {
                prop_assert_eq!(pattern.format(read_number(text).unwrap()), *text);
            }
        }
    }

    #[test]
    fn arithmetic_never_panics(a in decimal(), b in decimal(), digits in 0u32..40) {
        let _ = (num::add(a, b), num::subtract(a, b), num::multiply(a, b), num::divide(a, b));
        for mode in Rounding::ALL {
            let _ = num::round_significant(a, digits, mode);
            let _ = num::round_places(a, digits, mode);
            let _ = round_to_multiple(a, b, mode);
        }
    }

    #[test]
    fn plain_text_reads_back_the_same(text in texty()) {
        if let Ok(value) = read_number(&text) {
            let plain = num::format_plain(value);
            prop_assert_eq!(read_number(&plain).unwrap(), value);
            prop_assert_eq!(num::format_plain(read_number(&plain).unwrap()), plain);
        }
    }

    #[test]
    fn rounding_gives_exact_multiples(value in moderate_decimal(), step_index in 0usize..8, mode_index in 0usize..5) {
        let steps = ["0.01", "0.05", "0.25", "1", "5", "50", "1000", "0.1"];
        let step: Decimal = steps[step_index].parse().unwrap();
        let mode = Rounding::ALL[mode_index];
        let rounded = round_to_multiple(value, step, mode).unwrap();
        prop_assert!((rounded % step).is_zero(), "{} to {} gave {}", value, step, rounded);
        prop_assert!((rounded - value).abs() < step);
    }

    #[test]
    fn written_numbers_read_back_rounded(value in moderate_decimal()) {
        let expected = num::round_places(value, 2, Rounding::HalfUp).unwrap();
        for source in ["#,##0.00", "0.00;(0.00)", "#.##0,00", "# ##0.00", "$#,##0.00", "+0.00;-0.00"] {
            let text = NumberPattern::parse(source).unwrap().format(value);
            prop_assert_eq!(read_number(&text).unwrap(), expected, "{} wrote {}", source, text);
        }
    }

    #[test]
    fn date_readers_and_patterns_never_panic(text in texty(), moment in moment(), amount in decimal()) {
        for order in Order::ALL {
            let _ = read_any(&text, order);
        }
        let _ = time::read_serial(&text);
        let _ = time::read_unix_seconds(&text);
        let _ = time::read_unix_millis(&text);
        let _ = time::from_serial(amount);
        let _ = time::to_serial(&moment);
        let _ = read_duration(&text);
        if let Ok(pattern) = DatePattern::parse(&text) {
            let _ = pattern.format(&moment);
            let _ = pattern.read(&text);
        }
        if let Ok(pattern) = DurationPattern::parse(&text) {
            let _ = pattern.format(amount);
        }
        let _ = time::to_zone(&moment, &text);
        let _ = time::in_zone(&moment, &text);
        let _ = time::infer_date_patterns(&moment, &text);
        let _ = time::infer_duration_patterns(amount, &text);
    }

    #[test]
    fn date_arithmetic_never_panics(a in moment(), b in moment(), amount in decimal(), unit_index in 0usize..8, mode_index in 0usize..5) {
        let unit = Unit::ALL[unit_index];
        let _ = shift(&a, amount, unit);
        let _ = between(&a, &b, unit);
        let _ = time::start_of(&a, unit);
        let _ = time::end_of(&a, unit);
        let _ = time::round_to(&a, amount, unit, Rounding::ALL[mode_index]);
    }

    #[test]
    fn patterns_with_every_field_read_back_what_they_write(date in date(), time in time_of_day(), offset in offset()) {
        let full = Moment::date_time(date, time).with_offset(offset);
        let patterns = [
            ("yyyy-MM-dd", Moment::date(date)),
            ("DDD yyyy", Moment::date(date)),
            ("EEEE, MMMM do yyyy", Moment::date(date)),
            ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", full),
            ("EEE, d MMM yyyy hh:mm:ss.SSS a xx", full),
            ("MMMM do, yyyy 'at' H:mm:ss.SSS", Moment::date_time(date, time)),
            ("h:mm:ss.SSS aaa", Moment::time(time)),
        ];
        for (source, moment) in patterns {
            let pattern = DatePattern::parse(source).unwrap();
            let text = pattern.format(&moment).unwrap();
            prop_assert_eq!(pattern.read(&text).unwrap(), moment, "{} wrote {}", source, text);
            let inferred = time::infer_date_patterns(&moment, &text);
            for candidate in inferred {
                prop_assert_eq!(candidate.format(&moment).unwrap(), text.clone());
            }
        }
    }

    #[test]
    fn between_undoes_shift(date in date(), time in proptest::option::of(time_of_day()), days in -100_000i64..100_000, hundredths in 0i64..100) {
        let start = Moment { date: Some(date), time, offset: None };
        let amount = Decimal::new(days * 100 + hundredths, 2);
        if let Ok(end) = shift(&start, amount, Unit::Days) {
            prop_assert_eq!(between(&start, &end, Unit::Days).unwrap(), amount.normalize());
        }
    }

    #[test]
    fn durations_read_back_what_they_write(seconds in -10_000_000i64..10_000_000) {
        let pattern = DurationPattern::parse("hh:mm:ss").unwrap();
        let value = Decimal::from(seconds);
        let text = pattern.format(value).unwrap();
        prop_assert_eq!(read_duration(&text).unwrap(), value);
    }
}
