//! Text encodings: Base64, percent-encoding (URLs), HTML entities and hex bytes.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::error::{Error, Result};

/// The bytes of RFC 3986 left as they are in a URL component: letters, digits, `-._~`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The UTF-8 bytes of `text` in standard Base64 with padding (RFC 4648 section 4).
///
/// ```
/// # use gemfill_knowledge::encodings::base64_encode;
/// assert_eq!(base64_encode("hello"), "aGVsbG8=");
/// ```
pub fn base64_encode(text: &str) -> String {
    STANDARD.encode(text)
}

/// The UTF-8 text encoded in Base64 `text`: the standard or the URL-safe alphabet, with
/// or without padding; whitespace is ignored. Errors name invalid Base64 and decoded
/// bytes that are not UTF-8.
///
/// ```
/// # use gemfill_knowledge::encodings::base64_decode;
/// assert_eq!(base64_decode("R2VtZmlsbA==").unwrap(), "Gemfill");
/// assert_eq!(base64_decode("R2VtZmlsbA").unwrap(), "Gemfill");
/// assert!(base64_decode("not base64!").is_err());
/// ```
pub fn base64_decode(text: &str) -> Result<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let url_safe = compact
        .trim_end_matches('=')
        .replace('+', "-")
        .replace('/', "_");
    let bytes = URL_SAFE_NO_PAD
        .decode(url_safe.as_bytes())
        .map_err(|source| Error::Base64 {
            text: text.to_string(),
            source,
        })?;
    String::from_utf8(bytes).map_err(|source| Error::NotUtf8 {
        text: text.to_string(),
        source,
    })
}

/// `text` percent-encoded as a URL component: every byte of its UTF-8 except letters,
/// digits and `-._~` becomes `%XX` (a space is `%20`).
///
/// ```
/// # use gemfill_knowledge::encodings::url_encode;
/// assert_eq!(url_encode("New York, NY"), "New%20York%2C%20NY");
/// assert_eq!(url_encode("café"), "caf%C3%A9");
/// ```
pub fn url_encode(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// `text` with `%XX` escapes decoded and `+` read as a space (as in query strings and
/// form data; write a literal plus as `%2B`). A `%` not followed by two hex digits stays
/// as it is. Decoded bytes must be UTF-8.
///
/// ```
/// # use gemfill_knowledge::encodings::url_decode;
/// assert_eq!(url_decode("caf%C3%A9+au+lait").unwrap(), "café au lait");
/// ```
pub fn url_decode(text: &str) -> Result<String> {
    let spaced = text.replace('+', " ");
    percent_decode_str(&spaced)
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
        .map_err(|_| Error::malformed(text, "percent-encoded UTF-8 text"))
}

/// `text` with the five characters that HTML gives meaning escaped: `&` `<` `>` `"` `'`
/// as `&amp;` `&lt;` `&gt;` `&quot;` `&#39;`, safe in element content and attributes.
///
/// ```
/// # use gemfill_knowledge::encodings::html_escape;
/// assert_eq!(html_escape("<b>Tom & \"Jerry\"</b>"), "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;");
/// ```
pub fn html_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// `text` with HTML character references decoded: every named entity of HTML5
/// (`&eacute;`, `&hellip;`, `&nbsp;`) and numeric ones (`&#39;`, `&#x1F600;`).
///
/// ```
/// # use gemfill_knowledge::encodings::html_unescape;
/// assert_eq!(html_unescape("Caf&eacute; &amp; It&#39;s"), "Café & It's");
/// ```
pub fn html_unescape(text: &str) -> String {
    html_escape::decode_html_entities(text).into_owned()
}

/// The UTF-8 bytes of `text` in hex, two upper-case digits a byte: `OK` -> `4F4B`.
pub fn hex_encode(text: &str) -> String {
    text.bytes().map(|byte| format!("{byte:02X}")).collect()
}

/// The UTF-8 text whose bytes are written in hex in `text`: `48 65 6C 6C 6F`,
/// `48656c6c6f`, `0x48 0x65`, `48:65`, `48-65`.
///
/// ```
/// # use gemfill_knowledge::encodings::hex_decode;
/// assert_eq!(hex_decode("47 45 54 20 2F").unwrap(), "GET /");
/// assert!(hex_decode("4").is_err());
/// ```
pub fn hex_decode(text: &str) -> Result<String> {
    let malformed = || Error::malformed(text, "bytes in hex");
    let mut digits = String::new();
    for group in text.split(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | ',')) {
        let group = group
            .strip_prefix("0x")
            .or_else(|| group.strip_prefix("0X"))
            .unwrap_or(group);
        digits.push_str(group);
    }
    if digits.is_empty()
        || !digits.len().is_multiple_of(2)
        || !digits.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return Err(malformed());
    }
    let bytes: Vec<u8> = (0..digits.len())
        .step_by(2)
        .map(|index| u8::from_str_radix(&digits[index..index + 2], 16))
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| malformed())?;
    String::from_utf8(bytes).map_err(|source| Error::NotUtf8 {
        text: text.to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_follows_rfc_4648() {
        // RFC 4648 section 10 test vectors.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(plain), encoded);
            assert_eq!(base64_decode(encoded).unwrap(), plain);
        }
        assert_eq!(base64_encode("user:pass"), "dXNlcjpwYXNz");
        assert_eq!(base64_decode("PDw_Pz4-").unwrap(), "<<??>>");
        assert_eq!(base64_decode("PDw/Pz4+").unwrap(), "<<??>>");
        assert!(matches!(base64_decode("//79"), Err(Error::NotUtf8 { .. })));
        assert!(matches!(base64_decode("a"), Err(Error::Base64 { .. })));
    }

    #[test]
    fn urls_percent_encode_components() {
        assert_eq!(url_encode("R&D / Sales"), "R%26D%20%2F%20Sales");
        assert_eq!(url_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(url_decode("Hello%20World").unwrap(), "Hello World");
        assert_eq!(url_decode("R%26D%2FSales").unwrap(), "R&D/Sales");
        assert_eq!(url_decode("100%").unwrap(), "100%");
        assert_eq!(url_decode("1%2B1").unwrap(), "1+1");
        assert!(url_decode("%FF").is_err());
    }

    #[test]
    fn html_escapes_and_unescapes() {
        assert_eq!(html_escape("Say \"hi\""), "Say &quot;hi&quot;");
        assert_eq!(html_escape("It's"), "It&#39;s");
        assert_eq!(html_unescape("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(html_unescape("&lt;b&gt; &#x41;&#66; &hellip;"), "<b> AB …");
        assert_eq!(html_unescape("&notanentity; &"), "&notanentity; &");
        for text in ["<a href='x'>&</a>", "plain", "\"quoted\""] {
            assert_eq!(html_unescape(&html_escape(text)), text);
        }
    }

    #[test]
    fn hex_bytes() {
        assert_eq!(hex_encode("Hello"), "48656C6C6F");
        assert_eq!(hex_decode("48 65 6C 6C 6F").unwrap(), "Hello");
        assert_eq!(hex_decode("0x4F 0x4B").unwrap(), "OK");
        assert_eq!(hex_decode("4f:4b").unwrap(), "OK");
        assert!(hex_decode("").is_err());
        assert!(hex_decode("zz").is_err());
        assert!(hex_decode("FF").is_err());
    }
}
