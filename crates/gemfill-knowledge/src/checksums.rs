//! Checksums and identifiers: check digits, validation and conversions of the
//! identifiers people type (card numbers, ISBNs, product codes, IBANs, UUIDs...).
//!
//! | function | takes | example |
//! | --- | --- | --- |
//! | [`check_digit`] | text, [`CheckScheme`] | `7992739871`, luhn -> `3`; `0-8044-2957`, isbn10 -> `X` |
//! | [`with_check_digit`] | text, [`CheckScheme`] | `400638133393`, ean13 -> `4006381333931` |
//! | [`is_valid`] | text, [`CheckScheme`] | `1M8GDM9AXKP042788`, vin -> true |
//! | [`luhn_digit`], [`luhn_valid`] | text | `79927398713` -> valid |
//! | [`isbn_check_digit`], [`isbn_valid`] | text | ISBN-10 or ISBN-13 by length |
//! | [`isbn10_to_13`], [`isbn13_to_10`] | text | `0-306-40615-2` <-> `978-0-306-40615-7` |
//! | [`card_brand`] | text | `4111 1111 1111 1111` -> `Visa` |
//! | [`iban_valid`], [`iban_format`] | text | `GB82WEST12345698765432` -> `GB82 WEST 1234 5698 7654 32` |
//! | [`iban_from_bban`] | country, BBAN | `DE`, `370400440532013000` -> `DE89370400440532013000` |
//! | [`uuid()`] | text, [`UuidFormat`] | `46FCD802F9C74094B4524517B84B2606`, canonical -> `46fcd802-f9c7-4094-b452-4517b84b2606` |
//! | [`uuid_version`] | text | `8a79f042-2b96-49b3-...` -> 4 |
//!
//! Spaces and hyphens inside identifiers are ignored when reading them. Converted ISBNs
//! keep the hyphens of their input: hyphenated in, hyphenated out; plain in, plain out.
//! The check-digit rules (`schemes`) are written here, each a few lines of weighted sums
//! tested against published examples; IBAN country formats come from the
//! `iban_validate` crate and UUID parsing from `uuid`.
//!
//! Modules: `schemes` (the check-digit rules), `iban`, `uuid`.

mod iban;
mod schemes;
mod uuid;

use crate::error::{Error, Result};

pub use iban::{iban_format, iban_from_bban, iban_valid};
pub use schemes::CheckScheme;
use schemes::{check_char, compact};
pub use uuid::{UuidFormat, uuid, uuid_version};

/// The check character (a digit, or `X` for ISBN-10 and ISSN) of the identifier whose
/// payload, without its check character, is written in `text` (spaces and hyphens
/// ignored). For a VIN, `text` is the whole VIN and the result is what its ninth
/// character should be.
///
/// ```
/// # use gemfill_knowledge::checksums::{check_digit, CheckScheme};
/// assert_eq!(check_digit("7992739871", CheckScheme::Luhn).unwrap(), "3");
/// assert_eq!(check_digit("0-8044-2957", CheckScheme::Isbn10).unwrap(), "X");
/// ```
pub fn check_digit(text: &str, scheme: CheckScheme) -> Result<String> {
    Ok(check_char(&compact(text), scheme, text)?.to_string())
}

/// The identifier whose payload is written in `text` with its check character added:
/// appended (after the same separator for a hyphenated or spaced ISBN:
/// `0-306-40615` -> `0-306-40615-2`; directly otherwise: `0028-083` -> `0028-0836`), or
/// for a VIN put in ninth place.
///
/// ```
/// # use gemfill_knowledge::checksums::{with_check_digit, CheckScheme};
/// assert_eq!(with_check_digit("400638133393", CheckScheme::Ean13).unwrap(), "4006381333931");
/// assert_eq!(with_check_digit("0-306-40615", CheckScheme::Isbn10).unwrap(), "0-306-40615-2");
/// ```
pub fn with_check_digit(text: &str, scheme: CheckScheme) -> Result<String> {
    let payload = compact(text);
    let check = check_char(&payload, scheme, text)?;
    let trimmed = text.trim();
    Ok(match scheme {
        CheckScheme::Vin => payload
            .chars()
            .enumerate()
            .map(|(index, c)| if index == 8 { check } else { c })
            .collect(),
        CheckScheme::Isbn10 | CheckScheme::Isbn13 => match trimmed.rfind(['-', ' ']) {
            Some(at) => format!("{trimmed}{}{check}", &trimmed[at..at + 1]),
            None => format!("{trimmed}{check}"),
        },
        _ => format!("{trimmed}{check}"),
    })
}

/// Whether `text` is a valid identifier under `scheme`: the right length and characters
/// and the right check character (spaces and hyphens ignored).
///
/// ```
/// # use gemfill_knowledge::checksums::{is_valid, CheckScheme};
/// assert!(is_valid("1M8GDM9AXKP042788", CheckScheme::Vin));
/// assert!(is_valid("021000021", CheckScheme::Aba));
/// assert!(!is_valid("011000019", CheckScheme::Aba));
/// ```
pub fn is_valid(text: &str, scheme: CheckScheme) -> bool {
    let code = compact(text);
    if scheme == CheckScheme::Vin {
        return check_char(&code, scheme, text)
            .is_ok_and(|check| code.chars().nth(8) == Some(check));
    }
    let Some(last) = code.chars().next_back() else {
        return false;
    };
    let payload = &code[..code.len() - last.len_utf8()];
    check_char(payload, scheme, text).is_ok_and(|check| check == last)
}

/// The Luhn check digit of the digits in `text`: `7992739871` -> `3`.
pub fn luhn_digit(text: &str) -> Result<String> {
    check_digit(text, CheckScheme::Luhn)
}

/// Whether the digits in `text` pass the Luhn check: `79927398713` -> true.
pub fn luhn_valid(text: &str) -> bool {
    is_valid(text, CheckScheme::Luhn)
}

/// The check digit of an ISBN payload: ISBN-10 for 9 digits, ISBN-13 for 12.
pub fn isbn_check_digit(text: &str) -> Result<String> {
    match compact(text).len() {
        9 => check_digit(text, CheckScheme::Isbn10),
        12 => check_digit(text, CheckScheme::Isbn13),
        _ => Err(Error::malformed(
            text,
            "an ISBN without its check digit (9 or 12 digits)",
        )),
    }
}

/// Whether `text` is a valid ISBN-10 or ISBN-13 (by its length).
pub fn isbn_valid(text: &str) -> bool {
    match compact(text).len() {
        10 => is_valid(text, CheckScheme::Isbn10),
        13 => is_valid(text, CheckScheme::Isbn13),
        _ => false,
    }
}

/// The ISBN-13 of a valid ISBN-10, hyphenated when the input is:
/// `0-306-40615-2` -> `978-0-306-40615-7`, `0306406152` -> `9780306406157`.
///
/// ```
/// # use gemfill_knowledge::checksums::isbn10_to_13;
/// assert_eq!(isbn10_to_13("0-8044-2957-X").unwrap(), "978-0-8044-2957-3");
/// ```
pub fn isbn10_to_13(text: &str) -> Result<String> {
    if compact(text).len() != 10 || !is_valid(text, CheckScheme::Isbn10) {
        return Err(Error::malformed(text, "a valid ISBN-10"));
    }
    let trimmed = text.trim();
    let without_check = &trimmed[..trimmed.len() - 1];
    let separator = if without_check.ends_with(['-', ' ']) {
        &without_check[without_check.len() - 1..]
    } else {
        ""
    };
    with_check_digit(
        &format!(
            "978{separator}{}",
            without_check.trim_end_matches(['-', ' '])
        ),
        CheckScheme::Isbn13,
    )
}

/// The ISBN-10 of a valid ISBN-13 that starts with 978, hyphenated when the input is:
/// `978-0-306-40615-7` -> `0-306-40615-2`, `9780804429573` -> `080442957X`.
///
/// ```
/// # use gemfill_knowledge::checksums::isbn13_to_10;
/// assert_eq!(isbn13_to_10("9780306406157").unwrap(), "0306406152");
/// ```
pub fn isbn13_to_10(text: &str) -> Result<String> {
    let trimmed = text.trim();
    if compact(text).len() != 13 || !is_valid(text, CheckScheme::Isbn13) {
        return Err(Error::malformed(text, "a valid ISBN-13"));
    }
    let Some(rest) = trimmed.strip_prefix("978") else {
        return Err(Error::malformed(
            text,
            "an ISBN-13 starting with 978 (979 has no ISBN-10)",
        ));
    };
    let rest = rest.trim_start_matches(['-', ' ']);
    let without_check = rest[..rest.len() - 1].trim_end_matches(['-', ' ']);
    with_check_digit(without_check, CheckScheme::Isbn10)
}

/// The payment card brand of a card number, from its issuer prefix (ISO/IEC 7812 IIN
/// ranges as the networks publish them): `American Express`, `Visa`, `Mastercard`,
/// `Discover`, `Diners Club`, `JCB`, `UnionPay`, `Maestro`.
///
/// ```
/// # use gemfill_knowledge::checksums::card_brand;
/// assert_eq!(card_brand("3782 822463 10005").unwrap(), "American Express");
/// ```
pub fn card_brand(text: &str) -> Result<String> {
    let digits = compact(text);
    if digits.len() < 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::malformed(text, "a card number"));
    }
    let prefix = |len: usize| digits[..len].parse::<u32>().unwrap_or_default();
    let brand = match (prefix(1), prefix(2), prefix(3), prefix(4), prefix(6)) {
        (_, 34 | 37, ..) => "American Express",
        (4, ..) => "Visa",
        (_, 51..=55, ..) | (.., 2221..=2720, _) => "Mastercard",
        (.., 6011, _) | (_, _, 644..=649, ..) | (_, 65, ..) | (.., 622126..=622925) => "Discover",
        (.., 3528..=3589, _) => "JCB",
        (_, _, 300..=305, ..) | (_, 36 | 38 | 39, ..) => "Diners Club",
        (_, 62, ..) => "UnionPay",
        (.., 5018 | 5020 | 5038 | 5893 | 6304 | 6759 | 6761..=6763, _) => "Maestro",
        _ => return Err(Error::not_found("card brand", text)),
    };
    Ok(brand.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_reference_values() {
        assert_eq!(luhn_digit("7992739871").unwrap(), "3");
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("79927398710"));
        assert!(luhn_valid("4111 1111 1111 1111"));
        assert!(!luhn_valid("4111 1111 1111 1112"));
        assert_eq!(
            with_check_digit("49015420323751", CheckScheme::Luhn).unwrap(),
            "490154203237518"
        );
        assert!(luhn_digit("").is_err());
        assert!(luhn_digit("12a4").is_err());
    }

    #[test]
    fn isbn_reference_values() {
        assert_eq!(isbn10_to_13("0-306-40615-2").unwrap(), "978-0-306-40615-7");
        assert_eq!(isbn10_to_13("0306406152").unwrap(), "9780306406157");
        assert_eq!(isbn10_to_13("0-14-044913-2").unwrap(), "978-0-14-044913-6");
        assert_eq!(isbn13_to_10("978-0-306-40615-7").unwrap(), "0-306-40615-2");
        assert_eq!(isbn13_to_10("9780804429573").unwrap(), "080442957X");
        assert_eq!(isbn_check_digit("0-306-40615").unwrap(), "2");
        assert_eq!(isbn_check_digit("978030640615").unwrap(), "7");
        assert!(isbn_valid("978-0-201-63361-0"));
        assert!(!isbn_valid("978-0-14-044913-2"));
        assert!(isbn_valid("0-8044-2957-X"));
        assert!(!isbn_valid("0-306-40615-7"));
        assert!(isbn10_to_13("0-306-40615-7").is_err());
        assert!(isbn13_to_10("979-10-90636-07-1").is_err());
    }

    #[test]
    fn product_codes() {
        assert_eq!(
            with_check_digit("590123412345", CheckScheme::Ean13).unwrap(),
            "5901234123457"
        );
        assert_eq!(
            with_check_digit("03600029145", CheckScheme::UpcA).unwrap(),
            "036000291452"
        );
        assert_eq!(
            with_check_digit("9638507", CheckScheme::Ean8).unwrap(),
            "96385074"
        );
        assert!(is_valid("4006381333931", CheckScheme::Ean13));
        assert!(!is_valid("5901234123455", CheckScheme::Ean13));
        assert_eq!(
            with_check_digit("0028-083", CheckScheme::Issn).unwrap(),
            "0028-0836"
        );
        assert_eq!(
            with_check_digit("2049-369", CheckScheme::Issn).unwrap(),
            "2049-369X"
        );
        assert!(is_valid("0378-5955", CheckScheme::Issn));
    }

    #[test]
    fn securities_vehicles_banks_and_health() {
        assert_eq!(
            with_check_digit("US037833100", CheckScheme::Isin).unwrap(),
            "US0378331005"
        );
        assert_eq!(
            with_check_digit("US88160R101", CheckScheme::Isin).unwrap(),
            "US88160R1014"
        );
        assert!(is_valid("DE0007164600", CheckScheme::Isin));
        assert!(is_valid("1M8GDM9AXKP042788", CheckScheme::Vin));
        assert!(!is_valid("1HGCM82653A004352", CheckScheme::Vin));
        assert_eq!(
            check_digit(
                "1M8GDM9A_KP042788".replace('_', "0").as_str(),
                CheckScheme::Vin
            )
            .unwrap(),
            "X"
        );
        assert!(is_valid("121000358", CheckScheme::Aba));
        assert!(is_valid("943 476 5919", CheckScheme::Nhs));
        assert!(!is_valid("401 023 2130", CheckScheme::Nhs));
        assert!(!is_valid("", CheckScheme::Nhs));
        assert!(!is_valid("IOQ", CheckScheme::Vin));
    }

    #[test]
    fn card_brands() {
        for (number, brand) in [
            ("4111 1111 1111 1111", "Visa"),
            ("5555 5555 5555 4444", "Mastercard"),
            ("2221 0012 3412 3456", "Mastercard"),
            ("3782 822463 10005", "American Express"),
            ("6011 1111 1111 1117", "Discover"),
            ("3530 1113 3330 0000", "JCB"),
            ("3056 9309 0259 04", "Diners Club"),
        ] {
            assert_eq!(card_brand(number).unwrap(), brand);
        }
        assert!(card_brand("1234").is_err());
        assert!(card_brand("9999 9999 9999 9999").is_err());
    }
}
