//! A small s-expression reader for SyGuS-IF files, keeping the line of every node so that
//! errors can point at it.
use std::fmt;

use crate::error::LoadError;

/// The two SyGuS-IF versions differ, lexically, only in string literals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// SyGuS-IF 1.0: SMT-LIB 2.0 strings, where `\"` is a quote and `\\` a backslash.
    V1,
    /// SyGuS-IF 2.x: SMT-LIB 2.6 strings, where `""` is a quote and only the `\u` escapes of
    /// the strings theory stand for something else than themselves.
    V2,
}

/// An atom of an s-expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Atom {
    /// A string literal, escapes resolved.
    Str(String),
    /// An integer numeral, as normalized decimal text (`-` then digits without leading
    /// zeros). Kept as text so that no numeral is too large to read.
    Int(String),
    /// A symbol or keyword (`f`, `str.++`, `:option`), or a literal of a sort we have no use
    /// for (`#x0F`, `1.5`), verbatim.
    Symbol(String),
}

/// A node of an s-expression with the 1-based line where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    pub line: usize,
    pub kind: NodeKind,
}

/// An atom or a parenthesized list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NodeKind {
    Atom(Atom),
    List(Vec<Node>),
}

impl Node {
    /// The elements, when the node is a list.
    pub fn list(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::List(items) => Some(items),
            NodeKind::Atom(_) => None,
        }
    }

    /// The name, when the node is a symbol.
    pub fn symbol(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Atom(Atom::Symbol(s)) => Some(s),
            _ => None,
        }
    }

    /// The first element's name, when the node is a list that starts with a symbol: the
    /// command or function it applies.
    pub fn head(&self) -> Option<&str> {
        self.list()?.first()?.symbol()
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            NodeKind::Atom(Atom::Str(s)) => write!(f, "\"{}\"", s.replace('"', "\"\"")),
            NodeKind::Atom(Atom::Int(n)) => {
                if let Some(abs) = n.strip_prefix('-') {
                    write!(f, "(- {abs})")
                } else {
                    f.write_str(n)
                }
            }
            NodeKind::Atom(Atom::Symbol(s)) => f.write_str(s),
            NodeKind::List(items) => {
                f.write_str("(")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// How deeply lists may nest; SyGuS files in the wild stay far below this.
const MAX_DEPTH: usize = 1000;

/// Reads every top-level s-expression of `text`.
pub(crate) fn read_all(text: &str, dialect: Dialect) -> Result<Vec<Node>, LoadError> {
    let mut reader = Reader {
        chars: text.chars().collect(),
        pos: 0,
        line: 1,
        dialect,
    };
    let mut nodes = Vec::new();
    // An explicit stack instead of recursion, and a depth limit, so that no file can
    // overflow the call stack here or in the recursive walks (and drops) of the tree.
    let mut stack: Vec<(usize, Vec<Node>)> = Vec::new();
    loop {
        reader.skip_blank();
        let Some(c) = reader.peek() else { break };
        let line = reader.line;
        let node = match c {
            '(' => {
                reader.pos += 1;
                if stack.len() == MAX_DEPTH {
                    return Err(LoadError::malformed(
                        line,
                        format!("s-expressions nested more than {MAX_DEPTH} deep"),
                    ));
                }
                stack.push((line, Vec::new()));
                continue;
            }
            ')' => {
                reader.pos += 1;
                let Some((open_line, items)) = stack.pop() else {
                    return Err(LoadError::malformed(line, "unexpected `)`"));
                };
                Node {
                    line: open_line,
                    kind: NodeKind::List(items),
                }
            }
            '"' => Node {
                line,
                kind: NodeKind::Atom(Atom::Str(reader.string()?)),
            },
            '|' => Node {
                line,
                kind: NodeKind::Atom(Atom::Symbol(reader.quoted_symbol()?)),
            },
            _ => Node {
                line,
                kind: NodeKind::Atom(reader.bare_atom()),
            },
        };
        match stack.last_mut() {
            Some((_, items)) => items.push(node),
            None => nodes.push(node),
        }
    }
    if let Some((open_line, _)) = stack.last() {
        return Err(LoadError::malformed(
            *open_line,
            "`(` is never closed (unbalanced parentheses)",
        ));
    }
    Ok(nodes)
}

struct Reader {
    chars: Vec<char>,
    pos: usize,
    line: usize,
    dialect: Dialect,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    /// Skips white space and `;` comments.
    fn skip_blank(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.bump();
            } else if c == ';' {
                while let Some(c) = self.bump() {
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    /// Reads a string literal starting at the opening quote.
    fn string(&mut self) -> Result<String, LoadError> {
        let start_line = self.line;
        self.bump();
        let mut out = String::new();
        loop {
            let Some(c) = self.bump() else {
                return Err(LoadError::malformed(
                    start_line,
                    "string literal is never closed (missing `\"`)",
                ));
            };
            match c {
                '"' if self.peek() == Some('"') && self.dialect == Dialect::V2 => {
                    self.bump();
                    out.push('"');
                }
                '"' => return Ok(out),
                '\\' => self.escape(&mut out),
                c => out.push(c),
            }
        }
    }

    /// Resolves the escape after a backslash (already consumed) into `out`. Sequences that
    /// mean nothing in the dialect stand for themselves, as SMT-LIB says.
    fn escape(&mut self, out: &mut String) {
        if let Some(c) = self.unicode_escape() {
            out.push(c);
            return;
        }
        if self.dialect == Dialect::V1 {
            let simple = match self.peek() {
                Some('"') => Some('"'),
                Some('\\') => Some('\\'),
                Some('n') => Some('\n'),
                Some('t') => Some('\t'),
                Some('r') => Some('\r'),
                _ => None,
            };
            if let Some(c) = simple {
                self.bump();
                out.push(c);
                return;
            }
            if self.peek() == Some('x') {
                let hex: String = (1..=2).filter_map(|i| self.peek_at(i)).collect();
                if hex.len() == 2
                    && let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                {
                    self.pos += 3;
                    out.push(c);
                    return;
                }
            }
        }
        out.push('\\');
    }

    /// `u{H..}` (1 to 6 hex digits) or `uHHHH`, just after a backslash: the character, with
    /// the reader moved past it; `None` (reader unmoved) when it is not such an escape.
    fn unicode_escape(&mut self) -> Option<char> {
        if self.peek() != Some('u') {
            return None;
        }
        if self.peek_at(1) == Some('{') {
            let mut hex = String::new();
            let mut i = 2;
            while let Some(c) = self.peek_at(i) {
                if c == '}' {
                    break;
                }
                if !c.is_ascii_hexdigit() || hex.len() == 6 {
                    return None;
                }
                hex.push(c);
                i += 1;
            }
            if hex.is_empty() || self.peek_at(i) != Some('}') {
                return None;
            }
            let c = char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?;
            self.pos += i + 1;
            return Some(c);
        }
        let hex: String = (1..=4).filter_map(|i| self.peek_at(i)).collect();
        if hex.chars().count() != 4 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let c = char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?;
        self.pos += 5;
        Some(c)
    }

    /// Reads `|...|`, a symbol that may contain anything but `|`.
    fn quoted_symbol(&mut self) -> Result<String, LoadError> {
        let start_line = self.line;
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                Some('|') => return Ok(out),
                Some(c) => out.push(c),
                None => {
                    return Err(LoadError::malformed(
                        start_line,
                        "quoted symbol is never closed (missing `|`)",
                    ));
                }
            }
        }
    }

    /// Reads a numeral, symbol or keyword up to the next delimiter.
    fn bare_atom(&mut self) -> Atom {
        let mut text = String::new();
        while let Some(c) = self.peek() {
            if c.is_whitespace() || matches!(c, '(' | ')' | '"' | ';' | '|') {
                break;
            }
            text.push(c);
            self.bump();
        }
        // `-5` is not an SMT-LIB numeral, but SyGuS-IF v1 files write negative integers so.
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            let trimmed = digits.trim_start_matches('0');
            let magnitude = if trimmed.is_empty() { "0" } else { trimmed };
            let sign = if negative && magnitude != "0" {
                "-"
            } else {
                ""
            };
            return Atom::Int(format!("{sign}{magnitude}"));
        }
        Atom::Symbol(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atoms(text: &str, dialect: Dialect) -> Vec<Atom> {
        read_all(text, dialect)
            .unwrap()
            .into_iter()
            .map(|n| match n.kind {
                NodeKind::Atom(a) => a,
                NodeKind::List(_) => panic!("list"),
            })
            .collect()
    }

    #[test]
    fn v2_strings_double_quotes_and_unicode() {
        let got = atoms(r#""a""b" "\u{48}\u0049" "\x41\n" "\u{zz}""#, Dialect::V2);
        assert_eq!(
            got,
            vec![
                Atom::Str("a\"b".into()),
                Atom::Str("HI".into()),
                Atom::Str("\\x41\\n".into()),
                Atom::Str("\\u{zz}".into()),
            ]
        );
    }

    #[test]
    fn v1_strings_backslash_escapes() {
        let got = atoms(r#""a\"b" "c\\d" "\x41\n" "\q""#, Dialect::V1);
        assert_eq!(
            got,
            vec![
                Atom::Str("a\"b".into()),
                Atom::Str("c\\d".into()),
                Atom::Str("A\n".into()),
                Atom::Str("\\q".into()),
            ]
        );
    }

    #[test]
    fn numerals_and_symbols() {
        let got = atoms("007 -3 -0 str.++ :opt #x0F 1.5 |a b|", Dialect::V2);
        assert_eq!(
            got,
            vec![
                Atom::Int("7".into()),
                Atom::Int("-3".into()),
                Atom::Int("0".into()),
                Atom::Symbol("str.++".into()),
                Atom::Symbol(":opt".into()),
                Atom::Symbol("#x0F".into()),
                Atom::Symbol("1.5".into()),
                Atom::Symbol("a b".into()),
            ]
        );
    }

    #[test]
    fn lines_and_balance_errors() {
        let nodes = read_all("; comment\n(a\n (b \"x\ny\")\n c)\n", Dialect::V2).unwrap();
        assert_eq!(nodes.len(), 1);
        assert_eq!(nodes[0].line, 2);
        let inner = nodes[0].list().unwrap();
        assert_eq!(inner[1].line, 3);
        assert_eq!(inner[2].line, 5);

        let err = read_all("(a)\n(b\n(c)", Dialect::V2).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("never closed"), "{err}");
        let err = read_all("(a))", Dialect::V2).unwrap_err();
        assert_eq!(err.line, Some(1));
        let err = read_all("\n\n(f \"abc)", Dialect::V2).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("string literal"), "{err}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let ok = "(".repeat(MAX_DEPTH) + &")".repeat(MAX_DEPTH);
        assert_eq!(read_all(&ok, Dialect::V2).unwrap().len(), 1);
        let text = "(".repeat(200_000) + &")".repeat(200_000);
        let err = read_all(&text, Dialect::V2).unwrap_err();
        assert!(err.message.contains("nested"), "{err}");
    }
}
