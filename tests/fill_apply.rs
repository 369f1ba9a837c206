//! End-to-end tests of `gemfill fill` and `gemfill apply` on real files: quoting, embedded
//! new lines, non-ASCII text, byte-order marks and CRLF, malformed rows, empty files,
//! multi-column programs, Parquet, --strict and --jobs.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn gemfill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gemfill"))
        .args(args)
        .output()
        .expect("gemfill starts")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// The records of a CSV text (header included), as the csv crate reads them.
fn records(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn fill_completes_a_column_keeping_quoting_newlines_bom_crlf_and_malformed_rows() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("people.csv");
    fs::write(
        &input,
        "\u{feff}name,first,note\r\n\
         Grace Hopper,Grace,\"admiral, navy\"\r\n\
         José Álvarez,José,\r\n\
         Mary Ann Evans,Mary,\"wrote \"\"Middlemarch\"\"\"\r\n\
         Søren Kierkegaard,,\"two\r\nlines\"\r\n\
         only,two\r\n\
         Zoë Łukasiewicz,,\r\n",
    )
    .unwrap();
    let out = dir.path().join("filled.csv");
    let output = gemfill(&[
        "fill",
        path_str(&input),
        "--target",
        "first",
        "--inputs",
        "name",
        "--timeout-ms",
        "3000",
        "--out",
        path_str(&out),
    ]);
    let stderr = text(&output.stderr);
    // The malformed row makes the run a partial failure, and is named by its line.
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 7: malformed row"), "{stderr}");
    assert!(stderr.contains("program: "), "{stderr}");
    assert!(stderr.contains("score "), "{stderr}");

    let written = fs::read(&out).unwrap();
    assert!(written.starts_with(b"\xEF\xBB\xBF"), "the BOM is kept");
    let written = text(&written[3..]);
    assert!(written.starts_with("name,first,note\r\n"), "{written}");
    assert_eq!(
        records(&written),
        vec![
            vec!["name", "first", "note"],
            vec!["Grace Hopper", "Grace", "admiral, navy"],
            vec!["José Álvarez", "José", ""],
            vec!["Mary Ann Evans", "Mary", "wrote \"Middlemarch\""],
            vec!["Søren Kierkegaard", "Søren", "two\r\nlines"],
            vec!["only", "two"],
            vec!["Zoë Łukasiewicz", "Zoë", ""],
        ]
    );
}

#[test]
fn fill_with_several_inputs_and_without_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("names.csv");
    fs::write(
        &input,
        "first,last,cited\n\
         Grace,Hopper,\"Hopper, G.\"\n\
         Ada,Lovelace,\"Lovelace, A.\"\n\
         Émile,Durkheim,\"Durkheim, É.\"\n\
         Alan,Turing,\n\
         Zoë,Łukasiewicz,\n",
    )
    .unwrap();
    for inputs in [&["--inputs", "first,last"][..], &[]] {
        let mut args = vec!["fill", path_str(&input), "--target", "cited"];
        args.extend_from_slice(inputs);
        args.extend_from_slice(&["--timeout-ms", "3000"]);
        let output = gemfill(&args);
        assert!(output.status.success(), "{}", text(&output.stderr));
        let rows = records(&text(&output.stdout));
        assert_eq!(rows[4], vec!["Alan", "Turing", "Turing, A."]);
        assert_eq!(rows[5], vec!["Zoë", "Łukasiewicz", "Łukasiewicz, Z."]);
    }
}

#[test]
fn fill_reports_files_it_cannot_work_with() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    fs::write(&empty, "").unwrap();
    let output = gemfill(&["fill", path_str(&empty), "--target", "a"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("is empty"),
        "{}",
        text(&output.stderr)
    );

    let unlabeled = dir.path().join("unlabeled.csv");
    fs::write(&unlabeled, "a,b\nx,\ny,\n").unwrap();
    let output = gemfill(&["fill", path_str(&unlabeled), "--target", "b"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("no row"),
        "{}",
        text(&output.stderr)
    );

    let output = gemfill(&["fill", path_str(&unlabeled), "--target", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("the columns are a, b"));

    let header_only = dir.path().join("header.csv");
    fs::write(&header_only, "a,b\n").unwrap();
    let output = gemfill(&["fill", path_str(&header_only), "--target", "b"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "a,b\n");
}

#[test]
fn apply_adds_a_column_and_reports_failing_and_malformed_rows() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    fs::write(
        &input,
        "id,name,title\n\
         1,\"Hopper, Grace\",Admiral\n\
         2,\"Zoë\nŁukasiewicz\",Prof\n\
         3,Nobody,\n\
         4,too,many,fields\n\
         5,\"Turing, Alan\",Dr\n",
    )
    .unwrap();
    let program = r#"concat(x1, " ", token(x, Word, 1), " ", token(x, Word, 0))"#;
    let output = gemfill(&[
        "apply",
        program,
        "--input",
        path_str(&input),
        "--column",
        "name,title",
        "--as",
        "formal",
    ]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("row 3 (line 5): token"), "{stderr}");
    assert!(stderr.contains("row 4 (line 6): malformed row"), "{stderr}");
    assert_eq!(
        records(&text(&output.stdout)),
        vec![
            vec!["id", "name", "title", "formal"],
            vec!["1", "Hopper, Grace", "Admiral", "Admiral Grace Hopper"],
            vec!["2", "Zoë\nŁukasiewicz", "Prof", "Prof Łukasiewicz Zoë"],
            vec!["3", "Nobody", "", ""],
            vec!["4", "too", "many", "fields"],
            vec!["5", "Turing, Alan", "Dr", "Dr Alan Turing"],
        ]
    );

    // --strict stops at the first failing row, after writing the rows before it.
    let out = dir.path().join("strict.csv");
    let output = gemfill(&[
        "apply",
        program,
        "--input",
        path_str(&input),
        "--column",
        "name",
        "--column",
        "title",
        "--strict",
        "--out",
        path_str(&out),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("row 3 (line 5)"));
    assert_eq!(records(&fs::read_to_string(&out).unwrap()).len(), 3);
}

#[test]
fn apply_refuses_what_it_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    fs::write(&input, "a,output\nx,y\n").unwrap();
    let cases: [(&[&str], &str); 4] = [
        (&["--column", "a"], "already has a column named \"output\""),
        (&["--column", "b"], "no column named \"b\""),
        (&["--column", "a", "--as", "new", "--jobs", "0"], "--jobs"),
        (&["--column", "a", "--as", "new", "--strict"], "reads x1"),
    ];
    for (extra, message) in cases {
        let mut args = vec!["apply", "concat(x, x1)", "--input", path_str(&input)];
        if message != "reads x1" {
            args[1] = "x";
        }
        args.extend_from_slice(extra);
        let output = gemfill(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            text(&output.stderr).contains(message),
            "{}",
            text(&output.stderr)
        );
    }
    let empty = dir.path().join("empty.csv");
    fs::write(&empty, "").unwrap();
    let output = gemfill(&["apply", "x", "--input", path_str(&empty), "--column", "a"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("is empty"));
}

#[test]
fn apply_keeps_row_order_across_chunks_and_jobs_and_round_trips_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.csv");
    // Several chunks' worth, with rows of very different cost so that chunks finish out
    // of order.
    let mut csv_text = String::from("n,word\r\n");
    for i in 0..30_000 {
        let word = if i % 7 == 0 {
            "é".repeat(200)
        } else {
            format!("w{i}")
        };
        csv_text.push_str(&format!("{i},{word}\r\n"));
    }
    fs::write(&input, &csv_text).unwrap();
    let program = "concat(x, \":\", to_str(len(x1)))";
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let output = gemfill(&[
            "apply",
            program,
            "--input",
            path_str(&input),
            "--column",
            "n,word",
            "--jobs",
            jobs,
        ]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        outputs.push(text(&output.stdout));
    }
    assert_eq!(outputs[0], outputs[1]);
    let rows = records(&outputs[0]);
    assert_eq!(rows.len(), 30_001);
    assert!(outputs[0].starts_with("n,word,output\r\n"), "CRLF is kept");
    for (i, row) in rows[1..].iter().enumerate() {
        let len = if i % 7 == 0 {
            200
        } else {
            format!("w{i}").len()
        };
        assert_eq!(row[2], format!("{i}:{len}"));
    }

    // CSV -> Parquet -> (apply again) -> CSV gives the same cells.
    let parquet = dir.path().join("out.parquet");
    let output = gemfill(&[
        "apply",
        program,
        "--input",
        path_str(&input),
        "--column",
        "n,word",
        "--out",
        path_str(&parquet),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = gemfill(&[
        "apply",
        "concat(x, \"!\")",
        "--input",
        path_str(&parquet),
        "--column",
        "output",
        "--as",
        "again",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let again = records(&text(&output.stdout));
    assert_eq!(again.len(), rows.len());
    for (before, after) in rows.iter().zip(&again).skip(1) {
        assert_eq!(&after[..3], &before[..]);
        assert_eq!(after[3], format!("{}!", before[2]));
    }

    // Parquet -> Parquet keeps every column and adds the new one.
    let parquet2 = dir.path().join("out2.parquet");
    let output = gemfill(&[
        "apply",
        "x",
        "--input",
        path_str(&parquet),
        "--column",
        "word",
        "--as",
        "copy",
        "--out",
        path_str(&parquet2),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = gemfill(&[
        "apply",
        "x",
        "--input",
        path_str(&parquet2),
        "--column",
        "copy",
        "--as",
        "z",
    ]);
    let last = records(&text(&output.stdout));
    assert_eq!(last[0], vec!["n", "word", "output", "copy", "z"]);
    assert_eq!(last[8][3], "é".repeat(200));
}

#[test]
fn fill_lists_the_rows_where_the_best_programs_disagree() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("codes.csv");
    // First number or last number? The examples cannot tell; row 4 (line 4) can.
    fs::write(&input, "code,out\nAB-12,12\nCD-34,34\nEF-56-78,\nIJ-90,\n").unwrap();
    let output = gemfill(&[
        "fill",
        path_str(&input),
        "--target",
        "out",
        "--timeout-ms",
        "2000",
    ]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("disagree"), "{stderr}");
    assert!(stderr.contains("line 4: "), "{stderr}");
    assert!(stderr.contains("56") && stderr.contains("78"), "{stderr}");
    assert!(!stderr.contains("line 5: "), "{stderr}");
    let rows = records(&text(&output.stdout));
    assert_eq!(rows[4], vec!["IJ-90", "90"]);
}

#[test]
fn apply_reads_the_program_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("initials.gf");
    fs::write(
        &program,
        "# Initials, one per word.\nmap(x, Word, concat(char_at(w, 0), \".\"), \"\")\n",
    )
    .unwrap();
    let input = dir.path().join("in.csv");
    fs::write(&input, "name\nJohn Ronald Reuel Tolkien\nÉmile Durkheim\n").unwrap();
    let output = gemfill(&[
        "apply",
        path_str(&program),
        "--input",
        path_str(&input),
        "--column",
        "name",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "name,output\nJohn Ronald Reuel Tolkien,J.R.R.T.\nÉmile Durkheim,É.D.\n"
    );
}
