//! Literals: the escapes of strings and delimiters, and the messages for regular
//! expressions.

/// Decodes the escapes of a string (`quote` = `"`) or delimiter (`quote` = `'`) literal.
/// An error gives the byte offset of the bad escape's backslash within `raw`.
pub(super) fn unescape(raw: &str, quote: char) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let bad = |message: String| Err((offset, message));
        let Some((_, escaped)) = chars.next() else {
            // The grammar pairs every backslash with the next character, so a lone one
            // cannot reach here; say something sensible anyway.
            return bad("a backslash must be followed by an escape".into());
        };
        match escaped {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '\\' => out.push('\\'),
            c if c == quote => out.push(c),
            'u' => {
                if chars.next_if(|&(_, c)| c == '{').is_none() {
                    return bad(
                        "bad escape '\\u': write a character code as \\u{HEX}, with 1 to 6 hex digits between braces".into(),
                    );
                }
                let mut digits = String::new();
                while let Some((_, d)) = chars.next_if(|&(_, c)| c.is_ascii_hexdigit()) {
                    digits.push(d);
                }
                if chars.next_if(|&(_, c)| c == '}').is_none() || digits.is_empty() {
                    return bad(
                        "bad escape: a character code is written \\u{HEX}, with 1 to 6 hex digits between braces".into(),
                    );
                }
                if digits.len() > 6 {
                    return bad(format!(
                        "bad escape \\u{{{digits}}}: a character code has at most 6 hex digits"
                    ));
                }
                match u32::from_str_radix(&digits, 16)
                    .ok()
                    .and_then(char::from_u32)
                {
                    Some(c) => out.push(c),
                    None => {
                        return bad(format!(
                            "bad escape \\u{{{digits}}}: that is not a Unicode character (surrogates and codes above 10FFFF are not)"
                        ));
                    }
                }
            }
            other => {
                let shown = match other {
                    c if c.is_control() || c.is_whitespace() => {
                        format!("\\u{{{:x}}}", c as u32)
                    }
                    c => c.to_string(),
                };
                let quote_name = if quote == '"' {
                    "a string"
                } else {
                    "a delimiter"
                };
                return bad(format!(
                    "unknown escape '\\{shown}' in {quote_name}; the escapes are \\{quote} \\\\ \\n \\t \\r and \\u{{HEX}}"
                ));
            }
        }
    }
    Ok(out)
}

/// The message for a regular expression that did not compile.
pub(super) fn regex_message(source: &str, error: &regex::Error) -> String {
    let detail = match error {
        // The regex crate's syntax errors draw the pattern with a caret over several lines;
        // the last line says what is wrong, and the position is already that of the regex.
        regex::Error::Syntax(text) => text
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty())
            .unwrap_or(text)
            .trim()
            .trim_start_matches("error: ")
            .to_string(),
        regex::Error::CompiledTooBig(limit) => {
            format!("it is too large once compiled (the limit is {limit} bytes)")
        }
        other => other.to_string(),
    };
    if detail.starts_with("the regular expression") {
        detail
    } else {
        format!(
            "invalid regular expression /{}/: {detail}",
            source.replace('/', "\\/")
        )
    }
}

/// `text` as a regex that matches it literally, in slash syntax.
pub(super) fn regex_escape(text: &str) -> String {
    regex::escape(text).replace('/', "\\/")
}
