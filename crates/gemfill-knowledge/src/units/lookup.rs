//! Finding units by name: in a cell (`unit_by_name("kilometres")`) or written after a
//! number in a text (`12km`, `5 ft`, `72°F`).
//!
//! A spelling matches case-sensitively first (`MB` is a megabyte, `Mb` a megabit); a
//! spelling that matches no unit that way matches ignoring case when that names one
//! unit only (`KM`, `Kilometres`), and is ambiguous otherwise (`mb`). Lower-case word
//! spellings also match with a final `s` (`cups`, `acres`).

use std::sync::LazyLock;

use crate::error::{Error, Result};
use crate::units::table::UNITS;
use crate::units::unit::{Dimension, Unit};

/// One way of writing a unit.
struct Spelling {
    text: String,
    lower: String,
    unit: &'static Unit,
}

/// Every spelling of every unit, longest first (so `km/h` wins over `km` in `12 km/h`).
static SPELLINGS: LazyLock<Vec<Spelling>> = LazyLock::new(|| {
    let mut spellings = Vec::new();
    for unit in UNITS {
        for &text in std::iter::once(&unit.symbol).chain(unit.spellings) {
            let mut push = |text: String| {
                let lower = text.to_lowercase();
                spellings.push(Spelling { text, lower, unit });
            };
            push(text.to_string());
            if takes_plural_s(text) {
                push(format!("{text}s"));
            }
        }
    }
    spellings.sort_by_key(|spelling| std::cmp::Reverse(spelling.text.len()));
    spellings
});

fn takes_plural_s(text: &str) -> bool {
    text.len() >= 3
        && text.ends_with(|c: char| c.is_ascii_lowercase() && c != 's')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == ' ' || c == '-')
}

/// Every unit the crate knows, in table order.
pub fn all_units() -> &'static [Unit] {
    UNITS
}

/// The unit named by `name`: its symbol or any spelling (`km`, `kilometres`, `KM`,
/// `°F`, `fahrenheit`, `sq ft`, `square feet`, `ft²`).
///
/// ```
/// # use gemfill_knowledge::units::unit_by_name;
/// assert_eq!(unit_by_name("kilometres").unwrap().symbol, "km");
/// assert_eq!(unit_by_name("square feet").unwrap().symbol, "sq ft");
/// assert!(unit_by_name("mb").is_err()); // a megabyte or a megabit?
/// ```
pub fn unit_by_name(name: &str) -> Result<&'static Unit> {
    let name = name.trim();
    if let Some(spelling) = SPELLINGS.iter().find(|spelling| spelling.text == name) {
        return Ok(spelling.unit);
    }
    let lower = name.to_lowercase();
    let units: Vec<&'static Unit> = SPELLINGS
        .iter()
        .filter(|spelling| spelling.lower == lower)
        .map(|spelling| spelling.unit)
        .collect();
    one_unit(name, units)
}

/// The symbol of the unit named by `name` (see [`unit_by_name`]).
pub fn unit_symbol(name: &str) -> Result<&'static str> {
    Ok(unit_by_name(name)?.symbol)
}

/// The unit spelled at byte offset `at` of `text` (after a number), and where its
/// spelling ends. A spelling that ends with a letter or digit must not run into the next
/// word (`5 mice` is no `mi`). Within a duration, `m` is a minute (`1h 30m`).
pub(crate) fn unit_at(
    text: &str,
    at: usize,
    within: Option<Dimension>,
) -> Result<Option<(&'static Unit, usize)>> {
    let rest = text.get(at..).unwrap_or("");
    let exact = SPELLINGS.iter().find(|spelling| {
        rest.starts_with(spelling.text.as_str()) && ends_cleanly_at(rest, spelling.text.len())
    });
    if let Some(spelling) = exact {
        if within == Some(Dimension::Duration) && spelling.text == "m" {
            return Ok(Some((unit_by_name("min")?, at + 1)));
        }
        return Ok(Some((spelling.unit, at + spelling.text.len())));
    }
    // Ignoring case: the longest spellings that match, which must name one unit.
    let mut matched_len = None;
    let mut units = Vec::new();
    for spelling in SPELLINGS.iter() {
        let len = spelling.text.len();
        if matched_len.is_some_and(|matched| matched > len) {
            break;
        }
        let candidate = rest.get(..len).filter(|_| ends_cleanly_at(rest, len));
        if candidate.is_some_and(|candidate| candidate.to_lowercase() == spelling.lower) {
            matched_len = Some(len);
            units.push(spelling.unit);
        }
    }
    match matched_len {
        Some(len) => Ok(Some((one_unit(&rest[..len], units)?, at + len))),
        None => Ok(None),
    }
}

/// Whether a spelling of `len` bytes at the start of `rest` ends where a word may end.
fn ends_cleanly_at(rest: &str, len: usize) -> bool {
    let Some(head) = rest.get(..len) else {
        return false;
    };
    let last_is_word = head.ends_with(|c: char| c.is_alphanumeric());
    !(last_is_word && rest[len..].starts_with(|c: char| c.is_alphanumeric()))
}

fn one_unit(name: &str, mut units: Vec<&'static Unit>) -> Result<&'static Unit> {
    units.sort_by_key(|unit| unit.symbol);
    units.dedup_by_key(|unit| unit.symbol);
    match units.as_slice() {
        [] => Err(Error::not_found("unit", name)),
        [unit] => Ok(unit),
        several => Err(Error::Ambiguous {
            text: name.to_string(),
            candidates: several
                .iter()
                .map(|unit| format!("{} ({})", unit.symbol, unit.name))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}
