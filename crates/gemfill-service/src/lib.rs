//! # gemfill-service: the gemfill gRPC service
//!
//! The API is `proto/gemfill/v1/gemfill.proto` (package `gemfill.v1`, service
//! `Synthesizer`): synthesis from examples (unary and streaming), execution, bulk
//! transformation (bidirectional streaming), the next example worth labeling, and
//! plain-English explanations. Next to it the server runs the standard `grpc.health.v1`
//! service and server reflection (v1 and v1alpha), so grpcurl and other clients discover
//! the API unaided.
//!
//! ```no_run
//! # async fn start() -> Result<(), Box<dyn std::error::Error>> {
//! use gemfill_service::{ServerConfig, spawn};
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:50051").await?;
//! let server = spawn(ServerConfig::default(), listener)?;
//! println!("serving on {}", server.local_addr());
//! server.wait().await?;
//! # Ok(()) }
//! ```
//!
//! ## Behaviour under bad input and load
//!
//! | situation | answer |
//! | --- | --- |
//! | a request breaks a [`limits`] rule | INVALID_ARGUMENT, a message saying what to fix, and a `google.rpc.BadRequest` with one field violation per problem |
//! | a mode needs a model the server did not load | FAILED_PRECONDITION |
//! | [`ServerConfig::max_concurrent`] calls already working | RESOURCE_EXHAUSTED at once (no queue) |
//! | a token is configured and the call lacks it | UNAUTHENTICATED |
//! | the client's deadline (`grpc-timeout`) is near | the search stops and the server answers with what it found |
//! | the client cancels or disconnects | the search is cancelled through its [`gemfill_search::CancelToken`] and its thread freed |
//! | shutdown (SIGTERM in `gemfill serve`) | health turns NOT_SERVING, no new connections, in-flight calls finish (searches are cancelled after [`ServerConfig::drain_timeout`]), then the server returns |
//!
//! Memory is bounded: at most `max_concurrent` searches run, each under
//! [`ServerConfig::search_memory_bytes`] of value bank, on requests of bounded size; a
//! Transform call holds at most a few messages of rows at a time.
//!
//! ## Module map
//!
//! | module | concept |
//! | --- | --- |
//! | [`pb`] | the generated messages, server and client |
//! | [`limits`] | the documented request limits |
//! | [`validate`] | requests to problems and programs, with field violations |
//! | [`factory`] | how the server builds a [`gemfill_search::Synthesizer`] for a mode |
//! | `convert` | search results to messages |
//! | `calls` | admission (concurrency limit), running searches, cancellation |
//! | `service` | the `Synthesizer` RPCs |
//! | [`server`] | health, reflection, auth, TLS, graceful shutdown |

#![warn(missing_docs)]

mod calls;
mod convert;
pub mod factory;
pub mod limits;
pub mod server;
mod service;
pub mod validate;

/// The messages, server and client generated from `proto/gemfill/v1/gemfill.proto`.
#[allow(
    missing_docs,
    clippy::large_enum_variant,
    clippy::doc_lazy_continuation
)]
pub mod pb;

pub use factory::{ModeUnavailable, Symbolic, SynthesizerFactory};
pub use server::{SERVICE_NAME, ServeError, ServerConfig, ServerHandle, TlsFiles, spawn};
