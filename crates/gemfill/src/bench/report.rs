//! Summaries of a benchmark run: printed, as JSON and as Markdown.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::Serialize;

use super::task_run::TaskRun;

/// Figures for one system over one group of tasks.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Tally {
    /// Tasks attempted.
    pub tasks: usize,
    /// Tasks solved (a program passing every example).
    pub solved: usize,
    /// Tasks that have held-out tests.
    pub with_tests: usize,
    /// Tasks whose program passes every held-out test.
    pub generalized: usize,
    /// Median time over solved tasks, in milliseconds.
    pub median_solved_ms: Option<f64>,
    /// Median candidates explored over solved tasks (gemfill only).
    pub median_candidates: Option<f64>,
    /// Short tasks with a long sibling.
    pub short_with_long: usize,
    /// Of those, the ones whose program passes the long task.
    pub short_passes_long: usize,
}

/// The whole run: per system, overall and per suite.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// The time limit per task.
    pub timeout_ms: u64,
    /// system -> figures over every task it ran.
    pub systems: BTreeMap<String, Tally>,
    /// system -> suite -> figures.
    pub by_suite: BTreeMap<String, BTreeMap<String, Tally>>,
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

fn tally<'a>(runs: impl Iterator<Item = &'a TaskRun>) -> Tally {
    let runs: Vec<&TaskRun> = runs.collect();
    Tally {
        tasks: runs.len(),
        solved: runs.iter().filter(|r| r.solved).count(),
        with_tests: runs.iter().filter(|r| r.generalized.is_some()).count(),
        generalized: runs.iter().filter(|r| r.generalized == Some(true)).count(),
        median_solved_ms: median(
            runs.iter()
                .filter(|r| r.solved)
                .map(|r| r.time_ms)
                .collect(),
        ),
        median_candidates: median(
            runs.iter()
                .filter(|r| r.solved)
                .filter_map(|r| r.candidates.map(|c| c as f64))
                .collect(),
        ),
        short_with_long: runs
            .iter()
            .filter(|r| r.passes_long_sibling.is_some())
            .count(),
        short_passes_long: runs
            .iter()
            .filter(|r| r.passes_long_sibling == Some(true))
            .count(),
    }
}

impl Summary {
    /// Summarises the runs of every system.
    pub fn new(runs: &[TaskRun], timeout_ms: u64) -> Summary {
        let mut systems = BTreeMap::new();
        let mut by_suite: BTreeMap<String, BTreeMap<String, Tally>> = BTreeMap::new();
        let names: Vec<&String> = {
            let mut names: Vec<&String> = runs.iter().map(|r| &r.system).collect();
            names.sort();
            names.dedup();
            names
        };
        for system in names {
            let mine = || runs.iter().filter(move |r| &r.system == system);
            systems.insert(system.clone(), tally(mine()));
            let mut suites: Vec<&String> = mine().map(|r| &r.suite).collect();
            suites.sort();
            suites.dedup();
            let per_suite = suites
                .into_iter()
                .map(|suite| (suite.clone(), tally(mine().filter(|r| &r.suite == suite))))
                .collect();
            by_suite.insert(system.clone(), per_suite);
        }
        Summary {
            timeout_ms,
            systems,
            by_suite,
        }
    }

    /// The summary as a table for the terminal (also the core of the Markdown report).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n| system | suite | tasks | solved | generalized | median ms (solved) | median candidates | short→long |"
        );
        let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|");
        for (system, suites) in &self.by_suite {
            let mut rows: Vec<(&str, &Tally)> =
                suites.iter().map(|(s, t)| (s.as_str(), t)).collect();
            if suites.len() > 1 {
                rows.push(("all", &self.systems[system]));
            }
            for (suite, t) in rows {
                let _ = writeln!(
                    out,
                    "| {system} | {suite} | {} | {} | {} | {} | {} | {} |",
                    t.tasks,
                    t.solved,
                    if t.with_tests > 0 {
                        format!("{}/{}", t.generalized, t.with_tests)
                    } else {
                        "-".to_string()
                    },
                    t.median_solved_ms
                        .map_or("-".to_string(), |m| format!("{m:.0}")),
                    t.median_candidates
                        .map_or("-".to_string(), |m| format!("{m:.0}")),
                    if t.short_with_long > 0 {
                        format!("{}/{}", t.short_passes_long, t.short_with_long)
                    } else {
                        "-".to_string()
                    },
                );
            }
        }
        out
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    tasks: &'a [TaskRun],
    summary: &'a Summary,
}

/// Writes `{"tasks": [...], "summary": {...}}`.
pub fn write_json(path: &Path, runs: &[TaskRun], summary: &Summary) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(&JsonReport {
        tasks: runs,
        summary,
    })?;
    write_file(path, &text)
}

/// What a run was asked to do, for the head of its report.
pub struct Settings<'a> {
    /// The suites given.
    pub suites: &'a [PathBuf],
    /// The time limit per task.
    pub timeout_ms: u64,
    /// Tasks run at once.
    pub jobs: usize,
}

/// Writes a Markdown report: the command, the summary, and a row per task and system.
pub fn write_markdown(
    path: &Path,
    settings: &Settings<'_>,
    runs: &[TaskRun],
    summary: &Summary,
) -> anyhow::Result<()> {
    let mut out = String::new();
    let suites: Vec<String> = settings
        .suites
        .iter()
        .map(|s| s.display().to_string())
        .collect();
    let _ = writeln!(out, "# gemfill bench report\n");
    let _ = writeln!(
        out,
        "Suites: {}. Limit: {} ms per task per system. Jobs: {}.\n",
        suites.join(", "),
        settings.timeout_ms,
        settings.jobs
    );
    let _ = writeln!(out, "## Summary");
    out.push_str(&summary.to_text());
    let _ = writeln!(out, "\n## Tasks\n");
    let _ = writeln!(
        out,
        "| task | system | solved | generalized | ms | candidates | size | program |"
    );
    let _ = writeln!(out, "|---|---|---|---|---:|---:|---:|---|");
    for run in runs {
        let program = run
            .program
            .as_deref()
            .unwrap_or("")
            .replace('|', "\\|")
            .replace('\n', " ");
        let program: String = if program.chars().count() > 160 {
            program.chars().take(160).chain("…".chars()).collect()
        } else {
            program
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.0} | {} | {} | `{}` |",
            run.name,
            run.system,
            if run.solved { "yes" } else { "no" },
            match run.generalized {
                Some(true) => "yes",
                Some(false) => "no",
                None => "-",
            },
            run.time_ms,
            run.candidates.map_or("-".to_string(), |c| c.to_string()),
            run.size.map_or("-".to_string(), |s| s.to_string()),
            program
        );
    }
    write_file(path, &out)
}

fn write_file(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Used by the plot: every system's sorted solve times.
pub fn solve_times(runs: &[TaskRun]) -> BTreeMap<String, Vec<f64>> {
    let mut times: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for run in runs {
        let entry = times.entry(run.system.clone()).or_default();
        if run.solved {
            entry.push(run.time_ms);
        }
    }
    for values in times.values_mut() {
        values.sort_by(f64::total_cmp);
    }
    times
}

/// When both `gemfill-enumerative` and `gemfill-hybrid` ran: how many tasks each solved and,
/// over tasks both solved whose (enumerative) program has 4 or more operators, the median
/// ratio of candidates explored, enumerative / hybrid (candidates count at least 1, so a
/// hybrid search settled by its first proposal counts as 1).
pub fn mode_comparison(runs: &[TaskRun]) -> Option<String> {
    let of = |system: &str| -> BTreeMap<(&str, &str), &TaskRun> {
        runs.iter()
            .filter(|r| r.system == system)
            .map(|r| ((r.suite.as_str(), r.name.as_str()), r))
            .collect()
    };
    let (enumerative, hybrid) = (of("gemfill-enumerative"), of("gemfill-hybrid"));
    if enumerative.is_empty() || hybrid.is_empty() {
        return None;
    }
    let solved = |m: &BTreeMap<(&str, &str), &TaskRun>| m.values().filter(|r| r.solved).count();
    let mut ratios: Vec<f64> = enumerative
        .iter()
        .filter_map(|(key, e)| {
            let h = hybrid.get(key)?;
            (e.solved && h.solved && e.operators.unwrap_or(0) >= 4).then(|| {
                e.candidates.unwrap_or(0).max(1) as f64 / h.candidates.unwrap_or(0).max(1) as f64
            })
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let median = if ratios.is_empty() {
        "n/a".to_string()
    } else {
        let mid = ratios.len() / 2;
        let m = if ratios.len().is_multiple_of(2) {
            (ratios[mid - 1] + ratios[mid]) / 2.0
        } else {
            ratios[mid]
        };
        format!("{m:.2}")
    };
    Some(format!(
        "\nhybrid solved {} vs enumerative {}; on {} tasks both solved with >= 4 operators, median candidates enumerative/hybrid = {median}\n",
        solved(&hybrid),
        solved(&enumerative),
        ratios.len()
    ))
}
