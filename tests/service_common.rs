//! What the service's end-to-end tests share: a server on a free loopback port, clients,
//! requests and the checks they make of answers.

#![allow(dead_code)] // each test file uses its own part of these helpers

use std::time::{Duration, Instant};

use gemfill_service::pb;
use gemfill_service::pb::synthesizer_client::SynthesizerClient;
use gemfill_service::{ServerConfig, ServerHandle};
use tokio::net::TcpListener;
use tonic::transport::Channel;
use tonic_types::StatusExt;

/// Starts a server in this process on a free loopback port.
pub async fn start(config: ServerConfig) -> ServerHandle {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    gemfill_service::spawn(config, listener).unwrap()
}

pub async fn channel(server: &ServerHandle) -> Channel {
    Channel::from_shared(format!("http://{}", server.local_addr()))
        .unwrap()
        .connect()
        .await
        .unwrap()
}

pub async fn client(server: &ServerHandle) -> SynthesizerClient<Channel> {
    SynthesizerClient::new(channel(server).await)
}

pub fn example(inputs: &[&str], output: &str) -> pb::Example {
    pb::Example {
        inputs: inputs.iter().map(|s| s.to_string()).collect(),
        output: output.to_string(),
    }
}

pub fn row(inputs: &[&str]) -> pb::Row {
    pb::Row {
        inputs: inputs.iter().map(|s| s.to_string()).collect(),
    }
}

pub fn names_request() -> pb::SynthesizeRequest {
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
pub fn hopeless_request(deadline_ms: u32) -> pb::SynthesizeRequest {
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
pub async fn eventually(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if condition() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    condition()
}

pub fn value(output: &pb::Output) -> Option<&str> {
    match &output.result {
        Some(pb::output::Result::Value(v)) => Some(v),
        _ => None,
    }
}

pub fn violation_fields(status: &tonic::Status) -> Vec<String> {
    status
        .get_details_bad_request()
        .unwrap_or_else(|| panic!("no BadRequest details in {status:?}"))
        .field_violations
        .into_iter()
        .map(|v| v.field)
        .collect()
}
