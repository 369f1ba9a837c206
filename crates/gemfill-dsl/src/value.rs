//! Runtime values and evaluation errors.
use std::fmt;

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
        EvalError { op, message: message.into() }
    }
}
