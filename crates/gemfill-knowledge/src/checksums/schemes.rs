//! The check-digit rules of identifiers, each a small weighted sum modulo 10 or 11 (or
//! 97), computed on the payload (the identifier without its check digit).

use crate::choice::choice;
use crate::error::{Error, Result};

choice! {
    /// An identifier with a check digit.
    pub enum CheckScheme ("check digit scheme") {
        /// Luhn (mod 10, ISO/IEC 7812): payment cards, IMEI numbers, Canadian SINs.
        Luhn = "luhn" | "card" | "imei",
        /// ISBN-10 (mod 11, weights 10 to 2; a check value of 10 is written `X`).
        Isbn10 = "isbn10",
        /// ISBN-13 (EAN-13 with the 978 or 979 prefix).
        Isbn13 = "isbn13",
        /// EAN-13 / GTIN-13 (mod 10, weights 1 and 3).
        Ean13 = "ean13" | "gtin13" | "ean",
        /// EAN-8 / GTIN-8.
        Ean8 = "ean8" | "gtin8",
        /// UPC-A / GTIN-12.
        UpcA = "upca" | "upc" | "gtin12",
        /// ISSN (mod 11, weights 8 to 2, `X` for 10), written `NNNN-NNNC`.
        Issn = "issn",
        /// ISIN (ISO 6166: letters as numbers, then Luhn).
        Isin = "isin",
        /// VIN (ISO 3779 / 49 CFR 565: the ninth character, mod 11).
        Vin = "vin",
        /// ABA routing transit number (weights 3, 7, 1, mod 10).
        Aba = "aba" | "routing number",
        /// NHS number (mod 11, weights 10 to 2).
        Nhs = "nhs",
    }
}

impl CheckScheme {
    /// The number of characters of the payload (the identifier without the check digit;
    /// for a VIN, the whole identifier, whose ninth character is the check digit).
    pub(crate) fn payload_len(self) -> Option<usize> {
        match self {
            CheckScheme::Luhn => None,
            CheckScheme::Isbn10 | CheckScheme::Nhs => Some(9),
            CheckScheme::Isbn13 | CheckScheme::Ean13 => Some(12),
            CheckScheme::Ean8 | CheckScheme::Issn => Some(7),
            CheckScheme::UpcA | CheckScheme::Isin => Some(11),
            CheckScheme::Vin => Some(17),
            CheckScheme::Aba => Some(8),
        }
    }

    fn expected(self) -> &'static str {
        match self {
            CheckScheme::Luhn => "digits for a Luhn check",
            CheckScheme::Isbn10 => "an ISBN-10",
            CheckScheme::Isbn13 => "an ISBN-13",
            CheckScheme::Ean13 => "an EAN-13",
            CheckScheme::Ean8 => "an EAN-8",
            CheckScheme::UpcA => "a UPC-A",
            CheckScheme::Issn => "an ISSN",
            CheckScheme::Isin => "an ISIN",
            CheckScheme::Vin => "a VIN",
            CheckScheme::Aba => "an ABA routing number",
            CheckScheme::Nhs => "an NHS number",
        }
    }
}

/// The characters of an identifier without spaces and hyphens, upper-cased.
pub(crate) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
        .flat_map(|c| c.to_uppercase())
        .collect()
}

/// The check character of the payload `payload` (already [`compact`]) under `scheme`.
pub(crate) fn check_char(payload: &str, scheme: CheckScheme, text: &str) -> Result<char> {
    let malformed = || Error::malformed(text, scheme.expected());
    if scheme
        .payload_len()
        .is_some_and(|len| payload.chars().count() != len)
    {
        return Err(malformed());
    }
    let digits = || -> Result<Vec<u32>> {
        let digits: Option<Vec<u32>> = payload.chars().map(|c| c.to_digit(10)).collect();
        digits
            .filter(|digits| !digits.is_empty())
            .ok_or_else(malformed)
    };
    let digit_char = |value: u32| char::from_digit(value, 10).ok_or_else(malformed);
    match scheme {
        CheckScheme::Luhn => digit_char(luhn(&digits()?)),
        CheckScheme::Isin => {
            if !payload.chars().take(2).all(|c| c.is_ascii_uppercase()) {
                return Err(malformed());
            }
            // Letters count as two digits (A = 10 ... Z = 35), then Luhn.
            let mut expanded = Vec::new();
            for c in payload.chars() {
                let value = c
                    .to_digit(36)
                    .filter(|_| c.is_ascii_alphanumeric())
                    .ok_or_else(malformed)?;
                if value >= 10 {
                    expanded.extend([value / 10, value % 10]);
                } else {
                    expanded.push(value);
                }
            }
            digit_char(luhn(&expanded))
        }
        CheckScheme::Isbn10 => mod11_char(weighted(&digits()?, |index| 10 - index as u32)),
        CheckScheme::Issn => mod11_char(weighted(&digits()?, |index| 8 - index as u32)),
        CheckScheme::Isbn13 | CheckScheme::Ean13 | CheckScheme::Ean8 | CheckScheme::UpcA => {
            let digits = digits()?;
            if scheme == CheckScheme::Isbn13
                && !(payload.starts_with("978") || payload.starts_with("979"))
            {
                return Err(malformed());
            }
            // Weights 3 and 1 alternate from the payload's last digit, which weighs 3.
            let len = digits.len();
            let sum = weighted(&digits, |index| if (len - index) % 2 == 1 { 3 } else { 1 });
            digit_char((10 - sum % 10) % 10)
        }
        CheckScheme::Aba => {
            let sum = weighted(&digits()?, |index| [3, 7, 1][index % 3]);
            digit_char((10 - sum % 10) % 10)
        }
        CheckScheme::Nhs => {
            let check = 11 - weighted(&digits()?, |index| 10 - index as u32) % 11;
            match check {
                11 => Ok('0'),
                10 => Err(Error::malformed(
                    text,
                    "an NHS number payload (no check digit exists for it)",
                )),
                check => digit_char(check),
            }
        }
        CheckScheme::Vin => vin_check(payload).ok_or_else(malformed),
    }
}

fn weighted(digits: &[u32], weight: impl Fn(usize) -> u32) -> u32 {
    digits
        .iter()
        .enumerate()
        .map(|(index, digit)| digit * weight(index))
        .sum()
}

fn mod11_char(sum: u32) -> Result<char> {
    Ok(match (11 - sum % 11) % 11 {
        10 => 'X',
        check => char::from(b'0' + check as u8),
    })
}

/// The Luhn check digit of `payload`: doubling every second digit from the right,
/// starting with the last.
fn luhn(payload: &[u32]) -> u32 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(index, &digit)| {
            if index % 2 == 0 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// The check character a 17-character VIN should have in ninth place.
fn vin_check(vin: &str) -> Option<char> {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let mut sum = 0;
    for (c, weight) in vin.chars().zip(WEIGHTS) {
        let value = match c {
            '0'..='9' => c.to_digit(10)?,
            'A' | 'J' => 1,
            'B' | 'K' | 'S' => 2,
            'C' | 'L' | 'T' => 3,
            'D' | 'M' | 'U' => 4,
            'E' | 'N' | 'V' => 5,
            'F' | 'W' => 6,
            'G' | 'P' | 'X' => 7,
            'H' | 'Y' => 8,
            'R' | 'Z' => 9,
            _ => return None,
        };
        sum += value * weight;
    }
    Some(match sum % 11 {
        10 => 'X',
        check => char::from(b'0' + check as u8),
    })
}
