//! End-to-end tests of the gRPC service: a real server on a loopback port (port 0), called
//! by real tonic clients, and the real `gemfill serve` binary for SIGTERM. Every RPC is
//! called, and every behaviour the service promises under bad input and load is checked:
//! field violations, deadlines, cancellation, load shedding, auth, TLS and draining.
//!
//! Timing checks use generous bounds (the machine may be busy): they tell "stopped" from
//! "kept running for a minute", not fast from slow.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gemfill_service::pb::synthesizer_client::SynthesizerClient;
use gemfill_service::pb::{self, synthesize_event::Event};
use gemfill_service::{ServerConfig, ServerHandle, TlsFiles};
use tokio::net::TcpListener;
use tokio_stream::StreamExt;
use tonic::Code;
use tonic::transport::{Certificate, Channel, ClientTlsConfig};
use tonic_types::StatusExt;

#[path = "../crates/gemfill-gemma/tests/common/checkpoint.rs"]
mod gemma_checkpoint;

/// Starts a server in this process on a free loopback port.
async fn start(config: ServerConfig) -> ServerHandle {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    gemfill_service::spawn(config, listener).unwrap()
}

async fn channel(server: &ServerHandle) -> Channel {
    Channel::from_shared(format!("http://{}", server.local_addr()))
        .unwrap()
        .connect()
        .await
        .unwrap()
}

async fn client(server: &ServerHandle) -> SynthesizerClient<Channel> {
    SynthesizerClient::new(channel(server).await)
}

fn example(inputs: &[&str], output: &str) -> pb::Example {
    pb::Example {
        inputs: inputs.iter().map(|s| s.to_string()).collect(),
        output: output.to_string(),
    }
}

fn row(inputs: &[&str]) -> pb::Row {
    pb::Row {
        inputs: inputs.iter().map(|s| s.to_string()).collect(),
    }
}

fn names_request() -> pb::SynthesizeRequest {
    pb::SynthesizeRequest {
        examples: vec![
            example(&["John Smith"], "Smith, J."),
            example(&["Ada Lovelace"], "Lovelace, A."),
        ],
        unlabeled: vec![row(&["Grace Hopper"]), row(&["José Álvarez"])],
        ..Default::default()
    }
}

/// Examples no short program explains: the search runs until its deadline.
fn hopeless_request(deadline_ms: u32) -> pb::SynthesizeRequest {
    pb::SynthesizeRequest {
        examples: vec![
            example(&["qwe"], "zkx"),
            example(&["rty"], "mpa"),
            example(&["uio"], "lbd"),
        ],
        options: Some(pb::SynthesisOptions {
            deadline_ms,
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Waits until `condition` holds, for at most `limit`.
async fn eventually(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if condition() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    condition()
}

fn value(output: &pb::Output) -> Option<&str> {
    match &output.result {
        Some(pb::output::Result::Value(v)) => Some(v),
        _ => None,
    }
}

fn violation_fields(status: &tonic::Status) -> Vec<String> {
    status
        .get_details_bad_request()
        .unwrap_or_else(|| panic!("no BadRequest details in {status:?}"))
        .field_violations
        .into_iter()
        .map(|v| v.field)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn synthesize_and_synthesize_stream_find_ranked_programs() {
    let server = start(ServerConfig::default()).await;
    let mut client = client(&server).await;

    let response = client
        .synthesize(names_request())
        .await
        .unwrap()
        .into_inner();
    let best = &response.programs[0];
    assert_eq!(best.unlabeled_outputs, ["Hopper, G.", "Álvarez, J."]);
    assert_eq!(best.r#type, "Str");
    assert!(best.size > 0);
    assert_eq!(best.passed_examples, 2);
    assert!(best.contradicted_examples.is_empty());
    let stats = response.stats.unwrap();
    assert_eq!(stats.stop_reason(), pb::StopReason::Found);
    assert_eq!(stats.mode, "enumerative");
    // Best first.
    for pair in response.programs.windows(2) {
        assert!(pair[0].score >= pair[1].score || !pair[1].contradicted_examples.is_empty());
    }

    let mut stream = client
        .synthesize_stream(names_request())
        .await
        .unwrap()
        .into_inner();
    let mut events = Vec::new();
    while let Some(event) = stream.next().await {
        events.push(event.unwrap().event.unwrap());
    }
    assert!(
        events.iter().any(|e| matches!(e, Event::Progress(_))),
        "no progress events"
    );
    let Some(Event::Result(last)) = events.last() else {
        panic!("the last event is not the result: {events:?}");
    };
    assert_eq!(
        last.programs[0].unlabeled_outputs,
        ["Hopper, G.", "Álvarez, J."]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn noise_tolerance_names_the_contradicted_example() {
    let server = start(ServerConfig::default()).await;
    let mut client = client(&server).await;
    let mut request = pb::SynthesizeRequest {
        examples: vec![
            example(&["alpha"], "ALPHA"),
            example(&["beta"], "BETA"),
            example(&["gamma"], "GAMMA"),
            example(&["delta"], "DELTA"),
            example(&["omega"], "wrong"),
        ],
        ..Default::default()
    };
    request.options = Some(pb::SynthesisOptions {
        noise_tolerance: true,
        deadline_ms: 20_000,
        ..Default::default()
    });
    let response = client.synthesize(request).await.unwrap().into_inner();
    let best = &response.programs[0];
    assert_eq!(best.contradicted_examples, [4], "{best:?}");
    assert_eq!(best.passed_examples, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn execute_explain_and_suggest_example() {
    let server = start(ServerConfig::default()).await;
    let mut client = client(&server).await;

    let response = client
        .execute(pb::ExecuteRequest {
            program: "concat(token(x, Word, -1), \", \", sub(x, 0, 1), \".\")  # last, initial"
                .into(),
            rows: vec![row(&["José Álvarez"]), row(&["Plato"]), row(&[])],
            tables: vec![],
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        response.canonical_program,
        "concat(token(x, Word, -1), \", \", sub(x, 0, 1), \".\")"
    );
    assert_eq!(value(&response.outputs[0]), Some("Álvarez, J."));
    assert_eq!(value(&response.outputs[1]), Some("Plato, P."));
    // A row without the column the program reads fails on its own, with a reason.
    assert!(matches!(
        &response.outputs[2].result,
        Some(pb::output::Result::Error(e)) if !e.is_empty()
    ));

    let tables = vec![pb::Table {
        name: "codes".into(),
        entries: [("a".to_string(), "Alpha".to_string())].into(),
    }];
    let response = client
        .execute(pb::ExecuteRequest {
            program: "lookup(@codes, x)".into(),
            rows: vec![row(&["a"]), row(&["b"])],
            tables,
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(value(&response.outputs[0]), Some("Alpha"));
    assert_eq!(value(&response.outputs[1]), None);

    let explained = client
        .explain(pb::ExplainRequest {
            program: "case( token(x,Word,-1) , upper)".into(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(explained.canonical_text, "case(token(x, Word, -1), upper)");
    assert_eq!(
        explained.description,
        "Returns the last word of the input in upper case."
    );
    assert_eq!(explained.r#type, "Str");
    assert_eq!(explained.num_inputs, 1);

    // One example leaves "first word" and "first four characters" (and more) open; the
    // rows tell them apart.
    let response = client
        .suggest_example(pb::SuggestExampleRequest {
            examples: vec![example(&["John Smith"], "John")],
            unlabeled: vec![row(&["Mary Ann Evans"]), row(&["Li Wei"])],
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert!(response.has_suggestion, "{response:?}");
    assert!(response.row < 2);
    assert!(response.candidate_outputs.len() >= 2, "{response:?}");
    assert!(response.programs.len() >= 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transform_streams_outputs_in_order() {
    let server = start(ServerConfig::default()).await;
    let mut client = client(&server).await;
    let messages = 50usize;
    let per_message = 200usize;
    let mut requests = vec![pb::TransformRequest {
        program: "to_str(plus(to_int(x), 1))".into(),
        ..Default::default()
    }];
    for m in 0..messages {
        requests.push(pb::TransformRequest {
            rows: (0..per_message)
                .map(|i| row(&[&(m * per_message + i).to_string()]))
                .collect(),
            ..Default::default()
        });
    }
    let mut responses = client
        .transform(tokio_stream::iter(requests))
        .await
        .unwrap()
        .into_inner();
    let mut next = 0u64;
    while let Some(response) = responses.next().await {
        let response = response.unwrap();
        assert_eq!(response.first_row, next);
        for output in &response.outputs {
            assert_eq!(value(output), Some((next + 1).to_string().as_str()));
            next += 1;
        }
    }
    assert_eq!(next, (messages * per_message) as u64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transform_pushes_back_on_a_client_that_does_not_read() {
    let server = start(ServerConfig::default()).await;
    let mut client = client(&server).await;
    // 100 KB of rows per message; 1000 messages would be 100 MB if the server buffered them.
    let big = "x".repeat(100);
    let row_text = big.clone();
    let (tx, rx) = tokio::sync::mpsc::channel::<pb::TransformRequest>(1);
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let producer = {
        let sent = sent.clone();
        tokio::spawn(async move {
            let first = pb::TransformRequest {
                // Outputs as large as the inputs, so that unread responses fill the
                // client's flow-control window as quickly as the requests fill the server's.
                program: "x".into(),
                ..Default::default()
            };
            if tx.send(first).await.is_err() {
                return;
            }
            for _ in 0..1000 {
                let rows = (0..1000).map(|_| row(&[&row_text])).collect();
                let message = pb::TransformRequest {
                    rows,
                    ..Default::default()
                };
                if tx.send(message).await.is_err() {
                    return;
                }
                sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        })
    };
    let mut responses = client
        .transform(tokio_stream::wrappers::ReceiverStream::new(rx))
        .await
        .unwrap()
        .into_inner();
    // Without reading, the sender must stall after a bounded number of messages.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let stalled_at = sent.load(std::sync::atomic::Ordering::Relaxed);
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(sent.load(std::sync::atomic::Ordering::Relaxed), stalled_at);
    assert!(
        stalled_at < 200,
        "the server took {stalled_at} messages unread"
    );
    // Reading lets everything through, in order.
    let mut rows = 0u64;
    while let Some(response) = responses.next().await {
        let response = response.unwrap();
        assert_eq!(response.first_row, rows);
        assert!(
            response
                .outputs
                .iter()
                .all(|o| value(o) == Some(big.as_str()))
        );
        rows += response.outputs.len() as u64;
    }
    producer.await.unwrap();
    assert_eq!(rows, 1000 * 1000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_requests_get_invalid_argument_with_field_violations() {
    let server = start(ServerConfig::default()).await;
    let mut client = client(&server).await;

    let cases: Vec<(pb::SynthesizeRequest, &str)> = vec![
        (pb::SynthesizeRequest::default(), "examples"),
        (
            pb::SynthesizeRequest {
                examples: vec![example(&["a"], "A"), example(&["b", "c"], "B")],
                ..Default::default()
            },
            "examples[1].inputs",
        ),
        (
            pb::SynthesizeRequest {
                examples: vec![example(&["a"], "A")],
                unlabeled: vec![row(&["b", "c"])],
                ..Default::default()
            },
            "unlabeled[0].inputs",
        ),
        (
            pb::SynthesizeRequest {
                examples: vec![example(&[&"a".repeat(10_001)], "A")],
                ..Default::default()
            },
            "examples[0].inputs[0]",
        ),
        (
            pb::SynthesizeRequest {
                examples: vec![example(&["a"], "A"); 1001],
                ..Default::default()
            },
            "examples",
        ),
        (
            pb::SynthesizeRequest {
                examples: vec![example(&["a"], "A")],
                options: Some(pb::SynthesisOptions {
                    deadline_ms: 3_600_000,
                    ..Default::default()
                }),
                ..Default::default()
            },
            "options.deadline_ms",
        ),
    ];
    for (request, field) in cases {
        for stream in [false, true] {
            let status = if stream {
                client.synthesize_stream(request.clone()).await.map(|_| ())
            } else {
                client.synthesize(request.clone()).await.map(|_| ())
            }
            .unwrap_err();
            assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
            assert!(status.message().contains(field), "{status:?}");
            assert!(violation_fields(&status).contains(&field.to_string()));
        }
    }

    let status = client
        .execute(pb::ExecuteRequest {
            program: "sub(x, 0, concatt(x, \"a\"))".into(),
            rows: vec![row(&["a"])],
            tables: vec![],
        })
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(
        status.message().contains("did you mean 'concat'"),
        "{status:?}"
    );
    assert_eq!(violation_fields(&status), ["program"]);

    let status = client
        .explain(pb::ExplainRequest {
            program: "case(x, shouting)".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(violation_fields(&status), ["program"]);

    let status = client
        .suggest_example(pb::SuggestExampleRequest {
            examples: vec![example(&["a"], "A")],
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(violation_fields(&status), ["unlabeled"]);

    // A Transform stream whose later message sets the program again.
    let requests = vec![
        pb::TransformRequest {
            program: "x".into(),
            rows: vec![row(&["a"])],
            ..Default::default()
        },
        pb::TransformRequest {
            program: "x".into(),
            ..Default::default()
        },
    ];
    let mut responses = client
        .transform(tokio_stream::iter(requests))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(responses.next().await.unwrap().unwrap().outputs.len(), 1);
    let status = responses.next().await.unwrap().unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(violation_fields(&status), ["messages[1].program"]);

    // A mode that needs a model this server does not have.
    let mut request = names_request();
    request.options = Some(pb::SynthesisOptions {
        mode: pb::Mode::Neural.into(),
        ..Default::default()
    });
    let status = client.synthesize(request).await.unwrap_err();
    assert_eq!(status.code(), Code::FailedPrecondition);
    assert!(status.message().contains("--model"), "{status:?}");

    // The server is still fine.
    assert!(client.synthesize(names_request()).await.is_ok());
}

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
