//! End-to-end tests of the gRPC service in operation: deadlines, cancellation, load
//! shedding, auth, TLS, health and reflection, and the real `gemfill serve` binary for
//! SIGTERM draining and bad flags.
//!
//! Timing checks use generous bounds (the machine may be busy): they tell "stopped" from
//! "kept running for a minute", not fast from slow.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gemfill_service::pb::synthesizer_client::SynthesizerClient;
use gemfill_service::pb::{self, synthesize_event::Event};
use gemfill_service::{ServerConfig, TlsFiles};
use tokio_stream::StreamExt;
use tonic::Code;
use tonic::transport::{Certificate, Channel, ClientTlsConfig};

#[path = "service_common.rs"]
mod common;
use common::*;

#[path = "../crates/gemfill-gemma/tests/common/checkpoint.rs"]
mod gemma_checkpoint;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_deadline_bounds_the_search() {
    let server = start(ServerConfig::default()).await;
    let mut client = client(&server).await;
    let mut request = tonic::Request::new(hopeless_request(60_000));
    request.set_timeout(Duration::from_secs(2));
    let started = Instant::now();
    let response = client.synthesize(request).await.unwrap().into_inner();
    // The server answered before the client's deadline, with what it had.
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let stats = response.stats.unwrap();
    assert_eq!(stats.stop_reason(), pb::StopReason::Deadline);
    assert!(stats.candidates > 0);
    assert!(eventually(Duration::from_secs(10), || server.running_jobs() == 0).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_or_disconnected_call_stops_its_search() {
    let server = start(ServerConfig::default()).await;

    // Cancelled: the client drops the call (HTTP/2 RST_STREAM).
    let mut client = client(&server).await;
    let call = tokio::spawn(async move { client.synthesize(hopeless_request(60_000)).await });
    assert!(eventually(Duration::from_secs(20), || server.running_jobs() == 1).await);
    call.abort();
    assert!(
        eventually(Duration::from_secs(10), || server.running_jobs() == 0).await,
        "the search kept running after its call was cancelled"
    );

    // Disconnected: the client's connection goes away in the middle of a streaming call.
    let mut client = SynthesizerClient::new(channel(&server).await);
    let mut stream = client
        .synthesize_stream(hopeless_request(60_000))
        .await
        .unwrap()
        .into_inner();
    assert!(matches!(
        stream.next().await.unwrap().unwrap().event,
        Some(Event::Progress(_) | Event::BetterProgram(_))
    ));
    assert_eq!(server.running_jobs(), 1);
    drop(stream);
    drop(client);
    assert!(
        eventually(Duration::from_secs(10), || server.running_jobs() == 0).await,
        "the search kept running after its client went away"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_concurrency_limit_calls_are_shed_at_once() {
    let server = start(ServerConfig {
        max_concurrent: 1,
        ..ServerConfig::default()
    })
    .await;
    let mut busy = client(&server).await;
    let call = tokio::spawn(async move { busy.synthesize(hopeless_request(60_000)).await });
    assert!(eventually(Duration::from_secs(20), || server.running_jobs() == 1).await);

    let mut client = client(&server).await;
    let started = Instant::now();
    let status = client.synthesize(names_request()).await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted);
    assert!(started.elapsed() < Duration::from_secs(5));
    let status = client
        .execute(pb::ExecuteRequest {
            program: "x".into(),
            rows: vec![row(&["a"])],
            tables: vec![],
        })
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted);
    // Explain does no search and is always served.
    assert!(
        client
            .explain(pb::ExplainRequest {
                program: "x".into()
            })
            .await
            .is_ok()
    );

    // Once the load is gone, calls are served again.
    call.abort();
    assert!(eventually(Duration::from_secs(10), || server.running_jobs() == 0).await);
    let response = client
        .synthesize(names_request())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(response.programs[0].unlabeled_outputs[0], "Hopper, G.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_token_is_required() {
    let server = start(ServerConfig {
        auth_token: Some("s3cret-token".into()),
        ..ServerConfig::default()
    })
    .await;
    let channel = channel(&server).await;
    let mut client = SynthesizerClient::new(channel.clone());
    let explain = || pb::ExplainRequest {
        program: "x".into(),
    };

    let status = client.explain(explain()).await.unwrap_err();
    assert_eq!(status.code(), Code::Unauthenticated);
    assert!(
        status.message().contains("authorization: Bearer"),
        "{status:?}"
    );

    let mut wrong = tonic::Request::new(explain());
    wrong
        .metadata_mut()
        .insert("authorization", "Bearer guess".parse().unwrap());
    assert_eq!(
        client.explain(wrong).await.unwrap_err().code(),
        Code::Unauthenticated
    );

    let mut right = tonic::Request::new(explain());
    right
        .metadata_mut()
        .insert("authorization", "Bearer s3cret-token".parse().unwrap());
    assert!(client.explain(right).await.is_ok());

    // Health probes need no token.
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel);
    let response = health
        .check(tonic_health::pb::HealthCheckRequest {
            service: "gemfill.v1.Synthesizer".into(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        response.status(),
        tonic_health::pb::health_check_response::ServingStatus::Serving
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_with_a_self_signed_certificate() {
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let cert_pem = certified.cert.pem();
    let server = start(ServerConfig {
        tls: Some(TlsFiles {
            cert_pem: cert_pem.clone().into_bytes(),
            key_pem: certified.signing_key.serialize_pem().into_bytes(),
        }),
        ..ServerConfig::default()
    })
    .await;
    let tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(&cert_pem))
        .domain_name("localhost");
    let channel = Channel::from_shared(format!("https://{}", server.local_addr()))
        .unwrap()
        .tls_config(tls)
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut client = SynthesizerClient::new(channel);
    let response = client
        .synthesize(names_request())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(response.programs[0].unlabeled_outputs[0], "Hopper, G.");

    // A client that does not speak TLS gets nowhere.
    let plain = Channel::from_shared(format!("http://{}", server.local_addr()))
        .unwrap()
        .connect()
        .await;
    if let Ok(plain) = plain {
        let result = SynthesizerClient::new(plain)
            .explain(pb::ExplainRequest {
                program: "x".into(),
            })
            .await;
        assert!(result.is_err());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_reflection_v1_and_v1alpha() {
    let server = start(ServerConfig::default()).await;
    let channel = channel(&server).await;

    let mut health = tonic_health::pb::health_client::HealthClient::new(channel.clone());
    for service in ["gemfill.v1.Synthesizer", ""] {
        let response = health
            .check(tonic_health::pb::HealthCheckRequest {
                service: service.into(),
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            response.status(),
            tonic_health::pb::health_check_response::ServingStatus::Serving
        );
    }

    {
        use tonic_reflection::pb::v1::ServerReflectionRequest;
        use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
        use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
        use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;
        let mut reflection = ServerReflectionClient::new(channel.clone());
        let request = ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::ListServices(String::new())),
        };
        let mut responses = reflection
            .server_reflection_info(tokio_stream::iter([request]))
            .await
            .unwrap()
            .into_inner();
        let response = responses.next().await.unwrap().unwrap();
        let Some(MessageResponse::ListServicesResponse(list)) = response.message_response else {
            panic!("not a service list: {response:?}");
        };
        let names: Vec<String> = list.service.into_iter().map(|s| s.name).collect();
        assert!(
            names.contains(&"gemfill.v1.Synthesizer".to_string()),
            "{names:?}"
        );
        assert!(
            names.contains(&"grpc.health.v1.Health".to_string()),
            "{names:?}"
        );
    }
    {
        use tonic_reflection::pb::v1alpha::ServerReflectionRequest;
        use tonic_reflection::pb::v1alpha::server_reflection_client::ServerReflectionClient;
        use tonic_reflection::pb::v1alpha::server_reflection_request::MessageRequest;
        use tonic_reflection::pb::v1alpha::server_reflection_response::MessageResponse;
        let mut reflection = ServerReflectionClient::new(channel);
        let request = ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::FileContainingSymbol(
                "gemfill.v1.Synthesizer".into(),
            )),
        };
        let mut responses = reflection
            .server_reflection_info(tokio_stream::iter([request]))
            .await
            .unwrap()
            .into_inner();
        let response = responses.next().await.unwrap().unwrap();
        let Some(MessageResponse::FileDescriptorResponse(files)) = response.message_response else {
            panic!("not a file descriptor: {response:?}");
        };
        assert!(!files.file_descriptor_proto.is_empty());
    }

    // Shutdown turns health NOT_SERVING... and then the server stops.
    server.shutdown();
    server.wait().await.unwrap();
}

/// The `gemfill serve` process: started on a free port, its address read from stdout.
struct ServeProcess {
    child: std::process::Child,
    addr: String,
}

impl ServeProcess {
    fn start(extra: &[&str]) -> ServeProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gemfill"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("gemfill: listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        ServeProcess { child, addr }
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_drains_in_flight_calls_then_exits_0() {
    let mut serve = ServeProcess::start(&[]);
    let channel = Channel::from_shared(format!("http://{}", serve.addr))
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut client = SynthesizerClient::new(channel);
    let mut stream = client
        .synthesize_stream(hopeless_request(4_000))
        .await
        .unwrap()
        .into_inner();
    // The first event proves the search is running.
    stream.next().await.unwrap().unwrap();
    let status = Command::new("kill")
        .args(["-TERM", &serve.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    // The in-flight call still completes with its result.
    let mut last = None;
    while let Some(event) = stream.next().await {
        last = Some(event.unwrap().event.unwrap());
    }
    let Some(Event::Result(result)) = last else {
        panic!("the drained call did not end with its result: {last:?}");
    };
    assert_eq!(
        result.stats.unwrap().stop_reason(),
        pb::StopReason::Deadline
    );
    let start = Instant::now();
    let exit = loop {
        if let Some(exit) = serve.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the server did not exit"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(exit.code(), Some(0));
}

#[test]
fn serve_rejects_bad_flags_with_a_clear_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_gemfill"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--tls-cert",
            "/nonexistent/cert.pem",
        ])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let output = Command::new(env!("CARGO_BIN_EXE_gemfill"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--tls-cert",
            "/nonexistent/cert.pem",
            "--tls-key",
            "/nonexistent/key.pem",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/nonexistent/cert.pem"), "{stderr}");
}

/// `gemfill serve --proposer gemma3-270m`: the Gemma checkpoint serves the neural mode;
/// whatever it returns was verified, so it parses and type-checks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gemma_proposer_serves_the_neural_mode() {
    if gemma_checkpoint::gemma3_270m_or_skip().is_none() {
        return;
    }
    let serve = ServeProcess::start(&["--proposer", "gemma3-270m"]);
    let channel = Channel::from_shared(format!("http://{}", serve.addr))
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut client = SynthesizerClient::new(channel);
    let request = pb::SynthesizeRequest {
        examples: vec![
            example(&["Ada Lovelace"], "Ada"),
            example(&["Grace Hopper"], "Grace"),
        ],
        options: Some(pb::SynthesisOptions {
            mode: pb::Mode::Neural.into(),
            deadline_ms: 60_000,
            ..Default::default()
        }),
        ..Default::default()
    };
    let response = client.synthesize(request).await.unwrap().into_inner();
    let stats = response.stats.unwrap();
    assert_eq!(stats.mode, "neural");
    assert!(stats.proposals > 0, "{stats:?}");
    for program in &response.programs {
        let parsed = gemfill_dsl::Program::parse(&program.text)
            .unwrap_or_else(|e| panic!("{}: {e}", program.text));
        assert_eq!(parsed.ty(), gemfill_dsl::Type::Str);
    }
}
