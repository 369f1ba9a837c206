//! The program vocabulary: gemfill programs as token sequences (prefix order, one token per
//! operator, leaf and literal character), and back.
//!
//! Every token knows its arity and argument types, so a program is its pre-order walk with
//! no brackets: `concat(token(x, Word, -1), ", ")` is
//! `concat/2 token x0 Word -1 <str> c:, c:\s </str>`. `concat` carries its argument count
//! (2 to [`MAX_CONCAT`]); `eq` is split by argument type (`eq_str`, `eq_int`) so that the
//! type of every slot is known while decoding (see [`crate::grammar`]).

use std::collections::HashMap;

use gemfill_dsl::{BuiltinTable, CaseMode, Expr, Format, Op, TableRef, TokenClass, Type};

/// The longest `concat` a single token can express.
pub const MAX_CONCAT: usize = 6;
/// Smallest integer literal with a token.
pub const MIN_INT: i64 = -12;
/// Largest integer literal with a token.
pub const MAX_INT: i64 = 40;
/// Input columns with a token (`x0` ..).
pub const MAX_COLUMNS: usize = 4;
/// Delimiter characters usable as token classes `'c'`.
pub const DELIMITERS: &[char] = &[
    ' ', '-', ',', '.', '/', '@', '_', ':', ';', '(', ')', '#', '|', '+', '&', '\'', '"', '$', '%',
    '*', '=', '[', ']', '!', '?', '<', '>', '~', '\\', '^', '{', '}', '\t',
];

/// One program token.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ProgToken {
    /// Padding (never predicted).
    Pad,
    /// Start of a program.
    Bos,
    /// End of a program.
    Eos,
    /// `concat` with this many arguments.
    Concat(usize),
    /// Any other operator except `eq`.
    Op(Op),
    /// `eq` over two Str (false) or two Int (true) values.
    Eq(bool),
    /// Input column.
    Var(usize),
    /// `w`.
    Bound,
    /// `true` / `false`.
    Bool(bool),
    /// Integer literal.
    Int(i64),
    /// A named class or a delimiter.
    Tok(TokenClass),
    /// Case mode.
    Case(CaseMode),
    /// Built-in table.
    Table(BuiltinTable),
    /// Format.
    Fmt(Format),
    /// Opens a string literal.
    StrOpen,
    /// One character of a string literal.
    Char(char),
    /// Closes a string literal.
    StrClose,
}

fn char_name(c: char) -> String {
    match c {
        ' ' => "\\s".to_string(),
        '\t' => "\\t".to_string(),
        '\n' => "\\n".to_string(),
        c => c.to_string(),
    }
}

impl ProgToken {
    /// The token's text in the tokenizer file.
    pub fn name(&self) -> String {
        match self {
            ProgToken::Pad => "<pad>".into(),
            ProgToken::Bos => "<bos>".into(),
            ProgToken::Eos => "<eos>".into(),
            ProgToken::Concat(n) => format!("concat/{n}"),
            ProgToken::Op(op) => op.name().into(),
            ProgToken::Eq(int) => if *int { "eq_int" } else { "eq_str" }.into(),
            ProgToken::Var(i) => format!("x{i}"),
            ProgToken::Bound => "w".into(),
            ProgToken::Bool(b) => b.to_string(),
            ProgToken::Int(k) => k.to_string(),
            ProgToken::Tok(TokenClass::Delim(c)) => format!("tok:{}", char_name(*c)),
            ProgToken::Tok(t) => format!("tok:{}", t.name().unwrap_or("regex")),
            ProgToken::Case(m) => format!("case:{}", m.name()),
            ProgToken::Table(t) => format!("table:{}", t.name()),
            ProgToken::Fmt(f) => format!("fmt:{}", f.name()),
            ProgToken::StrOpen => "<str>".into(),
            ProgToken::Char(c) => format!("c:{}", char_name(*c)),
            ProgToken::StrClose => "</str>".into(),
        }
    }

    /// Every token, in id order.
    pub fn all() -> Vec<ProgToken> {
        let mut v = vec![ProgToken::Pad, ProgToken::Bos, ProgToken::Eos];
        v.extend((2..=MAX_CONCAT).map(ProgToken::Concat));
        v.extend(
            Op::ALL
                .iter()
                .filter(|op| !matches!(op, Op::Concat | Op::Eq))
                .map(|&op| ProgToken::Op(op)),
        );
        v.extend([ProgToken::Eq(false), ProgToken::Eq(true)]);
        v.extend((0..MAX_COLUMNS).map(ProgToken::Var));
        v.extend([
            ProgToken::Bound,
            ProgToken::Bool(true),
            ProgToken::Bool(false),
        ]);
        v.extend((MIN_INT..=MAX_INT).map(ProgToken::Int));
        v.extend(TokenClass::NAMED.iter().cloned().map(ProgToken::Tok));
        v.extend(
            DELIMITERS
                .iter()
                .map(|&c| ProgToken::Tok(TokenClass::Delim(c))),
        );
        v.extend(CaseMode::ALL.into_iter().map(ProgToken::Case));
        v.extend(BuiltinTable::ALL.into_iter().map(ProgToken::Table));
        v.extend(Format::ALL.into_iter().map(ProgToken::Fmt));
        v.extend([ProgToken::StrOpen, ProgToken::StrClose]);
        v.extend(literal_chars().map(ProgToken::Char));
        v
    }
}

/// Characters a string literal may hold: printable ASCII and tab.
pub fn literal_chars() -> impl Iterator<Item = char> {
    (' '..='~').chain(std::iter::once('\t'))
}

/// Why a program has no token sequence.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Untokenizable {
    /// A construct outside the vocabulary.
    #[error("the program vocabulary has no token for {0}")]
    NoToken(String),
}

/// Token ids for programs, both ways.
#[derive(Clone, Debug)]
pub struct ProgramVocab {
    tokens: Vec<ProgToken>,
    ids: HashMap<ProgToken, u32>,
}

impl Default for ProgramVocab {
    fn default() -> ProgramVocab {
        ProgramVocab::new()
    }
}

impl ProgramVocab {
    /// The vocabulary (fixed: the same ids in every build).
    pub fn new() -> ProgramVocab {
        let tokens = ProgToken::all();
        let ids = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        ProgramVocab { tokens, ids }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Always false (the vocabulary has tokens).
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The id of a token.
    pub fn id(&self, t: &ProgToken) -> Option<u32> {
        self.ids.get(t).copied()
    }

    /// The token of an id.
    pub fn token(&self, id: u32) -> Option<&ProgToken> {
        self.tokens.get(id as usize)
    }

    /// Every token in id order.
    pub fn tokens(&self) -> &[ProgToken] {
        &self.tokens
    }

    /// The program's tokens (without `<bos>`/`<eos>`).
    pub fn encode(&self, expr: &Expr) -> Result<Vec<u32>, Untokenizable> {
        let mut out = Vec::new();
        self.walk(expr, &mut out)?;
        Ok(out)
    }

    fn push(&self, t: ProgToken, out: &mut Vec<u32>) -> Result<(), Untokenizable> {
        let id = self
            .id(&t)
            .ok_or_else(|| Untokenizable::NoToken(t.name()))?;
        out.push(id);
        Ok(())
    }

    fn walk(&self, expr: &Expr, out: &mut Vec<u32>) -> Result<(), Untokenizable> {
        match expr {
            Expr::Str(s) => {
                self.push(ProgToken::StrOpen, out)?;
                for c in s.chars() {
                    self.push(ProgToken::Char(c), out)
                        .map_err(|_| Untokenizable::NoToken(format!("the character {c:?}")))?;
                }
                self.push(ProgToken::StrClose, out)
            }
            Expr::Int(k) => self
                .push(ProgToken::Int(*k), out)
                .map_err(|_| Untokenizable::NoToken(format!("the integer {k}"))),
            Expr::Bool(b) => self.push(ProgToken::Bool(*b), out),
            Expr::Var(i) => self.push(ProgToken::Var(*i), out),
            Expr::Bound => self.push(ProgToken::Bound, out),
            Expr::Tok(TokenClass::Regex(r)) => Err(Untokenizable::NoToken(format!(
                "the regular expression /{}/",
                r.source()
            ))),
            Expr::Tok(t) => self.push(ProgToken::Tok(t.clone()), out),
            Expr::Case(m) => self.push(ProgToken::Case(*m), out),
            Expr::Table(TableRef::Builtin(t)) => self.push(ProgToken::Table(*t), out),
            Expr::Table(TableRef::User(name)) => {
                Err(Untokenizable::NoToken(format!("the user table @{name}")))
            }
            Expr::Fmt(f) => self.push(ProgToken::Fmt(*f), out),
            Expr::App(op, args) => {
                let head = match op {
                    Op::Concat => ProgToken::Concat(args.len()),
                    Op::Eq => ProgToken::Eq(args.first().and_then(result_type) == Some(Type::Int)),
                    op => ProgToken::Op(*op),
                };
                self.push(head, out)?;
                args.iter().try_for_each(|a| self.walk(a, out))
            }
        }
    }

    /// The program spelled by `ids` (without `<bos>`/`<eos>`), if it is complete and
    /// well-formed.
    pub fn decode(&self, ids: &[u32]) -> Option<Expr> {
        let mut pos = 0;
        let expr = self.read(ids, &mut pos)?;
        (pos == ids.len()).then_some(expr)
    }

    fn read(&self, ids: &[u32], pos: &mut usize) -> Option<Expr> {
        let t = self.token(*ids.get(*pos)?)?.clone();
        *pos += 1;
        let args = |n: usize, pos: &mut usize| -> Option<Vec<Expr>> {
            (0..n).map(|_| self.read(ids, pos)).collect()
        };
        Some(match t {
            ProgToken::Pad | ProgToken::Bos | ProgToken::Eos | ProgToken::StrClose => {
                return None;
            }
            ProgToken::Char(_) => return None,
            ProgToken::Concat(n) => Expr::App(Op::Concat, args(n, pos)?),
            ProgToken::Eq(_) => Expr::App(Op::Eq, args(2, pos)?),
            ProgToken::Op(op) => Expr::App(op, args(arity(op), pos)?),
            ProgToken::Var(i) => Expr::Var(i),
            ProgToken::Bound => Expr::Bound,
            ProgToken::Bool(b) => Expr::Bool(b),
            ProgToken::Int(k) => Expr::Int(k),
            ProgToken::Tok(t) => Expr::Tok(t),
            ProgToken::Case(m) => Expr::Case(m),
            ProgToken::Table(t) => Expr::Table(TableRef::Builtin(t)),
            ProgToken::Fmt(f) => Expr::Fmt(f),
            ProgToken::StrOpen => {
                let mut s = String::new();
                loop {
                    match self.token(*ids.get(*pos)?)? {
                        ProgToken::Char(c) => s.push(*c),
                        ProgToken::StrClose => break,
                        _ => return None,
                    }
                    *pos += 1;
                }
                *pos += 1;
                Expr::Str(s)
            }
        })
    }
}

/// The number of arguments of a fixed-arity operator (`if` takes 3, `eq` 2).
pub fn arity(op: Op) -> usize {
    match op.signature() {
        gemfill_dsl::Signature::Fixed(params, _) => params.len(),
        gemfill_dsl::Signature::Variadic(..) => 2,
        gemfill_dsl::Signature::If => 3,
        gemfill_dsl::Signature::Eq(_) => 2,
    }
}

/// The type an expression returns, read off its head (enough to split `eq` by type).
pub fn result_type(e: &Expr) -> Option<Type> {
    Some(match e {
        Expr::Str(_) | Expr::Var(_) | Expr::Bound => Type::Str,
        Expr::Int(_) => Type::Int,
        Expr::Bool(_) => Type::Bool,
        Expr::Tok(_) => Type::Tok,
        Expr::Case(_) => Type::Case,
        Expr::Table(_) => Type::Table,
        Expr::Fmt(_) => Type::Fmt,
        Expr::App(op, args) => match op.signature() {
            gemfill_dsl::Signature::Fixed(_, r) | gemfill_dsl::Signature::Variadic(_, r) => r,
            gemfill_dsl::Signature::If => return args.get(1).and_then(result_type),
            gemfill_dsl::Signature::Eq(_) => Type::Bool,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_round_trip_through_tokens() {
        let vocab = ProgramVocab::new();
        for text in [
            r#"concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")"#,
            r#"if(eq(len(x1), 3), case(x, upper), map(x, Word, char_at(w, 0), ""))"#,
            r#"date(trim(x), us, iso)"#,
            r#"to_str(plus(to_int(token(x, Number, 0)), 1))"#,
            r#"lookup(month_name, token(x, '/', 0))"#,
        ] {
            let expr = gemfill_dsl::parse(text).unwrap();
            let ids = vocab.encode(&expr).unwrap();
            assert_eq!(vocab.decode(&ids), Some(expr), "{text}");
        }
        let names: Vec<String> = vocab.tokens().iter().map(ProgToken::name).collect();
        let unique: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "token names must be unique");
    }

    #[test]
    fn constructs_outside_the_vocabulary_are_named() {
        let vocab = ProgramVocab::new();
        let err = vocab
            .encode(&gemfill_dsl::parse(r#"concat(x, "é")"#).unwrap())
            .unwrap_err();
        assert!(err.to_string().contains("'é'"), "{err}");
        let err = vocab
            .encode(&gemfill_dsl::parse("sub(x, 0, 99)").unwrap())
            .unwrap_err();
        assert!(err.to_string().contains("99"), "{err}");
        assert_eq!(
            vocab.decode(&[vocab.id(&ProgToken::Op(Op::Trim)).unwrap()]),
            None
        );
    }
}
