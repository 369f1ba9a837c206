//! Lookup tables: the built-in ones and tables sent with a request. SKELETON.
use std::collections::BTreeMap;

/// Tables supplied by the caller, by name (without the `@`): each maps a key to a value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tables {
    user: BTreeMap<String, BTreeMap<String, String>>,
}
