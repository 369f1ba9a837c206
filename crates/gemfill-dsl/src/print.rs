//! The canonical printer.
//!
//! Every expression has exactly one text: operators as `name(arg, arg)` with `", "`
//! between arguments, `x` for column 0 and `xN` for the others, strings with the fewest
//! escapes that read back the same. Parsing the printed text gives the same tree.

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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenClass::Delim(c) => write_quoted(f, &c.to_string(), '\''),
            TokenClass::Regex(r) => {
                f.write_char('/')?;
                // Inside slashes `\/` stands for `/`; nothing else is escaped.
                f.write_str(&r.source().replace('/', "\\/"))?;
                f.write_char('/')
            }
            named => f.write_str(named.name().expect("named classes have names")),
        }
    }
}

impl fmt::Display for CaseMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for TableRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableRef::Builtin(t) => f.write_str(t.name()),
            TableRef::User(name) => write!(f, "@{name}"),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Writes `text` between `quote`s, escaping the quote, backslash, newline, tab, carriage
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
