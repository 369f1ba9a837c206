//! A parsed, type-checked program ready to run.

use std::fmt;

use crate::ast::{Expr, Type};
use crate::parse::{ParseError, Position, parse_with_spans};
use crate::tables::Tables;
use crate::typecheck::{CheckContext, TypeError, typecheck};
use crate::value::{EvalError, Value};

/// A well-typed program whose result is a Str, Int or Bool.
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
    Parse(#[from] ParseError),
    /// A type error, at the position of the offending node.
    #[error("{line}:{column}: {message}")]
    Type {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl ProgramError {
    /// Where the error is: 1-based line and column.
    pub fn position(&self) -> (usize, usize) {
        match self {
            ProgramError::Parse(e) => (e.line, e.column),
            ProgramError::Type { line, column, .. } => (*line, *column),
        }
    }

    /// The error as a person should see it: the message, then the offending line of
    /// `source` with a caret under the column.
    pub fn render(&self, source: &str) -> String {
        let (line, column) = self.position();
        let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let pad: String = text
            .chars()
            .take(column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let gutter = format!("{line} | ");
        format!(
            "{self}\n{gutter}{text}\n{}{pad}^",
            " ".repeat(gutter.chars().count())
        )
    }
}

impl Program {
    /// Parses and type-checks `text`, accepting any number of inputs and any user table.
    pub fn parse(text: &str) -> Result<Program, ProgramError> {
        Program::parse_with(text, &CheckContext::default())
    }

    /// Parses and type-checks `text` in the given context (number of inputs, tables).
    pub fn parse_with(text: &str, ctx: &CheckContext) -> Result<Program, ProgramError> {
        let (expr, positions) = parse_with_spans(text)?;
        let at = |node: usize| {
            positions
                .get(node)
                .copied()
                .unwrap_or(Position { line: 1, column: 1 })
        };
        match Program::from_expr(expr, ctx) {
            Ok(program) => Ok(program),
            Err(TypeError { node, message }) => {
                let Position { line, column } = at(node);
                Err(ProgramError::Type {
                    line,
                    column,
                    message,
                })
            }
        }
    }

    /// Type-checks an expression built in code (by the synthesizer, say).
    pub fn from_expr(expr: Expr, ctx: &CheckContext) -> Result<Program, TypeError> {
        let ty = typecheck(&expr, ctx)?;
        if !ty.is_value() {
            return Err(TypeError {
                node: 0,
                message: format!(
                    "a program must compute a Str, Int or Bool, but this is a {ty} on its own"
                ),
            });
        }
        Ok(Program { expr, ty })
    }

    /// The program's tree.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// The type of the program's result.
    pub fn ty(&self) -> Type {
        self.ty
    }

    /// How many input columns the program reads (one more than its highest `xN`).
    pub fn num_inputs(&self) -> usize {
        self.expr.max_var().map_or(0, |i| i + 1)
    }

    /// Runs the program on one row.
    pub fn run(&self, inputs: &[&str], tables: &Tables) -> Result<Value, EvalError> {
        crate::eval::eval(&self.expr, inputs, tables)
    }
}

impl fmt::Display for Program {
    /// The canonical program text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.expr.fmt(f)
    }
}
