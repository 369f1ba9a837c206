//! The type checker: arity, argument types, the scope of `w`, input columns, format kinds
//! and user tables.
//!
//! Errors name the offending node by its pre-order index (the root is 0, then each
//! argument's subtree left to right), the order in which
//! [`parse_with_spans`](crate::parse::parse_with_spans) records positions, so that an error
//! in parsed text can point at the line and column it is about.

use crate::ast::{
    BuiltinTable, CaseMode, Expr, Format, FormatKind, Op, Signature, TableRef, TokenClass, Type,
};
use crate::limits::MAX_DEPTH;
use crate::suggest::{arity_message, closest};

/// What the checker needs to know about the program's surroundings.
#[derive(Clone, Debug, Default)]
pub struct CheckContext {
    /// How many input columns there are; `None` accepts any `xN`.
    pub num_inputs: Option<usize>,
    /// Names of the user tables that exist; `None` accepts any `@name`.
    pub user_tables: Option<Vec<String>>,
}

/// A type error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TypeError {
    /// The offending node's pre-order index in the checked tree (0 is the root).
    pub node: usize,
    /// What is wrong.
    pub message: String,
}

/// Checks `expr` and returns its type.
///
/// A tree of any type is accepted here (`Word` alone is a Tok); [`crate::Program`] also
/// requires the whole program to be a Str, Int or Bool.
pub fn typecheck(expr: &Expr, ctx: &CheckContext) -> Result<Type, TypeError> {
    let mut next = 0;
    Checker { ctx }.check(expr, false, 0, &mut next)
}

struct Checker<'a> {
    ctx: &'a CheckContext,
}

impl Checker<'_> {
    /// Checks `expr`, whose pre-order index is `*next` and which sits inside `depth`
    /// operators; advances `*next` past its subtree.
    fn check(
        &self,
        expr: &Expr,
        in_map: bool,
        depth: usize,
        next: &mut usize,
    ) -> Result<Type, TypeError> {
        let node = *next;
        *next += 1;
        let error = |message: String| Err(TypeError { node, message });
        match expr {
            Expr::Str(_) => Ok(Type::Str),
            Expr::Int(_) => Ok(Type::Int),
            Expr::Bool(_) => Ok(Type::Bool),
            Expr::Var(i) => match self.ctx.num_inputs {
                Some(n) if *i >= n => error(column_error(*i, n)),
                _ => Ok(Type::Str),
            },
            Expr::Bound if in_map => Ok(Type::Str),
            Expr::Bound => error(
                "w is only defined inside the body of map (its third argument), where it stands for the current match".into(),
            ),
            Expr::Tok(_) => Ok(Type::Tok),
            Expr::Case(_) => Ok(Type::Case),
            Expr::Table(TableRef::User(name)) => match &self.ctx.user_tables {
                Some(names) if !names.iter().any(|n| n == name) => error(table_error(name, names)),
                _ => Ok(Type::Table),
            },
            Expr::Table(TableRef::Builtin(_)) => Ok(Type::Table),
            Expr::Fmt(_) => Ok(Type::Fmt),
            // The checker recurses; a tree built in code could be deep enough to exhaust
            // the stack. The interpreter refuses the same trees.
            Expr::App(..) if depth >= MAX_DEPTH => error(format!(
                "operators are nested too deeply (the limit is {MAX_DEPTH} levels)"
            )),
            Expr::App(op, args) => {
                let mut types = Vec::with_capacity(args.len());
                let mut nodes = Vec::with_capacity(args.len());
                for (i, arg) in args.iter().enumerate() {
                    nodes.push(*next);
                    let body = *op == Op::Map && i == 2;
                    types.push(self.check(arg, in_map || body, depth + 1, next)?);
                }
                apply(*op, args, &types, &nodes, node)
            }
        }
    }
}

fn column_error(i: usize, n: usize) -> String {
    let name = if i == 0 {
        "x".to_string()
    } else {
        format!("x{i}")
    };
    match n {
        0 => format!("{name} is not an input: there are no input columns"),
        1 => format!("{name} is not an input: there is 1 input column (x)"),
        n => format!(
            "{name} is not an input: there are {n} input columns (x0 to x{})",
            n - 1
        ),
    }
}

fn table_error(name: &str, names: &[String]) -> String {
    let shown = TableRef::User(name.to_string()).to_string();
    if names.is_empty() {
        return format!("no table named {shown}: no tables were sent with the request");
    }
    let mut message = format!("no table named {shown} was sent with the request");
    if let Some(best) = closest(name, names.iter().map(String::as_str)) {
        message.push_str(&format!(
            " (did you mean {}?)",
            TableRef::User(best.to_string())
        ));
    }
    let all: Vec<String> = names
        .iter()
        .map(|n| TableRef::User(n.clone()).to_string())
        .collect();
    message.push_str(&format!("; the tables are {}", all.join(", ")));
    message
}

/// The result type of `op` applied to arguments of `types`, or the first mismatch.
fn apply(
    op: Op,
    args: &[Expr],
    types: &[Type],
    nodes: &[usize],
    node: usize,
) -> Result<Type, TypeError> {
    let mismatch = |i: usize, want: &str, hint: String| TypeError {
        node: nodes[i],
        message: format!(
            "argument {} of {op} must be {want}, found {}{hint}",
            i + 1,
            types[i]
        ),
    };
    if let Some(message) = arity_message(op, types.len()) {
        return Err(TypeError { node, message });
    }
    match op.signature() {
        Signature::Fixed(params, result) => {
            for (i, (&want, &have)) in params.iter().zip(types).enumerate() {
                if want != have {
                    return Err(mismatch(i, want.name(), hint(&args[i], have, want)));
                }
            }
            let kind = match op {
                Op::Date => Some(FormatKind::Date),
                Op::Number => Some(FormatKind::Number),
                _ => None,
            };
            if let Some(kind) = kind {
                for (i, arg) in args.iter().enumerate() {
                    if let Expr::Fmt(format) = arg
                        && format.kind() != kind
                    {
                        return Err(TypeError {
                            node: nodes[i],
                            message: format_kind_error(op, i, *format, kind),
                        });
                    }
                }
            }
            Ok(result)
        }
        Signature::Variadic(want, result) => match types.iter().position(|&t| t != want) {
            Some(i) => Err(mismatch(i, want.name(), hint(&args[i], types[i], want))),
            None => Ok(result),
        },
        Signature::If => {
            if types[0] != Type::Bool {
                return Err(mismatch(0, "Bool", String::new()));
            }
            if !types[1].is_value() {
                return Err(mismatch(1, "Str, Int or Bool", String::new()));
            }
            if types[2] != types[1] {
                return Err(TypeError {
                    node: nodes[2],
                    message: format!(
                        "the branches of if must have the same type, but argument 2 is {} and argument 3 is {}",
                        types[1], types[2]
                    ),
                });
            }
            Ok(types[1])
        }
        Signature::Eq(allowed) => {
            let names: Vec<&str> = allowed.iter().map(|t| t.name()).collect();
            if !allowed.contains(&types[0]) {
                return Err(mismatch(0, &names.join(" or "), String::new()));
            }
            if types[1] != types[0] {
                return Err(TypeError {
                    node: nodes[1],
                    message: format!(
                        "eq compares two values of one type ({}), but argument 1 is {} and argument 2 is {}",
                        names.join(" or "),
                        types[0],
                        types[1]
                    ),
                });
            }
            Ok(Type::Bool)
        }
    }
}

fn format_kind_error(op: Op, i: usize, format: Format, kind: FormatKind) -> String {
    let (wanted, found) = match kind {
        FormatKind::Date => ("a date format", "a number format"),
        FormatKind::Number => ("a number format", "a date format"),
    };
    let valid: Vec<&str> = Format::ALL
        .iter()
        .filter(|f| f.kind() == kind)
        .map(|f| f.name())
        .collect();
    format!(
        "argument {} of {op} must be {wanted}, but {} is {found}; the {}s are {}",
        i + 1,
        format.name(),
        &wanted[2..],
        valid.join(", ")
    )
}

/// A suggestion for a common slip, appended to a type mismatch message.
fn hint(arg: &Expr, have: Type, want: Type) -> String {
    let unquoted = |name: &str| format!("; write {name} without quotes");
    match (arg, want) {
        (Expr::Str(s), Type::Tok) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => format!(
                    "; write the delimiter as {}",
                    Expr::Tok(TokenClass::Delim(c))
                ),
                _ if TokenClass::from_name(s).is_some() => unquoted(s),
                _ => String::new(),
            }
        }
        (Expr::Str(s), Type::Case) if CaseMode::from_name(s).is_some() => unquoted(s),
        (Expr::Str(s), Type::Table) if BuiltinTable::from_name(s).is_some() => unquoted(s),
        (Expr::Str(s), Type::Fmt) if Format::from_name(s).is_some() => unquoted(s),
        (Expr::Int(i), Type::Str) => format!("; write \"{i}\" for the text {i}"),
        (Expr::Tok(TokenClass::Delim(c)), Type::Str) => format!(
            "; {} is a token class; write {} for the text",
            Expr::Tok(TokenClass::Delim(*c)),
            Expr::Str(c.to_string())
        ),
        _ if have == Type::Int && want == Type::Str => {
            "; to_str(...) turns an Int into text".into()
        }
        _ if have == Type::Str && want == Type::Int => {
            "; to_int(...) reads an Int from text".into()
        }
        _ => String::new(),
    }
}
