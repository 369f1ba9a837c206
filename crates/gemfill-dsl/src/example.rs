//! Input/output examples: what a user gives the synthesizer and what task files hold.
use serde::{Deserialize, Serialize};

/// One row of a specification: the input columns and the output wanted for them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Example {
    /// The input columns, `x0`, `x1`, ... in order.
    pub inputs: Vec<String>,
    /// The output the program must produce (an Int or Bool output as its text).
    pub output: String,
}

impl Example {
    /// An example with the given inputs and output.
    pub fn new<I, S>(inputs: I, output: impl Into<String>) -> Example
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Example {
            inputs: inputs.into_iter().map(Into::into).collect(),
            output: output.into(),
        }
    }

    /// The inputs as string slices, as [`crate::eval()`] takes them.
    pub fn input_refs(&self) -> Vec<&str> {
        self.inputs.iter().map(String::as_str).collect()
    }
}
