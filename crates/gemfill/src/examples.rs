//! Examples and rows written on the command line: `'John Smith => Smith, J.'`, with input
//! columns separated by `' | '` (`'John | Smith => J. Smith'`); and a program's output on
//! a row as it is shown.

use anyhow::bail;
use gemfill_dsl::{EvalError, Example, Value};

/// Separates the inputs from the output of an example.
pub const ARROW: &str = "=>";
/// Separates input columns.
pub const COLUMN_SEPARATOR: &str = " | ";

/// Splits a row into its columns.
pub fn parse_row(text: &str) -> Vec<String> {
    text.split(COLUMN_SEPARATOR).map(str::to_string).collect()
}

/// Parses `INPUTS => OUTPUT`. The arrow may be surrounded by one space on each side, which
/// is not part of the strings; the last arrow counts, so inputs may contain `=>`.
pub fn parse_example(text: &str) -> anyhow::Result<Example> {
    let Some(at) = text.rfind(ARROW) else {
        bail!(
            "example {text:?} has no '{ARROW}'; write it as 'INPUT => OUTPUT' (columns separated by '{COLUMN_SEPARATOR}')"
        );
    };
    let inputs = &text[..at];
    let output = &text[at + ARROW.len()..];
    let inputs = inputs.strip_suffix(' ').unwrap_or(inputs);
    let output = output.strip_prefix(' ').unwrap_or(output);
    Ok(Example {
        inputs: parse_row(inputs),
        output: output.to_string(),
    })
}

/// Checks that every example and row has the same number of columns.
pub fn check_columns(examples: &[Example], rows: &[Vec<String>]) -> anyhow::Result<()> {
    let Some(first) = examples.first() else {
        bail!("no examples: give at least one with -e 'INPUT => OUTPUT'");
    };
    let width = first.inputs.len();
    for (i, example) in examples.iter().enumerate() {
        if example.inputs.len() != width {
            bail!(
                "example {} has {} input column(s) but example 1 has {width}",
                i + 1,
                example.inputs.len()
            );
        }
    }
    for (i, row) in rows.iter().enumerate() {
        if row.len() != width {
            bail!(
                "unlabeled input {} has {} column(s) but the examples have {width}",
                i + 1,
                row.len()
            );
        }
    }
    Ok(())
}

/// A program's output on one row as shown to people: the value, or `<error: why>`.
pub fn show_output(output: &Result<Value, EvalError>) -> String {
    match output {
        Ok(value) => value.to_string(),
        Err(error) => format!("<error: {error}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrow_and_columns() {
        let example = parse_example("John | Smith => Smith, J.").unwrap();
        assert_eq!(example.inputs, vec!["John", "Smith"]);
        assert_eq!(example.output, "Smith, J.");
        let example = parse_example("a=>b => c").unwrap();
        assert_eq!(example.inputs, vec!["a=>b"]);
        assert_eq!(example.output, "c");
        let example = parse_example("x =>").unwrap();
        assert_eq!(example.output, "");
        assert!(parse_example("no arrow").is_err());
    }

    #[test]
    fn column_counts_must_agree() {
        let examples = vec![Example::new(["a", "b"], "c"), Example::new(["a"], "c")];
        let error = check_columns(&examples, &[]).unwrap_err().to_string();
        assert!(error.contains("example 2 has 1"), "{error}");
    }
}
