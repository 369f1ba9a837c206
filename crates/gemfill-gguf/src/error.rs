//! What can be wrong with a GGUF file, each case naming the place and what to fix.

use std::path::PathBuf;

/// An error reading or interpreting a GGUF file.
#[derive(Debug, thiserror::Error)]
pub enum GgufError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The first four bytes are not `GGUF`.
    #[error("not a GGUF file: it starts with {found:?}, not \"GGUF\"")]
    NotGguf {
        /// The bytes found instead.
        found: [u8; 4],
    },
    /// A GGUF version this reader does not know (it reads versions 2 and 3).
    #[error(
        "GGUF version {0} is not supported (gemfill reads versions 2 and 3); convert the checkpoint with a current llama.cpp"
    )]
    UnsupportedVersion(u32),
    /// The file ends before a field or a tensor's data does.
    #[error(
        "truncated GGUF file: {what} needs bytes {start}..{end} but the file has only {file_len} bytes"
    )]
    Truncated {
        /// What was being read.
        what: String,
        /// First byte of it.
        start: u64,
        /// One past its last byte.
        end: u64,
        /// Length of the file.
        file_len: u64,
    },
    /// A field holds a value no valid file has.
    #[error("corrupt GGUF file at byte {offset}: {what}")]
    Corrupt {
        /// Position of the field.
        offset: u64,
        /// What is wrong with it.
        what: String,
    },
    /// A tensor's element type has no dequantizer here.
    #[error(
        "tensor {tensor:?} has element type {type_name} (ggml type id {type_id}), which gemfill cannot dequantize; supported: F32, F16, BF16, Q8_0, Q5_0, Q4_K, Q6_K (re-quantize the checkpoint to one of them)"
    )]
    UnsupportedType {
        /// The tensor.
        tensor: String,
        /// ggml's numeric type id.
        type_id: u32,
        /// ggml's name for the type, or `unknown`.
        type_name: String,
    },
    /// The checkpoint is of a model family the caller cannot run.
    #[error("{path}: general.architecture is {found:?}, but this loader needs one of {expected:?}")]
    WrongArchitecture {
        /// The file.
        path: String,
        /// What `general.architecture` says.
        found: String,
        /// The architectures the caller accepts.
        expected: Vec<String>,
    },
    /// A metadata key the caller needs is absent.
    #[error("metadata key {key:?} is missing")]
    MissingKey {
        /// The key.
        key: String,
    },
    /// A metadata key holds a value of another type than the caller needs.
    #[error("metadata key {key:?} holds {found}, expected {expected}")]
    WrongKeyType {
        /// The key.
        key: String,
        /// The type the caller needs.
        expected: &'static str,
        /// The type found.
        found: &'static str,
    },
    /// A tensor the caller needs is absent.
    #[error("tensor {name:?} is missing from the file")]
    MissingTensor {
        /// The tensor name.
        name: String,
    },
    /// A tensor has other dimensions than the caller needs.
    #[error("tensor {name:?} has shape {found:?}, expected {expected:?}")]
    WrongShape {
        /// The tensor name.
        name: String,
        /// The shape needed (outermost dimension first, as in torch).
        expected: Vec<usize>,
        /// The shape in the file (outermost dimension first).
        found: Vec<usize>,
    },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, GgufError>;
