//! The parser. SKELETON.
use crate::ast::Expr;

/// A syntax or name error, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

/// Parses program text into an expression (syntax and names; types are checked by
/// [`crate::typecheck`]).
pub fn parse(text: &str) -> Result<Expr, ParseError> { todo!() }
