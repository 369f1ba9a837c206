//! How a synthesis task is put to a Gemma language model as text, shared by the proposer
//! (which continues the prompt under the language's grammar) and by LoRA fine-tuning
//! (which trains on the prompt followed by the answer), so that the two cannot drift apart.
//!
//! A prompt lists the examples one per line, each string quoted as in the language
//! itself, and ends with `Program:`; the answer is a space, the program in canonical form
//! (as [`gemfill_dsl::Expr`]'s `Display` prints it) and a newline:
//!
//! ```text
//! Input: "John Smith" -> Output: "Smith, J."
//! Input: "Ada Lovelace" -> Output: "Lovelace, A."
//! Program: concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")
//! ```
//!
//! A base (not fine-tuned) checkpoint has never seen the language, so its prompt starts
//! with a one-line instruction and [`FEW_SHOT`] solved tasks ([`PromptStyle::FewShot`]);
//! a fine-tuned adapter was trained without them ([`PromptStyle::Plain`]), which keeps its
//! prompts short.

use gemfill_dsl::{Example, Expr};

/// Whether the prompt carries worked examples before the task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptStyle {
    /// An instruction and [`FEW_SHOT`] solved tasks, then the task: for a base checkpoint.
    FewShot,
    /// The task alone: for a checkpoint fine-tuned on prompts of this style.
    Plain,
}

/// The solved tasks shown to a base checkpoint before the task (inputs, output; program).
/// Written for this prompt: none of them is a benchmark task.
pub const FEW_SHOT: &[(&[(&str, &str)], &str)] = &[
    (
        &[
            ("Grace Brewster Hopper", "Hopper, G."),
            ("José Álvarez", "Álvarez, J."),
        ],
        "concat(token(x, Word, -1), \", \", sub(x, 0, 1), \".\")",
    ),
    (
        &[("inv 42", "INV-000042"), ("Invoice #1234", "INV-001234")],
        "concat(\"INV-\", pad_left(token(x, Number, 0), 6, \"0\"))",
    ),
    (
        &[("(555) 123-4567", "5551234567"), ("SKU 00-42-B7", "00427")],
        "map(x, Digit, w, \"\")",
    ),
];

/// The instruction line a [`PromptStyle::FewShot`] prompt starts with.
pub const INSTRUCTION: &str = "Each task below lists input/output examples and a gemfill program that turns every input into its output.";

/// A string as a quoted literal of the language: the DSL's own printer writes it, so the
/// model reads strings exactly as programs spell them.
pub fn quote(s: &str) -> String {
    Expr::Str(s.to_string()).to_string()
}

fn example_line(inputs: &[&str], output: &str) -> String {
    let inputs: Vec<String> = inputs.iter().map(|s| quote(s)).collect();
    format!(
        "Input: {} -> Output: {}\n",
        inputs.join(" | "),
        quote(output)
    )
}

/// The examples of one task, one line each (without the `Program:` line).
pub fn examples_block(examples: &[Example]) -> String {
    examples
        .iter()
        .map(|e| example_line(&e.input_refs(), &e.output))
        .collect()
}

/// The prompt for a task; the model continues it with [`answer`].
pub fn task_prompt(examples: &[Example], style: PromptStyle) -> String {
    let mut prompt = String::new();
    if style == PromptStyle::FewShot {
        prompt.push_str(INSTRUCTION);
        prompt.push_str("\n\n");
        for (rows, program) in FEW_SHOT {
            for (input, output) in rows.iter() {
                prompt.push_str(&example_line(&[input], output));
            }
            prompt.push_str(PROGRAM_CUE);
            prompt.push(' ');
            prompt.push_str(program);
            prompt.push_str("\n\n");
        }
    }
    prompt.push_str(&examples_block(examples));
    prompt.push_str(PROGRAM_CUE);
    prompt
}

/// The text that ends every prompt; the program follows it after one space.
pub const PROGRAM_CUE: &str = "Program:";

/// What the model should write after the prompt for `program`: a space, the canonical
/// program text, a newline (which ends the answer).
pub fn answer(program: &Expr) -> String {
    format!(" {program}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_shot_programs_parse_and_reproduce_their_examples() {
        for (rows, text) in FEW_SHOT {
            let program = gemfill_dsl::Program::parse(text)
                .unwrap_or_else(|e| panic!("few-shot program {text} does not parse: {e}"));
            assert_eq!(program.to_string(), *text, "not canonical");
            let tables = gemfill_dsl::Tables::default();
            for (input, output) in rows.iter() {
                let got = program.run(&[input], &tables).unwrap();
                assert_eq!(got.to_string(), *output);
            }
        }
    }

    #[test]
    fn prompts_quote_strings_and_end_with_the_cue() {
        let examples = vec![Example::new(["a \"b\"", "c\\d"], "x\ny")];
        let plain = task_prompt(&examples, PromptStyle::Plain);
        assert_eq!(
            plain,
            "Input: \"a \\\"b\\\"\" | \"c\\\\d\" -> Output: \"x\\ny\"\nProgram:"
        );
        let few = task_prompt(&examples, PromptStyle::FewShot);
        assert!(few.starts_with(INSTRUCTION));
        assert!(few.ends_with(&plain));
        assert_eq!(few.matches(PROGRAM_CUE).count(), FEW_SHOT.len() + 1);
    }
}
