//! The web and networks (docs: written at the end).

mod address;
mod ip;
mod tables;
mod user_agent;

pub use address::{EmailPart, UrlPart, email, idn_to_ascii, idn_to_unicode, url, url_param};
pub use ip::{CidrPart, IpForm, MacFormat, cidr, in_subnet, ip, is_private, mac};
pub use tables::{http_status, http_status_code, mime_type, port_service, service_port};
pub use user_agent::{UserAgentPart, user_agent};
