//! Tests of [`super::PrefixParser`] through [`super::check_prefix`].

use super::*;

fn status(text: &str, columns: usize, output: Type) -> PrefixStatus {
    check_prefix(text, &PrefixContext::new(columns, Some(output)))
}

use PrefixStatus::{Complete, Incomplete, Invalid};

#[test]
fn operators_and_leaves_follow_the_expected_type() {
    assert_eq!(status("", 1, Type::Str), Incomplete);
    assert_eq!(status("x", 1, Type::Str), Complete);
    assert_eq!(status("x0", 1, Type::Str), Complete);
    assert_eq!(status("x1", 1, Type::Str), Invalid);
    assert_eq!(status("x1", 12, Type::Str), Complete);
    assert_eq!(status("x00", 12, Type::Str), Invalid);
    assert_eq!(status("x", 1, Type::Int), Invalid);
    assert_eq!(status("len(", 1, Type::Int), Incomplete);
    assert_eq!(status("len(x)", 1, Type::Str), Invalid);
    assert_eq!(status("len (x) ", 1, Type::Int), Complete);
    assert_eq!(status("len x", 1, Type::Int), Invalid);
    assert_eq!(status("w", 1, Type::Str), Invalid);
    assert_eq!(status("map(x, Word, w, \"\")", 1, Type::Str), Complete);
    assert_eq!(
        status("map(x, Word, case(w, upper), w)", 1, Type::Str),
        Invalid
    );
    assert_eq!(status("case(x, Upper", 1, Type::Str), Invalid);
    assert_eq!(status("case(x, upper)", 1, Type::Str), Complete);
    assert_eq!(status("token(x, Word, -", 1, Type::Str), Incomplete);
    assert_eq!(status("token(x, Word, -)", 1, Type::Str), Invalid);
    assert_eq!(status("token(x, Word, -1)", 1, Type::Str), Complete);
    assert_eq!(status("token(x, Word)", 1, Type::Str), Invalid);
    assert_eq!(status("concat(x)", 1, Type::Str), Invalid);
    assert_eq!(status("concat(x, x, x)", 1, Type::Str), Complete);
    assert_eq!(status("date(x, iso, us)", 1, Type::Str), Complete);
    assert_eq!(status("date(x, int", 1, Type::Str), Invalid);
    assert_eq!(status("number(x, int)", 1, Type::Str), Complete);
    assert_eq!(status("lookup(month_name, x)", 1, Type::Str), Complete);
    assert_eq!(status("lookup(@dept, x)", 1, Type::Str), Complete);
}

#[test]
fn several_answer_types_may_be_allowed() {
    let ctx = PrefixContext {
        columns: 1,
        outputs: vec![Type::Str, Type::Int],
        user_tables: None,
    };
    assert_eq!(check_prefix("len(x)", &ctx), Complete);
    assert_eq!(check_prefix("x", &ctx), Complete);
    assert_eq!(check_prefix("true", &ctx), Invalid);
}

#[test]
fn if_and_eq_are_typed_by_their_first_branch() {
    assert_eq!(status("if(true, 1, 2)", 1, Type::Int), Complete);
    assert_eq!(status("if(true, 1, \"", 1, Type::Int), Invalid);
    assert_eq!(status("if(true, \"a\", 2", 1, Type::Str), Invalid);
    assert_eq!(status("if(eq(x, \"a\"), x, \"b\")", 1, Type::Str), Complete);
    assert_eq!(status("eq(len(x), \"", 1, Type::Bool), Invalid);
    assert_eq!(status("eq(true", 1, Type::Bool), Invalid);
    let any = PrefixContext::new(1, None);
    assert_eq!(check_prefix("if(true, true, false)", &any), Complete);
}

#[test]
fn literals_check_escapes_and_ranges() {
    assert_eq!(status("\"a\\n\\\"\"", 1, Type::Str), Complete);
    assert_eq!(status("\"a\\q", 1, Type::Str), Invalid);
    assert_eq!(status("\"\\u{1F600}\"", 1, Type::Str), Complete);
    assert_eq!(status("\"\\u{D800", 1, Type::Str), Incomplete);
    assert_eq!(status("\"\\u{D800}", 1, Type::Str), Invalid);
    assert_eq!(status("\"\\u{110000", 1, Type::Str), Invalid);
    assert_eq!(status("\"\\u{}", 1, Type::Str), Invalid);
    assert_eq!(status("9223372036854775807", 1, Type::Int), Complete);
    assert_eq!(status("9223372036854775808", 1, Type::Int), Invalid);
    assert_eq!(status("-9223372036854775808", 1, Type::Int), Complete);
    assert_eq!(status("token(x, '-'", 1, Type::Str), Incomplete);
    assert_eq!(status("token(x, '--", 1, Type::Str), Invalid);
    assert_eq!(status("token(x, ''", 1, Type::Str), Invalid);
    assert_eq!(status("token(x, '\\''", 1, Type::Str), Incomplete);
    assert_eq!(status("token(x, /[0-9]+/, 0)", 1, Type::Str), Complete);
    assert_eq!(status("token(x, /a*/", 1, Type::Str), Invalid);
    assert_eq!(status("token(x, //", 1, Type::Str), Invalid);
    assert_eq!(status("token(x, /a\\/b/, 0)", 1, Type::Str), Complete);
}

#[test]
fn comments_and_layout_are_allowed_between_tokens() {
    assert_eq!(status("  x  # the input\n", 1, Type::Str), Complete);
    assert_eq!(status("x # c", 1, Type::Str), Complete);
    assert_eq!(status("concat( x ,\n\t\"a\" ) ", 1, Type::Str), Complete);
    assert_eq!(status("x x", 1, Type::Str), Invalid);
    assert_eq!(status("\"a\" ,", 1, Type::Str), Invalid);
}

#[test]
fn user_tables_are_checked_when_listed() {
    let ctx = PrefixContext {
        columns: 1,
        outputs: vec![Type::Str],
        user_tables: Some(vec!["dept".into(), "zip codes".into()]),
    };
    assert_eq!(check_prefix("lookup(@de", &ctx), Incomplete);
    assert_eq!(check_prefix("lookup(@dx", &ctx), Invalid);
    assert_eq!(check_prefix("lookup(@\"zip codes\", x)", &ctx), Complete);
    assert_eq!(check_prefix("lookup(@\"zap", &ctx), Invalid);
}

#[test]
fn nesting_is_bounded_like_the_parser() {
    let deep = "trim(".repeat(MAX_NESTING);
    assert_eq!(status(&deep, 1, Type::Str), Incomplete);
    assert_eq!(status(&format!("{deep}trim("), 1, Type::Str), Invalid);
    assert_eq!(status(&format!("{deep}x"), 1, Type::Str), Incomplete);
}

#[test]
fn a_long_prefix_is_checked_in_microseconds() {
    let text =
        "concat(token(x, Word, -1), \", \", sub(x, 0, 1), \".\", case(token(x, Word, 0), upper))";
    let ctx = PrefixContext::new(1, Some(Type::Str));
    let started = std::time::Instant::now();
    for _ in 0..100 {
        assert_eq!(check_prefix(text, &ctx), Complete);
    }
    let per_call = started.elapsed() / 100;
    // Generous for a debug build on a loaded machine; release is far below.
    assert!(per_call.as_micros() < 2_000, "{per_call:?} per check");
}
