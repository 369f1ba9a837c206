//! IP addresses (IPv4 and IPv6), networks in CIDR notation (via `ipnet`) and MAC
//! addresses.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::{IpNet, Ipv4Net};

use crate::choice::choice;
use crate::error::{Error, Result};

choice! {
    /// How [`ip`] writes an address, or what it says about it.
    pub enum IpForm ("IP address form") {
        /// Canonical text: `192.168.1.1`; IPv6 compressed as RFC 5952 says (`2001:db8::1`).
        Normal = "normal" | "compressed",
        /// Every digit: `192.168.001.001`, `2001:0db8:0000:...:0001`.
        Expanded = "expanded" | "full",
        /// The address as one number: `3232235777`.
        Integer = "integer" | "decimal",
        /// The reverse-DNS name: `1.1.168.192.in-addr.arpa`, `...ip6.arpa`.
        ReverseDns = "reverse dns" | "ptr",
        /// `4` or `6`.
        Version = "version",
        /// What kind of address it is: `public`, `private` (RFC 1918; IPv6 unique local),
        /// `loopback`, `link-local`, `shared` (carrier-grade NAT), `multicast`,
        /// `documentation`, `unspecified`, `broadcast` or `reserved`.
        Scope = "scope" | "kind",
    }
}

/// Reads an address: IPv4 (octets may have leading zeros, read as decimal), IPv6
/// (maybe in brackets), or a whole number up to 2^32 - 1 as an IPv4 address.
fn parse_ip(text: &str) -> Result<IpAddr> {
    let trimmed = text.trim();
    let unbracketed = trimmed
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or(trimmed);
    if !unbracketed.is_empty() && unbracketed.bytes().all(|b| b.is_ascii_digit()) {
        return unbracketed
            .parse::<u32>()
            .map(|value| IpAddr::V4(Ipv4Addr::from(value)))
            .map_err(|_| Error::out_of_range(text, "IPv4 addresses as numbers (0 to 4294967295)"));
    }
    let octets: Vec<&str> = unbracketed.split('.').collect();
    if octets.len() == 4
        && octets
            .iter()
            .all(|o| (1..=3).contains(&o.len()) && o.bytes().all(|b| b.is_ascii_digit()))
    {
        let values: Option<Vec<u8>> = octets.iter().map(|o| o.parse::<u8>().ok()).collect();
        if let Some(values) = values {
            return Ok(IpAddr::V4(Ipv4Addr::new(
                values[0], values[1], values[2], values[3],
            )));
        }
    }
    unbracketed.parse::<IpAddr>().map_err(|source| Error::Ip {
        text: text.to_string(),
        source,
    })
}

/// The address written in `text` in `form`.
///
/// ```
/// # use gemfill_knowledge::web::{ip, IpForm};
/// assert_eq!(ip("2001:0db8:0000:0000:0000:ff00:0042:8329", IpForm::Normal).unwrap(), "2001:db8::ff00:42:8329");
/// assert_eq!(ip("192.0.2.10", IpForm::ReverseDns).unwrap(), "10.2.0.192.in-addr.arpa");
/// assert_eq!(ip("192.168.1.1", IpForm::Integer).unwrap(), "3232235777");
/// assert_eq!(ip("172.20.5.1", IpForm::Scope).unwrap(), "private");
/// ```
pub fn ip(text: &str, form: IpForm) -> Result<String> {
    let address = parse_ip(text)?;
    Ok(match (form, address) {
        (IpForm::Normal, address) => address.to_string(),
        (IpForm::Expanded, IpAddr::V4(v4)) => v4
            .octets()
            .iter()
            .map(|o| format!("{o:03}"))
            .collect::<Vec<_>>()
            .join("."),
        (IpForm::Expanded, IpAddr::V6(v6)) => v6
            .segments()
            .iter()
            .map(|s| format!("{s:04x}"))
            .collect::<Vec<_>>()
            .join(":"),
        (IpForm::Integer, IpAddr::V4(v4)) => u32::from(v4).to_string(),
        (IpForm::Integer, IpAddr::V6(v6)) => u128::from(v6).to_string(),
        (IpForm::ReverseDns, IpAddr::V4(v4)) => {
            let [a, b, c, d] = v4.octets();
            format!("{d}.{c}.{b}.{a}.in-addr.arpa")
        }
        (IpForm::ReverseDns, IpAddr::V6(v6)) => {
            let nibbles: Vec<String> = format!("{:032x}", u128::from(v6))
                .chars()
                .rev()
                .map(String::from)
                .collect();
            format!("{}.ip6.arpa", nibbles.join("."))
        }
        (IpForm::Version, IpAddr::V4(_)) => "4".to_string(),
        (IpForm::Version, IpAddr::V6(_)) => "6".to_string(),
        (IpForm::Scope, address) => scope(address).to_string(),
    })
}

fn scope(address: IpAddr) -> &'static str {
    let v4 = match address {
        IpAddr::V4(v4) => v4,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4,
            None => return scope_v6(v6),
        },
    };
    let [a, b, c, _] = v4.octets();
    match (a, b, c) {
        _ if v4.is_unspecified() => "unspecified",
        _ if v4.is_broadcast() => "broadcast",
        (127, ..) => "loopback",
        (10, ..) | (172, 16..=31, _) | (192, 168, _) => "private",
        (169, 254, _) => "link-local",
        (100, 64..=127, _) => "shared",
        (224..=239, ..) => "multicast",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "documentation",
        (0, ..) | (240..=255, ..) => "reserved",
        _ => "public",
    }
}

fn scope_v6(v6: Ipv6Addr) -> &'static str {
    let first = v6.segments()[0];
    if v6.is_unspecified() {
        "unspecified"
    } else if v6.is_loopback() {
        "loopback"
    } else if first & 0xfe00 == 0xfc00 {
        "private"
    } else if first & 0xffc0 == 0xfe80 {
        "link-local"
    } else if first & 0xff00 == 0xff00 {
        "multicast"
    } else if first == 0x2001 && v6.segments()[1] == 0x0db8 {
        "documentation"
    } else if first & 0xe000 == 0x2000 {
        "public"
    } else {
        "reserved"
    }
}

/// Whether the address in `text` is private: RFC 1918 (`10/8`, `172.16/12`,
/// `192.168/16`) or an IPv6 unique local address (`fc00::/7`).
pub fn is_private(text: &str) -> Result<bool> {
    Ok(scope(parse_ip(text)?) == "private")
}

choice! {
    /// A fact about a network for [`cidr`].
    pub enum CidrPart ("network part") {
        /// The network in canonical CIDR notation: `192.168.1.0/24`.
        Cidr = "cidr" | "normal",
        /// The network address: `10.0.0.0` (also its first address).
        Network = "network" | "first",
        /// The last address (the broadcast address in IPv4): `10.0.0.255`.
        Last = "last" | "broadcast",
        /// The first usable host: `10.0.0.1` (for /31 and /32, and in IPv6, the first address).
        FirstHost = "first host",
        /// The last usable host: `10.0.0.254` (for /31 and /32, and in IPv6, the last address).
        LastHost = "last host",
        /// `255.255.255.0`.
        Netmask = "netmask" | "mask",
        /// `0.0.0.255` (the Cisco wildcard mask).
        Wildcard = "wildcard" | "hostmask",
        /// `24`.
        Prefix = "prefix" | "prefix length",
        /// The number of addresses: `256`.
        Size = "size" | "addresses",
        /// The number of usable hosts: `254` (2 for /31, 1 for /32; all addresses in IPv6).
        Hosts = "hosts" | "usable hosts",
        /// `10.0.0.0 - 10.0.0.255`.
        Range = "range",
    }
}

/// Reads a network: `10.0.0.0/24`, `2001:db8::/32`, or an IPv4 address and a netmask
/// (`192.168.1.0 255.255.255.0`). Host bits set in the address are cleared.
fn parse_network(text: &str) -> Result<IpNet> {
    let trimmed = text.trim();
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    if let [address, mask] = words[..] {
        let malformed = || Error::malformed(text, "an address and a netmask");
        let (IpAddr::V4(address), IpAddr::V4(mask)) = (parse_ip(address)?, parse_ip(mask)?) else {
            return Err(malformed());
        };
        return Ipv4Net::with_netmask(address, mask)
            .map(|net| IpNet::V4(net).trunc())
            .map_err(|_| malformed());
    }
    trimmed
        .parse::<IpNet>()
        .map(|net| net.trunc())
        .map_err(|source| Error::Cidr {
            text: text.to_string(),
            source,
        })
}

/// `part` of the network written in `text` (see [`CidrPart`]).
///
/// ```
/// # use gemfill_knowledge::web::{cidr, CidrPart};
/// assert_eq!(cidr("192.168.4.0/22", CidrPart::Last).unwrap(), "192.168.7.255");
/// assert_eq!(cidr("192.168.1.0/26", CidrPart::Netmask).unwrap(), "255.255.255.192");
/// assert_eq!(cidr("10.0.0.0/24", CidrPart::Hosts).unwrap(), "254");
/// assert_eq!(cidr("10.0.0.0 255.0.0.0", CidrPart::Cidr).unwrap(), "10.0.0.0/8");
/// ```
pub fn cidr(text: &str, part: CidrPart) -> Result<String> {
    let network = parse_network(text)?;
    let (first, last) = (network.network(), network.broadcast());
    let prefix = network.prefix_len();
    let host_bits = u32::from(network.max_prefix_len() - prefix);
    let size = 1u128.checked_shl(host_bits).filter(|_| host_bits < 128);
    let size_text = size.map_or_else(
        || "340282366920938463463374607431768211456".to_string(),
        |s| s.to_string(),
    );
    let is_v4 = matches!(network, IpNet::V4(_));
    let step = |address: IpAddr, forward: bool| -> IpAddr {
        match address {
            IpAddr::V4(v4) => {
                let value = u32::from(v4);
                IpAddr::V4(Ipv4Addr::from(if forward {
                    value.wrapping_add(1)
                } else {
                    value.wrapping_sub(1)
                }))
            }
            v6 => v6,
        }
    };
    let hosts_trimmed = is_v4 && prefix <= 30;
    Ok(match part {
        CidrPart::Cidr => network.to_string(),
        CidrPart::Network => first.to_string(),
        CidrPart::Last => last.to_string(),
        CidrPart::FirstHost => (if hosts_trimmed {
            step(first, true)
        } else {
            first
        })
        .to_string(),
        CidrPart::LastHost => (if hosts_trimmed {
            step(last, false)
        } else {
            last
        })
        .to_string(),
        CidrPart::Netmask => network.netmask().to_string(),
        CidrPart::Wildcard => network.hostmask().to_string(),
        CidrPart::Prefix => prefix.to_string(),
        CidrPart::Size => size_text,
        CidrPart::Hosts if hosts_trimmed => (size.unwrap_or(2) - 2).to_string(),
        CidrPart::Hosts => size_text,
        CidrPart::Range => format!("{first} - {last}"),
    })
}

/// Whether the address `address` is in the network `network`.
///
/// ```
/// # use gemfill_knowledge::web::in_subnet;
/// assert!(in_subnet("10.0.5.1", "10.0.4.0/23").unwrap());
/// assert!(!in_subnet("172.32.0.1", "172.16.0.0/12").unwrap());
/// ```
pub fn in_subnet(address: &str, network: &str) -> Result<bool> {
    Ok(parse_network(network)?.contains(&parse_ip(address)?))
}

choice! {
    /// How [`mac`] writes a MAC address.
    pub enum MacFormat ("MAC address format") {
        /// `00:00:5e:00:53:2a`.
        Colon = "colon" | "unix",
        /// `00-00-5E-00-53-2A` (IEEE 802).
        Hyphen = "hyphen" | "ieee" | "windows",
        /// `0000.5e00.532a` (Cisco).
        Dot = "dot" | "cisco",
        /// `00005e00532a`.
        Compact = "compact" | "bare",
    }
}

/// The MAC address written in `text` (any of the [`MacFormat`]s, any case) in `format`.
///
/// ```
/// # use gemfill_knowledge::web::{mac, MacFormat};
/// assert_eq!(mac("0000.5e00.53ff", MacFormat::Colon).unwrap(), "00:00:5e:00:53:ff");
/// ```
pub fn mac(text: &str, format: MacFormat) -> Result<String> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ':' | '-' | '.'))
        .collect();
    if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::malformed(text, "a MAC address"));
    }
    let lower = digits.to_ascii_lowercase();
    let pairs: Vec<&str> = (0..12)
        .step_by(2)
        .map(|index| &lower[index..index + 2])
        .collect();
    Ok(match format {
        MacFormat::Colon => pairs.join(":"),
        MacFormat::Hyphen => pairs.join("-").to_ascii_uppercase(),
        MacFormat::Dot => format!("{}.{}.{}", &lower[..4], &lower[4..8], &lower[8..]),
        MacFormat::Compact => lower,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_forms() {
        use IpForm::*;
        assert_eq!(
            ip("fd00:0000:0000:0001:0000:0000:0000:00ab", Normal).unwrap(),
            "fd00:0:0:1::ab"
        );
        assert_eq!(
            ip("fe80::1", Expanded).unwrap(),
            "fe80:0000:0000:0000:0000:0000:0000:0001"
        );
        assert_eq!(
            ip("::1", Expanded).unwrap(),
            "0000:0000:0000:0000:0000:0000:0000:0001"
        );
        assert_eq!(ip("192.168.001.001", Normal).unwrap(), "192.168.1.1");
        assert_eq!(ip("10.0.0.1", Expanded).unwrap(), "010.000.000.001");
        assert_eq!(ip("0.0.1.0", Integer).unwrap(), "256");
        assert_eq!(ip("3232235777", Normal).unwrap(), "192.168.1.1");
        assert_eq!(
            ip("2001:db8::1", ReverseDns).unwrap(),
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
        );
        assert_eq!(ip("[::1]", Version).unwrap(), "6");
        for bad in ["", "256.1.1.1", "1.2.3", "::g", "99999999999"] {
            assert!(ip(bad, Normal).is_err(), "{bad}");
        }
    }

    #[test]
    fn scopes() {
        for (address, expected) in [
            ("192.168.0.14", "private"),
            ("8.8.8.8", "public"),
            ("172.31.255.1", "private"),
            ("172.32.0.1", "public"),
            ("172.15.0.9", "public"),
            ("127.0.0.1", "loopback"),
            ("169.254.1.1", "link-local"),
            ("100.64.0.1", "shared"),
            ("224.0.0.1", "multicast"),
            ("203.0.113.5", "documentation"),
            ("0.0.0.0", "unspecified"),
            ("255.255.255.255", "broadcast"),
            ("fd12::1", "private"),
            ("fe80::1", "link-local"),
            ("2606:4700::1", "public"),
            ("::ffff:10.0.0.1", "private"),
        ] {
            assert_eq!(ip(address, IpForm::Scope).unwrap(), expected, "{address}");
        }
        assert!(is_private("10.20.30.40").unwrap());
        assert!(!is_private("1.1.1.1").unwrap());
    }

    #[test]
    fn networks() {
        use CidrPart::*;
        assert_eq!(cidr("10.0.0.0/24", Last).unwrap(), "10.0.0.255");
        assert_eq!(cidr("172.16.0.0/12", Last).unwrap(), "172.31.255.255");
        assert_eq!(cidr("10.0.0.0/8", Netmask).unwrap(), "255.0.0.0");
        assert_eq!(cidr("172.16.0.0/20", Netmask).unwrap(), "255.255.240.0");
        assert_eq!(cidr("192.168.1.0/30", Hosts).unwrap(), "2");
        assert_eq!(cidr("192.168.1.0/31", Hosts).unwrap(), "2");
        assert_eq!(cidr("192.168.1.7/32", Hosts).unwrap(), "1");
        assert_eq!(cidr("172.16.0.0/16", Hosts).unwrap(), "65534");
        assert_eq!(cidr("10.0.0.0/22", Range).unwrap(), "10.0.0.0 - 10.0.3.255");
        assert_eq!(cidr("10.0.0.0/24", FirstHost).unwrap(), "10.0.0.1");
        assert_eq!(cidr("10.0.0.0/24", LastHost).unwrap(), "10.0.0.254");
        assert_eq!(cidr("10.0.0.0/24", Wildcard).unwrap(), "0.0.0.255");
        assert_eq!(cidr("192.168.1.77/24", Cidr).unwrap(), "192.168.1.0/24");
        assert_eq!(
            cidr("172.16.32.0 255.255.240.0", Cidr).unwrap(),
            "172.16.32.0/20"
        );
        assert_eq!(cidr("0.0.0.0/0", Size).unwrap(), "4294967296");
        assert_eq!(
            cidr("::/0", Size).unwrap(),
            "340282366920938463463374607431768211456"
        );
        assert_eq!(cidr("2001:db8::/126", Hosts).unwrap(), "4");
        for bad in ["", "10.0.0.0/33", "10.0.0.0 255.0.255.0", "10.0.0.0"] {
            assert!(cidr(bad, Cidr).is_err(), "{bad}");
        }
        assert!(in_subnet("203.0.113.15", "203.0.113.0/28").unwrap());
        assert!(!in_subnet("203.0.113.17", "203.0.113.0/28").unwrap());
        assert!(!in_subnet("::1", "10.0.0.0/8").unwrap());
    }

    #[test]
    fn mac_addresses() {
        assert_eq!(
            mac("00-00-5E-00-53-2A", MacFormat::Colon).unwrap(),
            "00:00:5e:00:53:2a"
        );
        assert_eq!(
            mac("a4c3.f047.21d8", MacFormat::Colon).unwrap(),
            "a4:c3:f0:47:21:d8"
        );
        assert_eq!(
            mac("02:42:AC:11:00:02", MacFormat::Hyphen).unwrap(),
            "02-42-AC-11-00-02"
        );
        assert_eq!(
            mac("02:42:AC:11:00:02", MacFormat::Dot).unwrap(),
            "0242.ac11.0002"
        );
        assert_eq!(
            mac("02:42:AC:11:00:02", MacFormat::Compact).unwrap(),
            "0242ac110002"
        );
        assert!(mac("02:42:AC:11:00", MacFormat::Colon).is_err());
        assert!(mac("zz:42:AC:11:00:02", MacFormat::Colon).is_err());
    }
}
