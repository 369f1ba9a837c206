//! JSON Lines task suites (DESIGN.md §5): one task a line.
//!
//! ```text
//! {"name": "names/last-comma-initial",
//!  "examples": [{"inputs": ["John Smith"], "output": "Smith, J."}],
//!  "tests": [{"inputs": ["Grace Hopper"], "output": "Hopper, G."}],
//!  "tags": ["names"]}
//! ```
//!
//! Fields: `name` (required, unique in the file), `examples` (required, at least one),
//! `tests` and `tags` (default empty), `description` (string or null), `constants` (strings),
//! `output_type` (`"Str"`, `"Int"` or `"Bool"`, default `"Str"`) and `input_types` (one
//! `"Str"` or `"Int"` per input, default all `"Str"`) and `noise` (0-based indices of
//! examples whose outputs are deliberately wrong, for scoring noise tolerance). Every example and test is
//! `{"inputs": [strings], "output": string}` with as many inputs as the first example.
//! Outputs of an Int or Bool task, and Int inputs, must be the value's text (`"42"`,
//! `"true"`). Blank lines are skipped. Anything else, an unknown field included, is an
//! error naming the line: a misspelled `"test"` must not silently lose the held-out tests.
use std::collections::HashMap;
use std::path::Path;

use gemfill_dsl::suggest::edit_distance;
use gemfill_dsl::{Example, Type};
use serde_json::{Map, Value};

use crate::error::{LoadError, LoadErrorKind};
use crate::task::Task;

const FIELDS: &[&str] = &[
    "name",
    "examples",
    "tests",
    "tags",
    "description",
    "constants",
    "output_type",
    "input_types",
    "noise",
];

/// Reads a JSON Lines task file. The first bad line is the error, as
/// `tasks.jsonl:17: example 2 has 1 input but example 1 has 2`; use
/// [`load_suite`](crate::load_suite) to get every bad line reported and the good ones
/// loaded.
pub fn load_jsonl(path: &Path) -> Result<Vec<Task>, LoadError> {
    let text = crate::text::read_text(path)?;
    let mut tasks = parse_jsonl_str(&text).map_err(|e| e.in_file(path))?;
    for task in &mut tasks {
        task.source = Some(path.to_path_buf());
    }
    Ok(tasks)
}

/// Parses JSON Lines text; the first bad line is the error (`line 17: ...`).
pub fn parse_jsonl_str(text: &str) -> Result<Vec<Task>, LoadError> {
    let (tasks, mut errors) = parse_jsonl_lines(text);
    if errors.is_empty() {
        Ok(tasks.into_iter().map(|(_, task)| task).collect())
    } else {
        Err(errors.swap_remove(0))
    }
}

/// Parses JSON Lines text, keeping going past bad lines: every good line's task with its
/// 1-based line number, and every bad line's error, both in line order.
pub fn parse_jsonl_lines(text: &str) -> (Vec<(usize, Task)>, Vec<LoadError>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut tasks = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str(line)
            .map_err(|e| LoadError::malformed(line_no, json_message(&e)).caused_by(e))
            .and_then(|value| {
                task_of(value).map_err(|message| LoadError::malformed(line_no, message))
            });
        match parsed {
            Ok(task) => {
                if let Some(first) = seen.get(&task.name) {
                    errors.push(LoadError::new(
                        LoadErrorKind::Duplicate,
                        Some(line_no),
                        format!("task name `{}` is already used on line {first}", task.name),
                    ));
                } else {
                    seen.insert(task.name.clone(), line_no);
                    tasks.push((line_no, task));
                }
            }
            Err(error) => errors.push(error),
        }
    }
    (tasks, errors)
}

/// What is wrong with a line that is not JSON, with the column (the line is the caller's
/// to give).
fn json_message(error: &serde_json::Error) -> String {
    let mut message = error.to_string();
    // serde_json appends " at line 1 column N"; the line is ours to give.
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    format!("invalid JSON at column {}: {message}", error.column())
}

/// One line's JSON value into a task, or what is wrong with it.
fn task_of(value: Value) -> Result<Task, String> {
    let Value::Object(obj) = value else {
        return Err(format!(
            "expected a JSON object (one task per line), found {}",
            describe(&value)
        ));
    };
    let name = match obj.get("name") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err("`name` is empty".into()),
        Some(other) => {
            return Err(format!(
                "`name` must be a string, found {}",
                describe(other)
            ));
        }
        None => return Err("missing field `name`".into()),
    };
    let in_task = |message: String| format!("task `{name}`: {message}");
    if let Some(unknown) = obj.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        let hint = match FIELDS.iter().find(|f| edit_distance(f, unknown) <= 2) {
            Some(field) => format!("did you mean `{field}`?"),
            None => format!("the fields are {}", FIELDS.join(", ")),
        };
        return Err(in_task(format!("unknown field `{unknown}` ({hint})")));
    }

    let examples = match obj.get("examples") {
        Some(v) => parse_examples(v, "examples", "example").map_err(in_task)?,
        None => return Err(in_task("missing field `examples`".into())),
    };
    if examples.is_empty() {
        return Err(in_task(
            "`examples` is empty: a task needs at least one example".into(),
        ));
    }
    let tests = match obj.get("tests") {
        Some(v) => parse_examples(v, "tests", "test").map_err(in_task)?,
        None => Vec::new(),
    };
    let arity = examples[0].inputs.len();
    if arity == 0 {
        return Err(in_task(
            "example 1 has no inputs; a task reads at least one input".into(),
        ));
    }
    let labelled = examples
        .iter()
        .enumerate()
        .map(|(i, e)| ("example", i, e))
        .chain(tests.iter().enumerate().map(|(i, e)| ("test", i, e)));
    for (what, i, example) in labelled.clone() {
        let n = example.inputs.len();
        if n != arity {
            return Err(in_task(format!(
                "{what} {} has {} but example 1 has {arity}",
                i + 1,
                count(n, "input")
            )));
        }
    }

    let tags = string_list(&obj, "tags").map_err(in_task)?;
    let constants = string_list(&obj, "constants").map_err(in_task)?;
    let description = match obj.get("description") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(in_task(format!(
                "`description` must be a string, found {}",
                describe(other)
            )));
        }
    };
    let output_type = match obj.get("output_type") {
        None | Some(Value::Null) => Type::Str,
        Some(Value::String(s)) => match type_named(s) {
            Some(t) => t,
            None => {
                return Err(in_task(format!(
                    "`output_type` is \"{s}\"; expected \"Str\", \"Int\" or \"Bool\""
                )));
            }
        },
        Some(other) => {
            return Err(in_task(format!(
                "`output_type` must be a string, found {}",
                describe(other)
            )));
        }
    };
    let input_types = match obj.get("input_types") {
        None | Some(Value::Null) => vec![Type::Str; arity],
        Some(Value::Array(items)) => {
            let mut types = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item.as_str().and_then(type_named) {
                    Some(t @ (Type::Str | Type::Int)) => types.push(t),
                    _ => {
                        return Err(in_task(format!(
                            "input type {} is {}; expected \"Str\" or \"Int\"",
                            i + 1,
                            item
                        )));
                    }
                }
            }
            if types.len() != arity {
                return Err(in_task(format!(
                    "`input_types` lists {} but the examples have {arity}",
                    count(types.len(), "type")
                )));
            }
            types
        }
        Some(other) => {
            return Err(in_task(format!(
                "`input_types` must be an array, found {}",
                describe(other)
            )));
        }
    };

    let noisy_examples = match obj.get("noise") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => {
            let mut indices = Vec::with_capacity(items.len());
            for item in items {
                match item.as_u64().map(|i| i as usize) {
                    Some(i) if i < examples.len() => indices.push(i),
                    _ => {
                        return Err(in_task(format!(
                            "`noise` item {item} is not the 0-based index of one of the {}",
                            count(examples.len(), "example")
                        )));
                    }
                }
            }
            indices
        }
        Some(other) => {
            return Err(in_task(format!(
                "`noise` must be an array of example indices, found {}",
                describe(other)
            )));
        }
    };

    for (what, i, example) in labelled {
        for (k, (input, ty)) in example.inputs.iter().zip(&input_types).enumerate() {
            if !has_type(input, *ty) {
                return Err(in_task(format!(
                    "{what} {}: input {} is \"{input}\", which does not read as {ty} (`input_types` says {ty})",
                    i + 1,
                    k + 1,
                )));
            }
        }
        if !has_type(&example.output, output_type) {
            return Err(in_task(format!(
                "{what} {}: output \"{}\" does not read as {output_type} (`output_type` is {output_type})",
                i + 1,
                example.output,
            )));
        }
    }

    Ok(Task {
        name,
        examples,
        tests,
        tags,
        description,
        constants,
        output_type,
        input_types,
        noisy_examples,
        source: None,
    })
}

/// The examples of the array `value` (field `field`, each called `what` in messages).
fn parse_examples(value: &Value, field: &str, what: &str) -> Result<Vec<Example>, String> {
    let Value::Array(items) = value else {
        return Err(format!(
            "`{field}` must be an array, found {}",
            describe(value)
        ));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = format!("{what} {}", i + 1);
        let Value::Object(obj) = item else {
            return Err(format!(
                "{at} must be an object {{\"inputs\": [...], \"output\": \"...\"}}, found {}",
                describe(item)
            ));
        };
        if let Some(unknown) = obj.keys().find(|k| *k != "inputs" && *k != "output") {
            return Err(format!(
                "{at} has unknown field `{unknown}` (expected `inputs` and `output`)"
            ));
        }
        let inputs = match obj.get("inputs") {
            Some(Value::Array(values)) => {
                let mut inputs = Vec::with_capacity(values.len());
                for (k, v) in values.iter().enumerate() {
                    match v {
                        Value::String(s) => inputs.push(s.clone()),
                        other => {
                            return Err(format!(
                                "{at}: input {} must be a string, found {}{}",
                                k + 1,
                                describe(other),
                                quote_hint(other)
                            ));
                        }
                    }
                }
                inputs
            }
            Some(other) => {
                return Err(format!(
                    "{at}: `inputs` must be an array of strings, found {}",
                    describe(other)
                ));
            }
            None => return Err(format!("{at} has no `inputs`")),
        };
        let output = match obj.get("output") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                return Err(format!(
                    "{at}: `output` must be a string, found {}{}",
                    describe(other),
                    quote_hint(other)
                ));
            }
            None => return Err(format!("{at} has no `output`")),
        };
        out.push(Example { inputs, output });
    }
    Ok(out)
}

/// The optional array of strings `field` of `obj` (empty when absent or null).
fn string_list(obj: &Map<String, Value>, field: &str) -> Result<Vec<String>, String> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(format!(
                    "`{field}` item {} must be a string, found {}",
                    i + 1,
                    describe(other)
                )),
            })
            .collect(),
        Some(other) => Err(format!(
            "`{field}` must be an array of strings, found {}",
            describe(other)
        )),
    }
}

/// The value type a name in a task file stands for (`Str` or `String`, `Int`, `Bool`, in
/// any case).
fn type_named(name: &str) -> Option<Type> {
    match name.to_ascii_lowercase().as_str() {
        "str" | "string" => Some(Type::Str),
        "int" => Some(Type::Int),
        "bool" => Some(Type::Bool),
        _ => None,
    }
}

/// Whether `text` is the printed form of a value of type `ty`.
fn has_type(text: &str, ty: Type) -> bool {
    match ty {
        Type::Int => text.parse::<i64>().is_ok() && !text.starts_with('+'),
        Type::Bool => text == "true" || text == "false",
        _ => true,
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string \"{s}\""),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn quote_hint(value: &Value) -> String {
    match value {
        Value::Number(_) | Value::Bool(_) => format!(" (write it as a string: \"{value}\")"),
        _ => String::new(),
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_and_full_lines() {
        let text = concat!(
            r#"{"name": "a", "examples": [{"inputs": ["x"], "output": "y"}]}"#,
            "\n\n",
            r#"{"name": "b", "examples": [{"inputs": ["1", "x"], "output": "true"}], "tests": [], "tags": ["t"], "description": null, "constants": ["-"], "output_type": "Bool", "input_types": ["Int", "Str"]}"#,
            "\n"
        );
        let tasks = parse_jsonl_str(text).unwrap();
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[0].input_types, vec![Type::Str]);
        assert!(tasks[0].tests.is_empty() && tasks[0].tags.is_empty());
        assert_eq!(tasks[1].output_type, Type::Bool);
        assert_eq!(tasks[1].input_types, vec![Type::Int, Type::Str]);
        assert_eq!(tasks[1].constants, vec!["-"]);
    }

    #[test]
    fn unknown_fields_get_a_suggestion_or_the_list() {
        let line = |field: &str| {
            format!(
                r#"{{"name": "x", "examples": [{{"inputs": ["a"], "output": "b"}}], "{field}": 1}}"#
            )
        };
        assert!(first_error(&line("output_typ")).contains("did you mean `output_type`?"));
        assert!(first_error(&line("program")).contains("the fields are name, examples"));
        assert_eq!(edit_distance("tets", "tests"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn to_json_round_trips() {
        let text = r#"{"name": "b", "examples": [{"inputs": ["1", "x"], "output": "7"}], "tests": [{"inputs": ["2", "y"], "output": "-3"}], "tags": ["t"], "description": "d", "constants": ["-"], "output_type": "Int", "input_types": ["Int", "Str"]}"#;
        let tasks = parse_jsonl_str(text).unwrap();
        let again = parse_jsonl_str(&tasks[0].to_jsonl_line()).unwrap();
        assert_eq!(tasks, again);
    }

    fn first_error(text: &str) -> String {
        parse_jsonl_str(text).unwrap_err().to_string()
    }

    #[test]
    fn messages_name_the_line_and_the_problem() {
        let good = r#"{"name": "ok", "examples": [{"inputs": ["a"], "output": "b"}]}"#;
        let text = format!(
            "{good}\n{}\n",
            r#"{"name": "bad", "examples": [{"inputs": ["a", "b"], "output": "c"}, {"inputs": ["a"], "output": "b"}]}"#
        );
        assert_eq!(
            first_error(&text),
            "line 2: task `bad`: example 2 has 1 input but example 1 has 2"
        );
        let cases = [
            ("{\"name\": \"x\",", "line 1: invalid JSON at column"),
            ("[1]", "expected a JSON object"),
            (
                r#"{"name": "x", "examples": [{"inputs": ["a"], "output": "b"}], "test": []}"#,
                "task `x`: unknown field `test` (did you mean `tests`?)",
            ),
            (
                r#"{"examples": [{"inputs": ["a"], "output": "b"}]}"#,
                "missing field `name`",
            ),
            (r#"{"name": "x", "examples": []}"#, "`examples` is empty"),
            (
                r#"{"name": "x", "examples": [{"inputs": [5], "output": "b"}]}"#,
                "example 1: input 1 must be a string, found the number 5 (write it as a string: \"5\")",
            ),
            (
                r#"{"name": "x", "examples": [{"inputs": ["a"]}]}"#,
                "example 1 has no `output`",
            ),
            (
                r#"{"name": "x", "examples": [{"inputs": ["a"], "output": "b"}], "tests": [{"inputs": [], "output": "b"}]}"#,
                "test 1 has 0 inputs but example 1 has 1",
            ),
            (
                r#"{"name": "x", "examples": [{"inputs": ["a"], "output": "b"}], "output_type": "Int"}"#,
                "example 1: output \"b\" does not read as Int (`output_type` is Int)",
            ),
            (
                r#"{"name": "x", "examples": [{"inputs": ["a"], "output": "1"}], "output_type": "Float"}"#,
                "`output_type` is \"Float\"",
            ),
            (
                r#"{"name": "x", "examples": [{"inputs": ["a"], "output": "1"}], "tags": "t"}"#,
                "`tags` must be an array of strings",
            ),
        ];
        for (line, expected) in cases {
            let message = first_error(line);
            assert!(
                message.contains(expected),
                "{line}\n  gave: {message}\n  want: {expected}"
            );
        }
    }

    #[test]
    fn every_bad_line_is_reported_and_duplicates_too() {
        let good = |n: &str| {
            format!(r#"{{"name": "{n}", "examples": [{{"inputs": ["a"], "output": "b"}}]}}"#)
        };
        let text = format!(
            "{}\nnot json\n{}\n{}\n{{}}\n",
            good("a"),
            good("b"),
            good("a")
        );
        let (tasks, errors) = parse_jsonl_lines(&text);
        assert_eq!(
            tasks
                .iter()
                .map(|(l, t)| (*l, t.name.as_str()))
                .collect::<Vec<_>>(),
            vec![(1, "a"), (3, "b")]
        );
        let lines: Vec<_> = errors.iter().map(|e| e.line.unwrap()).collect();
        assert_eq!(lines, vec![2, 4, 5]);
        assert_eq!(errors[1].kind, LoadErrorKind::Duplicate);
        assert!(errors[1].to_string().contains("already used on line 1"));
    }
}
