//! The documented limits of a request. A request over any of them gets INVALID_ARGUMENT
//! naming the field, before any work starts. Together with the concurrency limit and the
//! per-search memory limit they bound what one client can make the server hold.
//!
//! The same numbers are listed at the top of `proto/gemfill/v1/gemfill.proto`.

use std::time::Duration;

/// Examples per request.
pub const MAX_EXAMPLES: usize = 1000;
/// Unlabeled rows per request (and rows per Execute request).
pub const MAX_ROWS: usize = 10_000;
/// Input columns per example or row.
pub const MAX_COLUMNS: usize = 16;
/// Characters (Unicode scalar values) per input, output, constant, table key or value.
pub const MAX_STRING_CHARS: usize = 10_000;
/// Lookup tables per request.
pub const MAX_TABLES: usize = 64;
/// Entries per lookup table.
pub const MAX_TABLE_ENTRIES: usize = 10_000;
/// Constant hints per request.
pub const MAX_CONSTANTS: usize = 100;
/// Characters of program text.
pub const MAX_PROGRAM_CHARS: usize = 10_000;
/// Programs a synthesis may return.
pub const MAX_TOP_K: u32 = 100;
/// Rows per Transform request message.
pub const MAX_TRANSFORM_ROWS_PER_MESSAGE: usize = 1000;
/// The longest search a request may ask for.
pub const MAX_DEADLINE: Duration = Duration::from_secs(60);
/// The whole encoded request (enforced by the transport, which answers OUT_OF_RANGE).
pub const MAX_MESSAGE_BYTES: usize = 16 << 20;

/// The search time when the request does not say.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(10);
/// Programs returned when the request does not say.
pub const DEFAULT_TOP_K: u32 = 5;
