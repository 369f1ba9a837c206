//! Codes and reference data (docs: written at the end).

mod country;
mod currency;
mod data;
mod language;
mod names;
mod phone;
mod records;
mod time_zone;
mod us_state;

pub use country::{CountryField, country};
pub use currency::{CurrencyField, currency};
pub use language::{LanguageField, language};
pub use phone::{PhoneFormat, phone};
pub use time_zone::time_zone;
pub use us_state::{StateField, us_state};
