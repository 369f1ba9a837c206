//! Writing GGUF version 3 files: used to save checkpoints gemfill makes and, in tests,
//! to build files byte by byte.

use std::path::Path;

use crate::DEFAULT_ALIGNMENT;
use crate::MAGIC;
use crate::metadata::{MetadataArray, MetadataValue};
use crate::types::GgmlType;

/// Collects metadata and tensors, then lays them out as a GGUF v3 file, aligned to
/// `general.alignment` when that key is a power of two and to 32 bytes otherwise.
#[derive(Debug, Default)]
pub struct GgufWriter {
    metadata: Vec<(String, MetadataValue)>,
    tensors: Vec<(String, Vec<u64>, GgmlType, Vec<u8>)>,
}

impl GgufWriter {
    /// An empty file.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a metadata pair (kept in insertion order).
    pub fn metadata(&mut self, key: &str, value: MetadataValue) -> &mut Self {
        self.metadata.push((key.to_string(), value));
        self
    }

    /// Adds an `f32` tensor of `shape` (outermost dimension first, as in torch).
    pub fn tensor_f32(&mut self, name: &str, shape: &[usize], values: &[f32]) -> &mut Self {
        let bytes = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        let dims = shape.iter().rev().map(|&d| d as u64).collect();
        self.tensors
            .push((name.to_string(), dims, GgmlType::F32, bytes));
        self
    }

    /// Adds a tensor from raw bytes, with ggml-order `dims` (`ne0` first) and type `ty`.
    /// The bytes are written as given, so a test can also write inconsistent data.
    pub fn tensor_raw(
        &mut self,
        name: &str,
        dims: &[u64],
        ty: GgmlType,
        bytes: Vec<u8>,
    ) -> &mut Self {
        self.tensors
            .push((name.to_string(), dims.to_vec(), ty, bytes));
        self
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let alignment = self
            .metadata
            .iter()
            .find_map(|(key, value)| match value {
                MetadataValue::U32(a) if key == "general.alignment" && a.is_power_of_two() => {
                    Some(u64::from(*a))
                }
                _ => None,
            })
            .unwrap_or(DEFAULT_ALIGNMENT);
        let mut out = Vec::new();
        out.extend(MAGIC);
        out.extend(3u32.to_le_bytes());
        out.extend((self.tensors.len() as u64).to_le_bytes());
        out.extend((self.metadata.len() as u64).to_le_bytes());
        for (key, value) in &self.metadata {
            write_string(&mut out, key);
            out.extend(value.type_id().to_le_bytes());
            write_value(&mut out, value);
        }
        let mut offset = 0u64;
        let mut offsets = Vec::with_capacity(self.tensors.len());
        for (name, dims, ty, bytes) in &self.tensors {
            write_string(&mut out, name);
            out.extend((dims.len() as u32).to_le_bytes());
            for dim in dims {
                out.extend(dim.to_le_bytes());
            }
            out.extend(ty.id().to_le_bytes());
            out.extend(offset.to_le_bytes());
            offsets.push(offset);
            offset = (offset + bytes.len() as u64).div_ceil(alignment) * alignment;
        }
        let data_start = (out.len() as u64).div_ceil(alignment) * alignment;
        out.resize(data_start as usize, 0);
        for ((_, _, _, bytes), offset) in self.tensors.iter().zip(offsets) {
            out.resize((data_start + offset) as usize, 0);
            out.extend(bytes);
        }
        out
    }

    /// Writes the file to `path`.
    pub fn write(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        std::fs::write(path, self.to_bytes())
    }
}

fn write_string(out: &mut Vec<u8>, text: &str) {
    out.extend((text.len() as u64).to_le_bytes());
    out.extend(text.as_bytes());
}

fn write_value(out: &mut Vec<u8>, value: &MetadataValue) {
    match value {
        MetadataValue::U8(v) => out.push(*v),
        MetadataValue::I8(v) => out.push(*v as u8),
        MetadataValue::U16(v) => out.extend(v.to_le_bytes()),
        MetadataValue::I16(v) => out.extend(v.to_le_bytes()),
        MetadataValue::U32(v) => out.extend(v.to_le_bytes()),
        MetadataValue::I32(v) => out.extend(v.to_le_bytes()),
        MetadataValue::F32(v) => out.extend(v.to_le_bytes()),
        MetadataValue::Bool(v) => out.push(u8::from(*v)),
        MetadataValue::String(v) => write_string(out, v),
        MetadataValue::Array(array) => write_array(out, array),
        MetadataValue::U64(v) => out.extend(v.to_le_bytes()),
        MetadataValue::I64(v) => out.extend(v.to_le_bytes()),
        MetadataValue::F64(v) => out.extend(v.to_le_bytes()),
    }
}

fn write_array(out: &mut Vec<u8>, array: &MetadataArray) {
    out.extend(array.element_type_id().to_le_bytes());
    out.extend((array.len() as u64).to_le_bytes());
    match array {
        MetadataArray::U8(values) => out.extend(values),
        MetadataArray::I8(values) => out.extend(values.iter().map(|&v| v as u8)),
        MetadataArray::U16(values) => values.iter().for_each(|v| out.extend(v.to_le_bytes())),
        MetadataArray::I16(values) => values.iter().for_each(|v| out.extend(v.to_le_bytes())),
        MetadataArray::U32(values) => values.iter().for_each(|v| out.extend(v.to_le_bytes())),
        MetadataArray::I32(values) => values.iter().for_each(|v| out.extend(v.to_le_bytes())),
        MetadataArray::F32(values) => values.iter().for_each(|v| out.extend(v.to_le_bytes())),
        MetadataArray::Bool(values) => out.extend(values.iter().map(|&v| u8::from(v))),
        MetadataArray::String(values) => values.iter().for_each(|v| write_string(out, v)),
        MetadataArray::Array(values) => values.iter().for_each(|v| write_array(out, v)),
        MetadataArray::U64(values) => values.iter().for_each(|v| out.extend(v.to_le_bytes())),
        MetadataArray::I64(values) => values.iter().for_each(|v| out.extend(v.to_le_bytes())),
        MetadataArray::F64(values) => values.iter().for_each(|v| out.extend(v.to_le_bytes())),
    }
}
