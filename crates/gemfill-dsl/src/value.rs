//! Runtime values and evaluation errors.
use std::fmt;

use crate::ast::Type;

/// The value of a Str, Int or Bool expression on one input row.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Value {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A truth value.
    Bool(bool),
}

impl Value {
    /// The value's type (Str, Int or Bool).
    pub fn ty(&self) -> Type {
        match self {
            Value::Str(_) => Type::Str,
            Value::Int(_) => Type::Int,
            Value::Bool(_) => Type::Bool,
        }
    }

    /// The string, if this is a Str value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, if this is an Int value.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// The truth value, if this is a Bool value.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    /// Strings print as themselves, integers in decimal, truth values as `true`/`false`:
    /// this is how a program's output is compared with an example's output text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            Value::Int(i) => write!(f, "{i}"),
            Value::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// Why an operator could not apply to its arguments on some input.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{op}: {message}")]
pub struct EvalError {
    /// The operator that failed (its name).
    pub op: &'static str,
    /// What went wrong, for a person.
    pub message: String,
}

impl EvalError {
    /// A new error raised by operator `op`.
    pub fn new(op: &'static str, message: impl Into<String>) -> EvalError {
        EvalError {
            op,
            message: message.into(),
        }
    }
}
