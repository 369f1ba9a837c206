//! # gemfill-dsl: the gemfill language
//!
//! gemfill programs transform one or more input strings (the columns `x0`, `x1`, ...; `x`
//! is short for `x0`) into an output value. This crate holds everything about the language
//! and nothing about how programs are found:
//!
//! - [`ast`]: the typed syntax tree ([`Expr`], [`Op`] and the enum-like argument types);
//! - [`parse`](mod@parse): the parser (grammar in `dsl/gemfill.pest`) with errors that point at
//!   a line and column;
//! - [`print`](mod@print): the canonical printer (`Display` for [`Expr`]); printing then parsing gives
//!   the same tree back;
//! - [`typecheck`](mod@typecheck): arity, argument types and unknown names;
//! - [`suggest`]: "did you mean" suggestions and operator signatures, which the parser's
//!   and the checker's messages share;
//! - [`limits`]: how deeply programs may nest and how long a string evaluation may build;
//! - [`ops`]: the semantics of every operator as a plain function, shared by the
//!   interpreter and the synthesizer;
//! - [`eval`](mod@eval): the interpreter, which never panics: an operator that cannot apply yields an
//!   [`EvalError`] for that input row;
//! - [`time`]: dates, times of day and durations: reading them from text, the date
//!   pattern language, arithmetic, rounding and time zones;
//! - [`tokens`], [`tables`], [`formats`]: token classes, lookup tables, date and number
//!   formats;
//! - [`num`]: exact decimals: reading numbers from text, rounding, arithmetic and the
//!   spreadsheet number pattern language;
//! - [`program`]: [`Program`], a parsed and type-checked program ready to run;
//! - [`prefix`]: whether program text typed so far can still become a well-typed program
//!   (for grammar-constrained generation);
//! - [`explain`](mod@explain): a plain-English description of what a program does.
//!
//! ```
//! use gemfill_dsl::{Program, Tables};
//! let program = Program::parse(r#"concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")"#).unwrap();
//! let out = program.run(&["José Álvarez"], &Tables::default()).unwrap();
//! assert_eq!(out.to_string(), "Álvarez, J.");
//! ```

pub mod ast;
pub mod eval;
pub mod example;
pub mod explain;
pub mod formats;
pub mod limits;
pub mod num;
pub mod ops;
pub mod parse;
pub mod prefix;
pub mod print;
pub mod program;
pub mod suggest;
pub mod tables;
pub mod time;
pub mod tokens;
pub mod typecheck;
pub mod value;

pub use ast::{
    BuiltinTable, CaseMode, Expr, Format, FormatKind, Op, Signature, TableRef, TokenClass,
    TokenKind, Type, UserRegex,
};
pub use eval::eval;
pub use example::Example;
pub use explain::explain;
pub use limits::{MAX_DEPTH, MAX_NESTING, MAX_STRING_CHARS};
pub use parse::{ParseError, Position, parse, parse_with_spans};
pub use prefix::{PrefixContext, PrefixParser, PrefixStatus, check_prefix};
pub use program::{Program, ProgramError};
pub use tables::Tables;
pub use typecheck::{CheckContext, TypeError, typecheck};
pub use value::{EvalError, Value};
