//! End-to-end tests of the gRPC service's calls: a real server on a loopback port (port 0),
//! called by real tonic clients. Every RPC is called, and every answer to bad input is
//! checked: field violations name the field to fix. The service under load, auth, TLS and
//! draining are in `service_operations.rs`.

use std::time::Duration;

use gemfill_service::ServerConfig;
use gemfill_service::pb::{self, synthesize_event::Event};
use tokio_stream::StreamExt;
use tonic::Code;

#[path = "service_common.rs"]
mod common;
use common::*;

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
