//! IBANs (ISO 13616): validation with each country's BBAN format (the `iban_validate`
//! crate), the printed form in groups of four, and check digits for a country and BBAN.

use iban::{Iban, IbanLike};

use crate::checksums::schemes::compact;
use crate::error::{Error, Result};

/// Whether `text` is a valid IBAN: a known country, its BBAN format and length, and the
/// mod-97 check digits. Spaces (the printed form) are allowed.
///
/// ```
/// # use gemfill_knowledge::checksums::iban_valid;
/// assert!(iban_valid("GB82 WEST 1234 5698 7654 32"));
/// assert!(!iban_valid("GB82 WEST 1234 5698 7654 23"));
/// ```
pub fn iban_valid(text: &str) -> bool {
    parse(text).is_ok()
}

/// A valid IBAN in its printed form, groups of four separated by spaces:
/// `DE89370400440532013000` -> `DE89 3704 0044 0532 0130 00`.
pub fn iban_format(text: &str) -> Result<String> {
    Ok(parse(text)?.to_string())
}

/// The IBAN of a BBAN in a country (alpha-2 code), check digits computed:
/// `DE`, `370400440532013000` -> `DE89370400440532013000` (electronic form).
///
/// ```
/// # use gemfill_knowledge::checksums::iban_from_bban;
/// assert_eq!(iban_from_bban("GB", "WEST12345698765432").unwrap(), "GB82WEST12345698765432");
/// ```
pub fn iban_from_bban(country: &str, bban: &str) -> Result<String> {
    let country = country.trim().to_ascii_uppercase();
    let bban = compact(bban);
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Error::malformed(&country, "a two-letter country code"));
    }
    if bban.is_empty() || bban.len() > 30 || !bban.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::malformed(&bban, "a BBAN"));
    }
    let remainder = mod97(&format!("{bban}{country}00"));
    let candidate = format!("{country}{:02}{bban}", 98 - remainder);
    Ok(parse(&candidate)?.electronic_str().to_string())
}

fn parse(text: &str) -> Result<Iban> {
    compact(text)
        .parse::<Iban>()
        .map_err(|_| Error::malformed(text, "a valid IBAN"))
}

/// The remainder modulo 97 of the number `text` stands for, letters as 10 to 35.
fn mod97(text: &str) -> u32 {
    text.chars()
        .filter_map(|c| c.to_digit(36))
        .fold(0, |remainder, value| {
            if value >= 10 {
                (remainder * 100 + value) % 97
            } else {
                (remainder * 10 + value) % 97
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_ibans() {
        for iban in [
            "GB82WEST12345698765432",
            "DE89370400440532013000",
            "NL91ABNA0417164300",
            "BE68539007547034",
            "FR1420041010050500013M02606",
        ] {
            assert!(iban_valid(iban), "{iban}");
            let (country, rest) = iban.split_at(2);
            assert_eq!(iban_from_bban(country, &rest[2..]).unwrap(), iban);
        }
        assert_eq!(
            iban_format("DE89370400440532013000").unwrap(),
            "DE89 3704 0044 0532 0130 00"
        );
        assert_eq!(
            iban_format("be68539007547034").unwrap(),
            "BE68 5390 0754 7034"
        );
        assert!(iban_format("DE89 3704").is_err());
        assert!(!iban_valid(""));
        assert!(iban_from_bban("DE", "12").is_err());
        assert!(iban_from_bban("D", "370400440532013000").is_err());
    }
}
