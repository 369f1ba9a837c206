//! What a system did on a task ([`TaskRun`]), and gemfill's own run of a task: solved
//! (with examples marked as noise, named as the contradicted ones), generalized to the
//! held-out tests, and whether a short task's program passes its long sibling.

use std::time::Instant;

use gemfill_data::Task;
use gemfill_dsl::{Example, Program, Tables, Type};
use gemfill_search::{CancelToken, Problem, Synthesizer};
use serde::Serialize;

/// What one system did on one task.
#[derive(Clone, Debug, Serialize)]
pub struct TaskRun {
    /// The task's name.
    pub name: String,
    /// The suite (file or folder) it came from.
    pub suite: String,
    /// The system: "gemfill" or the peer's name.
    pub system: String,
    /// A program passing every example was found (for a task with examples marked as
    /// noise: passing the others and naming exactly the marked ones as contradicted).
    pub solved: bool,
    /// The program passes every held-out test; null when the task has none (or unsolved
    /// tasks of a peer whose programs cannot be checked).
    pub generalized: Option<bool>,
    /// Wall-clock time in milliseconds.
    pub time_ms: f64,
    /// Candidates the search explored (gemfill only).
    pub candidates: Option<u64>,
    /// The best program's text.
    pub program: Option<String>,
    /// The best program's size (AST nodes for gemfill, characters for a peer).
    pub size: Option<usize>,
    /// Number of operators in gemfill's program.
    pub operators: Option<usize>,
    /// Why the search stopped.
    pub stop_reason: String,
    /// For a SyGuS short task with a long sibling: whether the program from the short task
    /// passes the long task's examples.
    pub passes_long_sibling: Option<bool>,
}

/// Whether `program` produces every example's output.
pub fn passes(program: &Program, examples: &[Example], tables: &Tables) -> bool {
    examples.iter().all(|example| {
        matches!(program.run(&example.input_refs(), tables), Ok(v) if v.to_string() == example.output)
    })
}

/// The synthesis problem a task poses: its examples, never its tests.
pub fn problem_of(task: &Task) -> Problem {
    Problem {
        examples: task.examples.clone(),
        unlabeled: task.tests.iter().map(|t| t.inputs.clone()).collect(),
        tables: Tables::default(),
        constants: task.constants.clone(),
        output_type: Some(task.output_type).filter(|t| *t != Type::Str),
    }
}

/// Runs gemfill's `synthesizer` on `task` as system `system`: the run, and the program when
/// it solved the task.
pub fn run_gemfill(
    task: &Task,
    suite: &str,
    synthesizer: &Synthesizer,
    system: String,
) -> (TaskRun, Option<Program>) {
    let problem = problem_of(task);
    let started = Instant::now();
    let result = synthesizer.run(&problem, &CancelToken::default());
    let time_ms = started.elapsed().as_secs_f64() * 1000.0;
    let tables = &problem.tables;
    // A task with deliberately wrong examples is solved when the best program passes the
    // others and names exactly the wrong ones as contradicted; any other task, when the
    // best program passes every example.
    let best = result
        .programs
        .first()
        .filter(|p| {
            let mut contradicted = p.contradicted.clone();
            contradicted.sort_unstable();
            let mut noisy = task.noisy_examples.clone();
            noisy.sort_unstable();
            contradicted == noisy
        })
        .map(|p| p.program.clone());
    let trusted: Vec<Example> = task
        .examples
        .iter()
        .enumerate()
        .filter(|(i, _)| !task.noisy_examples.contains(i))
        .map(|(_, e)| e.clone())
        .collect();
    let solved = best.as_ref().is_some_and(|p| passes(p, &trusted, tables));
    let generalized = match (&best, task.tests.is_empty()) {
        (_, true) => None,
        (Some(program), false) => Some(solved && passes(program, &task.tests, tables)),
        (None, false) => Some(false),
    };
    let run = TaskRun {
        name: task.name.clone(),
        suite: suite.to_string(),
        system,
        solved,
        generalized,
        time_ms,
        // Everything checked on the examples: enumerated programs, proposals, repairs.
        candidates: Some(
            result.stats.candidates + (result.stats.proposals + result.stats.repairs) as u64,
        ),
        program: best.as_ref().map(|p| p.to_string()),
        size: best.as_ref().map(|p| p.expr().size()),
        operators: best.as_ref().map(|p| p.expr().operator_count()),
        stop_reason: result.stop_reason.to_string(),
        passes_long_sibling: None,
    };
    (run, best.filter(|_| solved))
}

/// For every short task solved by gemfill whose long sibling is in the run, checks the
/// short task's program on the long task's examples.
pub fn check_long_siblings(
    tasks: &[(String, Task)],
    programs: &[Option<Program>],
    runs: &mut [TaskRun],
) {
    let all: Vec<Task> = tasks.iter().map(|(_, t)| t.clone()).collect();
    for (i, (_, task)) in tasks.iter().enumerate() {
        let Some(long) = gemfill_data::long_sibling(&all, task) else {
            continue;
        };
        let verdict = programs[i]
            .as_ref()
            .map(|program| passes(program, &long.examples, &Tables::default()));
        if let Some(run) = runs
            .iter_mut()
            .find(|r| r.system.starts_with("gemfill") && r.name == task.name)
        {
            run.passes_long_sibling = Some(verdict.unwrap_or(false));
        }
    }
}
