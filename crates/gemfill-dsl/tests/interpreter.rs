//! Tests of the interpreter: every string, token and integer operator (through `eval` and
//! through `ops` directly), every token class, error cases and the size bounds. Control
//! (`if`, `map`, ill-typed trees) is tested in `interpreter_control.rs`; tables, formats,
//! non-ASCII programs and properties in `interpreter_data.rs`.
use gemfill_dsl::ast::{BuiltinTable as BT, CaseMode, Expr, Format, Op, TokenClass};
use gemfill_dsl::{MAX_STRING_CHARS, Tables, UserRegex, Value, ops, tokens};

#[path = "support/eval.rs"]
mod support;

use support::*;

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
