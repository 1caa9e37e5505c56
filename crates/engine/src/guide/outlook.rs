//! Outlook: classic Outlook for Windows, new Outlook for Windows, and Outlook for Mac.
//!
//! Outlook for Mac follows Microsoft's page "Basic POP account settings for Outlook for Mac" (Incoming server,
//! Override default port, Use SSL to connect, More Options). Microsoft's setup pages for the two Windows apps
//! could not be found with mailcheck's search tool: their guides say so, keep to the steps several
//! independent descriptions agree on (File > Add Account > Advanced options > Let me set up my account
//! manually, for classic Outlook), and use Microsoft's own words for the security modes, SSL/TLS and STARTTLS,
//! as its Outlook.com settings page does.

use super::details::Details;
use super::toolkit::{note, steps, uses, Fill as F, Level, Parts, SecurityWords, Source, StepSpec, Value};
use crate::model::{Security, Side};
use crate::texts::Texts;
use Side::{Incoming as In, Outgoing as Out};

const MAC_SOURCE: &str =
    "https://support.microsoft.com/en-us/office/basic-pop-account-settings-for-outlook-for-mac-d25a0c43-2c81-41a0-9913-573e52af3d6f";

const WORDS: SecurityWords = SecurityWords {
    tls: "SSL/TLS",
    starttls: "STARTTLS",
    none: "None",
};

const CLASSIC: &[StepSpec] = &[
    ("o1", &[]),
    ("o2", &[("l1", F::Email)]),
    ("o3", &[("l2", F::Protocol("IMAP", "POP"))]),
    (
        "o4",
        &[
            ("l3", F::Host(In)),
            ("l4", F::Port(In)),
            ("l5", F::Security(In, &WORDS)),
            ("l60", F::Switch(false)),
            ("l6", F::Host(Out)),
            ("l7", F::Port(Out)),
            ("l8", F::Security(Out, &WORDS)),
            ("l61", F::Switch(false)),
        ],
    ),
    ("o5", &[("l9", F::Password(In))]),
];

pub(super) fn classic(a: &Details, t: &Texts) -> Parts {
    Parts {
        version: "o6",
        source: Source::None,
        steps: steps(a, CLASSIC, t),
        notes: vec![],
    }
}

const NEW: &[StepSpec] = &[
    ("o7", &[]),
    ("o8", &[("l1", F::Email)]),
    ("o9", &[("l2", F::Protocol("IMAP", "POP"))]),
    (
        "o10",
        &[
            ("l10", F::Host(In)),
            ("l11", F::Port(In)),
            ("l12", F::Security(In, &WORDS)),
            ("l13", F::Host(Out)),
            ("l14", F::Port(Out)),
            ("l15", F::Security(Out, &WORDS)),
            ("l16", F::Username(In)),
            ("l9", F::Password(In)),
        ],
    ),
    ("o11", &[]),
];

pub(super) fn new(a: &Details, t: &Texts) -> Parts {
    Parts {
        version: "o12",
        source: Source::None,
        steps: steps(a, NEW, t),
        notes: vec![note(Level::Info, t.get("o13")), note(Level::Info, t.get("o14"))],
    }
}

/// Outlook for Mac's one "Use SSL to connect" box per server: on for both kinds of encryption.
fn mac_ssl(side: Side, a: &Details, t: &Texts) -> Value {
    match a.server(side).security {
        Some(Security::Tls | Security::Starttls) => Value::Switch(true),
        Some(Security::None) => Value::Switch(false),
        None => Value::Yours(t.get("o15").into()),
    }
}

const MAC: &[StepSpec] = &[
    ("o16", &[("l2", F::Protocol("IMAP", "POP"))]),
    (
        "o17",
        &[
            ("l17", F::Name),
            ("l1", F::Email),
            ("l16", F::Username(In)),
            ("l9", F::Password(In)),
        ],
    ),
    (
        "o18",
        &[
            ("l10", F::Host(In)),
            ("l18", F::Switch(true)),
            ("l19", F::Port(In)),
            ("l20", F::Rule(In, mac_ssl)),
        ],
    ),
    (
        "o19",
        &[
            ("l21", F::Host(Out)),
            ("l18", F::Switch(true)),
            ("l22", F::Port(Out)),
            ("l20", F::Rule(Out, mac_ssl)),
        ],
    ),
    ("o20", &[]),
];

pub(super) fn mac(a: &Details, t: &Texts) -> Parts {
    let mut notes = Vec::new();
    if uses(Side::Incoming, a, Security::Starttls) || uses(Side::Outgoing, a, Security::Starttls) {
        notes.push(note(Level::Info, t.get("o21")));
    }
    Parts {
        version: "o22",
        source: Source::MakerDocs(MAC_SOURCE),
        steps: steps(a, MAC, t),
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Client, Value};

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
