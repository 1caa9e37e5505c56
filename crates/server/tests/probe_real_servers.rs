//! The probe against real Dovecot (IMAP, POP3; implicit TLS and STARTTLS) and Postfix (the 25, 587 and 465
//! services) started on loopback high ports by the tests themselves (tests/support/mailservers.rs).

mod support;

use mailcheck::probe::report::{Capabilities, Detail, TlsInfo};
use mailcheck::probe::{Code, Limits, Report, StepName, Verdict};
use mailcheck_engine::{Protocol, Security};
use std::time::Duration;
use support::mailservers::{Dovecot, Postfix};
use support::{codes, probe_with, TEST_LIMITS};

/// Real servers answer fast, but TLS key exchange on a busy 2-core machine can take a while.
const LIMITS: Limits = Limits {
    read: Duration::from_secs(2),
    total: Duration::from_secs(10),
    ..TEST_LIMITS
};

fn capabilities(report: &Report) -> Vec<&Capabilities> {
    report
        .steps
        .iter()
        .filter_map(|s| match &s.detail {
            Some(Detail::Capabilities(c)) => Some(c),
            _ => None,
        })
        .collect()
}

fn tls(report: &Report) -> &TlsInfo {
    report
        .steps
        .iter()
        .find_map(|s| match &s.detail {
            Some(Detail::Tls(t)) => Some(t),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no TLS step: {report:#?}"))
}

fn assert_ok(report: &Report) {
    assert_eq!(report.verdict, Verdict::Ok, "{:?}\n{report:#?}", codes(report));
    assert!(report.steps.iter().any(|s| s.name == StepName::Quit), "{report:#?}");
    // With STARTTLS, the CVE-2011-0411 test runs last on a second connection; the fixed Dovecot and
    // Postfix throw the pipelined NOOP away, and the test must say so for sure (no "inconclusive").
    if report.request.security == Security::Starttls {
        let test = report.steps.last().unwrap();
        assert_eq!(test.name, StepName::InjectionTest, "{report:#?}");
        assert_eq!(test.error, None, "{report:#?}");
    } else {
        assert_eq!(report.steps.last().map(|s| s.name), Some(StepName::Quit), "{report:#?}");
    }
    let cert = tls(report).certificate.as_ref().expect("a certificate");
    assert!(cert.trusted && cert.name_matches && !cert.expired, "{cert:#?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn dovecot_imap_and_pop3() {
    let dovecot = Dovecot::start();
    // 127.0.0.2: Dovecot treats a client on its own address (127.0.0.1) as secure.
    let remote = |port, protocol, security| probe_with(LIMITS, "127.0.0.2", port, protocol, security);

    let imaps = remote(dovecot.imaps, Protocol::Imap, Security::Tls).await;
    assert_ok(&imaps);
    assert!(tls(&imaps).version.starts_with("TLS 1."), "{:?}", tls(&imaps));
    assert!(capabilities(&imaps)[0].auth.contains(&"PLAIN".to_owned()));

    let imap = remote(dovecot.imap, Protocol::Imap, Security::Starttls).await;
    assert_ok(&imap);
    let caps = capabilities(&imap);
    assert_eq!(caps.len(), 2, "capabilities before and after STARTTLS");
    assert!(
        caps[0].starttls && !caps[0].accepts_passwords && !caps[0].encrypted,
        "{:?}",
        caps[0]
    );
    assert!(caps[0].list.iter().any(|c| c == "LOGINDISABLED"));
    assert!(
        caps[1].encrypted && caps[1].accepts_passwords && !caps[1].starttls,
        "{:?}",
        caps[1]
    );

    let pop3 = remote(dovecot.pop3, Protocol::Pop3, Security::Starttls).await;
    assert_ok(&pop3);
    let caps = capabilities(&pop3);
    assert!(caps[0].starttls && !caps[0].accepts_passwords, "{:?}", caps[0]);
    assert!(caps[1].auth.contains(&"PLAIN".to_owned()), "{:?}", caps[1]);

    assert_ok(&remote(dovecot.pop3s, Protocol::Pop3, Security::Tls).await);

    // Plain text without encryption: STARTTLS is there, passwords are not taken.
    let plain = remote(dovecot.imap, Protocol::Imap, Security::None).await;
    assert_eq!(codes(&plain), ["probe.starttls-available", "probe.login-needs-tls"]);

    // Wrong security for the port, both ways.
    let tls_on_plain = remote(dovecot.pop3, Protocol::Pop3, Security::Tls).await;
    assert_eq!(codes(&tls_on_plain), ["probe.tls-on-plain-port"], "{tls_on_plain:#?}");
    let plain_on_tls = remote(dovecot.imaps, Protocol::Imap, Security::Starttls).await;
    assert_eq!(codes(&plain_on_tls), ["probe.plain-on-tls-port"], "{plain_on_tls:#?}");

    // Seen from 127.0.0.1, Dovecot offers AUTH=PLAIN before TLS: the probe notices.
    let local = probe_with(LIMITS, "127.0.0.1", dovecot.imap, Protocol::Imap, Security::Starttls).await;
    assert!(local.has(Code::AuthBeforeTls), "{local:#?}");
    assert_eq!(local.verdict, Verdict::Warnings);
}

#[tokio::test(flavor = "multi_thread")]
async fn postfix_smtp_submission_and_submissions() {
    let dovecot = Dovecot::start();
    let postfix = Postfix::start(&dovecot);
    let local = |port, security| probe_with(LIMITS, "127.0.0.1", port, Protocol::Smtp, security);

    // Port 25's service: STARTTLS offered, no AUTH at all (it is not for submission).
    let smtp = local(postfix.smtp, Security::Starttls).await;
    assert_ok(&smtp);
    assert!(capabilities(&smtp).iter().all(|c| c.auth.is_empty()));

    // Port 587's: AUTH only after STARTTLS.
    let submission = local(postfix.submission, Security::Starttls).await;
    assert_ok(&submission);
    let caps = capabilities(&submission);
    assert!(caps[0].starttls && caps[0].auth.is_empty(), "{:?}", caps[0]);
    assert_eq!(caps[1].auth, ["PLAIN", "LOGIN"], "{:?}", caps[1]);

    // Port 465's: TLS from the first byte, then AUTH.
    let submissions = local(postfix.submissions, Security::Tls).await;
    assert_ok(&submissions);
    assert_eq!(capabilities(&submissions)[0].auth, ["PLAIN", "LOGIN"]);
    assert_eq!(tls(&submissions).version, "TLS 1.3");

    let plain = local(postfix.submission, Security::None).await;
    assert_eq!(codes(&plain), ["probe.starttls-available", "probe.login-needs-tls"]);
    let tls_on_plain = local(postfix.submission, Security::Tls).await;
    assert_eq!(codes(&tls_on_plain), ["probe.tls-on-plain-port"], "{tls_on_plain:#?}");
    let plain_on_tls = local(postfix.submissions, Security::Starttls).await;
    assert_eq!(codes(&plain_on_tls), ["probe.plain-on-tls-port"], "{plain_on_tls:#?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn openssl_speaking_only_tls_1_0_or_1_1_is_named_outdated() {
    for (flag, version) in [("-tls1", "TLS 1.0"), ("-tls1_1", "TLS 1.1")] {
        let server = support::mailservers::OldTls::start(flag);
        let report = probe_with(LIMITS, "localhost", server.port, Protocol::Imap, Security::Tls).await;
        assert_eq!(codes(&report), ["probe.tls-too-old"], "{report:#?}");
        assert_eq!(report.findings[0].params["version"], version, "{report:#?}");
    }
}
