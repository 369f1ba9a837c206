//! Small tables of the web: HTTP status phrases, well-known ports and MIME types.

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// HTTP status codes and their reason phrases as RFC 9110 (section 15) and the IANA HTTP
/// Status Code Registry name them; 418 as RFC 2324 does.
const HTTP_STATUSES: &[(u16, &str)] = &[
    (100, "Continue"),
    (101, "Switching Protocols"),
    (102, "Processing"),
    (103, "Early Hints"),
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non-Authoritative Information"),
    (204, "No Content"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (207, "Multi-Status"),
    (208, "Already Reported"),
    (226, "IM Used"),
    (300, "Multiple Choices"),
    (301, "Moved Permanently"),
    (302, "Found"),
    (303, "See Other"),
    (304, "Not Modified"),
    (305, "Use Proxy"),
    (307, "Temporary Redirect"),
    (308, "Permanent Redirect"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Content Too Large"),
    (414, "URI Too Long"),
    (415, "Unsupported Media Type"),
    (416, "Range Not Satisfiable"),
    (417, "Expectation Failed"),
    (418, "I'm a teapot"),
    (421, "Misdirected Request"),
    (422, "Unprocessable Content"),
    (423, "Locked"),
    (424, "Failed Dependency"),
    (425, "Too Early"),
    (426, "Upgrade Required"),
    (428, "Precondition Required"),
    (429, "Too Many Requests"),
    (431, "Request Header Fields Too Large"),
    (451, "Unavailable For Legal Reasons"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (505, "HTTP Version Not Supported"),
    (506, "Variant Also Negotiates"),
    (507, "Insufficient Storage"),
    (508, "Loop Detected"),
    (510, "Not Extended"),
    (511, "Network Authentication Required"),
];

/// Well-known and registered ports (IANA Service Name and Transport Protocol Port Number
/// Registry) with the name the service goes by in practice.
const PORTS: &[(u16, &str)] = &[
    (20, "FTP data"),
    (21, "FTP"),
    (22, "SSH"),
    (23, "Telnet"),
    (25, "SMTP"),
    (53, "DNS"),
    (67, "DHCP"),
    (69, "TFTP"),
    (80, "HTTP"),
    (110, "POP3"),
    (119, "NNTP"),
    (123, "NTP"),
    (135, "Microsoft RPC"),
    (137, "NetBIOS"),
    (143, "IMAP"),
    (161, "SNMP"),
    (179, "BGP"),
    (389, "LDAP"),
    (443, "HTTPS"),
    (445, "SMB"),
    (465, "SMTPS"),
    (514, "Syslog"),
    (587, "SMTP submission"),
    (631, "IPP"),
    (636, "LDAPS"),
    (853, "DNS over TLS"),
    (873, "rsync"),
    (993, "IMAPS"),
    (995, "POP3S"),
    (1194, "OpenVPN"),
    (1433, "Microsoft SQL Server"),
    (1521, "Oracle Database"),
    (1883, "MQTT"),
    (2049, "NFS"),
    (2181, "ZooKeeper"),
    (2375, "Docker"),
    (2376, "Docker TLS"),
    (3000, "Grafana"),
    (3306, "MySQL"),
    (3389, "RDP"),
    (5060, "SIP"),
    (5222, "XMPP"),
    (5432, "PostgreSQL"),
    (5672, "AMQP"),
    (5900, "VNC"),
    (6379, "Redis"),
    (6443, "Kubernetes API"),
    (8080, "HTTP alternate"),
    (8443, "HTTPS alternate"),
    (9092, "Kafka"),
    (9200, "Elasticsearch"),
    (9418, "Git"),
    (11211, "Memcached"),
    (27017, "MongoDB"),
];

/// The reason phrase of the HTTP status code written in `text`: `404` -> `Not Found`.
///
/// ```
/// # use gemfill_knowledge::web::http_status;
/// assert_eq!(http_status("404").unwrap(), "Not Found");
/// ```
pub fn http_status(text: &str) -> Result<String> {
    let code: u16 = text
        .trim()
        .parse()
        .map_err(|_| Error::malformed(text, "an HTTP status code"))?;
    let found = HTTP_STATUSES.iter().find(|(status, _)| *status == code);
    found
        .map(|(_, phrase)| phrase.to_string())
        .ok_or_else(|| Error::not_found("HTTP status code", text))
}

/// The HTTP status code of a reason phrase (any case): `not found` -> 404.
pub fn http_status_code(text: &str) -> Result<Decimal> {
    let wanted = text.trim();
    let found = HTTP_STATUSES
        .iter()
        .find(|(_, phrase)| phrase.eq_ignore_ascii_case(wanted));
    found
        .map(|(status, _)| Decimal::from(*status))
        .ok_or_else(|| Error::not_found("HTTP status phrase", text))
}

/// The service usually on the port written in `text`: `443` -> `HTTPS`, `5432` ->
/// `PostgreSQL`.
///
/// ```
/// # use gemfill_knowledge::web::port_service;
/// assert_eq!(port_service("22").unwrap(), "SSH");
/// ```
pub fn port_service(text: &str) -> Result<String> {
    let port: u16 = text
        .trim()
        .parse()
        .map_err(|_| Error::malformed(text, "a port number"))?;
    let found = PORTS.iter().find(|(number, _)| *number == port);
    found
        .map(|(_, service)| service.to_string())
        .ok_or_else(|| Error::not_found("well-known port", text))
}

/// The well-known port of a service (any case): `https` -> 443.
pub fn service_port(text: &str) -> Result<Decimal> {
    let wanted = text.trim();
    let found = PORTS
        .iter()
        .find(|(_, service)| service.eq_ignore_ascii_case(wanted));
    found
        .map(|(port, _)| Decimal::from(*port))
        .ok_or_else(|| Error::not_found("service with a well-known port", text))
}

/// The MIME type of a file name, path, URL path or bare extension (`report.pdf`, `.pdf`,
/// `pdf`), from the `mime_guess` crate's table (Apache's `mime.types` and IANA).
///
/// ```
/// # use gemfill_knowledge::web::mime_type;
/// assert_eq!(mime_type("holiday-photo.JPG").unwrap(), "image/jpeg");
/// assert_eq!(mime_type("json").unwrap(), "application/json");
/// ```
pub fn mime_type(text: &str) -> Result<String> {
    let trimmed = text.trim();
    let name = trimmed.split(['?', '#']).next().unwrap_or(trimmed);
    let extension = match name.rsplit_once('.') {
        Some((_, extension)) => extension,
        None => name,
    };
    mime_guess::from_ext(extension)
        .first_raw()
        .map(str::to_string)
        .ok_or_else(|| Error::not_found("file type", text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_ports_and_types() {
        assert_eq!(http_status("200").unwrap(), "OK");
        assert_eq!(http_status(" 403 ").unwrap(), "Forbidden");
        assert_eq!(http_status_code("Not Found").unwrap(), Decimal::from(404));
        assert!(http_status("299").is_err());
        assert!(http_status("abc").is_err());
        for (port, service) in [
            ("443", "HTTPS"),
            ("5432", "PostgreSQL"),
            ("3389", "RDP"),
            ("6379", "Redis"),
            ("21", "FTP"),
        ] {
            assert_eq!(port_service(port).unwrap(), service);
            assert_eq!(service_port(service).unwrap().to_string(), port);
        }
        assert!(port_service("65535").is_err());
        assert!(port_service("70000").is_err());
        for (file, mime) in [
            ("report.pdf", "application/pdf"),
            ("export_2024.csv", "text/csv"),
            ("index.html", "text/html"),
            ("backup.zip", "application/zip"),
            ("icon.svg", "image/svg+xml"),
            ("song.mp3", "audio/mpeg"),
            ("/img/logo.png?v=2", "image/png"),
            (".txt", "text/plain"),
        ] {
            assert_eq!(mime_type(file).unwrap(), mime, "{file}");
        }
        assert!(mime_type("file.nosuchext").is_err());
        assert!(mime_type("").is_err());
    }
}
