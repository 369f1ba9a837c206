//! Units of measurement: reading quantities written in text and converting them.
//!
//! | function | takes | example |
//! | --- | --- | --- |
//! | [`read_quantity`] | text | `"5'11\""` -> (71, `in`); `"PT1H30M"` -> (5400, `s`) |
//! | [`to_unit`] | text, unit | `"12 km"`, `mi` -> 7.456454306848007635409210214 |
//! | [`convert`] | number, unit, unit | 72, `°F`, `°C` -> 22.2222222222222222222222222 |
//! | [`unit_by_name`] | name | `"kilometres"` -> the unit `km` |
//! | [`unit_symbol`] | name | `"square feet"` -> `"sq ft"` |
//! | [`split_quantity`] | text, unit, unit, decimals | `"180 cm"`, `ft`, `in`, 0 -> `"5 ft 11 in"` |
//! | [`human_size`] | bytes, system, decimals | 5242880, binary, 1 -> `"5.0 MiB"` |
//!
//! Units belong to a [`Dimension`] (length, area, volume, mass, temperature, speed, data
//! size, data rate, duration, energy, power, pressure, fuel economy, frequency);
//! converting across dimensions is an error. Factors are exact decimals from the
//! definitions of the units (see the table's source notes), so `1 mi` is exactly
//! `1.609344 km`; temperatures convert affinely and litres per 100 km reciprocally.
//!
//! Modules: `unit` ([`Unit`], [`Dimension`], exact [`Ratio`]s), `table` (the units and
//! their spellings), `lookup` (finding a unit by a spelling), `convert`, `quantity`
//! (reading quantities from text).

mod convert;
mod lookup;
mod quantity;
mod table;
mod unit;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::choice::choice;
use crate::error::{Error, Result};

pub use convert::convert;
pub use lookup::{all_units, unit_by_name, unit_symbol};
pub use quantity::{read_quantity, split_quantity, to_unit};
pub use unit::{Dimension, Ratio, Scale, Unit};

choice! {
    /// Which multiples of the byte [`human_size`] writes.
    pub enum SizeSystem ("size system") {
        /// Powers of 1000: kB, MB, GB, TB, PB.
        Decimal = "decimal" | "si",
        /// Powers of 1024: KiB, MiB, GiB, TiB, PiB.
        Binary = "binary" | "iec",
    }
}

/// A number of bytes written with the largest unit that keeps the number at least 1,
/// rounded half away from zero to `decimals` places (bytes themselves without decimals):
/// `5242880` -> `5.0 MiB` (binary), `1500000` -> `1.5 MB` (decimal), `512` -> `512 B`.
///
/// ```
/// # use gemfill_knowledge::units::{human_size, SizeSystem};
/// assert_eq!(human_size(5_242_880.into(), SizeSystem::Binary, 1).unwrap(), "5.0 MiB");
/// assert_eq!(human_size(999_999.into(), SizeSystem::Decimal, 1).unwrap(), "1.0 MB");
/// ```
pub fn human_size(bytes: Decimal, system: SizeSystem, decimals: u32) -> Result<String> {
    if decimals > 10 {
        return Err(Error::out_of_range(decimals, "0 to 10 decimals"));
    }
    let (step, units): (Decimal, [&str; 6]) = match system {
        SizeSystem::Decimal => (Decimal::from(1000), ["B", "kB", "MB", "GB", "TB", "PB"]),
        SizeSystem::Binary => (
            Decimal::from(1024),
            ["B", "KiB", "MiB", "GiB", "TiB", "PiB"],
        ),
    };
    let mut value = bytes;
    let mut index = 0;
    while index + 1 < units.len() && value.abs() >= step {
        value /= step;
        index += 1;
    }
    let places = if index == 0 { 0 } else { decimals };
    let mut rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    // 999.96 kB at one decimal is 1.0 MB, not 1000.0 kB.
    if rounded.abs() >= step && index + 1 < units.len() {
        value /= step;
        index += 1;
        rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    }
    let places = if index == 0 { 0 } else { decimals };
    rounded.rescale(places);
    Ok(format!("{rounded} {}", units[index]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::number_text;

    fn unit(name: &str) -> &'static Unit {
        unit_by_name(name).unwrap()
    }

    fn converted(value: &str, from: &str, to: &str, places: u32) -> String {
        let value: Decimal = value.parse().unwrap();
        number_text(
            convert(value, unit(from), unit(to))
                .unwrap()
                .round_dp(places),
        )
    }

    #[test]
    fn conversions_match_published_values() {
        assert_eq!(converted("1", "mi", "km", 6), "1.609344");
        assert_eq!(converted("12", "km", "mi", 2), "7.46");
        assert_eq!(converted("5", "cm", "in", 4), "1.9685");
        assert_eq!(converted("20", "L", "gal", 2), "5.28");
        assert_eq!(converted("3", "acre", "sq ft", 6), "130680");
        assert_eq!(converted("1", "lb", "g", 5), "453.59237");
        assert_eq!(converted("100", "°C", "°F", 6), "212");
        assert_eq!(converted("-40", "°F", "°C", 6), "-40");
        assert_eq!(converted("0", "K", "°C", 6), "-273.15");
        assert_eq!(converted("100", "km/h", "mph", 2), "62.14");
        assert_eq!(converted("1", "kn", "km/h", 6), "1.852");
        assert_eq!(converted("500", "GB", "GiB", 2), "465.66");
        assert_eq!(converted("100", "Mbit/s", "MB/s", 6), "12.5");
        assert_eq!(converted("1", "kcal", "kJ", 6), "4.184");
        assert_eq!(converted("1", "atm", "psi", 4), "14.6959");
        assert_eq!(converted("30", "mpg", "L/100 km", 2), "7.84");
        assert_eq!(converted("7.84", "L/100 km", "mpg", 1), "30");
        assert_eq!(converted("10", "km/L", "L/100 km", 6), "10");
        assert_eq!(converted("1", "tbsp", "tsp", 6), "3");
        assert_eq!(converted("1", "h", "s", 0), "3600");
        assert_eq!(converted("1", "hp", "W", 2), "745.7");
    }

    #[test]
    fn conversions_check_dimensions_and_division() {
        assert!(matches!(
            convert(Decimal::ONE, unit("km"), unit("kg")),
            Err(Error::DimensionMismatch { .. })
        ));
        assert!(matches!(
            convert(Decimal::ZERO, unit("mpg"), unit("L/100 km")),
            Err(Error::Arithmetic(_))
        ));
        assert!(convert(Decimal::MAX, unit("PiB"), unit("bit")).is_err());
    }

    #[test]
    fn units_are_found_by_any_spelling() {
        for (name, symbol) in [
            ("kilometres", "km"),
            ("kilometer", "km"),
            ("kms", "km"),
            ("KM", "km"),
            ("\"", "in"),
            ("inches", "in"),
            ("°F", "°F"),
            ("fahrenheit", "°F"),
            ("sq ft", "sq ft"),
            ("ft²", "sq ft"),
            ("square feet", "sq ft"),
            ("m/s", "m/s"),
            ("mph", "mph"),
            ("KiB", "KiB"),
            ("Mbps", "Mbit/s"),
            ("litres", "L"),
            ("cups", "cup"),
            ("acres", "acre"),
        ] {
            assert_eq!(unit_symbol(name).unwrap(), symbol, "{name}");
        }
        assert!(matches!(
            unit_by_name("furlongs"),
            Err(Error::NotFound { .. })
        ));
    }

    #[test]
    fn the_table_is_consistent() {
        let mut seen = std::collections::HashMap::new();
        for unit in all_units() {
            for spelling in std::iter::once(&unit.symbol).chain(unit.spellings) {
                if let Some(other) = seen.insert(*spelling, unit.symbol) {
                    assert_eq!(other, unit.symbol, "{spelling} names two units");
                }
                assert_eq!(
                    unit_by_name(spelling).unwrap().symbol,
                    unit.symbol,
                    "{spelling}"
                );
            }
        }
    }

    #[test]
    fn human_sizes_pick_the_largest_unit() {
        assert_eq!(
            human_size(2048.into(), SizeSystem::Binary, 1).unwrap(),
            "2.0 KiB"
        );
        assert_eq!(
            human_size(1_610_612_736.into(), SizeSystem::Binary, 1).unwrap(),
            "1.5 GiB"
        );
        assert_eq!(
            human_size(512.into(), SizeSystem::Binary, 1).unwrap(),
            "512 B"
        );
        assert_eq!(
            human_size(1_500_000.into(), SizeSystem::Decimal, 2).unwrap(),
            "1.50 MB"
        );
        assert!(human_size(1.into(), SizeSystem::Decimal, 11).is_err());
    }
}
