//! Languages (ISO 639) and locale tags (BCP 47: `pt-BR`, `zh-Hant-TW`) with their CLDR
//! English names.

use std::sync::LazyLock;

use crate::choice::choice;
use crate::codes::country::find_country;
use crate::codes::data::languages::{LANGUAGES, SCRIPTS};
use crate::codes::names::NameIndex;
use crate::codes::records::{CountryRecord, LanguageRecord};
use crate::error::{Error, Result};

choice! {
    /// What [`language`] gives for a language or locale.
    pub enum LanguageField ("language field") {
        /// The English name: `German`; for a locale, CLDR's pattern `Portuguese (Brazil)`,
        /// `Chinese (Traditional, Taiwan)`.
        Name = "name",
        /// The language's ISO 639 code, two letters where there are: `de`.
        Code = "code",
        /// The ISO 639-2/T three-letter code: `deu`.
        Alpha3 = "alpha3",
        /// The locale tag, cased as BCP 47 writes it: `pt-BR`, `zh-Hant-TW`.
        Tag = "tag",
    }
}

static BY_NAME: LazyLock<NameIndex<usize>> = LazyLock::new(|| {
    let names = |record: &LanguageRecord| [&[record.name], record.other_names].concat();
    NameIndex::of(LANGUAGES, names, &[], |record| record.code)
});

/// A language with an optional script and region.
struct Locale {
    language: &'static LanguageRecord,
    script: Option<(&'static str, &'static str)>,
    region: Option<&'static CountryRecord>,
}

/// `field` of the language or locale written in `text`: a code (`de`, `deu`, `ger`), an
/// English name (`German`), a tag (`pt-BR`, `pt_BR`, `zh-Hant-TW`) or a locale's name
/// (`Portuguese (Brazil)`).
///
/// ```
/// # use gemfill_knowledge::codes::{language, LanguageField};
/// assert_eq!(language("de", LanguageField::Name).unwrap(), "German");
/// assert_eq!(language("Japanese", LanguageField::Code).unwrap(), "ja");
/// assert_eq!(language("pt-BR", LanguageField::Name).unwrap(), "Portuguese (Brazil)");
/// assert_eq!(language("French (Canada)", LanguageField::Tag).unwrap(), "fr-CA");
/// ```
pub fn language(text: &str, field: LanguageField) -> Result<String> {
    let locale = read_locale(text)?;
    let record = locale.language;
    Ok(match field {
        LanguageField::Name => {
            let mut qualifiers: Vec<&str> = Vec::new();
            qualifiers.extend(locale.script.map(|(_, name)| name));
            qualifiers.extend(locale.region.map(|region| region.name));
            if qualifiers.is_empty() {
                record.name.to_string()
            } else {
                format!("{} ({})", record.name, qualifiers.join(", "))
            }
        }
        LanguageField::Code => record.code.to_string(),
        LanguageField::Alpha3 if record.alpha3.is_empty() => {
            return Err(Error::missing(record.name, "ISO 639-2 code"));
        }
        LanguageField::Alpha3 => record.alpha3.to_string(),
        LanguageField::Tag => {
            let mut tag = record.code.to_string();
            for subtag in locale
                .script
                .map(|(code, _)| code)
                .into_iter()
                .chain(locale.region.map(|r| r.alpha2))
            {
                tag.push('-');
                tag.push_str(subtag);
            }
            tag
        }
    })
}

fn read_locale(text: &str) -> Result<Locale> {
    let trimmed = text.trim();
    let not_found = || Error::not_found("language", text);
    if let Some(open) = trimmed.find('(')
        && let Some(inner) = trimmed[open + 1..].strip_suffix(')')
    {
        let language = language_by_name_or_code(trimmed[..open].trim()).ok_or_else(not_found)?;
        let mut locale = Locale {
            language,
            script: None,
            region: None,
        };
        for qualifier in inner.split(',').map(str::trim) {
            match SCRIPTS
                .iter()
                .find(|(_, name)| name.eq_ignore_ascii_case(qualifier))
            {
                Some(script) => locale.script = Some(*script),
                None => locale.region = Some(find_country(qualifier)?),
            }
        }
        return Ok(locale);
    }
    let subtags: Vec<&str> = trimmed.split(['-', '_']).collect();
    if subtags.len() > 1
        && subtags.len() <= 3
        && subtags.iter().all(|s| !s.is_empty() && s.is_ascii())
    {
        let language = language_by_code(subtags[0]).ok_or_else(not_found)?;
        let mut locale = Locale {
            language,
            script: None,
            region: None,
        };
        for subtag in &subtags[1..] {
            if subtag.len() == 4 && locale.script.is_none() && locale.region.is_none() {
                let script = SCRIPTS
                    .iter()
                    .find(|(code, _)| code.eq_ignore_ascii_case(subtag));
                locale.script = Some(*script.ok_or_else(|| Error::not_found("script", subtag))?);
            } else if subtag.len() == 2 && locale.region.is_none() {
                locale.region = Some(find_country(subtag)?);
            } else {
                return Err(Error::malformed(text, "a locale tag like pt-BR"));
            }
        }
        return Ok(locale);
    }
    let language = language_by_name_or_code(trimmed).ok_or_else(not_found)?;
    Ok(Locale {
        language,
        script: None,
        region: None,
    })
}

fn language_by_code(code: &str) -> Option<&'static LanguageRecord> {
    let lower = code.to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|record| record.code == lower)
        .or_else(|| {
            (lower.len() == 3)
                .then(|| {
                    LANGUAGES.iter().find(|record| {
                        record.alpha3 == lower || record.alpha3_bibliographic == lower
                    })
                })
                .flatten()
        })
}

fn language_by_name_or_code(text: &str) -> Option<&'static LanguageRecord> {
    let code_like = (2..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphabetic());
    let by_code = if code_like {
        language_by_code(text)
    } else {
        None
    };
    by_code.or_else(|| {
        BY_NAME
            .get(text)
            .ok()
            .flatten()
            .map(|position| &LANGUAGES[position])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_by_code_and_name() {
        use LanguageField::*;
        for (code, name) in [
            ("de", "German"),
            ("ja", "Japanese"),
            ("es", "Spanish"),
            ("zh", "Chinese"),
            ("el", "Greek"),
            ("he", "Hebrew"),
            ("uk", "Ukrainian"),
            ("ga", "Irish"),
            ("ca", "Catalan"),
            ("hi", "Hindi"),
        ] {
            assert_eq!(language(code, Name).unwrap(), name);
            assert_eq!(language(name, Code).unwrap(), code);
        }
        assert_eq!(language("ger", Code).unwrap(), "de");
        assert_eq!(language("deu", Name).unwrap(), "German");
        assert_eq!(language("German", Alpha3).unwrap(), "deu");
        assert_eq!(language("german", Tag).unwrap(), "de");
    }

    #[test]
    fn locales() {
        use LanguageField::*;
        for (tag, name) in [
            ("pt-BR", "Portuguese (Brazil)"),
            ("en-GB", "English (United Kingdom)"),
            ("fr-CA", "French (Canada)"),
            ("de-AT", "German (Austria)"),
            ("en-US", "English (United States)"),
            ("ar-EG", "Arabic (Egypt)"),
            ("zh-Hant-TW", "Chinese (Traditional, Taiwan)"),
            ("sr-Latn", "Serbian (Latin)"),
        ] {
            assert_eq!(language(tag, Name).unwrap(), name);
            assert_eq!(language(name, Tag).unwrap(), tag);
        }
        assert_eq!(language("pt_br", Tag).unwrap(), "pt-BR");
        assert_eq!(language("pt-BR", Code).unwrap(), "pt");
    }

    #[test]
    fn unknown_languages() {
        assert!(language("Klingonese", LanguageField::Code).is_err());
        assert!(language("xx-YY", LanguageField::Name).is_err());
        assert!(language("en-GB-oed-x", LanguageField::Name).is_err());
        assert!(language("", LanguageField::Name).is_err());
    }
}
