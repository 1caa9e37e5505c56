//! Android mail apps: the Gmail app (adding a non-Google account) and Samsung Email.
//!
//! Neither Google's nor Samsung's own help page could be found with mailcheck's search tool, so both guides
//! say so and keep to the path and labels several independent descriptions agree on (Gmail: profile picture >
//! Add another account > Other > Personal (IMAP) or Personal (POP3), then Incoming and Outgoing server
//! settings with a Security type list).

use super::details::Details;
use super::toolkit::{note, steps, Fill as F, Level, Parts, SecurityWords, Source, StepSpec};
use crate::model::Side;
use crate::texts::Texts;
use Side::{Incoming as In, Outgoing as Out};

const WORDS: SecurityWords = SecurityWords {
    tls: "SSL/TLS",
    starttls: "STARTTLS",
    none: "None",
};

/// Google's own consumer domains, whose accounts the Gmail app signs in to through Google.
const GOOGLE_DOMAINS: [&str; 2] = ["gmail.com", "googlemail.com"];

const GMAIL: &[StepSpec] = &[
    ("d1", &[]),
    ("d2", &[("l1", F::Email)]),
    ("d3", &[("l2", F::Protocol("Personal (IMAP)", "Personal (POP3)"))]),
    ("d4", &[("l9", F::Password(In))]),
    (
        "d5",
        &[
            ("l45", F::Username(In)),
            ("l46", F::Host(In)),
            ("l31", F::Port(In)),
            ("l47", F::Security(In, &WORDS)),
        ],
    ),
    (
        "d6",
        &[
            ("l48", F::Host(Out)),
            ("l31", F::Port(Out)),
            ("l47", F::Security(Out, &WORDS)),
            ("l45", F::Username(Out)),
            ("l9", F::Password(Out)),
        ],
    ),
    ("d7", &[("l49", F::Name)]),
];

pub(super) fn gmail(a: &Details, t: &Texts) -> Parts {
    let mut notes = vec![note(Level::Info, t.get("d8"))];
    if a.domain().is_some_and(|d| GOOGLE_DOMAINS.contains(&d.as_str())) {
        notes.push(note(Level::Info, t.get("d9")));
    }
    Parts {
        version: "d10",
        source: Source::None,
        steps: steps(a, GMAIL, t),
        notes,
    }
}

const SAMSUNG: &[StepSpec] = &[
    ("d11", &[]),
    ("d12", &[("l1", F::Email), ("l9", F::Password(In))]),
    ("d13", &[("l2", F::Protocol("IMAP", "POP3"))]),
    (
        "d14",
        &[
            ("l45", F::Username(In)),
            ("l10", F::Host(In)),
            ("l47", F::Security(In, &WORDS)),
            ("l31", F::Port(In)),
        ],
    ),
    (
        "d15",
        &[
            ("l48", F::Host(Out)),
            ("l47", F::Security(Out, &WORDS)),
            ("l31", F::Port(Out)),
            ("l45", F::Username(Out)),
            ("l9", F::Password(Out)),
        ],
    ),
];

pub(super) fn samsung(a: &Details, t: &Texts) -> Parts {
    Parts {
        version: "d16",
        source: Source::None,
        steps: steps(a, SAMSUNG, t),
        notes: vec![note(Level::Info, t.get("d17"))],
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Client, Details, Value};
    use crate::database::embedded;

    #[test]
    fn gmail_app_uses_security_type_and_personal_account_types() {
        let g = guide(Client::GmailAndroid, &own_starttls());
        assert_eq!(
            values(&g, "Security type"),
            [&Value::Choose("STARTTLS"), &Value::Choose("SSL/TLS")]
        );
        assert_eq!(values(&g, "Account type"), [&Value::Choose("Personal (IMAP)")]);
        assert_eq!(values(&g, "Server"), [&Value::Text("imap.example.org".into())]);
        assert_eq!(values(&g, "SMTP server"), [&Value::Text("smtp.example.org".into())]);
        assert!(!all_text(&g).contains("choose Google instead"), "not a Gmail address");
    }

    #[test]
    fn gmail_app_points_gmail_addresses_to_google_sign_in() {
        let a = Details::recommended(embedded().by_id("gmail").unwrap(), "jane@googlemail.com");
        assert!(all_text(&guide(Client::GmailAndroid, &a)).contains("choose Google instead of Other"));
    }

    #[test]
    fn gmail_app_shows_none_and_pop3_for_qwestoffice() {
        let g = guide(Client::GmailAndroid, &qwestoffice());
        assert_eq!(
            values(&g, "Security type"),
            [&Value::Choose("None"), &Value::Choose("SSL/TLS")]
        );
        assert_eq!(values(&g, "Account type"), [&Value::Choose("Personal (POP3)")]);
        assert_eq!(
            values(&g, "Port"),
            [&Value::Text("110".into()), &Value::Text("465".into())]
        );
    }

    #[test]
    fn samsung_uses_security_type_and_notes_its_older_words() {
        let g = guide(Client::SamsungEmail, &centurylink());
        assert_eq!(
            values(&g, "Security type"),
            [&Value::Choose("SSL/TLS"), &Value::Choose("STARTTLS")]
        );
        assert_eq!(values(&g, "Account type"), [&Value::Choose("POP3")]);
        assert_eq!(values(&g, "Username"), [&Value::Text("jane@q.com".into()); 2]);
        assert!(all_text(&g).contains("STARTTLS as TLS"));
    }
}
