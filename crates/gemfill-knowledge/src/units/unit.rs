//! [`Unit`] and [`Dimension`]: what a unit measures and how it relates to the base unit of
//! its dimension, as exact decimal ratios written in the table (`"1609.344"` metres to the
//! mile) and read at compile time.

use rust_decimal::Decimal;

use crate::choice::choice;

choice! {
    /// What a unit measures; conversions stay within one dimension.
    pub enum Dimension ("dimension") {
        /// Base unit: the metre.
        Length = "length",
        /// Base unit: the square metre.
        Area = "area",
        /// Base unit: the cubic metre.
        Volume = "volume",
        /// Base unit: the kilogram.
        Mass = "mass",
        /// Base unit: the kelvin (conversions are affine).
        Temperature = "temperature",
        /// Base unit: metres per second.
        Speed = "speed",
        /// Base unit: the bit.
        DataSize = "data size" | "data",
        /// Base unit: bits per second.
        DataRate = "data rate",
        /// Base unit: the second.
        Duration = "duration" | "time",
        /// Base unit: the joule.
        Energy = "energy",
        /// Base unit: the watt.
        Power = "power",
        /// Base unit: the pascal.
        Pressure = "pressure",
        /// Base unit: kilometres per litre (litres per 100 km is its reciprocal).
        FuelEconomy = "fuel economy",
        /// Base unit: the hertz.
        Frequency = "frequency",
    }
}

/// An exact ratio of two decimals, `numerator / denominator`, written in the unit table
/// as decimal text and read at compile time (a malformed literal fails the build).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    numerator: (i128, u32),
    denominator: (i128, u32),
}

impl Ratio {
    /// The ratio `numerator / denominator` of two decimal literals (`"1000"`, `"3600"`).
    pub(crate) const fn of(numerator: &str, denominator: &str) -> Ratio {
        Ratio {
            numerator: parse_decimal(numerator),
            denominator: parse_decimal(denominator),
        }
    }

    /// The decimal literal `value` as a ratio over one.
    pub(crate) const fn exact(value: &str) -> Ratio {
        Ratio::of(value, "1")
    }

    /// The numerator as a [`Decimal`].
    pub fn numerator(self) -> Decimal {
        Decimal::from_i128_with_scale(self.numerator.0, self.numerator.1)
    }

    /// The denominator as a [`Decimal`].
    pub fn denominator(self) -> Decimal {
        Decimal::from_i128_with_scale(self.denominator.0, self.denominator.1)
    }
}

/// A decimal literal as (mantissa, scale); panics, at compile time, on anything else.
const fn parse_decimal(text: &str) -> (i128, u32) {
    let bytes = text.as_bytes();
    let mut mantissa: i128 = 0;
    let mut scale: u32 = 0;
    let mut seen_point = false;
    let mut index = 0;
    assert!(!bytes.is_empty(), "empty decimal literal in the unit table");
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'.' {
            assert!(
                !seen_point,
                "two points in a decimal literal of the unit table"
            );
            seen_point = true;
        } else {
            assert!(
                byte.is_ascii_digit(),
                "a non-digit in a decimal literal of the unit table"
            );
            mantissa = mantissa * 10 + (byte - b'0') as i128;
            if seen_point {
                scale += 1;
            }
        }
        index += 1;
    }
    assert!(
        mantissa < (1 << 96),
        "a decimal literal of the unit table is too long"
    );
    (mantissa, scale)
}

/// How a unit's values relate to the base unit of its dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// `base = value × ratio`.
    Linear(Ratio),
    /// `base = (value + offset) × ratio` (temperatures).
    Affine {
        /// Added before scaling.
        offset: Ratio,
        /// The scale after the offset.
        ratio: Ratio,
    },
    /// `base = ratio / value` (litres per 100 km, against kilometres per litre).
    Reciprocal(Ratio),
}

/// A unit of measurement: its canonical symbol, its name, what it measures, how it relates
/// to the base unit, and the spellings that name it in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// The canonical symbol (`km`, `°F`, `sq ft`, `MiB`), unique in the table.
    pub symbol: &'static str,
    /// The English name, singular (`kilometre`).
    pub name: &'static str,
    /// What the unit measures.
    pub dimension: Dimension,
    /// How values relate to the base unit of the dimension.
    pub scale: Scale,
    /// Every spelling besides the symbol, matched case-sensitively first (see
    /// [`unit_by_name`](crate::units::unit_by_name)); lower-case words also match with a
    /// final `s`.
    pub spellings: &'static [&'static str],
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.symbol)
    }
}
