//! Mail on Mac, and Mail on iPhone and iPad.
//!
//! Mail on Mac: the server settings follow Apple's Mail User Guide page "Change Server Settings in Mail on
//! Mac" (Server Settings, "Automatically manage connection settings", Port, "Use TLS/SSL", Authentication).
//! Mail on iPhone and iPad: Apple's own page could not be found with mailcheck's search tool, so the guide
//! says so; the labels ("Use SSL", "Server Port") are those of iOS 18's account settings.

use super::details::{Credential, Details};
use super::toolkit::{note, steps, uses, uses_oauth, Fill as F, Level, Note, Parts, Source, StepSpec, Value};
use crate::model::{Security, Side};
use crate::texts::Texts;
use Side::{Incoming as In, Outgoing as Out};

const MAC_SOURCE: &str = "https://support.apple.com/guide/mail/cpmlprefacctadv/mac";

/// Mail's one encryption box: on for both SSL/TLS and STARTTLS on the Mac, on only for SSL/TLS on iOS.
fn encryption_switch(side: Side, a: &Details, t: &Texts, on_for_starttls: bool) -> Value {
    match a.server(side).security {
        Some(Security::Tls) => Value::Switch(true),
        Some(Security::Starttls) => Value::Switch(on_for_starttls),
        Some(Security::None) => Value::Switch(false),
        None => Value::Yours(t.get("a1").into()),
    }
}

fn mac_switch(side: Side, a: &Details, t: &Texts) -> Value {
    encryption_switch(side, a, t, true)
}

fn ios_switch(side: Side, a: &Details, t: &Texts) -> Value {
    encryption_switch(side, a, t, false)
}

fn authentication(side: Side, a: &Details, t: &Texts) -> Value {
    match a.server(side).credential {
        Some(Credential::NoSignIn) => Value::Choose("None"),
        Some(Credential::OAuth2) => Value::Yours(t.get("a2").into()),
        _ => Value::Choose("Password"),
    }
}

fn oauth_note(a: &Details, text: &str) -> Option<Note> {
    uses_oauth(a).then(|| note(Level::Info, text))
}

const MAC: &[StepSpec] = &[
    ("a3", &[]),
    ("a4", &[("l23", F::Name), ("l24", F::Email), ("l9", F::Password(In))]),
    (
        "a5",
        &[
            ("l25", F::Protocol("IMAP", "POP")),
            ("l26", F::Host(In)),
            ("l27", F::Host(Out)),
            ("l28", F::Username(In)),
        ],
    ),
    ("a6", &[]),
    (
        "a7",
        &[
            ("l28", F::Username(In)),
            ("l29", F::Host(In)),
            ("l30", F::Switch(false)),
            ("l31", F::Port(In)),
            ("l32", F::Rule(In, mac_switch)),
            ("l33", F::Rule(In, authentication)),
        ],
    ),
    (
        "a8",
        &[
            ("l28", F::Username(Out)),
            ("l29", F::Host(Out)),
            ("l30", F::Switch(false)),
            ("l31", F::Port(Out)),
            ("l32", F::Rule(Out, mac_switch)),
            ("l33", F::Rule(Out, authentication)),
        ],
    ),
    ("a9", &[]),
];

pub(super) fn mac(a: &Details, t: &Texts) -> Parts {
    let mut notes = Vec::new();
    if uses(Side::Incoming, a, Security::Starttls) || uses(Side::Outgoing, a, Security::Starttls) {
        notes.push(note(Level::Info, t.get("a10")));
    }
    notes.extend(oauth_note(a, t.get("a11")));
    Parts {
        version: "a12",
        source: Source::MakerDocs(MAC_SOURCE),
        steps: steps(a, MAC, t),
        notes,
    }
}

const IOS: &[StepSpec] = &[
    ("a13", &[]),
    ("a14", &[]),
    (
        "a15",
        &[
            ("l23", F::Name),
            ("l34", F::Email),
            ("l9", F::Password(In)),
            ("l35", F::Yours("a16")),
        ],
    ),
    (
        "a17",
        &[
            ("l36", F::Protocol("IMAP", "POP")),
            ("l37", F::Host(In)),
            ("l38", F::Username(In)),
            ("l39", F::Password(In)),
            ("l40", F::Host(Out)),
            ("l41", F::Username(Out)),
            ("l42", F::Password(Out)),
        ],
    ),
    (
        "a18",
        &[
            ("l43", F::Rule(In, ios_switch)),
            ("l33", F::Rule(In, authentication)),
            ("l44", F::Port(In)),
        ],
    ),
    (
        "a19",
        &[
            ("l43", F::Rule(Out, ios_switch)),
            ("l33", F::Rule(Out, authentication)),
            ("l44", F::Port(Out)),
        ],
    ),
];

pub(super) fn ios(a: &Details, t: &Texts) -> Parts {
    let mut notes = Vec::new();
    for (side, name) in [(Side::Incoming, "incoming"), (Side::Outgoing, "outgoing")] {
        if uses(side, a, Security::Starttls) {
            notes.push(note(Level::Info, t.fill("a22", &[("side", name)])));
        }
    }
    notes.extend(oauth_note(a, t.get("a20")));
    Parts {
        version: "a21",
        source: Source::None,
        steps: steps(a, IOS, t),
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Client, Value};

    #[test]
    fn mac_ticks_use_tls_ssl_for_both_kinds_of_encryption() {
        let g = guide(Client::AppleMail, &centurylink());
        assert_eq!(values(&g, "Use TLS/SSL"), [&Value::Switch(true); 2]);
        assert_eq!(
            values(&g, "Port"),
            [&Value::Text("995".into()), &Value::Text("587".into())]
        );
        assert_eq!(
            values(&g, "Host Name"),
            [
                &Value::Text("pop.centurylink.net".into()),
                &Value::Text("smtp.centurylink.net".into())
            ]
        );
        assert_eq!(values(&g, "Account Type"), [&Value::Choose("POP")]);
        assert!(all_text(&g).contains("no separate STARTTLS"), "outgoing uses STARTTLS");
        assert!(all_text(&g).contains("Mail > Settings, click Accounts"));
    }

    #[test]
    fn mac_unticks_use_tls_ssl_for_qwestoffice_pop() {
        let g = guide(Client::AppleMail, &qwestoffice());
        assert_eq!(values(&g, "Use TLS/SSL"), [&Value::Switch(false), &Value::Switch(true)]);
        assert_eq!(values(&g, "Port")[0], &Value::Text("110".into()));
        assert!(!all_text(&g).contains("STARTTLS"), "neither server uses STARTTLS");
        assert_eq!(warnings(&g), 1);
    }

    #[test]
    fn ios_says_use_ssl_and_explains_the_missing_starttls_switch() {
        let g = guide(Client::IosMail, &own_starttls());
        assert_eq!(values(&g, "Use SSL"), [&Value::Switch(false), &Value::Switch(true)]);
        assert_eq!(
            values(&g, "Server Port"),
            [&Value::Text("143".into()), &Value::Text("465".into())]
        );
        assert_eq!(values(&g, "IMAP or POP (at the top)"), [&Value::Choose("IMAP")]);
        let text = all_text(&g);
        assert!(text.contains("no STARTTLS setting. For the incoming server"), "{text}");
        assert!(!text.contains("For the outgoing server"), "outgoing uses SSL/TLS");
        assert!(values(&g, "Use TLS/SSL").is_empty(), "that is the Mac label");
    }

    #[test]
    fn ios_without_starttls_has_no_starttls_note() {
        let g = guide(Client::IosMail, &qwestoffice());
        assert_eq!(values(&g, "Use SSL"), [&Value::Switch(false), &Value::Switch(true)]);
        assert!(!all_text(&g).contains("no STARTTLS setting"));
        assert!(has_text(&g, "pop.qwestoffice.net") && has_text(&g, "110"));
    }
}
