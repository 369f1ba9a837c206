//! Admission and the life of a search: the concurrency limit, the registry of running
//! searches (so that shutdown can cancel them and tests can see them end), cancellation
//! when a call goes away, and the time a search may take given the client's deadline.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gemfill_search::CancelToken;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tonic::Status;
use tonic::metadata::MetadataMap;

/// The calls the server is working on.
#[derive(Debug)]
pub(crate) struct Calls {
    permits: Arc<Semaphore>,
    limit: usize,
    running: Mutex<HashMap<u64, CancelToken>>,
    next_id: AtomicU64,
}

impl Calls {
    pub(crate) fn new(limit: usize) -> Calls {
        Calls {
            permits: Arc::new(Semaphore::new(limit)),
            limit,
            running: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(0),
        }
    }

    /// A slot for one more call, or RESOURCE_EXHAUSTED at once when all are taken: a queue
    /// would only grow under overload, and the client can retry with backoff.
    pub(crate) fn admit(&self) -> Result<OwnedSemaphorePermit, Status> {
        self.permits.clone().try_acquire_owned().map_err(|_| {
            Status::resource_exhausted(format!(
                "the server is busy: {} calls are running, its limit; retry with backoff",
                self.limit
            ))
        })
    }

    /// How many searches (and other blocking jobs) are running right now.
    pub(crate) fn running(&self) -> usize {
        self.lock().len()
    }

    /// Cancels every running search (shutdown past its drain timeout).
    pub(crate) fn cancel_all(&self) {
        for token in self.lock().values() {
            token.cancel();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, CancelToken>> {
        // A panic while holding this lock leaves the map consistent (inserts and removes
        // are single operations), so a poisoned lock is still usable.
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn register(self: &Arc<Self>, token: CancelToken) -> Registration {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(id, token);
        Registration {
            calls: self.clone(),
            id,
        }
    }

    /// Runs `work` on a blocking thread, holding `permit` until it returns. If the calling
    /// future is dropped (the client cancelled, disconnected or ran out of time), `token`
    /// is cancelled so the work stops at its next budget check and frees its thread.
    pub(crate) async fn run_blocking<T, F>(
        self: &Arc<Self>,
        permit: OwnedSemaphorePermit,
        token: CancelToken,
        work: F,
    ) -> Result<T, Status>
    where
        T: Send + 'static,
        F: FnOnce(&CancelToken) -> T + Send + 'static,
    {
        let _cancel_on_drop = CancelOnDrop(token.clone());
        let registration = self.register(token.clone());
        tokio::task::spawn_blocking(move || {
            let result = work(&token);
            drop(registration);
            drop(permit);
            result
        })
        .await
        .map_err(|e| Status::internal(format!("the job failed unexpectedly: {e}")))
    }
}

/// Removes a search from the registry when it ends.
struct Registration {
    calls: Arc<Calls>,
    id: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.calls.lock().remove(&self.id);
    }
}

/// Cancels its token when dropped: held by the future (or stream) of a call, so that the
/// search stops when the call goes away. Cancelling a finished search does nothing.
pub(crate) struct CancelOnDrop(pub(crate) CancelToken);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// The client's deadline, read from the `grpc-timeout` header, if it sent one.
pub(crate) fn client_timeout(metadata: &MetadataMap) -> Option<Duration> {
    parse_grpc_timeout(metadata.get("grpc-timeout")?.to_str().ok()?)
}

/// Parses a `grpc-timeout` value: up to 8 digits and a unit (H, M, S, m, u, n).
fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    if !value.is_ascii() {
        return None;
    }
    let (digits, unit) = value.split_at(value.len().checked_sub(1)?);
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n * 3600),
        "M" => Duration::from_secs(n * 60),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

/// How long a search may run: what the request asked for, but ending early enough before
/// the client's deadline that the answer (ranking, encoding, the network) still arrives in
/// time. The margin is a quarter of the client's timeout, between 20 ms and 1 s: on a busy
/// machine the last phases of a search (after its deadline stops the enumeration) and the
/// reply take a while.
pub(crate) fn search_time(requested: Duration, client: Option<Duration>) -> Duration {
    match client {
        Some(timeout) => {
            let margin = (timeout / 4).clamp(Duration::from_millis(20), Duration::from_secs(1));
            requested.min(timeout.saturating_sub(margin))
        }
        None => requested,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_timeouts_parse() {
        assert_eq!(
            parse_grpc_timeout("1500m"),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(parse_grpc_timeout("2S"), Some(Duration::from_secs(2)));
        assert_eq!(parse_grpc_timeout("1H"), Some(Duration::from_secs(3600)));
        assert_eq!(parse_grpc_timeout("S"), None);
        assert_eq!(parse_grpc_timeout("123456789m"), None);
        assert_eq!(parse_grpc_timeout("12x"), None);
        assert_eq!(parse_grpc_timeout(""), None);
    }

    #[test]
    fn the_client_deadline_bounds_the_search_with_a_margin() {
        let ten = Duration::from_secs(10);
        assert_eq!(search_time(ten, None), ten);
        assert_eq!(
            search_time(ten, Some(Duration::from_secs(1))),
            Duration::from_millis(750)
        );
        assert_eq!(search_time(ten, Some(Duration::from_secs(60))), ten);
        assert_eq!(
            search_time(ten, Some(Duration::from_millis(10))),
            Duration::ZERO
        );
    }

    #[test]
    fn admission_fails_fast_past_the_limit() {
        let calls = Calls::new(1);
        let first = calls.admit().unwrap();
        let err = calls.admit().unwrap_err();
        assert_eq!(err.code(), tonic::Code::ResourceExhausted);
        drop(first);
        assert!(calls.admit().is_ok());
    }
}
