//! `gemfill bench`: run the synthesizer (and optionally a peer solver) on benchmark suites
//! and report what each solved, how fast, and whether the programs generalize.

mod peer;
mod plot;
mod report;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Args;
use gemfill_data::Task;
use gemfill_dsl::{Example, Program, Tables, Type};
use gemfill_search::{CancelToken, Limits, Mode, Problem, Synthesizer};
use serde::Serialize;

use crate::{CliError, Outcome};

/// Benchmark the synthesizer on task suites, optionally side by side with a peer solver.
///
/// SUITE is a .jsonl task file, a SyGuS .sl file, or a folder of them (searched
/// recursively). For every task the run records whether a program was found that passes
/// all examples (solved), whether it also passes the task's held-out tests (generalized),
/// the time, the candidates explored and the program. A task file may mark examples as
/// deliberately wrong (`noise`); such a task counts as solved when the best program passes
/// the other examples and names exactly the marked ones as contradicted. A summary per
/// system and per suite is printed; --json, --report and --plot write the details.
///
/// Example:
///
///   gemfill bench benchmarks/sygus-pbe-slia-2019 --timeout-ms 10000 --peer cvc5 --report out.md
#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Task suites: .jsonl files, .sl files or folders of them.
    #[arg(required = true, value_name = "SUITE")]
    pub suites: Vec<PathBuf>,
    /// Time limit per task, for every system, in milliseconds.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub timeout_ms: u64,
    /// Tasks to run at once. Each gemfill search already uses both cores, so 1 gives the
    /// fairest timings.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub jobs: usize,
    /// Write every task's result and the summary as JSON.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write a Markdown report.
    #[arg(long, value_name = "FILE.md")]
    pub report: Option<PathBuf>,
    /// Write a cactus plot (tasks solved against time) as SVG.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    /// Also run this peer solver on the SyGuS (.sl) tasks, under the same limit. Supported:
    /// cvc5 (install with scripts/install-cvc5.sh).
    #[arg(long, value_name = "SOLVER")]
    pub peer: Option<String>,
    /// Only run tasks whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,
    /// Engine modes to run, comma-separated (neural, enumerative, hybrid). With more than
    /// one, each is a system of its own (gemfill-MODE) and the summary compares the
    /// candidates they explore.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "hybrid",
        value_name = "MODES"
    )]
    pub modes: Vec<Mode>,
    /// Which model proposes (and where it is).
    #[command(flatten)]
    pub proposer: crate::neural::ProposerArgs,
}

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

/// Every system's run of one task, and the program found (for the long-sibling check).
type TaskOutcome = (Vec<TaskRun>, Option<Program>);

/// Loads the tasks of one suite path, failing with every problem listed.
pub fn load_suite(path: &Path) -> Result<Vec<Task>, CliError> {
    let (tasks, errors) = gemfill_data::load_suite(path)
        .map_err(|e| CliError(format!("cannot load {}: {e}", path.display())))?;
    for error in &errors {
        eprintln!("warning: skipped: {error}");
    }
    Ok(tasks)
}

/// Loads one task from a file: the one named, or the only one.
pub fn load_one_task(path: &Path, name: Option<&str>) -> Result<Task, CliError> {
    let tasks = load_suite(path)?;
    match name {
        Some(name) => tasks
            .into_iter()
            .find(|t| t.name == name || t.name.ends_with(&format!("/{name}")))
            .ok_or_else(|| CliError(format!("{} has no task named {name:?}", path.display()))),
        None if tasks.len() == 1 => Ok(tasks.into_iter().next().expect("one task")),
        None => {
            let names: Vec<&str> = tasks.iter().take(5).map(|t| t.name.as_str()).collect();
            Err(CliError(format!(
                "{} holds {} tasks; choose one with --name (e.g. {})",
                path.display(),
                tasks.len(),
                names.join(", ")
            )))
        }
    }
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

/// The system name of a mode in reports: plain "gemfill" when a run has one mode.
fn system_name(mode: Mode, modes: &[Mode]) -> String {
    if modes.len() == 1 {
        "gemfill".to_string()
    } else {
        format!("gemfill-{mode}")
    }
}

fn run_gemfill(
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

pub fn run(args: BenchArgs) -> Result<Outcome, CliError> {
    let mut tasks: Vec<(String, Task)> = Vec::new();
    for suite in &args.suites {
        let label = suite.display().to_string();
        for task in load_suite(suite)? {
            if args.filter.as_deref().is_none_or(|f| task.name.contains(f)) {
                tasks.push((label.clone(), task));
            }
        }
    }
    if tasks.is_empty() {
        return Err(CliError(
            "no tasks to run (check the suite paths and --filter)".into(),
        ));
    }
    let peer = match args.peer.as_deref() {
        None => None,
        Some(name) => Some(peer::Peer::find(name)?),
    };
    let timeout = Duration::from_millis(args.timeout_ms);
    let mut modes = args.modes.clone();
    modes.dedup();
    let model = crate::neural::load_proposer(&modes, &args.proposer)?;
    let limits = Limits {
        deadline: Some(timeout),
        top_k: 1,
        ..Limits::default()
    };
    let synthesizers: Vec<(String, Synthesizer)> = modes
        .iter()
        .map(|&m| {
            let s = crate::neural::synthesizer(m, model.as_ref(), limits.clone());
            (system_name(m, &modes), s)
        })
        .collect();
    let total = tasks.len();
    eprintln!(
        "Running {total} task(s), {} ms each{}.",
        args.timeout_ms,
        peer.as_ref()
            .map_or(String::new(), |p| format!(", with peer {}", p.name()))
    );

    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<TaskOutcome>>> = Mutex::new(vec![None; total]);
    let done = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..args.jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some((suite, task)) = tasks.get(i) else {
                        break;
                    };
                    let mut runs = Vec::new();
                    let mut program = None;
                    for (system, synthesizer) in &synthesizers {
                        let (ours, found) = run_gemfill(task, suite, synthesizer, system.clone());
                        runs.push(ours);
                        program = program.or(found);
                    }
                    if let Some(peer) = &peer
                        && let Some(source) = task.source.as_ref().filter(|s| is_sygus(s))
                    {
                        runs.push(peer.run(task, suite, source, timeout));
                    }
                    let finished = done.fetch_add(1, Ordering::SeqCst) + 1;
                    let verdicts: Vec<String> = runs
                        .iter()
                        .map(|r| {
                            format!(
                                "{} {} {:.0} ms",
                                r.system,
                                if r.solved { "solved" } else { "unsolved" },
                                r.time_ms
                            )
                        })
                        .collect();
                    eprintln!(
                        "[{finished}/{total}] {}: {}",
                        task.name,
                        verdicts.join(", ")
                    );
                    slots.lock().expect("no panics while holding the lock")[i] =
                        Some((runs, program));
                }
            });
        }
    });
    let slots = slots.into_inner().expect("threads joined");
    let mut runs: Vec<TaskRun> = Vec::new();
    let mut programs: Vec<Option<Program>> = Vec::new();
    for slot in slots.into_iter().flatten() {
        programs.push(slot.1);
        runs.extend(slot.0);
    }
    check_long_siblings(&tasks, &programs, &mut runs);

    let summary = report::Summary::new(&runs, args.timeout_ms);
    print!("{}", summary.to_text());
    if let Some(gemma) = model
        .as_ref()
        .and_then(crate::neural::Loaded::gemma_summary)
    {
        println!("{gemma}");
    }
    if let Some(text) = report::mode_comparison(&runs) {
        print!("{text}");
    }
    if let Some(path) = &args.json {
        report::write_json(path, &runs, &summary)?;
    }
    if let Some(path) = &args.report {
        report::write_markdown(path, &args, &runs, &summary)?;
    }
    if let Some(path) = &args.plot {
        plot::cactus(path, &runs, args.timeout_ms)?;
    }
    Ok(Outcome::Success)
}

fn is_sygus(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "sl")
}

/// For every short task solved by gemfill whose long sibling is in the run, checks the
/// short task's program on the long task's examples.
fn check_long_siblings(
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
