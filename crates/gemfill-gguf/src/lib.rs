//! GGUF checkpoints, the single-file format of llama.cpp/ggml, read in pure Rust.
//!
//! A GGUF file is a little-endian header (magic `GGUF`, version, counts), a list of typed
//! metadata key/value pairs, a tensor table (name, dimensions, element type, offset), and
//! the tensor data, aligned to `general.alignment` bytes (32 by default). [`GgufFile`]
//! parses and checks everything but the data on open, and reads one tensor at a time on
//! request, dequantized to `f32` ([`dequantize`]).
//!
//! Every defect of a file is a typed [`GgufError`] naming what is wrong and where: a
//! truncated or corrupt file, an element type gemfill cannot dequantize, a missing key or
//! tensor, or a checkpoint of another architecture.
//!
//! The layout follows ggml's `docs/gguf.md`; block layouts follow ggml's `ggml-common.h`
//! and `dequantize_row_*` in `ggml-quants.c`.

mod dequant;
mod error;
mod file;
mod metadata;
mod types;
mod writer;

pub use dequant::{dequantize, dequantize_into};
pub use error::GgufError;
pub use file::{GgufFile, TensorInfo};
pub use metadata::{MetadataArray, MetadataValue};
pub use types::GgmlType;
pub use writer::GgufWriter;

/// The alignment of the tensor data when a file has no `general.alignment` key.
pub const DEFAULT_ALIGNMENT: u64 = 32;

/// The four bytes every GGUF file starts with.
pub const MAGIC: [u8; 4] = *b"GGUF";
