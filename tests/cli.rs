//! End-to-end tests of the `gemfill` binary: the commands a user types, checked on their
//! output and exit status.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[path = "../crates/gemfill-gemma/tests/common/checkpoint.rs"]
mod gemma_checkpoint;

fn gemfill() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gemfill"))
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    gemfill().args(args).output().expect("gemfill starts")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn run_reformats_a_non_ascii_name() {
    let output = run(&[
        "run",
        r#"concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")"#,
        "--input",
        "José Álvarez",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "Álvarez, J.\n");
}

#[test]
fn run_maps_over_words() {
    let output = run(&[
        "run",
        r#"map(x, Word, concat(sub(w, 0, 1), "."), "")"#,
        "--input",
        "John Ronald Reuel Tolkien",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "J.R.R.T.\n");
}

#[test]
fn misspelled_operator_is_named_with_its_position() {
    let output = run(&["run", r#"concat(tokn(x, Word, 0), "!")"#, "--input", "a"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("tokn"), "{message}");
    assert!(message.contains("1:8"), "{message}");
    assert!(message.contains('^'), "{message}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn type_error_exits_2() {
    let output = run(&["run", r#"sub(x, "a", 2)"#, "--input", "abc"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("Int"), "{}", stderr(&output));
}

#[test]
fn per_row_errors_are_reported_not_fatal() {
    let output = run(&[
        "run",
        "token(x, Word, 2)",
        "--input",
        "one two three",
        "--input",
        "only",
        "--input",
        "a b c d",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "three\n\nc\n");
    let message = stderr(&output);
    assert!(message.contains("row 2"), "{message}");
    assert!(message.contains("1 of 3"), "{message}");
}

#[test]
fn run_reads_csv_columns_and_reports_malformed_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.csv");
    std::fs::write(
        &path,
        "first,last\n\"Ada\",Lovelace\nGrace,\"Hopper, Jr.\"\nbroken\nZoë,Łukasiewicz\n",
    )
    .unwrap();
    let output = run(&[
        "run",
        r#"concat(x1, " ", x0)"#,
        "--csv",
        path.to_str().unwrap(),
        "--column",
        "first",
        "--column",
        "last",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "Lovelace Ada\nHopper, Jr. Grace\n\nŁukasiewicz Zoë\n"
    );
    assert!(stderr(&output).contains("row 4"), "{}", stderr(&output));
}

#[test]
fn run_reads_standard_input() {
    let mut child = gemfill()
        .args(["run", "case(x, upper)"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("straße\nabc\n".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(stdout(&output), "STRASSE\nABC\n");
}

#[test]
fn run_reads_a_program_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("initials.gf");
    std::fs::write(&path, "# initials\nmap(x, Word, sub(w, 0, 1), \"\")\n").unwrap();
    let output = run(&[
        "run",
        path.to_str().unwrap(),
        "--input",
        "Grace Brewster Hopper",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "GBH\n");
}

#[test]
fn synth_finds_a_program_that_generalizes() {
    let output = run(&[
        "synth",
        "-e",
        "John Smith => Smith, J.",
        "-e",
        "Ada Lovelace => Lovelace, A.",
        "-u",
        "Grace Hopper",
        "--timeout-ms",
        "10000",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("#1"), "{text}");
    assert!(text.contains("Grace Hopper -> Hopper, G."), "{text}");
}

#[test]
fn synth_rejects_inconsistent_columns() {
    let output = run(&["synth", "-e", "a | b => c", "-e", "a => c"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("example 2"), "{}", stderr(&output));
}

#[test]
fn synth_from_a_task_file_checks_held_out_tests() {
    let suite = repo_root().join("benchmarks/bustle-38.jsonl");
    let output = run(&[
        "synth",
        "--tasks",
        suite.to_str().unwrap(),
        "--name",
        "bustle/addPlusSign",
        "--timeout-ms",
        "10000",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("held-out tests passed: 8/8"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn bench_writes_json_report_and_plot() {
    let dir = tempfile::tempdir().unwrap();
    let suite = dir.path().join("tiny.jsonl");
    std::fs::write(
        &suite,
        concat!(
            r#"{"name": "t/first-word", "examples": [{"inputs": ["hello world"], "output": "hello"}, {"inputs": ["good day sir"], "output": "good"}], "tests": [{"inputs": ["one two"], "output": "one"}], "tags": ["t"]}"#,
            "\n",
            r#"{"name": "t/no-tests", "examples": [{"inputs": ["ab"], "output": "AB"}, {"inputs": ["cd"], "output": "CD"}], "tests": [], "tags": ["t"]}"#,
            "\n"
        ),
    )
    .unwrap();
    let json = dir.path().join("out.json");
    let report = dir.path().join("out.md");
    let plot = dir.path().join("out.svg");
    let output = run(&[
        "bench",
        suite.to_str().unwrap(),
        "--timeout-ms",
        "5000",
        "--json",
        json.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
        "--plot",
        plot.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let tasks = value["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0]["name"], "t/first-word");
    assert_eq!(tasks[0]["solved"], true);
    assert_eq!(tasks[0]["generalized"], true);
    assert!(tasks[1]["generalized"].is_null());
    assert!(tasks[0]["time_ms"].as_f64().unwrap() > 0.0);
    assert!(tasks[0]["program"].as_str().is_some());
    assert_eq!(value["summary"]["systems"]["gemfill"]["solved"], 2);
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .contains("t/first-word")
    );
    assert!(std::fs::read_to_string(&plot).unwrap().contains("<svg"));
}

#[test]
fn bench_runs_cvc5_side_by_side_on_sygus_files() {
    // `make test` installs cvc5 first (scripts/install-cvc5.sh).
    let task =
        repo_root().join("benchmarks/sygus-pbe-slia-2019/euphony/get-first-name-from-name.sl");
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("out.json");
    let output = run(&[
        "bench",
        task.to_str().unwrap(),
        "--timeout-ms",
        "10000",
        "--peer",
        "cvc5",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let systems: Vec<&str> = value["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["system"].as_str().unwrap())
        .collect();
    assert_eq!(systems, vec!["gemfill", "cvc5"]);
    assert_eq!(value["tasks"][0]["solved"], true);
    assert_eq!(value["tasks"][1]["solved"], true);
}

#[test]
fn help_explains_the_commands() {
    let output = run(&["--help"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for command in ["run", "synth", "bench"] {
        assert!(text.contains(command), "{text}");
    }
}

#[test]
fn train_rejects_flag_combinations_that_make_no_sense() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["train", "--lora-rank", "4", "--minutes", "1", "--out", "x"],
            "--lora-rank only apply to LoRA fine-tuning",
        ),
        (
            &[
                "train",
                "--base",
                "gemma3-270m",
                "--config",
                "c.json",
                "--lora-rank",
                "4",
                "--minutes",
                "1",
                "--out",
                "x",
            ],
            "pass one of them",
        ),
        (
            &[
                "train",
                "--base",
                "gemma3-270m",
                "--gguf",
                "/nonexistent.gguf",
                "--minutes",
                "1",
                "--out",
                "x",
            ],
            "--base needs --lora-rank",
        ),
        (
            &[
                "train",
                "--base",
                "gemma3-270m",
                "--gguf",
                "/nonexistent.gguf",
                "--lora-rank",
                "4",
                "--lora-targets",
                "q,zz",
                "--minutes",
                "1",
                "--out",
                "x",
            ],
            "unknown projection \"zz\"",
        ),
    ];
    for (args, message) in cases {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(message),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn the_gemma_proposer_needs_its_checkpoint_and_says_how_to_get_it() {
    let output = run(&[
        "synth",
        "--proposer",
        "gemma3-270m",
        "--gguf",
        "/nonexistent/gemma.gguf",
        "--mode",
        "neural",
        "-e",
        "a => b",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("/nonexistent/gemma.gguf") && err.contains("make gemma"),
        "{err}"
    );
    // --model belongs to the small model.
    let output = run(&[
        "synth",
        "--proposer",
        "gemma3-270m",
        "--model",
        "models/default",
        "-e",
        "a => b",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--gguf"), "{}", stderr(&output));
    // --lora belongs to Gemma, and must name an adapter folder.
    let output = run(&["synth", "--lora", "models/default", "-e", "a => b"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--lora"), "{}", stderr(&output));
    let output = run(&[
        "synth",
        "--proposer",
        "gemma3-270m",
        "--lora",
        "/nonexistent/adapter",
        "-e",
        "a => b",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("/nonexistent/adapter"), "{err}");
}

#[test]
fn synth_with_the_gemma_proposer_verifies_its_programs() {
    if gemma_checkpoint::gemma3_270m_or_skip().is_none() {
        return;
    }
    let output = run(&[
        "synth",
        "--proposer",
        "gemma3-270m",
        "--mode",
        "neural",
        "-e",
        "Ada Lovelace => Ada",
        "-e",
        "Grace Hopper => Grace",
        "-u",
        "Alan Turing",
        "--timeout-ms",
        "120000",
    ]);
    let err = stderr(&output);
    // Found or not (neural mode only verifies what the model proposes), the run ends
    // normally and reports the model's speed.
    assert!(matches!(output.status.code(), Some(0 | 1)), "{err}");
    assert!(err.contains("gemma3-270m: loaded in"), "{err}");
    assert!(err.contains(" 1 searches"), "{err}");
    let text = stdout(&output);
    if output.status.code() == Some(0) {
        assert!(text.contains("#1"), "{text}");
    } else {
        assert!(text.contains("No program found"), "{text}");
    }
}
