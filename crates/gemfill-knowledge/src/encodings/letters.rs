//! Letters: removing accents, transliterating to ASCII, URL slugs, Unicode code points
//! and the NATO spelling alphabet.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::choice::choice;
use crate::error::{Error, Result};

/// `text` without its accents: each letter decomposed (NFD), combining marks dropped,
/// the rest recomposed (NFC). Letters that are not a base letter with marks stay: `ß`,
/// `æ`, `ø`, `ł` (see [`transliterate`] for those).
///
/// ```
/// # use gemfill_knowledge::encodings::remove_accents;
/// assert_eq!(remove_accents("Crème Brûlée"), "Creme Brulee");
/// assert_eq!(remove_accents("Søren Łódź"), "Søren Łodz");
/// ```
pub fn remove_accents(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect()
}

choice! {
    /// How [`transliterate`] writes letters outside ASCII.
    pub enum TransliterationStyle ("transliteration style") {
        /// Each character's usual ASCII rendering (`ß` -> `ss`, `æ` -> `ae`, `ø` -> `o`,
        /// `ł` -> `l`, `ä` -> `a`, `北京` -> `Bei Jing`), from the `deunicode` tables.
        Ascii = "ascii",
        /// German conventions first (`ä` -> `ae`, `ö` -> `oe`, `ü` -> `ue`, `ß` -> `ss`),
        /// then as `ascii`.
        German = "german",
    }
}

/// `text` in ASCII letters. A capital that becomes several letters is written in capitals
/// next to capitals and capitalised before small letters (`ÆRØ` -> `AERO`, `Ærø` ->
/// `Aero`, `Öl` -> `Oel` in German). Characters with no rendering are dropped.
///
/// ```
/// # use gemfill_knowledge::encodings::{transliterate, TransliterationStyle};
/// assert_eq!(transliterate("Fußgängerzone", TransliterationStyle::German), "Fussgaengerzone");
/// assert_eq!(transliterate("Ærøskøbing", TransliterationStyle::Ascii), "Aeroskobing");
/// ```
pub fn transliterate(text: &str, style: TransliterationStyle) -> String {
    let chars: Vec<char> = text.nfc().collect();
    let mut out = String::with_capacity(text.len());
    for (index, &c) in chars.iter().enumerate() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let german = match (style, c) {
            (TransliterationStyle::German, 'ä') => Some("ae"),
            (TransliterationStyle::German, 'ö') => Some("oe"),
            (TransliterationStyle::German, 'ü') => Some("ue"),
            (TransliterationStyle::German, 'Ä') => Some("AE"),
            (TransliterationStyle::German, 'Ö') => Some("OE"),
            (TransliterationStyle::German, 'Ü') => Some("UE"),
            (_, 'ß') => Some("ss"),
            (_, 'ẞ') => Some("SS"),
            _ => None,
        };
        let Some(ascii) = german.or_else(|| deunicode::deunicode_char(c)) else {
            continue;
        };
        let upper_run = ascii.len() > 1 && ascii.chars().all(|a| a.is_ascii_uppercase());
        let next_is_lower = chars.get(index + 1).is_some_and(|next| next.is_lowercase());
        let previous_is_upper = index > 0 && chars[index - 1].is_uppercase();
        if upper_run && next_is_lower && !previous_is_upper {
            let mut letters = ascii.chars();
            out.extend(letters.next());
            out.extend(letters.flat_map(|a| a.to_lowercase()));
        } else {
            out.push_str(ascii);
        }
    }
    out
}

/// `text` as a URL slug: transliterated to ASCII, lower case, apostrophes dropped, and
/// every other run of characters that are not letters or digits turned into one `-`,
/// with none at either end: `Café au Lait (Iced)` -> `cafe-au-lait-iced`.
///
/// ```
/// # use gemfill_knowledge::encodings::slug;
/// assert_eq!(slug("Crème Brûlée Recipe"), "creme-brulee-recipe");
/// assert_eq!(slug("Rock 'n' Roll!"), "rock-n-roll");
/// ```
pub fn slug(text: &str) -> String {
    let ascii = transliterate(text, TransliterationStyle::Ascii);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars().filter(|c| *c != '\'') {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// The code point of each character of `text`, as `U+` and at least four upper-case hex
/// digits, separated by spaces: `é€` -> `U+00E9 U+20AC`.
///
/// ```
/// # use gemfill_knowledge::encodings::code_point;
/// assert_eq!(code_point("é"), "U+00E9");
/// assert_eq!(code_point("A😀"), "U+0041 U+1F600");
/// ```
pub fn code_point(text: &str) -> String {
    text.chars()
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The characters whose code points `text` lists (`U+00E9`, `u+20ac`, separated by
/// spaces or commas): the inverse of [`code_point`].
///
/// ```
/// # use gemfill_knowledge::encodings::from_code_point;
/// assert_eq!(from_code_point("U+0048 U+0069").unwrap(), "Hi");
/// ```
pub fn from_code_point(text: &str) -> Result<String> {
    let malformed = || Error::malformed(text, "code points like U+00E9");
    let points: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    if points.is_empty() {
        return Err(malformed());
    }
    points
        .into_iter()
        .map(|point| {
            let hex = point
                .strip_prefix("U+")
                .or_else(|| point.strip_prefix("u+"))
                .ok_or_else(malformed)?;
            let value = u32::from_str_radix(hex, 16)
                .ok()
                .filter(|_| hex.len() <= 6)
                .ok_or_else(malformed)?;
            char::from_u32(value).ok_or_else(malformed)
        })
        .collect()
}

/// The ICAO/NATO spelling words (as ICAO spells them: `Alfa`, `Juliett`).
const NATO: [&str; 26] = [
    "Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett",
    "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango",
    "Uniform", "Victor", "Whiskey", "X-ray", "Yankee", "Zulu",
];
const DIGIT_WORDS: [&str; 10] = [
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
];

/// `text` spelled in the NATO alphabet, one word per character separated by spaces:
/// letters by their code words (accents ignored), digits by their English names, other
/// characters as they are; whitespace is skipped.
///
/// ```
/// # use gemfill_knowledge::encodings::nato;
/// assert_eq!(nato("JAX"), "Juliett Alfa X-ray");
/// assert_eq!(nato("b2 é"), "Bravo Two Echo");
/// ```
pub fn nato(text: &str) -> String {
    let base = remove_accents(text);
    let mut words = Vec::new();
    for c in base.chars().filter(|c| !c.is_whitespace()) {
        let upper = c.to_ascii_uppercase();
        if upper.is_ascii_uppercase() {
            words.push(NATO[usize::from(upper as u8 - b'A')].to_string());
        } else if let Some(digit) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            words.push(DIGIT_WORDS[digit as usize].to_string());
        } else {
            words.push(c.to_string());
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_come_off() {
        assert_eq!(remove_accents("José Álvarez"), "Jose Alvarez");
        assert_eq!(remove_accents("Ångström"), "Angstrom");
        assert_eq!(remove_accents("naïve façade"), "naive facade");
        assert_eq!(remove_accents("Straße"), "Straße");
        // A decomposed input gives the same.
        assert_eq!(remove_accents("Cre\u{300}me"), "Creme");
    }

    #[test]
    fn transliteration_styles() {
        use TransliterationStyle::*;
        assert_eq!(transliterate("Müller", German), "Mueller");
        assert_eq!(transliterate("Österreich", German), "Oesterreich");
        assert_eq!(transliterate("ÖSTERREICH", German), "OESTERREICH");
        assert_eq!(transliterate("Müller", Ascii), "Muller");
        assert_eq!(
            transliterate("Søren Kierkegaard", Ascii),
            "Soren Kierkegaard"
        );
        assert_eq!(transliterate("Blåbærsaft", Ascii), "Blabaersaft");
        assert_eq!(transliterate("Łódź", Ascii), "Lodz");
        assert_eq!(transliterate("Œuvre", Ascii), "Oeuvre");
        assert_eq!(transliterate("ÆØÅ", Ascii), "AEOA");
        assert_eq!(transliterate("Straße", Ascii), "Strasse");
        assert_eq!(transliterate("plain ASCII", Ascii), "plain ASCII");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Jalapeño Poppers"), "jalapeno-poppers");
        assert_eq!(slug("Café au Lait (Iced)"), "cafe-au-lait-iced");
        assert_eq!(slug("  --Hello,   World--  "), "hello-world");
        assert_eq!(slug("!!!"), "");
    }

    #[test]
    fn code_point_round_trip() {
        assert_eq!(code_point("€"), "U+20AC");
        assert_eq!(code_point(""), "");
        assert_eq!(from_code_point("U+00E9, U+20AC").unwrap(), "é€");
        for bad in ["", "00E9", "U+", "U+D800", "U+1234567", "U+XYZ"] {
            assert!(from_code_point(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn nato_spelling() {
        assert_eq!(nato("GEM"), "Golf Echo Mike");
        assert_eq!(nato("DUB"), "Delta Uniform Bravo");
        assert_eq!(nato("A-1"), "Alfa - One");
        assert_eq!(nato(""), "");
    }
}
