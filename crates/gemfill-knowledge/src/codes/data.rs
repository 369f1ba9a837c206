//! The generated reference tables (see `data/generate_tables.py`): countries, currencies,
//! languages and scripts, time zones.

pub(crate) mod countries;
pub(crate) mod currencies;
pub(crate) mod languages;
pub(crate) mod zones;
