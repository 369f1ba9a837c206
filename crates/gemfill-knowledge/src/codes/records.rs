//! The rows of the generated reference tables (`codes::data`).

/// A country or territory of ISO 3166-1.
#[derive(Debug)]
pub(crate) struct CountryRecord {
    pub alpha2: &'static str,
    pub alpha3: &'static str,
    /// Three digits, zero-padded (`"004"`).
    pub numeric: &'static str,
    /// The CLDR English name (`United Kingdom`, `Côte d’Ivoire`).
    pub name: &'static str,
    /// CLDR's short and variant names (`UK`, `Ivory Coast`).
    pub other_names: &'static [&'static str],
    /// The country calling code without `+` (`"44"`); empty when none is assigned.
    pub calling_code: &'static str,
    /// The digits dialled before a national number within the country (`"0"`, `"1"`).
    pub trunk_prefix: &'static str,
    /// The ISO 4217 code of the legal tender; empty when there is none.
    pub currency: &'static str,
}

/// A currency of ISO 4217.
#[derive(Debug)]
pub(crate) struct CurrencyRecord {
    pub code: &'static str,
    /// The CLDR English display name (`US Dollar`, `British Pound`).
    pub name: &'static str,
    /// CLDR's singular and plural forms (`US dollars`).
    pub other_names: &'static [&'static str],
    /// The CLDR English symbol (`$`, `CA$`, `SEK`).
    pub symbol: &'static str,
    /// The local, narrow symbol (`$` for CAD too, `kr`).
    pub narrow_symbol: &'static str,
    /// The number of minor-unit digits (2 for cents, 0 for JPY).
    pub digits: u8,
}

/// A language of ISO 639.
#[derive(Debug)]
pub(crate) struct LanguageRecord {
    /// The shortest code (ISO 639-1 where there is one: `de`).
    pub code: &'static str,
    /// The CLDR English name (`German`).
    pub name: &'static str,
    /// CLDR's variant names.
    pub other_names: &'static [&'static str],
    /// The ISO 639-2/T (terminology) code (`deu`); empty when unknown.
    pub alpha3: &'static str,
    /// The ISO 639-2/B (bibliographic) code (`ger`).
    pub alpha3_bibliographic: &'static str,
}

/// An IANA time zone.
#[derive(Debug)]
pub(crate) struct ZoneRecord {
    /// The IANA identifier (`America/New_York`).
    pub zone: &'static str,
    /// The CLDR English exemplar city (`New York`).
    pub city: &'static str,
    /// The ISO 3166-1 alpha-2 code of the country it is in.
    pub country: &'static str,
}
