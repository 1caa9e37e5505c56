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

/// Proton settings: `incoming` host and port, `outgoing` port, one security for both.
fn proton(host: &str, port: u16, security: &str) -> String {
    format!(
        r#"{{"email": "jane@proton.me",
  "incoming": {{"protocol": "imap", "host": "{host}", "port": {port}, "security": "{security}",
               "username": "jane@proton.me", "auth": "password"}},
  "outgoing": {{"protocol": "smtp", "host": "127.0.0.1", "port": 1025, "security": "{security}",
               "username": "jane@proton.me", "auth": "password"}}}}"#
    )
}

fn codes(o: &Output) -> Vec<String> {
    json(o)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_proton_address_must_use_the_bridge() {
    let o = check(&["--json"], &proton("imap.proton.me", 993, "starttls"));
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        codes(&o).contains(&"requirement.bridge-host".to_owned()),
        "{:?}",
        codes(&o)
    );
    assert_eq!(json(&o)["provider"]["id"], "proton");
    let text = stdout(&check(&[], &proton("imap.proton.me", 993, "starttls")));
    assert!(
        text.contains("only through its bridge") && text.contains("Fix: set incoming.host to \"127.0.0.1\""),
        "{text}"
    );
    assert!(!text.contains("does not know"), "Proton is known: {text}");

    let good = check(&["--json"], &proton("127.0.0.1", 1143, "starttls"));
    assert_eq!(good.status.code(), Some(0), "{}", stdout(&good));
    assert!(
        !codes(&good).iter().any(|c| c.starts_with("requirement.")),
        "{:?}",
        codes(&good)
    );
}

#[test]
fn a_bridge_port_with_other_security_is_a_warning() {
    let o = check(&["--json"], &proton("127.0.0.1", 1143, "tls"));
    let codes = codes(&o);
    assert_eq!(
        codes.iter().filter(|c| *c == "requirement.bridge-security").count(),
        2,
        "{codes:?}"
    );
    let localhost = check(&["--json"], &proton("localhost", 1143, "starttls"));
    assert!(!self::codes(&localhost).iter().any(|c| c.starts_with("requirement.")));
}

#[test]
fn oauth_only_refuses_a_password() {
    let outlook = |auth: &str| {
        format!(
            r#"{{"email": "jane@outlook.com",
  "incoming": {{"protocol": "imap", "host": "outlook.office365.com", "port": 993, "security": "tls",
               "username": "jane@outlook.com", "auth": "{auth}"}},
  "outgoing": {{"protocol": "smtp", "host": "smtp-mail.outlook.com", "port": 587, "security": "starttls",
               "username": "jane@outlook.com", "auth": "{auth}"}}}}"#
        )
    };
    let o = check(&["--json"], &outlook("password"));
    assert!(codes(&o).contains(&"auth.oauth-required".to_owned()), "{:?}", codes(&o));
    let o = check(&["--json"], &outlook("oauth2"));
    assert!(
        !codes(&o).contains(&"auth.oauth-required".to_owned()),
        "{:?}",
        codes(&o)
    );
}
