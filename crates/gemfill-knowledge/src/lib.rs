//! # gemfill-knowledge: the facts and rules behind gemfill's semantic functions
//!
//! (crate docs: written at the end)

pub mod checksums;
pub mod choice;
pub mod codes;
pub mod encodings;
pub mod error;
pub mod expressions;
pub mod number;
pub mod units;

pub use error::{Error, Result};
pub mod web;
