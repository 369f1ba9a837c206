//! Unit tests of the front end: parsing every kind of leaf, layout and comments, and
//! syntax and name errors with their exact positions. Type errors and error rendering
//! are tested in `checking.rs`.

use gemfill_dsl::{
    BuiltinTable, CaseMode, Expr, Format, Op, Position, TableRef, TokenClass, parse,
    parse_with_spans,
};

#[path = "support/parse.rs"]
mod support;

use support::*;

// ---------------------------------------------------------------------------------------
// Leaves

#[test]
fn string_literals_and_their_escapes() {
    assert_eq!(parse(r#""""#), Ok(s("")));
    assert_eq!(parse(r#""plain text""#), Ok(s("plain text")));
    assert_eq!(
        parse(r#""q\" b\\ n\n t\t r\r""#),
        Ok(s("q\" b\\ n\n t\t r\r"))
    );
    assert_eq!(parse(r#""\u{41}\u{e9}\u{1F600}\u{0}""#), Ok(s("Aé😀\0")));
    assert_eq!(parse(r#""\u{10FFFF}""#), Ok(s("\u{10FFFF}")));
    // Raw new lines, quotes of the other kind, `#` and non-ASCII text stand for themselves.
    assert_eq!(
        parse("\"two\nlines ' # not a comment / José 日本\""),
        Ok(s("two\nlines ' # not a comment / José 日本"))
    );
}

#[test]
fn integer_literals() {
    assert_eq!(parse("0"), Ok(Expr::Int(0)));
    assert_eq!(parse("-17"), Ok(Expr::Int(-17)));
    assert_eq!(parse("007"), Ok(Expr::Int(7)));
    assert_eq!(parse("9223372036854775807"), Ok(Expr::Int(i64::MAX)));
    assert_eq!(parse("-9223372036854775808"), Ok(Expr::Int(i64::MIN)));
}

#[test]
fn truth_values_and_variables() {
    assert_eq!(parse("true"), Ok(Expr::Bool(true)));
    assert_eq!(parse("false"), Ok(Expr::Bool(false)));
    assert_eq!(parse("x"), Ok(Expr::Var(0)));
    assert_eq!(parse("x0"), Ok(Expr::Var(0)));
    assert_eq!(parse("x1"), Ok(Expr::Var(1)));
    assert_eq!(parse("x12"), Ok(Expr::Var(12)));
    assert_eq!(parse("w"), Ok(Expr::Bound));
}

#[test]
fn token_classes() {
    for class in TokenClass::NAMED {
        let name = class.name().unwrap();
        assert_eq!(
            argument(&format!("token(x, {name}, 0)"), 1),
            Expr::Tok(class)
        );
    }
    let delim = |text: &str| argument(&format!("token(x, {text}, 0)"), 1);
    assert_eq!(delim("'-'"), Expr::Tok(TokenClass::Delim('-')));
    assert_eq!(delim("' '"), Expr::Tok(TokenClass::Delim(' ')));
    assert_eq!(delim("'\"'"), Expr::Tok(TokenClass::Delim('"')));
    assert_eq!(delim(r"'\''"), Expr::Tok(TokenClass::Delim('\'')));
    assert_eq!(delim(r"'\\'"), Expr::Tok(TokenClass::Delim('\\')));
    assert_eq!(delim(r"'\n'"), Expr::Tok(TokenClass::Delim('\n')));
    assert_eq!(delim(r"'\t'"), Expr::Tok(TokenClass::Delim('\t')));
    assert_eq!(delim(r"'\u{2014}'"), Expr::Tok(TokenClass::Delim('—')));
    assert_eq!(delim("'é'"), Expr::Tok(TokenClass::Delim('é')));
    assert_eq!(delim("'#'"), Expr::Tok(TokenClass::Delim('#')));

    let re = |text: &str| argument(&format!("token(x, {text}, 0)"), 1);
    assert_eq!(re("/[0-9]{3}/"), regex("[0-9]{3}"));
    // `\/` is a slash; every other backslash pair reaches the regex crate as written.
    assert_eq!(re(r"/a\/b/"), regex("a/b"));
    assert_eq!(re(r"/\d+\.\d+/"), regex(r"\d+\.\d+"));
    assert_eq!(re(r"/\\/"), regex(r"\\"));
    assert_eq!(re(r"/x\\\/y/"), regex(r"x\\/y"));
    assert_eq!(re(r"/# (not a comment)/"), regex("# (not a comment)"));
    assert_eq!(re("/\"[^\"]+\"/"), regex("\"[^\"]+\""));
}

#[test]
fn case_modes_tables_and_formats() {
    for mode in CaseMode::ALL {
        assert_eq!(
            argument(&format!("case(x, {})", mode.name()), 1),
            Expr::Case(mode)
        );
    }
    for table in BuiltinTable::ALL {
        assert_eq!(
            argument(&format!("lookup({}, x)", table.name()), 0),
            Expr::Table(TableRef::Builtin(table))
        );
    }
    assert_eq!(
        argument("lookup(@dept, x)", 0),
        Expr::Table(TableRef::User("dept".into()))
    );
    // A table named like a built-in one is still the user's when written with `@`.
    assert_eq!(
        argument("lookup(@month_name, x)", 0),
        Expr::Table(TableRef::User("month_name".into()))
    );
    assert_eq!(
        argument(r#"lookup(@"zip codes \"US\"", x)"#, 0),
        Expr::Table(TableRef::User("zip codes \"US\"".into()))
    );
    for format in Format::ALL {
        let text = match format.kind() {
            gemfill_dsl::FormatKind::Date => format!("date(x, {}, iso)", format.name()),
            gemfill_dsl::FormatKind::Number => format!("number(x, {})", format.name()),
        };
        assert_eq!(argument(&text, 1), Expr::Fmt(format), "{text}");
    }
}

#[test]
fn names_are_resolved_by_the_type_each_position_expects() {
    // `upper` is a case mode in case(...) but not a value; `int` is a format in number(...).
    assert_eq!(
        parse("case(x, upper)"),
        Ok(call(Op::Case, vec![x(), Expr::Case(CaseMode::Upper)]))
    );
    assert!(parse("concat(x, upper)").is_err());
    assert_eq!(
        parse("number(x, int)"),
        Ok(call(Op::Number, vec![x(), Expr::Fmt(Format::Int)]))
    );
    // `if` and `eq` take values, so bare names there are variables.
    assert_eq!(
        parse("if(eq(x, x1), w, x)"),
        Ok(call(
            Op::If,
            vec![call(Op::Eq, vec![x(), Expr::Var(1)]), Expr::Bound, x()]
        ))
    );
}

// ---------------------------------------------------------------------------------------
// Layout

#[test]
fn white_space_comments_and_several_lines() {
    let text = "# Last name, then the first initial.\n\
                concat(\n\
                \ttoken(x, Word, -1),   # the last word\n\
                \t\", \",\r\n\
                \tsub(x, 0, 1) ,\n\
                \t\".\"  # a full stop\n\
                )\n\
                # end\n";
    let expected = call(
        Op::Concat,
        vec![
            call(
                Op::Token,
                vec![x(), Expr::Tok(TokenClass::Word), Expr::Int(-1)],
            ),
            s(", "),
            call(Op::Sub, vec![x(), Expr::Int(0), Expr::Int(1)]),
            s("."),
        ],
    );
    assert_eq!(parse(text), Ok(expected.clone()));
    assert_eq!(
        expected.to_string(),
        r#"concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")"#
    );
    // A space between the operator and its parenthesis is allowed.
    assert_eq!(parse("len (x)"), Ok(call(Op::Len, vec![x()])));
    // A comment may end the program without a final new line.
    assert_eq!(parse("x # the input"), Ok(x()));
}

#[test]
fn positions_of_every_node_in_pre_order() {
    let text = "concat(\n  token(x, Word, -1),\n  \"é, \", x1)";
    let (expr, positions) = parse_with_spans(text).unwrap();
    assert_eq!(positions.len(), expr.size());
    let at = |line, column| Position { line, column };
    assert_eq!(
        positions,
        vec![
            at(1, 1),  // concat
            at(2, 3),  // token
            at(2, 9),  // x
            at(2, 12), // Word
            at(2, 18), // -1
            at(3, 3),  // "é, "
            at(3, 10), // x1: columns count characters, not bytes
        ]
    );
}

#[test]
fn printing_is_canonical() {
    let cases = [
        ("concat( x0 ,\"a\" )", r#"concat(x, "a")"#),
        ("sub(x1, 007, -0)", "sub(x1, 7, 0)"),
        (
            r#"token("\u{41}\u{7}\u{e9}", '\u{2d}', 0)"#,
            "token(\"A\\u{7}é\", '-', 0)",
        ),
        ("matches(x, /a\\/b/)", r"matches(x, /a\/b/)"),
        ("lookup(@\"dept\", x)", "lookup(@dept, x)"),
        ("lookup(@\"zip codes\", x)", "lookup(@\"zip codes\", x)"),
        ("token(x, '\"', 0)", "token(x, '\"', 0)"),
        ("token(\"'\", '\\'', 0)", r#"token("'", '\'', 0)"#),
        (
            "token(\"tab\there\", '\t', 0)",
            r#"token("tab\there", '\t', 0)"#,
        ),
        ("\"\r\n\u{85}\u{a0}\"", "\"\\r\\n\\u{85}\u{a0}\""),
        // The example of the reference's "Canonical form".
        (
            "concat( x0,\"a\" ,  # comment\n        sub(x1 , 007, -0))",
            r#"concat(x, "a", sub(x1, 7, 0))"#,
        ),
    ];
    for (text, canonical) in cases {
        let e = parse(text).unwrap_or_else(|error| panic!("{text:?}: {error}"));
        assert_eq!(e.to_string(), canonical, "{text:?}");
        assert_eq!(parse(canonical), Ok(e), "{canonical:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Syntax errors

#[test]
fn syntax_errors_say_what_was_expected_and_where() {
    let cases = [
        ("concat(x y)", "1:10: expected ',' or ')', found 'y'"),
        (
            "sub(x, 1, 2",
            "1:12: expected ',' or ')', found the end of the program",
        ),
        ("concat(x,)", "1:10: expected an expression, found ')'"),
        ("concat(x, ;)", "1:11: expected an expression, found ';'"),
        (
            "len(",
            "1:5: expected ')' or an expression, found the end of the program",
        ),
        (
            "concat(x, \"a\"))",
            "1:15: expected the end of the program, found ')'",
        ),
        ("x y", "1:3: expected the end of the program, found 'y'"),
        ("1.5", "1:2: expected the end of the program, found '.'"),
        ("- 5", "1:1: expected an expression, found '-'"),
        ("", "1:1: the program is empty: expected an expression"),
        (
            "  # nothing\n",
            "2:1: the program is empty: expected an expression",
        ),
        (
            "sub(x,\n    0\n    2)",
            "3:5: expected ',' or ')', found '2'",
        ),
        (
            "lookup(@, x)",
            "1:9: expected a table name after '@' (such as @dept, or @\"zip codes\" for a name with spaces), found ','",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_error(text), expected, "{text:?}");
    }
}

#[test]
fn unclosed_literals_point_at_their_opening() {
    assert_eq!(
        parse_error("concat(x,\n  \"abc)"),
        "2:3: this string is never closed: expected a closing \" before the end of the program"
    );
    assert_eq!(
        parse_error("token(x, '-, 0)"),
        "1:10: this delimiter is never closed: expected a closing ' before the end of the program"
    );
    assert_eq!(
        parse_error("token(x, /[a-z]+, 0)"),
        "1:10: this regular expression is never closed: expected a closing / before the end of the program"
    );
    // A comment does not hide a quote from the string before it ...
    assert_eq!(
        parse_error("concat(x, \"a # b)"),
        "1:11: this string is never closed: expected a closing \" before the end of the program"
    );
    // ... and a quote in a comment opens nothing.
    assert_eq!(
        parse_error("concat(x, # \"\n"),
        "2:1: expected an expression, found the end of the program"
    );
    assert_eq!(
        parse_error("token(x, //, 0)"),
        "1:10: empty regular expression: a token class /.../ needs a pattern between the slashes (comments start with '#')"
    );
}

#[test]
fn bad_escapes_point_at_their_backslash() {
    let cases = [
        (
            r#"concat(x, "a\qb")"#,
            r#"1:13: unknown escape '\q' in a string; the escapes are \" \\ \n \t \r and \u{HEX}"#,
        ),
        (
            r#"concat(x, "it\'s")"#,
            r#"1:14: unknown escape '\'' in a string; the escapes are \" \\ \n \t \r and \u{HEX}"#,
        ),
        (
            r"token(x, '\x', 0)",
            r"1:11: unknown escape '\x' in a delimiter; the escapes are \' \\ \n \t \r and \u{HEX}",
        ),
        (
            r#""\u41""#,
            r#"1:2: bad escape '\u': write a character code as \u{HEX}, with 1 to 6 hex digits between braces"#,
        ),
        (
            r#""ok\u{}""#,
            r#"1:4: bad escape: a character code is written \u{HEX}, with 1 to 6 hex digits between braces"#,
        ),
        (
            r#""\u{zz}""#,
            r#"1:2: bad escape: a character code is written \u{HEX}, with 1 to 6 hex digits between braces"#,
        ),
        (
            r#""\u{1234567}""#,
            r#"1:2: bad escape \u{1234567}: a character code has at most 6 hex digits"#,
        ),
        (
            r#""\u{D800}""#,
            r#"1:2: bad escape \u{D800}: that is not a Unicode character (surrogates and codes above 10FFFF are not)"#,
        ),
        (
            r#""\u{110000}""#,
            r#"1:2: bad escape \u{110000}: that is not a Unicode character (surrogates and codes above 10FFFF are not)"#,
        ),
        (
            "\"line one\nline two \\z\"",
            r#"2:10: unknown escape '\z' in a string; the escapes are \" \\ \n \t \r and \u{HEX}"#,
        ),
        (
            "lookup(@\"é\\e\", x)",
            r#"1:11: unknown escape '\e' in a string; the escapes are \" \\ \n \t \r and \u{HEX}"#,
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_error(text), expected, "{text:?}");
    }
}

#[test]
fn bad_literals() {
    assert_eq!(
        parse_error("sub(x, 0, 99999999999999999999)"),
        "1:11: the integer 99999999999999999999 does not fit in 64 bits (integers run from -9223372036854775808 to 9223372036854775807)"
    );
    assert_eq!(
        parse_error("-9223372036854775809"),
        "1:1: the integer -9223372036854775809 does not fit in 64 bits (integers run from -9223372036854775808 to 9223372036854775807)"
    );
    assert_eq!(
        parse_error("token(x, '', 0)"),
        "1:10: empty delimiter: a delimiter token class is exactly one character between single quotes, as in '-'"
    );
    assert_eq!(
        parse_error("token(x, ', ', 0)"),
        "1:10: a delimiter token class is exactly one character, but ', ' has 2; for a longer separator use a regular expression such as /, /"
    );
    assert_eq!(
        parse_error("token(x, /a(/, 0)"),
        "1:10: invalid regular expression /a(/: unclosed group"
    );
    assert_eq!(
        parse_error("token(x, /[0-9]*/, 0)"),
        "1:10: the regular expression /[0-9]*/ matches the empty string; token classes must match at least one character"
    );
    assert_eq!(
        parse_error("x01"),
        "1:1: write the input column x01 as x1, without leading zeros"
    );
    assert_eq!(
        parse_error("x99999999999999999999999"),
        "1:1: the input column number in x99999999999999999999999 is too large"
    );
}

// ---------------------------------------------------------------------------------------
// Name errors

#[test]
fn a_misspelled_operator_is_named_with_its_position_and_the_closest_name() {
    assert_eq!(
        parse_error(r#"concat(concatt(x, "a"), x)"#),
        "1:8: unknown operator 'concatt'; did you mean 'concat'?"
    );
    assert_eq!(
        parse_error("sub(x,\n  0,\n  lenn(x))"),
        "3:3: unknown operator 'lenn'; did you mean 'len'?"
    );
    assert_eq!(
        parse_error("Replace(x, \"a\", \"b\")"),
        "1:1: unknown operator 'Replace'; did you mean 'replace'?"
    );
    assert_eq!(
        parse_error("startswith(x, \"a\")"),
        "1:1: unknown operator 'startswith'; did you mean 'starts_with'?"
    );
    // Names from other languages lead to the gemfill operator.
    assert_eq!(
        parse_error("substring(x, 0, 2)"),
        "1:1: unknown operator 'substring'; did you mean 'sub'?"
    );
    assert_eq!(
        parse_error("length(x)"),
        "1:1: unknown operator 'length'; did you mean 'len'?"
    );
    // Nothing close: every operator is listed.
    let message = parse_error("frobnicate(x)");
    assert!(
        message.starts_with("1:1: unknown operator 'frobnicate'; the operators are concat, sub,"),
        "{message}"
    );
    assert!(message.ends_with("lookup, date, number"), "{message}");
}

#[test]
fn leaves_written_as_calls() {
    assert_eq!(
        parse_error("upper(x)"),
        "1:1: 'upper' is a case mode, not an operator; change case with case(..., upper)"
    );
    assert_eq!(
        parse_error("token(x, Word(), 0)"),
        "1:10: 'Word' is a token class, not an operator; write it without parentheses (a token class is expected here)"
    );
    assert_eq!(
        parse_error("x()"),
        "1:1: 'x' is a variable, not an operator; write it without parentheses"
    );
}

#[test]
fn wrong_number_of_arguments() {
    assert_eq!(
        parse_error("sub(x, 1)"),
        "1:9: sub takes 3 arguments (sub(Str, Int, Int) -> Str), found 2"
    );
    assert_eq!(
        parse_error("sub(x, 1, 2, 3)"),
        "1:14: sub takes 3 arguments (sub(Str, Int, Int) -> Str), found 4"
    );
    assert_eq!(
        parse_error("len()"),
        "1:5: len takes 1 argument (len(Str) -> Int), found 0"
    );
    assert_eq!(
        parse_error("concat(x)"),
        "1:9: concat takes two or more arguments (concat(Str, Str, ...) -> Str), found 1"
    );
    assert_eq!(
        parse_error("if(true, x)"),
        "1:11: if takes 3 arguments (if(Bool, T, T) -> T where T is Str, Int or Bool), found 2"
    );
    assert_eq!(
        parse_error("eq(x, x, x)"),
        "1:10: eq takes 2 arguments (eq(T, T) -> Bool where T is Str or Int), found 3"
    );
}

#[test]
fn unknown_leaf_names_list_the_valid_ones() {
    assert_eq!(
        parse_error("token(x, word, 0)"),
        "1:10: unknown token class 'word' (did you mean 'Word'?); the token classes are Number, Word, Alphanum, Caps, Proper, Lower, Digit, Char, Space, or a delimiter such as '-' or a regular expression such as /[0-9]{3}/"
    );
    assert_eq!(
        parse_error("case(x, capitalise)"),
        "1:9: unknown case mode 'capitalise'; the case modes are upper, lower, proper, title"
    );
    assert_eq!(
        parse_error("case(x, Upper)"),
        "1:9: unknown case mode 'Upper' (did you mean 'upper'?); the case modes are upper, lower, proper, title"
    );
    assert_eq!(
        parse_error("lookup(months, x)"),
        "1:8: unknown table 'months'; the tables are month_number, month_padded, month_name, month_abbr, weekday_name, weekday_abbr, state_name, state_code, country_name, country_iso2, country_iso3, or a table sent with the request, written @months"
    );
    assert_eq!(
        parse_error("date(x, isoo, us)"),
        "1:9: unknown date format 'isoo' (did you mean 'iso'?); the date formats are iso, us, us_short, eu, eu_dot, compact, long, medium, day_month_year, weekday_long"
    );
    assert_eq!(
        parse_error("number(x, money)"),
        "1:11: unknown number format 'money'; the number formats are int, fixed2, thousands, thousands2, percent, currency"
    );
    assert_eq!(
        parse_error("token(x, upper, 0)"),
        "1:10: 'upper' is a case mode, but a token class is expected as argument 2 of token; the token classes are Number, Word, Alphanum, Caps, Proper, Lower, Digit, Char, Space, or a delimiter such as '-' or a regular expression such as /[0-9]{3}/"
    );
}

#[test]
fn unknown_value_names() {
    assert_eq!(
        parse_error("concat(x, y)"),
        "1:11: unknown name 'y'; a Str value is written as an input column (x, x0, x1, ...), w inside map, true, false, a \"string\", an integer or an operator call"
    );
    assert_eq!(
        parse_error("if(True, x, x)"),
        "1:4: unknown name 'True' (did you mean 'true'?); a Bool value is written as an input column (x, x0, x1, ...), w inside map, true, false, a \"string\", an integer or an operator call"
    );
    assert_eq!(
        parse_error("concat(x, Word)"),
        "1:11: 'Word' is a token class, but argument 2 of concat must be a Str value"
    );
    assert_eq!(
        parse_error("eq(x, upper)"),
        "1:7: 'upper' is a case mode, but argument 2 of eq must be a value (Str, Int or Bool)"
    );
    assert_eq!(
        parse_error("plus(len, 1)"),
        "1:6: 'len' is an operator: call it with its arguments, as in len(Str) -> Int"
    );
    assert_eq!(
        parse_error("iso"),
        "1:1: 'iso' is a date format; a program must compute a value (Str, Int or Bool)"
    );
}
