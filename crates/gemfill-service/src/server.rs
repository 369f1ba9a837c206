//! The server: the `Synthesizer` service behind bearer-token auth, the standard health
//! service, reflection (v1 and v1alpha), optional TLS, and graceful shutdown.
//!
//! Health checks need no token (load balancers and orchestrators probe them); the
//! synthesis service and reflection do, when a token is configured.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::server::TcpIncoming;
use tonic::transport::{Identity, Server, ServerTlsConfig};
use tonic::{Request, Status};
use tonic_health::ServingStatus;

use crate::calls::Calls;
use crate::factory::{Symbolic, SynthesizerFactory};
use crate::limits::MAX_MESSAGE_BYTES;
use crate::pb;
use crate::service::SynthesisService;

/// The fully qualified name of the synthesis service, as health checks and reflection use
/// it.
pub const SERVICE_NAME: &str = "gemfill.v1.Synthesizer";

/// A certificate chain and its private key, both PEM.
#[derive(Clone, Debug)]
pub struct TlsFiles {
    /// The certificate chain (PEM), leaf first.
    pub cert_pem: Vec<u8>,
    /// The private key (PEM).
    pub key_pem: Vec<u8>,
}

/// How the server runs.
#[derive(Clone)]
pub struct ServerConfig {
    /// Calls (searches, executions, transforms) that may run at once; past it, calls get
    /// RESOURCE_EXHAUSTED immediately. Default: eight per core, at least 8.
    pub max_concurrent: usize,
    /// Memory limit of one search's value bank, in bytes. Default: 256 MiB.
    pub search_memory_bytes: usize,
    /// When set, every call to the synthesis service and to reflection must carry
    /// `authorization: Bearer <token>`.
    pub auth_token: Option<String>,
    /// When set, the server speaks TLS only.
    pub tls: Option<TlsFiles>,
    /// After shutdown begins, how long in-flight calls may finish before their searches
    /// are cancelled. Default: 30 s.
    pub drain_timeout: Duration,
    /// Builds the synthesizer for each search. Default: [`Symbolic`].
    pub factory: Arc<dyn SynthesizerFactory>,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ServerConfig {
            max_concurrent: (8 * cores).max(8),
            search_memory_bytes: 256 << 20,
            auth_token: None,
            tls: None,
            drain_timeout: Duration::from_secs(30),
            factory: Arc::new(Symbolic),
        }
    }
}

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("max_concurrent", &self.max_concurrent)
            .field("search_memory_bytes", &self.search_memory_bytes)
            .field("auth_token", &self.auth_token.as_ref().map(|_| "<set>"))
            .field("tls", &self.tls.is_some())
            .field("drain_timeout", &self.drain_timeout)
            .field("factory", &self.factory.describe())
            .finish()
    }
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The configuration cannot be used.
    #[error("{0}")]
    Config(String),
    /// TLS could not be set up from the certificate and key.
    #[error("cannot use the TLS certificate and key: {0}")]
    Tls(String),
    /// The transport failed.
    #[error("the server failed: {0}")]
    Transport(#[from] tonic::transport::Error),
    /// The server task ended abnormally.
    #[error("the server task failed: {0}")]
    Task(String),
}

/// Checks the bearer token when one is configured. The comparison takes the same time
/// wherever the first difference is, so timing does not reveal the token.
#[derive(Clone)]
struct Auth(Option<Arc<str>>);

impl tonic::service::Interceptor for Auth {
    fn call(&mut self, request: Request<()>) -> Result<Request<()>, Status> {
        let Some(token) = &self.0 else {
            return Ok(request);
        };
        let sent = request
            .metadata()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        match sent {
            Some(sent) if constant_time_eq(sent.as_bytes(), token.as_bytes()) => Ok(request),
            Some(_) => Err(Status::unauthenticated(
                "the bearer token is wrong: send the token the server was started with",
            )),
            None => Err(Status::unauthenticated(
                "this server needs a token: send metadata `authorization: Bearer <token>`",
            )),
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A running server.
pub struct ServerHandle {
    addr: SocketAddr,
    calls: Arc<Calls>,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<Result<(), ServeError>>,
}

impl ServerHandle {
    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many searches and executions are running right now (each holds a thread).
    pub fn running_jobs(&self) -> usize {
        self.calls.running()
    }

    /// Begins a graceful shutdown: health turns NOT_SERVING, no new connections are
    /// accepted, in-flight calls finish (searches still running after the drain timeout
    /// are cancelled and answer with what they found).
    pub fn shutdown(&self) {
        let _ = self.shutdown.send(true);
    }

    /// Waits until the server has stopped.
    pub async fn wait(self) -> Result<(), ServeError> {
        self.task
            .await
            .map_err(|e| ServeError::Task(e.to_string()))?
    }
}

/// Starts serving on `listener` (on the current tokio runtime). Health reports
/// `gemfill.v1.Synthesizer` SERVING as soon as the server accepts calls.
pub fn spawn(config: ServerConfig, listener: TcpListener) -> Result<ServerHandle, ServeError> {
    if config.max_concurrent == 0 {
        return Err(ServeError::Config(
            "the concurrency limit must be at least 1".to_string(),
        ));
    }
    if config
        .auth_token
        .as_deref()
        .is_some_and(|t| t.trim().is_empty())
    {
        return Err(ServeError::Config(
            "the auth token is empty: put the token in the file, or do not ask for auth"
                .to_string(),
        ));
    }
    let addr = listener
        .local_addr()
        .map_err(|e| ServeError::Config(format!("cannot read the listening address: {e}")))?;
    let calls = Arc::new(Calls::new(config.max_concurrent));
    let auth = Auth(config.auth_token.as_deref().map(Arc::from));

    let mut builder = Server::builder();
    if let Some(tls) = &config.tls {
        let identity = Identity::from_pem(&tls.cert_pem, &tls.key_pem);
        builder = builder
            .tls_config(ServerTlsConfig::new().identity(identity))
            .map_err(|e| ServeError::Tls(e.to_string()))?;
    }
    let reflection = || {
        tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
    };
    let reflection_v1 = reflection()
        .build_v1()
        .map_err(|e| ServeError::Config(format!("reflection: {e}")))?;
    let reflection_v1alpha = reflection()
        .build_v1alpha()
        .map_err(|e| ServeError::Config(format!("reflection: {e}")))?;
    let (health, health_service) = tonic_health::server::health_reporter();
    let service = pb::synthesizer_server::SynthesizerServer::new(SynthesisService {
        factory: config.factory.clone(),
        calls: calls.clone(),
        search_memory_bytes: config.search_memory_bytes,
    })
    .max_decoding_message_size(MAX_MESSAGE_BYTES);
    let router = builder
        .add_service(health_service)
        .add_service(InterceptedService::new(reflection_v1, auth.clone()))
        .add_service(InterceptedService::new(reflection_v1alpha, auth.clone()))
        .add_service(InterceptedService::new(service, auth));

    let (shutdown, mut shutdown_rx) = watch::channel(false);
    let drain_timeout = config.drain_timeout;
    let drain_calls = calls.clone();
    let task = tokio::spawn(async move {
        for name in [SERVICE_NAME, ""] {
            health
                .set_service_status(name, ServingStatus::Serving)
                .await;
        }
        let mut drain_rx = shutdown_rx.clone();
        let signal = async move {
            let _ = shutdown_rx.wait_for(|stop| *stop).await;
            for name in [SERVICE_NAME, ""] {
                health
                    .set_service_status(name, ServingStatus::NotServing)
                    .await;
            }
        };
        let serving = router.serve_with_incoming_shutdown(TcpIncoming::from(listener), signal);
        // Past the drain timeout, running searches are cancelled (they answer at once with
        // what they have); a little later the server stops waiting for calls that still
        // hang on (a client that never closes its Transform stream, say).
        let drain_deadline = async move {
            let _ = drain_rx.wait_for(|stop| *stop).await;
            tokio::time::sleep(drain_timeout).await;
            drain_calls.cancel_all();
            tokio::time::sleep(Duration::from_secs(5)).await;
        };
        tokio::select! {
            result = serving => result.map_err(ServeError::from),
            () = drain_deadline => Ok(()),
        }
    });
    Ok(ServerHandle {
        addr,
        calls,
        shutdown,
        task,
    })
}
