//! The web and networks: URLs and their parts, email addresses, IP addresses and
//! networks, MAC addresses, user agents, and the small tables of HTTP.
//!
//! | function | takes | example |
//! | --- | --- | --- |
//! | [`url()`] | text, [`UrlPart`] | `https://news.bbc.co.uk/sport`, domain -> `bbc.co.uk` |
//! | [`url_param`] | text, name | `...?q=running+shoes`, `q` -> `running shoes` |
//! | [`idn_to_ascii`], [`idn_to_unicode`] | text | `bücher.de` <-> `xn--bcher-kva.de` |
//! | [`email`] | text, [`EmailPart`] | `Ada <ada@example.org>`, domain -> `example.org` |
//! | [`ip`] | text, [`IpForm`] | `2001:0db8::0001`, normal -> `2001:db8::1`; `10.0.0.1`, scope -> `private` |
//! | [`is_private`] | text | `172.20.5.1` -> true |
//! | [`cidr`] | text, [`CidrPart`] | `10.0.0.0/24`, last -> `10.0.0.255`; hosts -> `254` |
//! | [`in_subnet`] | address, network | `10.0.5.1`, `10.0.4.0/23` -> true |
//! | [`mac`] | text, [`MacFormat`] | `0000.5e00.53ff`, colon -> `00:00:5e:00:53:ff` |
//! | [`user_agent`] | text, [`UserAgentPart`] | a Chrome on Windows string, browser -> `Chrome` |
//! | [`http_status`], [`http_status_code`] | text | `404` <-> `Not Found` |
//! | [`port_service`], [`service_port`] | text | `5432` <-> `PostgreSQL` |
//! | [`mime_type`] | text | `report.pdf` -> `application/pdf` |
//!
//! URLs follow the WHATWG URL standard (`url`); registrable domains the Public Suffix
//! List (`psl`, whose list is compiled in and updated with the crate); user agents
//! `woothee`'s rules; MIME types `mime_guess`'s table. HTTP status phrases (RFC 9110) and
//! well-known ports (IANA) are small tables in `tables`.
//!
//! Modules: `address` (URLs, domains, email), `ip` (addresses, networks, MAC),
//! `user_agent`, `tables`.

mod address;
mod ip;
mod tables;
mod user_agent;

pub use address::{EmailPart, UrlPart, email, idn_to_ascii, idn_to_unicode, url, url_param};
pub use ip::{CidrPart, IpForm, MacFormat, cidr, in_subnet, ip, is_private, mac};
pub use tables::{http_status, http_status_code, mime_type, port_service, service_port};
pub use user_agent::{UserAgentPart, user_agent};
