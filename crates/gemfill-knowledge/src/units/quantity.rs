//! Reading a quantity written in text: the first number and the unit written after it
//! (`12 km`, `12km`, `72°F`, `1,536 MB`, `1/2 cup`), compound quantities (`5'11"`,
//! `7 lb 4 oz`, `1 h 30 min`), and ISO 8601 durations (`PT1H30M`).

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};
use crate::number::{find_number, number_at};
use crate::units::convert::convert;
use crate::units::lookup::{unit_at, unit_by_name};
use crate::units::unit::Unit;

/// The quantity written in `text`: the first number and the unit written right after it.
/// When more numbers with units of the same dimension follow (`5 ft 11 in`, `5'11"`,
/// `7 lb 4 oz`, `2h 15m`), they add up, in the last (smallest) unit. An ISO 8601 duration
/// (`PT1H30M`, `P1DT12H`) reads in seconds (a year as 365.2425 days, a month as a twelfth
/// of that).
///
/// ```
/// # use gemfill_knowledge::units::read_quantity;
/// let (value, unit) = read_quantity("5'11\"").unwrap();
/// assert_eq!((value.to_string().as_str(), unit.symbol), ("71", "in"));
/// let (value, unit) = read_quantity("PT1H30M").unwrap();
/// assert_eq!((value.to_string().as_str(), unit.symbol), ("5400", "s"));
/// assert!(read_quantity("12 bananas").is_err());
/// ```
pub fn read_quantity(text: &str) -> Result<(Decimal, &'static Unit)> {
    if let Some(seconds) = iso_duration_seconds(text.trim())? {
        return Ok((seconds, unit_by_name("s")?));
    }
    let Some(first) = find_number(text, 0)? else {
        return Err(Error::NoNumber {
            text: text.to_string(),
        });
    };
    let Some((mut unit, mut end)) = unit_at(text, skip_spaces(text, first.end), None)? else {
        let after = text[first.end..].trim_start();
        return Err(match after.split_whitespace().next() {
            Some(word) => Error::not_found("unit", word),
            None => Error::missing(text, "unit after its number"),
        });
    };
    let mut value = first.value;
    // Further parts of a compound quantity: a number, then a unit of the same dimension.
    loop {
        let mut at = skip_spaces(text, end);
        if let Some(rest) = text[at..]
            .strip_prefix(',')
            .or_else(|| text[at..].strip_prefix("and "))
        {
            at = skip_spaces(text, text.len() - rest.len());
        }
        let Some((part, part_end)) = number_at(text, at)? else {
            break;
        };
        let Some((part_unit, unit_end)) =
            unit_at(text, skip_spaces(text, part_end), Some(unit.dimension))?
        else {
            break;
        };
        if part_unit.dimension != unit.dimension || part_unit.symbol == unit.symbol {
            break;
        }
        value = convert(value, unit, part_unit)? + part;
        unit = part_unit;
        end = unit_end;
    }
    Ok((value, unit))
}

/// The quantity written in `text` (see [`read_quantity`]) converted to `unit`.
///
/// ```
/// # use gemfill_knowledge::units::{to_unit, unit_by_name};
/// let cm = unit_by_name("cm").unwrap();
/// assert_eq!(to_unit("5'11\"", cm).unwrap().to_string(), "180.34");
/// ```
pub fn to_unit(text: &str, unit: &Unit) -> Result<Decimal> {
    let (value, from) = read_quantity(text)?;
    convert(value, from, unit)
}

/// The quantity written in `text` as a whole number of `large` units and a remainder in
/// `small` units rounded half away from zero to `decimals` places, carrying into `large`
/// when it rounds up to a whole `large` unit: `180 cm`, ft, in -> `5 ft 11 in`; `116 oz`,
/// lb, oz -> `7 lb 4 oz`; `95 min`, h, min -> `1 h 35 min`. Negative quantities are
/// written with a leading `-`.
///
/// ```
/// # use gemfill_knowledge::units::{split_quantity, unit_by_name};
/// let (ft, inch) = (unit_by_name("ft").unwrap(), unit_by_name("in").unwrap());
/// assert_eq!(split_quantity("180 cm", ft, inch, 0).unwrap(), "5 ft 11 in");
/// ```
pub fn split_quantity(text: &str, large: &Unit, small: &Unit, decimals: u32) -> Result<String> {
    if decimals > 10 {
        return Err(Error::out_of_range(decimals, "0 to 10 decimals"));
    }
    let total = to_unit(text, small)?;
    let per_large = convert(Decimal::ONE, large, small)?;
    if per_large <= Decimal::ONE {
        return Err(Error::malformed(
            large.symbol,
            "a unit larger than the second one",
        ));
    }
    let magnitude = total.abs();
    let mut whole = (magnitude / per_large).trunc();
    let mut rest = (magnitude - whole * per_large)
        .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    if rest >= per_large {
        whole += Decimal::ONE;
        rest = (rest - per_large).max(Decimal::ZERO);
    }
    rest.rescale(decimals);
    let sign = if total.is_sign_negative() && !(whole.is_zero() && rest.is_zero()) {
        "-"
    } else {
        ""
    };
    Ok(format!(
        "{sign}{} {} {rest} {}",
        whole.normalize(),
        large.symbol,
        small.symbol
    ))
}

fn skip_spaces(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + rest.len() - rest.trim_start().len()
}

/// The length in seconds of an ISO 8601 duration (`P1Y2M10DT2H30M`, `PT45.5S`, `P2W`),
/// or `None` when `text` is not written as one.
fn iso_duration_seconds(text: &str) -> Result<Option<Decimal>> {
    let Some(body) = text.strip_prefix('P').or_else(|| text.strip_prefix('p')) else {
        return Ok(None);
    };
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit() || c == 'T' || c == 't') {
        return Ok(None);
    }
    const DATE_UNITS: [(char, &str); 4] = [('Y', "yr"), ('M', "mo"), ('W', "wk"), ('D', "d")];
    const TIME_UNITS: [(char, &str); 3] = [('H', "h"), ('M', "min"), ('S', "s")];
    let (date, time) = match body.find(['T', 't']) {
        Some(split) => (&body[..split], Some(&body[split + 1..])),
        None => (body, None),
    };
    let seconds = unit_by_name("s")?;
    let mut total = Decimal::ZERO;
    let mut add_parts = |part_text: &str, units: &[(char, &str)]| -> Result<bool> {
        let mut rest = part_text;
        let mut next_unit = 0;
        while !rest.is_empty() {
            let digits_end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                .unwrap_or(rest.len());
            let (number, after) = rest.split_at(digits_end);
            let Some(designator) = after.chars().next().map(|c| c.to_ascii_uppercase()) else {
                return Ok(false);
            };
            let Some(position) = units[next_unit..]
                .iter()
                .position(|(letter, _)| *letter == designator)
            else {
                return Ok(false);
            };
            let Ok(value) = number.replace(',', ".").parse::<Decimal>() else {
                return Ok(false);
            };
            total += convert(value, unit_by_name(units[next_unit + position].1)?, seconds)?;
            next_unit += position + 1;
            rest = &after[1..];
        }
        Ok(true)
    };
    if !add_parts(date, &DATE_UNITS)? {
        return Ok(None);
    }
    if let Some(time) = time
        && (time.is_empty() || !add_parts(time, &TIME_UNITS)?)
    {
        return Ok(None);
    }
    Ok(Some(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::number_text;

    fn read(text: &str) -> (String, &'static str) {
        let (value, unit) = read_quantity(text).unwrap();
        (number_text(value), unit.symbol)
    }

    #[test]
    fn reads_a_number_and_the_unit_after_it() {
        assert_eq!(read("12 km"), ("12".into(), "km"));
        assert_eq!(read("12km"), ("12".into(), "km"));
        assert_eq!(read("42.195 km"), ("42.195".into(), "km"));
        assert_eq!(read("72°F"), ("72".into(), "°F"));
        assert_eq!(read("-4 ºF"), ("-4".into(), "°F"));
        assert_eq!(read("1,536 MB"), ("1536".into(), "MB"));
        assert_eq!(read("100 km/h"), ("100".into(), "km/h"));
        assert_eq!(read("85 m²"), ("85".into(), "m²"));
        assert_eq!(read("3 acres"), ("3".into(), "acre"));
        assert_eq!(read("1/2 cup"), ("0.5".into(), "cup"));
        assert_eq!(read("3 cups flour"), ("3".into(), "cup"));
        assert_eq!(read("13.3\""), ("13.3".into(), "in"));
        assert_eq!(read("12 inches"), ("12".into(), "in"));
        assert_eq!(read("30 mpg"), ("30".into(), "mpg"));
        assert_eq!(read("12 KM"), ("12".into(), "km"));
        assert_eq!(read("8 oz butter"), ("8".into(), "oz"));
        assert_eq!(read("Weight: 3 kg"), ("3".into(), "kg"));
    }

    #[test]
    fn compound_quantities_add_up_in_the_smallest_unit() {
        assert_eq!(read("5'11\""), ("71".into(), "in"));
        assert_eq!(read("6' 2\""), ("74".into(), "in"));
        assert_eq!(read("5 ft 11 in"), ("71".into(), "in"));
        assert_eq!(read("7 lb 4 oz"), ("116".into(), "oz"));
        assert_eq!(read("1h 30m"), ("90".into(), "min"));
        assert_eq!(read("2 hours, 15 minutes"), ("135".into(), "min"));
        assert_eq!(read("1 km 5 kg"), ("1".into(), "km"));
    }

    #[test]
    fn quantities_split_into_two_units() {
        let unit = |name: &str| unit_by_name(name).unwrap();
        assert_eq!(
            split_quantity("180 cm", unit("ft"), unit("in"), 0).unwrap(),
            "5 ft 11 in"
        );
        assert_eq!(
            split_quantity("152 cm", unit("ft"), unit("in"), 0).unwrap(),
            "5 ft 0 in"
        );
        assert_eq!(
            split_quantity("3.29 kg", unit("lb"), unit("oz"), 0).unwrap(),
            "7 lb 4 oz"
        );
        assert_eq!(
            split_quantity("95 min", unit("h"), unit("min"), 0).unwrap(),
            "1 h 35 min"
        );
        assert_eq!(
            split_quantity("1.5 in", unit("ft"), unit("in"), 1).unwrap(),
            "0 ft 1.5 in"
        );
        assert!(split_quantity("5 in", unit("in"), unit("ft"), 0).is_err());
        assert!(split_quantity("5 kg", unit("ft"), unit("in"), 0).is_err());
    }

    #[test]
    fn iso_durations_read_in_seconds() {
        assert_eq!(read("PT1H30M"), ("5400".into(), "s"));
        assert_eq!(read("PT45M"), ("2700".into(), "s"));
        assert_eq!(read("P1DT2H"), ("93600".into(), "s"));
        assert_eq!(read("P2W"), ("1209600".into(), "s"));
        assert_eq!(read("PT1.5S"), ("1.5".into(), "s"));
        assert!(read_quantity("PT").is_err());
    }

    #[test]
    fn errors_name_the_problem() {
        assert!(matches!(
            read_quantity("12 bananas"),
            Err(Error::NotFound { what: "unit", .. })
        ));
        assert!(matches!(read_quantity("12"), Err(Error::Missing { .. })));
        assert!(matches!(read_quantity("km"), Err(Error::NoNumber { .. })));
        assert!(matches!(
            read_quantity("5 mb"),
            Err(Error::Ambiguous { .. })
        ));
    }
}
