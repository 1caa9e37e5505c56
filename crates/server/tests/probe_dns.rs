//! The probe's name resolution against a real DNS server on loopback (tests/support/dns.rs): answers, no
//! such name, SERVFAIL, private answers, a server that never answers (which must not cost a thread per
//! probe), and one look-up per probe however many connections follow.

mod support;

use hickory_server::proto::rr::RecordType;
use mailcheck::dns::Resolver;
use mailcheck::probe::report::Detail;
use mailcheck::probe::{Config, Limits, StepName};
use mailcheck_engine::{Protocol, Security};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::dns::{black_hole, TestDns, Zone};
use support::faults::Fake;
use support::{codes, request, TEST_LIMITS};

fn pointed_at(server: std::net::SocketAddr, mut config: Config) -> Config {
    config.resolver = Arc::new(Resolver::at(server));
    config
}

fn resolved(report: &mailcheck::probe::Report) -> Vec<String> {
    let step = report.steps.iter().find(|s| s.name == StepName::Resolve).unwrap();
    match &step.detail {
        Some(Detail::Addresses(list)) => list.iter().map(ToString::to_string).collect(),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_name_is_looked_up_once_and_the_checked_address_dialled() {
    let dns = TestDns::start(Zone::new().address("mail", "127.0.0.1").address("mail", "::1")).await;
    let port = Fake::smtp().start().await;
    let config = pointed_at(dns.addr, support::config(TEST_LIMITS));
    let report = mailcheck::probe::run(
        request("mail.test", port, Protocol::Smtp, Security::Starttls),
        &config,
        None,
    )
    .await;
    // The test certificate is for localhost: that is the only finding, and the whole dialogue ran.
    assert_eq!(codes(&report), ["probe.cert-name-mismatch"], "{report:#?}");
    assert_eq!(resolved(&report), ["127.0.0.1", "::1"]);
    // Two connections (the probe and its injection test), one question per family: never asked again.
    assert!(report.steps.iter().any(|s| s.name == StepName::InjectionTest));
    let mut asked = dns.asked();
    asked.sort_by_key(|(_, t)| u16::from(*t));
    assert_eq!(
        asked,
        [
            ("mail.test.".to_owned(), RecordType::A),
            ("mail.test.".to_owned(), RecordType::AAAA)
        ]
    );
}

#[tokio::test]
async fn no_such_name_and_servfail_are_reported_as_not_found() {
    let dns = TestDns::start(Zone::new().address("mail", "127.0.0.1").servfail("broken")).await;
    let config = pointed_at(dns.addr, support::config(TEST_LIMITS));
    for host in ["nothing.test", "broken.test", "mail.nothing.test"] {
        let report = mailcheck::probe::run(request(host, 993, Protocol::Imap, Security::Tls), &config, None).await;
        assert_eq!(codes(&report), ["probe.resolve-failed"], "{host}: {report:#?}");
        assert!(!report.steps.iter().any(|s| s.name == StepName::Connect), "{host}");
    }
    assert!(dns.asked_about("broken") > 0, "SERVFAIL came from the server");
}

#[tokio::test]
async fn private_answers_are_denied_before_any_connection() {
    let zone = Zone::new()
        .address("inside", "10.0.0.1")
        .address("metadata", "169.254.169.254")
        .address("mixed", "8.8.8.8")
        .address("mixed", "192.168.1.1")
        .address("loop6", "::1");
    let dns = TestDns::start(zone).await;
    let config = pointed_at(dns.addr, Config::new().unwrap());
    for (host, range) in [
        ("inside.test", "10.0.0.0/8"),
        ("metadata.test", "169.254.0.0/16"),
        ("mixed.test", "192.168.0.0/16"),
        ("loop6.test", "::1/128"),
    ] {
        let report = mailcheck::probe::run(request(host, 993, Protocol::Imap, Security::Tls), &config, None).await;
        assert_eq!(codes(&report), ["probe.denied-address"], "{host}: {report:#?}");
        assert_eq!(report.findings[0].params["range"], range, "{host}");
        assert!(
            !report.steps.iter().any(|s| s.name == StepName::Connect),
            "{host}: never dialled"
        );
    }
}

fn threads() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_server_that_never_answers_costs_no_thread_per_probe() {
    let silent = black_hole().await;
    let limits = Limits {
        dns: Duration::from_millis(300),
        ..TEST_LIMITS
    };
    let config = Arc::new(pointed_at(silent, support::config(limits)));
    let wave = |config: Arc<Config>| async move {
        let probes: Vec<_> = (0..64)
            .map(|i| {
                let config = config.clone();
                tokio::spawn(async move {
                    let host = format!("slow{i}.test");
                    mailcheck::probe::run(request(&host, 993, Protocol::Imap, Security::Tls), &config, None).await
                })
            })
            .collect();
        for probe in probes {
            let report = probe.await.unwrap();
            assert_eq!(codes(&report), ["probe.timeout"], "{report:#?}");
            assert_eq!(report.findings[0].params["step"], "resolve");
        }
    };
    wave(config.clone()).await;
    let before = threads();
    let started = Instant::now();
    for _ in 0..3 {
        wave(config.clone()).await;
    }
    // Three waves of 64 timed-out look-ups: each gave up at its limit, and no thread was left behind (the
    // system resolver kept one per look-up for about 10 s).
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    // A few threads of margin for the other tests of this file starting meanwhile; the old resolver's
    // failure mode is one thread per look-up, 192 here.
    let after = threads();
    assert!(after <= before + 8, "threads {before} -> {after}");
}

#[tokio::test]
async fn the_resolvers_own_time_out_is_a_time_out_too() {
    // A limit longer than the resolver's own tries (2 s each, twice): the resolver gives up first, as it
    // did about once in 50 probes against a silent server under the default 3 s. That was "no such name".
    let silent = black_hole().await;
    let limits = Limits {
        dns: Duration::from_secs(8),
        total: Duration::from_secs(10),
        ..TEST_LIMITS
    };
    let config = pointed_at(silent, support::config(limits));
    let started = Instant::now();
    let report = mailcheck::probe::run(
        request("silent.test", 993, Protocol::Imap, Security::Tls),
        &config,
        None,
    )
    .await;
    let waited = started.elapsed();
    assert!(waited < limits.dns, "the resolver gave up after {waited:?}");
    assert_eq!(codes(&report), ["probe.timeout"], "{report:#?}");
    let finding = &report.findings[0];
    assert_eq!(finding.params["step"], "resolve");
    // The wait it names is the one that happened, not the limit that did not run out.
    let said: f32 = finding.params["seconds"].parse().unwrap();
    assert!((said - waited.as_secs_f32()).abs() < 0.5, "{said} s for {waited:?}");
    assert!(finding.why.contains(&finding.params["seconds"]), "{}", finding.why);
}
