//! Phone numbers: normalised to E.164 for every country (calling codes and trunk
//! prefixes from libphonenumber's metadata), and formatted nationally or internationally
//! for the North American Numbering Plan (+1) and the United Kingdom (+44).
//!
//! The formatting scope is deliberate: the full per-country rules (the `phonenumber`
//! crate) cost a minute of build time and a regex engine's worth of metadata; the two
//! plans here follow libphonenumber's patterns for them. Extensions (`x12`, `ext. 5`) are
//! not kept.

use crate::choice::choice;
use crate::codes::country::find_country;
use crate::codes::data::countries::COUNTRIES;
use crate::codes::records::CountryRecord;
use crate::error::{Error, Result};

choice! {
    /// How [`phone`] writes a number.
    pub enum PhoneFormat ("phone format") {
        /// `+14155550134`, `+442079460123`.
        E164 = "e164" | "e.164",
        /// `(415) 555-0134`, `020 7946 0123`.
        National = "national",
        /// `+1 415-555-0134`, `+44 20 7946 0123`.
        International = "international",
    }
}

/// The phone number written in `text` in `format`. A number without a country code (no
/// `+`, `00`, or `011` in North America) belongs to `default_region` (a country in any
/// form [`country`](crate::codes::country) reads: `US`, `GB`, `United Kingdom`), whose trunk prefix is
/// dropped (`020...` in the UK, `1-312-...` in the US).
///
/// ```
/// # use gemfill_knowledge::codes::{phone, PhoneFormat};
/// assert_eq!(phone("(415) 555-0134", PhoneFormat::E164, "US").unwrap(), "+14155550134");
/// assert_eq!(phone("+14155550134", PhoneFormat::National, "US").unwrap(), "(415) 555-0134");
/// assert_eq!(phone("020 7946 0123", PhoneFormat::International, "GB").unwrap(), "+44 20 7946 0123");
/// ```
pub fn phone(text: &str, format: PhoneFormat, default_region: &str) -> Result<String> {
    let region = find_country(default_region)?;
    let (calling_code, national) = read_phone(text, region)?;
    match format {
        PhoneFormat::E164 => Ok(format!("+{calling_code}{national}")),
        PhoneFormat::National | PhoneFormat::International => {
            let international = format == PhoneFormat::International;
            match calling_code {
                "1" => {
                    let (area, exchange, line) = (&national[..3], &national[3..6], &national[6..]);
                    Ok(if international {
                        format!("+1 {area}-{exchange}-{line}")
                    } else {
                        format!("({area}) {exchange}-{line}")
                    })
                }
                "44" => {
                    let grouped = uk_groups(&national).join(" ");
                    Ok(if international {
                        format!("+44 {grouped}")
                    } else {
                        format!("0{grouped}")
                    })
                }
                other => Err(Error::Unsupported(format!(
                    "writing +{other} numbers in national or international format (only +1 and +44 are known)"
                ))),
            }
        }
    }
}

/// The calling code and national significant number of the number in `text`.
fn read_phone(text: &str, region: &'static CountryRecord) -> Result<(&'static str, String)> {
    let malformed = || Error::malformed(text, "a phone number");
    let lower = text.to_lowercase();
    let without_extension = ["ext", "x", "#"]
        .iter()
        .filter_map(|mark| lower.find(mark))
        .min()
        .map_or(&lower[..], |cut| &lower[..cut]);
    if without_extension.chars().any(|c| c.is_alphabetic()) {
        return Err(malformed());
    }
    let digits: String = without_extension
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let explicit_plus = without_extension.trim_start().starts_with('+');
    let international_digits = if explicit_plus {
        Some(digits.as_str())
    } else if let Some(rest) = digits.strip_prefix("00") {
        Some(rest)
    } else if region.calling_code == "1" && digits.len() > 11 {
        digits.strip_prefix("011")
    } else {
        None
    };
    let (calling_code, mut national, trunk) = match international_digits {
        Some(international) => {
            let record = (1..=3)
                .filter_map(|len| international.get(..len))
                .find_map(|code| COUNTRIES.iter().find(|record| record.calling_code == code))
                .ok_or_else(malformed)?;
            let national = international[record.calling_code.len()..].to_string();
            // "+44 (0)20 ..." writes the trunk prefix that international dialling drops.
            let written_trunk = without_extension.contains("(0)");
            (
                record.calling_code,
                national,
                if written_trunk {
                    record.trunk_prefix
                } else {
                    ""
                },
            )
        }
        None if region.calling_code.is_empty() => {
            return Err(Error::missing(region.name, "calling code"));
        }
        None => (region.calling_code, digits.clone(), region.trunk_prefix),
    };
    let nanp = calling_code == "1";
    if !trunk.is_empty() && national.starts_with(trunk) && (!nanp || national.len() == 11) {
        national.drain(..trunk.len());
    }
    let valid = if nanp {
        national.len() == 10
            && !matches!(national.as_bytes()[0], b'0' | b'1')
            && !matches!(national.as_bytes()[3], b'0' | b'1')
    } else if calling_code == "44" {
        (9..=10).contains(&national.len()) && !national.starts_with('0')
    } else {
        (4..=14).contains(&national.len())
    };
    if !valid {
        return Err(malformed());
    }
    Ok((calling_code, national))
}

/// The groups of a UK national significant number, as libphonenumber writes them.
fn uk_groups(national: &str) -> Vec<&str> {
    let bytes = national.as_bytes();
    let split = |sizes: &[usize]| {
        let mut groups = Vec::new();
        let mut start = 0;
        for size in sizes {
            let end = (start + size).min(national.len());
            groups.push(&national[start..end]);
            start = end;
        }
        if start < national.len() {
            groups.push(&national[start..]);
        }
        groups
    };
    match bytes {
        // London and other 02x areas: 020 7946 0123.
        [b'2', ..] => split(&[2, 4]),
        // Large cities (011x, 01x1): 0161 496 0456.
        [b'1', b'1', ..] | [b'1', _, b'1', ..] => split(&[3, 3]),
        // Non-geographic 03, 08 and 09 numbers: 0300 123 4567.
        [b'3' | b'8' | b'9', ..] => split(&[3, 3]),
        // Other areas and mobiles: 01632 960123, 07700 900789.
        _ => split(&[4]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn us(text: &str, format: PhoneFormat) -> String {
        phone(text, format, "US").unwrap()
    }

    fn uk(text: &str, format: PhoneFormat) -> String {
        phone(text, format, "GB").unwrap()
    }

    #[test]
    fn north_american_numbers() {
        use PhoneFormat::*;
        for text in [
            "(415) 555-0134",
            "415.555.0134",
            "1-415-555-0134",
            "+1 (415) 555-0134",
            "4155550134",
            "415 555 0134 x12",
        ] {
            assert_eq!(us(text, E164), "+14155550134", "{text}");
        }
        assert_eq!(us("+14155550134", National), "(415) 555-0134");
        assert_eq!(us("312.555.0111", International), "+1 312-555-0111");
        assert_eq!(us("011 44 20 7946 0123", E164), "+442079460123");
    }

    #[test]
    fn uk_numbers() {
        use PhoneFormat::*;
        for (national, e164, international) in [
            ("020 7946 0123", "+442079460123", "+44 20 7946 0123"),
            ("0161 496 0456", "+441614960456", "+44 161 496 0456"),
            ("0113 496 0012", "+441134960012", "+44 113 496 0012"),
            ("0117 496 0321", "+441174960321", "+44 117 496 0321"),
            ("07700 900789", "+447700900789", "+44 7700 900789"),
            ("01632 960123", "+441632960123", "+44 1632 960123"),
            ("0800 123 4567", "+448001234567", "+44 800 123 4567"),
        ] {
            assert_eq!(uk(national, E164), e164);
            assert_eq!(uk(e164, National), national);
            assert_eq!(uk(national, International), international);
        }
        assert_eq!(uk("(0131) 496 0808", E164), "+441314960808");
        assert_eq!(uk("+44 (0)20 7946 0123", E164), "+442079460123");
        assert_eq!(uk("0044 20 7946 0123", E164), "+442079460123");
    }

    #[test]
    fn other_countries_normalise_but_do_not_format() {
        assert_eq!(
            phone("030 123456", PhoneFormat::E164, "DE").unwrap(),
            "+4930123456"
        );
        assert_eq!(
            phone("+33 1 23 45 67 89", PhoneFormat::E164, "US").unwrap(),
            "+33123456789"
        );
        assert!(matches!(
            phone("+33 1 23 45 67 89", PhoneFormat::National, "FR"),
            Err(Error::Unsupported(_))
        ));
    }

    #[test]
    fn bad_numbers_are_errors() {
        for text in [
            "",
            "555-0134",
            "call me",
            "+999 123",
            "(015) 555-0134",
            "1-800-FLOWERS",
        ] {
            assert!(phone(text, PhoneFormat::E164, "US").is_err(), "{text}");
        }
        assert!(phone("415 555 0134", PhoneFormat::E164, "Atlantis").is_err());
    }
}
