//! Errors of the loaders: every one names the file and, where it can, the line.
use std::error::Error;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What went wrong, coarsely, so that a caller can treat the cases differently (a benchmark
/// runner lists [`LoadErrorKind::Unsupported`] tasks as skipped but fails on the others).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LoadErrorKind {
    /// The file could not be read (missing, unreadable, not UTF-8, not a task file).
    Io,
    /// The file is not well formed: bad JSON, a missing or mistyped field, unbalanced
    /// parentheses, examples that disagree on the number of inputs, ...
    Malformed,
    /// The file is well formed but asks for something gemfill does not do: a SyGuS
    /// specification that is not input/output examples, an unsupported sort or command.
    Unsupported,
    /// Two tasks of one suite have the same name.
    Duplicate,
}

/// A task file that could not be loaded, or one line of it that could not.
///
/// Displays as `path:line: message` (or `path: message` when no line applies, and
/// `line N: message` for text parsed without a file), the form editors and terminals turn
/// into links.
#[derive(Clone, Debug)]
pub struct LoadError {
    /// The file, when the text came from one.
    pub path: Option<PathBuf>,
    /// The 1-based line the problem is on, when it is on one.
    pub line: Option<usize>,
    /// The class of problem.
    pub kind: LoadErrorKind,
    /// What is wrong, in words, without the path and line.
    pub message: String,
    // Shared so that errors can be cloned into reports; io::Error, for one, is not Clone.
    source: Option<Arc<dyn Error + Send + Sync>>,
}

impl LoadError {
    /// An error of the given kind at an optional line, with no file yet (see
    /// [`LoadError::in_file`]).
    pub fn new(kind: LoadErrorKind, line: Option<usize>, message: impl Into<String>) -> LoadError {
        LoadError {
            path: None,
            line,
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// A [`LoadErrorKind::Malformed`] error on a line.
    pub fn malformed(line: usize, message: impl Into<String>) -> LoadError {
        LoadError::new(LoadErrorKind::Malformed, Some(line), message)
    }

    /// A [`LoadErrorKind::Unsupported`] error on a line.
    pub fn unsupported(line: usize, message: impl Into<String>) -> LoadError {
        LoadError::new(LoadErrorKind::Unsupported, Some(line), message)
    }

    /// A file that could not be read.
    pub fn io(path: &Path, err: std::io::Error) -> LoadError {
        LoadError {
            path: Some(path.to_path_buf()),
            line: None,
            kind: LoadErrorKind::Io,
            message: format!("cannot read: {err}"),
            source: Some(Arc::new(err)),
        }
    }

    /// The same error, caused by `source` (what [`Error::source`] returns).
    pub fn caused_by(mut self, source: impl Error + Send + Sync + 'static) -> LoadError {
        self.source = Some(Arc::new(source));
        self
    }

    /// Whether the file is well formed but asks for something gemfill does not do
    /// ([`LoadErrorKind::Unsupported`]), as opposed to being broken.
    pub fn is_unsupported(&self) -> bool {
        self.kind == LoadErrorKind::Unsupported
    }

    /// The same error, attributed to `path` (keeps a path already set).
    pub fn in_file(mut self, path: &Path) -> LoadError {
        if self.path.is_none() {
            self.path = Some(path.to_path_buf());
        }
        self
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(path), Some(line)) => write!(f, "{}:{line}: {}", path.display(), self.message),
            (Some(path), None) => write!(f, "{}: {}", path.display(), self.message),
            (None, Some(line)) => write!(f, "line {line}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

impl Error for LoadError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn Error + 'static))
    }
}
