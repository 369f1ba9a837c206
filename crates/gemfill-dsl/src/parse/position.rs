//! Places in program text and the parser's error, which names one.

use std::fmt;

/// A place in program text: 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

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

impl ParseError {
    pub(super) fn at(position: Position, message: impl Into<String>) -> ParseError {
        ParseError {
            line: position.line,
            column: position.column,
            message: message.into(),
        }
    }

    /// Where the error is.
    pub fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

/// Turns byte offsets into line and column. Positions are asked for mostly in increasing
/// order (pre-order follows the text), so the locator walks forward from the last answer
/// instead of rescanning from the start: locating every node of a long program stays
/// linear.
pub(super) struct Locator<'a> {
    text: &'a str,
    byte: usize,
    position: Position,
}

impl<'a> Locator<'a> {
    pub(super) fn new(text: &'a str) -> Locator<'a> {
        Locator {
            text,
            byte: 0,
            position: Position { line: 1, column: 1 },
        }
    }

    pub(super) fn locate(&mut self, byte: usize) -> Position {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            self.byte = 0;
            self.position = Position { line: 1, column: 1 };
        }
        for c in self.text[self.byte..byte].chars() {
            if c == '\n' {
                self.position.line += 1;
                self.position.column = 1;
            } else {
                self.position.column += 1;
            }
        }
        self.byte = byte;
        self.position
    }
}
