//! The form in which names of places, languages and currencies are compared, so that
//! `Côte d'Ivoire`, `cote d’ivoire` and `COTE D IVOIRE` are one name, and
//! `St. Kitts & Nevis` is `Saint Kitts and Nevis`.

use std::collections::HashMap;
use std::hash::Hash;

use crate::encodings::remove_accents;

/// The comparison key of a name: accents removed, lower case, `&` as "and", `St.` as
/// "saint", punctuation as spaces, a leading "the" dropped, spaces collapsed.
pub(crate) fn name_key(name: &str) -> String {
    let plain = remove_accents(name).to_lowercase().replace('&', " and ");
    let spaced: String = plain
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c
            } else if c == '\'' || c == '’' {
                '\0'
            } else {
                ' '
            }
        })
        .filter(|c| *c != '\0')
        .collect();
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words
        .iter()
        .map(|word| if *word == "st" { "saint" } else { word })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An index from name keys to entries, where a key claimed by two different entries is
/// marked ambiguous rather than silently given to one of them.
pub(crate) struct NameIndex<T> {
    entries: HashMap<String, Option<T>>,
}

impl<T: Copy + PartialEq + Eq + Hash> NameIndex<T> {
    pub(crate) fn new() -> Self {
        NameIndex {
            entries: HashMap::new(),
        }
    }

    /// Files `entry` under the key of `name`.
    pub(crate) fn insert(&mut self, name: &str, entry: T) {
        let key = name_key(name);
        if key.is_empty() {
            return;
        }
        self.entries
            .entry(key)
            .and_modify(|existing| {
                if *existing != Some(entry) {
                    *existing = None;
                }
            })
            .or_insert(Some(entry));
    }

    /// The entry named by `name`: `Ok(None)` when no entry has that name, `Err(())` when
    /// several do.
    pub(crate) fn get(&self, name: &str) -> Result<Option<T>, ()> {
        match self.entries.get(&name_key(name)) {
            None => Ok(None),
            Some(Some(entry)) => Ok(Some(*entry)),
            Some(None) => Err(()),
        }
    }
}

impl NameIndex<usize> {
    /// An index of `records` (by position) under every name `names_of` gives each, and
    /// under each alias of `aliases`, a name with the code (as `code_of` gives it) of the
    /// record it means.
    pub(crate) fn of<R>(
        records: &[R],
        names_of: impl Fn(&R) -> Vec<&'static str>,
        aliases: &[(&str, &str)],
        code_of: impl Fn(&R) -> &str,
    ) -> Self {
        let mut index = NameIndex::new();
        for (position, record) in records.iter().enumerate() {
            for name in names_of(record) {
                index.insert(name, position);
            }
        }
        for (alias, code) in aliases {
            if let Some(position) = records.iter().position(|record| code_of(record) == *code) {
                index.insert(alias, position);
            }
        }
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_how_a_name_is_written() {
        assert_eq!(name_key("Côte d’Ivoire"), name_key("cote d'ivoire"));
        assert_eq!(name_key("St. Kitts & Nevis"), "saint kitts and nevis");
        assert_eq!(name_key("The Netherlands"), "netherlands");
        assert_eq!(name_key("  United   Kingdom "), "united kingdom");
        assert_eq!(name_key("Guinea-Bissau"), "guinea bissau");
    }

    #[test]
    fn the_index_refuses_to_guess() {
        let mut index = NameIndex::new();
        index.insert("Georgia", 1);
        index.insert("georgia", 2);
        index.insert("Texas", 3);
        assert_eq!(index.get("GEORGIA"), Err(()));
        assert_eq!(index.get("texas"), Ok(Some(3)));
        assert_eq!(index.get("Utah"), Ok(None));
    }
}
