//! Compiles proto/gemfill/v1/gemfill.proto into the service and client code, and writes
//! the file descriptor set that server reflection serves. protoc comes from the
//! `protoc-bin-vendored` crate, so building needs nothing installed on the system.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let protoc = protoc_bin_vendored::protoc_bin_path()?;
    // SAFETY: build scripts are single-threaded; nothing else reads the environment here.
    unsafe { std::env::set_var("PROTOC", protoc) };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proto");
    let proto = root.join("gemfill/v1/gemfill.proto");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    tonic_prost_build::configure()
        .file_descriptor_set_path(out_dir.join("gemfill_descriptor.bin"))
        .compile_protos(&[&proto], &[&root])?;
    println!("cargo:rerun-if-changed={}", proto.display());
    Ok(())
}
