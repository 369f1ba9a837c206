//! A gemfill program as a standalone Python 3 module: the language's runtime
//! (`runtime.py`, standard library only), the built-in tables the program uses, its token
//! classes compiled once, and one function that computes the program's value.

use std::fmt::Write as _;

use gemfill_dsl::print::is_identifier;
use gemfill_dsl::tables::builtin_entries;
use gemfill_dsl::{BuiltinTable, Expr, Op, Program, TableRef, TokenClass};

/// The Python side of the language, copied into every export.
const RUNTIME: &str = include_str!("runtime.py");

/// Why a program cannot be exported.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ExportError(pub String);

/// Python source defining `def NAME(x, x1, ..., tables=None)` that returns what `program`
/// returns (str, int or bool) and raises `GemfillError` where gemfill fails on a row.
pub fn to_python(program: &Program, function: &str) -> Result<String, ExportError> {
    if !is_identifier(function) {
        return Err(ExportError(format!(
            "{function:?} is not a Python function name"
        )));
    }
    let mut generator = Generator::default();
    let body = generator.expr(program.expr())?;
    let inputs = program.num_inputs().max(1);
    let params: Vec<String> = (0..inputs).map(variable).collect();

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Exported by `gemfill export --to python` from the gemfill program\n#   {}\n",
        program.to_string().replace('\n', "\n#   ")
    );
    out.push_str(RUNTIME);
    out.push('\n');
    // Month and weekday names, by normalised spelling, for reading dates.
    out.push_str(&dict_constant(
        "_MONTHS",
        builtin_entries(BuiltinTable::MonthNumber)
            .into_iter()
            .map(|(k, v)| (k, (v.parse::<usize>().unwrap_or(1) - 1).to_string())),
    ));
    out.push_str(&dict_constant(
        "_WEEKDAYS",
        builtin_entries(BuiltinTable::WeekdayName)
            .into_iter()
            .map(|(k, v)| (k, weekday_index(v).to_string())),
    ));
    for (table, name) in &generator.tables {
        out.push_str(&format!(
            "{name} = ({}, {})\n",
            python_str(table.name()),
            dict_literal(
                builtin_entries(*table)
                    .into_iter()
                    .map(|(k, v)| (k, python_str(v)))
            )
        ));
    }
    for (constant, name) in &generator.token_classes {
        out.push_str(&format!("{name} = {constant}\n"));
    }
    let _ = write!(
        out,
        "\n\ndef {function}({}, tables=None):\n    \"\"\"{}\n\n    Raises GemfillError where gemfill fails on the row. `tables` maps the names of\n    request tables (@name) to dicts.\n    \"\"\"\n    return {body}\n",
        params.join(", "),
        docstring(&gemfill_dsl::explain(program.expr()))
    );
    Ok(out)
}

fn weekday_index(name: &str) -> usize {
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    .iter()
    .position(|d| *d == name)
    .unwrap_or(0)
}

fn variable(index: usize) -> String {
    if index == 0 {
        "x".to_string()
    } else {
        format!("x{index}")
    }
}

fn docstring(text: &str) -> String {
    text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
}

/// A Python string literal for any text (non-ASCII characters written as themselves).
pub fn python_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            // Line and paragraph separators and other controls are safe as escapes
            // anywhere, and some editors break lines at them.
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn dict_literal(entries: impl Iterator<Item = (String, String)>) -> String {
    let items: Vec<String> = entries
        .map(|(k, v)| format!("{}: {v}", python_str(&k)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

fn dict_constant(name: &str, entries: impl Iterator<Item = (String, String)>) -> String {
    format!("{name} = {}\n", dict_literal(entries))
}

/// Turns expressions into Python expressions, collecting the module-level constants
/// (tables and token classes) they refer to.
#[derive(Default)]
struct Generator {
    tables: Vec<(BuiltinTable, String)>,
    /// Python constructor text -> constant name.
    token_classes: Vec<(String, String)>,
}

impl Generator {
    fn expr(&mut self, e: &Expr) -> Result<String, ExportError> {
        Ok(match e {
            Expr::Str(s) => python_str(s),
            Expr::Int(i) => format!("({i})"),
            Expr::Bool(b) => if *b { "True" } else { "False" }.to_string(),
            Expr::Var(i) => variable(*i),
            Expr::Bound => "w".to_string(),
            Expr::Tok(t) => self.token_class(t)?,
            Expr::Case(mode) => python_str(mode.name()),
            Expr::Fmt(format) => python_str(format.name()),
            Expr::Table(TableRef::Builtin(table)) => self.table(*table),
            Expr::Table(TableRef::User(name)) => {
                return Err(ExportError(format!(
                    "@{name} is a request table, handled by lookup itself"
                )));
            }
            Expr::App(op, args) => self.app(*op, args)?,
        })
    }

    fn app(&mut self, op: Op, args: &[Expr]) -> Result<String, ExportError> {
        match (op, args) {
            (Op::If, [condition, then, otherwise]) => Ok(format!(
                "({} if {} else {})",
                self.expr(then)?,
                self.expr(condition)?,
                self.expr(otherwise)?
            )),
            (Op::Map, [s, t, body, sep]) => Ok(format!(
                "map_({}, {}, lambda w: {}, {})",
                self.expr(s)?,
                self.expr(t)?,
                self.expr(body)?,
                self.expr(sep)?
            )),
            (Op::Lookup, [Expr::Table(TableRef::User(name)), key]) => Ok(format!(
                "lookup_user(tables, {}, {})",
                python_str(name),
                self.expr(key)?
            )),
            _ => {
                let function = match op {
                    Op::Len => "length",
                    Op::Not => "not_",
                    Op::If | Op::Map => {
                        return Err(ExportError(format!(
                            "{} has {} arguments",
                            op.name(),
                            args.len()
                        )));
                    }
                    other => other.name(),
                };
                let args = args
                    .iter()
                    .map(|a| self.expr(a))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(format!("{function}({})", args.join(", ")))
            }
        }
    }

    fn table(&mut self, table: BuiltinTable) -> String {
        if let Some((_, name)) = self.tables.iter().find(|(t, _)| *t == table) {
            return name.clone();
        }
        let name = format!("_TABLE_{}", table.name().to_uppercase());
        self.tables.push((table, name.clone()));
        name
    }

    fn token_class(&mut self, t: &TokenClass) -> Result<String, ExportError> {
        let constructor = match t {
            TokenClass::Delim(c) => format!("Tok(\"delim\", {})", python_str(&c.to_string())),
            TokenClass::Regex(re) => format!(
                "Tok(\"regex\", {})",
                python_str(&python_regex(re.source())?)
            ),
            named => format!("Tok({})", python_str(named.name().unwrap_or_default())),
        };
        if let Some((_, name)) = self.token_classes.iter().find(|(c, _)| *c == constructor) {
            return Ok(name.clone());
        }
        let name = format!("_TOK_{}", self.token_classes.len());
        self.token_classes.push((constructor, name.clone()));
        Ok(name)
    }
}

/// Rewrites a pattern in the syntax of Rust's regex crate for Python's `re`, where the two
/// differ in meaning: `$` (end of text in Rust; Python's also matches before a final new
/// line) becomes `\Z`, and `\z` becomes `\Z`; `\w` gets the combining marks that Rust's
/// word characters include and Python's lack, and `\b`, `\B` are rebuilt on that `\w`;
/// `\s` is Unicode White_Space exactly (Python's also has U+001C..U+001F). Syntax that
/// `re` lacks (Unicode classes `\p{..}`, POSIX classes `[[:alpha:]]`, class set
/// operations) is refused with a clear error rather than translated approximately.
pub fn python_regex(source: &str) -> Result<String, ExportError> {
    let refuse = |what: &str| {
        Err(ExportError(format!(
            "the regex /{source}/ uses {what}, which Python's re module does not have; rewrite it without"
        )))
    };
    let mut out = String::with_capacity(source.len() + 4);
    let mut chars = source.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match next {
                    'p' | 'P' => return refuse("a Unicode class (\\p)"),
                    'z' if !in_class => out.push_str("\\Z"),
                    'w' if in_class => out.push_str(word_chars()),
                    'w' => out.push_str(&format!("[{}]", word_chars())),
                    'W' if !in_class => out.push_str(&format!("[^{}]", word_chars())),
                    's' if in_class => out.push_str(WHITE_SPACE),
                    's' => out.push_str(&format!("[{WHITE_SPACE}]")),
                    'S' if !in_class => out.push_str(&format!("[^{WHITE_SPACE}]")),
                    'W' | 'S' | 'b' | 'B' if in_class => {
                        return refuse("a negated or boundary class inside [...]");
                    }
                    'b' => {
                        let w = word_chars();
                        out.push_str(&format!("(?:(?<=[{w}])(?![{w}])|(?<![{w}])(?=[{w}]))"));
                    }
                    'B' => {
                        let w = word_chars();
                        out.push_str(&format!("(?:(?<=[{w}])(?=[{w}])|(?<![{w}])(?![{w}]))"));
                    }
                    _ => {
                        out.push('\\');
                        out.push(next);
                    }
                }
            }
            '[' if in_class && matches!(chars.peek(), Some(':')) => {
                return refuse("a POSIX class ([[:name:]])");
            }
            '[' if in_class => return refuse("a nested character class"),
            '[' => {
                in_class = true;
                out.push('[');
                // A ']' or '^]' right after '[' is a literal, in both syntaxes.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap_or(']'));
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '&' | '-' | '~' if in_class && chars.peek() == Some(&c) => {
                return refuse("a class set operation (&&, --, ~~)");
            }
            '$' if !in_class => out.push_str("\\Z"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Unicode White_Space as the body of a Python character class.
const WHITE_SPACE: &str =
    "\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

/// Python's `\w` plus every combining mark (as gemfill's tables classify them), as the
/// body of a character class.
fn word_chars() -> &'static str {
    static WORD: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    WORD.get_or_init(build_word_chars)
}

fn build_word_chars() -> String {
    let mut out = String::from("\\w");
    let mut run: Option<(u32, u32)> = None;
    let flush = |out: &mut String, (a, b): (u32, u32)| {
        let _ = write!(out, "\\U{a:08x}");
        if b > a {
            let _ = write!(out, "-\\U{b:08x}");
        }
    };
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        if !gemfill_dsl::tokens::is_mark(c) {
            continue;
        }
        let code = c as u32;
        run = match run {
            Some((a, b)) if b + 1 == code => Some((a, code)),
            Some(done) => {
                flush(&mut out, done);
                Some((code, code))
            }
            None => Some((code, code)),
        };
    }
    if let Some(done) = run {
        flush(&mut out, done);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regexes_keep_their_meaning_in_python() {
        assert_eq!(
            python_regex(r"[A-Z]{2}-[0-9]+").unwrap(),
            r"[A-Z]{2}-[0-9]+"
        );
        assert_eq!(python_regex(r"\d+$").unwrap(), r"\d+\Z");
        assert!(
            python_regex(r"\w+")
                .unwrap()
                .contains(r"\U00000300-\U0000036f")
        );
        assert!(python_regex(r"[\W]").is_err());
        assert_eq!(python_regex(r"[$]x\z").unwrap(), r"[$]x\Z");
        assert_eq!(python_regex(r"[]a]").unwrap(), r"[]a]");
        assert!(python_regex(r"\p{L}+").is_err());
        assert!(python_regex(r"[[:alpha:]]").is_err());
        assert!(python_regex(r"[a-z&&[^aeiou]]").is_err());
    }

    #[test]
    fn string_literals_escape_what_python_needs() {
        assert_eq!(python_str("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(python_str("Zoë 😀"), "\"Zoë 😀\"");
        assert_eq!(python_str("\u{1}"), r#""\x01""#);
    }

    #[test]
    fn function_names_must_be_identifiers() {
        let program = Program::parse("x").unwrap();
        assert!(to_python(&program, "my-func").is_err());
        assert!(to_python(&program, "fill_2").is_ok());
    }
}
