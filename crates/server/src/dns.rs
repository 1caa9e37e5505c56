//! Name resolution for everything the server dials: the probe now, discovery next. Asynchronous
//! (hickory-resolver), so a name that never answers costs a timer, not a thread that outlives the probe.
//!
//! The one rule, as in Stripe's smokescreen: every address an answer holds goes through the deny list
//! (`guard::deny::classify`) once, in [`check`], and what comes out, [`Checked`], is the only thing the
//! dialer accepts; the name is never looked up again, so a second answer (DNS rebinding) cannot reach it.
//!
//! By default the system's configuration is read (/etc/resolv.conf, and /etc/hosts). `--dns-server IP:PORT`
//! points it at one name server instead: for tests, which run a DNS server of their own on loopback
//! (tests/support/dns.rs), and for operators who want the probe to use a resolver of its own.

use crate::guard::deny::{self, Range};
use hickory_resolver::config::{LookupIpStrategy, NameServerConfig, ResolveHosts, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::TokioResolver;
use std::net::{IpAddr, SocketAddr};
use std::sync::OnceLock;
use std::time::Duration;

/// Where the questions go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameServers {
    /// The system's configuration (/etc/resolv.conf, /etc/hosts).
    System,
    /// This server only (UDP, and TCP for long answers), and no hosts file.
    At(SocketAddr),
}

/// The resolver, shared by every probe (one cache, bounded). Built on first use, inside the runtime.
pub struct Resolver {
    servers: NameServers,
    inner: OnceLock<Result<TokioResolver, String>>,
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Resolver {{ {:?} }}", self.servers)
    }
}

/// Why a name gave no addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    /// No answer within the limit.
    Timeout,
    /// The name does not exist, or has no A or AAAA records.
    NotFound(String),
    /// Any other failure (SERVFAIL, refused, no resolver configuration), as the resolver says it.
    Failed(String),
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResolveError::Timeout => write!(f, "no answer from DNS in time"),
            ResolveError::NotFound(e) | ResolveError::Failed(e) => write!(f, "{e}"),
        }
    }
}

/// Answers kept in the resolver's cache, at most.
const CACHE_ENTRIES: u64 = 1024;

impl Resolver {
    pub fn new(servers: NameServers) -> Resolver {
        Resolver {
            servers,
            inner: OnceLock::new(),
        }
    }

    pub fn system() -> Resolver {
        Resolver::new(NameServers::System)
    }

    pub fn at(server: SocketAddr) -> Resolver {
        Resolver::new(NameServers::At(server))
    }

    fn resolver(&self) -> Result<&TokioResolver, ResolveError> {
        self.inner
            .get_or_init(|| build(self.servers))
            .as_ref()
            .map_err(|e| ResolveError::Failed(e.clone()))
    }

    /// Every A and AAAA answer for `name` (taken as fully qualified: no search domains are tried), without
    /// duplicates, within `limit`. An IP address is its own answer.
    pub async fn addresses(&self, name: &str, limit: Duration) -> Result<Vec<IpAddr>, ResolveError> {
        if let Ok(ip) = name.parse::<IpAddr>() {
            return Ok(vec![ip]);
        }
        let resolver = self.resolver()?;
        let fqdn = if name.ends_with('.') {
            name.to_owned()
        } else {
            format!("{name}.")
        };
        let found = match tokio::time::timeout(limit, resolver.lookup_ip(fqdn.as_str())).await {
            Err(_) => return Err(ResolveError::Timeout),
            Ok(Err(e)) if e.is_no_records_found() || e.is_nx_domain() => {
                return Err(not_found(e.is_nx_domain(), "the name has no addresses".into()))
            }
            Ok(Err(e)) => return Err(ResolveError::Failed(e.to_string())),
            Ok(Ok(found)) => found,
        };
        let mut addresses: Vec<IpAddr> = Vec::new();
        for ip in found.iter() {
            if !addresses.contains(&ip) {
                addresses.push(ip);
            }
        }
        if addresses.is_empty() {
            return Err(ResolveError::NotFound("the name has no addresses".into()));
        }
        Ok(addresses)
    }
}

/// A host name from a DNS answer (MX exchange, SRV target): lower case, without the root's dot. `.` itself
/// (RFC 2782, RFC 7505: "no such service") comes back empty.
fn host_name(name: &hickory_resolver::proto::rr::Name) -> String {
    let text = name.to_ascii().to_ascii_lowercase();
    text.strip_suffix('.').unwrap_or(&text).to_owned()
}

/// One SRV answer: where a service is offered, or (an empty target) that it is not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub priority: u16,
    pub weight: u16,
    pub port: u16,
    /// Empty for `.`: the service is not offered.
    pub target: String,
}

impl Resolver {
    /// The MX hosts of `domain`, most preferred first (an empty host is a null MX, RFC 7505).
    pub async fn mx(&self, domain: &str, limit: Duration) -> Result<Vec<(u16, String)>, ResolveError> {
        let answers = self
            .records(domain, hickory_resolver::proto::rr::RecordType::MX, limit)
            .await?;
        let mut hosts: Vec<(u16, String)> = answers
            .iter()
            .filter_map(|r| match &r.data {
                hickory_resolver::proto::rr::RData::MX(mx) => Some((mx.preference, host_name(&mx.exchange))),
                _ => None,
            })
            .collect();
        hosts.sort();
        hosts.dedup();
        Ok(hosts)
    }

    /// The SRV answers for `name` (e.g. `_imaps._tcp.example.org`), by priority, then the heavier first.
    pub async fn srv(&self, name: &str, limit: Duration) -> Result<Vec<Service>, ResolveError> {
        let answers = self
            .records(name, hickory_resolver::proto::rr::RecordType::SRV, limit)
            .await?;
        let mut services: Vec<Service> = answers
            .iter()
            .filter_map(|r| match &r.data {
                hickory_resolver::proto::rr::RData::SRV(srv) => Some(Service {
                    priority: srv.priority,
                    weight: srv.weight,
                    port: srv.port,
                    target: host_name(&srv.target),
                }),
                _ => None,
            })
            .collect();
        services.sort_by_key(|s| (s.priority, u16::MAX - s.weight));
        Ok(services)
    }

    async fn records(
        &self,
        name: &str,
        kind: hickory_resolver::proto::rr::RecordType,
        limit: Duration,
    ) -> Result<Vec<hickory_resolver::proto::rr::Record>, ResolveError> {
        let resolver = self.resolver()?;
        let fqdn = if name.ends_with('.') {
            name.to_owned()
        } else {
            format!("{name}.")
        };
        match tokio::time::timeout(limit, resolver.lookup(fqdn.as_str(), kind)).await {
            Err(_) => Err(ResolveError::Timeout),
            Ok(Err(e)) if e.is_no_records_found() || e.is_nx_domain() => {
                Err(not_found(e.is_nx_domain(), format!("no {kind} records")))
            }
            Ok(Err(e)) => Err(ResolveError::Failed(e.to_string())),
            Ok(Ok(found)) => Ok(found.answers().to_vec()),
        }
    }
}

/// An empty answer in words: the resolver's own text quotes its query structures (`Query { name: … }`), which
/// end up in reports people read.
fn not_found(nx_domain: bool, empty: String) -> ResolveError {
    ResolveError::NotFound(if nx_domain {
        "the name does not exist".into()
    } else {
        empty
    })
}

fn build(servers: NameServers) -> Result<TokioResolver, String> {
    let provider = TokioRuntimeProvider::default();
    let mut builder = match servers {
        NameServers::System => {
            TokioResolver::builder_tokio().map_err(|e| format!("cannot read the system's DNS configuration: {e}"))?
        }
        NameServers::At(server) => {
            let mut name_server = NameServerConfig::udp_and_tcp(server.ip());
            for connection in &mut name_server.connections {
                connection.port = server.port();
            }
            let mut builder =
                TokioResolver::builder_with_config(ResolverConfig::from_name_servers(vec![name_server]), provider);
            builder.options_mut().use_hosts_file = ResolveHosts::Never;
            builder
        }
    };
    let options = builder.options_mut();
    // Both families, so the deny list sees every address the name has.
    options.ip_strategy = LookupIpStrategy::Ipv4AndIpv6;
    options.cache_size = CACHE_ENTRIES;
    options.timeout = Duration::from_secs(2);
    options.attempts = 2;
    builder.build().map_err(|e| e.to_string())
}

/// Addresses that passed the deny list, IPv4-mapped forms as IPv4, without duplicates: what may be
/// dialled. Only [`check`] makes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked(Vec<IpAddr>);

impl Checked {
    pub fn addresses(&self) -> &[IpAddr] {
        &self.0
    }

    /// Just `ip`, if it is one of these (to dial the address that answered once more).
    pub fn only(&self, ip: IpAddr) -> Option<Checked> {
        self.0.contains(&ip).then(|| Checked(vec![ip]))
    }
}

/// The addresses to dial, or the first denied address and its range: one denied address refuses them all
/// (a name with a private address is not one to probe). With `allow_private` nothing is denied (tests and
/// local use).
pub fn check(addresses: &[IpAddr], allow_private: bool) -> Result<Checked, (IpAddr, Range)> {
    check_allowing(addresses, allow_private, &[])
}

/// [`check`], with the addresses in `allowed` passing too: tests run their fake servers on one loopback
/// address and still see every other loopback, private or link-local address refused.
pub fn check_allowing(
    addresses: &[IpAddr],
    allow_private: bool,
    allowed: &[IpAddr],
) -> Result<Checked, (IpAddr, Range)> {
    let mut checked = Vec::with_capacity(addresses.len());
    for &ip in addresses {
        let exempt = allow_private || allowed.contains(&deny::canonical(ip));
        match deny::classify(ip) {
            Some(range) if !exempt => return Err((ip, range)),
            _ => {
                let dial = deny::canonical(ip);
                if !checked.contains(&dial) {
                    checked.push(dial);
                }
            }
        }
    }
    Ok(Checked(checked))
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
            check(&ips(&["8.8.8.8", "1.1.1.1"]), false).unwrap().addresses(),
            ips(&["8.8.8.8", "1.1.1.1"])
        );
    }

    #[test]
    fn mapped_addresses_are_dialled_as_ipv4_and_private_ones_need_the_flag() {
        assert_eq!(
            check(&ips(&["::ffff:8.8.8.8", "8.8.8.8"]), false).unwrap().addresses(),
            ips(&["8.8.8.8"])
        );
        assert!(check(&ips(&["::ffff:127.0.0.1"]), false).is_err());
        let local = check(&ips(&["::ffff:127.0.0.1", "::1"]), true).unwrap();
        assert_eq!(local.addresses(), ips(&["127.0.0.1", "::1"]));
        assert_eq!(local.only("::1".parse().unwrap()).unwrap().addresses(), ips(&["::1"]));
        assert_eq!(local.only("127.0.0.2".parse().unwrap()), None);
    }

    #[tokio::test]
    async fn localhost_and_addresses_need_no_name_server() {
        // Port 1 on loopback: nothing listens, nothing leaves the machine.
        let resolver = Resolver::at("127.0.0.1:1".parse().unwrap());
        let limit = Duration::from_secs(3);
        assert_eq!(
            resolver.addresses("192.0.2.1", limit).await.unwrap(),
            ips(&["192.0.2.1"])
        );
        let local = resolver.addresses("localhost", limit).await.unwrap();
        assert!(
            !local.is_empty() && local.iter().all(|ip| ip.is_loopback()),
            "{local:?}"
        );
    }
}
