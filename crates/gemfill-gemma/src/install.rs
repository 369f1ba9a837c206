//! Where `make gemma` (scripts/install-gemma.sh) installs Google's Gemma 3 270M
//! checkpoint: a per-user cache shared by every clone on the machine. Keep the two in
//! step.

use std::path::PathBuf;

use crate::error::{GemmaError, Result};

/// File name of the Gemma 3 270M checkpoint in the cache.
pub const GEMMA3_270M_FILE: &str = "gemma3-270m-q4_k_m.gguf";

/// The cache folder: `$GEMFILL_CACHE`, else `~/.cache/gemfill`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("GEMFILL_CACHE").filter(|d| !d.is_empty()) {
        return dir.into();
    }
    std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cache"))
        .unwrap_or_else(|| PathBuf::from(".cache"))
        .join("gemfill")
}

/// Path of the installed Gemma 3 270M GGUF file (it may not exist yet).
pub fn gemma3_270m_path() -> PathBuf {
    cache_dir().join(GEMMA3_270M_FILE)
}

/// The installed Gemma 3 270M GGUF file, or [`GemmaError::NotInstalled`] saying how to
/// install it.
pub fn installed_gemma3_270m() -> Result<PathBuf> {
    let path = gemma3_270m_path();
    if path.is_file() {
        Ok(path)
    } else {
        Err(GemmaError::NotInstalled { path })
    }
}
