//! Program prefixes: whether text typed (or generated) so far can still become a
//! well-typed program.
//!
//! A language model that writes programs one subword at a time needs to know, before it
//! commits to a token, whether the text with that token appended can still end as a
//! program of the wanted type. [`PrefixParser`] answers that incrementally: it reads
//! characters one at a time (a pushdown automaton following `dsl/gemfill.pest` and the
//! operator [`Signature`] table) and says after each one whether the text is
//! [`PrefixStatus::Invalid`] (no continuation parses and type-checks),
//! [`PrefixStatus::Incomplete`] (some continuation does) or [`PrefixStatus::Complete`]
//! (it parses and type-checks as it stands). Cloning a parser is cheap (a few small
//! vectors), so a caller keeps one for the text so far and tries each candidate
//! continuation on a clone.
//!
//! Names are resolved by the type expected where they stand, as the parser does:
//! `upper` is accepted where `case` wants a mode and rejected where a value is wanted;
//! `w` only inside a `map` body; `xN` only for existing columns; formats by the kind
//! `date` or `number` wants; operators only where their result type fits (`if` and `eq`
//! are typed by their branches and operands). Strings and delimiters check their escapes
//! as they come; integers must fit in 64 bits; calls nest at most
//! [`MAX_NESTING`](crate::limits::MAX_NESTING) deep.
//!
//! One place is optimistic: the inside of a regular expression `/.../` is accepted as it
//! comes and compiled when the closing `/` arrives (a pattern that does not compile, or
//! that matches the empty string, is rejected there). Everywhere else an `Incomplete`
//! prefix really has a completion.
//!
//! This module reads the characters; the automaton's stack (the open calls, and what the
//! expression being started must be) is in `frame`.
//!
//! ```
//! use gemfill_dsl::prefix::{PrefixContext, PrefixStatus, check_prefix};
//! use gemfill_dsl::Type;
//! let ctx = PrefixContext::new(1, Some(Type::Str));
//! assert_eq!(check_prefix("concat(tok", &ctx), PrefixStatus::Incomplete);
//! assert_eq!(check_prefix("concat(x, \"-\")", &ctx), PrefixStatus::Complete);
//! assert_eq!(check_prefix("len(x)", &ctx), PrefixStatus::Invalid); // an Int
//! assert_eq!(check_prefix("case(x, Word", &ctx), PrefixStatus::Invalid); // not a mode
//! ```

use std::sync::Arc;

mod frame;

use crate::ast::{BuiltinTable, CaseMode, Format, Op, Signature, TokenClass, Type, UserRegex};
use crate::limits::MAX_NESTING;
use frame::{Frame, Slot, Values, op_fits};

/// What a prefix can still become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrefixStatus {
    /// No continuation gives a well-typed program of the wanted type.
    Invalid,
    /// Not a program yet, but some continuation makes one.
    Incomplete,
    /// A well-typed program of the wanted type as it stands (it may still be extended).
    Complete,
}

/// What the program must be: how many input columns exist, which type it must return and
/// which user tables exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrefixContext {
    /// Input columns: `x`/`x0` up to `x{columns - 1}`.
    pub columns: usize,
    /// The types the program may have (Str, Int, Bool); empty accepts any of them.
    pub outputs: Vec<Type>,
    /// Names of the user tables (`@name`); `None` accepts any name.
    pub user_tables: Option<Vec<String>>,
}

impl PrefixContext {
    /// A context with `columns` inputs and the given result type (`None`: any value type),
    /// accepting any `@table`.
    pub fn new(columns: usize, output: Option<Type>) -> PrefixContext {
        PrefixContext {
            columns,
            outputs: output.into_iter().collect(),
            user_tables: None,
        }
    }
}

/// Whether `text` can still become a program in `ctx` (see the module documentation).
pub fn check_prefix(text: &str, ctx: &PrefixContext) -> PrefixStatus {
    let mut parser = PrefixParser::new(Arc::new(ctx.clone()));
    if parser.push_str(text) {
        parser.status()
    } else {
        PrefixStatus::Invalid
    }
}

/// Where a quoted literal's text goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quoted {
    /// A string value.
    Str,
    /// A delimiter `'c'`.
    Delim,
    /// A user table name `@"..."`.
    Table,
}

/// Progress through an escape sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Escape {
    None,
    /// After `\`.
    Backslash,
    /// After `\u`.
    U,
    /// Inside `\u{...`: digits so far and their value.
    Hex(u8, u32),
}

/// The token being read.
#[derive(Clone, Debug)]
enum Lex {
    /// Between tokens, an expression of `slot` wanted next.
    Expect(Slot),
    /// Reading a name.
    Name(String, Slot),
    /// A complete operator name; `(` wanted next.
    Open(Op, Values),
    /// Reading an integer: negative, digits seen, magnitude so far.
    Int(bool, bool, u128),
    /// Reading a quoted literal: its kind, the escape in progress, the decoded text.
    Quote(Quoted, Escape, String),
    /// Reading a regex: the text after the opening `/` and whether a `\` is pending.
    Regex(String, bool),
    /// After `@`.
    At,
    /// Reading a user table name after `@`.
    TableName(String),
    /// An expression has ended; `,`, `)` or the end wanted next.
    After,
    /// A program with nothing after it can be here: the whole program is complete.
    Done,
}

/// An incremental checker of program prefixes (see the module documentation).
#[derive(Clone, Debug)]
pub struct PrefixParser {
    ctx: Arc<PrefixContext>,
    frames: Vec<Frame>,
    lex: Lex,
    comment: bool,
    invalid: bool,
}

const ROOT: Values = Values::ALL;

impl PrefixParser {
    /// A parser at the start of a program.
    pub fn new(ctx: Arc<PrefixContext>) -> PrefixParser {
        let root = if ctx.outputs.is_empty() {
            ROOT
        } else {
            Values(
                ctx.outputs
                    .iter()
                    .map(|&t| Values::of(t).0)
                    .fold(0, |a, b| a | b),
            )
        };
        PrefixParser {
            ctx,
            frames: Vec::new(),
            lex: Lex::Expect(Slot::Value(root)),
            comment: false,
            invalid: root.0 == 0,
        }
    }

    /// The context this parser checks against.
    pub fn context(&self) -> &PrefixContext {
        &self.ctx
    }

    /// Reads `text`; false (and the parser stays invalid) as soon as it cannot become a
    /// program.
    pub fn push_str(&mut self, text: &str) -> bool {
        for c in text.chars() {
            if !self.push(c) {
                return false;
            }
        }
        !self.invalid
    }

    /// Reads one character; false (and the parser stays invalid) when the text can no
    /// longer become a program.
    pub fn push(&mut self, c: char) -> bool {
        if self.invalid {
            return false;
        }
        if !self.step(c) {
            self.invalid = true;
        }
        !self.invalid
    }

    /// What the text read so far can become.
    pub fn status(&self) -> PrefixStatus {
        if self.invalid {
            return PrefixStatus::Invalid;
        }
        let complete = match &self.lex {
            Lex::Done => true,
            Lex::Name(..) | Lex::Int(..) if self.frames.is_empty() => {
                // Ending the text ends the token: complete when the token is a whole
                // leaf at the top level.
                let mut end = self.clone();
                end.step(' ') && matches!(end.lex, Lex::Done)
            }
            _ => false,
        };
        if complete {
            PrefixStatus::Complete
        } else {
            PrefixStatus::Incomplete
        }
    }

    /// Whether `w` is bound where the next expression goes.
    fn bound(&self) -> bool {
        self.frames.last().is_some_and(Frame::bound)
    }

    /// An expression of type `ty` has ended.
    fn finish(&mut self, ty: Type) -> bool {
        match self.frames.last_mut() {
            None => {
                self.lex = Lex::Done;
                true
            }
            Some(frame) => {
                if matches!(frame.op.signature(), Signature::If) && frame.arg == 1 {
                    frame.first = Some(ty);
                }
                if matches!(frame.op.signature(), Signature::Eq(_)) && frame.arg == 0 {
                    frame.first = Some(ty);
                }
                self.lex = Lex::After;
                true
            }
        }
    }

    fn is_space(c: char) -> bool {
        matches!(c, ' ' | '\t' | '\r' | '\n')
    }

    fn step(&mut self, c: char) -> bool {
        if self.comment {
            if c == '\n' {
                self.comment = false;
            }
            return true;
        }
        match std::mem::replace(&mut self.lex, Lex::After) {
            Lex::Expect(slot) => {
                self.lex = Lex::Expect(slot);
                if Self::is_space(c) {
                    return true;
                }
                if c == '#' {
                    self.comment = true;
                    return true;
                }
                self.start(c, slot)
            }
            Lex::Name(mut name, slot) => {
                if c.is_ascii_alphanumeric() || c == '_' {
                    name.push(c);
                    let ok = self.name_is_prefix(&name, slot);
                    self.lex = Lex::Name(name, slot);
                    return ok;
                }
                if !self.end_name(&name, slot) {
                    return false;
                }
                self.step(c)
            }
            Lex::Open(op, want) => {
                self.lex = Lex::Open(op, want);
                if Self::is_space(c) {
                    return true;
                }
                if c == '#' {
                    self.comment = true;
                    return true;
                }
                if c != '(' || self.frames.len() >= MAX_NESTING {
                    return false;
                }
                let in_map = self.bound();
                self.frames.push(Frame {
                    op,
                    arg: 0,
                    want,
                    in_map,
                    first: None,
                });
                let slot = self.frames.last().map_or(Slot::Value(ROOT), Frame::slot);
                self.lex = Lex::Expect(slot);
                true
            }
            Lex::Int(negative, digits, value) => {
                if let Some(d) = c.to_digit(10) {
                    let value = value * 10 + u128::from(d);
                    let limit = if negative {
                        i64::MIN.unsigned_abs() as u128
                    } else {
                        i64::MAX as u128
                    };
                    self.lex = Lex::Int(negative, true, value.min(limit + 1));
                    return value <= limit;
                }
                if !digits || !self.finish(Type::Int) {
                    return false;
                }
                self.step(c)
            }
            Lex::Quote(kind, escape, mut text) => self.quoted(kind, escape, &mut text, c),
            Lex::Regex(mut source, pending) => {
                if pending {
                    source.push('\\');
                    source.push(c);
                    self.lex = Lex::Regex(source, false);
                    return true;
                }
                match c {
                    '\\' => {
                        self.lex = Lex::Regex(source, true);
                        true
                    }
                    '/' => {
                        if source.is_empty() {
                            return false;
                        }
                        let decoded = source.replace("\\/", "/");
                        UserRegex::new(&decoded).is_ok() && self.finish(Type::Tok)
                    }
                    c => {
                        source.push(c);
                        self.lex = Lex::Regex(source, false);
                        true
                    }
                }
            }
            Lex::At => {
                if c == '"' {
                    self.lex = Lex::Quote(Quoted::Table, Escape::None, String::new());
                    return self.table_name_is_prefix("");
                }
                if c.is_ascii_alphabetic() || c == '_' {
                    let name = c.to_string();
                    let ok = self.table_name_is_prefix(&name);
                    self.lex = Lex::TableName(name);
                    return ok;
                }
                false
            }
            Lex::TableName(mut name) => {
                if c.is_ascii_alphanumeric() || c == '_' {
                    name.push(c);
                    let ok = self.table_name_is_prefix(&name);
                    self.lex = Lex::TableName(name);
                    return ok;
                }
                if !self.table_exists(&name) || !self.finish(Type::Table) {
                    return false;
                }
                self.step(c)
            }
            Lex::After => {
                if Self::is_space(c) {
                    return true;
                }
                if c == '#' {
                    self.comment = true;
                    return true;
                }
                let Some(frame) = self.frames.last_mut() else {
                    return false;
                };
                match c {
                    ',' if frame.may_continue() => {
                        frame.arg += 1;
                        self.lex = Lex::Expect(frame.slot());
                        true
                    }
                    ')' if frame.may_close() => {
                        let ty = frame.result();
                        self.frames.pop();
                        self.finish(ty)
                    }
                    _ => false,
                }
            }
            Lex::Done => {
                self.lex = Lex::Done;
                if Self::is_space(c) {
                    return true;
                }
                if c == '#' {
                    self.comment = true;
                    return true;
                }
                false
            }
        }
    }

    /// The first character of an expression of `slot`.
    fn start(&mut self, c: char, slot: Slot) -> bool {
        match (c, slot) {
            ('"', Slot::Value(v)) if v.has(Type::Str) => {
                self.lex = Lex::Quote(Quoted::Str, Escape::None, String::new());
                true
            }
            ('-', Slot::Value(v)) if v.has(Type::Int) => {
                self.lex = Lex::Int(true, false, 0);
                true
            }
            (d, Slot::Value(v)) if d.is_ascii_digit() && v.has(Type::Int) => {
                self.lex = Lex::Int(false, true, u128::from(d as u8 - b'0'));
                true
            }
            ('\'', Slot::Tok) => {
                self.lex = Lex::Quote(Quoted::Delim, Escape::None, String::new());
                true
            }
            ('/', Slot::Tok) => {
                self.lex = Lex::Regex(String::new(), false);
                true
            }
            ('@', Slot::Table) => {
                self.lex = Lex::At;
                true
            }
            (c, slot) if c.is_ascii_alphabetic() || c == '_' => {
                let name = c.to_string();
                let ok = self.name_is_prefix(&name, slot);
                self.lex = Lex::Name(name, slot);
                ok
            }
            _ => false,
        }
    }

    /// A name has ended (the next character is not part of it).
    fn end_name(&mut self, name: &str, slot: Slot) -> bool {
        match slot {
            Slot::Value(want) => {
                if let Some(op) = Op::from_name(name) {
                    return match op_fits(op, want) {
                        Some(want) => {
                            self.lex = Lex::Open(op, want);
                            true
                        }
                        None => false,
                    };
                }
                match self.value_leaf(name, want) {
                    Some(ty) => self.finish(ty),
                    None => false,
                }
            }
            Slot::Tok => TokenClass::from_name(name).is_some() && self.finish(Type::Tok),
            Slot::Case => CaseMode::from_name(name).is_some() && self.finish(Type::Case),
            Slot::Table => BuiltinTable::from_name(name).is_some() && self.finish(Type::Table),
            Slot::Fmt(kind) => {
                Format::from_name(name).is_some_and(|f| f.kind() == kind) && self.finish(Type::Fmt)
            }
        }
    }

    /// The type of the value leaf `name` where `want` is expected, if it is one.
    fn value_leaf(&self, name: &str, want: Values) -> Option<Type> {
        match name {
            "true" | "false" if want.has(Type::Bool) => Some(Type::Bool),
            "w" if want.has(Type::Str) && self.bound() => Some(Type::Str),
            _ if want.has(Type::Str) => {
                let digits = name.strip_prefix('x')?;
                let column = match digits {
                    "" => 0,
                    _ if digits.len() > 1 && digits.starts_with('0') => return None,
                    _ if !digits.bytes().all(|b| b.is_ascii_digit()) => return None,
                    _ => digits.parse::<usize>().ok()?,
                };
                (column < self.ctx.columns).then_some(Type::Str)
            }
            _ => None,
        }
    }

    /// Whether some name allowed in `slot` starts with `prefix`.
    fn name_is_prefix(&self, prefix: &str, slot: Slot) -> bool {
        match slot {
            Slot::Value(want) => {
                let op = Op::ALL
                    .iter()
                    .any(|op| op.name().starts_with(prefix) && op_fits(*op, want).is_some());
                let constant = want.has(Type::Bool)
                    && (["true", "false"].iter().any(|n| n.starts_with(prefix)));
                let bound = want.has(Type::Str) && self.bound() && "w".starts_with(prefix);
                // A column prefix `xD..` can grow into a column exactly when its own
                // number is a column (longer numbers only get bigger).
                let column = want.has(Type::Str) && self.value_leaf(prefix, want).is_some();
                op || constant || bound || column
            }
            Slot::Tok => TokenClass::NAMED
                .iter()
                .any(|t| t.name().is_some_and(|n| n.starts_with(prefix))),
            Slot::Case => CaseMode::ALL.iter().any(|m| m.name().starts_with(prefix)),
            Slot::Table => BuiltinTable::ALL
                .iter()
                .any(|t| t.name().starts_with(prefix)),
            Slot::Fmt(kind) => Format::ALL
                .iter()
                .any(|f| f.kind() == kind && f.name().starts_with(prefix)),
        }
    }

    fn table_name_is_prefix(&self, prefix: &str) -> bool {
        match &self.ctx.user_tables {
            None => true,
            Some(names) => names.iter().any(|n| n.starts_with(prefix)),
        }
    }

    fn table_exists(&self, name: &str) -> bool {
        match &self.ctx.user_tables {
            None => true,
            Some(names) => names.iter().any(|n| n == name),
        }
    }

    /// One character of a quoted literal.
    fn quoted(&mut self, kind: Quoted, escape: Escape, text: &mut String, c: char) -> bool {
        let quote = if kind == Quoted::Delim { '\'' } else { '"' };
        let decoded = match escape {
            Escape::None => {
                if c == '\\' {
                    self.lex = Lex::Quote(kind, Escape::Backslash, std::mem::take(text));
                    return true;
                }
                if c == quote {
                    return match kind {
                        Quoted::Str => self.finish(Type::Str),
                        Quoted::Delim => text.chars().count() == 1 && self.finish(Type::Tok),
                        Quoted::Table => self.table_exists(text) && self.finish(Type::Table),
                    };
                }
                c
            }
            Escape::Backslash => match c {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '\\' => '\\',
                'u' => {
                    self.lex = Lex::Quote(kind, Escape::U, std::mem::take(text));
                    return true;
                }
                c if c == quote => c,
                _ => return false,
            },
            Escape::U => {
                self.lex = Lex::Quote(kind, Escape::Hex(0, 0), std::mem::take(text));
                return c == '{';
            }
            Escape::Hex(count, value) => {
                if let Some(d) = c.to_digit(16) {
                    // Six digits at most; any shorter code either is a character or
                    // grows into one (a surrogate `D800` becomes `D8000`).
                    let (count, value) = (count.saturating_add(1), value.saturating_mul(16) + d);
                    self.lex = Lex::Quote(kind, Escape::Hex(count, value), std::mem::take(text));
                    return count < 6 || (count == 6 && char::from_u32(value).is_some());
                }
                if c != '}' || count == 0 {
                    return false;
                }
                match char::from_u32(value) {
                    Some(c) => c,
                    None => return false,
                }
            }
        };
        text.push(decoded);
        let ok = match kind {
            Quoted::Str => true,
            Quoted::Delim => text.chars().count() == 1,
            Quoted::Table => self.table_name_is_prefix(text),
        };
        self.lex = Lex::Quote(kind, Escape::None, std::mem::take(text));
        ok
    }
}

#[cfg(test)]
mod tests;
