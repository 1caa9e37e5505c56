//! The log of `mailcheck serve` (standard error) against hostile requests: nothing a request carries can
//! start a line, reach the terminal as a control character, or pass for another field; and `--log-format
//! json` writes one JSON object a line.

mod support;

use std::time::Duration;
use support::server::Server;

/// A host that would forge a log line, clear the screen, and carry CR, NUL, DEL and a bidi override.
const HOSTILE_HOST: &str =
    "evil.example\\n2026-01-01T00:00:00.000000Z  INFO probe client=203.0.113.9 verdict=Ok\\u001b[2J\\r\\u0000\\u007f\\u202e";

fn probe_json(host: &str) -> String {
    format!(r#"{{"host":"{host}","port":25,"protocol":"smtp","security":"none"}}"#)
}

/// Probes `host`, waits for a log line holding `logged`, and returns the whole log.
fn log_after_probe(server: &Server, host: &str, logged: &str) -> String {
    let answer = server.probe(&probe_json(host));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        server.wait_for_log(logged, Duration::from_secs(5)),
        "no probe line with {logged}"
    );
    String::from_utf8(server.stderr()).expect("the log is UTF-8")
}

#[test]
fn a_hostile_host_stays_inside_its_own_quoted_field() {
    let server = Server::start(&[]);
    let log = log_after_probe(&server, HOSTILE_HOST, "probe.bad-host");
    let probe_lines: Vec<&str> = log.lines().filter(|l| l.contains("probe")).collect();
    assert_eq!(probe_lines.len(), 1, "one probe, one line: {log:?}");
    assert!(
        !log.lines().any(|l| l.starts_with("2026-01-01T00:00:00")),
        "a forged line: {log:?}"
    );
    for forbidden in ['\u{1b}', '\r', '\0', '\u{7f}', '\u{202e}'] {
        assert!(!log.contains(forbidden), "{forbidden:?} reached the log: {log:?}");
    }
    let line = probe_lines[0];
    assert!(
        line.contains(r#"host="evil.example\u{a}2026-01-01T00:00:00.000000Z  INFO probe client=203.0.113.9 verdict=Ok\u{1b}[2J\u{d}\u{0}\u{7f}\u{202e}""#),
        "{line}"
    );
    // The near miss: an ordinary host is logged as it is, in quotes.
    // (.invalid: the resolver answers "no such name" itself.)
    let log = log_after_probe(&server, "mail.example.invalid", "probe.resolve-failed");
    assert!(log.contains(r#"host="mail.example.invalid" port=25"#), "{log}");
}

#[test]
fn json_logs_are_one_object_a_line() {
    let server = Server::start(&["--log-format", "json"]);
    let log = log_after_probe(&server, HOSTILE_HOST, "probe.bad-host");
    let mut probes = Vec::new();
    for line in log.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
        if value["message"] == "probe" {
            probes.push(value);
        }
    }
    assert_eq!(probes.len(), 1, "{log}");
    let host = probes[0]["host"].as_str().unwrap();
    assert!(host.starts_with(r#""evil.example\u{a}2026"#), "{host}");
    assert!(!host.contains('\n') && !host.contains('\u{1b}'), "{host:?}");
    assert_eq!(probes[0]["client"], "127.0.0.1");
    assert_eq!(probes[0]["level"], "INFO");
}
