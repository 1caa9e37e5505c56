//! `mailcheck lookup`, and the provider-data parts of `mailcheck export`, run as the real binary: every
//! answer says which tier its settings come from.

mod cli_support;

use cli_support::{json, mailcheck, settings_file, stderr, stdout};

#[test]
fn a_checked_record_says_so_and_lists_the_ispdb_hosts_as_wrong() {
    let o = mailcheck(&["lookup", "jane@centurytel.net"]);
    let text = stdout(&o);
    assert!(text.starts_with("centurytel.net: CenturyLink [Checked]"), "{text}");
    assert!(
        text.contains("Checked by mailcheck against CenturyLink's own page on 2026-11-26."),
        "{text}"
    );
    assert!(text.contains("POP3  pop.centurylink.net:995"), "{text}");
    assert!(text.contains("Not smtpauth.centurytel.net:"), "{text}");
    assert!(!text.contains("Thunderbird ISPDB is kept by volunteers"), "{text}");

    let v = json(&mailcheck(&["lookup", "jane@elpasotel.net", "--json"]));
    assert_eq!(v["provider"]["id"], "centurylink");
    assert_eq!(v["provider"]["origin"]["tier"], "checked");
    let wrong: Vec<&str> = v["wrong_hosts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["host"].as_str().unwrap())
        .collect();
    assert!(wrong.contains(&"pop3.elpasotel.net"), "{wrong:?}");
    let why = v["wrong_hosts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["host"] == "pop3.elpasotel.net")
        .unwrap();
    assert!(why["why"].as_str().unwrap().contains("Thunderbird ISPDB"), "{why}");
}

#[test]
fn an_ispdb_record_names_the_database_its_date_and_the_providers_page() {
    let o = mailcheck(&["lookup", "jane@yahoo.com"]);
    let text = stdout(&o);
    assert!(text.starts_with("yahoo.com: Yahoo! Mail [Thunderbird ISPDB]"), "{text}");
    assert!(
        text.contains("From the Thunderbird ISPDB, a community database (last changed 20"),
        "{text}"
    );
    assert!(text.contains("not checked against Yahoo! Mail's own page."), "{text}");
    assert!(text.contains("https://help.yahoo.com/"), "{text}");
    assert!(text.contains("kept by volunteers"), "{text}");

    let v = json(&mailcheck(&["lookup", "jane@icloud.com", "--json"]));
    assert_eq!(v["provider"]["origin"]["tier"], "ispdb");
    assert_eq!(v["provider"]["origin"]["file"], "me.com.xml");
    assert_eq!(v["provider"]["origin"]["commit"].as_str().map(str::len), Some(40));
    // iCloud signs in to IMAP with the part before the @, to SMTP with the whole address (per the ISPDB).
    assert_eq!(v["incoming"][0]["username_for_address"], "jane");
    assert_eq!(v["outgoing"][0]["username_for_address"], "jane@icloud.com");
}

#[test]
fn a_provider_db_record_names_the_archived_chat_app_database_and_its_entrys_month() {
    let text = stdout(&mailcheck(&["lookup", "jane@email.de"]));
    assert!(text.starts_with("email.de: WEB.DE [Delta Chat provider-db]"), "{text}");
    assert!(
        text.contains("From Delta Chat's provider database, a chat app's community database, archived (last maintained 2026-04-21; this entry last checked 2020-01)"),
        "{text}"
    );
    assert!(
        text.contains("In the source's words: “You must allow IMAP access"),
        "{text}"
    );
    assert!(text.contains("no longer maintained"), "{text}");
    assert!(!text.contains("Thunderbird ISPDB"), "{text}");

    let v = json(&mailcheck(&["lookup", "jane@email.de", "--json"]));
    assert_eq!(v["provider"]["origin"]["tier"], "provider-db");
    assert_eq!(v["provider"]["origin"]["file"], "web.de.md");
    assert_eq!(v["provider"]["origin"]["last_checked"], "2020-01");
    // An ISPDB record keeps its servers and takes provider-db's requirement, which says whose word it is.
    let posteo = stdout(&mailcheck(&["lookup", "jane@posteo.de"]));
    assert!(posteo.starts_with("posteo.de: Posteo [Thunderbird ISPDB]"), "{posteo}");
    assert!(posteo.contains("Source: Delta Chat's provider database"), "{posteo}");
}

#[test]
fn the_whole_database_lists_over_a_thousand_domains_each_with_its_tier() {
    let v = json(&mailcheck(&["lookup", "--all", "--json"]));
    let all = v.as_array().unwrap();
    let mail: Vec<_> = all.iter().filter(|d| d["kind"] == "mail").collect();
    assert!(mail.len() >= 1150, "{}", mail.len());
    assert!(all
        .iter()
        .all(|d| d["tier"] == "checked" || d["tier"] == "ispdb" || d["tier"] == "provider-db"));
    let fastmail = all.iter().find(|d| d["domain"] == "sent.com").unwrap();
    assert_eq!(
        (fastmail["tier"].as_str(), fastmail["provider"].as_str()),
        (Some("provider-db"), Some("provider-db-fastmail"))
    );
    let q = all.iter().find(|d| d["domain"] == "q.com").unwrap();
    assert_eq!(
        (q["tier"].as_str(), q["provider"].as_str()),
        (Some("checked"), Some("centurylink"))
    );
    let mx = all.iter().find(|d| d["domain"] == "google.com").unwrap();
    assert_eq!(mx["kind"], "mx");
    let text = stdout(&mailcheck(&["lookup", "--all"]));
    assert!(
        text.lines().last().unwrap().ends_with("mail-host (MX) domains"),
        "{text}"
    );
    // An address and --all exclude each other; one of them is needed.
    assert_eq!(mailcheck(&["lookup"]).status.code(), Some(2));
    assert_eq!(mailcheck(&["lookup", "q.com", "--all"]).status.code(), Some(2));
}

#[test]
fn unknown_domains_say_so() {
    let text = stdout(&mailcheck(&["lookup", "jane@unknown.example"]));
    assert!(text.contains("provider not known yet"), "{text}");
    let v = json(&mailcheck(&["lookup", "jane@unknown.example", "--json"]));
    assert!(v["provider"].is_null());
}

#[test]
fn export_takes_the_incoming_protocol_and_lists_every_server_in_autoconfig() {
    let imap = stdout(&mailcheck(&[
        "export",
        "--format",
        "autoconfig",
        "--protocol",
        "imap",
        "jane@q.com",
    ]));
    let first = imap.find("<incomingServer type=\"imap\">").expect("imap listed");
    let pop = imap.find("<incomingServer type=\"pop3\">").expect("pop3 listed too");
    assert!(first < pop, "the chosen protocol first:\n{imap}");
    let default = stdout(&mailcheck(&["export", "--format", "autoconfig", "jane@q.com"]));
    assert!(
        default.find("type=\"pop3\"") < default.find("type=\"imap\""),
        "the recommended POP3 first:\n{default}"
    );

    let o = mailcheck(&[
        "export",
        "--format",
        "mobileconfig",
        "--protocol",
        "imap",
        "jane@qwestoffice.net",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("CenturyLink (Qwest Office)'s own page lists no IMAP server"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn exporting_settings_the_check_calls_wrong_warns_but_writes_the_file() {
    let file = settings_file(
        r#"{"email": "jane@q.com",
            "incoming": {"protocol": "pop3", "host": "pop.centurytel.net", "port": "995", "security": "tls",
                         "username": "jane@q.com", "auth": "password"},
            "outgoing": {"protocol": "smtp", "host": "smtp.centurylink.net", "port": "587", "security": "starttls",
                         "username": "jane@q.com", "auth": "password"}}"#,
    );
    let path = file.path().to_str().unwrap();
    let o = mailcheck(&["export", "--format", "autoconfig", "--settings", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("pop.centurytel.net"));
    assert!(stderr(&o).contains("warning"), "{}", stderr(&o));
    assert!(stderr(&o).contains("incoming.host"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--fix"),
        "the corrected settings are offered: {}",
        stderr(&o)
    );

    // --fix writes the corrected settings: CenturyLink's host, and no warning left.
    let o = mailcheck(&["export", "--format", "autoconfig", "--settings", path, "--fix"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("pop.centurylink.net") && !stdout(&o).contains("pop.centurytel.net"));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let o = mailcheck(&["export", "--format", "autoconfig", "--fix", "jane@q.com"]);
    assert_eq!(o.status.code(), Some(2), "--fix goes with --settings");

    let good = settings_file(
        r#"{"email": "jane@q.com",
            "incoming": {"protocol": "pop3", "host": "pop.centurylink.net", "port": "995", "security": "tls",
                         "username": "jane@q.com", "auth": "password"},
            "outgoing": {"protocol": "smtp", "host": "smtp.centurylink.net", "port": "587", "security": "starttls",
                         "username": "jane@q.com", "auth": "password"}}"#,
    );
    let o = mailcheck(&[
        "export",
        "--format",
        "autoconfig",
        "--settings",
        good.path().to_str().unwrap(),
    ]);
    assert!(o.status.success() && stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn sign_in_requirements_come_before_the_servers_with_whose_word_each_is() {
    for (address, source) in [
        ("jane@icloud.com", "https://support.apple.com/en-mt/HT204397"),
        (
            "jane@yahoo.com",
            "https://help.yahoo.com/kb/generate-manage-rd-party-passwords-sln15241.html",
        ),
        ("jane@gmx.com", "https://www.gmx.com/security/2fa/"),
    ] {
        let text = stdout(&mailcheck(&["lookup", address]));
        let before = text.find("Before you sign in:").unwrap_or_else(|| panic!("{text}"));
        assert!(before < text.find("Incoming:").unwrap(), "{text}");
        assert!(text.contains("app password"), "{text}");
        assert!(
            text.contains(&format!("Source: {source}, checked by mailcheck on 2026-12-07")),
            "{text}"
        );
        assert!(
            text.contains("In the source's words: “"),
            "the source's own words, quoted: {text}"
        );
        // The servers still say they are the ISPDB's.
        assert!(text.contains("[Thunderbird ISPDB]"), "{text}");
    }
    let v = json(&mailcheck(&["lookup", "jane@icloud.com", "--json"]));
    // In the order they are done: two-factor authentication unlocks the app password.
    assert_eq!(v["requirements"][0]["kind"], "second-factor-first");
    let first = &v["requirements"][1];
    assert_eq!(first["kind"], "app-password");
    assert_eq!(first["url"], "https://appleid.apple.com");
    assert_eq!(first["origin"]["tier"], "checked");
    assert_eq!(first["origin"]["source"], "https://support.apple.com/en-mt/HT204397");
    assert!(first["says"].as_str().unwrap().contains("app password"), "{first}");
    assert_eq!(
        v["provider"]["origin"]["tier"], "ispdb",
        "the servers' tier stays the record's"
    );
    assert_eq!(v["no_mail_apps"], false);
}

#[test]
fn proton_is_known_with_its_bridge_instead_of_servers() {
    for address in ["jane@proton.me", "jane@protonmail.com"] {
        let text = stdout(&mailcheck(&["lookup", address]));
        assert!(!text.contains("not known"), "{text}");
        assert!(text.contains(": Proton Mail [Checked]"), "{text}");
        assert!(text.contains("only through its bridge"), "{text}");
        assert!(
            text.contains("(127.0.0.1)") && text.contains("IMAP 1143 (STARTTLS)"),
            "{text}"
        );
        assert!(text.contains("use what the bridge shows"), "{text}");
        assert!(
            text.contains("Source: https://proton.me/support/macos-certificate-warning"),
            "{text}"
        );
        assert!(!text.contains("Incoming:"), "no servers of Proton's own: {text}");
    }
    let v = json(&mailcheck(&["lookup", "jane@pm.me", "--json"]));
    assert_eq!(v["no_mail_apps"], true);
    assert_eq!(v["provider"]["id"], "proton");
    assert_eq!(v["incoming"].as_array().map(Vec::len), Some(0));
    let bridge = &v["requirements"][0];
    assert_eq!(
        (bridge["kind"].as_str(), bridge["host"].as_str()),
        (Some("bridge"), Some("127.0.0.1"))
    );
    assert_eq!(bridge["ports"][0]["port"], 1143);
    assert!(bridge["ports"][0]["origin"]["source"]
        .as_str()
        .unwrap()
        .starts_with("https://github.com/ProtonMail/proton-bridge/blob/"));
    let all = stdout(&mailcheck(&["lookup", "--all"]));
    assert!(
        all.lines()
            .any(|l| l.starts_with("proton.me ") && l.ends_with(" proton")),
        "--all lists it"
    );
}
