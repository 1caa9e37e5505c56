//! `mailcheck guide`, run as the real binary.

use std::process::{Command, Output};

fn mailcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mailcheck"))
        .args(args)
        .output()
        .expect("run mailcheck")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A settings file as the app saves it.
fn settings_file(json: &str) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), json).unwrap();
    file
}

const QWESTOFFICE: &str = r#"{
  "email": "bob@qwestoffice.net",
  "incoming": {"protocol": "pop3", "host": "pop.qwestoffice.net", "port": 110, "security": "none",
               "username": "bob@qwestoffice.net", "auth": "password"},
  "outgoing": {"protocol": "smtp", "host": "smtp.qwestoffice.net", "port": "465", "security": "tls",
               "username": "bob@qwestoffice.net", "auth": "password"}
}"#;

#[test]
fn prints_the_thunderbird_guide_for_a_known_address() {
    let o = mailcheck(&["guide", "--client", "thunderbird", "jane@q.com"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Set up jane@q.com in Thunderbird",
        "Configure manually",
        "Hostname: pop.centurylink.net",
        "Connection security: SSL/TLS",
        "Connection security: STARTTLS",
        "Port: 587",
        "Username: jane@q.com",
        "Checked against the app's own interface text: https://",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(!out.contains("Warning:"), "nothing unencrypted here:\n{out}");
}

#[test]
fn json_names_the_client_and_types_each_value() {
    let o = mailcheck(&["guide", "--client", "outlook-windows", "--json", "jane@q.com"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["client"], "outlook-windows");
    assert_eq!(json["source"]["kind"], "none");
    let fields: Vec<serde_json::Value> = json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["fields"].as_array().unwrap().clone())
        .collect();
    let field = |label: &str| fields.iter().find(|f| f["label"] == label).map(|f| f["value"].clone());
    assert_eq!(
        field("Outgoing mail: Encryption method"),
        Some(serde_json::json!({"kind": "choose", "value": "STARTTLS"}))
    );
    assert_eq!(
        field("Incoming mail: Server"),
        Some(serde_json::json!({"kind": "text", "value": "pop.centurylink.net"}))
    );
    assert_eq!(
        field("Incoming mail: Require logon using Secure Password Authentication (SPA)"),
        Some(serde_json::json!({"kind": "switch", "value": false}))
    );
}

#[test]
fn settings_file_fills_the_guide_and_unencrypted_servers_are_warned_about() {
    let file = settings_file(QWESTOFFICE);
    let path = file.path().to_str().unwrap();
    let o = mailcheck(&["guide", "--client", "ios-mail", "--settings", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Incoming Mail Server: Host Name: pop.qwestoffice.net",
        "Use SSL: off",
        "Use SSL: on",
        "Server Port: 110",
        "Warning: The incoming server is set up without encryption",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(!out.contains("centurylink.net"), "a value from another account:\n{out}");
}

#[test]
fn settings_file_wins_over_an_unknown_address() {
    let file = settings_file(
        r#"{"incoming": {"protocol": "imap", "host": "imap.example.org", "port": "143",
        "security": "starttls"}, "outgoing": {"host": "smtp.example.org", "port": "587", "security": "starttls"}}"#,
    );
    let path = file.path().to_str().unwrap();
    let o = mailcheck(&["guide", "--client", "ios-mail", "--settings", path, "sam@example.org"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Set up sam@example.org in Mail on iPhone and iPad"),
        "{out}"
    );
    assert!(out.contains("no STARTTLS setting"), "{out}");
    assert!(
        out.contains("<your user name"),
        "missing user name is a placeholder:\n{out}"
    );
}

#[test]
fn unknown_client_lists_the_valid_ones_and_exits_2() {
    let o = mailcheck(&["guide", "--client", "outlook", "jane@q.com"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for id in [
        "outlook-windows",
        "outlook-new",
        "ios-mail",
        "thunderbird-android",
        "generic",
    ] {
        assert!(err.contains(id), "missing {id} in:\n{err}");
    }
    assert!(stdout(&o).is_empty());
}

#[test]
fn unknown_provider_says_so_and_exits_1() {
    let o = mailcheck(&["guide", "--client", "thunderbird", "jane@example.org"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("example.org: provider not known yet"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn missing_address_and_settings_is_a_usage_error() {
    let o = mailcheck(&["guide", "--client", "thunderbird"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--settings FILE"));
}

#[test]
fn unreadable_settings_file_says_why_and_exits_1() {
    let file = settings_file("{ not json");
    let path = file.path().to_str().unwrap();
    let o = mailcheck(&["guide", "--client", "generic", "--settings", path]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is not a settings file"), "{}", stderr(&o));

    let o = mailcheck(&[
        "guide",
        "--client",
        "generic",
        "--settings",
        "/nonexistent/settings.json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Cannot read"), "{}", stderr(&o));
}

#[test]
fn every_client_id_prints_a_guide() {
    for id in [
        "outlook-windows",
        "outlook-new",
        "outlook-mac",
        "apple-mail",
        "ios-mail",
        "gmail-android",
        "samsung-email",
        "thunderbird",
        "thunderbird-android",
        "em-client",
        "generic",
    ] {
        let o = mailcheck(&["guide", "--client", id, "--name", "Jane Doe", "jane@q.com"]);
        assert!(o.status.success(), "{id}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains("pop.centurylink.net") && out.contains("For: "),
            "{id}:\n{out}"
        );
    }
}
