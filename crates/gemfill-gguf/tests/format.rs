//! Files built byte by byte in the test: a valid one read back exactly, and each kind of
//! damage reported as the error that names it.

use gemfill_gguf::{GgmlType, GgufError, GgufFile, GgufWriter, MetadataArray, MetadataValue};

fn small_file() -> GgufWriter {
    let mut writer = GgufWriter::new();
    writer
        .metadata(
            "general.architecture",
            MetadataValue::String("gemma3".into()),
        )
        .metadata("gemma3.block_count", MetadataValue::U32(2))
        .metadata(
            "gemma3.attention.layer_norm_rms_epsilon",
            MetadataValue::F32(1e-6),
        )
        .metadata("tokenizer.ggml.add_bos_token", MetadataValue::Bool(true))
        .metadata(
            "tokenizer.ggml.tokens",
            MetadataValue::Array(MetadataArray::String(vec!["<pad>".into(), "▁a".into()])),
        )
        .metadata(
            "tokenizer.ggml.scores",
            MetadataValue::Array(MetadataArray::F32(vec![-1000.0, -3.5])),
        )
        .tensor_f32("norm.weight", &[3], &[1.0, -2.0, 0.5])
        .tensor_f32("proj.weight", &[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    // A Q8_0 tensor of one row of 32: scale 0.25, quants -16..15.
    let mut q8 = Vec::from(half::f16::from_f32(0.25).to_bits().to_le_bytes());
    q8.extend((0..32).map(|i| (i as i8 - 16) as u8));
    writer.tensor_raw("q8.weight", &[32, 1], GgmlType::Q8_0, q8);
    writer
}

fn error_of(bytes: Vec<u8>) -> GgufError {
    GgufFile::from_bytes(bytes, "test.gguf").expect_err("the damaged file was accepted")
}

#[test]
fn a_written_file_reads_back_exactly() {
    let file = GgufFile::from_bytes(small_file().to_bytes(), "test.gguf").unwrap();
    assert_eq!(file.version(), 3);
    assert_eq!(file.alignment(), 32);
    assert_eq!(file.data_start() % 32, 0);
    assert_eq!(file.require_architecture(&["gemma3"]).unwrap(), "gemma3");
    assert_eq!(file.get_u64("gemma3.block_count").unwrap(), 2);
    assert_eq!(
        file.get_f64("gemma3.attention.layer_norm_rms_epsilon")
            .unwrap(),
        f64::from(1e-6f32)
    );
    assert!(file.get_bool("tokenizer.ggml.add_bos_token").unwrap());
    assert_eq!(
        file.get_string_array("tokenizer.ggml.tokens").unwrap(),
        ["<pad>", "▁a"]
    );
    assert_eq!(
        file.get_f32_array("tokenizer.ggml.scores").unwrap(),
        [-1000.0, -3.5]
    );

    let names: Vec<_> = file.tensors().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["norm.weight", "proj.weight", "q8.weight"]);
    assert_eq!(
        file.tensor_f32("norm.weight").unwrap(),
        (vec![3], vec![1.0, -2.0, 0.5])
    );
    let proj = file.tensor_f32_shaped("proj.weight", &[2, 3]).unwrap();
    assert_eq!(proj, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let (shape, q8) = file.tensor_f32("q8.weight").unwrap();
    assert_eq!(shape, [1, 32]);
    assert_eq!(q8[0], -4.0);
    assert_eq!(q8[31], 3.75);
}

#[test]
fn the_file_on_disk_reads_like_the_one_in_memory() {
    let path = std::env::temp_dir().join(format!("gemfill-gguf-{}.gguf", std::process::id()));
    small_file().write(&path).unwrap();
    let file = GgufFile::open(&path).unwrap();
    let proj = file.tensor_f32("proj.weight").unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(proj.1, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
}

#[test]
fn every_truncation_is_reported_as_truncated() {
    let bytes = small_file().to_bytes();
    // Cutting the file anywhere, header, metadata, table or data, must say "truncated"
    // (or, inside the magic, "not GGUF"), never panic and never succeed.
    for len in 0..bytes.len() {
        let error = error_of(bytes[..len].to_vec());
        match error {
            GgufError::Truncated { end, file_len, .. } => {
                assert_eq!(file_len, len as u64);
                assert!(end > file_len, "cut at {len}: {error}");
            }
            other => panic!("cut at {len}: expected Truncated, got {other}"),
        }
    }
}

#[test]
fn a_missing_tensor_tail_names_the_tensor() {
    let bytes = small_file().to_bytes();
    let error = error_of(bytes[..bytes.len() - 1].to_vec());
    let message = error.to_string();
    assert!(message.contains("truncated"), "{message}");
    assert!(message.contains("\"q8.weight\""), "{message}");
}

#[test]
fn wrong_magic_and_version_are_named() {
    let mut bytes = small_file().to_bytes();
    bytes[0..4].copy_from_slice(b"GGML");
    assert!(matches!(error_of(bytes), GgufError::NotGguf { found } if &found == b"GGML"));

    let mut bytes = small_file().to_bytes();
    bytes[4..8].copy_from_slice(&1u32.to_le_bytes());
    let error = error_of(bytes);
    assert!(matches!(error, GgufError::UnsupportedVersion(1)), "{error}");
}

/// Offset of the first byte after `needle` in `haystack`.
fn after(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("needle not found")
        + needle.len()
}

#[test]
fn corrupt_fields_are_reported_where_they_are() {
    // An impossible metadata value type.
    let mut bytes = small_file().to_bytes();
    let at = after(&bytes, b"gemma3.block_count");
    bytes[at..at + 4].copy_from_slice(&13u32.to_le_bytes());
    let error = error_of(bytes);
    assert!(matches!(error, GgufError::Corrupt { .. }), "{error}");
    assert!(error.to_string().contains("gemma3.block_count"), "{error}");
    assert!(error.to_string().contains("value type 13"), "{error}");

    // A bool that is neither 0 nor 1.
    let mut bytes = small_file().to_bytes();
    let at = after(&bytes, b"tokenizer.ggml.add_bos_token") + 4;
    bytes[at] = 7;
    let error = error_of(bytes);
    assert!(error.to_string().contains("bool holding 7"), "{error}");

    // A string length far past the end of the file.
    let mut bytes = small_file().to_bytes();
    let at = after(&bytes, b"general.architecture") + 4;
    bytes[at..at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(matches!(error_of(bytes), GgufError::Truncated { .. }));

    // Invalid UTF-8 in a token.
    let mut bytes = small_file().to_bytes();
    let at = after(&bytes, "▁a".as_bytes()) - 1;
    bytes[at] = 0xFF;
    let error = error_of(bytes);
    assert!(error.to_string().contains("not valid UTF-8"), "{error}");

    // A tensor with five dimensions.
    let mut bytes = small_file().to_bytes();
    let at = after(&bytes, b"norm.weight");
    bytes[at..at + 4].copy_from_slice(&5u32.to_le_bytes());
    let error = error_of(bytes);
    assert!(error.to_string().contains("5 dimensions"), "{error}");

    // A Q8_0 row that is not a whole number of blocks.
    let mut bytes = small_file().to_bytes();
    let at = after(&bytes, b"q8.weight") + 4;
    bytes[at..at + 8].copy_from_slice(&33u64.to_le_bytes());
    let error = error_of(bytes);
    assert!(
        error
            .to_string()
            .contains("not a multiple of the 32-value blocks of Q8_0"),
        "{error}"
    );

    // A tensor offset that breaks the alignment.
    let mut bytes = small_file().to_bytes();
    let at = after(&bytes, b"proj.weight") + 4 + 16 + 4;
    bytes[at..at + 8].copy_from_slice(&33u64.to_le_bytes());
    let error = error_of(bytes);
    assert!(
        error
            .to_string()
            .contains("not a multiple of the alignment 32"),
        "{error}"
    );

    // Counts no file of this size can hold: reported before anything is allocated.
    let mut bytes = small_file().to_bytes();
    bytes[8..16].copy_from_slice(&(1u64 << 40).to_le_bytes());
    let error = error_of(bytes);
    assert!(matches!(error, GgufError::Truncated { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("1099511627776 tensor entries the header announces"),
        "{error}"
    );
}

#[test]
fn unsupported_types_fail_on_read_naming_the_tensor() {
    let mut writer = small_file();
    writer.tensor_raw("q4_0.weight", &[32], GgmlType::Q4_0, vec![0u8; 18]);
    let file = GgufFile::from_bytes(writer.to_bytes(), "test.gguf").unwrap();
    let error = file.tensor_f32("q4_0.weight").unwrap_err();
    assert!(
        matches!(&error, GgufError::UnsupportedType { tensor, type_id: 2, .. } if tensor == "q4_0.weight"),
        "{error}"
    );
    assert!(error.to_string().contains("Q4_0"), "{error}");
    // The other tensors stay readable.
    assert_eq!(file.tensor_f32("norm.weight").unwrap().1, [1.0, -2.0, 0.5]);
}

#[test]
fn caller_expectations_are_checked() {
    let file = GgufFile::from_bytes(small_file().to_bytes(), "test.gguf").unwrap();
    let error = file.require_architecture(&["llama"]).unwrap_err();
    assert!(matches!(error, GgufError::WrongArchitecture { ref found, .. } if found == "gemma3"));
    assert!(error.to_string().contains("\"gemma3\""), "{error}");
    assert!(matches!(
        file.get_u64("missing.key"),
        Err(GgufError::MissingKey { .. })
    ));
    assert!(matches!(
        file.get_str("gemma3.block_count"),
        Err(GgufError::WrongKeyType { found: "u32", .. })
    ));
    assert!(matches!(
        file.get_f32_array("tokenizer.ggml.tokens"),
        Err(GgufError::WrongKeyType {
            found: "array of string",
            ..
        })
    ));
    assert!(matches!(
        file.tensor_f32("nope"),
        Err(GgufError::MissingTensor { .. })
    ));
    assert!(matches!(
        file.tensor_f32_shaped("proj.weight", &[3, 2]),
        Err(GgufError::WrongShape { .. })
    ));
}

#[test]
fn a_custom_alignment_is_honoured_and_a_bad_one_rejected() {
    let mut writer = small_file();
    writer.metadata("general.alignment", MetadataValue::U32(256));
    let file = GgufFile::from_bytes(writer.to_bytes(), "test.gguf").unwrap();
    assert_eq!(file.alignment(), 256);
    assert_eq!(file.data_start() % 256, 0);
    assert!(file.tensors().iter().all(|t| t.offset % 256 == 0));
    assert_eq!(file.tensor_f32("q8.weight").unwrap().1[31], 3.75);

    let mut writer = small_file();
    writer.metadata("general.alignment", MetadataValue::U32(24));
    let error = error_of(writer.to_bytes());
    assert!(error.to_string().contains("power of two"), "{error}");
}
