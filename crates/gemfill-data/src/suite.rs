//! Suites: a task file, or a folder of them, loaded with every problem reported.
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{LoadError, LoadErrorKind};
use crate::jsonl::parse_jsonl_lines;
use crate::sygus::parse_sygus_str;
use crate::task::Task;

/// The tasks and errors gathered so far, and the names taken.
#[derive(Default)]
struct Loader {
    tasks: Vec<Task>,
    errors: Vec<LoadError>,
    names: Names,
}

impl Loader {
    fn add_file(&mut self, path: &Path, loaded: FileTasks) {
        match loaded {
            FileTasks::Read(tasks, errors) => {
                self.errors
                    .extend(errors.into_iter().map(|e| e.in_file(path)));
                for (line, mut task) in tasks {
                    task.source = Some(path.to_path_buf());
                    match self.names.claim(&task.name, path, line) {
                        Ok(()) => self.tasks.push(task),
                        Err(e) => self.errors.push(e),
                    }
                }
            }
            FileTasks::Failed(error) => self.errors.push(error.in_file(path)),
        }
    }

    fn finish(self) -> (Vec<Task>, Vec<LoadError>) {
        (self.tasks, self.errors)
    }
}

/// Loads a suite: a `.jsonl` file, a `.sl` file, or a folder searched recursively for both
/// (in path order; files and folders whose names start with `.` are skipped, as are files
/// with other extensions, such as a README).
///
/// SyGuS tasks in a folder are named after their path relative to it without the
/// extension (`euphony/get-first-word`) and tagged with its folders (`euphony`); a lone `.sl`
/// file gives its stem. JSON Lines tasks keep the names they have.
///
/// Returns the tasks that loaded (in path order, and within a JSON Lines file in line
/// order) and one error per file that failed (a SyGuS file is one task), per bad line of a
/// JSON Lines file and per task whose name an earlier task already took: one bad file or
/// line costs only itself and is still reported. Callers decide whether errors are fatal;
/// [`LoadError::is_unsupported`] separates specifications gemfill does not handle (such
/// as a SyGuS logical specification) from broken files.
///
/// `Err` only when `path` itself cannot be read or is neither a task file nor a folder.
pub fn load_suite(path: &Path) -> Result<(Vec<Task>, Vec<LoadError>), LoadError> {
    let mut loader = Loader::default();
    load_into(&mut loader, path)?;
    Ok(loader.finish())
}

/// Loads several suites as one, as [`load_suite`] loads each, except that a path that
/// cannot be read is one more error rather than the result; a task name may be used only
/// once across all of them.
pub fn load_suites<I, P>(paths: I) -> (Vec<Task>, Vec<LoadError>)
where
    I: IntoIterator<Item = P>,
    P: AsRef<Path>,
{
    let mut loader = Loader::default();
    for path in paths {
        if let Err(e) = load_into(&mut loader, path.as_ref()) {
            loader.errors.push(e);
        }
    }
    loader.finish()
}

fn load_into(loader: &mut Loader, path: &Path) -> Result<(), LoadError> {
    let meta = fs::metadata(path).map_err(|e| LoadError::io(path, e))?;
    if meta.is_dir() {
        let mut files = Vec::new();
        let mut visited = HashSet::new();
        collect_files(path, &mut files, &mut loader.errors, &mut visited);
        files.sort();
        for file in files {
            let relative = file.strip_prefix(path).unwrap_or(&file).to_path_buf();
            let loaded = load_file(&file, &relative);
            loader.add_file(&file, loaded);
        }
        return Ok(());
    }
    match task_file_kind(path) {
        Some(_) => {
            let file_name = PathBuf::from(path.file_name().unwrap_or_default());
            let loaded = load_file(path, &file_name);
            loader.add_file(path, loaded);
            Ok(())
        }
        None => Err(LoadError::new(
            LoadErrorKind::Io,
            None,
            "not a task suite: expected a .jsonl file, a .sl file or a folder of them",
        )
        .in_file(path)),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Jsonl,
    Sygus,
}

fn task_file_kind(path: &Path) -> Option<FileKind> {
    match path.extension()?.to_str()? {
        "jsonl" => Some(FileKind::Jsonl),
        "sl" => Some(FileKind::Sygus),
        _ => None,
    }
}

/// The tasks of one file, each with its line (1 for a SyGuS file), and its bad lines; or
/// why the whole file failed. Errors carry no path yet.
enum FileTasks {
    Read(Vec<(usize, Task)>, Vec<LoadError>),
    Failed(LoadError),
}

/// Loads one task file; `relative` is its path within the suite, which names SyGuS tasks.
fn load_file(path: &Path, relative: &Path) -> FileTasks {
    let text = match crate::text::read_text(path) {
        Ok(text) => text,
        Err(e) => return FileTasks::Failed(e),
    };
    match task_file_kind(path) {
        Some(FileKind::Jsonl) => {
            let (tasks, errors) = parse_jsonl_lines(&text);
            FileTasks::Read(tasks, errors)
        }
        Some(FileKind::Sygus) => {
            let folders: Vec<String> = relative
                .parent()
                .map(|p| {
                    p.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            let stem = relative
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut name = folders.join("/");
            if !name.is_empty() {
                name.push('/');
            }
            name.push_str(&stem);
            match parse_sygus_str(&text, &name) {
                Ok(mut task) => {
                    for folder in folders {
                        if !task.tags.contains(&folder) {
                            task.tags.push(folder);
                        }
                    }
                    FileTasks::Read(vec![(1, task)], Vec::new())
                }
                Err(e) => FileTasks::Failed(e),
            }
        }
        None => FileTasks::Failed(LoadError::new(
            LoadErrorKind::Io,
            None,
            "not a .jsonl or .sl file",
        )),
    }
}

/// Gathers the task files under `dir`. Unreadable folders are reported and skipped;
/// `visited` (canonical paths) stops symbolic-link cycles.
fn collect_files(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<LoadError>,
    visited: &mut HashSet<PathBuf>,
) {
    if let Ok(canonical) = fs::canonicalize(dir)
        && !visited.insert(canonical)
    {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(LoadError::io(dir, e));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(LoadError::io(dir, e));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // metadata() follows symbolic links, so a linked folder or file counts as one.
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => collect_files(&path, files, errors, visited),
            Ok(_) if task_file_kind(&path).is_some() => files.push(path),
            Ok(_) => {}
            Err(e) => errors.push(LoadError::io(&path, e)),
        }
    }
}

/// The task names taken so far, with where.
#[derive(Default)]
struct Names {
    taken: HashMap<String, (PathBuf, usize)>,
}

impl Names {
    fn claim(&mut self, name: &str, path: &Path, line: usize) -> Result<(), LoadError> {
        if let Some((first_path, first_line)) = self.taken.get(name) {
            return Err(LoadError::new(
                LoadErrorKind::Duplicate,
                Some(line),
                format!(
                    "task name `{name}` is already used by {}:{first_line}",
                    first_path.display()
                ),
            )
            .in_file(path));
        }
        self.taken
            .insert(name.to_string(), (path.to_path_buf(), line));
        Ok(())
    }
}
