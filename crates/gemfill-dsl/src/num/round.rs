//! Rounding exact decimals: to a multiple of a step, to decimal places, to significant
//! digits, with the five [`Rounding`] modes.

use rust_decimal::Decimal;

use super::digits::Digits;
use super::error::NumberError;

/// How to round a value that lies between two multiples of the step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// To the nearest; ties away from zero (what spreadsheets do: 2.5 -> 3, -2.5 -> -3).
    HalfUp,
    /// To the nearest; ties to the even multiple (banker's rounding: 2.5 -> 2, 3.5 -> 4).
    HalfEven,
    /// Toward +infinity (ceiling: 2.1 -> 3, -2.9 -> -2).
    Up,
    /// Toward -infinity (floor: 2.9 -> 2, -2.1 -> -3).
    Down,
    /// Toward zero (truncation: 2.9 -> 2, -2.9 -> -2).
    TowardZero,
}

impl Rounding {
    /// Every mode, in the order of the docs.
    pub const ALL: [Rounding; 5] = [
        Rounding::HalfUp,
        Rounding::HalfEven,
        Rounding::Up,
        Rounding::Down,
        Rounding::TowardZero,
    ];

    /// The mode's name in the language: `half_up`, `half_even`, `up`, `down`, `toward_zero`.
    pub fn name(self) -> &'static str {
        match self {
            Rounding::HalfUp => "half_up",
            Rounding::HalfEven => "half_even",
            Rounding::Up => "up",
            Rounding::Down => "down",
            Rounding::TowardZero => "toward_zero",
        }
    }

    /// The mode called `name` (as [`Rounding::name`] writes it).
    pub fn from_name(name: &str) -> Option<Rounding> {
        Rounding::ALL.into_iter().find(|mode| mode.name() == name)
    }
}

/// `value` rounded to a multiple of `step` (`step > 0`), written with the step's scale:
/// 3.14159 to 0.01 is 3.14, 13 up to 5 is 15, 3.9 down to 0.25 is 3.75, 2340 to 50 is
/// 2350. Exact: the remainder is computed without division error.
pub fn round_to_multiple(
    value: Decimal,
    step: Decimal,
    mode: Rounding,
) -> Result<Decimal, NumberError> {
    if step <= Decimal::ZERO {
        return Err(NumberError::BadStep(step));
    }
    let overflow = || NumberError::Overflow("rounding");
    let remainder = value.checked_rem(step).ok_or_else(overflow)?;
    let toward_zero = value
        .checked_sub(remainder)
        .and_then(|whole| whole.checked_div(step))
        .ok_or_else(overflow)?
        .round_dp(0);
    // rust_decimal's remainder is inexact for values near its limits; refuse rather than
    // return a result that is not a multiple of the step.
    let exact = toward_zero
        .checked_mul(step)
        .and_then(|whole| whole.checked_add(remainder))
        == Some(value);
    if !exact {
        return Err(overflow());
    }
    let multiples = if remainder.is_zero() {
        toward_zero
    } else {
        let away = if value.is_sign_negative() {
            toward_zero - Decimal::ONE
        } else {
            toward_zero + Decimal::ONE
        };
        let twice = remainder
            .abs()
            .checked_mul(Decimal::TWO)
            .ok_or_else(overflow)?;
        let goes_away = match mode {
            Rounding::TowardZero => false,
            Rounding::Up => !value.is_sign_negative(),
            Rounding::Down => value.is_sign_negative(),
            Rounding::HalfUp => twice >= step,
            Rounding::HalfEven => {
                twice > step || (twice == step && (away % Decimal::TWO).is_zero())
            }
        };
        if goes_away { away } else { toward_zero }
    };
    let mut rounded = multiples.checked_mul(step).ok_or_else(overflow)?;
    if rounded.is_zero() {
        rounded = Decimal::ZERO;
    }
    rounded.rescale(step.scale());
    Ok(rounded)
}

/// `value` rounded to `places` decimal places (0 to 28): 3.14159 to 2 places is 3.14.
pub fn round_places(value: Decimal, places: u32, mode: Rounding) -> Result<Decimal, NumberError> {
    if places > 28 {
        return Err(NumberError::BadPlaces(places));
    }
    round_to_multiple(value, Decimal::new(1, places), mode)
}

/// `value` rounded to `digits` significant digits (1 to 28): 1234 to 2 is 1200, 0.012345
/// to 3 is 0.0123, 999 to 2 is 1000.
pub fn round_significant(
    value: Decimal,
    digits: u32,
    mode: Rounding,
) -> Result<Decimal, NumberError> {
    if !(1..=28).contains(&digits) {
        return Err(NumberError::BadDigits(digits));
    }
    let shown = Digits::of(value);
    if shown.is_zero() || shown.digits.len() <= digits as usize {
        return Ok(value);
    }
    // The step is 10^(leading exponent - digits + 1).
    let power = shown.leading_exponent() - digits as i32 + 1;
    let step = if power >= 0 {
        (0..power).try_fold(Decimal::ONE, |step, _| step.checked_mul(Decimal::TEN))
    } else {
        u32::try_from(-power)
            .ok()
            .filter(|&scale| scale <= 28)
            .map(|scale| Decimal::new(1, scale))
    };
    match step {
        Some(step) => round_to_multiple(value, step, mode),
        None => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn names_round_trip() {
        for mode in Rounding::ALL {
            assert_eq!(Rounding::from_name(mode.name()), Some(mode));
        }
        assert_eq!(Rounding::from_name("nearest"), None);
    }

    #[test]
    fn rounds_to_multiples_in_every_mode() {
        use Rounding::*;
        let table = [
            ("3.14159", "0.01", HalfUp, "3.14"),
            ("13", "5", Up, "15"),
            ("3.9", "0.25", Down, "3.75"),
            ("2340", "50", HalfUp, "2350"),
            ("17820", "50", HalfUp, "17800"),
            ("1234", "1000", HalfUp, "1000"),
            ("0.64", "0.1", HalfUp, "0.6"),
            ("0.35", "0.1", HalfUp, "0.4"),
            ("2.5", "1", HalfUp, "3"),
            ("-2.5", "1", HalfUp, "-3"),
            ("2.5", "1", HalfEven, "2"),
            ("3.5", "1", HalfEven, "4"),
            ("-2.5", "1", HalfEven, "-2"),
            ("2.1", "1", Up, "3"),
            ("-2.9", "1", Up, "-2"),
            ("2.9", "1", Down, "2"),
            ("-2.1", "1", Down, "-3"),
            ("-2.9", "1", TowardZero, "-2"),
            ("2.675", "0.01", HalfUp, "2.68"),
            ("1.02", "0.05", HalfUp, "1.00"),
            ("1.03", "0.05", HalfUp, "1.05"),
            ("7", "0.25", HalfUp, "7.00"),
            ("-0.2", "1", HalfUp, "0"),
        ];
        for (value, step, mode, expected) in table {
            let rounded = round_to_multiple(d(value), d(step), mode).unwrap();
            assert_eq!(rounded.to_string(), expected, "{value} to {step} {mode:?}");
        }
        assert_eq!(
            round_to_multiple(d("1"), d("0"), HalfUp),
            Err(NumberError::BadStep(d("0")))
        );
        assert_eq!(
            round_to_multiple(d("1"), d("-5"), HalfUp),
            Err(NumberError::BadStep(d("-5")))
        );
        assert!(round_to_multiple(Decimal::MAX, d("0.7"), Up).is_err());
    }

    #[test]
    fn rounds_to_places_and_significant_digits() {
        use Rounding::*;
        assert_eq!(
            round_places(d("3.14159"), 2, HalfUp).unwrap().to_string(),
            "3.14"
        );
        assert_eq!(
            round_places(d("2.5"), 0, HalfEven).unwrap().to_string(),
            "2"
        );
        assert_eq!(
            round_places(d("1"), 29, HalfEven),
            Err(NumberError::BadPlaces(29))
        );
        let table = [
            ("1234", 2, "1200"),
            ("0.012345", 3, "0.0123"),
            ("999", 2, "1000"),
            ("-1250", 2, "-1300"),
            ("5", 3, "5"),
            ("0", 2, "0"),
        ];
        for (value, digits, expected) in table {
            let rounded = round_significant(d(value), digits, HalfUp).unwrap();
            assert_eq!(rounded.to_string(), expected, "{value} to {digits}");
        }
        assert_eq!(
            round_significant(d("1"), 0, HalfUp),
            Err(NumberError::BadDigits(0))
        );
    }
}
