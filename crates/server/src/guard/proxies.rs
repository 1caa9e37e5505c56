//! Who the client is behind a reverse proxy (`--trusted-proxy <CIDR>`). Only when the connection comes from a
//! trusted proxy are its `Forwarded` (RFC 7239) or `X-Forwarded-For` headers read; the client is the
//! right-most address in them that is not itself a trusted proxy (everything left of that could have been
//! written by the client). Without trusted proxies, or from any other address, the headers are ignored: a
//! client could write them to spend someone else's quota, or escape its own.

use axum::http::HeaderMap;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// The proxies whose forwarding headers are believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    pub fn new(networks: Vec<IpNet>) -> TrustedProxies {
        TrustedProxies(networks)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `ip` (IPv4-mapped IPv6 counted as IPv4) is one of them.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = super::deny::canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request that came over a connection from `peer`. `Forwarded` wins over
    /// `X-Forwarded-For` when a proxy sends both. When the headers name no usable address where the client
    /// should be (missing, `unknown`, an obfuscated name, garbage), the client is `peer`: the proxy's
    /// clients then share its quota, which is safe, rather than trusting what cannot be read.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let values = |name: &str| -> Vec<String> {
            headers
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(|s| s.trim().to_owned())
                .collect()
        };
        let forwarded = values("forwarded");
        let hops: Vec<Option<IpAddr>> = if !forwarded.is_empty() {
            forwarded.iter().map(|element| forwarded_for(element)).collect()
        } else {
            values("x-forwarded-for").iter().map(|v| address(v)).collect()
        };
        for hop in hops.iter().rev() {
            match hop {
                Some(ip) if self.contains(*ip) => continue,
                Some(ip) => return super::deny::canonical(*ip),
                None => return peer,
            }
        }
        // Every hop is a trusted proxy: the left-most is where the request started.
        hops.first().copied().flatten().unwrap_or(peer)
    }
}

/// The `for=` of one `Forwarded` element (`for=192.0.2.1;proto=https`, `for="[2001:db8::1]:4711"`).
fn forwarded_for(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("for")
            .then(|| address(value.trim().trim_matches('"')))?
    })
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]:4711`.
fn address(text: &str) -> Option<IpAddr> {
    text.parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|a| a.ip()))
        .or_else(|| text.strip_prefix('[')?.strip_suffix(']')?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::new(list.iter().map(|s| s.parse().unwrap()).collect())
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let trusted = proxies(&["10.0.0.0/8", "2001:db8:ffff::/48"]);
        let proxy = ip("10.0.0.1");
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("x-forwarded-for", "198.51.100.7")], "198.51.100.7"),
            // The client wrote a fake first hop; the proxy appended the real one.
            (&[("x-forwarded-for", "203.0.113.66, 198.51.100.7")], "198.51.100.7"),
            // Two proxies of ours on the way.
            (&[("x-forwarded-for", "198.51.100.7, 10.0.0.2")], "198.51.100.7"),
            // Headers repeated are read in order.
            (
                &[
                    ("x-forwarded-for", "203.0.113.66"),
                    ("x-forwarded-for", "198.51.100.7, 10.1.1.1"),
                ],
                "198.51.100.7",
            ),
            (
                &[("x-forwarded-for", "[2001:db8::7]:4711, 198.51.100.7:80")],
                "198.51.100.7",
            ),
            (&[("x-forwarded-for", "2001:db8::7")], "2001:db8::7"),
            (&[("x-forwarded-for", "::ffff:198.51.100.7")], "198.51.100.7"),
            (
                &[("forwarded", "for=198.51.100.7;proto=https;by=10.0.0.1")],
                "198.51.100.7",
            ),
            (
                &[("forwarded", r#"for="[2001:db8::7]:4711", for=10.0.0.3"#)],
                "2001:db8::7",
            ),
            (
                &[("forwarded", "For=198.51.100.8"), ("x-forwarded-for", "198.51.100.9")],
                "198.51.100.8",
            ),
            // All trusted: the left-most.
            (&[("x-forwarded-for", "10.9.9.9, 10.0.0.2")], "10.9.9.9"),
            // Nothing usable where the client should be: the proxy's own address.
            (&[], "10.0.0.1"),
            (&[("x-forwarded-for", "")], "10.0.0.1"),
            (&[("x-forwarded-for", "198.51.100.7, unknown")], "10.0.0.1"),
            (&[("forwarded", "for=_hidden, for=10.0.0.2")], "10.0.0.1"),
            (&[("forwarded", "proto=https")], "10.0.0.1"),
        ];
        for (pairs, client) in cases {
            let got = trusted.client(proxy, &headers(pairs));
            assert_eq!(got, ip(client), "{pairs:?}");
        }
    }

    #[test]
    fn headers_from_anyone_else_are_ignored() {
        let forged = headers(&[("x-forwarded-for", "198.51.100.7"), ("forwarded", "for=198.51.100.8")]);
        assert_eq!(
            proxies(&["10.0.0.0/8"]).client(ip("192.0.2.1"), &forged),
            ip("192.0.2.1")
        );
        assert_eq!(proxies(&[]).client(ip("10.0.0.1"), &forged), ip("10.0.0.1"));
        // A mapped form of a trusted proxy is that proxy.
        assert_eq!(
            proxies(&["10.0.0.0/8"]).client(ip("::ffff:10.0.0.1"), &forged),
            ip("198.51.100.8")
        );
    }

    proptest::proptest! {
        #[test]
        fn any_header_is_read_without_panicking(xff in "\\PC{0,200}", fwd in "\\PC{0,200}") {
            let trusted = proxies(&["10.0.0.0/8"]);
            let mut map = HeaderMap::new();
            if let Ok(v) = HeaderValue::from_str(&xff) { map.append("x-forwarded-for", v); }
            let _ = trusted.client(ip("10.0.0.1"), &map);
            if let Ok(v) = HeaderValue::from_str(&fwd) { map.append("forwarded", v); }
            let _ = trusted.client(ip("10.0.0.1"), &map);
        }
    }
}
