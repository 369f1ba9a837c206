//! # gemfill-knowledge: the facts and rules behind gemfill's semantic functions
//!
//! The engines of the language's semantic functions, as plain Rust functions: units of
//! measurement, number systems and encodings, codes and reference data, checksums and
//! identifiers, the web and networks, and arithmetic typed into a cell. The crate knows
//! nothing of the language; the language registers each function as an operator.
//!
//! Every function is deterministic; total (for any input it returns a value or an
//! [`Error`] that says what is wrong, never panics: property tests call every function
//! with every choice of its parameters on arbitrary text); fast (microseconds on cell-sized
//! inputs; tables are built once, on first use, with `std::sync::LazyLock`); and small in
//! what it takes: text, a number ([`rust_decimal::Decimal`]), or one choice from a fixed
//! list of names (an enum with `ALL`, `name()` and `FromStr`, declared with the crate's
//! `choice!` macro, e.g. [`web::UrlPart`], [`codes::CountryField`]).
//!
//! ## Modules
//!
//! | module | family | examples |
//! | --- | --- | --- |
//! | [`units`] | units of measurement | `12 km` -> 7.4564... mi; `5'11"` -> 180.34 cm; `72°F` -> 22.2 °C |
//! | [`encodings`] | number systems and encodings | 255 -> `FF`; `XIV` -> 14; 21 -> `twenty-one`; `#FF6347` -> `rgb(255, 99, 71)`; `Crème` -> `Creme` |
//! | [`codes`] | codes and reference data | `Germany` -> `DE`; `€49.99` -> `EUR`; `pt-BR` -> `Portuguese (Brazil)`; `(415) 555-0134` -> `+14155550134` |
//! | [`checksums`] | checksums and identifiers | `7992739871` -> check digit 3; ISBN-10 <-> 13; IBAN validation; UUID formats |
//! | [`web`] | the web and networks | URL parts; registrable domains; IP forms; CIDR ranges; user agents; HTTP statuses |
//! | [`expressions`] | arithmetic in a cell | `(2+3)*4` -> 20; `15% of 80` -> 12; `1/2+1/3` -> `5/6` |
//! | [`number`] | reading numbers in text | `1,536` -> 1536; `1 1/2` -> 1.5; `−4` -> -4 |
//! | [`error`] | the error type | [`Error`], [`Result`] |
//! | `choice` (internal) | the `choice!` macro that declares parameter enums | |
//!
//! Each module's documentation has a table of its functions, their arguments and
//! examples. A function belongs in the module of its family, takes text, numbers or a
//! `choice!` enum, returns [`Result`], and is added to the catalogue in
//! `tests/common/mod.rs` so that the property tests and the coverage measurement see it.
//!
//! ## Dependencies
//!
//! Well-kept crates do the work where one exists; each was chosen for being small and
//! free of build scripts that download or C code. Of the build time from scratch, most
//! goes to `regex` (which the workspace builds anyway for the language), this crate's own
//! tables, `psl`, `woothee`, `idna` and `url`; the others take seconds.
//!
//! | crate | licence | why |
//! | --- | --- | --- |
//! | `rust_decimal` | MIT | exact decimal numbers, as the rest of the language |
//! | `thiserror` | MIT or Apache-2.0 | the typed error |
//! | `url` | MIT or Apache-2.0 | WHATWG URL parsing: parts, default ports, origins, query pairs |
//! | `idna` (+ `idna_adapter` 1.1) | MIT or Apache-2.0 | internationalized domain names; the 1.1 adapter uses `unicode-normalization` instead of ICU4X, which would double the build time of `url` |
//! | `percent-encoding` | MIT or Apache-2.0 | URL encoding of components |
//! | `psl` | MIT or Apache-2.0 | the Public Suffix List compiled in, for registrable domains (8 s to build) |
//! | `base64` | MIT or Apache-2.0 | Base64 (RFC 4648) |
//! | `unicode-normalization` | MIT or Apache-2.0 | NFD/NFC for removing accents |
//! | `deunicode` | BSD-3-Clause | transliteration tables to ASCII |
//! | `html-escape` | MIT | the HTML5 named character references, for decoding |
//! | `ipnet` | MIT or Apache-2.0 | CIDR networks (std has the addresses) |
//! | `uuid` | MIT or Apache-2.0 | parsing and writing UUIDs |
//! | `iban_validate` | MIT or Apache-2.0 | IBAN validation with each country's BBAN format |
//! | `mime_guess` | MIT | MIME types by file extension |
//! | `woothee` | Apache-2.0 | user-agent parsing rules (uses `regex`, already in the workspace) |
//!
//! Hand-written where no crate fits (each with its source named): the unit table (SI and
//! the 1959 yard and pound), the check-digit rules, the safe arithmetic parser, number
//! words, Roman numerals, US states, HTTP status phrases, well-known ports, the NATO
//! alphabet, and a NANP + UK phone formatter (`phonenumber` builds for over a minute).
//! Generated from published data by `data/generate_tables.py`: countries, currencies,
//! languages, scripts and time zones (Unicode CLDR 48, Unicode License v3;
//! libphonenumber's calling codes, Apache-2.0; the tz database's `zone.tab`, public
//! domain), and the CSS named colours (from the `webcolors` package, BSD-3-Clause).

pub mod checksums;
mod choice;
pub mod codes;
pub mod encodings;
pub mod error;
pub mod expressions;
pub mod number;
pub mod units;
pub mod web;

pub use error::{Error, Result};
