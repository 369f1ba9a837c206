//! Codes and reference data: countries, currencies, US states, languages and locales,
//! phone numbers and time zones.
//!
//! | function | takes | example |
//! | --- | --- | --- |
//! | [`country`] | text, [`CountryField`] | `Germany`, alpha2 -> `DE`; `IRL`, name -> `Ireland`; `United Kingdom`, calling code -> `+44`; `.uk`, name -> `United Kingdom` |
//! | [`currency`] | text, [`CurrencyField`] | `JPY`, name -> `Japanese Yen`; `€49.99`, code -> `EUR` |
//! | [`us_state`] | text, [`StateField`] | `California`, code -> `CA` |
//! | [`language`] | text, [`LanguageField`] | `de`, name -> `German`; `pt-BR`, name -> `Portuguese (Brazil)` |
//! | [`phone`] | text, [`PhoneFormat`], default region | `(415) 555-0134`, e164, `US` -> `+14155550134` |
//! | [`time_zone`] | text | `New York` -> `America/New_York`; `Japan` -> `Asia/Tokyo` |
//!
//! Names are compared without case, accents or punctuation (`cote d'ivoire`, `St. Kitts &
//! Nevis`); a name two entries share is an error rather than a guess.
//!
//! The tables of countries, currencies, languages, scripts and time zones are generated
//! (by `data/generate_tables.py`, into `codes/data/`) from Unicode CLDR 48 (English names,
//! ISO 3166 codes, each territory's currency, time zones' exemplar cities),
//! libphonenumber's metadata (calling codes and trunk prefixes) and the IANA tz
//! database's `zone.tab`; the US states (USPS Publication 28) and a few common names CLDR
//! lacks (`USA`, `Holland`, ISO's "Korea, Republic of" forms) are small tables in their
//! modules. Crates were considered and not used: `isocountry`/`celes` carry ISO's formal
//! names and no calling codes or currencies, `keshvar` has everything but is 22 MB of
//! source, `iso_currency` names currencies as ISO does ("Pound sterling") where people
//! use CLDR's names ("British Pound"), and `phonenumber` costs a minute of build time.
//!
//! Modules: `country`, `currency`, `us_state`, `language`, `phone`, `time_zone`; `names`
//! (the comparison key of names and an index that refuses ambiguous names), `records`
//! (the rows of the generated tables), `data` (the generated tables).

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
