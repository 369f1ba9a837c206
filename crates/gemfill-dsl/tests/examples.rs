//! The example programs in `dsl/examples` and the examples of the language reference
//! (`dsl/README.md`) really do what they say.
//!
//! Every `dsl/examples/NAME.gf` has a `NAME.tsv` of rows `input<TAB>...<TAB>output`: every
//! column but the last is an input (`x0`, `x1`, ...), the last is the expected output.
//! In the reference, each line of a ```` ```gemfill ```` block is a program followed by a
//! comment `# INPUTS -> OUTPUT`, where INPUTS are string literals separated by commas and
//! OUTPUT is a string literal, an integer, `true`/`false`, or `error`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use gemfill_dsl::{Expr, Program, Tables, parse};

fn dsl_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dsl")
}

#[test]
fn every_example_program_gives_the_outputs_of_its_table() {
    let dir = dsl_dir().join("examples");
    let mut programs: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "gf"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 8, "only {} examples", programs.len());

    let mut failures = String::new();
    for path in &programs {
        let name = path.file_name().unwrap().to_string_lossy();
        let source = fs::read_to_string(path).unwrap();
        let program = match Program::parse(&source) {
            Ok(program) => program,
            Err(error) => {
                writeln!(failures, "{name}:\n{}", error.render(&source)).unwrap();
                continue;
            }
        };
        // The canonical text is a program too, and the same one.
        assert_eq!(Program::parse(&program.to_string()).as_ref(), Ok(&program));

        let rows_path = path.with_extension("tsv");
        let rows = fs::read_to_string(&rows_path)
            .unwrap_or_else(|e| panic!("{}: {e}", rows_path.display()));
        let mut count = 0;
        for (line_number, line) in rows.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            count += 1;
            let cells: Vec<&str> = line.split('\t').collect();
            let (expected, inputs) = cells.split_last().unwrap();
            assert!(
                inputs.len() >= program.num_inputs().max(1),
                "{}:{}: {} input columns, but the program reads {}",
                rows_path.display(),
                line_number + 1,
                inputs.len(),
                program.num_inputs()
            );
            match program.run(inputs, &Tables::default()) {
                Ok(value) if value.to_string() == *expected => {}
                outcome => writeln!(
                    failures,
                    "{name} line {}: {inputs:?} gave {outcome:?}, expected {expected:?}",
                    line_number + 1
                )
                .unwrap(),
            }
        }
        assert!(count >= 3, "{name}: only {count} rows");
    }
    assert!(failures.is_empty(), "\n{failures}");
}

/// One checked example of the reference: program, inputs, expected output text (`None`:
/// an evaluation error).
struct ReferenceExample {
    line: usize,
    program: String,
    inputs: Vec<String>,
    expected: Option<String>,
}

/// The byte offset of the comment on a line of program text, if any: the first `#` that
/// is not inside a string, delimiter or regex literal.
fn comment_start(line: &str) -> Option<usize> {
    let mut open: Option<char> = None;
    let mut chars = line.char_indices();
    while let Some((at, c)) = chars.next() {
        match open {
            Some(_) if c == '\\' => {
                chars.next();
            }
            Some(close) if c == close => open = None,
            Some(_) => {}
            None if c == '#' => return Some(at),
            None if matches!(c, '"' | '\'' | '/') => open = Some(c),
            None => {}
        }
    }
    None
}

/// Reads `"a", "b"` as the strings a and b, using the language's own string syntax.
fn string_list(text: &str) -> Vec<String> {
    match parse(&format!("concat({text}, \"\")")) {
        Ok(Expr::App(_, mut args)) => {
            args.pop();
            args.into_iter()
                .map(|arg| match arg {
                    Expr::Str(s) => s,
                    other => panic!("{text}: {other} is not a string literal"),
                })
                .collect()
        }
        other => panic!("{text}: not a list of string literals ({other:?})"),
    }
}

fn reference_examples(readme: &str) -> Vec<ReferenceExample> {
    let mut examples = Vec::new();
    let mut in_block = false;
    for (number, line) in readme.lines().enumerate() {
        let trimmed = line.trim();
        if !in_block {
            in_block = trimmed == "```gemfill";
            continue;
        }
        if trimmed == "```" {
            in_block = false;
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some(at) = comment_start(line) else {
            panic!(
                "README.md:{}: an example without `# inputs -> output`",
                number + 1
            )
        };
        let (program, comment) = line.split_at(at);
        let Some((inputs, output)) = comment[1..].rsplit_once("->") else {
            panic!("README.md:{}: the comment needs `->`", number + 1)
        };
        let output = output.trim();
        let expected = match output {
            "error" => None,
            text if text.starts_with('"') => Some(string_list(text).concat()),
            text => Some(text.to_string()),
        };
        examples.push(ReferenceExample {
            line: number + 1,
            program: program.trim().to_string(),
            inputs: string_list(inputs.trim()),
            expected,
        });
    }
    examples
}

#[test]
fn every_example_of_the_language_reference_is_right() {
    let path = dsl_dir().join("README.md");
    let readme = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let examples = reference_examples(&readme);
    assert!(examples.len() >= 40, "only {} examples", examples.len());
    let tables = Tables::new().with(
        "dept",
        [
            ("ops", "Operations"),
            ("eng", "Engineering"),
            ("hr", "People"),
        ],
    );
    let mut failures = String::new();
    for example in &examples {
        let program = match Program::parse(&example.program) {
            Ok(program) => program,
            Err(error) => {
                writeln!(
                    failures,
                    "README.md:{}:\n{}",
                    example.line,
                    error.render(&example.program)
                )
                .unwrap();
                continue;
            }
        };
        let inputs: Vec<&str> = example.inputs.iter().map(String::as_str).collect();
        let outcome = program.run(&inputs, &tables);
        let ok = match (&outcome, &example.expected) {
            (Ok(value), Some(expected)) => value.to_string() == *expected,
            (Err(_), None) => true,
            _ => false,
        };
        if !ok {
            writeln!(
                failures,
                "README.md:{}: {} on {:?} gave {:?}, expected {}",
                example.line,
                example.program,
                example.inputs,
                outcome,
                example
                    .expected
                    .as_deref()
                    .map_or("an error".to_string(), |e| format!("{e:?}"))
            )
            .unwrap();
        }
    }
    assert!(failures.is_empty(), "\n{failures}");
}
