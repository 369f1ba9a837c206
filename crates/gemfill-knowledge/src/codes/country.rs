//! Countries and territories (ISO 3166-1) by any common spelling, with their codes,
//! calling codes, currencies, top-level domains and flags.

use std::sync::LazyLock;

use crate::choice::choice;
use crate::codes::data::countries::COUNTRIES;
use crate::codes::names::NameIndex;
use crate::codes::records::CountryRecord;
use crate::error::{Error, Result};

choice! {
    /// What [`country`] gives for a country.
    pub enum CountryField ("country field") {
        /// The CLDR English name: `Germany`, `United Kingdom`, `Côte d’Ivoire`.
        Name = "name",
        /// ISO 3166-1 alpha-2: `DE`.
        Alpha2 = "alpha2" | "iso2",
        /// ISO 3166-1 alpha-3: `DEU`.
        Alpha3 = "alpha3" | "iso3",
        /// ISO 3166-1 numeric, three digits: `276`.
        Numeric = "numeric",
        /// The international calling code: `+49`.
        CallingCode = "calling code" | "dial code",
        /// The ISO 4217 code of its currency: `EUR`.
        Currency = "currency",
        /// Its country-code top-level domain: `.de` (`.uk` for the United Kingdom).
        Tld = "tld",
        /// Its flag emoji: 🇩🇪.
        Flag = "flag",
    }
}

/// Common English names that CLDR does not list, each with the alpha-2 code it means
/// (ISO's formal "X, Republic of" forms, older names, and the nations of the UK, which
/// ISO 3166-1 counts as the United Kingdom).
const ALIASES: &[(&str, &str)] = &[
    ("United States of America", "US"),
    ("U.S.A.", "US"),
    ("America", "US"),
    ("Great Britain", "GB"),
    ("Britain", "GB"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    ("Holland", "NL"),
    ("Russian Federation", "RU"),
    ("Republic of Korea", "KR"),
    ("Korea, Republic of", "KR"),
    ("Korea", "KR"),
    ("Democratic People's Republic of Korea", "KP"),
    ("Korea, Democratic People's Republic of", "KP"),
    ("Viet Nam", "VN"),
    ("Iran, Islamic Republic of", "IR"),
    ("Syrian Arab Republic", "SY"),
    ("Lao People's Democratic Republic", "LA"),
    ("Bolivia, Plurinational State of", "BO"),
    ("Venezuela, Bolivarian Republic of", "VE"),
    ("Tanzania, United Republic of", "TZ"),
    ("Moldova, Republic of", "MD"),
    ("Macedonia", "MK"),
    ("Burma", "MM"),
    ("UAE", "AE"),
    ("Holy See", "VA"),
    ("Vatican", "VA"),
    ("Taiwan, Province of China", "TW"),
    ("Macau", "MO"),
    ("Palestine, State of", "PS"),
    ("Micronesia, Federated States of", "FM"),
    ("Brunei Darussalam", "BN"),
    ("Kyrgyz Republic", "KG"),
    ("Slovak Republic", "SK"),
    ("Republic of Ireland", "IE"),
    ("Czechia", "CZ"),
    ("DRC", "CD"),
    ("Democratic Republic of the Congo", "CD"),
    ("Republic of the Congo", "CG"),
];

static BY_NAME: LazyLock<NameIndex<usize>> = LazyLock::new(|| {
    let names = |record: &CountryRecord| [&[record.name], record.other_names].concat();
    NameIndex::of(COUNTRIES, names, ALIASES, |record| record.alpha2)
});

/// `field` of the country written in `text`: a name in any common spelling (`Germany`,
/// `UK`, `United States of America`, `Cote d'Ivoire`, `the Netherlands`), an ISO code
/// (`DE`, `DEU`, `276`), a top-level domain (`.de`, `.uk`) or a flag emoji.
///
/// ```
/// # use gemfill_knowledge::codes::{country, CountryField};
/// assert_eq!(country("Germany", CountryField::Alpha2).unwrap(), "DE");
/// assert_eq!(country("JP", CountryField::Name).unwrap(), "Japan");
/// assert_eq!(country("United Kingdom", CountryField::CallingCode).unwrap(), "+44");
/// assert_eq!(country(".uk", CountryField::Name).unwrap(), "United Kingdom");
/// ```
pub fn country(text: &str, field: CountryField) -> Result<String> {
    let record = find_country(text)?;
    let missing = |what: &str| Error::missing(record.name, what);
    Ok(match field {
        CountryField::Name => record.name.to_string(),
        CountryField::Alpha2 => record.alpha2.to_string(),
        CountryField::Alpha3 => record.alpha3.to_string(),
        CountryField::Numeric => record.numeric.to_string(),
        CountryField::CallingCode if record.calling_code.is_empty() => {
            return Err(missing("calling code"));
        }
        CountryField::CallingCode => format!("+{}", record.calling_code),
        CountryField::Currency if record.currency.is_empty() => return Err(missing("currency")),
        CountryField::Currency => record.currency.to_string(),
        CountryField::Tld => tld(record),
        CountryField::Flag => record
            .alpha2
            .bytes()
            .filter_map(|b| char::from_u32(0x1F1E6 + u32::from(b - b'A')))
            .collect(),
    })
}

fn tld(record: &CountryRecord) -> String {
    match record.alpha2 {
        "GB" => ".uk".to_string(),
        code => format!(".{}", code.to_ascii_lowercase()),
    }
}

/// The country record `text` names (see [`country`]).
pub(crate) fn find_country(text: &str) -> Result<&'static CountryRecord> {
    let trimmed = text.trim();
    let by =
        |matches: &dyn Fn(&CountryRecord) -> bool| COUNTRIES.iter().find(|record| matches(record));
    let upper = trimmed.to_ascii_uppercase();
    let flag: String = trimmed
        .chars()
        .map(u32::from)
        .filter(|c| (0x1F1E6..=0x1F1FF).contains(c))
        .map(|c| char::from(b'A' + (c - 0x1F1E6) as u8))
        .collect();
    let found = if flag.len() == 2 && trimmed.chars().count() == 2 {
        by(&|record| record.alpha2 == flag)
    } else if let Some(domain) = trimmed.strip_prefix('.') {
        by(&|record| tld(record).eq_ignore_ascii_case(&format!(".{domain}")))
    } else if trimmed.len() == 2 && trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
        by(&|record| record.alpha2 == upper)
    } else if trimmed.len() == 3 && trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
        by(&|record| record.alpha3 == upper)
    } else if (1..=3).contains(&trimmed.len()) && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        by(&|record| record.numeric == format!("{trimmed:0>3}"))
    } else {
        None
    };
    if let Some(record) = found {
        return Ok(record);
    }
    match BY_NAME.get(trimmed) {
        Ok(Some(position)) => Ok(&COUNTRIES[position]),
        Ok(None) => Err(Error::not_found("country", text)),
        Err(()) => Err(Error::Ambiguous {
            text: text.to_string(),
            candidates: "several countries".to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(text: &str, field: CountryField) -> String {
        country(text, field).unwrap()
    }

    #[test]
    fn countries_by_name_and_code() {
        use CountryField::*;
        for (name, alpha2) in [
            ("Germany", "DE"),
            ("Spain", "ES"),
            ("Switzerland", "CH"),
            ("South Africa", "ZA"),
            ("united states", "US"),
            ("USA", "US"),
            ("U.S.A.", "US"),
            ("UK", "GB"),
            ("Great Britain", "GB"),
            ("The Netherlands", "NL"),
            ("Cote d'Ivoire", "CI"),
            ("Ivory Coast", "CI"),
            ("Turkey", "TR"),
            ("Türkiye", "TR"),
            ("Czech Republic", "CZ"),
            ("Saint Kitts and Nevis", "KN"),
            ("Bosnia and Herzegovina", "BA"),
            ("Korea, Republic of", "KR"),
            ("DEU", "DE"),
            ("de", "DE"),
            ("276", "DE"),
            ("4", "AF"),
            (".uk", "GB"),
            (".de", "DE"),
            ("🇫🇷", "FR"),
        ] {
            assert_eq!(get(name, Alpha2), alpha2, "{name}");
        }
        assert_eq!(get("HR", Name), "Croatia");
        assert_eq!(get("AE", Name), "United Arab Emirates");
        assert_eq!(get("FR", Alpha3), "FRA");
        assert_eq!(get("ROU", Alpha2), "RO");
        assert_eq!(get("Afghanistan", Numeric), "004");
    }

    #[test]
    fn country_facts() {
        use CountryField::*;
        assert_eq!(get("Ireland", CallingCode), "+353");
        assert_eq!(get("Finland", CallingCode), "+358");
        assert_eq!(get("Canada", CallingCode), "+1");
        assert_eq!(get("Japan", Currency), "JPY");
        assert_eq!(get("Croatia", Currency), "EUR");
        assert_eq!(get("Switzerland", Currency), "CHF");
        assert_eq!(get("United Kingdom", Tld), ".uk");
        assert_eq!(get("Chile", Tld), ".cl");
        assert_eq!(get("JP", Flag), "🇯🇵");
    }

    #[test]
    fn unknown_and_missing() {
        assert!(matches!(
            country("Atlantis", CountryField::Alpha2),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(
            country("", CountryField::Alpha2),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(
            country("Antarctica", CountryField::Currency),
            Err(Error::Missing { .. })
        ));
        assert!(matches!(
            country("ZZ", CountryField::Name),
            Err(Error::NotFound { .. })
        ));
    }
}
