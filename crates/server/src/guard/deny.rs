//! Which targets the probe and discovery may connect to: one function ([`classify`]) decides for every
//! resolved address, following Stripe's smokescreen. Strangers choose the target, so everything that is not a
//! public unicast address is denied by default, and host names that are really numbers in disguise are
//! refused outright.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The mail ports the probe may connect to; anything else is refused before any network traffic.
pub const ALLOWED_PORTS: [u16; 7] = [25, 465, 587, 110, 995, 143, 993];

/// A non-public address range: why an address was denied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    /// The range in CIDR notation, e.g. `127.0.0.0/8`.
    pub cidr: &'static str,
    /// What the range is for, e.g. `loopback`.
    pub name: &'static str,
}

/// IPv4 ranges that are not public (RFC 6890 and its successors). More specific ranges come first so the
/// most precise name wins (255.255.255.255 is "broadcast", not just "reserved").
const V4: [(u32, u8, Range); 16] = [
    (0xFFFF_FFFF, 32, range("255.255.255.255/32", "limited broadcast")),
    (0x0000_0000, 8, range("0.0.0.0/8", "\"this network\"")),
    (0x0A00_0000, 8, range("10.0.0.0/8", "private network")),
    (
        0x6440_0000,
        10,
        range("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
    ),
    (0x7F00_0000, 8, range("127.0.0.0/8", "loopback")),
    (0xA9FE_0000, 16, range("169.254.0.0/16", "link-local")),
    (0xAC10_0000, 12, range("172.16.0.0/12", "private network")),
    (0xC000_0000, 24, range("192.0.0.0/24", "IETF protocol assignments")),
    (0xC000_0200, 24, range("192.0.2.0/24", "documentation (TEST-NET-1)")),
    (0xC058_6300, 24, range("192.88.99.0/24", "6to4 relay anycast")),
    (0xC0A8_0000, 16, range("192.168.0.0/16", "private network")),
    (0xC612_0000, 15, range("198.18.0.0/15", "benchmarking")),
    (0xC633_6400, 24, range("198.51.100.0/24", "documentation (TEST-NET-2)")),
    (0xCB00_7100, 24, range("203.0.113.0/24", "documentation (TEST-NET-3)")),
    (0xE000_0000, 4, range("224.0.0.0/4", "multicast")),
    (0xF000_0000, 4, range("240.0.0.0/4", "reserved")),
];

/// IPv6 ranges denied inside 2000::/3 (global unicast); everything outside 2000::/3 is denied as well, with
/// the names below for the common cases.
const V6: [(u128, u8, Range); 10] = [
    (0x2001_0db8 << 96, 32, range("2001:db8::/32", "documentation")),
    (
        0x2001 << 112,
        23,
        range("2001::/23", "IETF protocol assignments (Teredo and others)"),
    ),
    (0x2002 << 112, 16, range("2002::/16", "6to4")),
    (0x3fff << 112, 20, range("3fff::/20", "documentation")),
    (1, 128, range("::1/128", "loopback")),
    (0, 128, range("::/128", "unspecified address")),
    (0xfe80 << 112, 10, range("fe80::/10", "link-local")),
    (0xfc00 << 112, 7, range("fc00::/7", "unique local (private network)")),
    (0xff00 << 112, 8, range("ff00::/8", "multicast")),
    (0x0064_ff9b << 96, 96, range("64:ff9b::/96", "NAT64")),
];

/// Everything outside 2000::/3 not named above.
const NOT_GLOBAL_V6: Range = range("outside 2000::/3", "not a global unicast address");

const fn range(cidr: &'static str, name: &'static str) -> Range {
    Range { cidr, name }
}

/// The address the probe actually dials: IPv4-mapped (`::ffff:a.b.c.d`) and IPv4-compatible (`::a.b.c.d`)
/// forms become the IPv4 address they stand for, so they are checked, and dialled, as that address.
/// `::` and `::1` stay IPv6: they are the IPv6 unspecified and loopback addresses.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return IpAddr::V4(v4);
            }
            let bits = u128::from(v6);
            if bits >> 32 == 0 && bits > 1 {
                return IpAddr::V4(Ipv4Addr::from(bits as u32));
            }
            ip
        }
        IpAddr::V4(_) => ip,
    }
}

/// The single decision point: `None` if `ip` is a public unicast address, otherwise the range it falls in.
/// Mapped and compatible IPv6 forms are judged as their IPv4 address (see [`canonical`]).
pub fn classify(ip: IpAddr) -> Option<Range> {
    match canonical(ip) {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<Range> {
    let bits = u32::from(ip);
    V4.iter()
        .find(|(net, prefix, _)| bits & mask32(*prefix) == *net)
        .map(|(_, _, r)| *r)
}

fn classify_v6(ip: Ipv6Addr) -> Option<Range> {
    let bits = u128::from(ip);
    let named = V6
        .iter()
        .find(|(net, prefix, _)| bits & mask128(*prefix) == *net)
        .map(|(_, _, r)| *r);
    let global_unicast = bits >> 125 == 0b001;
    named.or((!global_unicast).then_some(NOT_GLOBAL_V6))
}

const fn mask32(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    }
}

const fn mask128(prefix: u8) -> u128 {
    if prefix == 0 {
        0
    } else {
        u128::MAX << (128 - prefix)
    }
}

/// A target host as typed, sorted into an address or a name to resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Host {
    /// A literal address (`192.0.2.1`, `2001:db8::1` or `[2001:db8::1]`).
    Ip(IpAddr),
    /// A DNS name, lower-cased, without a trailing dot.
    Name(String),
}

/// Why a host was refused before any look-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadHost {
    /// Empty, too long, or with characters no host name has.
    Invalid,
    /// A number in disguise (`2130706433`, `0x7f.1`, `127.1`, `010.0.0.1`): browsers and resolvers read these
    /// as IPv4 addresses, so they would slip past a check that only looks at dotted quads.
    NumericSpelling,
}

/// Sorts and validates a host. Only the usual dotted-quad IPv4 form and standard IPv6 text are accepted as
/// addresses; any other all-numeric spelling is refused, following the URL standard's rule that a host whose
/// last label is a number is an IPv4 address.
pub fn parse_host(raw: &str) -> Result<Host, BadHost> {
    let host = raw.trim();
    let unbracketed = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    if let Ok(ip) = unbracketed.parse::<IpAddr>() {
        return Ok(Host::Ip(ip));
    }
    let name = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    if name.is_empty() || name.len() > 253 {
        return Err(BadHost::Invalid);
    }
    let labels: Vec<&str> = name.split('.').collect();
    if !labels.iter().all(|l| is_label(l)) {
        return Err(BadHost::Invalid);
    }
    if labels.last().is_some_and(|l| is_number(l)) {
        return Err(BadHost::NumericSpelling);
    }
    Ok(Host::Name(name))
}

/// A label the URL standard's IPv4 parser reads as a number: decimal, octal (leading 0) or `0x` hex.
fn is_number(label: &str) -> bool {
    let hex = label.strip_prefix("0x").or_else(|| label.strip_prefix("0X"));
    match hex {
        Some(digits) => digits.bytes().all(|b| b.is_ascii_hexdigit()),
        None => !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()),
    }
}

/// An LDH label (letters, digits, hyphens; no hyphen at either end), 1 to 63 characters. Internationalized
/// names must be given in their `xn--` form.
fn is_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every denied range with the addresses just inside it (first and last) and just outside it.
    /// `None` = public, allowed. Outside neighbours that fall into another range name that range.
    #[test]
    fn every_range_with_its_edges() {
        let cases: &[(&str, Option<&str>)] = &[
            // 0.0.0.0/8
            ("0.0.0.0", Some("0.0.0.0/8")),
            ("0.255.255.255", Some("0.0.0.0/8")),
            ("1.0.0.0", None),
            // 10.0.0.0/8
            ("9.255.255.255", None),
            ("10.0.0.0", Some("10.0.0.0/8")),
            ("10.255.255.255", Some("10.0.0.0/8")),
            ("11.0.0.0", None),
            // 100.64.0.0/10
            ("100.63.255.255", None),
            ("100.64.0.0", Some("100.64.0.0/10")),
            ("100.127.255.255", Some("100.64.0.0/10")),
            ("100.128.0.0", None),
            // 127.0.0.0/8
            ("126.255.255.255", None),
            ("127.0.0.0", Some("127.0.0.0/8")),
            ("127.0.0.1", Some("127.0.0.0/8")),
            ("127.255.255.255", Some("127.0.0.0/8")),
            ("128.0.0.0", None),
            // 169.254.0.0/16
            ("169.253.255.255", None),
            ("169.254.0.0", Some("169.254.0.0/16")),
            ("169.254.169.254", Some("169.254.0.0/16")),
            ("169.254.255.255", Some("169.254.0.0/16")),
            ("169.255.0.0", None),
            // 172.16.0.0/12
            ("172.15.255.255", None),
            ("172.16.0.0", Some("172.16.0.0/12")),
            ("172.31.255.255", Some("172.16.0.0/12")),
            ("172.32.0.0", None),
            // 192.0.0.0/24 and 192.0.2.0/24
            ("191.255.255.255", None),
            ("192.0.0.0", Some("192.0.0.0/24")),
            ("192.0.0.255", Some("192.0.0.0/24")),
            ("192.0.1.0", None),
            ("192.0.1.255", None),
            ("192.0.2.0", Some("192.0.2.0/24")),
            ("192.0.2.255", Some("192.0.2.0/24")),
            ("192.0.3.0", None),
            // 192.88.99.0/24
            ("192.88.98.255", None),
            ("192.88.99.0", Some("192.88.99.0/24")),
            ("192.88.99.255", Some("192.88.99.0/24")),
            ("192.88.100.0", None),
            // 192.168.0.0/16
            ("192.167.255.255", None),
            ("192.168.0.0", Some("192.168.0.0/16")),
            ("192.168.255.255", Some("192.168.0.0/16")),
            ("192.169.0.0", None),
            // 198.18.0.0/15
            ("198.17.255.255", None),
            ("198.18.0.0", Some("198.18.0.0/15")),
            ("198.19.255.255", Some("198.18.0.0/15")),
            ("198.20.0.0", None),
            // 198.51.100.0/24
            ("198.51.99.255", None),
            ("198.51.100.0", Some("198.51.100.0/24")),
            ("198.51.100.255", Some("198.51.100.0/24")),
            ("198.51.101.0", None),
            // 203.0.113.0/24
            ("203.0.112.255", None),
            ("203.0.113.0", Some("203.0.113.0/24")),
            ("203.0.113.255", Some("203.0.113.0/24")),
            ("203.0.114.0", None),
            // 224.0.0.0/4, 240.0.0.0/4, 255.255.255.255
            ("223.255.255.255", None),
            ("224.0.0.0", Some("224.0.0.0/4")),
            ("239.255.255.255", Some("224.0.0.0/4")),
            ("240.0.0.0", Some("240.0.0.0/4")),
            ("255.255.255.254", Some("240.0.0.0/4")),
            ("255.255.255.255", Some("255.255.255.255/32")),
            // A few ordinary public addresses.
            ("8.8.8.8", None),
            ("193.0.0.1", None),
            // IPv6: 2000::/3 is public, everything outside is not.
            ("1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some("outside 2000::/3")),
            ("2000::", None),
            ("3fff:0fff:ffff:ffff:ffff:ffff:ffff:ffff", Some("3fff::/20")),
            ("3fff:1000::", None),
            ("3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", None),
            ("4000::", Some("outside 2000::/3")),
            // 2001::/23 (2001:0000:: to 2001:01ff:...)
            ("2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff", None),
            ("2001::", Some("2001::/23")),
            ("2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", Some("2001::/23")),
            ("2001:200::", None),
            // 2001:db8::/32
            ("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", None),
            ("2001:db8::", Some("2001:db8::/32")),
            ("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", Some("2001:db8::/32")),
            ("2001:db9::", None),
            // 2002::/16
            ("2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", None),
            ("2002::", Some("2002::/16")),
            ("2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some("2002::/16")),
            ("2003::", None),
            // 3fff::/20 start (its end is above)
            ("3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", None),
            ("3fff::", Some("3fff::/20")),
            // Named ranges outside 2000::/3.
            ("::", Some("::/128")),
            ("::1", Some("::1/128")),
            ("fe80::", Some("fe80::/10")),
            ("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some("fe80::/10")),
            ("fc00::", Some("fc00::/7")),
            ("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some("fc00::/7")),
            ("ff00::", Some("ff00::/8")),
            ("ff02::1", Some("ff00::/8")),
            ("64:ff9b::808:808", Some("64:ff9b::/96")),
            // IPv4-mapped and -compatible forms are judged as their IPv4 address.
            ("::ffff:127.0.0.1", Some("127.0.0.0/8")),
            ("::ffff:10.1.2.3", Some("10.0.0.0/8")),
            ("::ffff:8.8.8.8", None),
            ("::127.0.0.1", Some("127.0.0.0/8")),
            ("::0.0.0.2", Some("0.0.0.0/8")),
            ("::8.8.8.8", None),
            ("::ffff:0.0.0.0", Some("0.0.0.0/8")),
        ];
        for (text, expected) in cases {
            let ip: IpAddr = text.parse().unwrap();
            assert_eq!(classify(ip).map(|r| r.cidr), *expected, "{text}");
        }
    }

    #[test]
    fn mapped_and_compatible_forms_are_dialled_as_ipv4() {
        let cases = [
            ("::ffff:8.8.8.8", "8.8.8.8"),
            ("::8.8.8.8", "8.8.8.8"),
            ("::1", "::1"),
            ("::", "::"),
            ("2001:4860::8888", "2001:4860::8888"),
            ("8.8.4.4", "8.8.4.4"),
        ];
        for (from, to) in cases {
            assert_eq!(
                canonical(from.parse().unwrap()),
                to.parse::<IpAddr>().unwrap(),
                "{from}"
            );
        }
    }

    #[test]
    fn numeric_spellings_are_refused() {
        for host in [
            "2130706433",
            "0x7f.1",
            "0x7F000001",
            "127.1",
            "127.0.1",
            "010.0.0.1",
            "0177.0.0.1",
            "1.2.3.4.",
            "example.0x10",
            "example.123",
            "0x",
        ] {
            assert_eq!(parse_host(host), Err(BadHost::NumericSpelling), "{host}");
        }
    }

    #[test]
    fn usual_addresses_and_names_are_accepted() {
        let cases = [
            ("127.0.0.1", Host::Ip("127.0.0.1".parse().unwrap())),
            ("2001:db8::1", Host::Ip("2001:db8::1".parse().unwrap())),
            ("[2001:db8::1]", Host::Ip("2001:db8::1".parse().unwrap())),
            ("Mail.Example.COM.", Host::Name("mail.example.com".into())),
            ("imap.1and1.com", Host::Name("imap.1and1.com".into())),
            ("xn--mller-kva.de", Host::Name("xn--mller-kva.de".into())),
            ("123.example", Host::Name("123.example".into())),
            ("localhost", Host::Name("localhost".into())),
        ];
        for (raw, host) in cases {
            assert_eq!(parse_host(raw), Ok(host), "{raw}");
        }
    }

    #[test]
    fn malformed_hosts_are_invalid() {
        let long = format!("{}.com", "a.".repeat(130));
        let long_label = format!("{}.com", "a".repeat(64));
        for host in [
            "",
            " ",
            ".",
            "a..b",
            "-a.com",
            "a-.com",
            "mail.example.com:993",
            "user@example.com",
            "exa mple.com",
            "müller.de",
            "http://example.com",
            long.as_str(),
            long_label.as_str(),
            "[127.0.0.1",
        ] {
            assert_eq!(parse_host(host), Err(BadHost::Invalid), "{host:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_input_is_sorted_without_panicking(raw in "\\PC{0,300}") {
            let _ = parse_host(&raw);
        }

        #[test]
        fn every_ipv4_is_classified_like_its_mapped_form(bits in proptest::prelude::any::<u32>()) {
            let v4 = Ipv4Addr::from(bits);
            proptest::prop_assert_eq!(classify(IpAddr::V4(v4)), classify(IpAddr::V6(v4.to_ipv6_mapped())));
        }

        #[test]
        fn no_public_ipv6_outside_2000_slash_3(bits in proptest::prelude::any::<u128>()) {
            let ip = Ipv6Addr::from(bits);
            if bits >> 125 != 0b001 && ip.to_ipv4_mapped().is_none() && bits >> 32 != 0 {
                proptest::prop_assert!(classify(IpAddr::V6(ip)).is_some());
            }
        }
    }
}
