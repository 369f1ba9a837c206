//! The one error type of the crate: every function returns it for input it cannot read,
//! with a message a user can act on ("\"12 kg\" and \"km\" measure different things").

/// Why a semantic function could not produce a value for its input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text has no number where one was expected.
    #[error("there is no number in {text:?}")]
    NoNumber {
        /// The text that was read.
        text: String,
    },
    /// A name that is not one of a fixed list of choices (a unit, a URL part, a format...).
    #[error("{name:?} is not a {kind}; expected one of: {expected}")]
    UnknownChoice {
        /// What kind of choice it is ("URL part").
        kind: &'static str,
        /// The name given.
        name: String,
        /// The accepted names, comma-separated.
        expected: String,
    },
    /// Text that should name an entry of reference data (a country, a unit, a currency...)
    /// names none.
    #[error("{text:?} is not a known {what}")]
    NotFound {
        /// What was looked up ("country").
        what: &'static str,
        /// The text that names nothing known.
        text: String,
    },
    /// Text that names several entries of reference data equally well.
    #[error("{text:?} could be any of: {candidates}")]
    Ambiguous {
        /// The ambiguous text.
        text: String,
        /// The entries it could mean, comma-separated.
        candidates: String,
    },
    /// Text that is not written in the form the function reads.
    #[error("{text:?} is not {expected}")]
    Malformed {
        /// The text that was read.
        text: String,
        /// What the function reads, as a noun phrase ("a Roman numeral").
        expected: &'static str,
    },
    /// A value outside the range a function handles.
    #[error("{value} is outside {range}")]
    OutOfRange {
        /// The value, as text.
        value: String,
        /// The accepted range, in words ("1 to 3999").
        range: &'static str,
    },
    /// A conversion between units of different dimensions.
    #[error(
        "{from} is a {from_dimension} and {to} a {to_dimension}: they measure different things"
    )]
    DimensionMismatch {
        /// The symbol of the unit converted from.
        from: &'static str,
        /// What it measures.
        from_dimension: &'static str,
        /// The symbol of the unit converted to.
        to: &'static str,
        /// What that measures.
        to_dimension: &'static str,
    },
    /// Well-formed input that lacks the part asked for (a URL without a query parameter).
    #[error("{text:?} has no {what}")]
    Missing {
        /// The text that was read.
        text: String,
        /// The part that is missing.
        what: String,
    },
    /// Arithmetic that has no answer (division by zero) or none this crate represents.
    #[error("{0}")]
    Arithmetic(&'static str),
    /// An arithmetic expression that does not parse.
    #[error("{text:?} at character {position}: {message}")]
    Expression {
        /// The expression.
        text: String,
        /// Where the problem is (0-based, in characters).
        position: usize,
        /// What is wrong there.
        message: String,
    },
    /// Input a function reads in general but not in this case (a phone number of a country
    /// whose national format the crate does not know).
    #[error("{0}")]
    Unsupported(String),
    /// Text that is not valid Base64.
    #[error("{text:?} is not Base64")]
    Base64 {
        /// The text that was read.
        text: String,
        /// What the decoder found.
        #[source]
        source: base64::DecodeError,
    },
    /// Decoded bytes that are not UTF-8 text.
    #[error("the bytes decoded from {text:?} are not UTF-8 text")]
    NotUtf8 {
        /// The text that was decoded.
        text: String,
        /// Where the bytes stop being UTF-8.
        #[source]
        source: std::string::FromUtf8Error,
    },
    /// Text that is not a URL.
    #[error("{text:?} is not a URL")]
    Url {
        /// The text that was read.
        text: String,
        /// What the URL parser found.
        #[source]
        source: url::ParseError,
    },
    /// A domain name that is not a valid internationalized domain name.
    #[error("{text:?} is not a valid domain name")]
    Domain {
        /// The text that was read.
        text: String,
        /// What the IDNA processing found.
        #[source]
        source: idna::Errors,
    },
    /// Text that is not an IP address.
    #[error("{text:?} is not an IP address")]
    Ip {
        /// The text that was read.
        text: String,
        /// What the address parser found.
        #[source]
        source: std::net::AddrParseError,
    },
    /// Text that is not a network in CIDR notation.
    #[error("{text:?} is not a network like 10.0.0.0/24")]
    Cidr {
        /// The text that was read.
        text: String,
        /// What the network parser found.
        #[source]
        source: ipnet::AddrParseError,
    },
    /// Text that is not a UUID.
    #[error("{text:?} is not a UUID")]
    Uuid {
        /// The text that was read.
        text: String,
        /// What the UUID parser found.
        #[source]
        source: uuid::Error,
    },
}

impl Error {
    /// A [`Error::Malformed`] for `text`.
    pub(crate) fn malformed(text: &str, expected: &'static str) -> Self {
        Error::Malformed {
            text: text.to_string(),
            expected,
        }
    }

    /// A [`Error::NotFound`] for `text`.
    pub(crate) fn not_found(what: &'static str, text: &str) -> Self {
        Error::NotFound {
            what,
            text: text.to_string(),
        }
    }

    /// A [`Error::Missing`] for `text`.
    pub(crate) fn missing(text: &str, what: impl Into<String>) -> Self {
        Error::Missing {
            text: text.to_string(),
            what: what.into(),
        }
    }

    /// An [`Error::OutOfRange`] for `value`.
    pub(crate) fn out_of_range(value: impl ToString, range: &'static str) -> Self {
        Error::OutOfRange {
            value: value.to_string(),
            range,
        }
    }
}

/// What every function of the crate returns.
pub type Result<T> = std::result::Result<T, Error>;
