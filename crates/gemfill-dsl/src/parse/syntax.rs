//! Syntax errors: pest's error turned into one that says in plain words what was expected
//! and what was found instead.

use pest::error::{ErrorVariant, InputLocation};

use super::grammar::Rule;
use super::position::{Locator, ParseError};
use crate::limits::MAX_NESTING;

/// The message for calls nested deeper than [`MAX_NESTING`] (pest's own depth limit and
/// the builder's say the same).
pub(super) fn nesting_message() -> String {
    format!("calls are nested too deeply (the limit is {MAX_NESTING} levels)")
}

/// Turns pest's error into one that says in plain words what was expected, and what was
/// found instead.
pub(super) fn syntax_error(
    error: &pest::error::Error<Rule>,
    text: &str,
    locator: &mut Locator<'_>,
) -> ParseError {
    let byte = match error.location {
        InputLocation::Pos(at) => at,
        InputLocation::Span((at, _)) => at,
    };
    let positives = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.as_slice(),
        ErrorVariant::CustomError { message } => {
            let message = if message.contains("limit reached") {
                nesting_message()
            } else {
                message.clone()
            };
            return ParseError::at(locator.locate(byte), message);
        }
    };
    let unclosed = positives
        .iter()
        .any(|r| matches!(r, Rule::string_end | Rule::delim_end | Rule::regex_end));
    if unclosed && let Some((start, open)) = unclosed_literal(text) {
        let what = match open {
            '"' => "string",
            '\'' => "delimiter",
            _ => "regular expression",
        };
        return ParseError::at(
            locator.locate(start),
            format!(
                "this {what} is never closed: expected a closing {open} before the end of the program"
            ),
        );
    }
    if positives.contains(&Rule::regex_inner) {
        return ParseError::at(
            locator.locate(byte.saturating_sub(1)),
            "empty regular expression: a token class /.../ needs a pattern between the slashes (comments start with '#')",
        );
    }
    if positives.contains(&Rule::table_name) {
        return ParseError::at(
            locator.locate(byte),
            format!(
                "expected a table name after '@' (such as @dept, or @\"zip codes\" for a name with spaces), found {}",
                found(text, byte)
            ),
        );
    }
    let at = locator.locate(byte);
    if text[byte.min(text.len())..].is_empty() && only_blank(text) {
        return ParseError::at(at, "the program is empty: expected an expression");
    }
    // A name may always be followed by `(`: saying so next to `,` or `)` only distracts.
    let mut words: Vec<(u8, &str)> = positives
        .iter()
        .filter(|&&r| r != Rule::open || positives.len() == 1)
        .filter_map(|&r| describe(r))
        .collect();
    words.sort();
    words.dedup();
    let words: Vec<&str> = words.into_iter().map(|(_, w)| w).collect();
    let expected = match words.as_slice() {
        [] => "unexpected text".to_string(),
        [one] => format!("expected {one}"),
        [rest @ .., last] => format!("expected {} or {last}", rest.join(", ")),
    };
    ParseError::at(at, format!("{expected}, found {}", found(text, byte)))
}

/// Plain words for what a rule stands for, with a rank that orders them in messages.
fn describe(rule: Rule) -> Option<(u8, &'static str)> {
    Some(match rule {
        Rule::comma => (0, "','"),
        Rule::close => (1, "')'"),
        Rule::open => (2, "'('"),
        Rule::call
        | Rule::name
        | Rule::int
        | Rule::string
        | Rule::delim
        | Rule::regex
        | Rule::table_ref
        | Rule::program => (3, "an expression"),
        Rule::EOI => (4, "the end of the program"),
        Rule::string_end => (5, "'\"'"),
        Rule::delim_end => (5, "'"),
        Rule::regex_end => (5, "'/'"),
        Rule::table_name => (6, "a table name"),
        Rule::regex_inner => (6, "a regular expression"),
        _ => return None,
    })
}

/// Describes the text at `byte` for "found ..." in messages.
fn found(text: &str, byte: usize) -> String {
    let rest = &text[byte.min(text.len())..];
    let Some(c) = rest.chars().next() else {
        return "the end of the program".into();
    };
    if c.is_ascii_alphanumeric() || c == '_' {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(40)
            .collect();
        return format!("'{word}'");
    }
    match c {
        '\n' => "the end of the line".into(),
        c if c.is_control() || c.is_whitespace() => format!("the character U+{:04X}", c as u32),
        c => format!("'{c}'"),
    }
}

/// Whether `text` holds nothing but white space and comments.
fn only_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim_start_matches([' ', '\t', '\r']);
        line.is_empty() || line.starts_with('#')
    })
}

/// The byte offset and opening character of the literal (`"`, `'` or `/`) still open at
/// the end of `text`, scanning with the grammar's lexical rules.
fn unclosed_literal(text: &str) -> Option<(usize, char)> {
    let mut open: Option<(usize, char)> = None;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match open {
            Some((_, close)) => {
                if c == '\\' {
                    chars.next();
                } else if c == close {
                    open = None;
                }
            }
            None => match c {
                '#' => {
                    for (_, c) in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                '"' | '\'' | '/' => open = Some((at, c)),
                _ => {}
            },
        }
    }
    open
}
