//! The interpreter.
//!
//! Evaluation walks the tree once, calling [`crate::ops`] for every operator. Strings are
//! carried as `Cow<str>`: input columns, string literals, lookup values and substrings of
//! them (`sub`, `token`, `trim`, `char_at`, ...) are borrowed, never copied, and a
//! substring of a freshly built string reuses its buffer. Only the final value is turned
//! into an owned [`Value`].
//!
//! Hand-built trees may be ill-typed (a `Str` where an `Int` is needed, a missing
//! argument, a token class as a program): every such mistake is an [`EvalError`], as are
//! `xN` past the inputs, `w` outside a `map`, and trees nested more than [`MAX_DEPTH`]
//! deep (the interpreter recurses, and must not overflow its stack).
use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

use crate::ast::{CaseMode, Expr, Format, Op, Signature, TableRef, TokenClass, Type};
use crate::limits::{MAX_DEPTH, MAX_STRING_CHARS};
use crate::ops;
use crate::tables::Tables;
use crate::tokens;
use crate::value::{EvalError, Value};

type R<T> = Result<T, EvalError>;

/// Evaluates `expr` on one row of inputs (`x0`, `x1`, ...). Never panics.
pub fn eval(expr: &Expr, inputs: &[&str], tables: &Tables) -> Result<Value, EvalError> {
    eval_bound(expr, inputs, None, tables)
}

/// Evaluates `expr` with `w` bound to `bound` (as inside a `map` body whose current match
/// is `bound`); `None` makes `w` an error, as in [`eval`].
pub fn eval_bound(
    expr: &Expr,
    inputs: &[&str],
    bound: Option<&str>,
    tables: &Tables,
) -> Result<Value, EvalError> {
    let ctx = Ctx {
        inputs,
        tables,
        bound,
        depth: Cell::new(0),
    };
    Ok(match ctx.value(expr)? {
        V::Str(s) => Value::Str(s.into_owned()),
        V::Int(i) => Value::Int(i),
        V::Bool(b) => Value::Bool(b),
    })
}

/// Evaluates a Str expression without copying a borrowed result (an input column, a
/// literal, a substring of an input, a table value). Errors as [`eval`]; a non-Str
/// expression is an error.
pub fn eval_str<'a>(expr: &'a Expr, inputs: &'a [&'a str], tables: &'a Tables) -> R<Cow<'a, str>> {
    Ctx {
        inputs,
        tables,
        bound: None,
        depth: Cell::new(0),
    }
    .str(expr)
}

/// A value during evaluation: like [`Value`], with strings borrowed where possible.
enum V<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Bool(bool),
}

struct Ctx<'a> {
    inputs: &'a [&'a str],
    tables: &'a Tables,
    /// The innermost `map`'s current match.
    bound: Option<&'a str>,
    /// How many operators enclose the node being evaluated.
    depth: Cell<usize>,
}

/// What kind of leaf or operator result `e` is, for type errors.
fn kind(e: &Expr) -> &'static str {
    match e {
        Expr::Str(_) | Expr::Var(_) | Expr::Bound => "Str",
        Expr::Int(_) => "Int",
        Expr::Bool(_) => "Bool",
        Expr::Tok(_) => "Tok",
        Expr::Case(_) => "Case",
        Expr::Table(_) => "Table",
        Expr::Fmt(_) => "Fmt",
        Expr::App(op, _) => result_kind(*op),
    }
}

fn result_kind(op: Op) -> &'static str {
    match op.signature() {
        Signature::Fixed(_, t) | Signature::Variadic(_, t) => t.name(),
        Signature::Eq(_) => "Bool",
        Signature::If => "a value",
    }
}

fn type_error(op: &'static str, want: Type, e: &Expr) -> EvalError {
    EvalError::new(op, format!("expected a {want} argument, got {}", kind(e)))
}

/// A slice of a string value: borrowed stays borrowed; an owned string gives its buffer.
fn slice(s: Cow<'_, str>, r: Range<usize>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(&b[r]),
        Cow::Owned(mut o) => {
            o.truncate(r.end);
            o.drain(..r.start);
            Cow::Owned(o)
        }
    }
}

/// The arguments of `op` as an array, or an arity error.
fn args<const N: usize>(op: Op, args: &[Expr]) -> R<&[Expr; N]> {
    args.try_into().map_err(|_| {
        EvalError::new(
            op.name(),
            format!("expects {N} arguments, got {}", args.len()),
        )
    })
}

impl<'a> Ctx<'a> {
    // Each operator has its own small method, and the dispatchers only call them: in
    // unoptimised builds a stack frame holds the locals of every arm of a `match`, and the
    // interpreter recurses once per tree level, so one large function would multiply its
    // frame by the depth of the program.

    /// Enters an operator node, or fails if the tree is too deep.
    #[inline]
    fn enter(&self, op: Op) -> R<()> {
        let depth = self.depth.get();
        if depth >= MAX_DEPTH {
            return Err(EvalError::new(
                op.name(),
                format!("the program is nested more than {MAX_DEPTH} deep"),
            ));
        }
        self.depth.set(depth + 1);
        Ok(())
    }

    #[inline]
    fn leave(&self) {
        self.depth.set(self.depth.get() - 1);
    }

    fn value(&self, e: &'a Expr) -> R<V<'a>> {
        match e {
            Expr::Int(i) => Ok(V::Int(*i)),
            Expr::Bool(b) => Ok(V::Bool(*b)),
            Expr::Str(_) | Expr::Var(_) | Expr::Bound => self.str(e).map(V::Str),
            Expr::App(Op::If, a) => {
                self.enter(Op::If)?;
                let out = self.if_value(a);
                self.leave();
                out
            }
            Expr::App(Op::Eq, _) => self.bool(e).map(V::Bool),
            Expr::App(op, _) => match op.signature() {
                Signature::Fixed(_, Type::Int) => self.int(e).map(V::Int),
                Signature::Fixed(_, Type::Bool) => self.bool(e).map(V::Bool),
                _ => self.str(e).map(V::Str),
            },
            Expr::Tok(_) | Expr::Case(_) | Expr::Table(_) | Expr::Fmt(_) => Err(EvalError::new(
                "eval",
                format!("a {} is not a value", kind(e)),
            )),
        }
    }

    fn if_value(&self, a: &'a [Expr]) -> R<V<'a>> {
        let [c, t, f] = args(Op::If, a)?;
        self.value(if self.bool(c)? { t } else { f })
    }

    fn str(&self, e: &'a Expr) -> R<Cow<'a, str>> {
        match e {
            Expr::Str(s) => Ok(Cow::Borrowed(s)),
            Expr::Var(i) => match self.inputs.get(*i) {
                Some(s) => Ok(Cow::Borrowed(*s)),
                None => Err(self.no_input(*i)),
            },
            Expr::Bound => match self.bound {
                Some(w) => Ok(Cow::Borrowed(w)),
                None => Err(EvalError::new(
                    "w",
                    "w is only defined inside the body of map",
                )),
            },
            Expr::App(op, a) => {
                self.enter(*op)?;
                let out = self.app_str(*op, a);
                self.leave();
                out
            }
            _ => Err(type_error("eval", Type::Str, e)),
        }
    }

    fn no_input(&self, i: usize) -> EvalError {
        EvalError::new(
            "x",
            format!(
                "input x{i} does not exist: the row has {} input(s)",
                self.inputs.len()
            ),
        )
    }

    fn int(&self, e: &'a Expr) -> R<i64> {
        match e {
            Expr::Int(i) => Ok(*i),
            Expr::App(op, a) => {
                self.enter(*op)?;
                let out = self.app_int(*op, a);
                self.leave();
                out
            }
            _ => Err(type_error("eval", Type::Int, e)),
        }
    }

    fn bool(&self, e: &'a Expr) -> R<bool> {
        match e {
            Expr::Bool(b) => Ok(*b),
            Expr::App(op, a) => {
                self.enter(*op)?;
                let out = self.app_bool(*op, a);
                self.leave();
                out
            }
            _ => Err(type_error("eval", Type::Bool, e)),
        }
    }

    // The enum-like leaves, checked against the type the operator expects.

    fn tok(&self, op: Op, e: &'a Expr) -> R<&'a TokenClass> {
        match e {
            Expr::Tok(t) => Ok(t),
            _ => Err(type_error(op.name(), Type::Tok, e)),
        }
    }

    fn case_mode(&self, op: Op, e: &Expr) -> R<CaseMode> {
        match e {
            Expr::Case(m) => Ok(*m),
            _ => Err(type_error(op.name(), Type::Case, e)),
        }
    }

    fn table(&self, op: Op, e: &'a Expr) -> R<&'a TableRef> {
        match e {
            Expr::Table(t) => Ok(t),
            _ => Err(type_error(op.name(), Type::Table, e)),
        }
    }

    fn fmt(&self, op: Op, e: &Expr) -> R<Format> {
        match e {
            Expr::Fmt(f) => Ok(*f),
            _ => Err(type_error(op.name(), Type::Fmt, e)),
        }
    }

    /// An operator used where a value of another type is needed.
    fn wrong(&self, op: Op, want: Type) -> EvalError {
        EvalError::new(
            op.name(),
            format!("returns {}, but a {want} is needed here", result_kind(op)),
        )
    }

    fn app_str(&self, op: Op, a: &'a [Expr]) -> R<Cow<'a, str>> {
        match op {
            Op::Concat => self.concat(a),
            Op::Sub => self.sub(a),
            Op::Token => self.token(a),
            Op::ToStr => self.to_str(a),
            Op::Case => self.case(a),
            Op::Replace | Op::ReplaceFirst => self.replace(op, a),
            Op::Trim => self.trim(a),
            Op::PadLeft => self.pad_left(a),
            Op::CharAt => self.char_at(a),
            Op::Map => self.map(a),
            Op::If => self.if_str(a),
            Op::Lookup => self.lookup(a),
            Op::Date => self.date(a),
            Op::Number => self.number(a),
            _ => Err(self.wrong(op, Type::Str)),
        }
    }

    fn concat(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let Some((first, rest)) = a.split_first().filter(|(_, rest)| !rest.is_empty()) else {
            return Err(EvalError::new(
                "concat",
                format!("expects at least 2 arguments, got {}", a.len()),
            ));
        };
        // Appending to the first part's buffer when it is already owned saves a copy in
        // chains such as concat(concat(..), ..).
        let mut out = match self.str(first)? {
            Cow::Owned(o) => o,
            Cow::Borrowed(b) => {
                let mut o = String::with_capacity(b.len() + 16 * rest.len());
                o.push_str(b);
                o
            }
        };
        for part in rest {
            out.push_str(&self.str(part)?);
            // Far past the limit in bytes means past it in characters: stop growing.
            if out.len() > 4 * MAX_STRING_CHARS {
                break;
            }
        }
        ops::check_len("concat", &out)?;
        Ok(Cow::Owned(out))
    }

    fn sub(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [s, i, j] = args(Op::Sub, a)?;
        let s = self.str(s)?;
        let r = ops::sub_range(&s, self.int(i)?, self.int(j)?)?;
        Ok(slice(s, r))
    }

    fn token(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [s, t, k] = args(Op::Token, a)?;
        let s = self.str(s)?;
        let t = self.tok(Op::Token, t)?;
        let span = ops::token_span("token", &s, t, self.int(k)?)?;
        Ok(slice(s, span.bytes()))
    }

    fn to_str(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [i] = args(Op::ToStr, a)?;
        Ok(Cow::Owned(ops::to_str(self.int(i)?)))
    }

    fn case(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [s, m] = args(Op::Case, a)?;
        let s = self.str(s)?;
        Ok(Cow::Owned(ops::case(&s, self.case_mode(Op::Case, m)?)))
    }

    fn replace(&self, op: Op, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [s, from, to] = args(op, a)?;
        let s = self.str(s)?;
        let (from, to) = (self.str(from)?, self.str(to)?);
        let replaced = if op == Op::Replace {
            ops::replace_cow(&s, &from, &to)?
        } else {
            ops::replace_first_cow(&s, &from, &to)?
        };
        Ok(match replaced {
            Cow::Owned(o) => Cow::Owned(o),
            Cow::Borrowed(_) => s,
        })
    }

    fn trim(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [s] = args(Op::Trim, a)?;
        let s = self.str(s)?;
        let r = ops::trim_range(&s);
        Ok(slice(s, r))
    }

    fn pad_left(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [s, n, c] = args(Op::PadLeft, a)?;
        let s = self.str(s)?;
        let n = self.int(n)?;
        let c = self.str(c)?;
        Ok(match ops::pad_left_cow(&s, n, &c)? {
            Cow::Owned(o) => Cow::Owned(o),
            Cow::Borrowed(_) => s,
        })
    }

    fn char_at(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [s, i] = args(Op::CharAt, a)?;
        let s = self.str(s)?;
        let r = ops::char_at_range(&s, self.int(i)?)?;
        Ok(slice(s, r))
    }

    fn map(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [s, t, body, sep] = args(Op::Map, a)?;
        let s = self.str(s)?;
        let t = self.tok(Op::Map, t)?;
        let sep = self.str(sep)?;
        let mut out = String::new();
        for (n, m) in tokens::iter(&s, t).enumerate() {
            if n > 0 {
                out.push_str(&sep);
            }
            // The body sees the same inputs and tables; only `w` changes, to this match
            // (which shadows any outer map's `w`).
            let inner = Ctx {
                inputs: self.inputs,
                tables: self.tables,
                bound: Some(m.text(&s)),
                depth: Cell::new(self.depth.get()),
            };
            out.push_str(&inner.str(body)?);
            if out.len() > 4 * MAX_STRING_CHARS {
                break;
            }
        }
        ops::check_len("map", &out)?;
        Ok(Cow::Owned(out))
    }

    fn if_str(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [c, t, f] = args(Op::If, a)?;
        self.str(if self.bool(c)? { t } else { f })
    }

    fn lookup(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [table, key] = args(Op::Lookup, a)?;
        let table = self.table(Op::Lookup, table)?;
        let key = self.str(key)?;
        Ok(Cow::Borrowed(ops::lookup_ref(table, &key, self.tables)?))
    }

    fn date(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [s, fin, fout] = args(Op::Date, a)?;
        let s = self.str(s)?;
        let (fin, fout) = (self.fmt(Op::Date, fin)?, self.fmt(Op::Date, fout)?);
        Ok(Cow::Owned(ops::date(&s, fin, fout)?))
    }

    fn number(&self, a: &'a [Expr]) -> R<Cow<'a, str>> {
        let [s, fout] = args(Op::Number, a)?;
        let s = self.str(s)?;
        Ok(Cow::Owned(ops::number(&s, self.fmt(Op::Number, fout)?)?))
    }

    fn app_int(&self, op: Op, a: &'a [Expr]) -> R<i64> {
        match op {
            Op::Len => self.len(a),
            Op::Start | Op::End => self.start_end(op, a),
            Op::Find => self.find(a),
            Op::Pos => self.pos(a),
            Op::Plus | Op::Minus => self.arith(op, a),
            Op::ToInt => self.to_int(a),
            Op::If => self.if_int(a),
            _ => Err(self.wrong(op, Type::Int)),
        }
    }

    fn len(&self, a: &'a [Expr]) -> R<i64> {
        let [s] = args(Op::Len, a)?;
        Ok(ops::len(&self.str(s)?))
    }

    fn start_end(&self, op: Op, a: &'a [Expr]) -> R<i64> {
        let [s, t, k] = args(op, a)?;
        let s = self.str(s)?;
        let (t, k) = (self.tok(op, t)?, self.int(k)?);
        if op == Op::Start {
            ops::start(&s, t, k)
        } else {
            ops::end(&s, t, k)
        }
    }

    fn find(&self, a: &'a [Expr]) -> R<i64> {
        let [s, needle, k] = args(Op::Find, a)?;
        let s = self.str(s)?;
        let needle = self.str(needle)?;
        ops::find(&s, &needle, self.int(k)?)
    }

    fn pos(&self, a: &'a [Expr]) -> R<i64> {
        let [s, l, r, k] = args(Op::Pos, a)?;
        let s = self.str(s)?;
        let (l, r) = (self.tok(Op::Pos, l)?, self.tok(Op::Pos, r)?);
        ops::pos(&s, l, r, self.int(k)?)
    }

    fn arith(&self, op: Op, a: &'a [Expr]) -> R<i64> {
        let [i, j] = args(op, a)?;
        let (i, j) = (self.int(i)?, self.int(j)?);
        if op == Op::Plus {
            ops::plus(i, j)
        } else {
            ops::minus(i, j)
        }
    }

    fn to_int(&self, a: &'a [Expr]) -> R<i64> {
        let [s] = args(Op::ToInt, a)?;
        ops::to_int(&self.str(s)?)
    }

    fn if_int(&self, a: &'a [Expr]) -> R<i64> {
        let [c, t, f] = args(Op::If, a)?;
        self.int(if self.bool(c)? { t } else { f })
    }

    fn app_bool(&self, op: Op, a: &'a [Expr]) -> R<bool> {
        match op {
            Op::Contains | Op::StartsWith | Op::EndsWith => self.substring_test(op, a),
            Op::Matches => self.matches(a),
            Op::IsEmpty => self.is_empty(a),
            Op::Not => self.not(a),
            Op::Eq => self.eq(a),
            Op::If => self.if_bool(a),
            _ => Err(self.wrong(op, Type::Bool)),
        }
    }

    fn substring_test(&self, op: Op, a: &'a [Expr]) -> R<bool> {
        let [s, lit] = args(op, a)?;
        let s = self.str(s)?;
        let lit = self.str(lit)?;
        Ok(match op {
            Op::Contains => ops::contains(&s, &lit),
            Op::StartsWith => ops::starts_with(&s, &lit),
            _ => ops::ends_with(&s, &lit),
        })
    }

    fn matches(&self, a: &'a [Expr]) -> R<bool> {
        let [s, t] = args(Op::Matches, a)?;
        let s = self.str(s)?;
        Ok(ops::matches(&s, self.tok(Op::Matches, t)?))
    }

    fn is_empty(&self, a: &'a [Expr]) -> R<bool> {
        let [s] = args(Op::IsEmpty, a)?;
        Ok(ops::is_empty(&self.str(s)?))
    }

    fn not(&self, a: &'a [Expr]) -> R<bool> {
        let [b] = args(Op::Not, a)?;
        Ok(!self.bool(b)?)
    }

    fn eq(&self, a: &'a [Expr]) -> R<bool> {
        let [l, r] = args(Op::Eq, a)?;
        match self.value(l)? {
            V::Str(l) => Ok(l == self.str(r)?),
            V::Int(l) => Ok(l == self.int(r)?),
            V::Bool(_) => Err(EvalError::new("eq", "compares Str or Int values, not Bool")),
        }
    }

    fn if_bool(&self, a: &'a [Expr]) -> R<bool> {
        let [c, t, f] = args(Op::If, a)?;
        self.bool(if self.bool(c)? { t } else { f })
    }
}
