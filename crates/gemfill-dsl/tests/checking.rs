//! Unit tests of the type checker (errors that point at the offending node, the context's
//! columns and tables, trees built in code) and of programs and their error rendering.

use gemfill_dsl::limits::MAX_NESTING;
use gemfill_dsl::{
    CaseMode, CheckContext, Expr, Format, Op, ParseError, Position, Program, ProgramError,
    TokenClass, Type, TypeError, parse, parse_with_spans, typecheck,
};

#[path = "support/parse.rs"]
mod support;

use support::*;

// ---------------------------------------------------------------------------------------
// Type errors

#[test]
fn type_errors_point_at_the_offending_node() {
    let cases = [
        (
            "sub(x, \"0\", 2)",
            "1:8: argument 2 of sub must be Int, found Str; to_int(...) reads an Int from text",
        ),
        (
            "concat(x, len(x))",
            "1:11: argument 2 of concat must be Str, found Int; to_str(...) turns an Int into text",
        ),
        (
            "concat(x, 5)",
            "1:11: argument 2 of concat must be Str, found Int; write \"5\" for the text 5",
        ),
        (
            "token(x, \"-\", 0)",
            "1:10: argument 2 of token must be Tok, found Str; write the delimiter as '-'",
        ),
        (
            "token(x, \"Word\", 0)",
            "1:10: argument 2 of token must be Tok, found Str; write Word without quotes",
        ),
        (
            "case(x, \"upper\")",
            "1:9: argument 2 of case must be Case, found Str; write upper without quotes",
        ),
        (
            "concat(x, '-')",
            "1:11: argument 2 of concat must be Str, found Tok; '-' is a token class; write \"-\" for the text",
        ),
        ("lookup(@dept, x)", "ok"),
        (
            "if(x, \"a\", \"b\")",
            "1:4: argument 1 of if must be Bool, found Str",
        ),
        (
            "if(is_empty(x),\n   \"none\",\n   len(x))",
            "3:4: the branches of if must have the same type, but argument 2 is Str and argument 3 is Int",
        ),
        (
            "eq(x, 1)",
            "1:7: eq compares two values of one type (Str or Int), but argument 1 is Str and argument 2 is Int",
        ),
        (
            "eq(true, true)",
            "1:4: argument 1 of eq must be Str or Int, found Bool",
        ),
        ("not(x)", "1:5: argument 1 of not must be Bool, found Str"),
        (
            "w",
            "1:1: w is only defined inside the body of map (its third argument), where it stands for the current match",
        ),
        (
            "map(w, Word, w, \"\")",
            "1:5: w is only defined inside the body of map (its third argument), where it stands for the current match",
        ),
        (
            "map(x, Word, w, w)",
            "1:17: w is only defined inside the body of map (its third argument), where it stands for the current match",
        ),
        (
            "date(x, iso, thousands)",
            "1:14: argument 3 of date must be a date format, but thousands is a number format; the date formats are iso, us, us_short, eu, eu_dot, compact, long, medium, day_month_year, weekday_long",
        ),
        (
            "number(x, long)",
            "1:11: argument 2 of number must be a number format, but long is a date format; the number formats are int, fixed2, thousands, thousands2, percent, currency",
        ),
        (
            "'-'",
            "1:1: a program must compute a Str, Int or Bool value, but this is a Tok on its own",
        ),
        (
            "@dept",
            "1:1: a program must compute a Str, Int or Bool value, but this is a Table on its own",
        ),
    ];
    for (text, expected) in cases {
        match Program::parse(text) {
            Ok(_) => assert_eq!("ok", expected, "{text:?}"),
            Err(error) => assert_eq!(error.to_string(), expected, "{text:?}"),
        }
    }
}

#[test]
fn maps_nest_and_w_is_the_innermost_match() {
    let program =
        Program::parse("map(x, ' ', concat(map(w, Char, case(w, upper), \"\"), \"!\"), \"-\")")
            .unwrap();
    assert_eq!(program.ty(), Type::Str);
}

#[test]
fn the_context_limits_columns_and_tables() {
    let ctx = CheckContext {
        num_inputs: Some(2),
        user_tables: Some(vec!["dept".into(), "zip codes".into()]),
    };
    assert!(Program::parse_with("concat(x, x1)", &ctx).is_ok());
    assert_eq!(
        Program::parse_with("concat(x, x2)", &ctx)
            .unwrap_err()
            .to_string(),
        "1:11: x2 is not an input: there are 2 input columns (x0 to x1)"
    );
    let one = CheckContext {
        num_inputs: Some(1),
        ..CheckContext::default()
    };
    assert_eq!(
        Program::parse_with("x1", &one).unwrap_err().to_string(),
        "1:1: x1 is not an input: there is 1 input column (x)"
    );
    let none = CheckContext {
        num_inputs: Some(0),
        ..CheckContext::default()
    };
    assert_eq!(
        Program::parse_with("len(x)", &none)
            .unwrap_err()
            .to_string(),
        "1:5: x is not an input: there are no input columns"
    );
    assert!(Program::parse_with("lookup(@\"zip codes\", x)", &ctx).is_ok());
    assert!(Program::parse_with("lookup(state_name, x)", &ctx).is_ok());
    assert_eq!(
        Program::parse_with("lookup(@dpt, x)", &ctx)
            .unwrap_err()
            .to_string(),
        "1:8: no table named @dpt was sent with the request (did you mean @dept?); the tables are @dept, @\"zip codes\""
    );
    let no_tables = CheckContext {
        user_tables: Some(vec![]),
        ..CheckContext::default()
    };
    assert_eq!(
        Program::parse_with("lookup(@dept, x)", &no_tables)
            .unwrap_err()
            .to_string(),
        "1:8: no table named @dept: no tables were sent with the request"
    );
}

#[test]
fn typecheck_of_trees_built_in_code() {
    let ctx = CheckContext::default();
    // Node indices are pre-order: concat is 0, x is 1, the int is 2.
    assert_eq!(
        typecheck(&call(Op::Concat, vec![x(), Expr::Int(3)]), &ctx),
        Err(TypeError {
            node: 2,
            message: "argument 2 of concat must be Str, found Int; write \"3\" for the text 3"
                .into()
        })
    );
    assert_eq!(
        typecheck(&call(Op::Sub, vec![x()]), &ctx),
        Err(TypeError {
            node: 0,
            message: "sub takes 3 arguments (sub(Str, Int, Int) -> Str), found 1".into()
        })
    );
    assert_eq!(
        typecheck(&call(Op::Concat, vec![x()]), &ctx)
            .unwrap_err()
            .node,
        0
    );
    assert_eq!(
        typecheck(
            &call(Op::Len, vec![call(Op::Trim, vec![Expr::Bound])]),
            &ctx
        )
        .unwrap_err()
        .node,
        2
    );
    assert_eq!(typecheck(&Expr::Tok(TokenClass::Word), &ctx), Ok(Type::Tok));
    assert_eq!(
        Program::from_expr(Expr::Case(CaseMode::Upper), &ctx)
            .unwrap_err()
            .node,
        0
    );
    let date = call(
        Op::Date,
        vec![x(), Expr::Fmt(Format::Iso), Expr::Fmt(Format::Percent)],
    );
    assert_eq!(typecheck(&date, &ctx).unwrap_err().node, 3);
}

// ---------------------------------------------------------------------------------------
// Programs and error rendering

#[test]
fn program_api() {
    let program: Program = "concat(x2, \" \", x)".parse().unwrap();
    assert_eq!(program.ty(), Type::Str);
    assert_eq!(program.num_inputs(), 3);
    assert_eq!(program.to_string(), r#"concat(x2, " ", x)"#);
    assert_eq!(
        program.expr(),
        &call(Op::Concat, vec![Expr::Var(2), s(" "), x()])
    );
    assert_eq!(Program::parse("len(\"abc\")").unwrap().num_inputs(), 0);
    assert_eq!(Program::parse("len(x)").unwrap().ty(), Type::Int);
    assert_eq!(Program::parse("is_empty(x)").unwrap().ty(), Type::Bool);
    let rebuilt = Program::from_expr(program.clone().into_expr(), &CheckContext::default());
    assert_eq!(rebuilt, Ok(program));
}

#[test]
fn errors_render_with_the_line_and_a_caret() {
    let source = "concat(\n  token(x, Word, -1),\n  concatt(x, \"a\"))";
    let error = Program::parse(source).unwrap_err();
    assert!(matches!(error, ProgramError::Parse(_)));
    assert_eq!(error.position(), Position { line: 3, column: 3 });
    assert_eq!(
        error.message(),
        "unknown operator 'concatt'; did you mean 'concat'?"
    );
    assert_eq!(
        error.render(source),
        "3:3: unknown operator 'concatt'; did you mean 'concat'?\n  |\n3 |   concatt(x, \"a\"))\n  |   ^"
    );

    // Type errors render the same way; tabs stay tabs so the caret lines up.
    let source = "if(true,\n\t\"a\",\tlen(x))";
    let error = Program::parse(source).unwrap_err();
    assert!(matches!(error, ProgramError::Type { .. }));
    assert_eq!(
        error.render(source),
        "2:7: the branches of if must have the same type, but argument 2 is Str and argument 3 is Int\n  |\n2 | \t\"a\",\tlen(x))\n  | \t    \t^"
    );

    // The caret counts characters, not bytes.
    let source = "concat(\"日本\", y)";
    assert_eq!(
        Program::parse(source).unwrap_err().render(source),
        "1:14: unknown name 'y'; a Str value is written as an input column (x, x0, x1, ...), w inside map, true, false, a \"string\", an integer or an operator call\n  |\n1 | concat(\"日本\", y)\n  |              ^"
    );

    // An error at the very end of the text points past its last character.
    let source = "len(x";
    assert_eq!(
        Program::parse(source).unwrap_err().render(source),
        "1:6: expected ',' or ')', found the end of the program\n  |\n1 | len(x\n  |      ^"
    );

    // Line numbers widen the gutter.
    let source = format!("{}sub(x)", "\n".repeat(11));
    assert_eq!(
        Program::parse(&source).unwrap_err().render(&source),
        "12:6: sub takes 3 arguments (sub(Str, Int, Int) -> Str), found 1\n   |\n12 | sub(x)\n   |      ^"
    );
}

#[test]
fn parse_errors_are_values_with_positions() {
    let error: ParseError = parse("concat(x,\n  !)").unwrap_err();
    assert_eq!((error.line, error.column), (2, 3));
    assert_eq!(error.position().to_string(), "2:3");
    assert_eq!(error.message, "expected an expression, found '!'");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // Run where the stack is as small as a test thread's, to be sure of it.
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let nested = |n: usize| format!("{}x{}", "trim(".repeat(n), ")".repeat(n));
            let deepest = Program::parse(&nested(MAX_NESTING)).unwrap();
            assert_eq!(deepest.expr().size(), MAX_NESTING + 1);
            let too_deep = parse(&nested(MAX_NESTING + 1)).unwrap_err();
            assert_eq!(
                too_deep.message,
                format!("calls are nested too deeply (the limit is {MAX_NESTING} levels)")
            );
            assert_eq!(too_deep.column, 5 * MAX_NESTING + 1);
            for n in [10_000, 200_000] {
                let error = parse(&nested(n)).unwrap_err();
                assert!(error.message.contains("nested too deeply"), "{error}");
                let unclosed = format!("{}x", "concat(x, ".repeat(n));
                assert!(parse(&unclosed).is_err());
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn long_flat_programs_parse_in_linear_time() {
    let args = vec!["\"é\""; 50_000].join(", ");
    let text = format!("concat(x, {args})");
    let start = std::time::Instant::now();
    let (expr, positions) = parse_with_spans(&text).unwrap();
    assert_eq!(positions.len(), 50_002);
    assert_eq!(positions[50_001].column, text.chars().count() - 3);
    assert_eq!(expr.size(), 50_002);
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}

#[test]
fn the_checker_refuses_trees_too_deep_to_run() {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let mut e = x();
            for _ in 0..1000 {
                e = call(Op::Trim, vec![e]);
            }
            let error = typecheck(&e, &CheckContext::default()).unwrap_err();
            assert!(error.message.contains("nested too deeply"), "{error}");
            assert_eq!(error.node, gemfill_dsl::limits::MAX_DEPTH);
        })
        .unwrap()
        .join()
        .unwrap();
}
