//! How much of the semantic benchmark suite (`benchmarks/realistic/semantic.jsonl`) the
//! crate's functions cover on their own: for each task, whether SOME function, applied to
//! an input column with some choice of its parameters, gives the expected output of every
//! example and held-out test. A rough upper bound of what the language can do with the
//! crate alone, measured two ways:
//!
//! - exact: the value written as text is the expected output (numbers in their shortest
//!   exact text, or equal as numbers when the output is a plain number; booleans as
//!   `true`/`false` in any case);
//! - formatted: the same, or after one formatting step the language has: a number rounded
//!   to the expected output's decimals (thousands separators allowed) and text before and
//!   after it that is the same on every row; text with the same prefix and suffix on every
//!   row or in another case; a boolean written as two fixed words.
//!
//! Run with `cargo test -p gemfill-knowledge --test coverage -- --ignored --nocapture`.

mod common;

use std::collections::BTreeMap;
use std::str::FromStr;

use common::{Candidate, Value, candidates, constant_candidates};
use gemfill_knowledge::number::number_text;
use rust_decimal::{Decimal, RoundingStrategy};

fn as_text(value: &Value) -> String {
    match value {
        Value::Text(text) => text.clone(),
        Value::Number(number) => number_text(*number),
        Value::Bool(flag) => flag.to_string(),
    }
}

fn exact_match(value: &Value, expected: &str) -> bool {
    match value {
        Value::Number(number) => {
            number_text(*number) == expected
                || Decimal::from_str(expected.trim()).is_ok_and(|e| e == *number)
        }
        Value::Bool(flag) => expected.eq_ignore_ascii_case(&flag.to_string()),
        Value::Text(text) => text == expected,
    }
}

/// The number written in `expected` with the text around it and its decimals.
fn written_number(expected: &str) -> Option<(String, Decimal, u32, String)> {
    let start = expected.find(|c: char| c.is_ascii_digit() || c == '-')?;
    let digits_end = expected[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-'))
        .map_or(expected.len(), |end| start + end);
    let written = expected[start..digits_end].trim_end_matches(['.', ',']);
    let value = Decimal::from_str(&written.replace(',', "")).ok()?;
    let decimals = written
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len() as u32);
    Some((
        expected[..start].to_string(),
        value,
        decimals,
        expected[start + written.len()..].to_string(),
    ))
}

/// Whether `values` give `expected` after one formatting step that is the same on every row.
fn formatted_match(values: &[Value], expected: &[&str]) -> bool {
    let all_same =
        |items: Vec<Option<String>>| items.iter().all(|item| item.is_some() && *item == items[0]);
    match &values[0] {
        Value::Number(_) => {
            let mut affixes = Vec::new();
            for (value, expected) in values.iter().zip(expected) {
                let (Value::Number(value), Some((prefix, written, decimals, suffix))) =
                    (value, written_number(expected))
                else {
                    return false;
                };
                if value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
                    != written
                {
                    return false;
                }
                affixes.push(Some(format!("{prefix}\u{0}{suffix}")));
            }
            all_same(affixes)
        }
        Value::Bool(_) => {
            let mut words: BTreeMap<bool, &str> = BTreeMap::new();
            for (value, expected) in values.iter().zip(expected) {
                let Value::Bool(flag) = value else {
                    return false;
                };
                if *words.entry(*flag).or_insert(expected) != *expected {
                    return false;
                }
            }
            words.len() < 2 || words[&true] != words[&false]
        }
        Value::Text(_) => {
            let texts: Vec<String> = values.iter().map(as_text).collect();
            let cased = |convert: fn(&str) -> String| {
                texts.iter().zip(expected).all(|(t, e)| convert(t) == *e)
            };
            if cased(str::to_lowercase) || cased(str::to_uppercase) {
                return true;
            }
            let affixes = texts
                .iter()
                .zip(expected)
                .map(|(text, expected)| {
                    let at = expected.find(text.as_str()).filter(|_| !text.is_empty())?;
                    Some(format!(
                        "{}\u{0}{}",
                        &expected[..at],
                        &expected[at + text.len()..]
                    ))
                })
                .collect();
            all_same(affixes)
        }
    }
}

#[test]
#[ignore = "measures the crate against the semantic benchmark suite; run by hand"]
fn semantic_suite_coverage() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../benchmarks/realistic/semantic.jsonl"
    );
    let suite = std::fs::read_to_string(path).expect("the semantic suite is in the repository");
    let started = std::time::Instant::now();
    let mut by_family: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut candidate_sets: BTreeMap<usize, Vec<Candidate>> = BTreeMap::new();
    let (mut calls, mut spent) = (0u64, std::time::Duration::ZERO);
    for line in suite.lines().filter(|line| !line.trim().is_empty()) {
        let task: serde_json::Value = serde_json::from_str(line).expect("each line is a task");
        let rows: Vec<(Vec<String>, String)> = ["examples", "tests"]
            .iter()
            .flat_map(|key| task[key].as_array().cloned().unwrap_or_default())
            .map(|row| {
                let inputs = row["inputs"].as_array().map(|inputs| {
                    inputs
                        .iter()
                        .map(|input| input.as_str().unwrap_or_default().to_string())
                        .collect()
                });
                (
                    inputs.unwrap_or_default(),
                    row["output"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let columns = rows
            .iter()
            .map(|(inputs, _)| inputs.len())
            .max()
            .unwrap_or(0);
        let family = task["tags"][0].as_str().unwrap_or("untagged").to_string();
        let expected: Vec<&str> = rows.iter().map(|(_, output)| output.as_str()).collect();
        let (mut exact, mut formatted) = (None, None);
        let constants = constant_candidates(
            rows.first()
                .map(|(inputs, _)| inputs.as_slice())
                .unwrap_or(&[]),
        );
        let general = candidate_sets
            .entry(columns)
            .or_insert_with(|| candidates(columns));
        for candidate in general.iter().chain(&constants) {
            let timer = std::time::Instant::now();
            let values: Option<Vec<Value>> = rows
                .iter()
                .map(|(inputs, _)| {
                    calls += 1;
                    (candidate.apply)(inputs)
                })
                .collect();
            spent += timer.elapsed();
            let Some(values) = values else { continue };
            if exact.is_none()
                && values
                    .iter()
                    .zip(&expected)
                    .all(|(value, expected)| exact_match(value, expected))
            {
                exact = Some(candidate.name.clone());
            }
            if formatted.is_none() && formatted_match(&values, &expected) {
                formatted = Some(candidate.name.clone());
            }
            if exact.is_some() {
                break;
            }
        }
        let formatted = formatted.or(exact.clone());
        let counts = by_family.entry(family).or_default();
        counts.0 += 1;
        counts.1 += usize::from(exact.is_some());
        counts.2 += usize::from(formatted.is_some());
        let name = task["name"].as_str().unwrap_or_default();
        match (&exact, &formatted) {
            (Some(function), _) => println!("exact      {name}: {function}"),
            (None, Some(function)) => println!("formatted  {name}: {function}"),
            (None, None) => println!("-          {name}"),
        }
    }
    println!("\n| family | tasks | exact | formatted |\n| --- | --- | --- | --- |");
    let mut total = (0, 0, 0);
    for (family, (tasks, exact, formatted)) in &by_family {
        println!("| {family} | {tasks} | {exact} | {formatted} |");
        total = (total.0 + tasks, total.1 + exact, total.2 + formatted);
    }
    println!("| all | {} | {} | {} |", total.0, total.1, total.2);
    println!("measured in {:.1} s", started.elapsed().as_secs_f64());
    println!(
        "{calls} function calls, {:.2} µs each on average",
        spent.as_secs_f64() * 1e6 / calls.max(1) as f64
    );
    assert_eq!(
        total.0,
        suite.lines().filter(|line| !line.trim().is_empty()).count()
    );
}
