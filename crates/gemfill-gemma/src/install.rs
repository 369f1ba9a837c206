//! Where gemfill's installed checkpoints live: the per-user cache that
//! `scripts/install-gemma.sh` fills (keep the two in step).

use std::path::PathBuf;

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
