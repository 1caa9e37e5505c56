//! Outlook: classic Outlook for Windows, new Outlook for Windows, and Outlook for Mac.
//!
//! Outlook for Mac follows Microsoft's page "Basic POP account settings for Outlook for Mac" (Incoming server,
//! Override default port, Use SSL to connect, More Options). Microsoft's setup pages for the two Windows apps
//! could not be found with mailcheck's search tool: their guides say so, keep to the steps several
//! independent descriptions agree on (File > Add Account > Advanced options > Let me set up my account
//! manually, for classic Outlook), and use Microsoft's own words for the security modes, SSL/TLS and STARTTLS,
//! as its Outlook.com settings page does.

use super::{
    email_value, entry, host_value, name_value, note, password_value, port_value, protocol_value, security_value, step,
    username_value, uses, Account, Entry, Level, Parts, SecurityWords, Side, Source, Value,
};
use crate::model::Security;

const MAC_SOURCE: &str =
    "https://support.microsoft.com/en-us/office/basic-pop-account-settings-for-outlook-for-mac-d25a0c43-2c81-41a0-9913-573e52af3d6f";

const WORDS: SecurityWords = SecurityWords {
    tls: "SSL/TLS",
    starttls: "STARTTLS",
    none: "None",
};

pub(super) fn classic(a: &Account) -> Parts {
    let server = |side: Side, server: &'static str, port: &'static str, method: &'static str, spa: &'static str| {
        [
            entry(server, host_value(side, a)),
            entry(port, port_value(side, a)),
            entry(method, security_value(side, a, &WORDS)),
            entry(spa, Value::Switch(false)),
        ]
    };
    let mut servers: Vec<Entry> = Vec::new();
    servers.extend(server(
        Side::Incoming,
        "Incoming mail: Server",
        "Incoming mail: Port",
        "Incoming mail: Encryption method",
        "Incoming mail: Require logon using Secure Password Authentication (SPA)",
    ));
    servers.extend(server(
        Side::Outgoing,
        "Outgoing mail: Server",
        "Outgoing mail: Port",
        "Outgoing mail: Encryption method",
        "Outgoing mail: Require logon using Secure Password Authentication (SPA)",
    ));
    Parts {
        version: "Classic Outlook for Windows (Microsoft 365 and the Outlook 2016 to 2024 desktop apps)",
        source: Source::None,
        steps: vec![
            step("Choose File > Add Account.", vec![]),
            step(
                "Enter your email address, click Advanced options, tick Let me set up my account manually, then \
                 click Connect.",
                vec![entry("Email address", email_value(a))],
            ),
            step(
                "Choose the account type.",
                vec![entry("Account type", protocol_value(a, "IMAP", "POP"))],
            ),
            step("Fill in both servers, then click Next.", servers),
            step(
                "Enter your password and click Connect. When Outlook reports that the account was added, click \
                 Done.",
                vec![entry("Password", password_value(Side::Incoming, a))],
            ),
        ],
        notes: vec![],
    }
}

pub(super) fn new(a: &Account) -> Parts {
    let fields = vec![
        entry("Incoming server", host_value(Side::Incoming, a)),
        entry("Incoming port", port_value(Side::Incoming, a)),
        entry("Incoming encryption", security_value(Side::Incoming, a, &WORDS)),
        entry("Outgoing (SMTP) server", host_value(Side::Outgoing, a)),
        entry("Outgoing port", port_value(Side::Outgoing, a)),
        entry("Outgoing encryption", security_value(Side::Outgoing, a, &WORDS)),
        entry("User name", username_value(Side::Incoming, a)),
        entry("Password", password_value(Side::Incoming, a)),
    ];
    Parts {
        version: "New Outlook for Windows (the free app that replaced Windows Mail and Calendar)",
        source: Source::None,
        steps: vec![
            step(
                "Open new Outlook's settings and, in the accounts section, choose to add an email account.",
                vec![],
            ),
            step(
                "Enter your email address and select Continue.",
                vec![entry("Email address", email_value(a))],
            ),
            step(
                "If Outlook does not set the account up by itself, choose your account type from its list of \
                 providers.",
                vec![entry("Account type", protocol_value(a, "IMAP", "POP"))],
            ),
            step(
                "Enter your password and, if the server settings are hidden, open them. Fill in the fields \
                 Outlook names for these values, then select Continue.",
                fields,
            ),
            step(
                "Outlook asks to sync the account through the Microsoft Cloud; select Continue to finish.",
                vec![],
            ),
        ],
        notes: vec![
            note(
                Level::Info,
                "Windows Mail and Calendar is retired: Microsoft ended its support on December 31, 2024, and it \
                 can no longer send or receive email. New Outlook for Windows replaces it.",
            ),
            note(
                Level::Info,
                "New Outlook syncs IMAP and POP accounts through the Microsoft Cloud: Microsoft's servers connect \
                 to your provider for you and keep a copy of your mail.",
            ),
        ],
    }
}

pub(super) fn mac(a: &Account) -> Parts {
    let ssl = |side: Side| match side.of(a).security {
        Some(Security::Tls | Security::Starttls) => Value::Switch(true),
        Some(Security::None) => Value::Switch(false),
        None => Value::Yours("on, unless your provider names no encryption for this server".into()),
    };
    let mut notes = Vec::new();
    if uses(Side::Incoming, a, Security::Starttls) || uses(Side::Outgoing, a, Security::Starttls) {
        notes.push(note(
            Level::Info,
            "Outlook for Mac has one Use SSL to connect box per server and no separate STARTTLS setting: tick it \
             for the STARTTLS server too, with the port shown.",
        ));
    }
    Parts {
        version: "Outlook for Mac, with the POP and IMAP account settings Microsoft documents for it",
        source: Source::MakerDocs(MAC_SOURCE),
        steps: vec![
            step(
                "Open the Accounts box (Outlook > Settings, or Preferences in older versions, then Accounts) and \
                 click + to add a new account. If Outlook asks for the account type, choose it.",
                vec![entry("Account type", protocol_value(a, "IMAP", "POP"))],
            ),
            step(
                "Fill in your details.",
                vec![
                    entry("Full name", name_value(a)),
                    entry("Email address", email_value(a)),
                    entry("User name", username_value(Side::Incoming, a)),
                    entry("Password", password_value(Side::Incoming, a)),
                ],
            ),
            step(
                "Fill in the incoming server. Tick Override default port to edit the port after the server name.",
                vec![
                    entry("Incoming server", host_value(Side::Incoming, a)),
                    entry("Override default port", Value::Switch(true)),
                    entry("Port (after the incoming server)", port_value(Side::Incoming, a)),
                    entry("Use SSL to connect (recommended)", ssl(Side::Incoming)),
                ],
            ),
            step(
                "Fill in the outgoing server the same way.",
                vec![
                    entry("Outgoing server", host_value(Side::Outgoing, a)),
                    entry("Override default port", Value::Switch(true)),
                    entry("Port (after the outgoing server)", port_value(Side::Outgoing, a)),
                    entry("Use SSL to connect (recommended)", ssl(Side::Outgoing)),
                ],
            ),
            step(
                "Click More Options under the outgoing server and set it to sign in with your user name and \
                 password, as the incoming server does.",
                vec![],
            ),
        ],
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{guide, Client, Value};

    #[test]
    fn classic_uses_encryption_method_with_ssl_tls_and_starttls() {
        let g = guide(Client::OutlookWindows, &centurylink());
        assert_eq!(
            values(&g, "Incoming mail: Encryption method"),
            [&Value::Choose("SSL/TLS")]
        );
        assert_eq!(
            values(&g, "Outgoing mail: Encryption method"),
            [&Value::Choose("STARTTLS")]
        );
        assert_eq!(
            values(&g, "Incoming mail: Server"),
            [&Value::Text("pop.centurylink.net".into())]
        );
        assert_eq!(values(&g, "Outgoing mail: Port"), [&Value::Text("587".into())]);
        assert_eq!(values(&g, "Account type"), [&Value::Choose("POP")]);
        assert!(all_text(&g).contains("Let me set up my account manually"));
    }

    #[test]
    fn classic_shows_none_for_qwestoffice() {
        let g = guide(Client::OutlookWindows, &qwestoffice());
        assert_eq!(values(&g, "Incoming mail: Encryption method"), [&Value::Choose("None")]);
        assert_eq!(values(&g, "Incoming mail: Port"), [&Value::Text("110".into())]);
        assert_eq!(
            values(&g, "Outgoing mail: Encryption method"),
            [&Value::Choose("SSL/TLS")]
        );
        assert_eq!(warnings(&g), 1);
    }

    #[test]
    fn new_outlook_notes_the_retired_windows_mail_and_fills_in_values() {
        let g = guide(Client::OutlookNew, &own_starttls());
        assert_eq!(values(&g, "Incoming encryption"), [&Value::Choose("STARTTLS")]);
        assert_eq!(values(&g, "Outgoing encryption"), [&Value::Choose("SSL/TLS")]);
        assert_eq!(values(&g, "User name"), [&Value::Text("sam".into())]);
        assert!(all_text(&g).contains("Windows Mail and Calendar is retired"));
        assert!(!all_text(&guide(Client::OutlookWindows, &own_starttls())).contains("Windows Mail"));
    }

    #[test]
    fn mac_ticks_use_ssl_to_connect_except_for_unencrypted_servers() {
        let g = guide(Client::OutlookMac, &qwestoffice());
        assert_eq!(
            values(&g, "Use SSL to connect (recommended)"),
            [&Value::Switch(false), &Value::Switch(true)]
        );
        assert_eq!(
            values(&g, "Port (after the incoming server)"),
            [&Value::Text("110".into())]
        );
        assert!(!all_text(&g).contains("STARTTLS"));

        let g = guide(Client::OutlookMac, &centurylink());
        assert_eq!(
            values(&g, "Use SSL to connect (recommended)"),
            [&Value::Switch(true); 2]
        );
        assert!(all_text(&g).contains("no separate STARTTLS setting"));
        assert_eq!(
            values(&g, "Outgoing server"),
            [&Value::Text("smtp.centurylink.net".into())]
        );
    }
}
