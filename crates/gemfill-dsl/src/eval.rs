//! The interpreter. SKELETON.
use crate::ast::Expr;
use crate::tables::Tables;
use crate::value::{EvalError, Value};

/// Evaluates `expr` on one row of inputs (`x0`, `x1`, ...). Never panics.
pub fn eval(expr: &Expr, inputs: &[&str], tables: &Tables) -> Result<Value, EvalError> { todo!() }
