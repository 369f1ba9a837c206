//! The Python twin of the number and date engines (`gemfill export --to python`'s library:
//! crates/gemfill/src/export/library.py and the parts in library/) computes what the Rust
//! engines compute.
//!
//! Tens of thousands of cases, drawn with a fixed seed from the engines' unit-test tables
//! and from random values, texts and patterns over the same alphabets (invalid ones
//! included), run through the Rust engines here and through the Python library in one
//! python3 process; every case must agree: the same text of the value (decimals with their
//! scale and the sign of zero, moments in ISO 8601), or an error with the same message.
//! The cases of `decimal` hold the arithmetic the number functions are built on to
//! rust_decimal's own.
//!
//! Python 3 is required (`make setup` installs it).

#[path = "python_parity/arith.rs"]
mod arith;
#[path = "python_parity/dates.rs"]
mod dates;
#[path = "python_parity/gen.rs"]
mod generate;
#[path = "python_parity/library.rs"]
mod library;
#[path = "python_parity/numbers.rs"]
mod numbers;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use gemfill_dsl::BuiltinTable;
use gemfill_dsl::tables::builtin_entries;
use generate::{Case, Cases, Rng};

/// The Python files of an export, in the order they are joined: the runtime (the export's
/// constants follow it), the library's parts, the library's language functions.
const LIBRARY_FILES: &[&str] = &[
    "runtime.py",
    "library/decimal.py",
    "library/unicode.py",
    "library/num.py",
    "library/num_pattern.py",
    "library/calendar.py",
    "library/date_pattern.py",
    "library/date_any.py",
    "library/date_arith.py",
    "library/duration.py",
    "library.py",
];

fn export_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../gemfill/src/export")
}

/// The constants an export defines between the runtime and the program (month and weekday
/// names by spelling, as `gemfill export` writes them), which the library must not rebind.
fn export_constants() -> String {
    let months = builtin_entries(BuiltinTable::MonthNumber)
        .into_iter()
        .map(|(key, month)| format!("{key:?}: {}", month.parse::<usize>().unwrap_or(1) - 1));
    let weekdays = builtin_entries(BuiltinTable::WeekdayName)
        .into_iter()
        .map(|(key, day)| {
            // The weekday names as an export numbers them, Monday first (python.rs's order).
            let monday = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("a Monday");
            let index = (0..7u64)
                .position(|i| (monday + chrono::Days::new(i)).format("%A").to_string() == day)
                .unwrap_or(0);
            format!("{key:?}: {index}")
        });
    format!(
        "_MONTHS = {{{}}}\n_WEEKDAYS = {{{}}}\n",
        months.collect::<Vec<_>>().join(", "),
        weekdays.collect::<Vec<_>>().join(", ")
    )
}

/// Runs every case in one python3 process: `Ok(value text)` or `Err(error message)` each.
fn python_results(cases: &[Case]) -> Vec<Result<String, String>> {
    let dir = export_dir();
    assert!(
        dir.join("library.py").is_file(),
        "no Python library at {}",
        dir.display()
    );
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python_parity/driver.py");
    let input: Vec<serde_json::Value> = cases
        .iter()
        .map(|case| {
            let mut call = vec![serde_json::Value::from(case.op)];
            call.extend(
                case.args
                    .iter()
                    .map(|a| serde_json::Value::from(a.as_str())),
            );
            serde_json::Value::Array(call)
        })
        .collect();
    let mut child = Command::new("python3")
        .arg(&driver)
        .args(LIBRARY_FILES.iter().map(|file| dir.join(file)))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("python3 is required for this test (make setup installs it): {e}")
        });
    let mut stdin = child.stdin.take().expect("piped stdin");
    let payload = serde_json::to_vec(&serde_json::json!({
        "constants": export_constants(),
        "cases": input,
    }))
    .expect("cases serialize");
    let writer = std::thread::spawn(move || stdin.write_all(&payload));
    let output = child.wait_with_output().expect("python3 runs");
    writer
        .join()
        .expect("writer thread")
        .expect("python3 reads the cases");
    assert!(
        output.status.success(),
        "the Python driver failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<(bool, String)> =
        serde_json::from_slice(&output.stdout).expect("the driver writes JSON");
    assert_eq!(results.len(), cases.len(), "one result per case");
    results
        .into_iter()
        .map(|(ok, text)| if ok { Ok(text) } else { Err(text) })
        .collect()
}

fn all_cases() -> Cases {
    let mut rng = Rng::new(0x006e_756d_6461_7465);
    let mut cases = Cases::default();
    numbers::decimal_cases(&mut rng, &mut cases);
    numbers::number_cases(&mut rng, &mut cases);
    dates::pattern_cases(&mut rng, &mut cases);
    dates::any_cases(&mut rng, &mut cases);
    dates::serial_cases(&mut rng, &mut cases);
    arith::arith_cases(&mut rng, &mut cases);
    arith::zone_cases(&mut rng, &mut cases);
    arith::duration_cases(&mut rng, &mut cases);
    library::library_cases(&mut rng, &mut cases);
    cases
}

#[test]
fn the_python_library_computes_what_the_engines_compute() {
    let cases = all_cases().0;
    let python = python_results(&cases);
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for (case, from_python) in cases.iter().zip(&python) {
        let count = counts.entry(case.engine).or_default();
        count.0 += 1;
        if case.rust.is_err() {
            count.1 += 1;
        }
        if case.rust != *from_python {
            disagreements.push(format!(
                "{} {}({:?}):\n  rust   {:?}\n  python {:?}",
                case.engine, case.op, case.args, case.rust, from_python
            ));
        }
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(engine, (all, errors))| format!("{engine}: {all} cases ({errors} errors)"))
        .collect();
    println!("{}", summary.join("\n"));
    assert!(
        disagreements.is_empty(),
        "{} of {} cases disagree:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements[..disagreements.len().min(60)].join("\n")
    );
}

/// The runs of code points where `property` holds, as the first of each run and the first
/// after it.
fn bounds(property: impl Fn(char) -> bool) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        if !property(c) {
            continue;
        }
        let code = u32::from(c);
        match out.last_mut() {
            Some(end) if *end == code => *end = code + 1,
            _ => out.extend([code, code + 1]),
        }
    }
    out
}

fn python_tuple(name: &str, values: &[u32]) -> String {
    let lines: Vec<String> = values
        .chunks(10)
        .map(|chunk| {
            let items: Vec<String> = chunk.iter().map(|v| format!("0x{v:x},")).collect();
            format!("    {}", items.join(" "))
        })
        .collect();
    format!("{name} = (\n{}\n)\n", lines.join("\n"))
}

/// library/unicode.py as Rust's `char::is_alphabetic` and `char::is_numeric` make it.
fn unicode_part() -> String {
    format!(
        "{}\n{}\n{}{}",
        UNICODE_HEADER,
        python_tuple("_ALPHABETIC_BOUNDS", &bounds(char::is_alphabetic)),
        python_tuple("_NUMERIC_BOUNDS", &bounds(char::is_numeric)),
        UNICODE_FUNCTIONS
    )
}

const UNICODE_HEADER: &str = "\
# ---- Unicode properties as Rust's char methods have them -----------------------------------
# Generated by crates/gemfill-dsl/tests/python_parity.rs from Rust's char::is_alphabetic and
# char::is_numeric (`GEMFILL_BLESS=1 cargo test -p gemfill-dsl --test python_parity` rewrites
# it; do not edit), so that the readers treat every character as the Rust engines do, whatever
# Unicode version this Python knows. Each table lists, for every run of code points with the
# property, its first code point and the first one after it.
import bisect as _bisect
";

const UNICODE_FUNCTIONS: &str = "

def _is_alphabetic(c):
    \"\"\"Rust's char::is_alphabetic (Unicode's Alphabetic property).\"\"\"
    return _bisect.bisect_right(_ALPHABETIC_BOUNDS, ord(c)) % 2 == 1


def _is_alphanumeric(c):
    \"\"\"Rust's char::is_alphanumeric: alphabetic, or a number of any kind.\"\"\"
    return _is_alphabetic(c) or _bisect.bisect_right(_NUMERIC_BOUNDS, ord(c)) % 2 == 1
";

#[test]
fn the_unicode_part_is_what_rust_knows() {
    let path = export_dir().join("library/unicode.py");
    let expected = unicode_part();
    if std::env::var_os("GEMFILL_BLESS").is_some() {
        std::fs::write(&path, &expected).expect("library/unicode.py is writable");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is not what this Rust's Unicode tables make; rerun with GEMFILL_BLESS=1",
        path.display()
    );
}
