//! The loaders on the project's copies of the public suites (benchmarks/) and on small
//! broken files written for the occasion.
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use gemfill_data::{
    LoadErrorKind, Task, load_jsonl, load_suite, load_suites, load_sygus, long_sibling,
    parse_sygus_str, short_long_pairs,
};
use gemfill_dsl::{Example, Type};

fn benchmarks() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benchmarks")
}

fn sygus_dir() -> PathBuf {
    benchmarks().join("sygus-pbe-slia-2019")
}

/// A fresh scratch folder for one test (removed first if a previous run left it).
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gemfill-data-test-{}-{test}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn task<'a>(tasks: &'a [Task], name: &str) -> &'a Task {
    tasks
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no task {name}"))
}

#[test]
fn every_sygus_file_loads_except_max3() {
    let (tasks, errors) = load_suite(&sygus_dir()).unwrap();
    assert_eq!(tasks.len(), 209, "{:#?}", errors);
    assert_eq!(errors.len(), 1, "{:#?}", errors);
    let max3 = &errors[0];
    assert_eq!(max3.kind, LoadErrorKind::Unsupported);
    assert!(max3.is_unsupported());
    assert_eq!(max3.line, Some(11));
    assert!(max3.path.as_ref().unwrap().ends_with("from_2018/max3.sl"));
    let message = max3.to_string();
    assert!(
        message
            .contains("max3.sl:11: constraint is not an input/output example: (>= (max3 x y z) x)"),
        "{message}"
    );

    // Names are paths within the suite, in path order; tags give the folder.
    assert_eq!(tasks[0].name, "euphony/11604909");
    assert_eq!(tasks[0].tags, vec!["sygus", "euphony"]);
    let from_2018 = tasks.iter().filter(|t| t.name.starts_with("from_2018/"));
    assert_eq!(from_2018.count(), 109);
    for t in &tasks {
        assert!(!t.examples.is_empty() && t.tests.is_empty(), "{}", t.name);
        assert_eq!(
            t.input_types.len(),
            t.examples[0].inputs.len(),
            "{}",
            t.name
        );
        assert!(t.all_examples().all(|e| e.inputs.len() == t.arity()));
        assert!(
            t.source
                .as_ref()
                .unwrap()
                .ends_with(format!("{}.sl", t.name))
        );
    }

    // Every task the peer solver was run on is here (or is max3).
    let tsv = fs::read_to_string(benchmarks().join("peer-cvc5-1.0.3.tsv")).unwrap();
    let peer: BTreeSet<&str> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().trim_end_matches(".sl"))
        .collect();
    let ours: BTreeSet<&str> = tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(peer.len(), 210);
    let missing: Vec<_> = peer.difference(&ours).collect();
    assert_eq!(missing, vec![&"from_2018/max3"]);
}

#[test]
fn known_sygus_files() {
    let (tasks, _) = load_suite(&sygus_dir()).unwrap();
    let tasks = &tasks;

    let phone_short = task(tasks, "from_2018/phone_short");
    assert_eq!(phone_short.examples.len(), 6);
    assert_eq!(
        phone_short.examples[0],
        Example::new(["938-242-504"], "938")
    );
    assert_eq!(phone_short.constants, vec![" ", "0", "1", "2", "3"]);
    assert_eq!(phone_short.output_type, Type::Str);
    assert_eq!(phone_short.input_types, vec![Type::Str]);

    assert_eq!(task(tasks, "from_2018/phone-long").examples.len(), 100);
    assert_eq!(
        task(tasks, "from_2018/phone-long-repeat").examples.len(),
        400
    );
    assert_eq!(
        task(tasks, "from_2018/bikes-long-repeat").examples.len(),
        58
    );

    // Grammar constants: strings first, then integers, each once (`1` is listed twice and
    // `(- 1)` is written as a unary minus).
    let euphony = task(tasks, "euphony/11604909");
    assert_eq!(euphony.examples.len(), 6);
    assert_eq!(euphony.constants, vec!["", " ", ".", "1", "0", "-1"]);

    // Two string columns.
    let combine = task(tasks, "from_2018/name-combine");
    assert_eq!(combine.input_types, vec![Type::Str, Type::Str]);

    // An Int argument is stored as its decimal text.
    let numbers = task(tasks, "euphony/convert-numbers-to-text");
    assert_eq!(numbers.input_types, vec![Type::Int]);
    assert_eq!(numbers.examples[0], Example::new(["101"], "101"));
    let nth = task(tasks, "euphony/19558979");
    assert_eq!(nth.input_types, vec![Type::Str, Type::Int]);
    assert_eq!(nth.examples.len(), 5);
    assert_eq!(nth.examples[1], Example::new(["spreadsheet", "2"], "p"));

    // Bool and Int results.
    let has_digits = task(tasks, "euphony/19274448");
    assert_eq!(has_digits.output_type, Type::Bool);
    assert_eq!(
        has_digits.examples,
        vec![
            Example::new(["dhfjd9999999dfda"], "true"),
            Example::new(["ddsss999dfdfsfd"], "false"),
        ]
    );
    let ints = tasks.iter().filter(|t| t.output_type == Type::Int).count();
    let bools = tasks.iter().filter(|t| t.output_type == Type::Bool).count();
    assert_eq!((ints, bools), (13, 11));

    // The self-contradicting long-repeat tasks keep every example.
    let univ = task(tasks, "from_2018/univ_3-long-repeat");
    let mut outputs_by_input = std::collections::HashMap::new();
    let mut conflicts = 0;
    for e in &univ.examples {
        if let Some(previous) = outputs_by_input.insert(&e.inputs, &e.output)
            && previous != &e.output
        {
            conflicts += 1;
        }
    }
    assert!(conflicts > 0);
}

#[test]
fn single_sygus_file_is_named_after_its_stem() {
    let task = load_sygus(&sygus_dir().join("euphony/get-first-word.sl")).unwrap();
    assert_eq!(task.name, "get-first-word");
    assert_eq!(task.examples.len(), 3);
    let (tasks, errors) = load_suite(&sygus_dir().join("euphony/get-first-word.sl")).unwrap();
    assert!(errors.is_empty());
    assert_eq!(tasks[0].name, "get-first-word");

    let err = load_sygus(&sygus_dir().join("from_2018/max3.sl")).unwrap_err();
    assert_eq!(err.kind, LoadErrorKind::Unsupported);
    assert!(
        err.to_string()
            .contains("max3.sl:11: constraint is not an input/output example")
    );
}

#[test]
fn short_and_long_siblings() {
    let (tasks, _) = load_suite(&sygus_dir()).unwrap();
    let long = |name: &str| long_sibling(&tasks, task(&tasks, name)).map(|t| t.name.as_str());
    assert_eq!(long("from_2018/phone_short"), Some("from_2018/phone-long"));
    assert_eq!(
        long("from_2018/phone-1_short"),
        Some("from_2018/phone-1-long")
    );
    assert_eq!(long("from_2018/phone-1"), Some("from_2018/phone-1-long"));
    assert_eq!(
        long("from_2018/univ_1_short"),
        Some("from_2018/univ_1-long")
    );
    assert_eq!(long("from_2018/bikes_small"), Some("from_2018/bikes-long"));
    assert_eq!(
        long("from_2018/dr-name_small"),
        Some("from_2018/dr-name-long")
    );
    assert_eq!(long("from_2018/phone-long"), None);
    assert_eq!(long("from_2018/phone-long-repeat"), None);
    assert_eq!(long("from_2018/11440431"), None);
    assert_eq!(long("euphony/get-first-word"), None);

    let pairs = short_long_pairs(&tasks);
    // 27 base tasks with a -long sibling, 22 of them with a _short and 5 with a _small
    // variant.
    assert_eq!(pairs.len(), 54);
    for (short, long) in pairs {
        assert_eq!(short.arity(), long.arity(), "{}", short.name);
        assert_eq!(short.output_type, long.output_type, "{}", short.name);
    }
}

#[test]
fn bustle_38() {
    let path = benchmarks().join("bustle-38.jsonl");
    let tasks = load_jsonl(&path).unwrap();
    assert_eq!(tasks.len(), 38);
    assert_eq!(tasks.iter().filter(|t| t.is_multi_input()).count(), 16);
    for t in &tasks {
        assert!(t.name.starts_with("bustle/"), "{}", t.name);
        assert_eq!(t.tags, vec!["bustle"]);
        assert!(t.description.is_some() && !t.tests.is_empty(), "{}", t.name);
        assert_eq!(t.source.as_deref(), Some(path.as_path()));
        assert_eq!(t.output_type, Type::Str);
    }
    let first = &tasks[0];
    assert_eq!(first.name, "bustle/addDecimal");
    assert_eq!(first.examples.len(), 4);
    assert_eq!(first.tests.len(), 10);
    assert_eq!(first.examples[1], Example::new(["45"], "45.0"));

    let (again, errors) = load_suite(&path).unwrap();
    assert!(errors.is_empty());
    assert_eq!(again, tasks);
}

#[test]
fn malformed_jsonl_names_file_and_line() {
    let dir = scratch("jsonl");
    let path = dir.join("tasks.jsonl");
    let good =
        |n: &str| format!(r#"{{"name": "{n}", "examples": [{{"inputs": ["a"], "output": "b"}}]}}"#);
    let mut lines: Vec<String> = (1..=16).map(|i| good(&format!("t{i}"))).collect();
    lines.push(
        r#"{"name": "t17", "examples": [{"inputs": ["a", "b"], "output": "ab"}, {"inputs": ["a"], "output": "a"}]}"#
            .into(),
    );
    lines.push(good("t18"));
    lines.push(r#"{"name": "t19", "examples": [{"inputs": ["a"], "output": "b"}"#.into());
    lines.push(good("t3"));
    fs::write(&path, lines.join("\n") + "\n").unwrap();

    let err = load_jsonl(&path).unwrap_err();
    assert_eq!(err.kind, LoadErrorKind::Malformed);
    let message = err.to_string();
    assert!(
        message.ends_with("tasks.jsonl:17: task `t17`: example 2 has 1 input but example 1 has 2"),
        "{message}"
    );
    assert_eq!(err.path.as_deref(), Some(path.as_path()));

    // The suite loader reports every bad line and keeps the good ones.
    let (tasks, errors) = load_suite(&path).unwrap();
    assert_eq!(tasks.len(), 17);
    let kinds: Vec<(Option<usize>, LoadErrorKind)> =
        errors.iter().map(|e| (e.line, e.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (Some(17), LoadErrorKind::Malformed),
            (Some(19), LoadErrorKind::Malformed),
            (Some(20), LoadErrorKind::Duplicate),
        ]
    );
    assert!(
        errors[1]
            .to_string()
            .contains("tasks.jsonl:19: invalid JSON")
    );
    assert!(errors[2].to_string().contains("already used on line 3"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn malformed_sygus_names_file_and_line() {
    let dir = scratch("sygus");
    let cases = [
        (
            "unbalanced.sl",
            "(set-logic SLIA)\n\n(synth-fun f ((x String)) String\n(constraint (= (f \"a\") \"b\"))\n",
            LoadErrorKind::Malformed,
            "unbalanced.sl:3: `(` is never closed",
        ),
        (
            "string.sl",
            "(synth-fun f ((x String)) String)\n(constraint (= (f \"a) \"b\"))\n",
            LoadErrorKind::Malformed,
            "string.sl:2: string literal is never closed",
        ),
        (
            "arity.sl",
            "(synth-fun f ((x String) (y String)) String)\n(constraint (= (f \"a\" \"b\") \"ab\"))\n(constraint (= (f \"a\") \"a\"))\n",
            LoadErrorKind::Malformed,
            "arity.sl:3: `f` takes 2 arguments but this example gives 1",
        ),
        (
            "variable.sl",
            "(synth-fun f ((x String)) String)\n(declare-var x String)\n(constraint (= (f \"a\") \"a\"))\n(constraint (= (f x) x))\n",
            LoadErrorKind::Unsupported,
            "variable.sl:4: constraint is not an input/output example: (= (f x) x) (argument 1 is `x`, not a literal)",
        ),
        (
            "inv.sl",
            "(set-logic LIA)\n(synth-inv inv ((x Int)))\n",
            LoadErrorKind::Unsupported,
            "inv.sl:2: `synth-inv` is not supported",
        ),
    ];
    for (file, text, kind, expected) in cases {
        let path = dir.join(file);
        fs::write(&path, text).unwrap();
        let err = load_sygus(&path).unwrap_err();
        assert_eq!(err.kind, kind, "{file}: {err}");
        let message = err.to_string();
        assert!(
            message.contains(expected),
            "{file}\n  gave: {message}\n  want: {expected}"
        );
    }

    // In a folder, every bad file is reported and the good ones load.
    fs::create_dir_all(dir.join("good")).unwrap();
    fs::write(
        dir.join("good/ok.sl"),
        "(synth-fun f ((x String)) String)\n(constraint (= (f \"a\") \"b\"))\n",
    )
    .unwrap();
    fs::write(dir.join("README.md"), "not a task").unwrap();
    let (tasks, errors) = load_suite(&dir).unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].name, "good/ok");
    assert_eq!(tasks[0].tags, vec!["sygus", "good"]);
    assert_eq!(errors.len(), cases.len());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn sygus_v1_syntax() {
    // SyGuS-IF v1: the grammar is one list of rules, negative literals are written `-1`,
    // strings escape quotes and backslashes with a backslash, options are `set-options`.
    let text = r#"; a v1 file
(set-logic SLIA)
(set-options ((produce-models "true")))
(synth-fun f ((name String) (k Int)) String
    ((Start String (ntString))
     (ntString String (name "\"" "\\" "a b" (str.++ ntString ntString) (str.at ntString ntInt) (int.to.str ntInt)))
     (ntInt Int (k 0 -1 (str.to.int ntString) (+ ntInt ntInt)))))
(declare-var name String)
(declare-var k Int)
(constraint (= (f "say \"hi\"" 2) "\"hi\""))
(constraint (= (f "C:\\dir" -1) "dir"))
(check-synth)
"#;
    let task = parse_sygus_str(text, "v1").unwrap();
    assert_eq!(task.input_types, vec![Type::Str, Type::Int]);
    assert_eq!(
        task.examples,
        vec![
            Example::new(["say \"hi\"", "2"], "\"hi\""),
            Example::new(["C:\\dir", "-1"], "dir"),
        ]
    );
    assert_eq!(task.constants, vec!["\"", "\\", "a b", "0", "-1"]);
}

#[test]
fn sygus_v2_string_escapes() {
    // v2 doubles quotes; `\u{..}` and `\uXXXX` are the strings theory's escapes and any
    // other backslash is itself (as cvc5 reads them).
    let text = r#"(set-logic SLIA)
(synth-fun f ((s String)) String ((Start String)) ((Start String (s "\u{e9}" "\n"))))
(constraint (= (f "say ""hi""") "\u{48}\u0049\x41"))
"#;
    let task = parse_sygus_str(text, "v2").unwrap();
    assert_eq!(task.examples, vec![Example::new(["say \"hi\""], "HI\\x41")]);
    assert_eq!(task.constants, vec!["é", "\\n"]);
}

#[test]
fn suites_together_and_duplicate_names() {
    let dir = scratch("dups");
    let line =
        |n: &str| format!(r#"{{"name": "{n}", "examples": [{{"inputs": ["a"], "output": "b"}}]}}"#);
    fs::write(
        dir.join("a.jsonl"),
        format!("{}\n{}\n", line("x"), line("y")),
    )
    .unwrap();
    fs::write(
        dir.join("b.jsonl"),
        format!("{}\n{}\n", line("z"), line("x")),
    )
    .unwrap();
    let (tasks, errors) = load_suite(&dir).unwrap();
    let names: Vec<&str> = tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, vec!["x", "y", "z"]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, LoadErrorKind::Duplicate);
    let message = errors[0].to_string();
    assert!(
        message.contains("b.jsonl:2: task name `x` is already used by"),
        "{message}"
    );
    assert!(message.ends_with("a.jsonl:1"), "{message}");

    let missing = dir.join("missing.jsonl");
    assert_eq!(load_suite(&missing).unwrap_err().kind, LoadErrorKind::Io);
    let (tasks, errors) = load_suites([benchmarks().join("bustle-38.jsonl"), sygus_dir(), missing]);
    assert_eq!(tasks.len(), 38 + 209);
    assert_eq!(errors.len(), 2);
    assert_eq!(errors.iter().filter(|e| !e.is_unsupported()).count(), 1);
    assert!(
        errors[1].to_string().contains("missing.jsonl: cannot read"),
        "{}",
        errors[1]
    );
    assert!(tasks.iter().any(|t| t.name == "bustle/addDecimal"));
    assert!(tasks.iter().any(|t| t.name == "euphony/get-first-word"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn bad_encoding_is_reported_with_its_line() {
    let dir = scratch("utf8");
    let path = dir.join("latin1.jsonl");
    let mut bytes = b"\n\n{\"name\": \"caf".to_vec();
    bytes.push(0xe9);
    bytes.extend_from_slice(b"\"}\n");
    fs::write(&path, bytes).unwrap();
    let err = load_jsonl(&path).unwrap_err();
    assert_eq!((err.kind, err.line), (LoadErrorKind::Io, Some(3)));
    assert!(err.to_string().contains("not valid UTF-8"));
    let _ = fs::remove_dir_all(&dir);
}
