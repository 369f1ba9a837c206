//! Typed metadata values (GGUF value types 0 to 12).

/// The GGUF type id of a [`MetadataValue`], or of a [`MetadataArray`]'s elements: the two
/// enums have a variant per type, of the same name; this is the one table of their ids.
macro_rules! type_id {
    ($value:expr, $kind:ident) => {
        match $value {
            $kind::U8(_) => 0,
            $kind::I8(_) => 1,
            $kind::U16(_) => 2,
            $kind::I16(_) => 3,
            $kind::U32(_) => 4,
            $kind::I32(_) => 5,
            $kind::F32(_) => 6,
            $kind::Bool(_) => 7,
            $kind::String(_) => 8,
            $kind::Array(_) => 9,
            $kind::U64(_) => 10,
            $kind::I64(_) => 11,
            $kind::F64(_) => 12,
        }
    };
}

/// One metadata value.
#[derive(Debug, Clone, PartialEq)]
pub enum MetadataValue {
    /// Type 0.
    U8(u8),
    /// Type 1.
    I8(i8),
    /// Type 2.
    U16(u16),
    /// Type 3.
    I16(i16),
    /// Type 4.
    U32(u32),
    /// Type 5.
    I32(i32),
    /// Type 6.
    F32(f32),
    /// Type 7 (one byte, 0 or 1).
    Bool(bool),
    /// Type 8 (u64 length, then UTF-8 bytes).
    String(String),
    /// Type 9 (u32 element type, u64 count, elements).
    Array(MetadataArray),
    /// Type 10.
    U64(u64),
    /// Type 11.
    I64(i64),
    /// Type 12.
    F64(f64),
}

/// A homogeneous metadata array, kept typed so that a 262 144-entry vocabulary costs no
/// more than its values.
#[derive(Debug, Clone, PartialEq)]
pub enum MetadataArray {
    /// Type 0 elements.
    U8(Vec<u8>),
    /// Type 1 elements.
    I8(Vec<i8>),
    /// Type 2 elements.
    U16(Vec<u16>),
    /// Type 3 elements.
    I16(Vec<i16>),
    /// Type 4 elements.
    U32(Vec<u32>),
    /// Type 5 elements.
    I32(Vec<i32>),
    /// Type 6 elements.
    F32(Vec<f32>),
    /// Type 7 elements.
    Bool(Vec<bool>),
    /// Type 8 elements.
    String(Vec<String>),
    /// Type 9 elements (arrays of arrays).
    Array(Vec<MetadataArray>),
    /// Type 10 elements.
    U64(Vec<u64>),
    /// Type 11 elements.
    I64(Vec<i64>),
    /// Type 12 elements.
    F64(Vec<f64>),
}

impl MetadataValue {
    /// The GGUF value type id.
    pub fn type_id(&self) -> u32 {
        type_id!(self, MetadataValue)
    }

    /// A short name of the value's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::U8(_) => "u8",
            Self::I8(_) => "i8",
            Self::U16(_) => "u16",
            Self::I16(_) => "i16",
            Self::U32(_) => "u32",
            Self::I32(_) => "i32",
            Self::F32(_) => "f32",
            Self::Bool(_) => "bool",
            Self::String(_) => "string",
            Self::Array(array) => array.type_name(),
            Self::U64(_) => "u64",
            Self::I64(_) => "i64",
            Self::F64(_) => "f64",
        }
    }

    /// The value as an unsigned integer, when it is a non-negative integer of any width.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Self::U8(v) => Some(v.into()),
            Self::U16(v) => Some(v.into()),
            Self::U32(v) => Some(v.into()),
            Self::U64(v) => Some(v),
            Self::I8(v) => u64::try_from(v).ok(),
            Self::I16(v) => u64::try_from(v).ok(),
            Self::I32(v) => u64::try_from(v).ok(),
            Self::I64(v) => u64::try_from(v).ok(),
            _ => None,
        }
    }

    /// The value as a float, when it is a float or an integer.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Self::F32(v) => Some(v.into()),
            Self::F64(v) => Some(v),
            Self::I8(v) => Some(v.into()),
            Self::I16(v) => Some(v.into()),
            Self::I32(v) => Some(v.into()),
            Self::I64(v) => Some(v as f64),
            _ => self.as_u64().map(|v| v as f64),
        }
    }
}

impl MetadataArray {
    /// The GGUF value type id of the elements.
    pub fn element_type_id(&self) -> u32 {
        type_id!(self, MetadataArray)
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Self::U8(v) => v.len(),
            Self::I8(v) => v.len(),
            Self::U16(v) => v.len(),
            Self::I16(v) => v.len(),
            Self::U32(v) => v.len(),
            Self::I32(v) => v.len(),
            Self::F32(v) => v.len(),
            Self::Bool(v) => v.len(),
            Self::String(v) => v.len(),
            Self::Array(v) => v.len(),
            Self::U64(v) => v.len(),
            Self::I64(v) => v.len(),
            Self::F64(v) => v.len(),
        }
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A short name of the array's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::U8(_) => "array of u8",
            Self::I8(_) => "array of i8",
            Self::U16(_) => "array of u16",
            Self::I16(_) => "array of i16",
            Self::U32(_) => "array of u32",
            Self::I32(_) => "array of i32",
            Self::F32(_) => "array of f32",
            Self::Bool(_) => "array of bool",
            Self::String(_) => "array of string",
            Self::Array(_) => "array of arrays",
            Self::U64(_) => "array of u64",
            Self::I64(_) => "array of i64",
            Self::F64(_) => "array of f64",
        }
    }
}
