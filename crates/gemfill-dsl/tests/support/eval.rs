//! Helpers of the interpreter tests: build expressions and run them.
// Each test file uses some of them.
#![allow(dead_code)]

use gemfill_dsl::ast::{BuiltinTable as BT, Expr, Op, TableRef, TokenClass};
use gemfill_dsl::{EvalError, Tables, UserRegex, Value, eval, tokens};

pub fn x() -> Expr {
    Expr::Var(0)
}
pub fn x1() -> Expr {
    Expr::Var(1)
}
pub fn w() -> Expr {
    Expr::Bound
}
pub fn s(v: &str) -> Expr {
    Expr::str(v)
}
pub fn i(v: i64) -> Expr {
    Expr::Int(v)
}
pub fn b(v: bool) -> Expr {
    Expr::Bool(v)
}
pub fn t(c: TokenClass) -> Expr {
    Expr::Tok(c)
}
pub fn re(src: &str) -> TokenClass {
    TokenClass::Regex(UserRegex::new(src).unwrap())
}
pub fn app(op: Op, args: Vec<Expr>) -> Expr {
    Expr::app(op, args)
}
pub fn concat(args: Vec<Expr>) -> Expr {
    app(Op::Concat, args)
}
pub fn sub(a: Expr, from: i64, to: i64) -> Expr {
    app(Op::Sub, vec![a, i(from), i(to)])
}
pub fn token(a: Expr, c: TokenClass, k: i64) -> Expr {
    app(Op::Token, vec![a, t(c), i(k)])
}
pub fn builtin(table: BT) -> Expr {
    Expr::Table(TableRef::Builtin(table))
}

pub fn run_on(e: &Expr, inputs: &[&str], tables: &Tables) -> Result<Value, EvalError> {
    eval(e, inputs, tables)
}
pub fn run(e: &Expr, input: &str) -> Result<Value, EvalError> {
    eval(e, &[input], &Tables::default())
}
/// The program's output text on `input` (panics on an evaluation error).
pub fn out(e: &Expr, input: &str) -> String {
    match run(e, input) {
        Ok(v) => v.to_string(),
        Err(err) => panic!("{e:?} on {input:?} failed: {err}"),
    }
}
/// The error of `e` on `input` (panics if it succeeds).
pub fn fails(e: &Expr, input: &str) -> EvalError {
    match run(e, input) {
        Ok(v) => panic!("{e:?} on {input:?} should fail, gave {v:?}"),
        Err(err) => err,
    }
}
pub fn texts(s: &str, c: &TokenClass) -> Vec<String> {
    tokens::find_all(s, c)
        .iter()
        .map(|m| m.text(s).to_string())
        .collect()
}
