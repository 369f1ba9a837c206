//! Helpers of the front-end tests: build expressions, parse and pick out what a test checks.
// Each test file uses some of them.
#![allow(dead_code)]

use gemfill_dsl::{Expr, Op, TokenClass, UserRegex, parse};

pub fn call(op: Op, args: Vec<Expr>) -> Expr {
    Expr::App(op, args)
}

pub fn s(text: &str) -> Expr {
    Expr::str(text)
}

pub fn x() -> Expr {
    Expr::Var(0)
}

/// The parse error of `text`, as `line:column: message`.
pub fn parse_error(text: &str) -> String {
    match parse(text) {
        Ok(e) => panic!("{text:?} parsed as {e}"),
        Err(error) => error.to_string(),
    }
}

pub fn regex(source: &str) -> Expr {
    Expr::Tok(TokenClass::Regex(UserRegex::new(source).unwrap()))
}

/// The single argument at `index` of the call `text` parses to.
pub fn argument(text: &str, index: usize) -> Expr {
    match parse(text) {
        Ok(Expr::App(_, args)) => args[index].clone(),
        other => panic!("{text:?}: {other:?}"),
    }
}
