//! Tests of the interpreter's control: conditionals and predicates, `map` and its `w`, and
//! ill-typed or too deep trees, which are errors and never panics.
use gemfill_dsl::ast::{BuiltinTable as BT, CaseMode, Expr, Format, Op, TokenClass};
use gemfill_dsl::{Tables, Value, ops};

#[path = "support/eval.rs"]
mod support;

use support::*;

// ---------------------------------------------------------------------------------------
// Conditionals and predicates.

#[test]
fn predicates() {
    let p = |op: Op, lit: &str| app(op, vec![x(), s(lit)]);
    assert_eq!(out(&p(Op::Contains, "ré"), "Montréal"), "true");
    assert_eq!(out(&p(Op::Contains, ""), ""), "true");
    assert_eq!(out(&p(Op::Contains, "x"), ""), "false");
    assert_eq!(out(&p(Op::StartsWith, "Mon"), "Montréal"), "true");
    assert_eq!(out(&p(Op::StartsWith, "mon"), "Montréal"), "false");
    assert_eq!(out(&p(Op::EndsWith, "éal"), "Montréal"), "true");
    assert_eq!(out(&p(Op::EndsWith, ""), "abc"), "true");
    let empty = app(Op::IsEmpty, vec![x()]);
    assert_eq!(run(&empty, "").unwrap(), Value::Bool(true));
    assert_eq!(out(&empty, " "), "false");
    assert_eq!(out(&app(Op::Not, vec![empty.clone()]), ""), "false");
    assert!(ops::contains("abc", "b") && ops::starts_with("abc", "") && ops::ends_with("abc", "c"));
    assert!(ops::is_empty("") && !ops::is_empty("\u{200b}"));
}

#[test]
fn eq_on_str_and_int() {
    let eq = |a, z| app(Op::Eq, vec![a, z]);
    assert_eq!(out(&eq(x(), s("é")), "é"), "true");
    assert_eq!(out(&eq(x(), s("e\u{301}")), "é"), "false"); // no normalisation
    assert_eq!(out(&eq(app(Op::Len, vec![x()]), i(3)), "abc"), "true");
    assert_eq!(out(&eq(i(2), i(3)), ""), "false");
    assert_eq!(fails(&eq(b(true), b(true)), "").op, "eq");
    assert!(run(&eq(x(), i(1)), "1").is_err());
    assert!(run(&eq(i(1), x()), "1").is_err());
}

#[test]
fn if_is_lazy() {
    let boom = sub(x(), 50, 60);
    assert!(run(&boom, "abc").is_err());
    let e = app(Op::If, vec![b(true), s("yes"), boom.clone()]);
    assert_eq!(out(&e, "abc"), "yes");
    let e = app(Op::If, vec![b(false), boom.clone(), x()]);
    assert_eq!(out(&e, "abc"), "abc");
    // The chosen branch's error is the if's error.
    let e = app(Op::If, vec![b(true), boom.clone(), x()]);
    assert_eq!(fails(&e, "abc").op, "sub");
    // A failing condition fails.
    let e = app(
        Op::If,
        vec![app(Op::Eq, vec![boom.clone(), s("")]), s("a"), s("b")],
    );
    assert_eq!(fails(&e, "abc").op, "sub");
}

#[test]
fn if_on_every_value_type() {
    let cond = app(Op::StartsWith, vec![x(), s("+")]);
    let strs = app(
        Op::If,
        vec![
            cond.clone(),
            app(Op::Sub, vec![x(), i(1), app(Op::Len, vec![x()])]),
            x(),
        ],
    );
    assert_eq!(out(&strs, "+44 20"), "44 20");
    assert_eq!(out(&strs, "020"), "020");
    let ints = app(Op::If, vec![cond.clone(), i(1), app(Op::Len, vec![x()])]);
    assert_eq!(run(&ints, "+1").unwrap(), Value::Int(1));
    assert_eq!(run(&ints, "abcd").unwrap(), Value::Int(4));
    let bools = app(Op::If, vec![cond, b(false), app(Op::IsEmpty, vec![x()])]);
    assert_eq!(run(&bools, "+").unwrap(), Value::Bool(false));
    assert_eq!(run(&bools, "").unwrap(), Value::Bool(true));
    // if nested inside operators of each type.
    let e = app(Op::Plus, vec![ints.clone(), i(1)]);
    assert_eq!(out(&e, "+"), "2");
    let e = app(Op::Not, vec![bools]);
    assert_eq!(out(&e, "x"), "true");
}

// ---------------------------------------------------------------------------------------
// map.

#[test]
fn map_binds_w() {
    let initials = |sep: &str| {
        app(
            Op::Map,
            vec![x(), t(TokenClass::Word), sub(w(), 0, 1), s(sep)],
        )
    };
    assert_eq!(out(&initials("."), "José Álvarez García"), "J.Á.G");
    assert_eq!(out(&initials(""), "東京 大阪"), "東大");
    assert_eq!(out(&initials("-"), "123 456"), "");
    assert_eq!(out(&initials("-"), ""), "");
    // An error in the body is the map's error.
    let e = app(
        Op::Map,
        vec![x(), t(TokenClass::Word), sub(w(), 0, 3), s(" ")],
    );
    assert_eq!(out(&e, "abcd efg"), "abc efg");
    assert_eq!(fails(&e, "abcd ef").op, "sub");
    // The body may read the inputs too.
    let e = app(Op::Map, vec![x(), t(TokenClass::Delim(',')), x1(), s("")]);
    assert_eq!(
        run_on(&e, &["a,b,c", "|"], &Tables::default())
            .unwrap()
            .to_string(),
        "||"
    );
}

#[test]
fn nested_map_uses_innermost_w() {
    // For each word, its characters upper-cased and joined by "-"; words joined by " ".
    let inner = app(
        Op::Map,
        vec![
            w(),
            t(TokenClass::Char),
            app(Op::Case, vec![w(), Expr::Case(CaseMode::Upper)]),
            s("-"),
        ],
    );
    let outer = app(Op::Map, vec![x(), t(TokenClass::Word), inner, s(" ")]);
    assert_eq!(out(&outer, "ab, ça!"), "A-B Ç-A");
    // After the inner map, w is the outer match again.
    let e = app(
        Op::Map,
        vec![
            x(),
            t(TokenClass::Word),
            concat(vec![
                app(Op::Map, vec![w(), t(TokenClass::Caps), s("*"), s("")]),
                w(),
            ]),
            s(","),
        ],
    );
    assert_eq!(out(&e, "AbC de"), "**AbC,de");
}

#[test]
fn w_outside_map_and_missing_inputs() {
    assert_eq!(fails(&w(), "abc").op, "w");
    assert_eq!(fails(&concat(vec![w(), s("")]), "abc").op, "w");
    // w in the string or separator of a map is outside its body.
    let e = app(Op::Map, vec![w(), t(TokenClass::Word), s("a"), s("")]);
    assert_eq!(fails(&e, "abc").op, "w");
    let e = app(Op::Map, vec![x(), t(TokenClass::Word), s("a"), w()]);
    assert_eq!(fails(&e, "abc").op, "w");
    assert_eq!(fails(&x1(), "abc").op, "x");
    assert_eq!(
        run_on(&Expr::Var(0), &[], &Tables::default())
            .unwrap_err()
            .op,
        "x"
    );
    assert_eq!(
        run_on(&x1(), &["a", "b"], &Tables::default()).unwrap(),
        Value::Str("b".into())
    );
    assert_eq!(
        gemfill_dsl::eval::eval_bound(&w(), &[], Some("bound"), &Tables::default()).unwrap(),
        Value::Str("bound".into())
    );
}

// ---------------------------------------------------------------------------------------
// Ill-typed trees never panic.

#[test]
fn ill_typed_trees_are_errors() {
    let bad = vec![
        app(Op::Sub, vec![x(), s("0"), i(1)]),
        app(Op::Sub, vec![i(0), i(0), i(1)]),
        app(Op::Sub, vec![x(), i(0)]),
        app(Op::Sub, vec![x(), i(0), i(1), i(2)]),
        app(Op::Token, vec![x(), s("Word"), i(0)]),
        app(Op::Token, vec![x(), i(0), t(TokenClass::Word)]),
        app(Op::Len, vec![t(TokenClass::Word)]),
        app(Op::Plus, vec![x(), i(1)]),
        app(Op::ToInt, vec![i(1)]),
        app(Op::ToStr, vec![s("1")]),
        app(Op::Case, vec![x(), s("upper")]),
        app(Op::Lookup, vec![x(), builtin(BT::MonthName)]),
        app(
            Op::Date,
            vec![x(), Expr::Case(CaseMode::Upper), Expr::Fmt(Format::Iso)],
        ),
        app(Op::Number, vec![x()]),
        app(Op::Not, vec![x()]),
        app(Op::If, vec![x(), s("a"), s("b")]),
        app(Op::If, vec![b(true), s("a")]),
        app(Op::Map, vec![x(), t(TokenClass::Word), i(1), s("")]),
        app(Op::Contains, vec![x(), i(1)]),
        app(Op::Matches, vec![x(), s("a")]),
        concat(vec![x(), i(1)]),
        concat(vec![x(), app(Op::Len, vec![x()])]),
        app(Op::Len, vec![app(Op::IsEmpty, vec![x()])]),
        app(Op::Not, vec![app(Op::Len, vec![x()])]),
        t(TokenClass::Word),
        Expr::Case(CaseMode::Upper),
        Expr::Fmt(Format::Iso),
        builtin(BT::MonthName),
    ];
    for e in &bad {
        assert!(run(e, "abc").is_err(), "{e:?} should fail");
    }
    // Unusual but well-typed: a date format given to number is a run-time error too.
    assert!(run(&app(Op::Number, vec![x(), Expr::Fmt(Format::Iso)]), "1").is_err());
    assert!(
        run(
            &app(
                Op::Date,
                vec![x(), Expr::Fmt(Format::Int), Expr::Fmt(Format::Iso)]
            ),
            "1"
        )
        .is_err()
    );
}

#[test]
fn deep_trees_are_errors_not_stack_overflows() {
    let deep = |n: usize| {
        let mut e = x();
        for _ in 0..n {
            e = app(Op::Trim, vec![e]);
        }
        e
    };
    assert_eq!(out(&deep(200), " a "), "a");
    let err = fails(&deep(gemfill_dsl::limits::MAX_DEPTH + 1), "a");
    assert_eq!(err.op, "trim");
    // Depth counts through map bodies too.
    let mut e = w();
    for _ in 0..gemfill_dsl::limits::MAX_DEPTH {
        e = app(Op::Trim, vec![e]);
    }
    let m = app(Op::Map, vec![x(), t(TokenClass::Word), e, s("")]);
    assert!(run(&m, "a").is_err());
    // Dropping the tree recursively must not overflow either; keep it shallow enough.
    drop(m);
}
