//! Arbitrary text through the whole language pipeline: parsing and type checking must
//! never panic, whatever parses must print to canonical text that parses back to the same
//! program, and a program that type-checks must run on a few inputs derived from the text
//! without panicking (an evaluation error is fine).
#![no_main]

use gemfill_dsl::{Expr, Program, Tables, Value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let program = match Program::parse(text) {
        Ok(program) => program,
        Err(error) => {
            // The error points into the text (or just past its end), and rendering it
            // copes with any position.
            let position = error.position();
            let line = text.split('\n').nth(position.line - 1);
            let line = line.unwrap_or_else(|| panic!("{error}: no such line"));
            assert!(position.column >= 1 && position.column <= line.chars().count() + 1);
            assert!(error.render(text).ends_with('^'));
            return;
        }
    };

    let canonical = program.to_string();
    let reread = Program::parse(&canonical)
        .unwrap_or_else(|error| panic!("canonical text does not parse: {canonical:?}: {error}"));
    assert_eq!(reread, program, "canonical text reads back differently");
    assert_eq!(reread.to_string(), canonical, "printing is not canonical");

    let tables = Tables::new()
        .with("t", [("a", "b"), ("", "empty"), ("é", "\u{0}")])
        .with("zip codes", [("10001", "New York")]);
    let literals = string_literals(program.expr());
    let rows: [Vec<&str>; 4] = [
        vec![text; 3],
        vec![literals.as_str(), text, ""],
        vec!["", "", ""],
        vec![
            "2024-03-15 John Smith (555) 123-4567 $1,234.50",
            literals.as_str(),
        ],
    ];
    for row in &rows {
        if let Ok(value) = program.run(row, &tables) {
            assert_eq!(value.ty(), program.ty(), "a value of the wrong type");
            if let Value::Str(s) = &value {
                assert!(s.chars().count() <= gemfill_dsl::MAX_STRING_CHARS);
            }
        }
    }
});

/// Every string literal of the program, joined: inputs built from them reach the branches
/// that compare with those literals.
fn string_literals(expr: &Expr) -> String {
    let mut out = String::new();
    let mut stack = vec![expr];
    while let Some(e) = stack.pop() {
        match e {
            Expr::Str(s) => out.push_str(s),
            Expr::App(_, args) => stack.extend(args.iter().rev()),
            _ => {}
        }
    }
    out
}
