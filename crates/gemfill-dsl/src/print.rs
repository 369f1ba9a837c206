//! The canonical printer.
//!
//! Every expression has exactly one text: operators as `name(arg, arg)` with `", "`
//! between arguments, `x` for column 0 and `xN` for the others, integers in decimal,
//! strings and delimiters with the fewest escapes that read back the same (the quote,
//! backslash, new line, tab and carriage return by name, other control characters as
//! `\u{hex}`). Parsing the printed text gives the same tree, and printing a parsed
//! program gives its canonical text.

use std::fmt::{self, Write as _};

use crate::ast::{CaseMode, Expr, Format, TableRef, TokenClass};

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Str(s) => write_quoted(f, s, '"'),
            Expr::Int(i) => write!(f, "{i}"),
            Expr::Bool(b) => write!(f, "{b}"),
            Expr::Var(0) => f.write_str("x"),
            Expr::Var(i) => write!(f, "x{i}"),
            Expr::Bound => f.write_str("w"),
            Expr::Tok(t) => t.fmt(f),
            Expr::Case(c) => c.fmt(f),
            Expr::Table(t) => t.fmt(f),
            Expr::Fmt(format) => format.fmt(f),
            Expr::App(op, args) => {
                write!(f, "{op}(")?;
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    arg.fmt(f)?;
                }
                f.write_char(')')
            }
        }
    }
}

impl fmt::Display for TokenClass {
    /// A named class by its name, a delimiter as `'c'`, a regex as `/source/`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenClass::Delim(c) => {
                let mut buffer = [0; 4];
                write_quoted(f, c.encode_utf8(&mut buffer), '\'')
            }
            TokenClass::Regex(r) => write_regex(f, r.source()),
            named => f.write_str(named.name().unwrap_or("?")),
        }
    }
}

impl fmt::Display for CaseMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for TableRef {
    /// A built-in table by its name; a user table as `@name`, or `@"name"` when the name
    /// is not an identifier.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableRef::Builtin(t) => f.write_str(t.name()),
            TableRef::User(name) if is_identifier(name) => write!(f, "@{name}"),
            TableRef::User(name) => {
                f.write_char('@')?;
                write_quoted(f, name, '"')
            }
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether `name` matches the grammar's identifiers, `[A-Za-z_][A-Za-z0-9_]*` (which are
/// also valid Python names, keywords apart).
///
/// ```
/// use gemfill_dsl::print::is_identifier;
/// assert!(is_identifier("zip_codes"));
/// assert!(!is_identifier("zip codes") && !is_identifier("2x") && !is_identifier(""));
/// ```
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Writes `text` between `quote`s, escaping the quote, backslash, new line, tab, carriage
/// return and other control characters.
fn write_quoted(f: &mut fmt::Formatter<'_>, text: &str, quote: char) -> fmt::Result {
    f.write_char(quote)?;
    for c in text.chars() {
        match c {
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\t' => f.write_str("\\t")?,
            '\r' => f.write_str("\\r")?,
            c if c == quote => {
                f.write_char('\\')?;
                f.write_char(c)?;
            }
            c if c.is_control() => write!(f, "\\u{{{:x}}}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char(quote)
}

/// Writes a regex source between slashes. Inside slashes `\/` stands for `/` and every
/// other backslash pair is kept as written, so each `/` is written `\/` and the rest
/// verbatim. A source that itself contains the escape `\/` (possible only for a regex
/// built in code) is written as `\/` too: it reads back as `/`, which the regex crate
/// matches identically.
fn write_regex(f: &mut fmt::Formatter<'_>, source: &str) -> fmt::Result {
    f.write_char('/')?;
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        match c {
            '/' => f.write_str("\\/")?,
            '\\' => match chars.next() {
                Some('/') => f.write_str("\\/")?,
                Some(next) => {
                    f.write_char('\\')?;
                    f.write_char(next)?;
                }
                None => f.write_char('\\')?,
            },
            c => f.write_char(c)?,
        }
    }
    f.write_char('/')
}
