//! Converting a value between two units of one dimension, exactly where the answer is a
//! decimal: the factors are exact ratios and the conversion divides once, at the end.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::units::unit::{Ratio, Scale, Unit};

/// `value` in unit `from`, expressed in unit `to`.
///
/// ```
/// # use gemfill_knowledge::units::{convert, unit_by_name};
/// let (km, mi) = (unit_by_name("km").unwrap(), unit_by_name("mi").unwrap());
/// assert_eq!(convert(1609.344.try_into().unwrap(), unit_by_name("m").unwrap(), km).unwrap().to_string(), "1.609344");
/// let (f, c) = (unit_by_name("°F").unwrap(), unit_by_name("°C").unwrap());
/// assert_eq!(convert(212.into(), f, c).unwrap().normalize().to_string(), "100");
/// assert!(convert(1.into(), km, unit_by_name("kg").unwrap()).is_err());
/// # let _ = mi;
/// ```
pub fn convert(value: Decimal, from: &Unit, to: &Unit) -> Result<Decimal> {
    if from.dimension != to.dimension {
        return Err(Error::DimensionMismatch {
            from: from.symbol,
            from_dimension: from.dimension.name(),
            to: to.symbol,
            to_dimension: to.dimension.name(),
        });
    }
    if from.symbol == to.symbol {
        return Ok(value);
    }
    let parts = |ratio: Ratio| (ratio.numerator(), ratio.denominator());
    match (from.scale, to.scale) {
        (Scale::Reciprocal(f), Scale::Reciprocal(t)) => {
            let ((fn_, fd), (tn, td)) = (parts(f), parts(t));
            quotient(&[tn, fd, value], &[td, fn_])
        }
        (Scale::Reciprocal(f), to_scale) => {
            let ((fn_, fd), (offset, tn, td)) = (parts(f), affine_parts(to_scale));
            Ok(quotient(&[fn_, td], &[fd, value, tn])? - offset)
        }
        (from_scale, Scale::Reciprocal(t)) => {
            let ((offset, fn_, fd), (tn, td)) = (affine_parts(from_scale), parts(t));
            let shifted = checked(value.checked_add(offset))?;
            quotient(&[tn, fd], &[td, shifted, fn_])
        }
        (from_scale, to_scale) => {
            let ((from_offset, fn_, fd), (to_offset, tn, td)) =
                (affine_parts(from_scale), affine_parts(to_scale));
            let shifted = checked(value.checked_add(from_offset))?;
            checked(quotient(&[shifted, fn_, td], &[fd, tn])?.checked_sub(to_offset))
        }
    }
}

/// (offset, numerator, denominator) of a linear or affine scale.
fn affine_parts(scale: Scale) -> (Decimal, Decimal, Decimal) {
    match scale {
        Scale::Linear(ratio) | Scale::Reciprocal(ratio) => {
            (Decimal::ZERO, ratio.numerator(), ratio.denominator())
        }
        Scale::Affine { offset, ratio } => (
            offset.numerator() / offset.denominator(),
            ratio.numerator(),
            ratio.denominator(),
        ),
    }
}

/// The product of `numerators` over the product of `denominators`, dividing once when
/// the products fit and step by step when they would overflow.
fn quotient(numerators: &[Decimal], denominators: &[Decimal]) -> Result<Decimal> {
    if denominators.iter().any(Decimal::is_zero) {
        return Err(Error::Arithmetic("division by zero"));
    }
    let product = |factors: &[Decimal]| {
        factors
            .iter()
            .try_fold(Decimal::ONE, |acc, f| acc.checked_mul(*f))
    };
    if let (Some(top), Some(bottom)) = (product(numerators), product(denominators))
        && let Some(result) = top.checked_div(bottom)
    {
        return Ok(result);
    }
    let mut result = Decimal::ONE;
    for index in 0..numerators.len().max(denominators.len()) {
        if let Some(numerator) = numerators.get(index) {
            result = checked(result.checked_mul(*numerator))?;
        }
        if let Some(denominator) = denominators.get(index) {
            result = checked(result.checked_div(*denominator))?;
        }
    }
    Ok(result)
}

fn checked(value: Option<Decimal>) -> Result<Decimal> {
    value.ok_or_else(|| Error::out_of_range("the converted value", "the range of numbers"))
}
