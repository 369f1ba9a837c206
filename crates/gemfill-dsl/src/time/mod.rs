//! Dates, times of day, date-times and durations: reading them from text, writing them
//! with a pattern, arithmetic, rounding and time zones.
//!
//! A [`Moment`] is a calendar date, a time of day, or both, with an optional UTC offset.
//! Everything is exact to the nanosecond and nothing here panics on any input: a day that
//! does not exist, a value out of range or a pattern that does not fit is a [`TimeError`]
//! that says what is wrong.
//!
//! - [`pattern`](mod@pattern): [`DatePattern`], the CLDR-style pattern language (`yyyy-MM-dd`,
//!   `EEE d MMM, h:mm a`), for writing and reading;
//! - [`any`](mod@any): [`read_any`], the first date or time in a text in any common format;
//! - [`serial`](mod@serial): spreadsheet serial days and Unix timestamps;
//! - [`arith`](mod@arith): [`Unit`]s, [`shift`], [`between`], [`start_of`], [`end_of`],
//!   [`round_to`];
//! - [`zone`](mod@zone): [`to_zone`] and [`in_zone`] with IANA time zones;
//! - [`duration`](mod@duration): [`read_duration`] and [`DurationPattern`];
//! - [`infer`](mod@infer): [`infer_date_patterns`] and [`infer_duration_patterns`], the
//!   patterns that write a value as shown.
//!
//! ```
//! use gemfill_dsl::num::Decimal;
//! use gemfill_dsl::time::{DatePattern, Order, Unit, read_any, shift, to_zone};
//! let moment = read_any("Shipped: 7/4/2023 11:30 PM", Order::MonthFirst).unwrap();
//! let later = shift(&moment, Decimal::from(1), Unit::Months).unwrap();
//! let pattern = DatePattern::parse("EEE d MMM yyyy, HH:mm").unwrap();
//! assert_eq!(pattern.format(&later).unwrap(), "Fri 4 Aug 2023, 23:30");
//! let utc = read_any("2023-07-04T23:30Z", Order::YearFirst).unwrap();
//! let paris = to_zone(&utc, "Europe/Paris").unwrap();
//! assert_eq!(DatePattern::parse("yyyy-MM-dd HH:mm xxx").unwrap().format(&paris).unwrap(), "2023-07-05 01:30 +02:00");
//! ```
//!
//! Internals: `moment` holds [`Moment`], `error` [`TimeError`], `names` month and weekday
//! names, `scan` the cursor that readers share, `parts` the fields read from a text and
//! how they make a moment, `write` and `read` the two directions of a date pattern.

pub mod any;
pub mod arith;
pub mod duration;
mod error;
pub mod infer;
mod moment;
pub(crate) mod names;
mod parts;
pub mod pattern;
mod read;
mod scan;
pub mod serial;
mod write;
pub mod zone;

pub use any::{Order, read_any};
pub use arith::{Unit, between, end_of, round_to, shift, start_of};
pub use duration::{DurationPattern, read_duration};
pub use error::{Part, TimeError};
pub use infer::{infer_date_patterns, infer_duration_patterns};
pub use moment::Moment;
pub use pattern::{DatePattern, DatePatternError, DatePatternProblem};
pub use serial::{from_serial, read_serial, read_unix_millis, read_unix_seconds, to_serial};
pub use zone::{in_zone, to_zone};
