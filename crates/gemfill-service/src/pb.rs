// The code tonic generates from `proto/gemfill/v1/gemfill.proto` (by `build.rs`).

tonic::include_proto!("gemfill.v1");

/// The encoded descriptors of `gemfill.v1`, for server reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] = tonic::include_file_descriptor_set!("gemfill_descriptor");
