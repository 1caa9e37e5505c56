//! `mailcheck check`, run as the real binary with settings JSON on stdin.

mod cli_support;

use cli_support::{stderr, stdout};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `mailcheck check` with `args`, writing `input` to its stdin.
fn check(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mailcheck"))
        .arg("check")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run mailcheck");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait for mailcheck")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

const GOOD_GMAIL: &str = r#"{
  "email": "jane@gmail.com",
  "incoming": {"protocol": "imap", "host": "imap.gmail.com", "port": 993, "security": "tls",
               "username": "jane@gmail.com", "auth": "oauth2"},
  "outgoing": {"protocol": "smtp", "host": "smtp.gmail.com", "port": "465", "security": "tls",
               "username": "jane@gmail.com", "auth": "oauth2"}
}"#;

#[test]
fn correct_settings_exit_0_with_no_findings() {
    let o = check(&["--json"], GOOD_GMAIL);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["provider"]["id"], "gmail");
    assert_eq!(v["provider"]["name"], "Gmail");
    assert_eq!(v["provider"]["origin"]["tier"], "checked");
    assert!(v["provider"]["origin"]["source"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    assert!(v["provider"]["origin"]["checked"].is_string());
    assert!(v["provider"]["provenance"]
        .as_str()
        .unwrap()
        .starts_with("Checked by mailcheck"));
    assert_eq!(v["findings"], serde_json::json!([]));

    let o = check(&[], GOOD_GMAIL);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Provider: Gmail"), "{}", stdout(&o));
    assert!(stdout(&o).contains("No problems found."), "{}", stdout(&o));
}

#[test]
fn an_error_exits_1_with_the_finding_and_its_fix() {
    let typo = GOOD_GMAIL.replace("smtp.gmail.com", "smtp.gmial.com");
    let o = check(&["--json"], &typo);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f["code"], "host.typo");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["field"], "outgoing.host");
    assert!(f["message"].as_str().unwrap().contains("smtp.gmial.com"));
    assert_eq!(
        f["fix"],
        serde_json::json!({"field": "outgoing.host", "value": "smtp.gmail.com"})
    );

    let o = check(&[], &typo);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("error: outgoing.host (host.typo)"), "{text}");
    assert!(text.contains("Fix: set outgoing.host to \"smtp.gmail.com\""), "{text}");
    assert!(text.contains("1 error(s), 0 warning(s), 0 note(s)."), "{text}");
}

#[test]
fn warnings_and_notes_alone_exit_0() {
    // Port 25 for sending is a warning; an app password at Gmail is a note.
    let input = GOOD_GMAIL
        .replace(
            r#""port": "465", "security": "tls""#,
            r#""port": 25, "security": "starttls""#,
        )
        .replace(r#""auth": "oauth2"}"#, r#""auth": "password"}"#);
    let o = check(&["--json"], &input);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v = json(&o);
    let severities: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["severity"].clone())
        .collect();
    assert!(
        severities.contains(&"warning".into()) && severities.contains(&"info".into()),
        "{v:#}"
    );
    assert!(!severities.contains(&"error".into()));
}

#[test]
fn an_unknown_provider_is_null_and_missing_fields_are_findings() {
    let o = check(&["--json"], r#"{"email": "jane@example.org"}"#);
    assert_eq!(o.status.code(), Some(1), "empty servers are errors");
    let v = json(&o);
    assert_eq!(v["provider"], serde_json::Value::Null);
    let codes: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"provider.unknown") && codes.contains(&"host.empty"),
        "{codes:?}"
    );
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["fix"].is_null()));
}

#[test]
fn input_that_is_not_json_exits_2_naming_line_and_column() {
    let o = check(&["--json"], "{\n  \"email\": \"jane@gmail.com\",\n  \"incoming\": ,\n}");
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("line 3 column"), "{err}");
    // Valid JSON of the wrong shape is no settings either.
    let o = check(&[], r#"{"email": 42}"#);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 1 column"), "{}", stderr(&o));
    let o = check(&[], "");
    assert_eq!(o.status.code(), Some(2));
}
