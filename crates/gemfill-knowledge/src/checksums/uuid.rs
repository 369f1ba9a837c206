//! UUIDs (RFC 9562) in their written forms, and their version.

use rust_decimal::Decimal;

use crate::choice::choice;
use crate::error::{Error, Result};

choice! {
    /// How [`uuid()`] writes a UUID.
    pub enum UuidFormat ("UUID format") {
        /// `46fcd802-f9c7-4094-b452-4517b84b2606`.
        Canonical = "canonical" | "hyphenated",
        /// `46FCD802-F9C7-4094-B452-4517B84B2606`.
        Upper = "upper",
        /// `{46FCD802-F9C7-4094-B452-4517B84B2606}` (the Microsoft GUID form).
        Braces = "braces" | "guid",
        /// `46fcd802f9c74094b4524517b84b2606`.
        Compact = "compact" | "simple",
        /// `urn:uuid:46fcd802-f9c7-4094-b452-4517b84b2606`.
        Urn = "urn",
    }
}

/// The UUID written in `text` (hyphenated, 32 hex digits, in braces, or as a URN; any
/// case) written in `format`.
///
/// ```
/// # use gemfill_knowledge::checksums::{uuid, UuidFormat};
/// let id = "46FCD802F9C74094B4524517B84B2606";
/// assert_eq!(uuid(id, UuidFormat::Canonical).unwrap(), "46fcd802-f9c7-4094-b452-4517b84b2606");
/// assert_eq!(uuid(id, UuidFormat::Braces).unwrap(), "{46FCD802-F9C7-4094-B452-4517B84B2606}");
/// ```
pub fn uuid(text: &str, format: UuidFormat) -> Result<String> {
    let id = parse(text)?;
    Ok(match format {
        UuidFormat::Canonical => id.hyphenated().to_string(),
        UuidFormat::Upper => id.hyphenated().to_string().to_uppercase(),
        UuidFormat::Braces => id.braced().to_string().to_uppercase(),
        UuidFormat::Compact => id.simple().to_string(),
        UuidFormat::Urn => id.urn().to_string(),
    })
}

/// The version of the UUID written in `text` (the digit after the second hyphen: 1 for
/// time-based, 4 random, 5 name-based, 7 time-ordered...).
///
/// ```
/// # use gemfill_knowledge::checksums::uuid_version;
/// assert_eq!(uuid_version("8a79f042-2b96-49b3-aca5-e93d9efc031d").unwrap().to_string(), "4");
/// ```
pub fn uuid_version(text: &str) -> Result<Decimal> {
    Ok(Decimal::from(parse(text)?.get_version_num()))
}

fn parse(text: &str) -> Result<::uuid::Uuid> {
    ::uuid::Uuid::try_parse(text.trim()).map_err(|source| Error::Uuid {
        text: text.to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip() {
        let canonical = "b495baa1-6baf-4c2d-b172-66368673d764";
        for format in UuidFormat::ALL {
            let written = uuid(canonical, *format).unwrap();
            assert_eq!(
                uuid(&written, UuidFormat::Canonical).unwrap(),
                canonical,
                "{format}"
            );
        }
        assert_eq!(
            uuid(canonical, UuidFormat::Urn).unwrap(),
            format!("urn:uuid:{canonical}")
        );
        assert_eq!(
            uuid_version("ec53c11a-e48f-52c1-bb09-6ea70735da65").unwrap(),
            Decimal::from(5)
        );
        assert_eq!(
            uuid_version("c945e6c6-c0ed-1dd1-afcf-a3df6ee942b0").unwrap(),
            Decimal::from(1)
        );
        assert!(uuid("not-a-uuid", UuidFormat::Canonical).is_err());
        assert!(uuid_version("").is_err());
    }
}
