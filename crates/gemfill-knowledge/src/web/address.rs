//! URLs (the WHATWG URL standard, via the `url` crate), their parts and query
//! parameters; registrable domains (the Public Suffix List, via `psl`); internationalized
//! domain names (IDNA/Punycode, via `idna`); email addresses.

use url::Url;

use crate::choice::choice;
use crate::encodings::url_decode;
use crate::error::{Error, Result};

choice! {
    /// A part of a URL for [`url()`].
    pub enum UrlPart ("URL part") {
        /// `https`.
        Scheme = "scheme" | "protocol",
        /// `shop.example.co.uk` (international names in Unicode).
        Host = "host" | "hostname",
        /// The registrable domain, by the Public Suffix List: `example.co.uk`.
        Domain = "domain" | "registrable domain",
        /// What comes before the registrable domain: `shop` (empty when nothing does).
        Subdomain = "subdomain",
        /// The public suffix: `co.uk`.
        Suffix = "suffix" | "tld" | "public suffix",
        /// The port, or the scheme's default (`443` for https).
        Port = "port",
        /// `/products/shoes` (as written, percent-encoded).
        Path = "path",
        /// The last path segment, decoded: `report.pdf` (empty for a path ending in `/`).
        File = "file" | "filename",
        /// The file's extension after its last dot: `gz` for `archive.tar.gz`.
        Extension = "extension" | "ext",
        /// The query without `?`: `q=shoes&page=2`.
        Query = "query",
        /// The fragment without `#`.
        Fragment = "fragment" | "anchor",
        /// Scheme, host and port (when not the default): `https://shop.example.com`.
        Origin = "origin",
    }
}

/// Reads a URL; one without a scheme (`example.com/path`, `localhost:8080`) is read as
/// `http://`.
fn parse_url(text: &str) -> Result<Url> {
    let trimmed = text.trim();
    let scheme_end = trimmed.find(':');
    let has_scheme = trimmed.contains("://")
        || scheme_end.is_some_and(|end| {
            let (scheme, rest) = trimmed.split_at(end);
            scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
                && !rest[1..].starts_with(|c: char| c.is_ascii_digit())
                && scheme.contains(|c: char| c.is_ascii_alphabetic())
        });
    let full = if has_scheme {
        trimmed.to_string()
    } else {
        format!("http://{trimmed}")
    };
    Url::parse(&full).map_err(|source| Error::Url {
        text: text.to_string(),
        source,
    })
}

/// `part` of the URL written in `text`. A part the URL does not have (no query, no
/// registrable domain for an IP address) is an error; a part that is there but empty
/// (`?` alone) is an empty text.
///
/// ```
/// # use gemfill_knowledge::web::{url, UrlPart};
/// let link = "https://news.bbc.co.uk:443/sport/football.html?id=3#top";
/// assert_eq!(url(link, UrlPart::Domain).unwrap(), "bbc.co.uk");
/// assert_eq!(url(link, UrlPart::Port).unwrap(), "443");
/// assert_eq!(url(link, UrlPart::File).unwrap(), "football.html");
/// assert_eq!(url(link, UrlPart::Origin).unwrap(), "https://news.bbc.co.uk");
/// ```
pub fn url(text: &str, part: UrlPart) -> Result<String> {
    let parsed = parse_url(text)?;
    let missing = |what: &str| Error::missing(text, what);
    let host = || -> Result<String> {
        let host = parsed.host_str().ok_or_else(|| missing("host"))?;
        Ok(idna::domain_to_unicode(host).0)
    };
    let registrable = || -> Result<String> {
        let host = parsed.domain().ok_or_else(|| missing("domain name"))?;
        let domain = psl::domain_str(host).ok_or_else(|| missing("registrable domain"))?;
        Ok(domain.to_string())
    };
    let file = || -> Result<String> {
        let segment = parsed
            .path_segments()
            .and_then(|mut segments| segments.next_back())
            .unwrap_or("");
        url_decode(&segment.replace('+', "%2B"))
    };
    Ok(match part {
        UrlPart::Scheme => parsed.scheme().to_string(),
        UrlPart::Host => host()?,
        UrlPart::Domain => idna::domain_to_unicode(&registrable()?).0,
        UrlPart::Subdomain => {
            let (host, domain) = (
                parsed.domain().ok_or_else(|| missing("domain name"))?,
                registrable()?,
            );
            let subdomain = host
                .strip_suffix(domain.as_str())
                .unwrap_or("")
                .trim_end_matches('.');
            idna::domain_to_unicode(subdomain).0
        }
        UrlPart::Suffix => {
            let host = parsed.domain().ok_or_else(|| missing("domain name"))?;
            psl::suffix_str(host)
                .ok_or_else(|| missing("public suffix"))?
                .to_string()
        }
        UrlPart::Port => parsed
            .port_or_known_default()
            .ok_or_else(|| missing("port"))?
            .to_string(),
        UrlPart::Path => parsed.path().to_string(),
        UrlPart::File => file()?,
        UrlPart::Extension => {
            let file = file()?;
            match file.rsplit_once('.') {
                Some((stem, extension)) if !stem.is_empty() && !extension.is_empty() => {
                    extension.to_string()
                }
                _ => return Err(missing("file extension")),
            }
        }
        UrlPart::Query => parsed.query().ok_or_else(|| missing("query"))?.to_string(),
        UrlPart::Fragment => parsed
            .fragment()
            .ok_or_else(|| missing("fragment"))?
            .to_string(),
        UrlPart::Origin => match parsed.origin() {
            origin @ url::Origin::Tuple(..) => origin.unicode_serialization(),
            url::Origin::Opaque(_) => return Err(missing("origin")),
        },
    })
}

/// The value of the query parameter `name` of the URL written in `text`, decoded (`+`
/// and `%20` as spaces); the first one when it repeats.
///
/// ```
/// # use gemfill_knowledge::web::url_param;
/// assert_eq!(url_param("https://example.com/s?q=running+shoes&page=2", "q").unwrap(), "running shoes");
/// assert!(url_param("https://example.com/s?q=x", "page").is_err());
/// ```
pub fn url_param(text: &str, name: &str) -> Result<String> {
    let parsed = parse_url(text)?;
    let found = parsed.query_pairs().find(|(key, _)| key == name);
    found
        .map(|(_, value)| value.into_owned())
        .ok_or_else(|| Error::missing(text, format!("query parameter {name:?}")))
}

/// A domain name in ASCII (Punycode; UTS 46 processing with the STD3 and DNS length rules): `bücher.de` ->
/// `xn--bcher-kva.de`.
///
/// ```
/// # use gemfill_knowledge::web::{idn_to_ascii, idn_to_unicode};
/// assert_eq!(idn_to_ascii("münchen.de").unwrap(), "xn--mnchen-3ya.de");
/// assert_eq!(idn_to_unicode("xn--caf-dma.example").unwrap(), "café.example");
/// ```
pub fn idn_to_ascii(text: &str) -> Result<String> {
    idna::domain_to_ascii_strict(text.trim()).map_err(|source| Error::Domain {
        text: text.to_string(),
        source,
    })
}

/// A domain name in Unicode: `xn--bcher-kva.de` -> `bücher.de`.
pub fn idn_to_unicode(text: &str) -> Result<String> {
    let (unicode, outcome) = idna::domain_to_unicode(text.trim());
    outcome.map(|()| unicode).map_err(|source| Error::Domain {
        text: text.to_string(),
        source,
    })
}

choice! {
    /// A part of an email address for [`email`].
    pub enum EmailPart ("email part") {
        /// The address alone: `ada@example.org`.
        Address = "address",
        /// Before the `@`: `ada`.
        Local = "local" | "user",
        /// After the `@`: `example.org`.
        Domain = "domain",
        /// The name in `Ada Lovelace <ada@example.org>`, without quotes.
        DisplayName = "display name" | "name",
        /// The mailbox the address delivers to, lower case, without a `+tag`; for Gmail
        /// (`gmail.com`, `googlemail.com`), without dots in the local part, at `gmail.com`.
        Canonical = "canonical",
    }
}

/// `part` of the email address written in `text`: a bare address, `mailto:` one, or
/// `Name <address>` (the name maybe quoted).
///
/// ```
/// # use gemfill_knowledge::web::{email, EmailPart};
/// assert_eq!(email("\"Smith, John\" <john.smith@corp.example.com>", EmailPart::Domain).unwrap(), "corp.example.com");
/// assert_eq!(email("John.Smith+news@gmail.com", EmailPart::Canonical).unwrap(), "johnsmith@gmail.com");
/// ```
pub fn email(text: &str, part: EmailPart) -> Result<String> {
    let trimmed = text.trim();
    let (display, address) = match (trimmed.rfind('<'), trimmed.ends_with('>')) {
        (Some(open), true) => (
            Some(trimmed[..open].trim().trim_matches('"').trim()),
            &trimmed[open + 1..trimmed.len() - 1],
        ),
        _ => (None, trimmed.strip_prefix("mailto:").unwrap_or(trimmed)),
    };
    let address = address.trim();
    let (local, domain) = address
        .rsplit_once('@')
        .ok_or_else(|| Error::malformed(text, "an email address"))?;
    let well_formed = !local.is_empty()
        && !domain.is_empty()
        && !address.contains(char::is_whitespace)
        && !domain.contains('@')
        && !domain.starts_with('.')
        && !domain.ends_with('.');
    if !well_formed {
        return Err(Error::malformed(text, "an email address"));
    }
    Ok(match part {
        EmailPart::Address => address.to_string(),
        EmailPart::Local => local.to_string(),
        EmailPart::Domain => domain.to_string(),
        EmailPart::DisplayName => match display {
            Some(name) if !name.is_empty() => name.to_string(),
            _ => return Err(Error::missing(text, "display name")),
        },
        EmailPart::Canonical => {
            let domain = domain.to_lowercase();
            let mailbox = local.split('+').next().unwrap_or(local).to_lowercase();
            if domain == "gmail.com" || domain == "googlemail.com" {
                format!("{}@gmail.com", mailbox.replace('.', ""))
            } else {
                format!("{mailbox}@{domain}")
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_parts() {
        use UrlPart::*;
        let link = "https://shop.example.com/products/shoes?size=42#reviews";
        for (part, expected) in [
            (Scheme, "https"),
            (Host, "shop.example.com"),
            (Domain, "example.com"),
            (Subdomain, "shop"),
            (Suffix, "com"),
            (Port, "443"),
            (Path, "/products/shoes"),
            (File, "shoes"),
            (Query, "size=42"),
            (Fragment, "reviews"),
            (Origin, "https://shop.example.com"),
        ] {
            assert_eq!(url(link, part).unwrap(), expected, "{part}");
        }
        assert_eq!(
            url("http://localhost:8080/health", Host).unwrap(),
            "localhost"
        );
        assert_eq!(
            url("http://localhost:8080/api/v1", Origin).unwrap(),
            "http://localhost:8080"
        );
        assert_eq!(
            url("https://example.org:443/login", Origin).unwrap(),
            "https://example.org"
        );
        assert_eq!(
            url("http://a.b.example.org/x", Domain).unwrap(),
            "example.org"
        );
        assert_eq!(
            url("https://news.bbc.co.uk/sport", Suffix).unwrap(),
            "co.uk"
        );
        assert_eq!(url("http://example.net/a/b/c/", Path).unwrap(), "/a/b/c/");
        assert_eq!(url("http://example.net/a/b/c/", File).unwrap(), "");
        assert_eq!(
            url(
                "http://files.example.net/pub/archive.tar.gz#sha256",
                Extension
            )
            .unwrap(),
            "gz"
        );
        assert_eq!(
            url("ftp://ftp.example.com/pub/README", File).unwrap(),
            "README"
        );
        assert_eq!(url("ftp://ftp.example.com/pub/README", Port).unwrap(), "21");
        assert_eq!(
            url("example.com/docs/My%20File.pdf", File).unwrap(),
            "My File.pdf"
        );
        assert_eq!(url("https://bücher.de/", Host).unwrap(), "bücher.de");
        assert_eq!(url("https://example.com", Subdomain).unwrap(), "");
    }

    #[test]
    fn missing_url_parts_are_errors() {
        assert!(matches!(
            url("https://example.com/", UrlPart::Query),
            Err(Error::Missing { .. })
        ));
        assert!(matches!(
            url("http://192.168.1.1/", UrlPart::Domain),
            Err(Error::Missing { .. })
        ));
        assert!(matches!(
            url("https://example.com/README", UrlPart::Extension),
            Err(Error::Missing { .. })
        ));
        assert!(matches!(
            url("http://", UrlPart::Host),
            Err(Error::Url { .. })
        ));
        assert!(url("mailto:ada@example.org", UrlPart::Origin).is_err());
    }

    #[test]
    fn query_parameters_are_decoded() {
        let link = "https://example.com/track?utm_source=newsletter&utm_campaign=spring%20sale";
        assert_eq!(url_param(link, "utm_campaign").unwrap(), "spring sale");
        assert_eq!(
            url_param("https://example.com/watch?v=dQw4w9WgXcQ&t=42", "t").unwrap(),
            "42"
        );
        assert_eq!(url_param("https://example.com/?a=1&a=2", "a").unwrap(), "1");
    }

    #[test]
    fn international_domain_names() {
        assert_eq!(idn_to_ascii("bücher.de").unwrap(), "xn--bcher-kva.de");
        assert_eq!(idn_to_unicode("xn--mnchen-3ya.de").unwrap(), "münchen.de");
        assert_eq!(idn_to_ascii("example.com").unwrap(), "example.com");
        assert!(idn_to_ascii("a b.com").is_err());
    }

    #[test]
    fn email_parts() {
        use EmailPart::*;
        let from = "Ada Lovelace <ada@analytical.example.org>";
        assert_eq!(email(from, Domain).unwrap(), "analytical.example.org");
        assert_eq!(email(from, DisplayName).unwrap(), "Ada Lovelace");
        assert_eq!(email(from, Local).unwrap(), "ada");
        assert_eq!(email(from, Address).unwrap(), "ada@analytical.example.org");
        assert_eq!(
            email("\"Doe, Jane\" <jdoe@mail.example.net>", DisplayName).unwrap(),
            "Doe, Jane"
        );
        assert_eq!(
            email("mailto:x@example.com", Domain).unwrap(),
            "example.com"
        );
        assert_eq!(
            email("l.i.n.d.a+2024@gmail.com", Canonical).unwrap(),
            "linda@gmail.com"
        );
        assert_eq!(
            email("Tom+work.mail@Example.com", Canonical).unwrap(),
            "tom@example.com"
        );
        assert!(matches!(
            email("ada@example.org", DisplayName),
            Err(Error::Missing { .. })
        ));
        for bad in [
            "",
            "ada",
            "@example.org",
            "ada@",
            "a b@example.org",
            "ada@.org",
        ] {
            assert!(email(bad, Domain).is_err(), "{bad}");
        }
    }
}
