//! Currencies (ISO 4217) by code, name, symbol, or an amount written with one.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::choice::choice;
use crate::codes::data::currencies::CURRENCIES;
use crate::codes::names::NameIndex;
use crate::codes::records::CurrencyRecord;
use crate::error::{Error, Result};

choice! {
    /// What [`currency`] gives for a currency.
    pub enum CurrencyField ("currency field") {
        /// ISO 4217 code: `USD`.
        Code = "code",
        /// CLDR English name: `US Dollar`, `British Pound`, `Japanese Yen`.
        Name = "name",
        /// CLDR English symbol, unambiguous among currencies: `$`, `CA$`, `£`, `SEK`.
        Symbol = "symbol",
        /// The symbol used at home, which may be shared: `$` for CAD too, `kr`.
        NarrowSymbol = "narrow symbol" | "local symbol",
        /// Digits after the decimal point in amounts: `2`, `0` for JPY.
        Decimals = "decimals" | "digits",
    }
}

/// Words people use for a currency alone, each naming the currency most meant by it
/// (`dollar` is the US dollar, `pound` sterling); currencies CLDR names in full only.
const ALIASES: &[(&str, &str)] = &[
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("pound", "GBP"),
    ("pounds", "GBP"),
    ("pound sterling", "GBP"),
    ("sterling", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("RMB", "CNY"),
    ("won", "KRW"),
    ("rand", "ZAR"),
    ("real", "BRL"),
    ("reais", "BRL"),
    ("ruble", "RUB"),
    ("rouble", "RUB"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("zloty", "PLN"),
    ("zlotys", "PLN"),
    ("forint", "HUF"),
    ("koruna", "CZK"),
    ("baht", "THB"),
    ("ringgit", "MYR"),
    ("rupiah", "IDR"),
    ("shekel", "ILS"),
    ("shekels", "ILS"),
    ("naira", "NGN"),
    ("hryvnia", "UAH"),
    ("dong", "VND"),
    ("rupee", "INR"),
    ("rupees", "INR"),
];

/// Symbols in common use that CLDR's English data writes otherwise.
const SYMBOL_ALIASES: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("C$", "CAD"),
    ("AU$", "AUD"),
    ("S$", "SGD"),
    ("NZ$", "NZD"),
];

static BY_NAME: LazyLock<NameIndex<usize>> = LazyLock::new(|| {
    let names = |record: &CurrencyRecord| [&[record.name], record.other_names].concat();
    NameIndex::of(CURRENCIES, names, ALIASES, |record| record.code)
});

/// Symbols to currencies: CLDR's English symbols first (each names one currency), then
/// narrow symbols that no English symbol claims, kept only when one currency has them
/// (`₺`, `฿`; not `kr`, which four currencies share).
static BY_SYMBOL: LazyLock<HashMap<&'static str, Option<usize>>> = LazyLock::new(|| {
    let position = |code: &str| CURRENCIES.iter().position(|record| record.code == code);
    let mut symbols: HashMap<&'static str, Option<usize>> = HashMap::new();
    for (index, record) in CURRENCIES.iter().enumerate() {
        if record.symbol != record.code {
            symbols
                .entry(record.symbol)
                .and_modify(|entry| *entry = None)
                .or_insert(Some(index));
        }
    }
    let english: Vec<&str> = symbols.keys().copied().collect();
    let mut narrow: HashMap<&'static str, Option<usize>> = HashMap::new();
    for (index, record) in CURRENCIES.iter().enumerate() {
        if record.narrow_symbol != record.code && !english.contains(&record.narrow_symbol) {
            narrow
                .entry(record.narrow_symbol)
                .and_modify(|entry| *entry = None)
                .or_insert(Some(index));
        }
    }
    symbols.extend(narrow);
    for (symbol, code) in SYMBOL_ALIASES {
        symbols.insert(symbol, position(code));
    }
    symbols
});

/// `field` of the currency written in `text`: an ISO code (`usd`), a name (`US dollars`,
/// `euro`, `yen`), a symbol (`€`, `£`, `₹`, `R$`) or an amount written with one
/// (`€49.99`, `49.99 EUR`, `₩15,000`). A bare `$` is the US dollar and `¥` the Japanese
/// yen (CLDR's English symbols); symbols that several currencies share are errors.
///
/// ```
/// # use gemfill_knowledge::codes::{currency, CurrencyField};
/// assert_eq!(currency("JPY", CurrencyField::Name).unwrap(), "Japanese Yen");
/// assert_eq!(currency("£8.50", CurrencyField::Code).unwrap(), "GBP");
/// assert_eq!(currency("₺240", CurrencyField::Code).unwrap(), "TRY");
/// assert!(currency("kr 100", CurrencyField::Code).is_err());
/// ```
pub fn currency(text: &str, field: CurrencyField) -> Result<String> {
    let record = find_currency(text)?;
    Ok(match field {
        CurrencyField::Code => record.code.to_string(),
        CurrencyField::Name => record.name.to_string(),
        CurrencyField::Symbol => record.symbol.to_string(),
        CurrencyField::NarrowSymbol => record.narrow_symbol.to_string(),
        CurrencyField::Decimals => record.digits.to_string(),
    })
}

fn find_currency(text: &str) -> Result<&'static CurrencyRecord> {
    let trimmed = text.trim();
    let has_digits = trimmed.chars().any(|c| c.is_ascii_digit());
    let amount_part = |c: char| {
        c.is_ascii_digit()
            || c.is_whitespace()
            || matches!(c, '.' | ',' | '\'' | '-' | '+' | '\u{2212}')
    };
    let name = if has_digits {
        trimmed.trim_matches(amount_part)
    } else {
        trimmed
    };
    if name.is_empty() || (has_digits && name.chars().any(|c| c.is_ascii_digit())) {
        return Err(Error::not_found("currency", text));
    }
    let upper = name.to_ascii_uppercase();
    if name.len() == 3
        && name.bytes().all(|b| b.is_ascii_alphabetic())
        && let Some(record) = CURRENCIES.iter().find(|record| record.code == upper)
    {
        return Ok(record);
    }
    let sharing: Vec<&str> = CURRENCIES
        .iter()
        .filter(|record| record.symbol == name || record.narrow_symbol == name)
        .map(|record| record.code)
        .collect();
    let candidates = if sharing.is_empty() {
        "several currencies".to_string()
    } else {
        sharing.join(", ")
    };
    let ambiguous = || Error::Ambiguous {
        text: text.to_string(),
        candidates: candidates.clone(),
    };
    match BY_SYMBOL.get(name) {
        Some(Some(index)) => return Ok(&CURRENCIES[*index]),
        Some(None) => return Err(ambiguous()),
        None => {}
    }
    match BY_NAME.get(name) {
        Ok(Some(index)) => Ok(&CURRENCIES[index]),
        Ok(None) => Err(Error::not_found("currency", text)),
        Err(()) => Err(ambiguous()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> String {
        currency(text, CurrencyField::Code).unwrap()
    }

    #[test]
    fn currencies_by_code_name_and_symbol() {
        for (text, expected) in [
            ("€49.99", "EUR"),
            ("£8.50", "GBP"),
            ("₹1,299", "INR"),
            ("₩15,000", "KRW"),
            ("₺240", "TRY"),
            ("₪89.90", "ILS"),
            ("฿350", "THB"),
            ("₴1,200", "UAH"),
            ("₱499", "PHP"),
            ("₦2,500", "NGN"),
            ("$5", "USD"),
            ("CA$5", "CAD"),
            ("R$ 10", "BRL"),
            ("49.99 EUR", "EUR"),
            ("usd", "USD"),
            ("US dollars", "USD"),
            ("euros", "EUR"),
            ("Japanese yen", "JPY"),
            ("yen", "JPY"),
            ("zł", "PLN"),
        ] {
            assert_eq!(code(text), expected, "{text}");
        }
    }

    #[test]
    fn currency_fields() {
        use CurrencyField::*;
        for (code, name) in [
            ("JPY", "Japanese Yen"),
            ("GBP", "British Pound"),
            ("USD", "US Dollar"),
            ("EUR", "Euro"),
            ("CHF", "Swiss Franc"),
            ("SEK", "Swedish Krona"),
            ("PLN", "Polish Zloty"),
            ("NZD", "New Zealand Dollar"),
        ] {
            assert_eq!(currency(code, Name).unwrap(), name);
        }
        assert_eq!(currency("EUR", Symbol).unwrap(), "€");
        assert_eq!(currency("CAD", Symbol).unwrap(), "CA$");
        assert_eq!(currency("CAD", NarrowSymbol).unwrap(), "$");
        assert_eq!(currency("JPY", Decimals).unwrap(), "0");
    }

    #[test]
    fn unknown_and_ambiguous() {
        assert!(matches!(
            currency("kr", CurrencyField::Code),
            Err(Error::Ambiguous { .. })
        ));
        assert!(matches!(
            currency("doubloons", CurrencyField::Code),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(
            currency("123", CurrencyField::Code),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(
            currency("", CurrencyField::Code),
            Err(Error::NotFound { .. })
        ));
    }
}
