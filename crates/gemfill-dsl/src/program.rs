//! A parsed, type-checked program ready to run.

use std::fmt;
use std::str::FromStr;

use crate::ast::{Expr, Type};
use crate::parse::{ParseError, Position, parse_with_spans};
use crate::tables::Tables;
use crate::typecheck::{CheckContext, TypeError, typecheck};
use crate::value::{EvalError, Value};

/// A well-typed program whose result is a Str, Int or Bool.
///
/// ```
/// use gemfill_dsl::{Program, Tables, Type};
/// let program = Program::parse("case(token(x, Word, -1), upper)  # last word, shouting").unwrap();
/// assert_eq!(program.ty(), Type::Str);
/// assert_eq!(program.to_string(), "case(token(x, Word, -1), upper)");
/// let out = program.run(&["Ada Lovelace"], &Tables::default()).unwrap();
/// assert_eq!(out.to_string(), "LOVELACE");
/// ```
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
    /// Where the error is.
    pub fn position(&self) -> Position {
        match self {
            ProgramError::Parse(e) => e.position(),
            ProgramError::Type { line, column, .. } => Position {
                line: *line,
                column: *column,
            },
        }
    }

    /// What is wrong, without the position.
    pub fn message(&self) -> &str {
        match self {
            ProgramError::Parse(e) => &e.message,
            ProgramError::Type { message, .. } => message,
        }
    }

    /// The error as a person should see it: `line:column: message`, then the offending
    /// line of `source` with a caret under the column.
    ///
    /// ```
    /// use gemfill_dsl::Program;
    /// let source = "sub(x, 0, concatt(x, \"a\"))";
    /// let error = Program::parse(source).unwrap_err();
    /// assert_eq!(
    ///     error.render(source),
    ///     "1:11: unknown operator 'concatt'; did you mean 'concat'?\n  |\n1 | sub(x, 0, concatt(x, \"a\"))\n  |           ^"
    /// );
    /// ```
    pub fn render(&self, source: &str) -> String {
        let Position { line, column } = self.position();
        let text = source
            .split('\n')
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .trim_end_matches('\r');
        // Keep tabs in the padding so the caret lines up however the terminal shows them.
        let pad: String = text
            .chars()
            .chain(std::iter::repeat(' '))
            .take(column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let number = line.to_string();
        let blank = " ".repeat(number.len());
        format!("{self}\n{blank} |\n{number} | {text}\n{blank} | {pad}^")
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
        Program::from_expr(expr, ctx).map_err(|TypeError { node, message }| {
            let Position { line, column } = positions
                .get(node)
                .copied()
                .unwrap_or(Position { line: 1, column: 1 });
            ProgramError::Type {
                line,
                column,
                message,
            }
        })
    }

    /// Type-checks an expression built in code (by the synthesizer, say).
    pub fn from_expr(expr: Expr, ctx: &CheckContext) -> Result<Program, TypeError> {
        let ty = typecheck(&expr, ctx)?;
        if !ty.is_value() {
            return Err(TypeError {
                node: 0,
                message: format!(
                    "a program must compute a Str, Int or Bool value, but this is a {ty} on its own"
                ),
            });
        }
        Ok(Program { expr, ty })
    }

    /// The program's tree.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// The program's tree, taken out.
    pub fn into_expr(self) -> Expr {
        self.expr
    }

    /// The type of the program's result.
    pub fn ty(&self) -> Type {
        self.ty
    }

    /// How many input columns the program reads: one more than its highest `xN`, 0 when
    /// it reads none.
    pub fn num_inputs(&self) -> usize {
        self.expr.max_var().map_or(0, |i| i + 1)
    }

    /// Runs the program on one row of inputs (`inputs[0]` is `x`). An operator that cannot
    /// apply to this row (an index out of range, a missing key, a missing column) is an
    /// error for the row, never a panic.
    pub fn run(&self, inputs: &[&str], tables: &Tables) -> Result<Value, EvalError> {
        crate::eval::eval(&self.expr, inputs, tables)
    }
}

impl FromStr for Program {
    type Err = ProgramError;

    /// Same as [`Program::parse`].
    fn from_str(text: &str) -> Result<Program, ProgramError> {
        Program::parse(text)
    }
}

impl fmt::Display for Program {
    /// The canonical program text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.expr.fmt(f)
    }
}
