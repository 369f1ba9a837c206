//! Peer solvers run side by side with gemfill: today cvc5, the SyGuS reference solver.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use gemfill_data::Task;

use super::task_run::TaskRun;

/// A peer solver found on this machine.
pub struct Peer {
    name: String,
    binary: PathBuf,
}

impl Peer {
    /// Finds the named solver on PATH.
    pub fn find(name: &str) -> anyhow::Result<Peer> {
        if name != "cvc5" {
            bail!("unknown peer solver {name:?}; supported: cvc5");
        }
        let binary = std::env::var_os("PATH")
            .into_iter()
            .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
            .with_context(|| {
                format!(
                    "{name} is not installed; run scripts/install-cvc5.sh (Debian package cvc5)"
                )
            })?;
        Ok(Peer {
            name: name.to_string(),
            binary,
        })
    }

    /// The solver's name as reports show it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs the solver on a SyGuS file under a wall-clock limit, killing it at the limit.
    /// The task counts as solved when the solver prints a definition of the function, as
    /// the SyGuS competition counts it (cvc5 only returns programs that satisfy every
    /// constraint).
    pub fn run(&self, task: &Task, suite: &str, source: &Path, timeout: Duration) -> TaskRun {
        let started = Instant::now();
        let outcome = self.solve(source, timeout);
        let time_ms = started.elapsed().as_secs_f64() * 1000.0;
        let (solved, program, stop_reason) = match outcome {
            Ok(Some(definition)) => (true, Some(definition), "found".to_string()),
            Ok(None) => (false, None, "timed out".to_string()),
            Err(message) => (false, None, message),
        };
        TaskRun {
            name: task.name.clone(),
            suite: suite.to_string(),
            system: self.name.clone(),
            solved,
            generalized: None,
            time_ms,
            candidates: None,
            size: program.as_ref().map(|p| p.chars().count()),
            program,
            operators: None,
            stop_reason,
            passes_long_sibling: None,
        }
    }

    /// `Ok(Some(definition))` when solved, `Ok(None)` on timeout, `Err` when the solver
    /// failed or gave up.
    fn solve(&self, source: &Path, timeout: Duration) -> Result<Option<String>, String> {
        let mut child = Command::new(&self.binary)
            .arg("--lang")
            .arg("sygus2")
            .arg(source)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.binary.display()))?;
        let deadline = Instant::now() + timeout;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() >= deadline => {
                    // The solver's own resources are released by killing and reaping it.
                    let _ = child.kill();
                    let _ = child.wait();
                    return Ok(None);
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => return Err(format!("waiting for {}: {e}", self.name)),
            }
        };
        let mut stdout = String::new();
        if let Some(mut pipe) = child.stdout.take() {
            let _ = pipe.read_to_string(&mut stdout);
        }
        match stdout.find("(define-fun") {
            Some(at) => Ok(Some(stdout[at..].trim().to_string())),
            None => {
                let first_line = stdout.lines().next().unwrap_or("").trim().to_string();
                Err(format!("{} exited with {status}: {first_line}", self.name))
            }
        }
    }
}
