//! Roman numerals, 1 to 3999, in their standard (subtractive) form.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::error::{Error, Result};

const NUMERALS: [(u32, &str); 13] = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

/// The whole number `n` (1 to 3999) as an upper-case Roman numeral: `2024` -> `MMXXIV`.
///
/// ```
/// # use gemfill_knowledge::encodings::to_roman;
/// assert_eq!(to_roman(1990.into()).unwrap(), "MCMXC");
/// assert!(to_roman(0.into()).is_err());
/// ```
pub fn to_roman(n: Decimal) -> Result<String> {
    let value = n
        .normalize()
        .to_u32()
        .filter(|v| (1..=3999).contains(v) && Decimal::from(*v) == n)
        .ok_or_else(|| Error::out_of_range(n, "the whole numbers 1 to 3999"))?;
    Ok(roman(value))
}

fn roman(mut value: u32) -> String {
    let mut text = String::new();
    for (amount, numeral) in NUMERALS {
        while value >= amount {
            text.push_str(numeral);
            value -= amount;
        }
    }
    text
}

/// The value of a Roman numeral, upper or lower case. Only the standard form is read:
/// `XIV`, `mcmxc`; `IIII`, `IC` or `VX` are errors, which keeps words like `CIVIL` from
/// reading as numbers.
///
/// ```
/// # use gemfill_knowledge::encodings::from_roman;
/// assert_eq!(from_roman("MCMXC").unwrap().to_string(), "1990");
/// assert!(from_roman("IIII").is_err());
/// ```
pub fn from_roman(text: &str) -> Result<Decimal> {
    let upper = text.trim().to_ascii_uppercase();
    let malformed = || Error::malformed(text, "a Roman numeral");
    if upper.is_empty() || upper.len() > 15 {
        return Err(malformed());
    }
    let mut rest = upper.as_str();
    let mut value = 0;
    for (amount, numeral) in NUMERALS {
        while let Some(after) = rest.strip_prefix(numeral) {
            value += amount;
            rest = after;
        }
    }
    if !rest.is_empty() || value > 3999 || roman(value) != upper {
        return Err(malformed());
    }
    Ok(Decimal::from(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_round_trip() {
        for n in 1..=3999u32 {
            let text = to_roman(n.into()).unwrap();
            assert_eq!(from_roman(&text).unwrap(), Decimal::from(n));
        }
        assert_eq!(to_roman(2024.into()).unwrap(), "MMXXIV");
        assert_eq!(to_roman(3999.into()).unwrap(), "MMMCMXCIX");
        assert_eq!(from_roman("xiv").unwrap(), Decimal::from(14));
        assert_eq!(from_roman("LVIII").unwrap(), Decimal::from(58));
    }

    #[test]
    fn non_standard_numerals_are_errors() {
        for text in [
            "", "IIII", "IC", "VX", "MMMM", "CIVIL", "ABC", "XIIII", "IIV",
        ] {
            assert!(from_roman(text).is_err(), "{text}");
        }
        assert!(to_roman(4000.into()).is_err());
        assert!(to_roman(Decimal::new(15, 1)).is_err());
        assert!(to_roman((-3).into()).is_err());
    }
}
