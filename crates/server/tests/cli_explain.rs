//! `mailcheck explain`, run as the real binary.

mod cli_support;

use cli_support::{json, mailcheck, settings_file, stderr, stdout};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn first_code(o: &Output) -> String {
    json(o)["causes"][0]["code"].as_str().unwrap_or_default().to_owned()
}

/// CenturyLink settings that send on port 25.
const ON_PORT_25: &str = r#"{
  "email": "jane@q.com",
  "incoming": {"protocol": "pop3", "host": "pop.centurylink.net", "port": 995, "security": "tls",
               "username": "jane@q.com", "auth": "password"},
  "outgoing": {"protocol": "smtp", "host": "smtp.centurylink.net", "port": "25", "security": "none",
               "username": "jane@q.com", "auth": "password"}
}"#;

const GMAIL_ERROR: &str =
    "535-5.7.8 Username and Password not accepted. Learn more at https://support.google.com/mail/?p=BadCredentials";

#[test]
fn prints_the_causes_as_text() {
    let o = mailcheck(&["explain", GMAIL_ERROR]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("1. The outgoing server did not accept your user name or password [smtp.auth-failed]"),
        "{out}"
    );
    assert!(out.contains("What to do:\n   - "), "{out}");
}

#[test]
fn json_has_code_title_why_and_fixes() {
    let value = json(&mailcheck(&["explain", "--json", GMAIL_ERROR]));
    let causes = value["causes"].as_array().expect("a causes array");
    assert!(!causes.is_empty());
    for cause in causes {
        let keys: Vec<_> = cause.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["code", "fixes", "title", "why"]);
        assert!(cause["fixes"].as_array().unwrap().iter().all(|f| f.is_string()));
    }
    assert_eq!(causes[0]["code"], "smtp.auth-failed");
}

#[test]
fn settings_change_the_ranking() {
    let text = "Task 'jane@q.com - Sending' reported error (0x8004210B) : 'The operation timed out waiting for a \
                response from the sending (SMTP) server.'";
    let file = settings_file(ON_PORT_25);
    let path = file.path().to_str().unwrap();
    assert_eq!(
        first_code(&mailcheck(&["explain", text, "--settings", path, "--json"])),
        "net.port25-blocked"
    );
    assert_eq!(first_code(&mailcheck(&["explain", "--json", text])), "net.timeout");
}

#[test]
fn error_text_may_start_with_a_hyphen_or_come_from_standard_input() {
    assert_eq!(
        first_code(&mailcheck(&["explain", "-ERR [AUTH] Authentication failed.", "--json"])),
        "auth.failed"
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_mailcheck"))
        .args(["explain", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run mailcheck");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Could not connect to mail server\nmail.q.com; the connection was refused.\n")
        .unwrap();
    assert_eq!(first_code(&child.wait_with_output().unwrap()), "net.refused");
}

#[test]
fn unknown_text_is_not_recognised_with_the_checklist() {
    let value = json(&mailcheck(&["explain", "--json", "The sky is blue"]));
    assert_eq!(value["causes"][0]["code"], "decode.not-recognised");
    assert!(value["causes"][0]["fixes"].as_array().unwrap().len() >= 5);
}

#[test]
fn a_bad_settings_file_is_a_clear_error() {
    let broken = settings_file("{ this is not json");
    let o = mailcheck(&["explain", "timed out", "--settings", broken.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a settings file"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());

    let o = mailcheck(&["explain", "timed out", "--settings", "/nonexistent/settings.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read /nonexistent/settings.json"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_error_text_is_required() {
    let o = mailcheck(&["explain"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("<TEXT>"), "{}", stderr(&o));
}

#[test]
fn a_refused_sign_in_names_the_providers_requirement_first_with_its_source() {
    for (address, source) in [
        ("jane@icloud.com", "https://support.apple.com/en-mt/HT204397"),
        (
            "jane@yahoo.com",
            "https://help.yahoo.com/kb/generate-manage-rd-party-passwords-sln15241.html",
        ),
        ("jane@gmx.com", "https://www.gmx.com/security/2fa/"),
    ] {
        let o = mailcheck(&[
            "explain",
            "535 5.7.8 Authentication failed",
            "--email",
            address,
            "--json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v = json(&o);
        let fixes = &v["causes"][0]["fixes"];
        let first = fixes[0].as_str().unwrap();
        assert!(
            first.starts_with("Likeliest reason, a sign-in requirement of "),
            "{first}"
        );
        assert!(first.contains("app password") && first.contains(source), "{first}");
        let text = stdout(&mailcheck(&[
            "explain",
            "535 5.7.8 Authentication failed",
            "--email",
            address,
        ]));
        assert!(
            text.contains("   - Likeliest reason, a sign-in requirement of "),
            "{text}"
        );
    }
    // The same with the settings file, and nothing of the kind for a provider without requirements.
    let settings = settings_file(ON_PORT_25);
    let path = settings.path().to_str().unwrap();
    let v = json(&mailcheck(&[
        "explain",
        "535 5.7.8 Authentication failed",
        "--settings",
        path,
        "--json",
    ]));
    assert!(
        !v["causes"][0]["fixes"][0]
            .as_str()
            .unwrap()
            .starts_with("Likeliest reason"),
        "{v}"
    );
    let o = mailcheck(&["explain", "x", "--settings", path, "--email", "jane@icloud.com"]);
    assert!(!o.status.success(), "one or the other");
}

#[test]
fn a_proton_address_is_told_about_the_bridge_before_the_causes() {
    let text = stdout(&mailcheck(&[
        "explain",
        "535 5.7.8 Authentication failed",
        "--email",
        "jane@proton.me",
    ]));
    assert!(text.starts_with("Before you sign in:"), "{text}");
    assert!(
        text.contains("only through its bridge") && text.contains("Source: https://proton.me/support/"),
        "{text}"
    );
    assert!(text.contains("1. "), "the causes follow: {text}");
    let v = json(&mailcheck(&[
        "explain",
        "535 5.7.8 Authentication failed",
        "--email",
        "jane@pm.me",
        "--json",
    ]));
    assert_eq!(v["requirements"][0]["kind"], "bridge");
    // Other providers' answers keep their shape.
    let v = json(&mailcheck(&[
        "explain",
        "535 5.7.8 Authentication failed",
        "--email",
        "jane@icloud.com",
        "--json",
    ]));
    assert!(v.get("requirements").is_none(), "{v}");
}
