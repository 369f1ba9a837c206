//! [`Task`]: one synthesis problem, whatever file it came from.
use std::path::PathBuf;

use gemfill_dsl::{Example, Type};
use serde_json::{Map, Value, json};

/// One synthesis problem: examples to synthesize from, held-out tests to check the result
/// on, and what is known about its types and constants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    /// Unique name within a suite, such as `bustle/addDecimal` or `euphony/get-first-word`.
    pub name: String,
    /// The examples given to the synthesizer (never empty for a loaded task).
    pub examples: Vec<Example>,
    /// Held-out examples that check whether a program generalizes (may be empty).
    pub tests: Vec<Example>,
    /// Free-form labels for slicing results (`bustle`, `sygus`, `euphony`, ...).
    pub tags: Vec<String>,
    /// What the task does, in words, when the source says.
    pub description: Option<String>,
    /// Constants a solution may need. For SyGuS files, the constants of the synth-fun
    /// grammar: its string literals first, then its integer literals as decimal text, each
    /// once, in the order the grammar lists them.
    pub constants: Vec<String>,
    /// The type of the output: [`Type::Str`], [`Type::Int`] or [`Type::Bool`]. Outputs are
    /// stored as text (`"42"`, `"true"`), the form a program's value prints as.
    pub output_type: Type,
    /// The type of each input column, one per input. Inputs are always stored as text;
    /// an [`Type::Int`] input (from a SyGuS `Int` argument) holds its decimal text.
    pub input_types: Vec<Type>,
    /// 0-based indices of examples whose outputs are known to be wrong (the `noise` field
    /// of a task file). For scoring only: a synthesizer must never be shown it, and should
    /// name exactly these examples as the ones its best program contradicts.
    pub noisy_examples: Vec<usize>,
    /// The file the task was read from.
    pub source: Option<PathBuf>,
}

impl Task {
    /// A task with the given examples, no tests, tags or constants, string inputs (as many
    /// as the first example has) and a string output.
    pub fn new(name: impl Into<String>, examples: Vec<Example>) -> Task {
        let arity = examples.first().map_or(0, |e| e.inputs.len());
        Task {
            name: name.into(),
            examples,
            tests: Vec::new(),
            tags: Vec::new(),
            description: None,
            constants: Vec::new(),
            output_type: Type::Str,
            input_types: vec![Type::Str; arity],
            noisy_examples: Vec::new(),
            source: None,
        }
    }

    /// The number of input columns.
    pub fn arity(&self) -> usize {
        self.input_types.len()
    }

    /// Whether the task reads more than one input column.
    pub fn is_multi_input(&self) -> bool {
        self.arity() > 1
    }

    /// The examples followed by the tests.
    pub fn all_examples(&self) -> impl Iterator<Item = &Example> {
        self.examples.iter().chain(&self.tests)
    }

    /// The task as a JSON object in the task-file format that
    /// [`parse_jsonl_str`](crate::parse_jsonl_str) reads back. Optional fields are written
    /// only when they differ from their defaults; `source` is not written.
    pub fn to_json(&self) -> Value {
        let examples = |list: &[Example]| -> Value {
            list.iter()
                .map(|e| json!({"inputs": e.inputs, "output": e.output}))
                .collect()
        };
        let mut obj = Map::new();
        obj.insert("name".into(), json!(self.name));
        obj.insert("examples".into(), examples(&self.examples));
        obj.insert("tests".into(), examples(&self.tests));
        obj.insert("tags".into(), json!(self.tags));
        if let Some(description) = &self.description {
            obj.insert("description".into(), json!(description));
        }
        if !self.constants.is_empty() {
            obj.insert("constants".into(), json!(self.constants));
        }
        if self.output_type != Type::Str {
            obj.insert("output_type".into(), json!(self.output_type.name()));
        }
        if self.input_types.iter().any(|t| *t != Type::Str) {
            let names: Vec<&str> = self.input_types.iter().map(|t| t.name()).collect();
            obj.insert("input_types".into(), json!(names));
        }
        if !self.noisy_examples.is_empty() {
            obj.insert("noise".into(), json!(self.noisy_examples));
        }
        Value::Object(obj)
    }

    /// The task as one line of a JSON Lines task file (no trailing newline).
    pub fn to_jsonl_line(&self) -> String {
        self.to_json().to_string()
    }
}
