//! Requests to problems and programs. Every check reports the offending field by its path
//! (`examples[2].inputs[0]`) with a sentence saying what to fix; all problems of a request
//! are collected (up to [`MAX_REPORTED`]) and returned together as INVALID_ARGUMENT with a
//! `google.rpc.BadRequest` detail, so a client can fix them in one round.

use std::time::Duration;

use gemfill_dsl::{CheckContext, Example, Program, Tables};
use gemfill_search::{Mode, Problem};
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, FieldViolation, StatusExt};

use crate::limits::*;
use crate::pb;

/// The most field violations one error reports (the rest are counted in the message).
pub const MAX_REPORTED: usize = 20;

/// Field violations collected while checking one request.
#[derive(Debug, Default)]
pub struct Violations {
    reported: Vec<FieldViolation>,
    total: usize,
}

impl Violations {
    /// No violations yet.
    pub fn new() -> Violations {
        Violations::default()
    }

    /// Records that `field` is wrong, and how to fix it.
    pub fn add(&mut self, field: impl Into<String>, description: impl Into<String>) {
        self.total += 1;
        if self.reported.len() < MAX_REPORTED {
            self.reported
                .push(FieldViolation::new(field.into(), description.into()));
        }
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// `Ok` when nothing was recorded, otherwise INVALID_ARGUMENT whose message names the
    /// first problem (and how many more there are) and whose details list them all.
    pub fn into_result(self) -> Result<(), Status> {
        let Some(first) = self.reported.first() else {
            return Ok(());
        };
        let mut message = format!("invalid request: {}: {}", first.field, first.description);
        if self.total > 1 {
            message.push_str(&format!(
                " (and {} more problem{}; see the BadRequest details)",
                self.total - 1,
                if self.total == 2 { "" } else { "s" }
            ));
        }
        Err(Status::with_error_details(
            Code::InvalidArgument,
            message,
            ErrorDetails::with_bad_request(self.reported),
        ))
    }
}

/// A single-field INVALID_ARGUMENT.
pub fn invalid(field: &str, description: impl Into<String>) -> Status {
    let mut v = Violations::new();
    v.add(field, description);
    v.into_result()
        .expect_err("a violation was just recorded, so this is an error")
}

fn check_string(v: &mut Violations, field: impl FnOnce() -> String, s: &str) {
    // Counting characters of a huge string is linear, but the transport already bounds the
    // message, so this stays cheap.
    let chars = s.chars().count();
    if chars > MAX_STRING_CHARS {
        v.add(
            field(),
            format!("{chars} characters; at most {MAX_STRING_CHARS} are accepted per string"),
        );
    }
}

/// Checks a list of rows of input columns against the limits and the expected width.
/// `width` is set from the first row when unknown.
fn check_rows<'a>(
    v: &mut Violations,
    name: &str,
    rows: impl Iterator<Item = &'a [String]>,
    width: &mut Option<(usize, String)>,
) {
    for (i, inputs) in rows.enumerate() {
        let field = format!("{name}[{i}].inputs");
        if inputs.is_empty() {
            v.add(
                &field,
                "no input columns: every row needs at least one input (x0)",
            );
            continue;
        }
        if inputs.len() > MAX_COLUMNS {
            v.add(
                &field,
                format!(
                    "{} input columns; at most {MAX_COLUMNS} are accepted",
                    inputs.len()
                ),
            );
        }
        match width {
            None => *width = Some((inputs.len(), field.clone())),
            Some((expected, first)) if *expected != inputs.len() => v.add(
                &field,
                format!(
                    "{} input columns, but {first} has {expected}; every example and unlabeled row needs the same columns",
                    inputs.len()
                ),
            ),
            Some(_) => {}
        }
        for (j, s) in inputs.iter().enumerate() {
            check_string(v, || format!("{field}[{j}]"), s);
        }
    }
}

/// Whether `name` may name a user table: letters, digits and `_`, starting with a letter.
fn is_table_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The tables of a request, checked.
pub fn tables(v: &mut Violations, field: &str, tables: &[pb::Table]) -> Tables {
    let mut out = Tables::new();
    if tables.len() > MAX_TABLES {
        v.add(
            field,
            format!("{} tables; at most {MAX_TABLES} are accepted", tables.len()),
        );
    }
    for (i, table) in tables.iter().enumerate() {
        let f = format!("{field}[{i}]");
        if !is_table_name(&table.name) {
            v.add(
                format!("{f}.name"),
                format!(
                    "{:?} is not a table name: use letters, digits and `_`, starting with a letter",
                    table.name
                ),
            );
        } else if out.get(&table.name).is_some() {
            v.add(
                format!("{f}.name"),
                format!(
                    "a second table named {:?}: table names must be unique",
                    table.name
                ),
            );
        }
        if table.entries.len() > MAX_TABLE_ENTRIES {
            v.add(
                format!("{f}.entries"),
                format!(
                    "{} entries; at most {MAX_TABLE_ENTRIES} are accepted per table",
                    table.entries.len()
                ),
            );
        }
        for (key, value) in &table.entries {
            check_string(v, || format!("{f}.entries[{key:?}]"), key);
            check_string(v, || format!("{f}.entries[{key:?}]"), value);
        }
        out.insert(table.name.clone(), table.entries.clone());
    }
    out
}

/// The search settings a request asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchOptions {
    /// The mode asked for; `None` leaves it to the server.
    pub mode: Option<Mode>,
    /// The search time asked for (before the client's deadline is applied).
    pub deadline: Duration,
    /// Programs to return.
    pub top_k: usize,
    /// Whether to return near answers with contradicted examples.
    pub noise_tolerance: bool,
    /// Tie-breaking seed.
    pub seed: u64,
}

/// The options of a request, checked (defaults where unset).
pub fn options(v: &mut Violations, options: Option<&pb::SynthesisOptions>) -> SearchOptions {
    let default = pb::SynthesisOptions::default();
    let o = options.unwrap_or(&default);
    let mode = match pb::Mode::try_from(o.mode) {
        Ok(pb::Mode::Unspecified) => None,
        Ok(pb::Mode::Hybrid) => Some(Mode::Hybrid),
        Ok(pb::Mode::Enumerative) => Some(Mode::Enumerative),
        Ok(pb::Mode::Neural) => Some(Mode::Neural),
        Err(_) => {
            v.add(
                "options.mode",
                format!(
                    "{} is not a mode: use MODE_HYBRID, MODE_ENUMERATIVE, MODE_NEURAL or leave it unset",
                    o.mode
                ),
            );
            None
        }
    };
    let deadline = if o.deadline_ms == 0 {
        DEFAULT_DEADLINE
    } else {
        Duration::from_millis(o.deadline_ms.into())
    };
    if deadline > MAX_DEADLINE {
        v.add(
            "options.deadline_ms",
            format!(
                "{} ms; at most {} ms is accepted",
                o.deadline_ms,
                MAX_DEADLINE.as_millis()
            ),
        );
    }
    if o.top_k > MAX_TOP_K {
        v.add(
            "options.top_k",
            format!("{}; at most {MAX_TOP_K} programs can be asked for", o.top_k),
        );
    }
    SearchOptions {
        mode,
        deadline: deadline.min(MAX_DEADLINE),
        top_k: (if o.top_k == 0 { DEFAULT_TOP_K } else { o.top_k }).min(MAX_TOP_K) as usize,
        noise_tolerance: o.noise_tolerance,
        seed: o.seed,
    }
}

/// A synthesis problem and its options, from the parts every synthesis request has.
pub fn problem(
    examples: &[pb::Example],
    unlabeled: &[pb::Row],
    request_tables: &[pb::Table],
    constants: &[String],
    request_options: Option<&pb::SynthesisOptions>,
) -> Result<(Problem, SearchOptions), Status> {
    let mut v = Violations::new();
    if examples.is_empty() {
        v.add(
            "examples",
            "no examples: send at least one Example with its inputs and the output wanted",
        );
    }
    if examples.len() > MAX_EXAMPLES {
        v.add(
            "examples",
            format!(
                "{} examples; at most {MAX_EXAMPLES} are accepted",
                examples.len()
            ),
        );
    }
    if unlabeled.len() > MAX_ROWS {
        v.add(
            "unlabeled",
            format!("{} rows; at most {MAX_ROWS} are accepted", unlabeled.len()),
        );
    }
    if constants.len() > MAX_CONSTANTS {
        v.add(
            "constants",
            format!(
                "{} constants; at most {MAX_CONSTANTS} are accepted",
                constants.len()
            ),
        );
    }
    let mut width = None;
    check_rows(
        &mut v,
        "examples",
        examples.iter().map(|e| e.inputs.as_slice()),
        &mut width,
    );
    for (i, e) in examples.iter().enumerate() {
        check_string(&mut v, || format!("examples[{i}].output"), &e.output);
    }
    check_rows(
        &mut v,
        "unlabeled",
        unlabeled.iter().map(|r| r.inputs.as_slice()),
        &mut width,
    );
    for (i, c) in constants.iter().enumerate() {
        check_string(&mut v, || format!("constants[{i}]"), c);
    }
    let tables = tables(&mut v, "tables", request_tables);
    let options = options(&mut v, request_options);
    v.into_result()?;
    let problem = Problem::new(
        examples
            .iter()
            .map(|e| Example::new(e.inputs.iter().cloned(), e.output.clone()))
            .collect(),
    )
    .with_unlabeled(unlabeled.iter().map(|r| r.inputs.clone()).collect())
    .with_constants(constants.to_vec())
    .with_tables(tables);
    Ok((problem, options))
}

/// Parses and type-checks program text against the given tables (`None`: any `@name` is
/// accepted); a syntax or type error becomes a violation of `field` showing the line,
/// column and a caret.
pub fn program(field: &str, text: &str, tables: Option<&Tables>) -> Result<Program, Status> {
    let chars = text.chars().count();
    if chars > MAX_PROGRAM_CHARS {
        return Err(invalid(
            field,
            format!("{chars} characters; at most {MAX_PROGRAM_CHARS} are accepted"),
        ));
    }
    if text.trim().is_empty() {
        return Err(invalid(
            field,
            "no program text: send a gemfill program such as `case(x, upper)`",
        ));
    }
    let ctx = CheckContext {
        num_inputs: None,
        user_tables: tables.map(|t| t.names().map(str::to_string).collect()),
    };
    Program::parse_with(text, &ctx).map_err(|e| invalid(field, e.render(text)))
}

/// Checks rows to run a program on (Execute and Transform).
pub fn rows(v: &mut Violations, field: &str, rows: &[pb::Row], max_rows: usize) {
    if rows.len() > max_rows {
        v.add(
            field,
            format!("{} rows; at most {max_rows} are accepted", rows.len()),
        );
    }
    for (i, row) in rows.iter().enumerate() {
        if row.inputs.len() > MAX_COLUMNS {
            v.add(
                format!("{field}[{i}].inputs"),
                format!(
                    "{} input columns; at most {MAX_COLUMNS} are accepted",
                    row.inputs.len()
                ),
            );
        }
        for (j, s) in row.inputs.iter().enumerate() {
            check_string(v, || format!("{field}[{i}].inputs[{j}]"), s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(inputs: &[&str], output: &str) -> pb::Example {
        pb::Example {
            inputs: inputs.iter().map(|s| s.to_string()).collect(),
            output: output.to_string(),
        }
    }

    fn violations(status: &Status) -> Vec<(String, String)> {
        status
            .get_details_bad_request()
            .expect("a BadRequest detail")
            .field_violations
            .into_iter()
            .map(|f| (f.field, f.description))
            .collect()
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let long = "a".repeat(MAX_STRING_CHARS + 1);
        let err = problem(
            &[ex(&["a"], "b"), ex(&["a", "b"], "c"), ex(&[&long], "d")],
            &[pb::Row { inputs: vec![] }],
            &[pb::Table {
                name: "1bad".into(),
                entries: Default::default(),
            }],
            &[],
            Some(&pb::SynthesisOptions {
                top_k: 1000,
                mode: 42,
                ..Default::default()
            }),
        )
        .unwrap_err();
        assert_eq!(err.code(), Code::InvalidArgument);
        let fields: Vec<String> = violations(&err).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "examples[1].inputs",
                "examples[2].inputs[0]",
                "unlabeled[0].inputs",
                "tables[0].name",
                "options.mode",
                "options.top_k"
            ]
        );
        assert!(
            err.message().contains("examples[1].inputs"),
            "{}",
            err.message()
        );
        assert!(
            err.message().contains("5 more problems"),
            "{}",
            err.message()
        );
    }

    #[test]
    fn no_examples_and_bad_programs_say_what_to_fix() {
        let err = problem(&[], &[], &[], &[], None).unwrap_err();
        assert_eq!(violations(&err)[0].0, "examples");
        assert!(err.message().contains("send at least one Example"));

        let err = program("program", "sub(x, 0, concatt(x))", Some(&Tables::new())).unwrap_err();
        let (field, description) = violations(&err).remove(0);
        assert_eq!(field, "program");
        assert!(
            description.contains("did you mean 'concat'"),
            "{description}"
        );
    }

    #[test]
    fn defaults_fill_unset_options() {
        let (_, o) = problem(&[ex(&["a"], "A")], &[], &[], &[], None).unwrap();
        assert_eq!(o.deadline, DEFAULT_DEADLINE);
        assert_eq!(o.top_k, DEFAULT_TOP_K as usize);
        assert_eq!(o.mode, None);
    }
}
