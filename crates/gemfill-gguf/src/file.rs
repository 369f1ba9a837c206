//! Parsing and checking a GGUF file, and reading its tensors on request.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Mutex;

use crate::dequant::dequantize_into;
use crate::error::{GgufError, Result};
use crate::metadata::{MetadataArray, MetadataValue};
use crate::types::GgmlType;
use crate::{DEFAULT_ALIGNMENT, MAGIC};

/// ggml tensors have at most four dimensions (`GGML_MAX_DIMS`).
const MAX_DIMS: u32 = 4;
/// Arrays of arrays deeper than this are taken as corruption, not recursed into.
const MAX_ARRAY_NESTING: usize = 8;

/// One entry of the tensor table.
#[derive(Debug, Clone, PartialEq)]
pub struct TensorInfo {
    /// The tensor's name, e.g. `blk.0.attn_q.weight`.
    pub name: String,
    /// Dimensions in ggml order: `dims[0]` (`ne0`) is the contiguous one.
    pub dims: Vec<u64>,
    /// Element type.
    pub ty: GgmlType,
    /// Offset of the data from the start of the (aligned) data section.
    pub offset: u64,
}

impl TensorInfo {
    /// The shape outermost dimension first, as torch and numpy write it (`dims` reversed).
    /// A 2-D weight with `dims = [in, out]` is `[out, in]`, a `Linear` weight.
    pub fn shape(&self) -> Vec<usize> {
        self.dims.iter().rev().map(|&d| d as usize).collect()
    }

    /// Number of elements.
    pub fn element_count(&self) -> u64 {
        self.dims.iter().product()
    }

    /// Bytes of data, when the type's block layout is known.
    pub fn byte_len(&self) -> Option<u64> {
        let (block_elements, block_bytes) = self.ty.block_geometry()?;
        Some(self.element_count() / block_elements * block_bytes)
    }
}

enum Source {
    File(Mutex<File>),
    Memory(Vec<u8>),
}

/// A parsed GGUF file: metadata and tensor table in memory, tensor data read on request.
pub struct GgufFile {
    name: String,
    source: Source,
    version: u32,
    metadata: Vec<(String, MetadataValue)>,
    metadata_index: HashMap<String, usize>,
    tensors: Vec<TensorInfo>,
    tensor_index: HashMap<String, usize>,
    alignment: u64,
    data_start: u64,
    file_len: u64,
}

impl std::fmt::Debug for GgufFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GgufFile")
            .field("name", &self.name)
            .field("version", &self.version)
            .field("metadata_keys", &self.metadata.len())
            .field("tensors", &self.tensors.len())
            .field("data_start", &self.data_start)
            .finish()
    }
}

impl GgufFile {
    /// Opens and checks `path`: header, metadata, tensor table, and that every tensor's
    /// data lies inside the file. Tensor data is read later, one tensor at a time.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let io_error = |source| GgufError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(io_error)?;
        let file_len = file.metadata().map_err(io_error)?.len();
        let parsed = {
            let mut reader = ByteReader::new(BufReader::with_capacity(1 << 20, &file), file_len);
            parse(&mut reader).map_err(|error| match error {
                ParseError::Gguf(error) => error,
                ParseError::Io(source) => io_error(source),
            })?
        };
        Self::assemble(
            path.display().to_string(),
            Source::File(Mutex::new(file)),
            parsed,
            file_len,
        )
    }

    /// Parses a GGUF file held in memory; `name` is used in error messages.
    pub fn from_bytes(bytes: Vec<u8>, name: &str) -> Result<Self> {
        let file_len = bytes.len() as u64;
        let parsed = {
            let mut reader = ByteReader::new(bytes.as_slice(), file_len);
            parse(&mut reader).map_err(|error| match error {
                ParseError::Gguf(error) => error,
                ParseError::Io(source) => GgufError::Io {
                    path: name.into(),
                    source,
                },
            })?
        };
        Self::assemble(name.to_string(), Source::Memory(bytes), parsed, file_len)
    }

    fn assemble(name: String, source: Source, parsed: Parsed, file_len: u64) -> Result<Self> {
        let Parsed {
            version,
            metadata,
            tensors,
            header_end,
        } = parsed;
        let mut metadata_index = HashMap::with_capacity(metadata.len());
        for (index, (key, _)) in metadata.iter().enumerate() {
            if metadata_index.insert(key.clone(), index).is_some() {
                return Err(corrupt(0, format!("metadata key {key:?} appears twice")));
            }
        }
        let alignment = match metadata_index.get("general.alignment") {
            None => DEFAULT_ALIGNMENT,
            Some(&index) => match metadata[index].1 {
                MetadataValue::U32(value) if value.is_power_of_two() => u64::from(value),
                ref other => {
                    return Err(corrupt(
                        0,
                        format!("general.alignment must be a power of two (u32), found {other:?}"),
                    ));
                }
            },
        };
        let data_start = header_end.div_ceil(alignment) * alignment;
        let mut tensor_index = HashMap::with_capacity(tensors.len());
        for (index, tensor) in tensors.iter().enumerate() {
            if tensor_index.insert(tensor.name.clone(), index).is_some() {
                return Err(corrupt(
                    0,
                    format!("tensor {:?} appears twice in the tensor table", tensor.name),
                ));
            }
            if !tensor.offset.is_multiple_of(alignment) {
                return Err(corrupt(
                    0,
                    format!(
                        "tensor {:?} starts at data offset {}, not a multiple of the alignment {alignment}",
                        tensor.name, tensor.offset
                    ),
                ));
            }
            if let Some(byte_len) = tensor.byte_len() {
                let start = data_start.saturating_add(tensor.offset);
                let end = start.saturating_add(byte_len);
                if end > file_len {
                    return Err(GgufError::Truncated {
                        what: format!("the data of tensor {:?}", tensor.name),
                        start,
                        end,
                        file_len,
                    });
                }
            }
        }
        Ok(Self {
            name,
            source,
            version,
            metadata,
            metadata_index,
            tensors,
            tensor_index,
            alignment,
            data_start,
            file_len,
        })
    }

    /// The path (or name) the file was opened as.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The GGUF version (2 or 3).
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The alignment of the tensor data.
    pub fn alignment(&self) -> u64 {
        self.alignment
    }

    /// Byte position where the tensor data starts.
    pub fn data_start(&self) -> u64 {
        self.data_start
    }

    /// Length of the file in bytes.
    pub fn file_len(&self) -> u64 {
        self.file_len
    }

    /// Every metadata pair, in file order.
    pub fn metadata(&self) -> &[(String, MetadataValue)] {
        &self.metadata
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&MetadataValue> {
        self.metadata_index
            .get(key)
            .map(|&index| &self.metadata[index].1)
    }

    fn require(&self, key: &str) -> Result<&MetadataValue> {
        self.get(key).ok_or_else(|| GgufError::MissingKey {
            key: key.to_string(),
        })
    }

    /// `key` as an unsigned integer (any integer width).
    pub fn get_u64(&self, key: &str) -> Result<u64> {
        let value = self.require(key)?;
        value
            .as_u64()
            .ok_or_else(|| wrong_type(key, "unsigned integer", value))
    }

    /// `key` as a float (any float or integer type).
    pub fn get_f64(&self, key: &str) -> Result<f64> {
        let value = self.require(key)?;
        value
            .as_f64()
            .ok_or_else(|| wrong_type(key, "number", value))
    }

    /// `key` as a boolean.
    pub fn get_bool(&self, key: &str) -> Result<bool> {
        match self.require(key)? {
            MetadataValue::Bool(value) => Ok(*value),
            other => Err(wrong_type(key, "bool", other)),
        }
    }

    /// `key` as a string.
    pub fn get_str(&self, key: &str) -> Result<&str> {
        match self.require(key)? {
            MetadataValue::String(value) => Ok(value),
            other => Err(wrong_type(key, "string", other)),
        }
    }

    /// `key` as an array.
    pub fn get_array(&self, key: &str) -> Result<&MetadataArray> {
        match self.require(key)? {
            MetadataValue::Array(array) => Ok(array),
            other => Err(wrong_type(key, "array", other)),
        }
    }

    /// `key` as an array of strings.
    pub fn get_string_array(&self, key: &str) -> Result<&[String]> {
        match self.get_array(key)? {
            MetadataArray::String(values) => Ok(values),
            other => Err(wrong_array_type(key, "array of string", other)),
        }
    }

    /// `key` as an array of f32.
    pub fn get_f32_array(&self, key: &str) -> Result<&[f32]> {
        match self.get_array(key)? {
            MetadataArray::F32(values) => Ok(values),
            other => Err(wrong_array_type(key, "array of f32", other)),
        }
    }

    /// `key` as an array of i32.
    pub fn get_i32_array(&self, key: &str) -> Result<&[i32]> {
        match self.get_array(key)? {
            MetadataArray::I32(values) => Ok(values),
            other => Err(wrong_array_type(key, "array of i32", other)),
        }
    }

    /// `general.architecture`, checked to be one of `accepted`.
    pub fn require_architecture(&self, accepted: &[&str]) -> Result<&str> {
        let found = self.get_str("general.architecture")?;
        if accepted.contains(&found) {
            Ok(found)
        } else {
            Err(GgufError::WrongArchitecture {
                path: self.name.clone(),
                found: found.to_string(),
                expected: accepted.iter().map(|a| a.to_string()).collect(),
            })
        }
    }

    /// The tensor table, in file order.
    pub fn tensors(&self) -> &[TensorInfo] {
        &self.tensors
    }

    /// The table entry of tensor `name`.
    pub fn tensor_info(&self, name: &str) -> Result<&TensorInfo> {
        self.tensor_index
            .get(name)
            .map(|&index| &self.tensors[index])
            .ok_or_else(|| GgufError::MissingTensor {
                name: name.to_string(),
            })
    }

    /// The raw bytes of tensor `name`.
    pub fn tensor_bytes(&self, name: &str) -> Result<Vec<u8>> {
        let info = self.tensor_info(name)?;
        let byte_len = info.byte_len().ok_or_else(|| unsupported(info))?;
        let start = self.data_start + info.offset;
        match &self.source {
            Source::Memory(bytes) => {
                Ok(bytes[start as usize..(start + byte_len) as usize].to_vec())
            }
            Source::File(file) => {
                let mut buffer = vec![0u8; byte_len as usize];
                let mut file = file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                file.seek(SeekFrom::Start(start))
                    .and_then(|_| file.read_exact(&mut buffer))
                    .map_err(|source| GgufError::Io {
                        path: self.name.clone().into(),
                        source,
                    })?;
                Ok(buffer)
            }
        }
    }

    /// Tensor `name` dequantized to `f32`, with its shape (outermost dimension first).
    pub fn tensor_f32(&self, name: &str) -> Result<(Vec<usize>, Vec<f32>)> {
        let info = self.tensor_info(name)?;
        if !info.ty.is_supported() {
            return Err(unsupported(info));
        }
        let bytes = self.tensor_bytes(name)?;
        let mut values = vec![0f32; info.element_count() as usize];
        dequantize_into(info.ty, &bytes, &mut values)?;
        Ok((info.shape(), values))
    }

    /// Like [`GgufFile::tensor_f32`], checking the shape is `expected`.
    pub fn tensor_f32_shaped(&self, name: &str, expected: &[usize]) -> Result<Vec<f32>> {
        let info = self.tensor_info(name)?;
        if info.shape() != expected {
            return Err(GgufError::WrongShape {
                name: name.to_string(),
                expected: expected.to_vec(),
                found: info.shape(),
            });
        }
        Ok(self.tensor_f32(name)?.1)
    }
}

fn corrupt(offset: u64, what: String) -> GgufError {
    GgufError::Corrupt { offset, what }
}

fn unsupported(info: &TensorInfo) -> GgufError {
    GgufError::UnsupportedType {
        tensor: info.name.clone(),
        type_id: info.ty.id(),
        type_name: info.ty.name().to_string(),
    }
}

fn wrong_type(key: &str, expected: &'static str, found: &MetadataValue) -> GgufError {
    GgufError::WrongKeyType {
        key: key.to_string(),
        expected,
        found: found.type_name(),
    }
}

fn wrong_array_type(key: &str, expected: &'static str, found: &MetadataArray) -> GgufError {
    GgufError::WrongKeyType {
        key: key.to_string(),
        expected,
        found: found.type_name(),
    }
}

struct Parsed {
    version: u32,
    metadata: Vec<(String, MetadataValue)>,
    tensors: Vec<TensorInfo>,
    header_end: u64,
}

enum ParseError {
    Gguf(GgufError),
    Io(std::io::Error),
}

impl From<GgufError> for ParseError {
    fn from(error: GgufError) -> Self {
        Self::Gguf(error)
    }
}

type ParseResult<T> = std::result::Result<T, ParseError>;

/// Reads little-endian fields, tracking the position so that every error can say where,
/// and refusing lengths that run past the end of the file before allocating for them.
struct ByteReader<R> {
    inner: R,
    position: u64,
    file_len: u64,
}

impl<R: Read> ByteReader<R> {
    fn new(inner: R, file_len: u64) -> Self {
        Self {
            inner,
            position: 0,
            file_len,
        }
    }

    fn ensure_available(&self, what: impl FnOnce() -> String, len: u64) -> ParseResult<()> {
        let end = self.position.saturating_add(len);
        if end > self.file_len {
            return Err(GgufError::Truncated {
                what: what(),
                start: self.position,
                end,
                file_len: self.file_len,
            }
            .into());
        }
        Ok(())
    }

    fn bytes<const N: usize>(&mut self, what: impl FnOnce() -> String) -> ParseResult<[u8; N]> {
        self.ensure_available(what, N as u64)?;
        let mut buffer = [0u8; N];
        self.inner.read_exact(&mut buffer).map_err(ParseError::Io)?;
        self.position += N as u64;
        Ok(buffer)
    }

    fn u32(&mut self, what: impl FnOnce() -> String) -> ParseResult<u32> {
        Ok(u32::from_le_bytes(self.bytes(what)?))
    }

    fn u64(&mut self, what: impl FnOnce() -> String) -> ParseResult<u64> {
        Ok(u64::from_le_bytes(self.bytes(what)?))
    }

    fn string(&mut self, what: &dyn Fn() -> String) -> ParseResult<String> {
        let start = self.position;
        let len = self.u64(|| format!("the length of {}", what()))?;
        self.ensure_available(what, len)?;
        let mut buffer = vec![0u8; len as usize];
        self.inner.read_exact(&mut buffer).map_err(ParseError::Io)?;
        self.position += len;
        String::from_utf8(buffer)
            .map_err(|_| corrupt(start, format!("{} is not valid UTF-8", what())).into())
    }

    fn value(&mut self, type_id: u32, what: &dyn Fn() -> String) -> ParseResult<MetadataValue> {
        let offset = self.position;
        Ok(match type_id {
            0 => MetadataValue::U8(self.bytes::<1>(what)?[0]),
            1 => MetadataValue::I8(self.bytes::<1>(what)?[0] as i8),
            2 => MetadataValue::U16(u16::from_le_bytes(self.bytes(what)?)),
            3 => MetadataValue::I16(i16::from_le_bytes(self.bytes(what)?)),
            4 => MetadataValue::U32(u32::from_le_bytes(self.bytes(what)?)),
            5 => MetadataValue::I32(i32::from_le_bytes(self.bytes(what)?)),
            6 => MetadataValue::F32(f32::from_le_bytes(self.bytes(what)?)),
            7 => match self.bytes::<1>(what)?[0] {
                0 => MetadataValue::Bool(false),
                1 => MetadataValue::Bool(true),
                other => {
                    return Err(
                        corrupt(offset, format!("{} is a bool holding {other}", what())).into(),
                    );
                }
            },
            8 => MetadataValue::String(self.string(what)?),
            9 => MetadataValue::Array(self.array(what, 0)?),
            10 => MetadataValue::U64(u64::from_le_bytes(self.bytes(what)?)),
            11 => MetadataValue::I64(i64::from_le_bytes(self.bytes(what)?)),
            12 => MetadataValue::F64(f64::from_le_bytes(self.bytes(what)?)),
            other => {
                return Err(corrupt(
                    offset,
                    format!(
                        "{} has value type {other}, which GGUF does not define (0..=12)",
                        what()
                    ),
                )
                .into());
            }
        })
    }

    fn array(&mut self, what: &dyn Fn() -> String, depth: usize) -> ParseResult<MetadataArray> {
        let offset = self.position;
        if depth >= MAX_ARRAY_NESTING {
            return Err(corrupt(
                offset,
                format!("{} nests arrays more than {MAX_ARRAY_NESTING} deep", what()),
            )
            .into());
        }
        let element_type = self.u32(|| format!("the element type of {}", what()))?;
        let count = self.u64(|| format!("the length of {}", what()))?;
        let min_element_bytes: u64 = match element_type {
            0 | 1 | 7 => 1,
            2 | 3 => 2,
            4..=6 => 4,
            8 | 10..=12 => 8,
            9 => 12,
            other => {
                return Err(corrupt(
                    offset,
                    format!(
                        "{} has element type {other}, which GGUF does not define (0..=12)",
                        what()
                    ),
                )
                .into());
            }
        };
        self.ensure_available(
            || format!("the {count} elements of {}", what()),
            count.saturating_mul(min_element_bytes),
        )?;
        let count = count as usize;
        let element = |index: usize| move || format!("element {index} of {}", what());
        macro_rules! collect {
            ($variant:ident, $read:expr) => {{
                let mut values = Vec::with_capacity(count);
                for index in 0..count {
                    values.push($read(self, index)?);
                }
                MetadataArray::$variant(values)
            }};
        }
        Ok(match element_type {
            0 => collect!(U8, |r: &mut Self, i| r.bytes::<1>(element(i)).map(|b| b[0])),
            1 => collect!(I8, |r: &mut Self, i| r
                .bytes::<1>(element(i))
                .map(|b| b[0] as i8)),
            2 => collect!(U16, |r: &mut Self, i| r
                .bytes(element(i))
                .map(u16::from_le_bytes)),
            3 => collect!(I16, |r: &mut Self, i| r
                .bytes(element(i))
                .map(i16::from_le_bytes)),
            4 => collect!(U32, |r: &mut Self, i| r
                .bytes(element(i))
                .map(u32::from_le_bytes)),
            5 => collect!(I32, |r: &mut Self, i| r
                .bytes(element(i))
                .map(i32::from_le_bytes)),
            6 => collect!(F32, |r: &mut Self, i| r
                .bytes(element(i))
                .map(f32::from_le_bytes)),
            7 => collect!(Bool, |r: &mut Self, i| match r.value(7, &element(i))? {
                MetadataValue::Bool(b) => Ok::<bool, ParseError>(b),
                _ => unreachable!("value type 7 is a bool"),
            }),
            8 => collect!(String, |r: &mut Self, i| r.string(&element(i))),
            9 => collect!(Array, |r: &mut Self, i| r.array(&element(i), depth + 1)),
            10 => collect!(U64, |r: &mut Self, i| r
                .bytes(element(i))
                .map(u64::from_le_bytes)),
            11 => collect!(I64, |r: &mut Self, i| r
                .bytes(element(i))
                .map(i64::from_le_bytes)),
            12 => collect!(F64, |r: &mut Self, i| r
                .bytes(element(i))
                .map(f64::from_le_bytes)),
            _ => unreachable!("element types were checked above"),
        })
    }
}

fn parse<R: Read>(reader: &mut ByteReader<R>) -> ParseResult<Parsed> {
    let magic = reader.bytes::<4>(|| "the magic number".to_string())?;
    if magic != MAGIC {
        return Err(GgufError::NotGguf { found: magic }.into());
    }
    let version = reader.u32(|| "the version".to_string())?;
    if !(2..=3).contains(&version) {
        return Err(GgufError::UnsupportedVersion(version).into());
    }
    let tensor_count = reader.u64(|| "the tensor count".to_string())?;
    let kv_count = reader.u64(|| "the metadata count".to_string())?;
    // Each metadata pair takes at least 13 bytes and each tensor entry at least 24, so
    // larger counts mean a cut (or corrupt) file; refusing them avoids huge allocations.
    let least = kv_count
        .saturating_mul(13)
        .saturating_add(tensor_count.saturating_mul(24));
    reader.ensure_available(
        || {
            format!(
                "the {kv_count} metadata pairs and {tensor_count} tensor entries the header announces (at least 13 and 24 bytes each)"
            )
        },
        least,
    )?;

    let mut metadata = Vec::with_capacity(kv_count as usize);
    for index in 0..kv_count {
        let key = reader.string(&|| format!("the key of metadata pair {index}"))?;
        let type_id = reader.u32(|| format!("the value type of metadata key {key:?}"))?;
        let value = reader.value(type_id, &|| format!("metadata key {key:?}"))?;
        metadata.push((key, value));
    }

    let mut tensors = Vec::with_capacity(tensor_count as usize);
    for index in 0..tensor_count {
        let name = reader.string(&|| format!("the name of tensor {index}"))?;
        let dims_offset = reader.position;
        let n_dims = reader.u32(|| format!("the dimension count of tensor {name:?}"))?;
        if !(1..=MAX_DIMS).contains(&n_dims) {
            return Err(corrupt(
                dims_offset,
                format!("tensor {name:?} has {n_dims} dimensions; ggml allows 1 to {MAX_DIMS}"),
            )
            .into());
        }
        let mut dims = Vec::with_capacity(n_dims as usize);
        for axis in 0..n_dims {
            dims.push(reader.u64(|| format!("dimension {axis} of tensor {name:?}"))?);
        }
        if dims
            .iter()
            .try_fold(1u64, |acc, &d| acc.checked_mul(d))
            .is_none()
        {
            return Err(corrupt(
                dims_offset,
                format!("tensor {name:?} has dimensions {dims:?}, whose product overflows"),
            )
            .into());
        }
        let type_offset = reader.position;
        let ty = GgmlType::from_id(reader.u32(|| format!("the type of tensor {name:?}"))?);
        if let Some((block_elements, _)) = ty.block_geometry()
            && !dims[0].is_multiple_of(block_elements)
        {
            return Err(corrupt(
                type_offset,
                format!(
                    "tensor {name:?} has rows of {} values, not a multiple of the {block_elements}-value blocks of {}",
                    dims[0],
                    ty.name()
                ),
            )
            .into());
        }
        let offset = reader.u64(|| format!("the data offset of tensor {name:?}"))?;
        tensors.push(TensorInfo {
            name,
            dims,
            ty,
            offset,
        });
    }
    Ok(Parsed {
        version,
        metadata,
        tensors,
        header_end: reader.position,
    })
}
