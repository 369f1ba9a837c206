//! The numbers of arithmetic in a cell: exact fractions of 128-bit integers while they
//! fit (so `1/3 + 1/6` is exactly `1/2`), decimals of 28 digits beyond that or where the
//! answer is irrational (`√2`).

use std::cmp::Ordering;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::error::{Error, Result};

/// A value: an exact fraction in lowest terms (positive denominator), or a decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Number {
    Exact { numerator: i128, denominator: i128 },
    Approximate(Decimal),
}

const TOO_BIG: Error = Error::Arithmetic("a number in the expression is too large");

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

impl Number {
    pub(crate) fn integer(value: i128) -> Number {
        Number::Exact {
            numerator: value,
            denominator: 1,
        }
    }

    /// The fraction `numerator / denominator` in lowest terms.
    pub(crate) fn fraction(numerator: i128, denominator: i128) -> Result<Number> {
        if denominator == 0 {
            return Err(Error::Arithmetic("division by zero"));
        }
        let divisor = gcd(numerator, denominator);
        let sign = if denominator < 0 { -1 } else { 1 };
        Ok(Number::Exact {
            numerator: sign * numerator / divisor,
            denominator: sign * denominator / divisor,
        })
    }

    /// A decimal, exactly when its digits fit.
    pub(crate) fn from_decimal(value: Decimal) -> Number {
        let normalized = value.normalize();
        let denominator = 10i128.checked_pow(normalized.scale());
        match denominator {
            Some(denominator) => Number::fraction(normalized.mantissa(), denominator)
                .unwrap_or(Number::Approximate(value)),
            None => Number::Approximate(value),
        }
    }

    pub(crate) fn to_decimal(self) -> Result<Decimal> {
        match self {
            Number::Approximate(value) => Ok(value),
            Number::Exact {
                numerator,
                denominator,
            } => {
                let to =
                    |value: i128| Decimal::try_from_i128_with_scale(value, 0).map_err(|_| TOO_BIG);
                to(numerator)?.checked_div(to(denominator)?).ok_or(TOO_BIG)
            }
        }
    }

    /// The whole number this is, if it is one and fits.
    pub(crate) fn to_integer(self) -> Option<i128> {
        match self {
            Number::Exact {
                numerator,
                denominator: 1,
            } => Some(numerator),
            Number::Exact { .. } => None,
            Number::Approximate(value) => {
                (value.fract().is_zero()).then(|| value.to_i128()).flatten()
            }
        }
    }

    fn exact_or(
        self,
        other: Number,
        exact: impl Fn(i128, i128, i128, i128) -> Option<Result<Number>>,
        approximate: impl Fn(Decimal, Decimal) -> Option<Decimal>,
    ) -> Result<Number> {
        if let (
            Number::Exact {
                numerator: a,
                denominator: b,
            },
            Number::Exact {
                numerator: c,
                denominator: d,
            },
        ) = (self, other)
            && let Some(result) = exact(a, b, c, d)
        {
            return result;
        }
        let result = approximate(self.to_decimal()?, other.to_decimal()?).ok_or(TOO_BIG)?;
        Ok(Number::Approximate(result))
    }

    pub(crate) fn add(self, other: Number) -> Result<Number> {
        self.exact_or(
            other,
            |a, b, c, d| {
                Some(Number::fraction(
                    a.checked_mul(d)?.checked_add(c.checked_mul(b)?)?,
                    b.checked_mul(d)?,
                ))
            },
            Decimal::checked_add,
        )
    }

    pub(crate) fn negate(self) -> Number {
        match self {
            Number::Exact {
                numerator,
                denominator,
            } => Number::Exact {
                numerator: -numerator,
                denominator,
            },
            Number::Approximate(value) => Number::Approximate(-value),
        }
    }

    pub(crate) fn subtract(self, other: Number) -> Result<Number> {
        self.add(other.negate())
    }

    pub(crate) fn multiply(self, other: Number) -> Result<Number> {
        self.exact_or(
            other,
            |a, b, c, d| Some(Number::fraction(a.checked_mul(c)?, b.checked_mul(d)?)),
            Decimal::checked_mul,
        )
    }

    pub(crate) fn divide(self, other: Number) -> Result<Number> {
        if other.is_zero() {
            return Err(Error::Arithmetic("division by zero"));
        }
        self.exact_or(
            other,
            |a, b, c, d| Some(Number::fraction(a.checked_mul(d)?, b.checked_mul(c)?)),
            Decimal::checked_div,
        )
    }

    /// The remainder of `self / other` with the sign of `other`, as spreadsheets' MOD.
    pub(crate) fn modulo(self, other: Number) -> Result<Number> {
        let quotient = self.divide(other)?;
        let floor = match quotient {
            Number::Exact {
                numerator,
                denominator,
            } => Number::integer(numerator.div_euclid(denominator)),
            Number::Approximate(value) => Number::Approximate(value.floor()),
        };
        self.subtract(other.multiply(floor)?)
    }

    pub(crate) fn is_zero(self) -> bool {
        match self {
            Number::Exact { numerator, .. } => numerator == 0,
            Number::Approximate(value) => value.is_zero(),
        }
    }

    /// `self` to the power `exponent`: exact for whole exponents, a square root for ½.
    pub(crate) fn power(self, exponent: Number) -> Result<Number> {
        if exponent
            == (Number::Exact {
                numerator: 1,
                denominator: 2,
            })
        {
            return self.sqrt();
        }
        let Some(exponent) = exponent.to_integer() else {
            return Err(Error::Arithmetic(
                "only whole-number powers (and ^0.5) are computed",
            ));
        };
        if exponent.abs() > 1000 {
            return Err(TOO_BIG);
        }
        let mut result = Number::integer(1);
        let mut base = self;
        let mut remaining = exponent.unsigned_abs();
        while remaining > 0 {
            if remaining & 1 == 1 {
                result = result.multiply(base)?;
            }
            remaining >>= 1;
            if remaining > 0 {
                base = base.multiply(base)?;
            }
        }
        if exponent < 0 {
            Number::integer(1).divide(result)
        } else {
            Ok(result)
        }
    }

    /// The square root: exact for squares of fractions, a 28-digit decimal otherwise.
    pub(crate) fn sqrt(self) -> Result<Number> {
        if self.compare(Number::integer(0))? == Ordering::Less {
            return Err(Error::Arithmetic("the square root of a negative number"));
        }
        if let Number::Exact {
            numerator,
            denominator,
        } = self
            && let (Some(top), Some(bottom)) = (integer_sqrt(numerator), integer_sqrt(denominator))
        {
            return Number::fraction(top, bottom);
        }
        let value = self.to_decimal()?;
        if value.is_zero() {
            return Ok(Number::integer(0));
        }
        // Newton's method from a guess within a factor of the root converges in a few dozen steps.
        let mut root = if value > Decimal::ONE {
            value / Decimal::TWO
        } else {
            Decimal::ONE
        };
        for _ in 0..100 {
            let next = (root + value / root) / Decimal::TWO;
            if next == root {
                break;
            }
            root = next;
        }
        Ok(Number::Approximate(root))
    }

    pub(crate) fn compare(self, other: Number) -> Result<Ordering> {
        let difference = self.subtract(other)?;
        Ok(match difference {
            Number::Exact { numerator, .. } => numerator.cmp(&0),
            Number::Approximate(value) => value.cmp(&Decimal::ZERO),
        })
    }
}

fn integer_sqrt(value: i128) -> Option<i128> {
    if value < 0 {
        return None;
    }
    let guess = (value as f64).sqrt() as i128;
    (guess.saturating_sub(2).max(0)..=guess.saturating_add(2))
        .find(|root| root.checked_mul(*root) == Some(value))
}
