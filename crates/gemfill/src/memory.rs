//! Resident memory of a process, as Linux reports it in `/proc/PID/status` (`serve`
//! reports its own peak when it stops; `loadtest` samples the server's).

/// A process's current resident memory (VmRSS), in KiB, where /proc tells it.
pub fn resident_kib(pid: u32) -> Option<u64> {
    status_kib(pid, "VmRSS:")
}

/// A process's peak resident memory (VmHWM), in KiB, where /proc tells it.
pub fn peak_kib(pid: u32) -> Option<u64> {
    status_kib(pid, "VmHWM:")
}

/// This process's peak resident memory (VmHWM), in KiB, where /proc tells it.
pub fn own_peak_kib() -> Option<u64> {
    peak_kib(std::process::id())
}

/// One `NAME: N kB` line of `/proc/PID/status`.
fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_has_a_resident_size_and_a_peak() {
        let pid = std::process::id();
        let (now, peak) = (resident_kib(pid).unwrap(), own_peak_kib().unwrap());
        assert!(now > 0 && peak >= now, "{now} {peak}");
    }
}
