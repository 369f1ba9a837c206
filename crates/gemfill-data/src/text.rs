//! Task files as text: read whole, as UTF-8, with errors that name the file and the line.

use std::path::Path;

use crate::error::{LoadError, LoadErrorKind};

/// Reads a whole file as UTF-8, with errors that name it.
pub(crate) fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        LoadError::new(
            LoadErrorKind::Io,
            Some(line),
            "the file is not valid UTF-8 text",
        )
        .in_file(path)
    })
}
