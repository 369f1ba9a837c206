//! The type checker: arity, argument types, the scope of `w`, input columns, format kinds
//! and user tables.
//!
//! Errors name the offending node by its pre-order index (the root is 0, then each
//! argument's subtree left to right), the order in which
//! [`parse_with_spans`](crate::parse::parse_with_spans) records positions, so that an error
//! in parsed text can point at the line and column it is about.

use crate::ast::{Expr, FormatKind, Op, Signature, TableRef, Type};

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
    /// The offending node's pre-order index in the checked tree.
    pub node: usize,
    /// What is wrong.
    pub message: String,
}

/// Checks `expr` and returns its type.
pub fn typecheck(expr: &Expr, ctx: &CheckContext) -> Result<Type, TypeError> {
    let mut next = 0;
    Checker { ctx }.check(expr, false, &mut next)
}

struct Checker<'a> {
    ctx: &'a CheckContext,
}

impl Checker<'_> {
    /// Checks `expr`, whose pre-order index is `*next`; advances `*next` past its subtree.
    fn check(&self, expr: &Expr, in_map: bool, next: &mut usize) -> Result<Type, TypeError> {
        let node = *next;
        *next += 1;
        let error = |message: String| Err(TypeError { node, message });
        match expr {
            Expr::Str(_) => Ok(Type::Str),
            Expr::Int(_) => Ok(Type::Int),
            Expr::Bool(_) => Ok(Type::Bool),
            Expr::Var(i) => match self.ctx.num_inputs {
                Some(n) if *i >= n => error(format!(
                    "x{i} is not an input: there {} {n} input column{} (x0{})",
                    if n == 1 { "is" } else { "are" },
                    if n == 1 { "" } else { "s" },
                    if n > 1 {
                        format!(" to x{}", n - 1)
                    } else {
                        String::new()
                    }
                )),
                _ => Ok(Type::Str),
            },
            Expr::Bound if in_map => Ok(Type::Str),
            Expr::Bound => {
                error("w is only defined inside the body (third argument) of map".into())
            }
            Expr::Tok(_) => Ok(Type::Tok),
            Expr::Case(_) => Ok(Type::Case),
            Expr::Table(TableRef::User(name)) => match &self.ctx.user_tables {
                Some(names) if !names.iter().any(|n| n == name) => error(format!(
                    "no table named @{name} was sent with the request{}",
                    if names.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " (tables: {})",
                            names
                                .iter()
                                .map(|n| format!("@{n}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                )),
                _ => Ok(Type::Table),
            },
            Expr::Table(TableRef::Builtin(_)) => Ok(Type::Table),
            Expr::Fmt(_) => Ok(Type::Fmt),
            Expr::App(op, args) => {
                let mut types = Vec::with_capacity(args.len());
                let mut nodes = Vec::with_capacity(args.len());
                for (i, arg) in args.iter().enumerate() {
                    nodes.push(*next);
                    let body = *op == Op::Map && i == 2;
                    types.push(self.check(arg, in_map || body, next)?);
                }
                apply(*op, args, &types, &nodes, node)
            }
        }
    }
}

/// The result type of `op` applied to arguments of `types`, or the first mismatch.
fn apply(
    op: Op,
    args: &[Expr],
    types: &[Type],
    nodes: &[usize],
    node: usize,
) -> Result<Type, TypeError> {
    let mismatch = |i: usize, wanted: &str| TypeError {
        node: nodes[i],
        message: format!(
            "argument {} of {op} must be {wanted}, found {}",
            i + 1,
            types[i]
        ),
    };
    let arity = |wanted: String| TypeError {
        node,
        message: format!("{op} takes {wanted}, found {}", types.len()),
    };
    match op.signature() {
        Signature::Fixed(params, result) => {
            if params.len() != types.len() {
                return Err(arity(format!(
                    "{} argument{}",
                    params.len(),
                    if params.len() == 1 { "" } else { "s" }
                )));
            }
            for (i, (&want, &have)) in params.iter().zip(types).enumerate() {
                if want != have {
                    return Err(mismatch(i, want.name()));
                }
            }
            let format_kind = match op {
                Op::Date => Some((FormatKind::Date, "a date format", &[1, 2][..])),
                Op::Number => Some((FormatKind::Number, "a number format", &[1][..])),
                _ => None,
            };
            if let Some((kind, wanted, positions)) = format_kind {
                for &i in positions {
                    if let Expr::Fmt(format) = &args[i]
                        && format.kind() != kind
                    {
                        return Err(TypeError {
                            node: nodes[i],
                            message: format!(
                                "argument {} of {op} must be {wanted}; {} is not one",
                                i + 1,
                                format.name()
                            ),
                        });
                    }
                }
            }
            Ok(result)
        }
        Signature::Variadic(want, result) => {
            if types.len() < 2 {
                return Err(arity("two or more arguments".into()));
            }
            match types.iter().position(|&t| t != want) {
                Some(i) => Err(mismatch(i, want.name())),
                None => Ok(result),
            }
        }
        Signature::If => {
            if types.len() != 3 {
                return Err(arity("3 arguments".into()));
            }
            if types[0] != Type::Bool {
                return Err(mismatch(0, "Bool"));
            }
            if !types[1].is_value() {
                return Err(mismatch(1, "Str, Int or Bool"));
            }
            if types[2] != types[1] {
                return Err(mismatch(2, &format!("{} like argument 2", types[1])));
            }
            Ok(types[1])
        }
        Signature::Eq(allowed) => {
            if types.len() != 2 {
                return Err(arity("2 arguments".into()));
            }
            if !allowed.contains(&types[0]) {
                let names: Vec<&str> = allowed.iter().map(|t| t.name()).collect();
                return Err(mismatch(0, &names.join(" or ")));
            }
            if types[1] != types[0] {
                return Err(mismatch(1, &format!("{} like argument 1", types[0])));
            }
            Ok(Type::Bool)
        }
    }
}
