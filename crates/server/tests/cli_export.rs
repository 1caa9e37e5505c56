//! `mailcheck export` and `mailcheck import`, run as the real binary.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn mailcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mailcheck"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn export_each_format_for_a_known_address() {
    let cases = [
        (
            "mobileconfig",
            [
                "<plist version=\"1.0\">",
                "com.apple.mail.managed",
                "<string>pop.centurylink.net</string>",
            ],
        ),
        (
            "autoconfig",
            [
                "<clientConfig version=\"1.1\">",
                "<emailProvider id=\"q.com\">",
                "<socketType>STARTTLS</socketType>",
            ],
        ),
        (
            "autodiscover",
            ["responseschema/2006a", "<SPA>off</SPA>", "<Encryption>TLS</Encryption>"],
        ),
        (
            "text",
            [
                "Email settings for jane@q.com (CenturyLink)",
                "smtp.centurylink.net",
                "No password",
            ],
        ),
    ];
    for (format, needles) in cases {
        let out = mailcheck(&["export", "--format", format, "jane@q.com"]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let text = stdout(&out);
        for needle in needles {
            assert!(text.contains(needle), "{format}: {needle:?} missing from\n{text}");
        }
        assert!(!text.to_lowercase().contains("<key>incomingpassword"), "{format}");
    }
}

#[test]
fn profiles_differ_between_runs() {
    let uuid = |text: &str| {
        text.split("<key>PayloadUUID</key>")
            .nth(1)
            .map(|rest| rest[..60].to_owned())
    };
    let a = stdout(&mailcheck(&["export", "--format", "mobileconfig", "jane@q.com"]));
    let b = stdout(&mailcheck(&["export", "--format", "mobileconfig", "jane@q.com"]));
    assert!(uuid(&a).is_some());
    assert_ne!(uuid(&a), uuid(&b));
}

#[test]
fn the_text_summary_says_what_the_provider_requires_before_sign_in() {
    let out = mailcheck(&["export", "--format", "text", "jane@icloud.com"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Before you sign in:\n- "), "{text}");
    assert!(text.contains("app password"), "{text}");
    assert!(text.contains("Source: https://support.apple.com/"), "{text}");
    let text = stdout(&mailcheck(&["export", "--format", "text", "jane@q.com"]));
    assert!(!text.contains("Before you sign in"), "{text}");
}

#[test]
fn unknown_provider_without_settings_fails_with_a_hint() {
    let out = mailcheck(&["export", "--format", "text", "jane@example.org"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("--settings"), "{}", stderr(&out));
}

#[test]
fn formats_the_account_cannot_take_fail_with_the_reason() {
    let out = mailcheck(&["export", "--format", "mobileconfig", "jane@outlook.com"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("OAuth2"), "{}", stderr(&out));
    let ok = mailcheck(&["export", "--format", "autoconfig", "jane@outlook.com"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
}

#[test]
fn bad_arguments_are_usage_errors() {
    for args in [
        &["export", "--format", "pdf", "jane@q.com"][..],
        &["export", "jane@q.com"],
        &["export", "--format", "text"],
        &["export", "--format", "text", "--settings", "x.json", "jane@q.com"],
    ] {
        assert_eq!(mailcheck(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn own_settings_export_and_bad_settings_files() {
    let dir = tempfile::tempdir().unwrap();
    let good = r#"{"email": "jane@q.com",
        "incoming": {"protocol": "imap", "host": "mail.centurylink.net", "port": 993, "security": "tls",
                     "username": "jane@q.com", "auth": "password"},
        "outgoing": {"protocol": "smtp", "host": "smtp.centurylink.net", "port": "587", "security": "starttls",
                     "username": "jane@q.com", "auth": "password"}}"#;
    let path = write(dir.path(), "good.json", good);
    let out = mailcheck(&["export", "--format", "autodiscover", "--settings", &path]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("<Server>mail.centurylink.net</Server>"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("<Type>IMAP</Type>"));

    let bad_port = write(dir.path(), "port.json", &good.replace("993", "99999"));
    let out = mailcheck(&["export", "--format", "text", "--settings", &bad_port]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("incoming.port"), "{}", stderr(&out));

    let not_json = write(dir.path(), "broken.json", "{\"email\": ");
    assert_eq!(
        mailcheck(&["export", "--format", "text", "--settings", &not_json])
            .status
            .code(),
        Some(2)
    );
    let missing = dir.path().join("missing.json");
    let out = mailcheck(&["export", "--format", "text", "--settings", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Cannot read"), "{}", stderr(&out));
}

#[test]
fn import_reads_what_export_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let xml = stdout(&mailcheck(&["export", "--format", "autoconfig", "q.com"]));
    let path = write(dir.path(), "config-v1.1.xml", &xml);
    let out = mailcheck(&["import", &path, "--email", "jane@q.com"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(json["email"], "jane@q.com");
    assert_eq!(json["incoming"]["protocol"], "pop3");
    assert_eq!(json["incoming"]["host"], "pop.centurylink.net");
    assert_eq!(json["incoming"]["port"], "995");
    assert_eq!(json["incoming"]["security"], "tls");
    assert_eq!(json["incoming"]["username"], "jane@q.com");
    assert_eq!(json["outgoing"]["security"], "starttls");
    assert_eq!(json["outgoing"]["auth"], "password");

    // The printed JSON is a settings file `export --settings` takes: the same file comes out.
    let settings = write(dir.path(), "settings.json", &stdout(&out));
    let again = stdout(&mailcheck(&[
        "export",
        "--format",
        "autoconfig",
        "--settings",
        &settings,
    ]));
    assert!(again.contains("<hostname>pop.centurylink.net</hostname>"), "{again}");
}

#[test]
fn import_of_bad_files_fails_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("broken.xml", "<clientConfig><emailProvider>", "not valid XML"),
        (
            "page.html",
            "<html><body>Not found</body></html>",
            "not an autoconfig file",
        ),
        ("empty.xml", "<clientConfig version=\"1.1\"/>", "emailProvider"),
    ];
    for (name, content, needle) in cases {
        let path = write(dir.path(), name, content);
        let out = mailcheck(&["import", &path]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(stdout(&out).is_empty(), "{name}");
        assert!(stderr(&out).contains(needle), "{name}: {}", stderr(&out));
    }
    let binary = dir.path().join("binary.xml");
    fs::write(&binary, [0xFF, 0xFE, 0x00]).unwrap();
    assert_eq!(mailcheck(&["import", binary.to_str().unwrap()]).status.code(), Some(2));
    let out = mailcheck(&["import", dir.path().join("missing.xml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}
