//! The type checker. SKELETON.
use crate::ast::{Expr, Type};

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
    /// What is wrong.
    pub message: String,
}

/// Checks `expr` and returns its type.
pub fn typecheck(expr: &Expr, ctx: &CheckContext) -> Result<Type, TypeError> { todo!() }
