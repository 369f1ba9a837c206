//! Tests of the interpreter: every operator (through `eval` and through `ops` directly),
//! every token class, table and format, error cases, non-ASCII text, and the size bounds.
use gemfill_dsl::ast::{BuiltinTable as BT, CaseMode, Expr, Format, Op, TableRef, TokenClass};
use gemfill_dsl::tables::{builtin_keys, builtin_lookup, builtin_values, tables_with_value};
use gemfill_dsl::{
    EvalError, MAX_STRING_CHARS, Tables, UserRegex, Value, eval, formats, ops, tokens,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------
// Helpers to build and run expressions.

fn x() -> Expr {
    Expr::Var(0)
}
fn x1() -> Expr {
    Expr::Var(1)
}
fn w() -> Expr {
    Expr::Bound
}
fn s(v: &str) -> Expr {
    Expr::str(v)
}
fn i(v: i64) -> Expr {
    Expr::Int(v)
}
fn b(v: bool) -> Expr {
    Expr::Bool(v)
}
fn t(c: TokenClass) -> Expr {
    Expr::Tok(c)
}
fn re(src: &str) -> TokenClass {
    TokenClass::Regex(UserRegex::new(src).unwrap())
}
fn app(op: Op, args: Vec<Expr>) -> Expr {
    Expr::app(op, args)
}
fn concat(args: Vec<Expr>) -> Expr {
    app(Op::Concat, args)
}
fn sub(a: Expr, from: i64, to: i64) -> Expr {
    app(Op::Sub, vec![a, i(from), i(to)])
}
fn token(a: Expr, c: TokenClass, k: i64) -> Expr {
    app(Op::Token, vec![a, t(c), i(k)])
}
fn builtin(table: BT) -> Expr {
    Expr::Table(TableRef::Builtin(table))
}

fn run_on(e: &Expr, inputs: &[&str], tables: &Tables) -> Result<Value, EvalError> {
    eval(e, inputs, tables)
}
fn run(e: &Expr, input: &str) -> Result<Value, EvalError> {
    eval(e, &[input], &Tables::default())
}
/// The program's output text on `input` (panics on an evaluation error).
fn out(e: &Expr, input: &str) -> String {
    match run(e, input) {
        Ok(v) => v.to_string(),
        Err(err) => panic!("{e:?} on {input:?} failed: {err}"),
    }
}
/// The error of `e` on `input` (panics if it succeeds).
fn fails(e: &Expr, input: &str) -> EvalError {
    match run(e, input) {
        Ok(v) => panic!("{e:?} on {input:?} should fail, gave {v:?}"),
        Err(err) => err,
    }
}
fn texts(s: &str, c: &TokenClass) -> Vec<String> {
    tokens::find_all(s, c)
        .iter()
        .map(|m| m.text(s).to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------
// The examples the design promises.

#[test]
fn design_examples() {
    let last_comma_initial = concat(vec![
        token(x(), TokenClass::Word, -1),
        s(", "),
        sub(x(), 0, 1),
        s("."),
    ]);
    assert_eq!(out(&last_comma_initial, "José Álvarez"), "Álvarez, J.");
    assert_eq!(out(&last_comma_initial, "John Smith"), "Smith, J.");

    let initials = app(
        Op::Map,
        vec![
            x(),
            t(TokenClass::Word),
            concat(vec![sub(w(), 0, 1), s(".")]),
            s(""),
        ],
    );
    assert_eq!(out(&initials, "John Ronald Reuel Tolkien"), "J.R.R.T.");

    let date = concat(vec![
        app(
            Op::Lookup,
            vec![builtin(BT::MonthName), token(x(), TokenClass::Number, 1)],
        ),
        s(" "),
        app(
            Op::ToStr,
            vec![app(Op::ToInt, vec![token(x(), TokenClass::Number, 2)])],
        ),
        s(", "),
        token(x(), TokenClass::Number, 0),
    ]);
    assert_eq!(out(&date, "2024-03-15"), "March 15, 2024");
    assert_eq!(out(&date, "1999-12-01"), "December 1, 1999");
}

// ---------------------------------------------------------------------------------------
// Strings and indices.

#[test]
fn concat_joins_and_borrows_inputs() {
    let e = concat(vec![x1(), s("-"), x(), s("")]);
    let tables = Tables::default();
    assert_eq!(
        run_on(&e, &["a", "東京"], &tables).unwrap(),
        Value::Str("東京-a".into())
    );
    assert_eq!(ops::concat(&["ab", "", "ç"]).unwrap(), "abç");
    // Nested concats (owned first part).
    let e = concat(vec![concat(vec![x(), s("1")]), concat(vec![s("2"), x()])]);
    assert_eq!(out(&e, "é"), "é12é");
}

#[test]
fn concat_arity_errors() {
    assert_eq!(fails(&concat(vec![x()]), "a").op, "concat");
    assert_eq!(fails(&concat(vec![]), "a").op, "concat");
}

#[test]
fn sub_counts_characters() {
    assert_eq!(out(&sub(x(), 0, 4), "José Álvarez"), "José");
    assert_eq!(out(&sub(x(), 5, 12), "José Álvarez"), "Álvarez");
    assert_eq!(out(&sub(x(), -7, -1), "José Álvarez"), "Álvare");
    assert_eq!(out(&sub(x(), -3, 12), "José Álvarez"), "rez");
    assert_eq!(out(&sub(x(), 1, 3), "東京都庁"), "京都");
    assert_eq!(out(&sub(x(), 2, 3), "a👍🏽b"), "🏽"); // the skin tone is its own char
    assert_eq!(out(&sub(x(), 0, 2), "e\u{301}x"), "e\u{301}"); // combining mark counts
    assert_eq!(out(&sub(x(), 3, 3), "abc"), "");
    assert_eq!(out(&sub(x(), 0, 0), ""), "");
    assert_eq!(ops::sub("héllo", 1, -1).unwrap(), "éll");
    assert_eq!(ops::sub_range("héllo", 1, 2).unwrap(), 1..3);
}

#[test]
fn sub_errors() {
    for (a, z) in [
        (2, 1),
        (0, 6),
        (-6, 2),
        (4, 9),
        (i64::MIN, 0),
        (0, i64::MAX),
    ] {
        let err = ops::sub("héllo", a, z).unwrap_err();
        assert_eq!(err.op, "sub", "{a}..{z}");
    }
    assert!(ops::sub("", 0, 1).is_err());
    assert_eq!(fails(&sub(x(), 1, 0), "abc").op, "sub");
}

#[test]
fn len_counts_scalar_values() {
    let len = |v: &str| out(&app(Op::Len, vec![x()]), v);
    assert_eq!(len(""), "0");
    assert_eq!(len("José"), "4");
    assert_eq!(len("e\u{301}"), "2");
    assert_eq!(len("👍🏽"), "2");
    assert_eq!(len("東京"), "2");
    assert_eq!(ops::len("abc"), 3);
}

#[test]
fn char_at_works_and_fails() {
    let at = |k: i64| app(Op::CharAt, vec![x(), i(k)]);
    assert_eq!(out(&at(0), "Ωmega"), "Ω");
    assert_eq!(out(&at(-1), "naïve"), "e");
    assert_eq!(out(&at(2), "naïve"), "ï");
    assert_eq!(out(&at(1), "🦀🚀"), "🚀");
    assert_eq!(out(&at(1), "e\u{301}"), "\u{301}");
    assert_eq!(fails(&at(5), "naïve").op, "char_at");
    assert_eq!(fails(&at(-6), "naïve").op, "char_at");
    assert!(ops::char_at("", 0).is_err());
    assert!(ops::char_at("", -1).is_err());
    assert_eq!(ops::char_at("abc", -3).unwrap(), "a");
}

// ---------------------------------------------------------------------------------------
// Token classes.

#[test]
fn every_named_class() {
    let text = "Hello, WORLD! José 42x7 McDonald αβγ ΔΕ 東京2024年 e\u{301}té\tend  ١٢";
    let cases: Vec<(TokenClass, Vec<&str>)> = vec![
        (TokenClass::Number, vec!["42", "7", "2024"]),
        (
            TokenClass::Word,
            vec![
                "Hello",
                "WORLD",
                "José",
                "x",
                "McDonald",
                "αβγ",
                "ΔΕ",
                "東京",
                "年",
                "e\u{301}té",
                "end",
            ],
        ),
        (
            TokenClass::Alphanum,
            vec![
                "Hello",
                "WORLD",
                "José",
                "42x7",
                "McDonald",
                "αβγ",
                "ΔΕ",
                "東京2024年",
                "e\u{301}té",
                "end",
                "١٢",
            ],
        ),
        (TokenClass::Caps, vec!["H", "WORLD", "J", "M", "D", "ΔΕ"]),
        (TokenClass::Proper, vec!["Hello", "José", "Mc", "Donald"]),
        (
            TokenClass::Lower,
            vec!["ello", "osé", "x", "c", "onald", "αβγ", "e", "té", "end"],
        ),
        (TokenClass::Digit, vec!["4", "2", "7", "2", "0", "2", "4"]),
        (
            TokenClass::Space,
            vec![" ", " ", " ", " ", " ", " ", " ", " ", "\t", "  "],
        ),
        (TokenClass::Delim(','), vec![","]),
        (TokenClass::Delim('é'), vec!["é", "é"]),
    ];
    for (class, expected) in cases {
        assert_eq!(texts(text, &class), expected, "{class:?}");
    }
    assert_eq!(
        tokens::find_all(text, &TokenClass::Char).len(),
        text.chars().count()
    );
}

#[test]
fn unicode_space_and_emoji() {
    let text = "a\u{3000}b\u{a0}\u{2003}c \u{200b}d";
    // U+200B ZERO WIDTH SPACE is not White_Space.
    assert_eq!(
        texts(text, &TokenClass::Space),
        vec!["\u{3000}", "\u{a0}\u{2003}", " "]
    );
    let emoji = "I ❤️ Rust 🦀!";
    // "❤️" is U+2764 then the variation selector U+FE0F, a combining mark (\p{Mn}): by
    // the definition of Word ([\p{L}\p{M}]+) a lone mark is a word, as for the regex.
    assert_eq!(
        texts(emoji, &TokenClass::Word),
        vec!["I", "\u{fe0f}", "Rust"]
    );
    assert_eq!(
        texts(emoji, &TokenClass::Char),
        emoji.chars().map(String::from).collect::<Vec<_>>()
    );
    assert_eq!(texts(emoji, &TokenClass::Delim('🦀')), vec!["🦀"]);
}

#[test]
fn spans_report_chars_and_bytes() {
    let spans = tokens::find_all("José Álvarez", &TokenClass::Word);
    assert_eq!(spans.len(), 2);
    assert_eq!((spans[0].start, spans[0].end), (0, 4));
    assert_eq!((spans[0].byte_start, spans[0].byte_end), (0, 5));
    assert_eq!((spans[1].start, spans[1].end), (5, 12));
    assert_eq!((spans[1].byte_start, spans[1].byte_end), (6, 14));
    let spans = tokens::find_all("日本 AB 한국 CD", &re("[A-Z]+"));
    assert_eq!(
        spans.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
        vec![(3, 5), (9, 11)]
    );
    let spans = tokens::find_all("é-è-ê", &TokenClass::Delim('-'));
    assert_eq!(
        spans
            .iter()
            .map(|m| (m.start, m.byte_start))
            .collect::<Vec<_>>(),
        vec![(1, 2), (3, 5)]
    );
}

#[test]
fn regex_class() {
    let code = re("[A-Z]{2}[0-9]+");
    assert_eq!(texts("x AB12 CD3 EF", &code), vec!["AB12", "CD3"]);
    assert_eq!(out(&token(x(), code.clone(), -1), "café AB12 CD3"), "CD3");
    assert_eq!(
        out(
            &app(Op::Start, vec![x(), t(code.clone()), i(0)]),
            "café AB12"
        ),
        "5"
    );
    // Empty matches elsewhere than in "" are skipped: matches are never empty.
    assert_eq!(texts("ab cd", &re(r"c|\b")), vec!["c"]);
    assert_eq!(tokens::count("ab cd", &re(r"\b")), 0);
    assert!(UserRegex::new("a*").is_err());
    assert!(UserRegex::new("(").is_err());
}

#[test]
fn token_indices_and_errors() {
    let tok = |k: i64| token(x(), TokenClass::Number, k);
    let input = "tel 555-0100 ext 42";
    assert_eq!(out(&tok(0), input), "555");
    assert_eq!(out(&tok(2), input), "42");
    assert_eq!(out(&tok(-1), input), "42");
    assert_eq!(out(&tok(-3), input), "555");
    for k in [3, -4, i64::MAX, i64::MIN] {
        assert_eq!(fails(&tok(k), input).op, "token", "{k}");
    }
    assert_eq!(fails(&tok(0), "no digits").op, "token");
    assert_eq!(
        ops::token("a-b-c", &TokenClass::Delim('-'), 1).unwrap(),
        "-"
    );
    assert_eq!(tokens::count("a-b-c", &TokenClass::Word), 3);
    assert_eq!(
        tokens::nth("a-b-c", &TokenClass::Word, -2).map(|m| m.start),
        Some(2)
    );
}

#[test]
fn start_and_end() {
    let start = |k| app(Op::Start, vec![x(), t(TokenClass::Word), i(k)]);
    let end = |k| app(Op::End, vec![x(), t(TokenClass::Word), i(k)]);
    assert_eq!(out(&start(1), "José Álvarez"), "5");
    assert_eq!(out(&end(0), "José Álvarez"), "4");
    assert_eq!(out(&end(-1), "José Álvarez"), "12");
    assert_eq!(fails(&start(2), "José Álvarez").op, "start");
    assert_eq!(fails(&end(-3), "José Álvarez").op, "end");
    // Positions compose with sub.
    let last = app(Op::Sub, vec![x(), start(-1), end(-1)]);
    assert_eq!(out(&last, "été à Montréal"), "Montréal");
}

#[test]
fn find_occurrences() {
    let find = |needle: &str, k: i64| app(Op::Find, vec![x(), s(needle), i(k)]);
    assert_eq!(out(&find("-", 0), "555-0100-22"), "3");
    assert_eq!(out(&find("-", 1), "555-0100-22"), "8");
    assert_eq!(out(&find("-", -1), "555-0100-22"), "8");
    assert_eq!(out(&find("-", -2), "555-0100-22"), "3");
    // Non-overlapping, left to right.
    assert_eq!(out(&find("aa", 1), "aaaaa"), "2");
    assert_eq!(fails(&find("aa", 2), "aaaaa").op, "find");
    // Character, not byte, positions.
    assert_eq!(out(&find("é", 1), "été"), "2");
    assert_eq!(out(&find("京", 0), "東京"), "1");
    assert_eq!(fails(&find("", 0), "abc").op, "find");
    assert_eq!(fails(&find("z", 0), "abc").op, "find");
    assert_eq!(fails(&find("a", -2), "abc").op, "find");
}

#[test]
fn pos_boundaries() {
    let pos = |l: TokenClass, r: TokenClass, k: i64| app(Op::Pos, vec![x(), t(l), t(r), i(k)]);
    let input = "abc123déf456";
    assert_eq!(
        out(&pos(TokenClass::Word, TokenClass::Number, 0), input),
        "3"
    );
    assert_eq!(
        out(&pos(TokenClass::Word, TokenClass::Number, -1), input),
        "9"
    );
    assert_eq!(
        out(&pos(TokenClass::Number, TokenClass::Word, 0), input),
        "6"
    );
    assert_eq!(
        fails(&pos(TokenClass::Number, TokenClass::Word, 1), input).op,
        "pos"
    );
    assert_eq!(
        fails(&pos(TokenClass::Word, TokenClass::Number, -3), input).op,
        "pos"
    );
    // Lower then Caps: "camelCaseWord" boundaries at 5 and 9.
    assert_eq!(
        ops::boundaries("camelCaseWord", &TokenClass::Lower, &TokenClass::Caps).collect::<Vec<_>>(),
        vec![5, 9]
    );
    assert_eq!(
        ops::pos("a b", &TokenClass::Space, &TokenClass::Word, 0).unwrap(),
        2
    );
    // Maximal matches only: inside a run of digits there is no Number/Number boundary.
    assert!(ops::pos("1234", &TokenClass::Number, &TokenClass::Number, 0).is_err());
    assert_eq!(
        ops::pos("1234", &TokenClass::Digit, &TokenClass::Digit, -1).unwrap(),
        3
    );
    assert_eq!(
        ops::fast::pos("a1b2", &TokenClass::Word, &TokenClass::Digit, -1),
        Some(3)
    );
    assert_eq!(ops::fast::find("a-b", "-", 0), Some(1));
    assert_eq!(
        ops::fast::date("2024-03-05", Format::Iso, Format::Us).as_deref(),
        Some("03/05/2024")
    );
    assert_eq!(
        ops::fast::number("1234.5", Format::Currency).as_deref(),
        Some("$1,234.50")
    );
}

#[test]
fn matches_whole_string() {
    let m = |c: TokenClass| app(Op::Matches, vec![x(), t(c)]);
    assert_eq!(out(&m(TokenClass::Number), "2024"), "true");
    assert_eq!(out(&m(TokenClass::Number), "2024a"), "false");
    assert_eq!(out(&m(TokenClass::Number), ""), "false");
    assert_eq!(out(&m(TokenClass::Word), "Álvarez"), "true");
    assert_eq!(out(&m(TokenClass::Proper), "Álvarez"), "true");
    assert_eq!(out(&m(TokenClass::Caps), "ÁLVAREZ"), "true");
    assert_eq!(out(&m(TokenClass::Space), " \t"), "true");
    assert_eq!(out(&m(TokenClass::Char), "x"), "true");
    assert_eq!(out(&m(TokenClass::Char), "xy"), "false");
    assert_eq!(out(&m(re("[0-9]{3}-[0-9]{4}")), "555-0100"), "true");
    // Leftmost-first: the first match of /a|ab/ in "ab" is "a", which does not cover it.
    assert!(!ops::matches("ab", &re("a|ab")));
}

// ---------------------------------------------------------------------------------------
// Integers.

#[test]
fn int_programs() {
    let e = app(
        Op::Plus,
        vec![
            app(Op::ToInt, vec![token(x(), TokenClass::Number, 0)]),
            app(Op::Minus, vec![i(10), app(Op::Len, vec![x()])]),
        ],
    );
    assert_eq!(run(&e, "abc 32").unwrap(), Value::Int(36));
    let v = run(&e, "abc 32").unwrap();
    assert_eq!(
        (v.ty(), v.as_int(), v.as_str(), v.as_bool()),
        (gemfill_dsl::Type::Int, Some(36), None, None)
    );
    assert_eq!(out(&e, "abc 32"), "36");
    assert_eq!(ops::plus(i64::MAX, 1).unwrap_err().op, "plus");
    assert_eq!(ops::minus(i64::MIN, 1).unwrap_err().op, "minus");
    assert_eq!(ops::minus(-5, -7).unwrap(), 2);
    let overflow = app(Op::Plus, vec![i(i64::MAX), i(1)]);
    assert_eq!(fails(&overflow, "").op, "plus");
}

#[test]
fn to_int_and_to_str() {
    for (text, want) in [
        ("42", Some(42)),
        ("-7", Some(-7)),
        ("+7", Some(7)),
        ("007", Some(7)),
        ("9223372036854775807", Some(i64::MAX)),
        ("-9223372036854775808", Some(i64::MIN)),
        ("9223372036854775808", None),
        ("", None),
        ("-", None),
        (" 7", None),
        ("7 ", None),
        ("1_000", None),
        ("1,000", None),
        ("3.0", None),
        ("١٢", None),
        ("--1", None),
    ] {
        assert_eq!(ops::to_int(text).ok(), want, "{text:?}");
    }
    assert_eq!(ops::to_str(-120), "-120");
    assert_eq!(
        out(&app(Op::ToStr, vec![app(Op::ToInt, vec![x()])]), "0042"),
        "42"
    );
    assert_eq!(fails(&app(Op::ToInt, vec![x()]), "x1").op, "to_int");
}

// ---------------------------------------------------------------------------------------
// Transformations.

#[test]
fn case_modes() {
    let case = |m| app(Op::Case, vec![x(), Expr::Case(m)]);
    assert_eq!(out(&case(CaseMode::Upper), "straße José"), "STRASSE JOSÉ");
    assert_eq!(out(&case(CaseMode::Lower), "ÁLVAREZ İ"), "álvarez i\u{307}");
    assert_eq!(out(&case(CaseMode::Proper), "o'neil-SMITH"), "O'Neil-Smith");
    assert_eq!(out(&case(CaseMode::Proper), "josé ÁLVAREZ"), "José Álvarez");
    assert_eq!(out(&case(CaseMode::Proper), "2nd STREET"), "2Nd Street");
    assert_eq!(
        out(&case(CaseMode::Proper), "jose\u{301} e\u{301}TE"),
        "Jose\u{301} E\u{301}te"
    );
    assert_eq!(out(&case(CaseMode::Proper), "ΟΔΥΣΣΕΥΣ"), "Οδυσσευς");
    assert_eq!(out(&case(CaseMode::Proper), "東京 tokyo"), "東京 Tokyo");
    assert_eq!(out(&case(CaseMode::Title), "hello wORLD"), "Hello WORLD");
    assert_eq!(
        out(&case(CaseMode::Title), "élan  vital\tmcDonald"),
        "Élan  Vital\tMcDonald"
    );
    assert_eq!(out(&case(CaseMode::Title), "(hi) there"), "(Hi) There");
    assert_eq!(out(&case(CaseMode::Title), "3rd ave. ñu"), "3Rd Ave. Ñu");
    assert_eq!(
        out(&case(CaseMode::Title), "mcDonald's (uk) farm"),
        "McDonald's (Uk) Farm"
    );
    assert_eq!(ops::case("", CaseMode::Proper), "");
}

#[test]
fn replace_and_replace_first() {
    let rep = |a: &str, z: &str| app(Op::Replace, vec![x(), s(a), s(z)]);
    let rep1 = |a: &str, z: &str| app(Op::ReplaceFirst, vec![x(), s(a), s(z)]);
    assert_eq!(out(&rep("-", ""), "(555) 010-0100-9"), "(555) 01001009");
    assert_eq!(out(&rep("aa", "b"), "aaa"), "ba");
    assert_eq!(out(&rep("é", "e"), "été"), "ete");
    assert_eq!(out(&rep("z", "y"), "abc"), "abc");
    assert_eq!(out(&rep1("-", "/"), "1-2-3"), "1/2-3");
    assert_eq!(out(&rep1("z", "y"), "abc"), "abc");
    assert_eq!(fails(&rep("", "x"), "abc").op, "replace");
    assert_eq!(fails(&rep1("", "x"), "abc").op, "replace_first");
    assert_eq!(ops::replace("a.b.c", ".", "::").unwrap(), "a::b::c");
    assert_eq!(ops::replace_first("a.b.c", ".", "").unwrap(), "ab.c");
}

#[test]
fn replace_growth_is_bounded() {
    let input = "a".repeat(2000);
    let big = "b".repeat(1000);
    let e = app(Op::Replace, vec![x(), s("a"), s(&big)]);
    assert_eq!(fails(&e, &input).op, "replace");
    // Just under the bound is fine.
    let ok = "b".repeat(MAX_STRING_CHARS / 2000);
    let e = app(Op::Replace, vec![x(), s("a"), s(&ok)]);
    assert_eq!(
        run(&e, &input).unwrap().to_string().chars().count(),
        2000 * (MAX_STRING_CHARS / 2000)
    );
    assert!(ops::replace_first(&"x".repeat(MAX_STRING_CHARS), "x", "yy").is_err());
}

#[test]
fn trim_unicode_space() {
    let trim = app(Op::Trim, vec![x()]);
    assert_eq!(out(&trim, "  José \t"), "José");
    assert_eq!(out(&trim, "\u{3000}東京\u{a0}\n"), "東京");
    assert_eq!(out(&trim, "   "), "");
    assert_eq!(out(&trim, ""), "");
    assert_eq!(ops::trim("\u{2003}x y\u{2003}"), "x y");
    assert_eq!(ops::trim_range(" é "), 1..3);
}

#[test]
fn pad_left_cases() {
    let pad = |n: i64, c: &str| app(Op::PadLeft, vec![x(), i(n), s(c)]);
    assert_eq!(out(&pad(5, "0"), "42"), "00042");
    assert_eq!(out(&pad(2, "0"), "42"), "42");
    assert_eq!(out(&pad(1, "0"), "42"), "42");
    assert_eq!(out(&pad(-3, "0"), "42"), "42");
    assert_eq!(out(&pad(4, "·"), "é"), "···é");
    assert_eq!(out(&pad(3, "🦀"), "東"), "🦀🦀東");
    assert_eq!(fails(&pad(5, ""), "42").op, "pad_left");
    assert_eq!(fails(&pad(5, "ab"), "42").op, "pad_left");
    assert_eq!(fails(&pad(5, "e\u{301}"), "42").op, "pad_left");
}

#[test]
fn pad_left_huge_width_errors_without_allocating() {
    let e = app(Op::PadLeft, vec![x(), i(1_000_000_000_000), s("0")]);
    let err = fails(&e, "42");
    assert_eq!(err.op, "pad_left");
    assert!(ops::pad_left("", i64::MAX, " ").is_err());
    assert!(ops::pad_left("", MAX_STRING_CHARS as i64 + 1, " ").is_err());
    assert_eq!(
        ops::pad_left("", MAX_STRING_CHARS as i64, " ")
            .unwrap()
            .len(),
        MAX_STRING_CHARS
    );
}

#[test]
fn concat_and_map_growth_is_bounded() {
    let full = app(Op::PadLeft, vec![s(""), i(MAX_STRING_CHARS as i64), s("z")]);
    assert_eq!(out(&full, "").len(), MAX_STRING_CHARS);
    assert_eq!(fails(&concat(vec![full.clone(), s("!")]), "").op, "concat");
    let big = "é".repeat(MAX_STRING_CHARS / 2 + 1);
    assert!(ops::concat(&[&big, &big]).is_err());
    assert!(ops::concat(&[&big, "x"]).is_ok());
    let m = app(Op::Map, vec![x(), t(TokenClass::Char), full.clone(), s("")]);
    assert_eq!(fails(&m, "abc").op, "map");
    // A doubling chain stops at the limit instead of exhausting memory.
    let mut e = x();
    for _ in 0..3 {
        e = concat(vec![e.clone(), e]);
    }
    let input = "é".repeat(MAX_STRING_CHARS / 6);
    assert_eq!(fails(&e, &input).op, "concat");
    assert_eq!(out(&e, "ab"), "ab".repeat(8));
}

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

// ---------------------------------------------------------------------------------------
// Lookup tables.

#[test]
fn month_tables() {
    let spellings = [
        "3", "03", "mar", "Mar", "MAR", "march", "March", " March ", "Mar.",
    ];
    for key in spellings {
        assert_eq!(builtin_lookup(BT::MonthNumber, key), Some("3"), "{key:?}");
        assert_eq!(builtin_lookup(BT::MonthPadded, key), Some("03"), "{key:?}");
        assert_eq!(builtin_lookup(BT::MonthName, key), Some("March"), "{key:?}");
        assert_eq!(builtin_lookup(BT::MonthAbbr, key), Some("Mar"), "{key:?}");
    }
    assert_eq!(builtin_lookup(BT::MonthName, "Sept"), Some("September"));
    assert_eq!(builtin_lookup(BT::MonthAbbr, "12"), Some("Dec"));
    assert_eq!(builtin_lookup(BT::MonthPadded, "September"), Some("09"));
    for bad in ["0", "13", "003", "Marc", "", "monday"] {
        assert_eq!(builtin_lookup(BT::MonthName, bad), None, "{bad:?}");
    }
    for k in 1..=12 {
        let name = builtin_lookup(BT::MonthName, &k.to_string()).unwrap();
        assert_eq!(
            builtin_lookup(BT::MonthNumber, name),
            Some(k.to_string().as_str())
        );
    }
}

#[test]
fn weekday_tables() {
    for key in ["1", "mon", "Mon", "MONDAY", "monday", " Monday\t"] {
        assert_eq!(
            builtin_lookup(BT::WeekdayName, key),
            Some("Monday"),
            "{key:?}"
        );
        assert_eq!(builtin_lookup(BT::WeekdayAbbr, key), Some("Mon"), "{key:?}");
    }
    assert_eq!(builtin_lookup(BT::WeekdayName, "7"), Some("Sunday"));
    assert_eq!(builtin_lookup(BT::WeekdayAbbr, "Thurs"), Some("Thu"));
    assert_eq!(builtin_lookup(BT::WeekdayAbbr, "wednesday"), Some("Wed"));
    assert_eq!(builtin_lookup(BT::WeekdayName, "0"), None);
    assert_eq!(builtin_lookup(BT::WeekdayName, "8"), None);
    assert_eq!(builtin_lookup(BT::WeekdayName, "March"), None);
}

#[test]
fn state_tables() {
    for key in ["CA", "ca", "California", "CALIFORNIA", " california "] {
        assert_eq!(builtin_lookup(BT::StateCode, key), Some("CA"), "{key:?}");
        assert_eq!(
            builtin_lookup(BT::StateName, key),
            Some("California"),
            "{key:?}"
        );
    }
    assert_eq!(builtin_lookup(BT::StateCode, "New York"), Some("NY"));
    assert_eq!(builtin_lookup(BT::StateName, "wv"), Some("West Virginia"));
    assert_eq!(
        builtin_lookup(BT::StateCode, "District of Columbia"),
        Some("DC")
    );
    assert_eq!(
        builtin_lookup(BT::StateCode, "Washington, D.C."),
        Some("DC")
    );
    assert_eq!(builtin_lookup(BT::StateCode, "Washington"), Some("WA"));
    assert_eq!(builtin_lookup(BT::StateCode, "Ontario"), None);
    assert_eq!(builtin_values(BT::StateCode).count(), 51);
    let codes: std::collections::BTreeSet<_> = builtin_values(BT::StateCode).collect();
    assert_eq!(codes.len(), 51);
    for code in &codes {
        let name = builtin_lookup(BT::StateName, code).unwrap();
        assert_eq!(builtin_lookup(BT::StateCode, name), Some(*code));
    }
}

#[test]
fn country_tables() {
    for key in [
        "Germany",
        "germany",
        "DE",
        "de",
        "DEU",
        "deu",
        "Deutschland",
    ] {
        assert_eq!(
            builtin_lookup(BT::CountryName, key),
            Some("Germany"),
            "{key:?}"
        );
        assert_eq!(builtin_lookup(BT::CountryIso2, key), Some("DE"), "{key:?}");
        assert_eq!(builtin_lookup(BT::CountryIso3, key), Some("DEU"), "{key:?}");
    }
    let cases = [
        ("United States of America", "US", "USA", "United States"),
        ("USA", "US", "USA", "United States"),
        ("UK", "GB", "GBR", "United Kingdom"),
        ("Great Britain", "GB", "GBR", "United Kingdom"),
        ("South Korea", "KR", "KOR", "South Korea"),
        ("Japan", "JP", "JPN", "Japan"),
        ("BRA", "BR", "BRA", "Brazil"),
        ("mx", "MX", "MEX", "Mexico"),
        ("México", "MX", "MEX", "Mexico"),
        ("Côte d'Ivoire", "CI", "CIV", "Côte d'Ivoire"),
        ("CÔTE D'IVOIRE", "CI", "CIV", "Côte d'Ivoire"),
        ("Türkiye", "TR", "TUR", "Turkey"),
        ("Czech Republic", "CZ", "CZE", "Czechia"),
        ("ch", "CH", "CHE", "Switzerland"),
        ("Netherlands", "NL", "NLD", "Netherlands"),
        ("Russian Federation", "RU", "RUS", "Russia"),
        ("ZAF", "ZA", "ZAF", "South Africa"),
    ];
    for (key, iso2, iso3, name) in cases {
        assert_eq!(builtin_lookup(BT::CountryIso2, key), Some(iso2), "{key:?}");
        assert_eq!(builtin_lookup(BT::CountryIso3, key), Some(iso3), "{key:?}");
        assert_eq!(builtin_lookup(BT::CountryName, key), Some(name), "{key:?}");
    }
    assert_eq!(builtin_lookup(BT::CountryName, "Atlantis"), None);
    let n = builtin_values(BT::CountryName).count();
    assert!(n >= 60, "{n} countries");
    // Codes are unique and well-formed, and every entity round-trips.
    let iso2: std::collections::BTreeSet<_> = builtin_values(BT::CountryIso2).collect();
    let iso3: std::collections::BTreeSet<_> = builtin_values(BT::CountryIso3).collect();
    assert_eq!((iso2.len(), iso3.len()), (n, n));
    for code in &iso2 {
        assert!(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()));
        let name = builtin_lookup(BT::CountryName, code).unwrap();
        assert_eq!(builtin_lookup(BT::CountryIso2, name), Some(*code));
        let c3 = builtin_lookup(BT::CountryIso3, code).unwrap();
        assert!(c3.len() == 3 && c3.bytes().all(|b| b.is_ascii_uppercase()));
        assert_eq!(builtin_lookup(BT::CountryIso2, c3), Some(*code));
    }
}

#[test]
fn every_builtin_table_through_eval() {
    let cases = [
        (BT::MonthNumber, "October", "10"),
        (BT::MonthPadded, "oct", "10"),
        (BT::MonthName, "10", "October"),
        (BT::MonthAbbr, "OCTOBER", "Oct"),
        (BT::WeekdayName, "fri", "Friday"),
        (BT::WeekdayAbbr, "5", "Fri"),
        (BT::StateName, "tx", "Texas"),
        (BT::StateCode, "Texas", "TX"),
        (BT::CountryName, "FRA", "France"),
        (BT::CountryIso2, "france", "FR"),
        (BT::CountryIso3, "fr", "FRA"),
    ];
    for (table, key, want) in cases {
        let e = app(Op::Lookup, vec![builtin(table), x()]);
        assert_eq!(out(&e, key), want, "{table:?}");
        let e = app(Op::Lookup, vec![builtin(table), s("nope")]);
        assert_eq!(fails(&e, "").op, "lookup");
    }
    // Every table's canonical keys work for every table of its group.
    for table in BT::ALL {
        let values: Vec<_> = builtin_values(table).collect();
        for key in builtin_keys(table) {
            let v = builtin_lookup(table, key).unwrap_or_else(|| panic!("{table:?} {key}"));
            assert!(values.contains(&v));
        }
    }
}

#[test]
fn tables_with_value_finds_producers() {
    assert_eq!(tables_with_value("March"), vec![BT::MonthName]);
    assert_eq!(tables_with_value("May"), vec![BT::MonthName, BT::MonthAbbr]);
    assert_eq!(tables_with_value("03"), vec![BT::MonthPadded]);
    assert_eq!(tables_with_value("3"), vec![BT::MonthNumber]);
    assert_eq!(
        tables_with_value("12"),
        vec![BT::MonthNumber, BT::MonthPadded]
    );
    assert_eq!(tables_with_value("Fri"), vec![BT::WeekdayAbbr]);
    assert_eq!(
        tables_with_value("CA"),
        vec![BT::StateCode, BT::CountryIso2]
    );
    assert_eq!(
        tables_with_value("Georgia"),
        vec![BT::StateName, BT::CountryName]
    );
    assert_eq!(tables_with_value("DEU"), vec![BT::CountryIso3]);
    assert!(tables_with_value("march").is_empty());
    assert!(tables_with_value("").is_empty());
}

#[test]
fn user_tables() {
    let mut tables = Tables::new();
    assert!(tables.is_empty());
    tables.insert("dept", [("ENG", "Engineering"), ("ops", "Operations")]);
    tables.insert("empty", Vec::<(String, String)>::new());
    assert!(!tables.is_empty());
    assert_eq!(tables.names().collect::<Vec<_>>(), vec!["dept", "empty"]);
    assert_eq!(tables.get("dept").unwrap().len(), 2);
    assert_eq!(tables.lookup("dept", "ENG"), Some("Engineering"));
    let e = app(
        Op::Lookup,
        vec![Expr::Table(TableRef::User("dept".into())), x()],
    );
    assert_eq!(
        run_on(&e, &["ENG"], &tables).unwrap(),
        Value::Str("Engineering".into())
    );
    // Exact keys only.
    assert_eq!(run_on(&e, &["eng"], &tables).unwrap_err().op, "lookup");
    assert_eq!(run_on(&e, &[" ENG"], &tables).unwrap_err().op, "lookup");
    let missing = app(
        Op::Lookup,
        vec![Expr::Table(TableRef::User("nope".into())), x()],
    );
    assert_eq!(
        run_on(&missing, &["ENG"], &tables).unwrap_err().op,
        "lookup"
    );
    assert_eq!(
        ops::lookup(&TableRef::User("dept".into()), "ops", &tables).unwrap(),
        "Operations"
    );
    assert_eq!(
        ops::lookup(&TableRef::Builtin(BT::StateCode), "Ohio", &tables).unwrap(),
        "OH"
    );
    let built = Tables::new().with("dept", [("ENG", "Engineering"), ("ops", "Operations")]);
    assert_eq!(built.get("dept"), tables.get("dept"));
}

// ---------------------------------------------------------------------------------------
// Date and number formats.

const DATE_FORMATS: [Format; 10] = [
    Format::Iso,
    Format::Us,
    Format::UsShort,
    Format::Eu,
    Format::EuDot,
    Format::Compact,
    Format::Long,
    Format::Medium,
    Format::DayMonthYear,
    Format::WeekdayLong,
];

/// 2024-03-05 (a Tuesday) in every date format.
fn march_fifth(f: Format) -> &'static str {
    match f {
        Format::Iso => "2024-03-05",
        Format::Us => "03/05/2024",
        Format::UsShort => "3/5/2024",
        Format::Eu => "05/03/2024",
        Format::EuDot => "05.03.2024",
        Format::Compact => "20240305",
        Format::Long => "March 5, 2024",
        Format::Medium => "Mar 5, 2024",
        Format::DayMonthYear => "5 March 2024",
        Format::WeekdayLong => "Tuesday, March 5, 2024",
        _ => unreachable!(),
    }
}

#[test]
fn every_date_format_reads_and_prints() {
    for fin in DATE_FORMATS {
        for fout in DATE_FORMATS {
            let e = app(Op::Date, vec![x(), Expr::Fmt(fin), Expr::Fmt(fout)]);
            assert_eq!(
                out(&e, march_fifth(fin)),
                march_fifth(fout),
                "{fin:?} -> {fout:?}"
            );
        }
    }
}

#[test]
fn date_reading_is_lenient_where_documented() {
    let ok = |s: &str, f: Format| formats::parse_date(s, f).map(|d| d.to_string());
    let d = Some("2024-03-05".to_string());
    assert_eq!(ok("2024-3-5", Format::Iso), d);
    assert_eq!(ok(" 2024-03-05 ", Format::Iso), d);
    assert_eq!(ok("03/05/2024", Format::UsShort), d);
    assert_eq!(ok("3/5/2024", Format::Us), d);
    assert_eq!(ok("5/3/2024", Format::Eu), d);
    assert_eq!(ok("5.3.2024", Format::EuDot), d);
    assert_eq!(ok("MARCH 5, 2024", Format::Long), d);
    assert_eq!(ok("march 05 2024", Format::Long), d);
    assert_eq!(ok("Mar 5, 2024", Format::Long), d);
    assert_eq!(ok("Mar. 5, 2024", Format::Medium), d);
    assert_eq!(ok("march 5, 2024", Format::Medium), d);
    assert_eq!(ok("05 mar 2024", Format::DayMonthYear), d);
    assert_eq!(ok("tue, mar 5, 2024", Format::WeekdayLong), d);
    assert_eq!(ok("Tuesday March 5 2024", Format::WeekdayLong), d);
    assert_eq!(
        ok("Sept. 30, 2023", Format::Long),
        Some("2023-09-30".to_string())
    );
}

#[test]
fn date_errors() {
    let bad = [
        ("2023-02-29", Format::Iso),
        ("2024-13-01", Format::Iso),
        ("2024-00-10", Format::Iso),
        ("2024-03-32", Format::Iso),
        ("24-03-05", Format::Iso),
        ("2024/03/05", Format::Iso),
        ("2024-03-05x", Format::Iso),
        ("2024-003-05", Format::Iso),
        ("", Format::Iso),
        ("03/05/24", Format::Us),
        ("13/05/2024", Format::Us),
        ("2024030", Format::Compact),
        ("202403051", Format::Compact),
        ("Marchy 5, 2024", Format::Long),
        ("5 March, 2024x", Format::DayMonthYear),
        ("Monday, March 5, 2024", Format::WeekdayLong), // March 5, 2024 is a Tuesday
        ("March 5, 2024", Format::WeekdayLong),
        ("2024-03-05", Format::Int),
    ];
    for (text, f) in bad {
        assert_eq!(formats::parse_date(text, f), None, "{text:?} as {f:?}");
    }
    assert!(formats::parse_date("2024-02-29", Format::Iso).is_some());
    assert_eq!(
        ops::date("2023-02-29", Format::Iso, Format::Us)
            .unwrap_err()
            .op,
        "date"
    );
    assert_eq!(
        ops::date("2024-01-01", Format::Iso, Format::Fixed2)
            .unwrap_err()
            .op,
        "date"
    );
    assert_eq!(
        ops::date("1", Format::Int, Format::Iso).unwrap_err().op,
        "date"
    );
    let e = app(
        Op::Date,
        vec![x(), Expr::Fmt(Format::Us), Expr::Fmt(Format::Iso)],
    );
    assert_eq!(fails(&e, "15/03/2024").op, "date");
    assert_eq!(out(&e, "12/31/1999"), "1999-12-31");
}

#[test]
fn date_printing() {
    let d = chrono::NaiveDate::from_ymd_opt(2024, 12, 25).unwrap();
    assert_eq!(
        formats::format_date(d, Format::WeekdayLong).as_deref(),
        Some("Wednesday, December 25, 2024")
    );
    assert_eq!(
        formats::format_date(d, Format::UsShort).as_deref(),
        Some("12/25/2024")
    );
    let early = chrono::NaiveDate::from_ymd_opt(33, 1, 2).unwrap();
    assert_eq!(
        formats::format_date(early, Format::Iso).as_deref(),
        Some("0033-01-02")
    );
    assert_eq!(formats::format_date(d, Format::Currency), None);
    let far = chrono::NaiveDate::from_ymd_opt(12345, 1, 2).unwrap();
    assert_eq!(formats::format_date(far, Format::Iso), None);
}

#[test]
fn every_number_format() {
    // input, then int, fixed2, thousands, thousands2, percent, currency.
    let cases: [(&str, [&str; 6]); 12] = [
        (
            "1234.5",
            [
                "1235",
                "1234.50",
                "1,235",
                "1,234.50",
                "123450%",
                "$1,234.50",
            ],
        ),
        ("-0.125", ["0", "-0.13", "0", "-0.13", "-13%", "-$0.13"]),
        (
            "$1,234,567.891",
            [
                "1234568",
                "1234567.89",
                "1,234,568",
                "1,234,567.89",
                "123456789%",
                "$1,234,567.89",
            ],
        ),
        ("12.5%", ["0", "0.13", "0", "0.13", "13%", "$0.13"]),
        ("2.675", ["3", "2.68", "3", "2.68", "268%", "$2.68"]),
        ("-$2.5", ["-3", "-2.50", "-3", "-2.50", "-250%", "-$2.50"]),
        ("+7", ["7", "7.00", "7", "7.00", "700%", "$7.00"]),
        (".5", ["1", "0.50", "1", "0.50", "50%", "$0.50"]),
        ("-0.004", ["0", "0.00", "0", "0.00", "0%", "$0.00"]),
        (
            " 999999.995 ",
            [
                "1000000",
                "1000000.00",
                "1,000,000",
                "1,000,000.00",
                "100000000%",
                "$1,000,000.00",
            ],
        ),
        ("100%", ["1", "1.00", "1", "1.00", "100%", "$1.00"]),
        ("0", ["0", "0.00", "0", "0.00", "0%", "$0.00"]),
    ];
    let fmts = [
        Format::Int,
        Format::Fixed2,
        Format::Thousands,
        Format::Thousands2,
        Format::Percent,
        Format::Currency,
    ];
    for (input, wants) in cases {
        for (f, want) in fmts.iter().zip(wants) {
            let e = app(Op::Number, vec![x(), Expr::Fmt(*f)]);
            assert_eq!(out(&e, input), want, "{input:?} as {f:?}");
        }
    }
}

#[test]
fn number_errors() {
    for bad in [
        "",
        "abc",
        "1,23",
        "12,3456",
        ",123",
        "1,",
        "1.2.3",
        "--1",
        "$",
        "-",
        ".",
        "1e5",
        "1 000",
        "$-5",
        "5$",
        "%",
        "1%%",
        "١٢",
        "1234567890123456789012345678901234567890",
    ] {
        assert_eq!(formats::parse_number(bad), None, "{bad:?}");
        assert_eq!(
            ops::number(bad, Format::Int).unwrap_err().op,
            "number",
            "{bad:?}"
        );
    }
    assert_eq!(ops::number("5", Format::Iso).unwrap_err().op, "number");
    let n = formats::parse_number("1,234.50").unwrap();
    assert_eq!((n.negative, n.mantissa, n.scale), (false, 123450, 2));
    assert_eq!(n.rounded(0), Some(1235));
    assert_eq!(
        formats::format_number(&n, Format::Thousands2).as_deref(),
        Some("1,234.50")
    );
    // Many digits still print exactly.
    assert_eq!(
        ops::number("123456789012345678901234567890.5", Format::Thousands).unwrap(),
        "123,456,789,012,345,678,901,234,567,891"
    );
}

// ---------------------------------------------------------------------------------------
// Typical end-to-end programs on non-ASCII data.

#[test]
fn typical_programs() {
    // Phone cleanup.
    let digits = app(
        Op::Replace,
        vec![
            app(
                Op::Replace,
                vec![app(Op::Replace, vec![x(), s("("), s("")]), s(") "), s("-")],
            ),
            s(" "),
            s("-"),
        ],
    );
    assert_eq!(out(&digits, "(555) 010 0100"), "555-010-0100");
    // Email user name, proper-cased.
    let user = app(
        Op::Case,
        vec![
            app(
                Op::Sub,
                vec![x(), i(0), app(Op::Find, vec![x(), s("@"), i(0)])],
            ),
            Expr::Case(CaseMode::Proper),
        ],
    );
    assert_eq!(out(&user, "josé.álvarez@example.com"), "José.Álvarez");
    // Two inputs.
    let full = concat(vec![x1(), s(", "), x()]);
    assert_eq!(
        run_on(&full, &["Ada", "Lovelace"], &Tables::default())
            .unwrap()
            .to_string(),
        "Lovelace, Ada"
    );
    // Owned strings flow through substring operators (buffer reuse path).
    let e = app(
        Op::CharAt,
        vec![
            app(Op::Trim, vec![concat(vec![s("  "), x(), s(" ")])]),
            i(-1),
        ],
    );
    assert_eq!(out(&e, "日本"), "本");
    let e = token(
        app(Op::Case, vec![x(), Expr::Case(CaseMode::Upper)]),
        TokenClass::Word,
        1,
    );
    assert_eq!(out(&e, "ab çd"), "ÇD");
}

// ---------------------------------------------------------------------------------------
// Properties: the hand-written scanners agree with the regex crate on the same classes,
// and substring operators agree with a char-vector model.

fn class_regex(c: &TokenClass) -> Option<&'static str> {
    Some(match c {
        TokenClass::Number => "[0-9]+",
        TokenClass::Word => r"[\p{L}\p{M}]+",
        TokenClass::Alphanum => r"[\p{L}\p{M}\p{Nd}]+",
        TokenClass::Caps => r"\p{Lu}+",
        TokenClass::Proper => r"\p{Lu}\p{Ll}+",
        TokenClass::Lower => r"\p{Ll}+",
        TokenClass::Digit => "[0-9]",
        TokenClass::Char => r"(?s).",
        TokenClass::Space => r"\s+",
        _ => return None,
    })
}

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "Z", "é", "É", "e\u{301}", "ß", "Σ", "ς", "ǅ", "ʰ", "ª", "東", "한", "٣", "5", "0",
        " ", "\t", "\u{3000}", "\u{a0}", "-", ",", ".", "🦀", "👍🏽", "\u{200b}", "Ⓐ", "ⓐ", "Ⅻ",
        "\n",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn scanners_agree_with_regex(text in text_strategy()) {
        for class in TokenClass::NAMED {
            let pattern = class_regex(&class).unwrap();
            let regex = regex::Regex::new(pattern).unwrap();
            let want: Vec<(usize, usize)> =
                regex.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            let got: Vec<(usize, usize)> = tokens::find_all(&text, &class)
                .iter()
                .map(|m| (m.byte_start, m.byte_end))
                .collect();
            prop_assert_eq!(&got, &want, "{:?} on {:?}", class, text);
            // Char positions agree with the bytes, and a regex class gives the same spans.
            for m in tokens::find_all(&text, &class) {
                prop_assert_eq!(m.start, text[..m.byte_start].chars().count());
                prop_assert_eq!(m.end, text[..m.byte_end].chars().count());
            }
            let as_user = re(pattern);
            prop_assert_eq!(tokens::find_all(&text, &as_user), tokens::find_all(&text, &class));
        }
    }

    #[test]
    fn substrings_agree_with_char_model(text in text_strategy(), a in -30i64..30, z in -30i64..30) {
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len() as i64;
        let (na, nz) = (if a < 0 { a + n } else { a }, if z < 0 { z + n } else { z });
        let want = (0 <= na && na <= nz && nz <= n)
            .then(|| chars[na as usize..nz as usize].iter().collect::<String>());
        prop_assert_eq!(ops::sub(&text, a, z).ok(), want);
        let want = (0 <= na && na < n).then(|| chars[na as usize].to_string());
        prop_assert_eq!(ops::char_at(&text, a).ok(), want);
    }

    #[test]
    fn fast_variants_agree(text in text_strategy(), k in -6i64..6, j in -6i64..6) {
        prop_assert_eq!(ops::fast::sub(&text, k, j), ops::sub_range(&text, k, j).ok());
        prop_assert_eq!(ops::fast::char_at(&text, k), ops::char_at_range(&text, k).ok());
        for needle in ["", "a", "é", " ", "🦀", "aa"] {
            prop_assert_eq!(ops::fast::find(&text, needle, k), ops::find(&text, needle, k).ok());
        }
        for (l, r) in [
            (TokenClass::Word, TokenClass::Space),
            (TokenClass::Lower, TokenClass::Caps),
            (TokenClass::Char, TokenClass::Number),
        ] {
            prop_assert_eq!(ops::fast::pos(&text, &l, &r, k), ops::pos(&text, &l, &r, k).ok());
        }
        prop_assert_eq!(ops::fast::to_int(&text), ops::to_int(&text).ok());
        for f in Format::ALL {
            prop_assert_eq!(ops::fast::number(&text, f), ops::number(&text, f).ok());
            prop_assert_eq!(ops::fast::date(&text, Format::Iso, f), ops::date(&text, Format::Iso, f).ok());
        }
    }

    #[test]
    fn eval_never_panics_on_random_ops(text in text_strategy(), k in -5i64..5, op in 0usize..Op::ALL.len()) {
        // Every operator applied to a plausible but often wrong argument list.
        let op = Op::ALL[op];
        let candidates = vec![
            vec![x(), t(TokenClass::Word), i(k)],
            vec![x(), i(k), i(k + 2)],
            vec![x(), s("a"), s("b")],
            vec![x(), t(TokenClass::Caps), t(TokenClass::Lower), i(k)],
            vec![x(), t(TokenClass::Char), sub(w(), 0, 1), s(".")],
            vec![b(true), x(), s("")],
            vec![builtin(BT::MonthName), x()],
            vec![x(), Expr::Fmt(Format::Iso), Expr::Fmt(Format::Long)],
            vec![x(), Expr::Fmt(Format::Currency)],
            vec![x()],
            vec![],
        ];
        for args in candidates {
            let _ = run(&app(op, args), &text);
        }
    }
}
