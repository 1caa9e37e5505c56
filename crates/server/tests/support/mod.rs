//! Shared by the probe's integration tests: certificates (rcgen), misbehaving servers written here, and
//! real Dovecot and Postfix instances started on loopback. Each test crate uses a part of it.
#![allow(dead_code)]

pub mod certs;
pub mod dns;
pub mod faults;
pub mod mailservers;
pub mod server;
pub mod web;

use mailcheck::probe::{Config, Limits, Report, Request};
use mailcheck_engine::{Protocol, Security};
use std::time::Duration;

/// Short limits so a fault case takes milliseconds; the probe's defaults are tested in `limits.rs`.
pub const TEST_LIMITS: Limits = Limits {
    dns: Duration::from_secs(2),
    connect: Duration::from_secs(2),
    read: Duration::from_millis(600),
    total: Duration::from_secs(4),
    line: 8 * 1024,
    transcript: 64 * 1024,
};

/// A probe configuration for loopback servers on any port, trusting the test CA.
pub fn config(limits: Limits) -> Config {
    let mut config = Config::new().expect("TLS setup");
    config.tls = mailcheck::probe::tls::Tls::new(&[certs::test_ca().der().clone()]).expect("TLS setup");
    config.allow_private_targets = true;
    config.allow_any_port = true;
    config.limits = limits;
    config.resolver = std::sync::Arc::new(mailcheck::dns::Resolver::at(NO_DNS));
    config
}

/// A loopback port where no DNS server listens: tests that need names start one ([`dns::TestDns`]); the
/// rest resolve only `localhost` (which needs none) and addresses, and never ask a resolver outside.
pub const NO_DNS: std::net::SocketAddr =
    std::net::SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 1);

pub fn request(host: &str, port: u16, protocol: Protocol, security: Security) -> Request {
    Request {
        host: host.to_owned(),
        port,
        protocol,
        security,
    }
}

/// Runs a probe with the test limits and checks it ended within them.
pub async fn probe(port: u16, protocol: Protocol, security: Security) -> Report {
    probe_with(TEST_LIMITS, "localhost", port, protocol, security).await
}

pub async fn probe_with(limits: Limits, host: &str, port: u16, protocol: Protocol, security: Security) -> Report {
    let started = std::time::Instant::now();
    let report = mailcheck::probe::run(request(host, port, protocol, security), &config(limits), None).await;
    let bound = limits.total + Duration::from_millis(500);
    assert!(
        started.elapsed() < bound,
        "took {:?}, over {bound:?}: {report:#?}",
        started.elapsed()
    );
    report
}

/// The finding codes of a report, for assertions and failure messages.
pub fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.id()).collect()
}
