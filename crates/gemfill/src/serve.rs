//! `gemfill serve`: the gRPC service (crate gemfill-service) on a TCP address, until
//! SIGTERM or Ctrl-C, which drain in-flight calls before the process exits 0.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use clap::Args;
use gemfill_search::{Limits, Mode, Synthesizer};
use gemfill_service::{ModeUnavailable, ServerConfig, Symbolic, SynthesizerFactory, TlsFiles};

use crate::exit::{CommandResult, Outcome};
use crate::memory::own_peak_kib;
use crate::neural::{Loaded, load_proposer, synthesizer};
use crate::options::ProposerArgs;

/// Serve synthesis, execution, bulk transformation and explanation over gRPC.
///
/// The API is proto/gemfill/v1/gemfill.proto (service gemfill.v1.Synthesizer), with the
/// standard health service and server reflection, so grpcurl works unaided:
///
///   grpcurl -plaintext 127.0.0.1:50051 list
///
///   grpcurl -plaintext -d '{"examples": [{"inputs": ["John Smith"], "output": "Smith, J."}]}'
///   127.0.0.1:50051 gemfill.v1.Synthesizer/Synthesize
///
/// SIGTERM (or Ctrl-C) stops accepting connections, lets in-flight calls finish (searches
/// still running after --drain-timeout-secs are cancelled and answer with what they found)
/// and exits 0.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The address to listen on (port 0 picks a free port; the chosen address is printed).
    #[arg(long, default_value = "127.0.0.1:50051", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// The model that serves the neural and hybrid modes: --proposer small (the shipped
    /// model, or --model DIR, a checkpoint folder with config.json, tokenizers and
    /// weights) or --proposer gemma3-270m (--gguf FILE).
    #[command(flatten)]
    pub proposer: ProposerArgs,
    /// Serve without a neural model: only the enumerative mode, which is then the default.
    #[arg(long, conflicts_with_all = ["model", "gguf"])]
    pub symbolic_only: bool,
    /// Calls that may run at once; past it, calls get RESOURCE_EXHAUSTED at once.
    /// Default: eight per core, at least 8.
    #[arg(long, value_name = "N")]
    pub max_concurrent: Option<usize>,
    /// Memory limit of one search's value bank, in MiB.
    #[arg(long, default_value_t = 256, value_name = "MIB")]
    pub search_memory_mib: usize,
    /// TLS certificate chain (PEM); requires --tls-key.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM); requires --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// A file holding the bearer token every call must send as `authorization: Bearer
    /// <token>` (health checks excepted). Surrounding white space is ignored.
    #[arg(long, value_name = "FILE")]
    pub auth_token_file: Option<PathBuf>,
    /// After SIGTERM, seconds to let in-flight calls finish before cancelling searches.
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    pub drain_timeout_secs: u64,
}

fn read(path: &PathBuf, what: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read the {what} {}", path.display()))
}

/// The synthesizer factory: the model of `--model` (or the shipped one) unless
/// `--symbolic-only`.
fn factory(args: &ServeArgs) -> anyhow::Result<Arc<dyn SynthesizerFactory>> {
    if args.symbolic_only {
        return Ok(Arc::new(Symbolic));
    }
    if let Some(dir) = args.proposer.model.as_ref().filter(|d| !d.is_dir()) {
        bail!(
            "--model {}: no such folder; give the folder holding config.json and the weights",
            dir.display()
        );
    }
    let model = load_proposer(&[Mode::Hybrid], &args.proposer)?
        .context("the hybrid mode always loads a model")?;
    Ok(Arc::new(WithModel(model)))
}

/// A loaded proposer: every mode, hybrid by default.
struct WithModel(Loaded);

impl SynthesizerFactory for WithModel {
    fn build(&self, mode: Mode, limits: Limits) -> Result<Synthesizer, ModeUnavailable> {
        Ok(synthesizer(mode, Some(&self.0), limits))
    }

    fn default_mode(&self) -> Mode {
        Mode::Hybrid
    }

    fn describe(&self) -> String {
        let which = match &self.0 {
            Loaded::Small(_) => "neural model".to_string(),
            Loaded::Gemma(gemma) => format!(
                "{} proposer",
                gemfill_search::Proposer::name(gemma.as_ref())
            ),
        };
        format!("{which} loaded (modes: hybrid, neural, enumerative; default hybrid)")
    }
}

/// Runs `gemfill serve`.
pub fn run(args: ServeArgs) -> CommandResult {
    let mut config = ServerConfig {
        factory: factory(&args)?,
        search_memory_bytes: args.search_memory_mib << 20,
        drain_timeout: Duration::from_secs(args.drain_timeout_secs),
        ..ServerConfig::default()
    };
    if let Some(n) = args.max_concurrent {
        config.max_concurrent = n;
    }
    if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
        config.tls = Some(TlsFiles {
            cert_pem: read(cert, "TLS certificate")?,
            key_pem: read(key, "TLS key")?,
        });
    }
    if let Some(path) = &args.auth_token_file {
        let bytes = read(path, "auth token file")?;
        let Ok(token) = String::from_utf8(bytes) else {
            bail!("{}: the token is not UTF-8 text", path.display());
        };
        config.auth_token = Some(token.trim().to_string());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(args.listen, config))?;
    Ok(Outcome::Success)
}

async fn serve(listen: SocketAddr, config: ServerConfig) -> anyhow::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};

    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let summary = format!(
        "tls {}, auth {}, at most {} concurrent calls, {}",
        if config.tls.is_some() { "on" } else { "off" },
        if config.auth_token.is_some() {
            "on"
        } else {
            "off"
        },
        config.max_concurrent,
        config.factory.describe()
    );
    let server = gemfill_service::spawn(config, listener)?;
    // Scripts and tests read the address from this line (it matters with port 0).
    println!("gemfill: listening on {}", server.local_addr());
    eprintln!("gemfill: serving gemfill.v1.Synthesizer ({summary})");
    let mut terminate = signal(SignalKind::terminate()).context("cannot watch for SIGTERM")?;
    tokio::select! {
        _ = terminate.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    eprintln!(
        "gemfill: shutting down; draining {} running calls",
        server.running_jobs()
    );
    server.shutdown();
    server.wait().await?;
    if let Some(peak) = own_peak_kib() {
        eprintln!(
            "gemfill: stopped; peak memory {:.1} MiB",
            peak as f64 / 1024.0
        );
    }
    Ok(())
}
