//! [`NumberError`], why a number could not be read or computed.

use rust_decimal::Decimal;

/// Why a number could not be read or computed. Messages speak to a spreadsheet user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// The text has no digits that form a number.
    #[error("'{0}' has no number in it")]
    NoNumber(String),
    /// The number in the text has more digits than an exact number can hold.
    #[error("'{0}' is too large or too precise for an exact number (at most 28 digits)")]
    OutOfRange(String),
    /// An arithmetic result is too large to be exact.
    #[error("{0} overflows: the result is larger than an exact number can hold")]
    Overflow(&'static str),
    /// Division (or rounding to a multiple) by zero.
    #[error("division by zero")]
    DivisionByZero,
    /// A rounding step that is zero or negative.
    #[error("the step to round to must be greater than zero, not {0}")]
    BadStep(Decimal),
    /// A number of significant digits outside 1..=28.
    #[error("cannot round to {0} significant digits: give 1 to 28")]
    BadDigits(u32),
    /// A number of decimal places outside 0..=28.
    #[error("cannot round to {0} decimal places: give 0 to 28")]
    BadPlaces(u32),
}
