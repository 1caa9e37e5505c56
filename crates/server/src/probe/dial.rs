//! Resolving the host and connecting: every address is checked by `deny::classify` before anything is
//! sent, and the connection goes to the address that was checked, never to the name again (a second look-up
//! could answer differently: DNS rebinding).

use super::deny::{self, Range};
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use tokio::net::TcpStream;

/// Why resolving failed.
#[derive(Debug)]
pub enum ResolveError {
    Timeout,
    /// The resolver's error, or no addresses at all.
    Failed(String),
}

/// Every A and AAAA answer for `name`, in the resolver's order, without duplicates. Uses the system
/// resolver (getaddrinfo); on timeout its thread finishes on its own but the probe moves on.
pub async fn resolve(name: &str, port: u16, limit: Duration) -> Result<Vec<IpAddr>, ResolveError> {
    let lookup = tokio::net::lookup_host((name, port));
    let found = match tokio::time::timeout(limit, lookup).await {
        Err(_) => return Err(ResolveError::Timeout),
        Ok(Err(e)) => return Err(ResolveError::Failed(e.to_string())),
        Ok(Ok(found)) => found,
    };
    let mut addresses: Vec<IpAddr> = Vec::new();
    for a in found {
        if !addresses.contains(&a.ip()) {
            addresses.push(a.ip());
        }
    }
    if addresses.is_empty() {
        return Err(ResolveError::Failed("the name has no addresses".into()));
    }
    Ok(addresses)
}

/// The addresses to dial (mapped IPv6 forms as IPv4), or the first denied address and its range. With
/// `allow_private` nothing is denied (for tests and local use).
pub fn check(addresses: &[IpAddr], allow_private: bool) -> Result<Vec<IpAddr>, (IpAddr, Range)> {
    let mut checked = Vec::with_capacity(addresses.len());
    for &ip in addresses {
        match deny::classify(ip) {
            Some(range) if !allow_private => return Err((ip, range)),
            _ => {
                let dial = deny::canonical(ip);
                if !checked.contains(&dial) {
                    checked.push(dial);
                }
            }
        }
    }
    Ok(checked)
}

/// Why no connection was made.
#[derive(Debug)]
pub enum ConnectError {
    /// Every address refused (nothing listens on the port).
    Refused(String),
    /// The time limit ran out.
    Timeout(String),
    /// Unreachable or another error.
    Other(String),
}

/// Connects to the checked addresses in order until one answers, all within `limit`.
pub async fn connect(
    addresses: &[IpAddr],
    port: u16,
    limit: Duration,
) -> Result<(TcpStream, SocketAddr), ConnectError> {
    let deadline = tokio::time::Instant::now() + limit;
    let mut errors = Vec::new();
    let mut refused = false;
    for &ip in addresses {
        let target = SocketAddr::new(ip, port);
        match tokio::time::timeout_at(deadline, TcpStream::connect(target)).await {
            Ok(Ok(stream)) => return Ok((stream, target)),
            Ok(Err(e)) => {
                refused |= e.kind() == io::ErrorKind::ConnectionRefused;
                errors.push(format!("{target}: {e}"));
            }
            Err(_) => {
                errors.push(format!("{target}: no answer within {} s", limit.as_secs_f32()));
                return Err(ConnectError::Timeout(errors.join("; ")));
            }
        }
    }
    let text = errors.join("; ");
    Err(if refused {
        ConnectError::Refused(text)
    } else {
        ConnectError::Other(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ips(list: &[&str]) -> Vec<IpAddr> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn one_denied_address_refuses_them_all() {
        let err = check(&ips(&["8.8.8.8", "2001:4860:4860::8888", "10.0.0.1"]), false).unwrap_err();
        assert_eq!(err.0, "10.0.0.1".parse::<IpAddr>().unwrap());
        assert_eq!(err.1.cidr, "10.0.0.0/8");
        assert_eq!(
            check(&ips(&["8.8.8.8", "1.1.1.1"]), false).unwrap(),
            ips(&["8.8.8.8", "1.1.1.1"])
        );
    }

    #[test]
    fn mapped_addresses_are_dialled_as_ipv4_and_private_ones_need_the_flag() {
        assert_eq!(
            check(&ips(&["::ffff:8.8.8.8", "8.8.8.8"]), false).unwrap(),
            ips(&["8.8.8.8"])
        );
        assert!(check(&ips(&["::ffff:127.0.0.1"]), false).is_err());
        assert_eq!(
            check(&ips(&["::ffff:127.0.0.1", "::1"]), true).unwrap(),
            ips(&["127.0.0.1", "::1"])
        );
    }

    #[tokio::test]
    async fn resolving_an_ip_literal_or_localhost_stays_local() {
        assert_eq!(
            resolve("127.0.0.1", 25, Duration::from_secs(3)).await.unwrap(),
            ips(&["127.0.0.1"])
        );
        let local = resolve("localhost", 25, Duration::from_secs(3)).await.unwrap();
        assert!(local.iter().all(|ip| ip.is_loopback()), "{local:?}");
    }

    #[tokio::test]
    async fn connect_reports_refusal() {
        // Bind then drop a listener: its port is closed.
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        match connect(&ips(&["127.0.0.1"]), port, Duration::from_secs(2)).await {
            Err(ConnectError::Refused(text)) => assert!(text.contains("127.0.0.1"), "{text}"),
            other => panic!("{other:?}"),
        }
    }
}
