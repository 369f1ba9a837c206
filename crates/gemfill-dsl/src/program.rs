//! A parsed, type-checked program ready to run. SKELETON.
use crate::ast::{Expr, Type};
use crate::tables::Tables;
use crate::value::{EvalError, Value};

/// A well-typed program.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Program {
    expr: Expr,
    ty: Type,
}

/// Why program text could not become a [`Program`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProgramError {
    /// A syntax or name error.
    #[error(transparent)]
    Parse(#[from] crate::parse::ParseError),
}

impl Program {
    /// Parses and type-checks `text`, accepting any number of inputs and any user table.
    pub fn parse(text: &str) -> Result<Program, ProgramError> { todo!() }
    /// Runs the program on one row.
    pub fn run(&self, inputs: &[&str], tables: &Tables) -> Result<Value, EvalError> { todo!() }
}
