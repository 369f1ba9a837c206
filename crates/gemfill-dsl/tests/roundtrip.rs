//! Property tests of the front end: random well-typed programs over every operator and
//! every kind of leaf print to text that parses back to the same tree and type-checks, with
//! a position for every node; and running random programs on awkward inputs never panics.

use gemfill_dsl::{
    BuiltinTable, CaseMode, CheckContext, Expr, Format, FormatKind, Op, PrefixContext,
    PrefixStatus, Program, Signature, TableRef, Tables, TokenClass, Type, UserRegex, check_prefix,
    parse, parse_with_spans, typecheck,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Characters that stress escaping: quotes, backslash, control characters, non-ASCII,
/// the language's own punctuation, invisible and astral characters.
const AWKWARD: [char; 26] = [
    '"',
    '\'',
    '\\',
    '\n',
    '\t',
    '\r',
    '\0',
    '\u{7}',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{200b}',
    '\u{2028}',
    '\u{feff}',
    'é',
    'ß',
    '日',
    '\u{1F600}',
    '/',
    '#',
    '{',
    '}',
    '(',
    ',',
    ' ',
];

/// Regexes that compile and never match the empty string, some with `/` and backslashes.
const REGEXES: [&str; 12] = [
    "[0-9]{3}",
    r"\d+",
    "[A-Z][a-z]+",
    "a/b",
    "/+",
    r"a\\/b",
    r"\\",
    "(?i)abc",
    r#""[^"]+""#,
    r"\p{Greek}+",
    "é+|#",
    r"\s*,\s*",
];

/// Names of user tables, identifiers or not.
const TABLE_NAMES: [&str; 6] = ["dept", "_t1", "zip codes", "é", "a\"b\\c", ""];

fn awkward_char() -> impl Strategy<Value = char> {
    prop_oneof![3 => any::<char>(), 2 => select(&AWKWARD[..]), 2 => proptest::char::range('a', 'z')]
}

fn awkward_string(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(awkward_char(), 0..max).prop_map(String::from_iter)
}

fn int_literal() -> impl Strategy<Value = i64> {
    prop_oneof![3 => -5i64..20, 1 => any::<i64>(), 1 => select(vec![i64::MIN, i64::MAX, 0, -1])]
}

fn token_class() -> BoxedStrategy<Expr> {
    prop_oneof![
        select(&TokenClass::NAMED[..]),
        awkward_char().prop_map(TokenClass::Delim),
        select(&REGEXES[..]).prop_map(|source| TokenClass::Regex(
            UserRegex::new(source).expect("the test regexes compile")
        )),
    ]
    .prop_map(Expr::Tok)
    .boxed()
}

fn table() -> BoxedStrategy<Expr> {
    prop_oneof![
        select(&BuiltinTable::ALL[..]).prop_map(TableRef::Builtin),
        select(&TABLE_NAMES[..]).prop_map(|name| TableRef::User(name.to_string())),
    ]
    .prop_map(Expr::Table)
    .boxed()
}

fn format(kind: FormatKind) -> BoxedStrategy<Expr> {
    let formats: Vec<Format> = Format::ALL
        .into_iter()
        .filter(|f| f.kind() == kind)
        .collect();
    select(formats).prop_map(Expr::Fmt).boxed()
}

/// A leaf of type `ty`; `w` only where a map body allows it.
fn leaf(ty: Type, in_map: bool) -> BoxedStrategy<Expr> {
    match ty {
        Type::Str => {
            let column = (0usize..3).prop_map(Expr::Var);
            let literal = awkward_string(8).prop_map(Expr::Str);
            if in_map {
                prop_oneof![2 => literal, 2 => column, 2 => Just(Expr::Bound)].boxed()
            } else {
                prop_oneof![literal, column].boxed()
            }
        }
        Type::Int => int_literal().prop_map(Expr::Int).boxed(),
        Type::Bool => any::<bool>().prop_map(Expr::Bool).boxed(),
        Type::Tok => token_class(),
        Type::Case => select(&CaseMode::ALL[..]).prop_map(Expr::Case).boxed(),
        Type::Table => table(),
        // Only `date` and `number` take formats; `argument` picks the kind.
        Type::Fmt => format(FormatKind::Date),
    }
}

/// Every operator that can produce a value of type `ty`.
fn producers(ty: Type) -> Vec<Op> {
    Op::ALL
        .into_iter()
        .filter(|op| match op.signature() {
            Signature::Fixed(_, result) | Signature::Variadic(_, result) => result == ty,
            Signature::If => ty.is_value(),
            Signature::Eq(_) => ty == Type::Bool,
        })
        .collect()
}

/// A well-typed expression of type `ty`, at most `depth` calls deep.
fn expr(ty: Type, depth: u32, in_map: bool) -> BoxedStrategy<Expr> {
    if depth == 0 || !ty.is_value() {
        return leaf(ty, in_map);
    }
    let call = select(producers(ty)).prop_flat_map(move |op| application(op, ty, depth, in_map));
    prop_oneof![1 => leaf(ty, in_map), 3 => call].boxed()
}

/// `op` applied to random arguments of the right types, producing `ty`.
fn application(op: Op, ty: Type, depth: u32, in_map: bool) -> BoxedStrategy<Expr> {
    let sub = depth - 1;
    let args: BoxedStrategy<Vec<Expr>> = match op.signature() {
        Signature::Fixed(params, _) => {
            let args: Vec<BoxedStrategy<Expr>> = params
                .iter()
                .enumerate()
                .map(|(i, &param)| match param {
                    Type::Fmt if op == Op::Number => format(FormatKind::Number),
                    _ => expr(param, sub, in_map || (op == Op::Map && i == 2)),
                })
                .collect();
            args.boxed()
        }
        Signature::Variadic(param, _) => {
            proptest::collection::vec(expr(param, sub, in_map), 2..5).boxed()
        }
        Signature::If => (
            expr(Type::Bool, sub, in_map),
            expr(ty, sub, in_map),
            expr(ty, sub, in_map),
        )
            .prop_map(|(c, a, b)| vec![c, a, b])
            .boxed(),
        Signature::Eq(types) => select(types.to_vec())
            .prop_flat_map(move |t| (expr(t, sub, in_map), expr(t, sub, in_map)))
            .prop_map(|(a, b)| vec![a, b])
            .boxed(),
    };
    args.prop_map(move |args| Expr::App(op, args)).boxed()
}

/// A well-typed program of some value type, with that type.
fn program() -> impl Strategy<Value = (Expr, Type)> {
    select(vec![Type::Str, Type::Int, Type::Bool])
        .prop_flat_map(|ty| (expr(ty, 4, false), Just(ty)))
}

/// Pre-order list of the nodes of `e`.
fn preorder<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    out.push(e);
    for child in e.children() {
        preorder(child, out);
    }
}

/// The byte offset of a 1-based line and character column in `text`.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split('\n').take(line - 1).map(|l| l.len() + 1).sum();
    line_start
        + text[line_start..]
            .chars()
            .take(column - 1)
            .map(char::len_utf8)
            .sum::<usize>()
}

/// Prints `e` with arbitrary white space and comments between the tokens (and `x0` for
/// `x`), steered by `choices`, to check that layout never changes the meaning.
fn print_loosely(e: &Expr, choices: &[u8], next: &mut usize, out: &mut String) {
    const GAPS: [&str; 7] = [
        "",
        " ",
        "\n",
        "\t ",
        "  # a comment, with (parens)\n",
        "\r\n",
        " #\n",
    ];
    fn gap(choices: &[u8], next: &mut usize, out: &mut String) {
        let choice = choices[*next % choices.len()];
        *next += 1;
        out.push_str(GAPS[usize::from(choice) % GAPS.len()]);
    }
    match e {
        Expr::Var(0) if next.is_multiple_of(2) => {
            *next += 1;
            out.push_str("x0");
        }
        Expr::App(op, args) => {
            out.push_str(op.name());
            gap(choices, next, out);
            out.push('(');
            for (i, arg) in args.iter().enumerate() {
                gap(choices, next, out);
                if i > 0 {
                    out.push(',');
                    gap(choices, next, out);
                }
                print_loosely(arg, choices, next, out);
            }
            gap(choices, next, out);
            out.push(')');
        }
        leaf => out.push_str(&leaf.to_string()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn printing_then_parsing_gives_the_same_tree((e, ty) in program()) {
        let text = e.to_string();
        let (parsed, positions) = parse_with_spans(&text)
            .unwrap_or_else(|error| panic!("{text}\n{error}"));
        prop_assert_eq!(&parsed, &e, "{}", text);
        prop_assert_eq!(parsed.to_string(), text.clone(), "printing is not canonical");
        prop_assert_eq!(typecheck(&parsed, &CheckContext::default()), Ok(ty));
        prop_assert_eq!(Program::from_expr(parsed, &CheckContext::default()).map(|p| p.ty()), Ok(ty));

        // Every node has a position, and it is where the node's text starts.
        let mut nodes = Vec::new();
        preorder(&e, &mut nodes);
        prop_assert_eq!(positions.len(), nodes.len());
        for (node, at) in nodes.iter().zip(&positions) {
            let rest = &text[offset(&text, at.line, at.column)..];
            let expected = match node {
                Expr::App(op, _) => format!("{op}("),
                leaf => leaf.to_string(),
            };
            prop_assert!(rest.starts_with(&expected), "{} at {} in {}", expected, at, text);
        }
    }

    #[test]
    fn layout_and_comments_do_not_change_the_tree(
        (e, _) in program(),
        choices in proptest::collection::vec(any::<u8>(), 1..16),
    ) {
        let mut text = String::from("# leading comment\n ");
        print_loosely(&e, &choices, &mut 0, &mut text);
        text.push_str("\n# trailing comment");
        let parsed = parse(&text).unwrap_or_else(|error| panic!("{text:?}\n{error}"));
        prop_assert_eq!(parsed, e, "{:?}", text);
    }

    #[test]
    fn running_random_programs_never_panics(
        (e, ty) in program(),
        rows in proptest::collection::vec(proptest::collection::vec(input(), 0..4), 1..4),
    ) {
        let program = Program::from_expr(e, &CheckContext::default()).expect("well typed");
        let tables = Tables::new()
            .with("dept", [("ops", "Operations"), ("", "empty key"), ("é", "\u{0}")])
            .with("zip codes", [("10001", "New York")]);
        for row in rows {
            let inputs: Vec<&str> = row.iter().map(String::as_str).collect();
            if let Ok(value) = program.run(&inputs, &tables) {
                prop_assert_eq!(value.ty(), ty, "{} on {:?}", program, inputs);
            }
        }
    }
}

/// Input strings: empty, long, non-ASCII, control characters, and shapes that the
/// formats and tables recognise.
fn input() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => awkward_string(24),
        1 => Just(String::new()),
        1 => (awkward_string(6), 50usize..400).prop_map(|(s, n)| s.repeat(n)),
        2 => select(vec![
            "2024-03-15", "03/15/2024", "March 15, 2024", "Fri, 15 Mar 2024", "15.03.2024",
            "$1,234.50", "-12.5%", "0.125", "1e9", "99999999999999999999999", "CA", "germany",
            "Mar", "7", "John Smith", "o'neil-smith", "  padded  ", "a,b,,c", "İstanbul ǅemal",
            "x\u{0}y\r\n\t", "\u{300}\u{301}", "١٢٣", "ＡＢＣ",
        ]).prop_map(str::to_string),
    ]
}

/// Text that is almost a program: fragments of the syntax in random order.
fn program_like_text() -> impl Strategy<Value = String> {
    const FRAGMENTS: [&str; 40] = [
        "concat(", "sub(", "token(", "map(", "if(", "lookup(", "date(", "number(", "case(", "x",
        "x1", "w", ",", ", ", ")", "(", "\"", "'", "/", "\\", "#", "\n", " ", "1", "-", "@",
        "Word", "upper", "iso", "int", "\"a\"", "'-'", "/[0-9]+/", "\\u{", "}", "é", "true",
        "@\"t\"", "\r\n", "\t",
    ];
    let fragment = prop_oneof![4 => select(&FRAGMENTS[..]).prop_map(str::to_string), 1 => awkward_char().prop_map(String::from)];
    proptest::collection::vec(fragment, 0..24).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_is_a_program_or_an_error_inside_the_text(text in program_like_text()) {
        match Program::parse(&text) {
            Ok(program) => {
                let canonical = program.to_string();
                prop_assert_eq!(Program::parse(&canonical), Ok(program), "{}", canonical);
            }
            Err(error) => {
                // The position is in the text (or just past its end) ...
                let lines: Vec<&str> = text.split('\n').collect();
                let (line, column) = (error.position().line, error.position().column);
                prop_assert!(line >= 1 && line <= lines.len(), "{:?}: {}", text, error);
                prop_assert!(
                    column >= 1 && column <= lines[line - 1].chars().count() + 1,
                    "{:?}: {}", text, error
                );
                // ... and the message is plain words: no pest rule names.
                let message = error.message().to_string();
                for rule in ["string_end", "delim_end", "regex_end", "table_name", "EOI", "regex_inner"] {
                    prop_assert!(!message.contains(rule), "{}", message);
                }
                let rendered = error.render(&text);
                prop_assert!(rendered.ends_with('^'));
            }
        }
    }
}

#[test]
fn a_regex_with_an_escaped_slash_in_its_source_prints_as_an_equivalent_one() {
    // Only code can build this source (the parser decodes `\/`); it prints as `/a\/b/`,
    // which reads back as `a/b` and matches the same text.
    let built = UserRegex::new(r"a\/b").expect("the regex crate accepts \\/");
    let text = Expr::Tok(TokenClass::Regex(built.clone())).to_string();
    assert_eq!(text, r"/a\/b/");
    let e = parse(&format!("matches(x, {text})")).unwrap();
    let Expr::App(_, args) = e else {
        panic!("a call")
    };
    let Expr::Tok(TokenClass::Regex(read)) = &args[1] else {
        panic!("a regex")
    };
    assert_eq!(read.source(), "a/b");
    assert_eq!(
        read.regex().is_match("xa/by"),
        built.regex().is_match("xa/by")
    );
}

/// Every proper prefix of `text` (at character boundaries) is `Incomplete` or `Complete`
/// and the whole text is `Complete`; a prefix is `Complete` exactly when the parser and
/// the type checker accept it with type `ty`.
fn check_every_prefix(text: &str, ty: Type) -> Result<(), TestCaseError> {
    let ctx = PrefixContext::new(3, Some(ty));
    let check = CheckContext {
        num_inputs: Some(3),
        user_tables: None,
    };
    let mut parser = gemfill_dsl::PrefixParser::new(std::sync::Arc::new(ctx.clone()));
    for (i, c) in text.char_indices() {
        let before = &text[..i];
        let status = parser.status();
        prop_assert_ne!(
            status,
            PrefixStatus::Invalid,
            "prefix {:?} of {:?}",
            before,
            text
        );
        prop_assert_eq!(check_prefix(before, &ctx), status, "{:?}", before);
        let real = Program::parse_with(before, &check).is_ok_and(|p| p.ty() == ty);
        prop_assert_eq!(
            status == PrefixStatus::Complete,
            real,
            "prefix {:?}",
            before
        );
        prop_assert!(parser.push(c), "{:?} then {:?} in {:?}", before, c, text);
    }
    prop_assert_eq!(parser.status(), PrefixStatus::Complete, "{:?}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_prefix_of_a_printed_program_can_still_become_it((e, ty) in program()) {
        check_every_prefix(&e.to_string(), ty)?;
    }

    #[test]
    fn every_prefix_of_a_loosely_printed_program_can_still_become_it(
        (e, ty) in program(),
        choices in proptest::collection::vec(any::<u8>(), 1..16),
    ) {
        let mut text = String::from("# leading comment\n ");
        print_loosely(&e, &choices, &mut 0, &mut text);
        text.push_str("\n# trailing comment");
        check_every_prefix(&text, ty)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    /// On program-like text, `Complete` agrees with the parser and the type checker, and a
    /// text that parses never has an `Invalid` prefix.
    #[test]
    fn prefix_status_agrees_with_the_parser_on_program_like_text(text in program_like_text()) {
        let check = CheckContext { num_inputs: Some(3), user_tables: None };
        for ty in [Type::Str, Type::Int, Type::Bool] {
            let ctx = PrefixContext::new(3, Some(ty));
            let status = check_prefix(&text, &ctx);
            let real = Program::parse_with(&text, &check).is_ok_and(|p| p.ty() == ty);
            prop_assert_eq!(status == PrefixStatus::Complete, real, "{:?} as {}", text, ty);
            if real {
                for (i, _) in text.char_indices() {
                    prop_assert_ne!(check_prefix(&text[..i], &ctx), PrefixStatus::Invalid, "{:?} of {:?}", &text[..i], text);
                }
            }
        }
    }
}
