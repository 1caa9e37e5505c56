//! The probe against servers that misbehave (tests/support/faults.rs): every fault ends in a clean report
//! with the right finding, within the time limits.

mod support;

use mailcheck::probe::report::Detail;
use mailcheck::probe::{Code, Limits, Outcome, Report, StepName, Verdict};
use mailcheck_engine::{Protocol, Security};
use std::time::Duration;
use support::certs::Kind;
use support::faults::{self, Fake, Pipelined, Reply};
use support::{codes, probe, probe_with, TEST_LIMITS};

const SMTP: Protocol = Protocol::Smtp;
const IMAP: Protocol = Protocol::Imap;
const POP3: Protocol = Protocol::Pop3;

/// The report has exactly these findings.
#[track_caller]
fn assert_codes(report: &Report, expected: &[Code]) {
    let expected: Vec<&str> = expected.iter().map(|c| c.id()).collect();
    assert_eq!(codes(report), expected, "{report:#?}");
}

fn failed_step(report: &Report) -> StepName {
    report
        .steps
        .iter()
        .find(|s| s.outcome == Outcome::Failed)
        .map(|s| s.name)
        .unwrap_or_else(|| panic!("no failed step: {report:#?}"))
}

#[tokio::test]
async fn well_behaved_servers_pass_with_every_protocol_and_security() {
    for (fake, protocol) in [(Fake::smtp(), SMTP), (Fake::imap(), IMAP), (Fake::pop3(), POP3)] {
        let starttls = probe(fake.clone().start().await, protocol, Security::Starttls).await;
        assert_eq!(starttls.verdict, Verdict::Ok, "{starttls:#?}");
        let names: Vec<StepName> = starttls.steps.iter().map(|s| s.name).collect();
        assert_eq!(names[names.len() - 2..], [StepName::Quit, StepName::InjectionTest]);
        let test = starttls.steps.last().unwrap();
        assert!(test.error.is_none(), "the injection test was conclusive: {test:?}");
        let tls = probe(fake.implicit().start().await, protocol, Security::Tls).await;
        assert_eq!(tls.verdict, Verdict::Ok, "{tls:#?}");
    }
}

#[tokio::test]
async fn a_slow_greeting_within_the_limit_is_fine() {
    let port = Fake {
        delay: Duration::from_millis(300),
        ..Fake::smtp()
    }
    .start()
    .await;
    let report = probe(port, SMTP, Security::Starttls).await;
    assert_eq!(report.verdict, Verdict::Ok, "{report:#?}");
}

#[tokio::test]
async fn a_greeting_slower_than_the_limit_times_out() {
    let port = Fake {
        delay: Duration::from_millis(900),
        ..Fake::smtp()
    }
    .start()
    .await;
    let report = probe(port, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::Timeout]);
    assert_eq!(report.findings[0].params["step"], "greeting");
}

#[tokio::test]
async fn no_greeting_times_out() {
    let report = probe(faults::silent().await, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::Timeout]);
    assert_eq!(failed_step(&report), StepName::Greeting);
}

#[tokio::test]
async fn one_byte_at_a_time_is_too_slow_and_the_transcript_shows_what_came() {
    // 600 ms for the greeting at 200 ms a byte: 3 or 4 bytes arrive, never the whole line.
    let port = faults::drip(b"220 slow.test ESMTP\r\n", Duration::from_millis(200)).await;
    let report = probe(port, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::SlowReply]);
    assert_eq!(failed_step(&report), StepName::Greeting);
    let bytes: usize = report.findings[0].params["bytes"].parse().unwrap();
    assert!((2..=4).contains(&bytes), "{bytes}");
    assert!(
        !report.findings[0].why.contains("nothing came back"),
        "{}",
        report.findings[0].why
    );
    let last = report.transcript.last().unwrap();
    assert!(
        last.starts_with("S: 22") && last.ends_with("(incomplete)"),
        "{:?}",
        report.transcript
    );
    // No TLS attempt after a greeting that had begun: it was not a silent TLS port.
    assert!(!report
        .steps
        .iter()
        .any(|s| s.error.as_deref().is_some_and(|e| e.contains("TLS"))));
    // The near miss: a server that sends nothing at all still "did not answer in time".
    let silent = probe(faults::silent().await, SMTP, Security::Starttls).await;
    assert_codes(&silent, &[Code::Timeout]);
    assert!(silent.transcript.is_empty(), "{:?}", silent.transcript);
}

#[tokio::test]
async fn the_whole_probe_limit_returns_the_partial_report() {
    // Each read is within its own limit, but together they exceed the probe's.
    let limits = Limits {
        read: Duration::from_secs(2),
        total: Duration::from_millis(1500),
        ..TEST_LIMITS
    };
    let port = faults::drip(b"220-a\r\n220-b\r\n220-c\r\n220 d\r\n", Duration::from_millis(150)).await;
    let report = probe_with(limits, "localhost", port, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::Timeout]);
    assert_eq!(report.findings[0].params["seconds"], "1.5");
    let names: Vec<StepName> = report.steps.iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            StepName::Validate,
            StepName::Resolve,
            StepName::Check,
            StepName::Connect,
            StepName::Greeting
        ]
    );
    assert!(
        report.transcript.iter().any(|l| l == "S: 220-a"),
        "{:?}",
        report.transcript
    );
    // A line cut off by the whole probe's limit is shown too.
    let port = faults::drip(b"220 slow but steady\r\n", Duration::from_millis(100)).await;
    let report = probe_with(limits, "localhost", port, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::Timeout]);
    assert!(
        report
            .transcript
            .last()
            .is_some_and(|l| l.starts_with("S: 220 slow") && l.ends_with("(incomplete)")),
        "{:?}",
        report.transcript
    );
}

#[tokio::test]
async fn an_endless_line_is_cut_at_the_line_limit() {
    let report = probe(
        faults::endless(b"220 ", b"AAAAAAAAAAAAAAAA").await,
        SMTP,
        Security::Starttls,
    )
    .await;
    assert_codes(&report, &[Code::LineTooLong]);
    assert!(
        report.transcript.iter().all(|l| l.chars().count() < 400),
        "transcript lines are shortened"
    );
}

#[tokio::test]
async fn an_endless_multiline_reply_is_cut_at_the_transcript_limit() {
    let port = faults::endless(b"", b"220-still greeting you, line after line\r\n").await;
    let report = probe(port, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::TooMuchData]);
    assert!(report
        .transcript
        .last()
        .is_some_and(|l| l.contains("more lines not shown")));
}

#[tokio::test]
async fn garbage_and_nul_bytes_are_a_bad_reply() {
    for (protocol, bytes) in [
        (SMTP, &b"\0\x01\x02\xff garbage\r\n"[..]),
        (SMTP, &b"220\0 mx.test\r\n"[..]),
        (IMAP, &b"* OK \0\r\n"[..]),
        (POP3, &b"hello there\r\n"[..]),
    ] {
        let port = faults::says(bytes).await;
        let report = probe(port, protocol, Security::Starttls).await;
        assert_codes(&report, &[Code::BadReply]);
    }
}

#[tokio::test]
async fn http_and_ssh_are_recognized() {
    let report = probe(faults::http().await, IMAP, Security::Starttls).await;
    assert_codes(&report, &[Code::WrongProtocol]);
    assert_eq!(report.findings[0].params["seen"], "HTTP");
    let report = probe(faults::http().await, IMAP, Security::Tls).await;
    assert_codes(&report, &[Code::WrongProtocol]);
    let ssh = faults::says(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n").await;
    for security in [Security::None, Security::Tls] {
        let report = probe(ssh, SMTP, security).await;
        assert_codes(&report, &[Code::WrongProtocol]);
        assert_eq!(report.findings[0].params["seen"], "SSH");
    }
}

#[tokio::test]
async fn another_mail_protocol_on_the_port_is_recognized() {
    let report = probe(Fake::imap().start().await, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::WrongProtocol]);
    assert_eq!(report.findings[0].params["seen"], "IMAP");
}

#[tokio::test]
async fn tls_on_a_plain_port_and_plain_on_a_tls_port() {
    let plain = Fake::pop3().start().await;
    let report = probe(plain, POP3, Security::Tls).await;
    assert_codes(&report, &[Code::TlsOnPlainPort]);
    assert_eq!(report.findings[0].params["greeting"], "+OK fake POP3 ready");

    let implicit = Fake::smtp().implicit().start().await;
    for security in [Security::Starttls, Security::None] {
        let report = probe(implicit, SMTP, security).await;
        assert_codes(&report, &[Code::PlainOnTlsPort]);
    }
}

#[tokio::test]
async fn refusing_greetings() {
    for (fake, protocol) in [
        (Fake::smtp().with_greeting("421 4.3.2 Service shutting down\r\n"), SMTP),
        (
            Fake::smtp().with_greeting("554-No SMTP service here\r\n554 go away\r\n"),
            SMTP,
        ),
        (Fake::imap().with_greeting("* BYE Too many connections\r\n"), IMAP),
        (Fake::pop3().with_greeting("-ERR [SYS/TEMP] busy\r\n"), POP3),
    ] {
        let report = probe(fake.start().await, protocol, Security::Starttls).await;
        assert_codes(&report, &[Code::GreetingRefused]);
        assert_eq!(
            report.steps.last().map(|s| s.name),
            Some(StepName::Quit),
            "a polite quit follows"
        );
    }
    let report = probe(
        Fake::smtp()
            .with_greeting("554-No SMTP service here\r\n554 go away\r\n")
            .start()
            .await,
        SMTP,
        Security::Starttls,
    )
    .await;
    assert_eq!(
        report.findings[0].params["reply"],
        "554-No SMTP service here / 554 go away"
    );
}

#[tokio::test]
async fn preauth_is_a_warning_over_tls_and_an_error_in_plain_text() {
    // A server that would take a password with LOGIN, were the session not logged in already.
    let fake = Fake::imap().with_greeting("* PREAUTH logged in as you\r\n").with_reply(
        "CAPABILITY",
        Reply::Text("* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\n{tag} OK done\r\n"),
    );
    let tls = probe(fake.clone().implicit().start().await, IMAP, Security::Tls).await;
    assert_codes(&tls, &[Code::Preauth]);
    assert_eq!(tls.verdict, Verdict::Warnings);
    for security in [Security::Starttls, Security::None] {
        let plain = probe(fake.clone().start().await, IMAP, security).await;
        // Only PREAUTH: no password is asked for, so "accepts passwords" findings would be wrong, and
        // STARTTLS is not tried after it (not allowed once logged in).
        assert_codes(&plain, &[Code::Preauth]);
        assert_eq!(plain.verdict, Verdict::Failed);
        let caps = plain
            .steps
            .iter()
            .find_map(|s| match &s.detail {
                Some(Detail::Capabilities(c)) => Some(c),
                _ => None,
            })
            .unwrap();
        assert!(!caps.accepts_passwords, "{caps:?}");
        assert!(
            !plain.steps.iter().any(|s| s.name == StepName::Starttls),
            "{security:?}"
        );
    }
    // The near miss: the same capabilities after an ordinary greeting do take a password.
    let ordinary = fake.with_greeting("* OK ready\r\n").start().await;
    let report = probe(ordinary, IMAP, Security::None).await;
    assert!(report.has(Code::AuthBeforeTls), "{report:#?}");
}

#[tokio::test]
async fn a_server_that_speaks_only_tls_1_0_or_1_1_is_named_as_such() {
    for (minor, name) in [(1u8, "TLS 1.0"), (2, "TLS 1.1"), (0, "SSL 3.0")] {
        let report = probe(faults::old_tls(minor).await, IMAP, Security::Tls).await;
        assert_codes(&report, &[Code::TlsTooOld]);
        assert_eq!(report.findings[0].params["version"], name);
        assert!(report.findings[0].why.contains(name), "{}", report.findings[0].why);
    }
    // The near miss: a handshake that fails for another reason is not "too old".
    let report = probe(faults::hang_up_after_first_read().await, IMAP, Security::Tls).await;
    assert_codes(&report, &[Code::TlsFailed]);
}

#[tokio::test]
async fn a_server_that_hangs_up_on_a_modern_hello_but_answers_an_old_one_speaks_only_outdated_tls() {
    // No alert, not a byte: the hang-up alone was "TLS handshake failed (eof)". The evidence is the old
    // hello answered on a second connection.
    for (minor, name) in [(1u8, "TLS 1.0"), (2, "TLS 1.1")] {
        let report = probe(faults::old_tls_hanging_up_on_new(minor).await, IMAP, Security::Tls).await;
        assert_codes(&report, &[Code::TlsTooOld]);
        assert_eq!(report.findings[0].params["version"], name);
    }
    // The near miss: a server that hangs up on every hello is no evidence of an old one.
    let report = probe(faults::hang_up_after_first_read().await, IMAP, Security::Tls).await;
    assert_codes(&report, &[Code::TlsFailed]);
    assert!(report.findings[0].params["error"].contains("eof"), "{report:#?}");
}

#[tokio::test]
async fn starttls_missing_or_refused() {
    let no_starttls = Fake::smtp().with_reply("EHLO", Reply::Text("250-fake.test\r\n250 AUTH PLAIN LOGIN\r\n"));
    let report = probe(no_starttls.start().await, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::AuthBeforeTls, Code::StarttlsMissing]);
    assert_eq!(report.steps.last().map(|s| s.name), Some(StepName::Quit));

    let pop3 = Fake::pop3().with_reply("CAPA", Reply::Text("+OK\r\nUSER\r\n.\r\n"));
    let report = probe(pop3.start().await, POP3, Security::Starttls).await;
    assert_codes(&report, &[Code::AuthBeforeTls, Code::StarttlsMissing]);

    let refused = Fake::smtp().with_reply("STARTTLS", Reply::Text("454 4.7.0 TLS not available\r\n"));
    let report = probe(refused.start().await, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::StarttlsRefused]);
    assert_eq!(report.findings[0].params["reply"], "454 4.7.0 TLS not available");

    let imap = Fake::imap().with_reply("STARTTLS", Reply::Text("{tag} NO not now\r\n"));
    let report = probe(imap.start().await, IMAP, Security::Starttls).await;
    assert_codes(&report, &[Code::StarttlsRefused]);
}

#[tokio::test]
async fn data_injected_after_the_starttls_reply_is_caught() {
    for (fake, protocol, reply) in [
        (Fake::smtp(), SMTP, "220 2.0.0 Ready\r\n250 injected\r\n"),
        (Fake::imap(), IMAP, "{tag} OK Begin TLS\r\n* OK injected\r\n"),
        (Fake::pop3(), POP3, "+OK Begin TLS\r\n+OK injected\r\n"),
    ] {
        let command = if protocol == POP3 { "STLS" } else { "STARTTLS" };
        let report = probe(
            fake.with_reply(command, Reply::Text(reply)).start().await,
            protocol,
            Security::Starttls,
        )
        .await;
        assert_codes(&report, &[Code::StarttlsInjection]);
        let step = report.steps.iter().find(|s| s.name == StepName::Starttls).unwrap();
        assert_eq!(step.error.as_deref(), Some("data after STARTTLS response"));
    }
}

#[tokio::test]
async fn data_injected_in_a_later_segment_after_the_starttls_reply_is_caught() {
    for (fake, protocol, reply, injected) in [
        (Fake::smtp(), SMTP, "220 2.0.0 Ready\r\n", "250 injected\r\n"),
        (Fake::imap(), IMAP, "{tag} OK Begin TLS\r\n", "* OK injected\r\n"),
        (Fake::pop3(), POP3, "+OK Begin TLS\r\n", "+OK injected\r\n"),
    ] {
        let command = if protocol == POP3 { "STLS" } else { "STARTTLS" };
        let later = Reply::StartTlsThen(reply, Duration::from_millis(50), injected);
        let report = probe(
            fake.with_reply(command, later).start().await,
            protocol,
            Security::Starttls,
        )
        .await;
        assert_codes(&report, &[Code::StarttlsInjection]);
        assert_eq!(failed_step(&report), StepName::Tls);
        let injected = injected.trim_end();
        assert!(
            report.transcript.iter().any(|l| l == &format!("S: {injected}")),
            "{:?}",
            report.transcript
        );
    }
}

#[tokio::test]
async fn a_server_answering_a_command_pipelined_behind_starttls_is_reported() {
    for (fake, protocol) in [(Fake::smtp(), SMTP), (Fake::imap(), IMAP), (Fake::pop3(), POP3)] {
        for (pipelined, place) in [
            (Pipelined::AnswerInTls, "inside TLS"),
            (Pipelined::AnswerInClear, "in plain text"),
        ] {
            let port = fake.clone().pipelining(pipelined).start().await;
            let report = probe(port, protocol, Security::Starttls).await;
            assert_codes(&report, &[Code::StarttlsCommandInjection]);
            assert_eq!(report.verdict, Verdict::Warnings, "the settings still work");
            let finding = &report.findings[0];
            assert_eq!(finding.step, StepName::InjectionTest);
            assert!(finding.params["reply"].ends_with(place), "{protocol:?}: {finding:?}");
            let main: Vec<StepName> = report.steps.iter().map(|s| s.name).collect();
            assert!(main.contains(&StepName::Quit), "the main probe ran to its end first");
        }
        // The near miss: a server that throws the command away (the fix for CVE-2011-0411).
        let report = probe(fake.start().await, protocol, Security::Starttls).await;
        assert_codes(&report, &[]);
        assert!(
            report.transcript.iter().any(|l| l.ends_with(" NOOP")),
            "the NOOP was sent: {:?}",
            report.transcript
        );
    }
}

#[tokio::test]
async fn a_disconnect_at_every_step_is_reported_at_that_step() {
    let at_connect = Fake {
        greeting: None,
        ..Fake::smtp()
    };
    let report = probe(at_connect.start().await, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::Closed]);
    assert_eq!(failed_step(&report), StepName::Greeting);

    let at_ehlo = Fake::smtp().with_reply("EHLO", Reply::HangUp);
    let report = probe(at_ehlo.start().await, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::Closed]);
    assert_eq!(failed_step(&report), StepName::Capabilities);

    let at_starttls = Fake::imap().with_reply("STARTTLS", Reply::HangUp);
    let report = probe(at_starttls.start().await, IMAP, Security::Starttls).await;
    assert_codes(&report, &[Code::Closed]);
    assert_eq!(failed_step(&report), StepName::Starttls);

    let report = probe(faults::hang_up_after_first_read().await, POP3, Security::Tls).await;
    assert_codes(&report, &[Code::TlsFailed]);
    assert_eq!(failed_step(&report), StepName::Tls);

    // Hanging up on QUIT is harmless: no finding, the probe still passes.
    let at_quit = Fake::pop3().with_reply("QUIT", Reply::HangUp);
    let report = probe(at_quit.start().await, POP3, Security::Starttls).await;
    assert_eq!(report.verdict, Verdict::Ok, "{report:#?}");
    assert_eq!(failed_step(&report), StepName::Quit);
}

#[tokio::test]
async fn a_refused_command_is_reported() {
    let fake = Fake::smtp().with_reply("EHLO", Reply::Text("502 5.5.1 EHLO not implemented\r\n"));
    let report = probe(fake.start().await, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::CommandRefused]);
}

#[tokio::test]
async fn bad_certificates_are_findings_and_the_probe_goes_on() {
    for (kind, code) in [
        (Kind::SelfSigned, Code::CertUntrusted),
        (Kind::UnknownCa, Code::CertUntrusted),
        (Kind::Expired, Code::CertExpired),
        (Kind::NotYetValid, Code::CertNotYetValid),
        (Kind::WrongName, Code::CertNameMismatch),
    ] {
        for security in [Security::Tls, Security::Starttls] {
            let fake = Fake::imap().with_cert(kind);
            let fake = if security == Security::Tls {
                fake.implicit()
            } else {
                fake
            };
            let report = probe(fake.start().await, IMAP, security).await;
            assert_codes(&report, &[code]);
            assert!(
                report.steps.iter().any(|s| s.name == StepName::Quit),
                "{kind:?}: the rest still runs"
            );
            let tls = report.steps.iter().find(|s| s.name == StepName::Tls).unwrap();
            assert_eq!(tls.outcome, Outcome::Warning);
            let Some(Detail::Tls(info)) = &tls.detail else {
                panic!("{tls:?}")
            };
            let cert = info.certificate.as_ref().unwrap();
            // Dates are judged apart from trust: an expired certificate from the trusted CA is still trusted.
            assert_eq!(
                cert.trusted,
                !matches!(kind, Kind::SelfSigned | Kind::UnknownCa),
                "{kind:?}: {cert:#?}"
            );
            assert_eq!(cert.name_matches, !matches!(kind, Kind::WrongName), "{kind:?}");
        }
    }
}

#[tokio::test]
async fn a_good_certificate_is_described() {
    let report = probe(Fake::smtp().implicit().start().await, SMTP, Security::Tls).await;
    let Some(Detail::Tls(info)) = &report.steps.iter().find(|s| s.name == StepName::Tls).unwrap().detail else {
        panic!()
    };
    assert_eq!(info.version, "TLS 1.3");
    assert!(info.cipher.starts_with("TLS13_"), "{}", info.cipher);
    let cert = info.certificate.as_ref().unwrap();
    assert_eq!(cert.names, ["localhost", "127.0.0.1", "127.0.0.2"]);
    assert_eq!(cert.subject, "CN=localhost");
    assert_eq!(cert.issuer, "CN=mailcheck test CA");
    assert!(cert.trusted && cert.name_matches && !cert.expired && !cert.not_yet_valid);
    assert!(
        cert.not_after.ends_with('Z') && cert.not_after > cert.not_before,
        "{cert:?}"
    );
}

#[tokio::test]
async fn refused_connections_and_the_deny_list_need_no_server() {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let report = probe(closed, SMTP, Security::Starttls).await;
    assert_codes(&report, &[Code::Refused]);

    // Without the flags, loopback is denied and odd ports are refused before any connection.
    let config = mailcheck::probe::Config::new().unwrap();
    let report = mailcheck::probe::run(support::request("localhost", 993, IMAP, Security::Tls), &config, None).await;
    assert_codes(&report, &[Code::DeniedAddress]);
    assert_eq!(report.findings[0].params["range"], "127.0.0.0/8");
    let report = mailcheck::probe::run(support::request("127.0.0.1", 8080, IMAP, Security::Tls), &config, None).await;
    assert_codes(&report, &[Code::PortNotAllowed]);
    for host in ["2130706433", "0x7f.1", "127.1"] {
        let report = mailcheck::probe::run(support::request(host, 993, IMAP, Security::Tls), &config, None).await;
        assert_codes(&report, &[Code::NumericHost]);
    }
    for host in ["[::1]", "::ffff:127.0.0.1", "169.254.169.254"] {
        let report = mailcheck::probe::run(support::request(host, 993, IMAP, Security::Tls), &config, None).await;
        assert_codes(&report, &[Code::DeniedAddress]);
    }
}
