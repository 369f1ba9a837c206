//! Token classes: where each class matches in a string. SKELETON.
use crate::ast::TokenClass;

/// A match of a token class: `[start, end)` in characters, and the matched text's byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First character of the match.
    pub start: usize,
    /// One past the last character of the match.
    pub end: usize,
    /// First byte of the match.
    pub byte_start: usize,
    /// One past the last byte of the match.
    pub byte_end: usize,
}

/// Every match of `t` in `s`, left to right, non-overlapping, each as long as possible.
pub fn find_all(s: &str, t: &TokenClass) -> Vec<Span> { todo!() }
