//! `gemfill export --to python` computes what the interpreter computes: the exported
//! functions run in one python3 process on every input row, and their values (or
//! exceptions) are compared with the interpreter's, row by row.
//!
//! The realistic suite stores no programs, so `benchmarks/realistic/programs.tsv` holds one
//! per task (task name TAB program); this test also checks that each reproduces its task's
//! examples and held-out tests, so the file stays right.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use gemfill_dsl::{Program, Tables};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Reads the JSON jobs file: one job per program, each a module file, the rows to run it
/// on and the request tables; prints, per job and row, `[true, value]` or `[false, error]`.
const DRIVER: &str = r#"
import importlib.util, json, sys

def run(job):
    spec = importlib.util.spec_from_file_location("exported", job["module"])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # The function takes one argument per input column the program reads, then tables.
    columns = module.transform.__code__.co_argcount - 1
    results = []
    for row in job["rows"]:
        try:
            value = module.transform(*row[:columns], tables=job["tables"])
            results.append([True, module.show(value)])
        except module.GemfillError as error:
            results.append([False, str(error)])
    return results

jobs = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump([run(job) for job in jobs], sys.stdout)
"#;

/// A program and the rows to compare it on.
struct Case {
    label: String,
    program: String,
    rows: Vec<Vec<String>>,
}

/// The request tables every case runs with (as in the language reference).
fn tables() -> Tables {
    Tables::new().with(
        "dept",
        [
            ("ops", "Operations"),
            ("eng", "Engineering"),
            ("hr", "People"),
        ],
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Exports every case with the gemfill binary and runs them all in one python3 process.
/// Returns, per case and row, `Ok(value text)` or `Err(error message)`.
fn python_outputs(cases: &[Case]) -> Vec<Vec<Result<String, String>>> {
    let dir = tempfile::tempdir().unwrap();
    let mut jobs = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let module = dir.path().join(format!("program_{i}.py"));
        let output = Command::new(env!("CARGO_BIN_EXE_gemfill"))
            .args(["export", &case.program, "--to", "python", "--out"])
            .arg(&module)
            .output()
            .expect("gemfill starts");
        assert!(
            output.status.success(),
            "{}: export failed: {}",
            case.label,
            String::from_utf8_lossy(&output.stderr)
        );
        let rows: Vec<String> = case
            .rows
            .iter()
            .map(|row| {
                let cells: Vec<String> = row.iter().map(|c| json_string(c)).collect();
                format!("[{}]", cells.join(", "))
            })
            .collect();
        jobs.push(format!(
            "{{\"module\": {}, \"rows\": [{}], \"tables\": {{\"dept\": {{\"ops\": \"Operations\", \"eng\": \"Engineering\", \"hr\": \"People\"}}}}}}",
            json_string(&module.to_string_lossy()),
            rows.join(", ")
        ));
    }
    let jobs_path = dir.path().join("jobs.json");
    fs::write(&jobs_path, format!("[{}]", jobs.join(",\n"))).unwrap();
    let driver = dir.path().join("driver.py");
    fs::write(&driver, DRIVER).unwrap();
    let output = Command::new("python3")
        .arg(&driver)
        .arg(&jobs_path)
        .output()
        .expect("python3 is installed (make setup)");
    assert!(
        output.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|job| {
            job.as_array()
                .unwrap()
                .iter()
                .map(|row| {
                    let text = row[1].as_str().unwrap().to_string();
                    if row[0].as_bool().unwrap() {
                        Ok(text)
                    } else {
                        Err(text)
                    }
                })
                .collect()
        })
        .collect()
}

/// Runs every case in Python and with the interpreter; lists every row where they differ
/// (a value against another value, or a value against a failure).
fn disagreements(cases: &[Case]) -> String {
    let python = python_outputs(cases);
    let tables = tables();
    let mut failures = String::new();
    for (case, python) in cases.iter().zip(&python) {
        let program = Program::parse(&case.program)
            .unwrap_or_else(|e| panic!("{}: {}", case.label, e.render(&case.program)));
        for (row, from_python) in case.rows.iter().zip(python) {
            let inputs: Vec<&str> = row.iter().map(String::as_str).collect();
            let from_rust = program
                .run(&inputs, &tables)
                .map(|v| v.to_string())
                .map_err(|e| e.to_string());
            if from_rust.is_ok() != from_python.is_ok()
                || (from_rust.is_ok() && from_rust != *from_python)
            {
                writeln!(
                    failures,
                    "{}: {} on {row:?}: interpreter {from_rust:?}, python {from_python:?}",
                    case.label, case.program
                )
                .unwrap();
            }
        }
    }
    failures
}

#[test]
fn exported_python_agrees_with_the_interpreter_on_every_realistic_task() {
    let root = repo_root();
    let (tasks, errors) =
        gemfill_data::load_suite(&root.join("benchmarks/realistic/realistic.jsonl")).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let programs_path = root.join("benchmarks/realistic/programs.tsv");
    let programs_text = fs::read_to_string(&programs_path).unwrap();
    let programs: Vec<(&str, &str)> = programs_text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.split_once('\t')
                .unwrap_or_else(|| panic!("programs.tsv: no tab in {l:?}"))
        })
        .collect();
    assert_eq!(programs.len(), tasks.len(), "one program per task");

    let tables = Tables::default();
    let mut wrong = String::new();
    let mut cases = Vec::new();
    for task in &tasks {
        let (_, text) = programs
            .iter()
            .find(|(name, _)| *name == task.name)
            .unwrap_or_else(|| panic!("programs.tsv has no program for {}", task.name));
        let program =
            Program::parse(text).unwrap_or_else(|e| panic!("{}: {}", task.name, e.render(text)));
        // The program is the intended one: it reproduces every example but the ones the
        // task marks as deliberately wrong, and every held-out test.
        let rows = task.examples.iter().chain(&task.tests).enumerate();
        for (i, example) in rows {
            if task.noisy_examples.contains(&i) {
                continue;
            }
            match program.run(&example.input_refs(), &tables) {
                Ok(value) if value.to_string() == example.output => {}
                other => writeln!(
                    wrong,
                    "{}: {:?} gave {other:?}, expected {:?}",
                    task.name, example.inputs, example.output
                )
                .unwrap(),
            }
        }
        cases.push(Case {
            label: task.name.clone(),
            program: text.to_string(),
            rows: task
                .examples
                .iter()
                .chain(&task.tests)
                .map(|e| e.inputs.clone())
                .collect(),
        });
    }
    assert!(wrong.is_empty(), "programs.tsv is wrong:\n{wrong}");
    let failures = disagreements(&cases);
    assert!(failures.is_empty(), "\n{failures}");
}

#[test]
fn exported_python_agrees_with_the_interpreter_on_the_dsl_examples() {
    let dir = repo_root().join("dsl/examples");
    let mut cases = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "gf"))
        .collect();
    paths.sort();
    for path in paths {
        let rows = fs::read_to_string(path.with_extension("tsv")).unwrap();
        cases.push(Case {
            label: path.file_name().unwrap().to_string_lossy().into_owned(),
            program: fs::read_to_string(&path).unwrap(),
            rows: rows
                .lines()
                .filter(|l| !l.is_empty())
                .map(|l| {
                    let mut cells: Vec<String> = l.split('\t').map(str::to_string).collect();
                    cells.pop(); // the expected output
                    cells
                })
                .collect(),
        });
    }
    assert!(cases.len() >= 8);
    let failures = disagreements(&cases);
    assert!(failures.is_empty(), "\n{failures}");
}

/// Operators where Python and Rust differ by default: character indexing of non-ASCII
/// text, negative indices, Unicode token classes and white space, regex end anchors, case
/// mappings, date and number reading, integer limits, string-length limits.
#[test]
fn exported_python_agrees_with_the_interpreter_on_tricky_operators() {
    let texts = [
        "",
        "Zoë Łukasiewicz",
        "José Álvarez-Núñez, 42 (4th)",
        "  padded\t\u{a0}",
        "\u{1c}sep\u{1f}",
        "straße ΣΊΣΥΦΟΣ o'neil-SMITH",
        "NASA and the ESA",
        "McDonald Old MacDonald",
        "a1b22c333",
        "2024-03-15",
        "3/5/2024",
        "Thursday, March 15, 2024",
        "fri march 15 2024",
        "Sept. 5, 2024",
        "29.02.2023",
        "20240315",
        "1,234,567.891",
        "-$1,234.5",
        "2.675",
        "12,34",
        "12.5%",
        "-0.004",
        "+7",
        "-042",
        "9223372036854775807",
        "9223372036854775808",
        "line one\nline two\n",
        "ref: AB-1234, CD-5",
        "😀 emoji 😀x",
        "e\u{301}cole cafe\u{301}",
        "ops",
        "OPS",
        " new york ",
        "Deutschland",
        "dc",
        "7",
        "13",
    ];
    let programs = [
        "sub(x, -4, len(x))",
        "sub(x, 1, -1)",
        "char_at(x, -1)",
        "char_at(x, 3)",
        "token(x, Word, -1)",
        "token(x, Word, -3)",
        "token(x, Alphanum, 2)",
        "token(x, Proper, 1)",
        "token(x, Caps, 0)",
        "token(x, Lower, -1)",
        "token(x, Space, 0)",
        "token(x, Digit, -2)",
        "token(x, Char, -1)",
        "token(x, /[A-Z]{2}-[0-9]+/, 0)",
        "token(x, /[0-9]+$/, 0)",
        "token(x, /\\w+/, 1)",
        "token(x, /[a-z]+\\b/, -1)",
        "map(x, Word, w, \"|\")",
        "map(x, Char, concat(w, w), \"\")",
        "map(x, Word, concat(w, \":\", map(w, Char, to_str(len(x)), \"\")), \" \")",
        "map(x, ' ', \"_\", \"-\")",
        "start(x, ',', -1)",
        "end(x, Number, 0)",
        "find(x, \"a\", -1)",
        "find(x, \"\", 0)",
        "pos(x, Lower, Caps, 0)",
        "pos(x, Number, Lower, -1)",
        "case(x, upper)",
        "case(x, lower)",
        "case(x, proper)",
        "case(x, title)",
        "trim(x)",
        "pad_left(x, 20, \"·\")",
        "pad_left(x, 2000000, \"0\")",
        "replace(x, \"a\", \"ä\")",
        "replace_first(x, \" \", \"\")",
        "replace(x, \"\", \"?\")",
        "to_str(plus(to_int(x), 1))",
        "to_str(minus(to_int(x), 1))",
        "minus(len(x), 10)",
        "plus(9223372036854775807, len(x))",
        "matches(x, Number)",
        "matches(x, /[A-Z]{2}-[0-9]+/)",
        "if(is_empty(trim(x)), \"(empty)\", sub(x, 0, 1))",
        "if(contains(x, \" \"), len(x), minus(0, len(x)))",
        "eq(x, \"ops\")",
        "not(starts_with(x, \"2\"))",
        "ends_with(x, \"😀x\")",
        "lookup(month_name, x)",
        "lookup(month_padded, token(x, Number, 1))",
        "lookup(weekday_abbr, x)",
        "lookup(state_code, x)",
        "lookup(state_name, x)",
        "lookup(country_iso3, x)",
        "lookup(@dept, x)",
        "date(x, iso, weekday_long)",
        "date(x, us_short, medium)",
        "date(x, weekday_long, iso)",
        "date(x, long, day_month_year)",
        "date(x, eu_dot, us)",
        "date(x, compact, long)",
        "date(x, day_month_year, eu)",
        "number(x, thousands2)",
        "number(x, currency)",
        "number(x, percent)",
        "number(x, int)",
        "number(x, fixed2)",
        "number(x, thousands)",
        "concat(x, \"\\u{1F600}\", x1)",
        "concat(x1, \"\\\"\\\\\\n\")",
    ];
    let rows: Vec<Vec<String>> = texts
        .iter()
        .zip(texts.iter().rev())
        .map(|(a, b)| vec![a.to_string(), b.to_string()])
        .collect();
    let cases: Vec<Case> = programs
        .iter()
        .map(|p| Case {
            label: "tricky".to_string(),
            program: p.to_string(),
            rows: rows.clone(),
        })
        .collect();
    let failures = disagreements(&cases);
    assert!(failures.is_empty(), "\n{failures}");
}

#[test]
fn explain_describes_the_program_in_english() {
    let output = Command::new(env!("CARGO_BIN_EXE_gemfill"))
        .args([
            "export",
            r#"concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")"#,
            "--to",
            "explain",
        ])
        .output()
        .expect("gemfill starts");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("last word"), "{text}");
    let output = Command::new(env!("CARGO_BIN_EXE_gemfill"))
        .args(["export", "sub(x, 0", "--to", "python"])
        .output()
        .expect("gemfill starts");
    assert_eq!(
        output.status.code(),
        Some(2),
        "a program that does not parse"
    );
}
