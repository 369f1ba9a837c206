//! Task files as the commands read them: a whole suite (rows that cannot be used are
//! warned about and skipped), or one task of a file.

use std::path::Path;

use anyhow::{Context as _, bail};
use gemfill_data::Task;

/// Loads the tasks of one suite path (a file or a folder), warning on stderr about every
/// row or file skipped.
pub fn load_suite(path: &Path) -> anyhow::Result<Vec<Task>> {
    let (tasks, errors) = gemfill_data::load_suite(path)
        .with_context(|| format!("cannot load {}", path.display()))?;
    for error in &errors {
        eprintln!("warning: skipped: {error}");
    }
    Ok(tasks)
}

/// Loads one task from a file: the one named, or the only one.
pub fn load_one_task(path: &Path, name: Option<&str>) -> anyhow::Result<Task> {
    let tasks = load_suite(path)?;
    match name {
        Some(name) => tasks
            .into_iter()
            .find(|t| t.name == name || t.name.ends_with(&format!("/{name}")))
            .with_context(|| format!("{} has no task named {name:?}", path.display())),
        None if tasks.len() == 1 => Ok(tasks.into_iter().next().expect("one task")),
        None => {
            let names: Vec<&str> = tasks.iter().take(5).map(|t| t.name.as_str()).collect();
            bail!(
                "{} holds {} tasks; choose one with --name (e.g. {})",
                path.display(),
                tasks.len(),
                names.join(", ")
            )
        }
    }
}
