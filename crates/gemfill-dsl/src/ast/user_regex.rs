//! User regular expressions as program leaves: compiled once, compared by their text.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A user regular expression: its source text and the compiled automaton, shared by every
/// evaluation of the program (the regex is compiled once, when the program is built).
/// Equality, ordering and hashing look at the source text only.
#[derive(Clone, Debug)]
pub struct UserRegex {
    source: Arc<str>,
    compiled: Arc<regex::Regex>,
}

impl UserRegex {
    /// Compiles `source` (syntax of the `regex` crate, which runs in linear time). The
    /// compiled size is bounded so that a hostile pattern cannot exhaust memory.
    pub fn new(source: &str) -> Result<UserRegex, regex::Error> {
        let compiled = regex::RegexBuilder::new(source)
            .size_limit(1 << 20)
            .dfa_size_limit(1 << 20)
            .build()?;
        if compiled.is_match("") {
            // A class that matches the empty string would make token positions ambiguous
            // (`token(x, /a*/, 0)` matches everywhere); reject it up front.
            return Err(regex::Error::Syntax(format!(
                "the regular expression /{source}/ matches the empty string; token classes must match at least one character"
            )));
        }
        Ok(UserRegex {
            source: source.into(),
            compiled: Arc::new(compiled),
        })
    }

    /// The pattern as written between the slashes.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The compiled pattern.
    pub fn regex(&self) -> &regex::Regex {
        &self.compiled
    }
}

impl PartialEq for UserRegex {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}
impl Eq for UserRegex {}
impl Hash for UserRegex {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.source.hash(state)
    }
}
impl PartialOrd for UserRegex {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for UserRegex {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.source.cmp(&other.source)
    }
}
