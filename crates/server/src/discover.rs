//! Discovery: the settings of a domain mailcheck's database does not know, found the way Thunderbird's
//! account setup finds them, with more care about which answer to trust and every answer explained.
//!
//! [`run`] asks, in parallel, the domain's own autoconfig file (https; the http variants only when neither
//! https file exists, and never with the address), the Thunderbird ISPDB online (only the domain is sent),
//! the domain's MX records (mapped to a provider through our database, walking the MX host's suffixes down
//! to its registrable domain from the Public Suffix List, then the ISPDB online for that registrable domain)
//! and its SRV records (RFC 6186, RFC 8314). When that leaves a side without a server, it guesses host
//! names and ports in Thunderbird's order and keeps a guess only once the probe's dialogue confirmed it
//! (greeting, capabilities, a certificate valid for the name). The engine merges what came back by trust
//! (`mailcheck_engine::discover`). Every source's answer is sent to `events` as it arrives; the whole run
//! is bounded by [`Limits::total`], after which the report says what arrived.
//!
//! Safety is the probe's: every name is resolved through `dns.rs`, every address goes through the deny
//! list, only checked addresses are dialled, and each fetch is bounded in time, size and redirects
//! (`fetch.rs`). docs/discover.md describes the API, the sources, the order of trust and what is sent where.

pub mod api;
mod fetch;
mod guess;
pub mod report;
mod sources;

use crate::dns::Resolver;
use crate::probe::tls::Tls;
pub use report::{Event, Report, SourceReport};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;
use url::Url;

/// The numbers that bound one discovery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Each DNS question.
    pub dns: Duration,
    /// Each TCP connection.
    pub connect: Duration,
    /// Each fetch, redirects included.
    pub fetch: Duration,
    /// The largest document accepted, in bytes.
    pub body: usize,
    /// Redirects followed per fetch.
    pub redirects: usize,
    /// Each read of a guessed server's dialogue (and its TLS handshake).
    pub guess_read: Duration,
    /// The whole discovery; then the report says what arrived.
    pub total: Duration,
}

impl Limits {
    /// DNS 3 s, connect 3 s, each fetch 5 s and 64 KiB with at most 3 redirects, guesses' reads 4 s, 20 s
    /// in all.
    pub const DEFAULT: Limits = Limits {
        dns: Duration::from_secs(3),
        connect: Duration::from_secs(3),
        fetch: Duration::from_secs(5),
        body: 64 * 1024,
        redirects: 3,
        guess_read: Duration::from_secs(4),
        total: Duration::from_secs(20),
    };
}

/// Ports dialled instead of the standard ones: tests only, whose fake servers cannot listen on 443 or 993.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PortMap(pub Vec<(u16, u16)>);

impl PortMap {
    pub fn map(&self, port: u16) -> u16 {
        self.0
            .iter()
            .find(|(from, _)| *from == port)
            .map_or(port, |(_, to)| *to)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The ISPDB's address: the domain is added at its end.
pub const ISPDB: &str = "https://autoconfig.thunderbird.net/v1.1/";

/// Everything a discovery needs besides the request.
#[derive(Clone, Debug)]
pub struct Config {
    pub limits: Limits,
    pub resolver: Arc<Resolver>,
    /// The TLS client for fetches (verifying).
    pub https: HttpsClient,
    /// The probe's TLS, for confirming guesses.
    pub probe_tls: Tls,
    /// Allow loopback, private and other non-public addresses (tests and local use only).
    pub allow_private: bool,
    /// Addresses allowed although the deny list refuses them: tests only.
    pub allowed_addresses: Vec<IpAddr>,
    /// Tests only: other ports than 443, 80 and the mail ports.
    pub ports: PortMap,
    /// The ISPDB online, `None` to leave it out.
    pub ispdb: Option<Url>,
}

/// The verifying TLS client, with a `Debug` that says what it is.
#[derive(Clone)]
pub struct HttpsClient(tokio_rustls::TlsConnector);

impl std::fmt::Debug for HttpsClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HttpsClient")
    }
}

impl HttpsClient {
    async fn connect<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(
        &self,
        name: rustls::pki_types::ServerName<'static>,
        stream: S,
    ) -> std::io::Result<tokio_rustls::client::TlsStream<S>> {
        self.0.connect(name, stream).await
    }
}

impl Config {
    /// The safe defaults: public addresses only, the default limits, the system's resolver, Mozilla's roots
    /// plus `extra_roots` (tests: their CA), the ISPDB at [`ISPDB`].
    pub fn new(extra_roots: &[rustls::pki_types::CertificateDer<'static>]) -> Result<Config, rustls::Error> {
        Ok(Config {
            limits: Limits::DEFAULT,
            resolver: Arc::new(Resolver::system()),
            https: HttpsClient(fetch::https_client(extra_roots)?),
            probe_tls: Tls::new(extra_roots)?,
            allow_private: false,
            allowed_addresses: Vec::new(),
            ports: PortMap::default(),
            ispdb: Url::parse(ISPDB).ok(),
        })
    }

    /// The probe's configuration for confirming one guess: the same resolver and address rules, shorter
    /// limits, and no per-target quota (the discovery's own limits bound how often a domain is tried).
    fn probe(&self, left: Duration) -> crate::probe::Config {
        crate::probe::Config {
            limits: crate::probe::Limits {
                dns: self.limits.dns,
                connect: self.limits.connect,
                read: self.limits.guess_read,
                total: left,
                ..crate::probe::Limits::DEFAULT
            },
            allow_private_targets: self.allow_private,
            allow_any_port: !self.ports.is_empty(),
            allowed_addresses: self.allowed_addresses.clone(),
            tls: self.probe_tls.clone(),
            targets: None,
            resolver: self.resolver.clone(),
        }
    }
}

/// What to discover: an address (its domain, and the address for the domain's own autoconfig) or a domain.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Discover even when the database knows the domain (its record then takes part as a source).
    #[serde(default)]
    pub force: bool,
}

/// A request read and checked: the domain in ASCII (IDNs in punycode), and the address if one was given.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Target {
    pub domain: String,
    pub address: Option<String>,
    pub force: bool,
}

impl Target {
    /// Reads an address (`jane@example.org`) or a domain; the error says what is wrong, for people.
    pub fn parse(request: &Request) -> Result<Target, String> {
        let given = request
            .address
            .as_deref()
            .or(request.domain.as_deref())
            .unwrap_or("")
            .trim();
        if given.is_empty() || given.len() > 254 || given.chars().any(char::is_control) {
            return Err("give an email address (jane@example.org) or a domain (example.org)".into());
        }
        let (local, domain) = match given.rsplit_once('@') {
            Some((local, domain)) => (Some(local), domain),
            None => (None, given),
        };
        if local.is_some_and(|l| l.is_empty() || l.contains(char::is_whitespace)) {
            return Err(format!("{given:?} is not an email address"));
        }
        let domain = domain.trim().trim_end_matches('.');
        // The WHATWG host parser: lower case, IDNs to punycode, and IP addresses recognised as such.
        let host = Url::parse(&format!("http://{domain}/"))
            .ok()
            .and_then(|u| u.domain().map(str::to_owned))
            .filter(|d| mailcheck_engine::client_config::is_domain_name(d))
            .filter(|d| psl::domain_str(d).is_some_and(|registrable| d.ends_with(registrable)))
            .ok_or_else(|| format!("{domain:?} is not a domain name that mail could be for"))?;
        Ok(Target {
            address: local.map(|l| format!("{l}@{host}")),
            domain: host,
            force: request.force,
        })
    }
}

/// Runs one discovery. Each source's answer goes to `events` as it arrives; the report is returned.
pub async fn run(target: &Target, config: &Config, events: Option<UnboundedSender<SourceReport>>) -> Report {
    sources::Run::new(target, config, events).all().await
}

/// Today as `YYYY-MM-DD` (UTC).
fn today() -> String {
    let date = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(address: &str) -> Result<Target, String> {
        Target::parse(&Request {
            address: Some(address.into()),
            domain: None,
            force: false,
        })
    }

    #[test]
    fn addresses_and_domains_are_read_strictly() {
        let t = target(" Jane@Example.ORG. ").unwrap();
        assert_eq!(
            (t.domain.as_str(), t.address.as_deref()),
            ("example.org", Some("Jane@example.org"))
        );
        assert_eq!(target("jane@bücher.example").unwrap().domain, "xn--bcher-kva.example");
        assert_eq!(target("example.org").unwrap().address, None);
        for bad in [
            "",
            "@example.org",
            "jane@",
            "jane@com",
            "jane@co.uk",
            "jane@127.0.0.1",
            "jane@[::1]",
            "a b@x.org",
            "jane@exa mple.org",
            "jane@x\n.org",
            "jane@-x.org",
        ] {
            assert!(target(bad).is_err(), "{bad:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_address_is_read_without_panicking(text in ".{0,300}") {
            if let Ok(t) = target(&text) {
                proptest::prop_assert!(mailcheck_engine::client_config::is_domain_name(&t.domain));
            }
        }
    }

    #[test]
    fn ports_are_mapped_only_where_told() {
        let map = PortMap(vec![(443, 8443)]);
        assert_eq!((map.map(443), map.map(993)), (8443, 993));
        assert_eq!(Limits::DEFAULT.total, Duration::from_secs(20));
        assert_eq!(Limits::DEFAULT.body, 65536);
    }
}
