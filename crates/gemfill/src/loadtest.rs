//! `gemfill loadtest`: many concurrent clients calling a running `gemfill serve` with the
//! tasks of a suite, reporting throughput, latency percentiles, errors by status code and
//! the server's peak memory.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use clap::Args;
use gemfill_data::Task;
use gemfill_service::pb;
use gemfill_service::pb::synthesizer_client::SynthesizerClient;
use tonic::transport::Channel;

use crate::exit::{CommandResult, Outcome};
use crate::memory::{peak_kib, resident_kib};

/// Load-test a running gemfill server with a realistic mix of calls.
///
/// Each client loops until the time is up: it asks Synthesize for a program from a task's
/// examples (the task's held-out inputs as unlabeled rows), then, as a spreadsheet would
/// after a fill, runs the best program on those rows with Execute. Clients start at
/// different tasks and walk the suite in order. A call shed with RESOURCE_EXHAUSTED is
/// retried after --backoff-ms, as a well-behaved client would.
///
/// Latency percentiles are of the calls that succeeded; failures are counted by status
/// code. With --server-pid, the server's resident memory is sampled during the run.
///
/// Example:
///
///   gemfill loadtest --target 127.0.0.1:50051 --concurrency 8 --seconds 60 --server-pid 1234
#[derive(Args, Debug)]
pub struct LoadtestArgs {
    /// The server: host:port, or a http:// URL.
    #[arg(long, value_name = "ADDR")]
    pub target: String,
    /// Concurrent clients, each with its own connection.
    #[arg(long, default_value_t = 8, value_name = "C")]
    pub concurrency: usize,
    /// How long to run.
    #[arg(long, default_value_t = 60, value_name = "S")]
    pub seconds: u64,
    /// The task suite whose tasks the clients send (.jsonl or .sl, file or folder).
    #[arg(
        long,
        default_value = "benchmarks/realistic/realistic.jsonl",
        value_name = "FILE"
    )]
    pub tasks: PathBuf,
    /// Each call's gRPC deadline, in milliseconds; the server's search stops a little
    /// before it and answers with what it found.
    #[arg(long, default_value_t = 1500, value_name = "MS")]
    pub deadline_ms: u64,
    /// Pause before retrying a call the server shed, in milliseconds.
    #[arg(long, default_value_t = 50, value_name = "MS")]
    pub backoff_ms: u64,
    /// The server's process id, to report its peak memory (Linux /proc).
    #[arg(long, value_name = "PID")]
    pub server_pid: Option<u32>,
    /// A file holding the server's bearer token.
    #[arg(long, value_name = "FILE")]
    pub auth_token_file: Option<PathBuf>,
}

/// One finished call.
struct Sample {
    rpc: &'static str,
    latency: Duration,
    code: tonic::Code,
}

/// What one client saw.
#[derive(Default)]
struct ClientLog {
    samples: Vec<Sample>,
    /// Synthesize answers whose best program was right on every held-out test.
    correct: usize,
    /// Synthesize answers checked (tasks with held-out tests).
    checked: usize,
    /// Synthesize answers by stop reason.
    stop_reasons: BTreeMap<String, usize>,
    /// Failed calls (other than load shedding) by task and status code.
    failures: BTreeMap<(String, String), usize>,
}

/// Runs `gemfill loadtest`.
pub fn run(args: LoadtestArgs) -> CommandResult {
    if args.concurrency == 0 || args.seconds == 0 {
        bail!("--concurrency and --seconds must be at least 1");
    }
    let (tasks, errors) = gemfill_data::load_suite(&args.tasks)?;
    if !errors.is_empty() {
        let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        bail!(
            "{} problems in {}:\n{}",
            errors.len(),
            args.tasks.display(),
            list.join("\n")
        );
    }
    if tasks.is_empty() {
        bail!("{} holds no tasks", args.tasks.display());
    }
    let token = match &args.auth_token_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .trim()
                .to_string(),
        ),
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(drive(args, Arc::new(tasks), token))
}

fn target_uri(target: &str) -> String {
    if target.contains("://") {
        target.to_string()
    } else {
        format!("http://{target}")
    }
}

async fn drive(args: LoadtestArgs, tasks: Arc<Vec<Task>>, token: Option<String>) -> CommandResult {
    let uri = target_uri(&args.target);
    let mut clients = Vec::with_capacity(args.concurrency);
    for _ in 0..args.concurrency {
        let channel = Channel::from_shared(uri.clone())
            .with_context(|| format!("--target {}", args.target))?
            .connect()
            .await
            .with_context(|| format!("cannot connect to {uri}"))?;
        clients.push(SynthesizerClient::new(channel));
    }
    let start = Instant::now();
    let stop_at = start + Duration::from_secs(args.seconds);
    let deadline = Duration::from_millis(args.deadline_ms);
    let backoff = Duration::from_millis(args.backoff_ms);
    let mut handles = Vec::new();
    for (i, client) in clients.into_iter().enumerate() {
        let tasks = tasks.clone();
        let token = token.clone();
        let concurrency = args.concurrency;
        handles.push(tokio::spawn(async move {
            client_loop(
                client,
                &tasks,
                i,
                concurrency,
                stop_at,
                deadline,
                backoff,
                token,
            )
            .await
        }));
    }
    let sampler = args.server_pid.map(|pid| {
        tokio::spawn(async move {
            let mut peak_rss = 0u64;
            while Instant::now() < stop_at {
                peak_rss = peak_rss.max(resident_kib(pid).unwrap_or(0));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            peak_rss
        })
    });
    let mut log = ClientLog::default();
    for handle in handles {
        let client = handle.await.context("a client failed")?;
        log.samples.extend(client.samples);
        log.correct += client.correct;
        log.checked += client.checked;
        for (reason, n) in client.stop_reasons {
            *log.stop_reasons.entry(reason).or_default() += n;
        }
        for (key, n) in client.failures {
            *log.failures.entry(key).or_default() += n;
        }
    }
    let wall = start.elapsed();
    let peak_rss = match sampler {
        Some(s) => Some(s.await.context("the memory sampler failed")?),
        None => None,
    };
    report(&args, &log, wall, tasks.len(), peak_rss);
    Ok(Outcome::Success)
}

#[allow(clippy::too_many_arguments)]
async fn client_loop(
    mut client: SynthesizerClient<Channel>,
    tasks: &[Task],
    index: usize,
    concurrency: usize,
    stop_at: Instant,
    deadline: Duration,
    backoff: Duration,
    token: Option<String>,
) -> ClientLog {
    let mut log = ClientLog::default();
    // Spread the clients over the suite so that they do not all send the same task.
    let mut next = index * tasks.len() / concurrency;
    while Instant::now() < stop_at {
        let task = &tasks[next % tasks.len()];
        let rows: Vec<pb::Row> = task
            .tests
            .iter()
            .map(|t| pb::Row {
                inputs: t.inputs.clone(),
            })
            .collect();
        let request = pb::SynthesizeRequest {
            examples: task
                .examples
                .iter()
                .map(|e| pb::Example {
                    inputs: e.inputs.clone(),
                    output: e.output.clone(),
                })
                .collect(),
            unlabeled: rows.clone(),
            constants: task.constants.clone(),
            ..Default::default()
        };
        let started = Instant::now();
        let result = client
            .synthesize(request_with(request, deadline, token.as_deref()))
            .await;
        let code = result
            .as_ref()
            .map_or_else(|s| s.code(), |_| tonic::Code::Ok);
        log.samples.push(Sample {
            rpc: "Synthesize",
            latency: started.elapsed(),
            code,
        });
        match result {
            Ok(response) => {
                next += 1;
                let response = response.into_inner();
                if let Some(stats) = &response.stats {
                    *log.stop_reasons
                        .entry(stop_reason_name(stats.stop_reason))
                        .or_default() += 1;
                }
                let Some(best) = response.programs.first() else {
                    continue;
                };
                if !task.tests.is_empty() {
                    log.checked += 1;
                    let right = task
                        .tests
                        .iter()
                        .zip(&best.unlabeled_results)
                        .all(|(t, o)| {
                            matches!(&o.result, Some(pb::output::Result::Value(v)) if *v == t.output)
                        });
                    log.correct += usize::from(right);
                }
                if Instant::now() >= stop_at {
                    break;
                }
                let execute = pb::ExecuteRequest {
                    program: best.text.clone(),
                    rows,
                    tables: Vec::new(),
                };
                let started = Instant::now();
                let result = client
                    .execute(request_with(execute, deadline, token.as_deref()))
                    .await;
                log.samples.push(Sample {
                    rpc: "Execute",
                    latency: started.elapsed(),
                    code: result.map_or_else(|s| s.code(), |_| tonic::Code::Ok),
                });
            }
            Err(status) if status.code() == tonic::Code::ResourceExhausted => {
                tokio::time::sleep(backoff).await;
            }
            Err(status) => {
                *log.failures
                    .entry((task.name.clone(), format!("{:?}", status.code())))
                    .or_default() += 1;
                next += 1;
            }
        }
    }
    log
}

fn request_with<T>(message: T, deadline: Duration, token: Option<&str>) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    request.set_timeout(deadline);
    if let Some(token) = token
        && let Ok(value) = format!("Bearer {token}").parse()
    {
        request.metadata_mut().insert("authorization", value);
    }
    request
}

fn stop_reason_name(code: i32) -> String {
    pb::StopReason::try_from(code)
        .map(|r| {
            r.as_str_name()
                .trim_start_matches("STOP_REASON_")
                .to_lowercase()
        })
        .unwrap_or_else(|_| format!("unknown ({code})"))
}

/// The `p`-th percentile (0..=100) of sorted durations, nearest rank.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

fn report(
    args: &LoadtestArgs,
    log: &ClientLog,
    wall: Duration,
    tasks: usize,
    peak_rss_kib: Option<u64>,
) {
    println!(
        "gemfill loadtest: {} clients for {:.1} s against {}; {} tasks from {}; per-call deadline {} ms",
        args.concurrency,
        wall.as_secs_f64(),
        args.target,
        tasks,
        args.tasks.display(),
        args.deadline_ms
    );
    println!(
        "{:<11} {:>7} {:>7} {:>8} {:>7} {:>7} {:>7} {:>7}",
        "rpc", "calls", "ok", "ok/s", "p50 ms", "p95 ms", "p99 ms", "max ms"
    );
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    for rpc in ["Synthesize", "Execute"] {
        let calls: Vec<&Sample> = log.samples.iter().filter(|s| s.rpc == rpc).collect();
        let mut ok: Vec<Duration> = calls
            .iter()
            .filter(|s| s.code == tonic::Code::Ok)
            .map(|s| s.latency)
            .collect();
        ok.sort();
        for s in calls.iter().filter(|s| s.code != tonic::Code::Ok) {
            *errors.entry(format!("{rpc} {:?}", s.code)).or_default() += 1;
        }
        println!(
            "{:<11} {:>7} {:>7} {:>8.1} {:>7} {:>7} {:>7} {:>7}",
            rpc,
            calls.len(),
            ok.len(),
            ok.len() as f64 / wall.as_secs_f64(),
            ms(percentile(&ok, 50.0)),
            ms(percentile(&ok, 95.0)),
            ms(percentile(&ok, 99.0)),
            ms(ok.last().copied().unwrap_or_default())
        );
    }
    let total_ok = log
        .samples
        .iter()
        .filter(|s| s.code == tonic::Code::Ok)
        .count();
    println!(
        "all calls: {} ok, {:.1} calls/s",
        total_ok,
        total_ok as f64 / wall.as_secs_f64()
    );
    if errors.is_empty() {
        println!("errors: none");
    } else {
        let list: Vec<String> = errors.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        println!("errors: {}", list.join(", "));
    }
    if !log.failures.is_empty() {
        let list: Vec<String> = log
            .failures
            .iter()
            .take(10)
            .map(|((task, code), n)| format!("{task} {code} x{n}"))
            .collect();
        println!("failed tasks: {}", list.join(", "));
    }
    let reasons: Vec<String> = log
        .stop_reasons
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    println!(
        "synthesis: best program right on every held-out test in {}/{} answers; stop reasons: {}",
        log.correct,
        log.checked,
        reasons.join(", ")
    );
    if let Some(pid) = args.server_pid {
        let hwm = peak_kib(pid);
        println!(
            "server (pid {pid}): peak resident memory during the run {}, VmHWM since start {}",
            peak_rss_kib.map_or("unknown".to_string(), |k| format!(
                "{:.1} MiB",
                k as f64 / 1024.0
            )),
            hwm.map_or("unknown".to_string(), |k| format!(
                "{:.1} MiB",
                k as f64 / 1024.0
            ))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let d: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&d, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&d, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&d, 100.0), Duration::from_millis(100));
        assert_eq!(percentile(&[], 50.0), Duration::ZERO);
    }

    #[test]
    fn targets_become_uris() {
        assert_eq!(target_uri("127.0.0.1:1"), "http://127.0.0.1:1");
        assert_eq!(target_uri("https://h:1"), "https://h:1");
    }
}
