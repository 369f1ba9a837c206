//! IANA time zones by city or country: the cities are the zones' CLDR exemplar cities
//! (the city each zone is named after, in English: `New York`, `Kyiv`, `Ho Chi Minh
//! City`), so a city that is not the seat of a zone (`San Francisco`) is not found.

use std::sync::LazyLock;

use crate::codes::country::find_country;
use crate::codes::data::zones::{PRIMARY_ZONES, ZONES};
use crate::codes::names::NameIndex;
use crate::error::{Error, Result};

static BY_CITY: LazyLock<NameIndex<usize>> = LazyLock::new(|| {
    let mut index = NameIndex::new();
    for (position, record) in ZONES.iter().enumerate() {
        index.insert(record.city, position);
        if let Some(last) = record.zone.rsplit('/').next() {
            index.insert(&last.replace('_', " "), position);
        }
    }
    index
});

/// The IANA time zone of the city or country written in `text`: a zone's exemplar city
/// (`Paris` -> `Europe/Paris`, `new york` -> `America/New_York`), a zone identifier
/// itself, or a country with one zone or a primary one (`Japan` -> `Asia/Tokyo`,
/// `Germany` -> `Europe/Berlin`; the United States is an error: it has several).
///
/// ```
/// # use gemfill_knowledge::codes::time_zone;
/// assert_eq!(time_zone("Mexico City").unwrap(), "America/Mexico_City");
/// assert_eq!(time_zone("Japan").unwrap(), "Asia/Tokyo");
/// assert!(time_zone("United States").is_err());
/// ```
pub fn time_zone(text: &str) -> Result<String> {
    let trimmed = text.trim();
    if let Some(record) = ZONES
        .iter()
        .find(|record| record.zone.eq_ignore_ascii_case(trimmed))
    {
        return Ok(record.zone.to_string());
    }
    if let Ok(Some(position)) = BY_CITY.get(trimmed) {
        return Ok(ZONES[position].zone.to_string());
    }
    let country = find_country(trimmed)
        .map_err(|_| Error::not_found("city or country with a time zone", text))?;
    if let Some((_, zone)) = PRIMARY_ZONES
        .iter()
        .find(|(code, _)| *code == country.alpha2)
    {
        return Ok(zone.to_string());
    }
    let zones: Vec<&str> = ZONES
        .iter()
        .filter(|record| record.country == country.alpha2)
        .map(|record| record.zone)
        .collect();
    match zones.as_slice() {
        [zone] => Ok(zone.to_string()),
        [] => Err(Error::missing(country.name, "time zone")),
        several => Err(Error::Ambiguous {
            text: text.to_string(),
            candidates: several.join(", "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_by_city_and_country() {
        for (text, zone) in [
            ("Paris", "Europe/Paris"),
            ("Tokyo", "Asia/Tokyo"),
            ("New York", "America/New_York"),
            ("Chicago", "America/Chicago"),
            ("Sydney", "Australia/Sydney"),
            ("Los Angeles", "America/Los_Angeles"),
            ("Cairo", "Africa/Cairo"),
            ("Hong Kong", "Asia/Hong_Kong"),
            ("Toronto", "America/Toronto"),
            ("Kyiv", "Europe/Kyiv"),
            ("sao paulo", "America/Sao_Paulo"),
            ("europe/london", "Europe/London"),
            ("Germany", "Europe/Berlin"),
            ("France", "Europe/Paris"),
            ("Ukraine", "Europe/Kyiv"),
        ] {
            assert_eq!(time_zone(text).unwrap(), zone, "{text}");
        }
    }

    #[test]
    fn unknown_or_ambiguous() {
        assert!(matches!(time_zone("Atlantis"), Err(Error::NotFound { .. })));
        assert!(matches!(time_zone("Brazil"), Err(Error::Ambiguous { .. })));
        assert!(time_zone("").is_err());
    }
}
