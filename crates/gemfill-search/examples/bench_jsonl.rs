//! Runs the synthesizer on every task of a JSON Lines task file (the format of
//! DESIGN.md §5, plus optional `output_type` ("Str"/"String", "Int", "Bool") and
//! `constants` fields) and prints, per task, whether a program passing every example was
//! found, whether it passes the held-out tests, the time and the program.
//!
//! ```text
//! cargo run --release -p gemfill-search --example bench_jsonl -- TASKS.jsonl [TIMEOUT_MS] [FILTER]
//! ```
//!
//! The full benchmark runner is `gemfill bench`; this example exists so that the search can
//! be measured on its own.

use std::time::{Duration, Instant};

use gemfill_dsl::{Example, Type};
use gemfill_search::{CancelToken, Limits, Problem, Synthesizer};
use serde_json::Value;

fn examples(v: &Value) -> Vec<Example> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| serde_json::from_value(e.clone()).ok())
                .collect()
        })
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: bench_jsonl TASKS.jsonl [TIMEOUT_MS] [FILTER]");
        std::process::exit(2);
    };
    let timeout = args.get(2).and_then(|t| t.parse().ok()).unwrap_or(10_000);
    let filter = args.get(3).cloned().unwrap_or_default();
    let text = std::fs::read_to_string(path).expect("readable task file");
    let (mut total, mut solved, mut generalized, mut with_tests) = (0, 0, 0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let task: Value = serde_json::from_str(line).expect("a JSON task per line");
        let name = task["name"].as_str().unwrap_or("?").to_string();
        if !name.contains(&filter) {
            continue;
        }
        let output_type = match task["output_type"].as_str() {
            Some("Int") => Some(Type::Int),
            Some("Bool") => Some(Type::Bool),
            _ => None,
        };
        let constants: Vec<String> = task["constants"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| c.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let train = examples(&task["examples"]);
        let tests = examples(&task["tests"]);
        let problem = Problem {
            examples: train.clone(),
            unlabeled: tests.iter().map(|t| t.inputs.clone()).collect(),
            constants,
            output_type,
            ..Problem::default()
        };
        let limits = Limits {
            deadline: Some(Duration::from_millis(timeout)),
            top_k: 5,
            ..Limits::default()
        };
        let started = Instant::now();
        let trace = std::env::var_os("TRACE").is_some();
        let result =
            Synthesizer::new(limits).run_with_progress(&problem, &CancelToken::new(), &mut |p| {
                if trace {
                    eprintln!(
                        "    {:?} level {} candidates {} at {:?}{}",
                        p.phase,
                        p.level,
                        p.candidates,
                        p.elapsed,
                        p.best.map(|b| format!(" best {b}")).unwrap_or_default()
                    );
                }
            });
        let ms = started.elapsed().as_millis();
        total += 1;
        if std::env::var_os("VERBOSE").is_some() {
            for p in &result.programs {
                let outs: Vec<String> = p
                    .unlabeled_outputs
                    .iter()
                    .map(|o| match o {
                        Ok(v) => v.to_string(),
                        Err(e) => format!("<error: {e}>"),
                    })
                    .collect();
                println!(
                    "    {:.2} {} {:?} {outs:?}",
                    p.score, p.program, p.contradicted
                );
            }
            println!("    {:?} {:?}", result.stop_reason, result.stats);
        }
        let best = result
            .programs
            .first()
            .filter(|p| p.contradicted.is_empty());
        let ok = best.is_some();
        let generalizes = best.map(|p| {
            tests
                .iter()
                .zip(&p.unlabeled_outputs)
                .all(|(t, o)| matches!(o, Ok(v) if v.to_string() == t.output))
        });
        if ok {
            solved += 1;
        }
        if !tests.is_empty() {
            with_tests += 1;
            if generalizes == Some(true) {
                generalized += 1;
            }
        }
        println!(
            "{}\t{}\t{}\t{ms}\t{}\t{}\t{}",
            if ok { "SOLVED" } else { "failed" },
            match generalizes {
                Some(true) => "gen",
                Some(false) if !tests.is_empty() => "NOGEN",
                _ => "-",
            },
            name,
            result.stats.candidates,
            result.stats.levels,
            best.map_or_else(|| result.stop_reason.to_string(), |p| p.program.to_string()),
        );
    }
    println!(
        "solved {solved}/{total}, generalized {generalized}/{with_tests} (of tasks with tests)"
    );
}
