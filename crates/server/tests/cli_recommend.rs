//! `mailcheck recommend`, run as the real binary.

mod cli_support;

use cli_support::{mailcheck, stderr, stdout};

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["recommend", "--json"];
    all.extend_from_slice(args);
    cli_support::json(&mailcheck(&all))
}

fn codes(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| item["code"].as_str().unwrap())
        .collect()
}

#[test]
fn answers_flip_the_recommendation() {
    assert_eq!(json(&[])["protocol"], "imap");
    assert_eq!(json(&["--keep", "computer"])["protocol"], "pop3");
    assert_eq!(json(&["--offline-archive"])["protocol"], "pop3");
    assert_eq!(json(&["--quota-mb", "500"])["protocol"], "pop3");
    assert_eq!(json(&["--devices", "2", "--keep", "computer"])["protocol"], "imap");
    assert_eq!(
        json(&[
            "--devices",
            "2",
            "--keep",
            "computer",
            "--offline-archive",
            "--quota-mb",
            "500"
        ])["protocol"],
        "pop3"
    );
}

#[test]
fn the_address_brings_the_providers_servers_and_notes() {
    let pop = json(&["--address", "jane@q.com"]);
    assert_eq!(pop["protocol"], "pop3");
    assert_eq!(pop["provider"]["id"], "centurylink");
    assert_eq!(pop["server"]["host"], "pop.centurylink.net");
    assert_eq!(codes(&pop["reasons"]), ["quota.small"]);
    assert_eq!(
        codes(&pop["notes"]),
        ["provider.mailbox-size", "pop.backup", "provider.note"]
    );

    let imap = json(&["--address", "jane@q.com", "--devices", "2"]);
    assert_eq!(imap["protocol"], "imap");
    assert_eq!(imap["server"]["host"], "mail.centurylink.net");
    assert!(codes(&imap["notes"]).contains(&"provider.imap-self-help"));
    assert_eq!(imap["reasons"][0]["favours"], "imap");
}

#[test]
fn a_pop_only_provider_is_never_recommended_imap() {
    let r = json(&["--address", "bob@qwestoffice.net", "--devices", "3", "--keep", "server"]);
    assert_eq!(r["protocol"], "pop3");
    assert_eq!(r["reasons"][0]["code"], "provider.only");
    assert!(codes(&r["notes"]).contains(&"pop.leave-copy"));
}

#[test]
fn prints_text_with_reasons_and_the_explanation() {
    let o = mailcheck(&["recommend", "--devices", "2", "--address", "jane@q.com", "--explain"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Where your mail lives",
        "Storage quotas",
        "Recommendation: IMAP",
        "  - For IMAP: You read mail on 2 devices.",
        "self-help only",
        "Server for CenturyLink: IMAP mail.centurylink.net, port 993, security SSL/TLS",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(json(&["--explain"])["explanation"]
        .as_array()
        .is_some_and(|s| s.len() >= 5));
    assert!(json(&[]).get("explanation").is_none());
}

#[test]
fn an_unknown_provider_is_said_so() {
    let o = mailcheck(&["recommend", "--address", "jane@unknown.example"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).starts_with("unknown.example: provider not known yet"),
        "{}",
        stdout(&o)
    );
    assert!(json(&["--address", "jane@unknown.example"])["provider"].is_null());
}

#[test]
fn bad_answers_are_refused() {
    for args in [
        &["recommend", "--devices", "0"][..],
        &["recommend", "--keep", "cloud"],
        &["recommend", "--quota-mb", "lots"],
    ] {
        let o = mailcheck(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("invalid value"), "{args:?}: {}", stderr(&o));
    }
}
