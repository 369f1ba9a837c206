//! [`Problem`]: what the caller asks the synthesizer for.

use std::borrow::Cow;

use gemfill_dsl::{CheckContext, Example, Tables, Type};

/// A synthesis problem: examples to reproduce, plus everything else the caller knows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Problem {
    /// Input/output examples; every reported program reproduces all of them (or, in noise
    /// mode, most of them, with the others flagged).
    pub examples: Vec<Example>,
    /// Input rows without outputs (the rest of the user's column, or held-out inputs).
    /// Programs are run on them: ranking prefers programs that produce a value on every
    /// one, and rows where the top programs disagree are reported.
    pub unlabeled: Vec<Vec<String>>,
    /// User lookup tables the programs may use (`@name`).
    pub tables: Tables,
    /// Constants the program may need (hints), e.g. the string and integer literals of a
    /// SyGuS grammar. Integers given as decimal text become integer constants.
    pub constants: Vec<String>,
    /// The type the program must return. `None` infers it: Str programs are always
    /// searched, and Int (or Bool) programs too when every output is an integer (or
    /// `true`/`false`), since their printed value is compared with the output text.
    pub output_type: Option<Type>,
}

/// Why a [`Problem`] cannot be searched.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProblemError {
    /// There are no examples.
    #[error("the problem has no examples")]
    NoExamples,
    /// Rows have different numbers of input columns.
    #[error("example {index} has {found} input columns but example 0 has {expected}")]
    ColumnMismatch {
        /// The example (or, past the examples, unlabeled row) index.
        index: usize,
        /// Columns of the first example.
        expected: usize,
        /// Columns of this row.
        found: usize,
    },
    /// `output_type` is not a value type.
    #[error("{0} is not a type a program can return (Str, Int or Bool)")]
    NotAValueType(Type),
    /// An output cannot be printed by a program of `output_type`.
    #[error("example {index}'s output {output:?} is not a {ty} value")]
    OutputNotOfType {
        /// The example index.
        index: usize,
        /// Its output.
        output: String,
        /// The declared output type.
        ty: Type,
    },
}

impl Problem {
    /// A problem with these examples and nothing else.
    pub fn new(examples: Vec<Example>) -> Problem {
        Problem {
            examples,
            ..Problem::default()
        }
    }

    /// Adds unlabeled input rows.
    pub fn with_unlabeled(mut self, rows: Vec<Vec<String>>) -> Problem {
        self.unlabeled = rows;
        self
    }

    /// Adds constant hints.
    pub fn with_constants(mut self, constants: Vec<String>) -> Problem {
        self.constants = constants;
        self
    }

    /// Fixes the output type.
    pub fn with_output_type(mut self, ty: Type) -> Problem {
        self.output_type = Some(ty);
        self
    }

    /// Adds user lookup tables.
    pub fn with_tables(mut self, tables: Tables) -> Problem {
        self.tables = tables;
        self
    }

    /// The number of input columns (that of the widest row).
    pub fn num_inputs(&self) -> usize {
        num_inputs(&self.examples, &self.unlabeled)
    }

    /// Checks that the problem is well formed: examples exist, every row has the same
    /// number of columns, and every output fits the declared output type.
    pub fn validate(&self) -> Result<(), ProblemError> {
        let first = self.examples.first().ok_or(ProblemError::NoExamples)?;
        let expected = first.inputs.len();
        let widths = self
            .examples
            .iter()
            .map(|e| e.inputs.len())
            .chain(self.unlabeled.iter().map(Vec::len));
        for (index, found) in widths.enumerate() {
            if found != expected {
                return Err(ProblemError::ColumnMismatch {
                    index,
                    expected,
                    found,
                });
            }
        }
        if let Some(ty) = self.output_type {
            if !ty.is_value() {
                return Err(ProblemError::NotAValueType(ty));
            }
            for (index, e) in self.examples.iter().enumerate() {
                if !text_is_of_type(&e.output, ty) {
                    return Err(ProblemError::OutputNotOfType {
                        index,
                        output: e.output.clone(),
                        ty,
                    });
                }
            }
        }
        Ok(())
    }

    /// The types of programs the search accepts as answers, preferred first.
    pub fn answer_types(&self) -> Vec<Type> {
        answer_types(&self.examples, self.output_type)
    }
}

/// A problem seen through some of its examples: a round of the counterexample-guided
/// search runs on a few examples and borrows the rest of the problem (unlabeled rows,
/// tables, hints) instead of copying it.
pub(crate) struct Subproblem<'a> {
    /// The examples of the round, in the problem's order (borrowed when they are all of
    /// them).
    pub(crate) examples: Cow<'a, [Example]>,
    /// The whole problem.
    pub(crate) problem: &'a Problem,
}

impl<'a> Subproblem<'a> {
    /// The problem with all its examples.
    pub(crate) fn whole(problem: &'a Problem) -> Subproblem<'a> {
        Subproblem {
            examples: Cow::Borrowed(&problem.examples),
            problem,
        }
    }

    /// The problem with the examples at `indices` (in that order).
    pub(crate) fn of(problem: &'a Problem, indices: &[usize]) -> Subproblem<'a> {
        if indices.iter().copied().eq(0..problem.examples.len()) {
            return Subproblem::whole(problem);
        }
        Subproblem {
            examples: indices
                .iter()
                .map(|&i| problem.examples[i].clone())
                .collect(),
            problem,
        }
    }

    /// Whether these are all the problem's examples, in order.
    pub(crate) fn is_whole(&self) -> bool {
        matches!(self.examples, Cow::Borrowed(_))
    }

    /// [`Problem::num_inputs`] over these examples and the unlabeled rows.
    pub(crate) fn num_inputs(&self) -> usize {
        num_inputs(&self.examples, &self.problem.unlabeled)
    }

    /// [`Problem::answer_types`] for these examples.
    pub(crate) fn answer_types(&self) -> Vec<Type> {
        answer_types(&self.examples, self.problem.output_type)
    }

    /// The type-checking context of the programs: the columns and the user tables.
    pub(crate) fn check_context(&self) -> CheckContext {
        CheckContext {
            num_inputs: Some(self.num_inputs()),
            user_tables: Some(self.problem.tables.names().map(str::to_string).collect()),
        }
    }

    /// The unlabeled rows the search computes values on besides the examples (ranking
    /// runs the answers on all of them).
    pub(crate) fn search_unlabeled(&self) -> &'a [Vec<String>] {
        let rows = &self.problem.unlabeled;
        &rows[..rows.len().min(MAX_SEARCH_UNLABELED)]
    }
}

/// Unlabeled rows the enumeration computes values on.
const MAX_SEARCH_UNLABELED: usize = 8;

/// The number of input columns of the widest row.
fn num_inputs(examples: &[Example], unlabeled: &[Vec<String>]) -> usize {
    examples
        .iter()
        .map(|e| e.inputs.len())
        .chain(unlabeled.iter().map(Vec::len))
        .max()
        .unwrap_or(0)
}

/// The types of programs that can print these outputs, preferred first.
fn answer_types(examples: &[Example], output_type: Option<Type>) -> Vec<Type> {
    match output_type {
        Some(ty) => vec![ty],
        None => {
            let mut types = vec![Type::Str];
            for ty in [Type::Int, Type::Bool] {
                if !examples.is_empty() && examples.iter().all(|e| text_is_of_type(&e.output, ty)) {
                    types.push(ty);
                }
            }
            types
        }
    }
}

/// Whether `text` is how some value of `ty` prints.
pub(crate) fn text_is_of_type(text: &str, ty: Type) -> bool {
    match ty {
        Type::Str => true,
        Type::Int => parse_int(text).is_some(),
        Type::Bool => text == "true" || text == "false",
        _ => false,
    }
}

/// The integer that prints as `text`, if any (so "007" and "+7" are not integers).
pub(crate) fn parse_int(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().filter(|i| i.to_string() == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(i: &str, o: &str) -> Example {
        Example::new([i], o)
    }

    #[test]
    fn answer_types_are_inferred_from_outputs() {
        let p = Problem::new(vec![ex("a", "1"), ex("bb", "2")]);
        assert_eq!(p.answer_types(), vec![Type::Str, Type::Int]);
        let p = Problem::new(vec![ex("a", "true"), ex("bb", "false")]);
        assert_eq!(p.answer_types(), vec![Type::Str, Type::Bool]);
        let p = Problem::new(vec![ex("a", "01")]);
        assert_eq!(p.answer_types(), vec![Type::Str]);
        let p = Problem::new(vec![ex("a", "1")]).with_output_type(Type::Int);
        assert_eq!(p.answer_types(), vec![Type::Int]);
    }

    #[test]
    fn validation() {
        assert_eq!(Problem::default().validate(), Err(ProblemError::NoExamples));
        let p = Problem::new(vec![ex("a", "x"), Example::new(["a", "b"], "y")]);
        assert!(matches!(
            p.validate(),
            Err(ProblemError::ColumnMismatch { index: 1, .. })
        ));
        let p = Problem::new(vec![ex("a", "x")]).with_output_type(Type::Int);
        assert!(matches!(
            p.validate(),
            Err(ProblemError::OutputNotOfType { .. })
        ));
        assert!(Problem::new(vec![ex("a", "x")]).validate().is_ok());
    }
}
