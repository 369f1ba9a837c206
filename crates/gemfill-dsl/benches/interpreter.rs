//! Evaluations per second of typical programs on typical inputs.
//!
//! Each benchmark evaluates one program on every input of its row set per iteration;
//! throughput is in evaluations (elements), so criterion reports evaluations per second
//! and the time per iteration divided by the number of inputs is the time per evaluation.
//! The programs are built from `Expr` constructors so the benchmark does not depend on
//! the parser.
//!
//! Run: `cargo bench -p gemfill-dsl --bench interpreter`
//! (quick: `... -- --warm-up-time 1 --measurement-time 3`).
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gemfill_dsl::ast::{BuiltinTable, CaseMode, Expr, Format, Op, TableRef, TokenClass};
use gemfill_dsl::{Tables, eval};

fn x() -> Expr {
    Expr::Var(0)
}
fn s(v: &str) -> Expr {
    Expr::str(v)
}
fn i(v: i64) -> Expr {
    Expr::Int(v)
}
fn app(op: Op, args: Vec<Expr>) -> Expr {
    Expr::app(op, args)
}
fn token(e: Expr, t: TokenClass, k: i64) -> Expr {
    app(Op::Token, vec![e, Expr::Tok(t), i(k)])
}

/// (name, program, inputs).
fn programs() -> Vec<(&'static str, Expr, Vec<&'static str>)> {
    let name_reformat = app(
        Op::Concat,
        vec![
            token(x(), TokenClass::Word, -1),
            s(", "),
            app(Op::Sub, vec![x(), i(0), i(1)]),
            s("."),
        ],
    );
    let initials = app(
        Op::Map,
        vec![
            x(),
            Expr::Tok(TokenClass::Word),
            app(
                Op::Concat,
                vec![app(Op::Sub, vec![Expr::Bound, i(0), i(1)]), s(".")],
            ),
            s(""),
        ],
    );
    let date_lookup = app(
        Op::Concat,
        vec![
            app(
                Op::Lookup,
                vec![
                    Expr::Table(TableRef::Builtin(BuiltinTable::MonthName)),
                    token(x(), TokenClass::Number, 1),
                ],
            ),
            s(" "),
            app(
                Op::ToStr,
                vec![app(Op::ToInt, vec![token(x(), TokenClass::Number, 2)])],
            ),
            s(", "),
            token(x(), TokenClass::Number, 0),
        ],
    );
    let replace = |e: Expr, a: &str, b: &str| app(Op::Replace, vec![e, s(a), s(b)]);
    let phone = replace(
        replace(replace(replace(x(), "(", ""), ") ", "-"), " ", "-"),
        ".",
        "-",
    );
    let conditional = app(
        Op::If,
        vec![
            app(Op::Contains, vec![x(), s("@")]),
            app(
                Op::Sub,
                vec![x(), i(0), app(Op::Find, vec![x(), s("@"), i(0)])],
            ),
            app(Op::Case, vec![x(), Expr::Case(CaseMode::Lower)]),
        ],
    );
    let number = app(Op::Number, vec![x(), Expr::Fmt(Format::Currency)]);
    vec![
        (
            "name_reformat",
            name_reformat,
            vec![
                "John Smith",
                "José Álvarez",
                "Grace Brewster Hopper",
                "Ada Lovelace",
            ],
        ),
        (
            "initials_map",
            initials,
            vec![
                "John Ronald Reuel Tolkien",
                "Grace Hopper",
                "José María Álvarez",
                "Alan Turing",
            ],
        ),
        (
            "date_lookup",
            date_lookup,
            vec!["2024-03-15", "1999-12-01", "2000-07-04", "1970-01-31"],
        ),
        (
            "phone_replace",
            phone,
            vec![
                "(555) 010 0100",
                "(212) 555.0199",
                "(800) 123 4567",
                "(415) 555.2671",
            ],
        ),
        (
            "conditional",
            conditional,
            vec![
                "ada@example.com",
                "Grace HOPPER",
                "alan.turing@cam.ac.uk",
                "José",
            ],
        ),
        (
            "number_currency",
            number,
            vec!["1234.5", "-0.125", "$1,234,567.891", "12.5%"],
        ),
    ]
}

fn bench(c: &mut Criterion) {
    let tables = Tables::default();
    let mut group = c.benchmark_group("eval");
    for (name, program, inputs) in programs() {
        // Every program must work on its inputs, or the benchmark measures error paths.
        for input in &inputs {
            assert!(
                eval(&program, &[input], &tables).is_ok(),
                "{name} on {input}"
            );
        }
        group.throughput(Throughput::Elements(inputs.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for input in &inputs {
                    black_box(eval(black_box(&program), &[black_box(input)], &tables).ok());
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
