//! `gemfill synth`: synthesize ranked programs from examples given on the command line or
//! taken from a task file.

use std::path::PathBuf;

use clap::Args;
use gemfill_dsl::{Example, Tables, Type};
use gemfill_search::{CancelToken, Mode, Problem, SearchResult};

use crate::examples::{check_columns, parse_example, parse_row, show_output};
use crate::exit::{CommandResult, Outcome};
use crate::neural::{Loaded, load_proposer, synthesizer};
use crate::options::{ProposerArgs, SearchOptions};
use crate::tasks::load_one_task;

/// Synthesize programs from input/output examples and print them, best first.
///
/// Each program is shown with its score and size and, for every unlabeled input (-u), the
/// output it gives there. When the top programs disagree on an unlabeled input, that input
/// is listed: it is the one worth labeling next.
///
/// Input columns are separated by ' | ': -e 'John | Smith => Smith, J.' has two inputs.
///
/// Example:
///
///   gemfill synth -e 'John Smith => Smith, J.' -e 'Ada Lovelace => Lovelace, A.' -u 'Grace Hopper'
#[derive(Args, Debug)]
pub struct SynthArgs {
    /// An example, 'INPUT => OUTPUT' (input columns separated by ' | '). Repeat for more.
    #[arg(short, long = "example", value_name = "EXAMPLE")]
    pub examples: Vec<String>,
    /// An unlabeled input row to show the programs' outputs on. Repeat for more.
    #[arg(short, long = "unlabeled", value_name = "INPUT")]
    pub unlabeled: Vec<String>,
    /// Take the examples from this task file (.jsonl or .sl) instead of -e; the task's
    /// held-out tests become unlabeled inputs and are checked.
    #[arg(long, value_name = "FILE", conflicts_with = "examples")]
    pub tasks: Option<PathBuf>,
    /// The task to take from a .jsonl file with several tasks.
    #[arg(long, value_name = "NAME", requires = "tasks")]
    pub name: Option<String>,
    #[command(flatten)]
    pub search: SearchOptions,
    /// neural (model proposals only), enumerative (no model) or hybrid (proposals, then
    /// enumeration guided by the model).
    #[arg(long, default_value_t = Mode::Hybrid, value_name = "MODE")]
    pub mode: Mode,
    /// Which model proposes (and where it is).
    #[command(flatten)]
    pub proposer: ProposerArgs,
}

/// Runs `gemfill synth`.
pub fn run(args: SynthArgs) -> CommandResult {
    let (examples, mut unlabeled, tests, output_type, constants) = match &args.tasks {
        Some(path) => {
            let task = load_one_task(path, args.name.as_deref())?;
            let rows = task.tests.iter().map(|t| t.inputs.clone()).collect();
            (
                task.examples,
                rows,
                task.tests,
                Some(task.output_type),
                task.constants,
            )
        }
        None => {
            let examples = args
                .examples
                .iter()
                .map(|e| parse_example(e))
                .collect::<Result<Vec<_>, _>>()?;
            (examples, Vec::new(), Vec::new(), None, Vec::new())
        }
    };
    unlabeled.extend(args.unlabeled.iter().map(|u| parse_row(u)));
    check_columns(&examples, &unlabeled)?;

    let problem = Problem {
        examples,
        unlabeled,
        tables: Tables::default(),
        constants,
        output_type: output_type.filter(|t| *t != Type::Str),
    };
    let loaded = load_proposer(&[args.mode], &args.proposer)?;
    let synthesizer = synthesizer(args.mode, loaded.as_ref(), args.search.limits());
    let result = synthesizer.run(&problem, &CancelToken::default());
    print_result(&problem, &result, &tests);
    if let Some(summary) = loaded.as_ref().and_then(Loaded::gemma_summary) {
        eprintln!("{summary}");
    }
    Ok(Outcome::failed_if(result.programs.is_empty()))
}

fn print_result(problem: &Problem, result: &SearchResult, tests: &[Example]) {
    if result.programs.is_empty() {
        println!("No program found: {}.", result.stop_reason);
    }
    for (rank, ranked) in result.programs.iter().enumerate() {
        println!(
            "#{}  score {:.3}  size {}  {}",
            rank + 1,
            ranked.score,
            ranked.size,
            ranked.program
        );
        if !ranked.contradicted.is_empty() {
            let numbers: Vec<String> = ranked
                .contradicted
                .iter()
                .map(|i| (i + 1).to_string())
                .collect();
            println!(
                "    contradicts example(s) {}: suspected mistakes",
                numbers.join(", ")
            );
        }
        for (row, output) in problem.unlabeled.iter().zip(&ranked.unlabeled_outputs) {
            println!("    {} -> {}", row.join(" | "), show_output(output));
        }
        if !tests.is_empty() {
            let passed = tests
                .iter()
                .zip(&ranked.unlabeled_outputs)
                .filter(|(test, out)| matches!(out, Ok(v) if v.to_string() == test.output))
                .count();
            println!("    held-out tests passed: {passed}/{}", tests.len());
        }
    }
    for disagreement in &result.disagreements {
        let row = &problem.unlabeled[disagreement.row];
        let outputs: Vec<String> = disagreement
            .outputs
            .iter()
            .map(|o| format!("{o:?}"))
            .collect();
        println!(
            "The top programs disagree on {:?}: {}",
            row.join(" | "),
            outputs.join(" vs ")
        );
    }
    println!(
        "Stopped: {} after {} candidates in {} ms.",
        result.stop_reason,
        result.stats.candidates,
        result.stats.elapsed.as_millis()
    );
}
