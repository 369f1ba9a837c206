//! `gemfill bench`: run the synthesizer (and optionally a peer solver) on benchmark suites
//! and report what each solved, how fast, and whether the programs generalize.

mod peer;
mod plot;
mod report;
mod task_run;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::bail;
use clap::Args;
use gemfill_data::Task;
use gemfill_dsl::Program;
use gemfill_search::{Limits, Mode, Synthesizer};

use crate::exit::{CommandResult, Outcome};
use crate::neural::{Loaded, load_proposer, synthesizer};
use crate::options::ProposerArgs;
use crate::tasks::load_suite;
use task_run::{TaskRun, check_long_siblings, run_gemfill};

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
    pub proposer: ProposerArgs,
}

/// Every system's run of one task, and the program found (for the long-sibling check).
type TaskOutcome = (Vec<TaskRun>, Option<Program>);

/// The system name of a mode in reports: plain "gemfill" when a run has one mode.
fn system_name(mode: Mode, modes: &[Mode]) -> String {
    if modes.len() == 1 {
        "gemfill".to_string()
    } else {
        format!("gemfill-{mode}")
    }
}

/// Runs `gemfill bench`.
pub fn run(args: BenchArgs) -> CommandResult {
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
        bail!("no tasks to run (check the suite paths and --filter)");
    }
    let peer = match args.peer.as_deref() {
        None => None,
        Some(name) => Some(peer::Peer::find(name)?),
    };
    let timeout = Duration::from_millis(args.timeout_ms);
    let mut modes = args.modes.clone();
    modes.dedup();
    let model = load_proposer(&modes, &args.proposer)?;
    let limits = Limits {
        deadline: Some(timeout),
        top_k: 1,
        ..Limits::default()
    };
    let synthesizers: Vec<(String, Synthesizer)> = modes
        .iter()
        .map(|&m| {
            let s = synthesizer(m, model.as_ref(), limits.clone());
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
    if let Some(gemma) = model.as_ref().and_then(Loaded::gemma_summary) {
        println!("{gemma}");
    }
    if let Some(text) = report::mode_comparison(&runs) {
        print!("{text}");
    }
    if let Some(path) = &args.json {
        report::write_json(path, &runs, &summary)?;
    }
    if let Some(path) = &args.report {
        let settings = report::Settings {
            suites: &args.suites,
            timeout_ms: args.timeout_ms,
            jobs: args.jobs,
        };
        report::write_markdown(path, &settings, &runs, &summary)?;
    }
    if let Some(path) = &args.plot {
        plot::cactus(path, &runs, args.timeout_ms)?;
    }
    Ok(Outcome::Success)
}

fn is_sygus(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "sl")
}
