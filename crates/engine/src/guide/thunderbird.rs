//! Thunderbird on the desktop, and Thunderbird for Android / K-9 Mail.
//!
//! Both sets of labels were read from the apps' own interface text: Thunderbird's `accountSetup.ftl` and
//! `accountHub.ftl` (the newer Account Hub uses the same field names) and the server-settings strings of
//! Thunderbird for Android, whose account setup K-9 Mail shares.

use super::details::{Credential, Details};
use super::toolkit::{note, steps, uses, Fill as F, Level, Parts, SecurityWords, Source, StepSpec, Value};
use crate::model::{Security, Side};
use crate::texts::Texts;
use Side::{Incoming as In, Outgoing as Out};

const DESKTOP_SOURCE: &str =
    "https://github.com/mozilla/releases-comm-central/blob/HEAD/mail/locales/en-US/messenger/accountcreation/accountSetup.ftl";
const ANDROID_SOURCE: &str = "https://github.com/thunderbird/thunderbird-android/blob/main/feature/account/server/settings/src/main/res/values/strings.xml";

const DESKTOP_WORDS: SecurityWords = SecurityWords {
    tls: "SSL/TLS",
    starttls: "STARTTLS",
    none: "None",
};
const ANDROID_WORDS: SecurityWords = SecurityWords {
    tls: "SSL/TLS",
    starttls: "StartTLS",
    none: "None",
};

const DESKTOP: &[StepSpec] = &[
    ("t1", &[]),
    (
        "t2",
        &[
            ("l50", F::Name),
            ("l1", F::Email),
            ("l9", F::IfPassword(In, &F::Password(In))),
        ],
    ),
    ("t3", &[]),
    (
        "t4",
        &[
            ("l51", F::Protocol("IMAP", "POP3")),
            ("l52", F::Host(In)),
            ("l31", F::Port(In)),
            ("l53", F::Security(In, &DESKTOP_WORDS)),
            ("l54", F::Rule(In, desktop_auth)),
            ("l45", F::IfSignsIn(In, &F::Username(In))),
        ],
    ),
    (
        "t5",
        &[
            ("l52", F::Host(Out)),
            ("l31", F::Port(Out)),
            ("l53", F::Security(Out, &DESKTOP_WORDS)),
            ("l54", F::Rule(Out, desktop_auth)),
            ("l45", F::IfSignsIn(Out, &F::Username(Out))),
        ],
    ),
    ("t6", &[]),
];

pub(super) fn desktop(a: &Details, t: &Texts) -> Parts {
    let mut steps = steps(a, DESKTOP, t);
    if [Side::Incoming, Side::Outgoing]
        .iter()
        .any(|&s| uses(s, a, Security::None))
    {
        if let Some(finish) = steps.last_mut() {
            finish.text.push_str(t.get("t7"));
        }
    }
    Parts {
        version: "t8",
        source: Source::AppSource(DESKTOP_SOURCE),
        steps,
        notes: vec![],
    }
}

fn desktop_auth(side: Side, a: &Details, t: &Texts) -> Value {
    match a.server(side).credential {
        Some(Credential::OAuth2) => Value::Choose("OAuth2"),
        Some(Credential::NoSignIn) => Value::Choose("No authentication"),
        Some(Credential::EncryptedPassword) => Value::Choose("Encrypted password"),
        Some(_) => Value::Choose("Normal password"),
        None => Value::Yours(t.get("t9").into()),
    }
}

const ANDROID: &[StepSpec] = &[
    ("t10", &[]),
    ("t11", &[("l1", F::Email)]),
    ("t12", &[]),
    (
        "t13",
        &[
            ("l51", F::Protocol("IMAP", "POP3")),
            ("l46", F::Host(In)),
            ("l55", F::Security(In, &ANDROID_WORDS)),
            ("l31", F::Port(In)),
            ("l33", F::Rule(In, android_auth)),
            ("l45", F::IfSignsIn(In, &F::Username(In))),
            ("l9", F::IfPassword(In, &F::Password(In))),
        ],
    ),
    (
        "t14",
        &[
            ("l46", F::Host(Out)),
            ("l55", F::Security(Out, &ANDROID_WORDS)),
            ("l31", F::Port(Out)),
            ("l33", F::Rule(Out, android_auth)),
            ("l45", F::IfSignsIn(Out, &F::Username(Out))),
            ("l9", F::IfPassword(Out, &F::Password(Out))),
        ],
    ),
    ("t15", &[("l49", F::Name)]),
];

pub(super) fn android(a: &Details, t: &Texts) -> Parts {
    let mut notes = Vec::new();
    if uses(Side::Incoming, a, Security::Starttls) || uses(Side::Outgoing, a, Security::Starttls) {
        notes.push(note(Level::Info, t.get("t16")));
    }
    Parts {
        version: "t17",
        source: Source::AppSource(ANDROID_SOURCE),
        steps: steps(a, ANDROID, t),
        notes,
    }
}

fn android_auth(side: Side, a: &Details, t: &Texts) -> Value {
    match a.server(side).credential {
        Some(Credential::OAuth2) => Value::Choose("OAuth 2.0"),
        Some(Credential::NoSignIn) => Value::Choose("None"),
        Some(Credential::EncryptedPassword) => Value::Choose("Encrypted password"),
        Some(_) => Value::Choose("Normal password"),
        None => Value::Yours(t.get("t18").into()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Client, Value};

    #[test]
    fn desktop_uses_connection_security_words_and_fills_in_values() {
        let g = guide(Client::Thunderbird, &centurylink());
        assert_eq!(
            values(&g, "Connection security"),
            [&Value::Choose("SSL/TLS"), &Value::Choose("STARTTLS")]
        );
        assert_eq!(
            values(&g, "Hostname"),
            [
                &Value::Text("pop.centurylink.net".into()),
                &Value::Text("smtp.centurylink.net".into())
            ]
        );
        assert_eq!(values(&g, "Protocol"), [&Value::Choose("POP3")]);
        assert_eq!(
            values(&g, "Username"),
            [&Value::Text("jane@q.com".into()), &Value::Text("jane@q.com".into())]
        );
        assert_eq!(
            values(&g, "Authentication method"),
            [&Value::Choose("Normal password"); 2]
        );
        let text = all_text(&g);
        assert!(text.contains("Configure manually") && text.contains("Re-test"));
        assert!(!text.contains("I understand the risks"), "no unencrypted server here");
    }

    #[test]
    fn desktop_shows_none_for_qwestoffice_and_the_risk_dialog() {
        let g = guide(Client::Thunderbird, &qwestoffice());
        assert_eq!(
            values(&g, "Connection security"),
            [&Value::Choose("None"), &Value::Choose("SSL/TLS")]
        );
        assert_eq!(
            values(&g, "Port"),
            [&Value::Text("110".into()), &Value::Text("465".into())]
        );
        assert!(all_text(&g).contains("I understand the risks"));
        assert_eq!(warnings(&g), 1);
    }

    #[test]
    fn desktop_oauth_accounts_pick_oauth2_and_skip_the_password() {
        let gmail =
            crate::guide::Details::recommended(crate::database::embedded().by_id("gmail").unwrap(), "jane@gmail.com");
        let g = guide(Client::Thunderbird, &gmail);
        assert_eq!(values(&g, "Authentication method"), [&Value::Choose("OAuth2"); 2]);
        assert!(values(&g, "Password").is_empty());
    }

    #[test]
    fn android_spells_starttls_its_own_way() {
        let g = guide(Client::ThunderbirdAndroid, &own_starttls());
        assert_eq!(
            values(&g, "Security"),
            [&Value::Choose("StartTLS"), &Value::Choose("SSL/TLS")]
        );
        assert_eq!(
            values(&g, "Server"),
            [
                &Value::Text("imap.example.org".into()),
                &Value::Text("smtp.example.org".into())
            ]
        );
        assert_eq!(
            values(&g, "Port"),
            [&Value::Text("143".into()), &Value::Text("465".into())]
        );
        assert_eq!(values(&g, "Username"), [&Value::Text("sam".into()); 2]);
        assert!(all_text(&g).contains("Edit configuration"));
        assert!(
            values(&g, "Connection security").is_empty(),
            "that is the desktop label"
        );
    }

    #[test]
    fn android_without_starttls_has_no_spelling_note() {
        let g = guide(Client::ThunderbirdAndroid, &qwestoffice());
        assert_eq!(
            values(&g, "Security"),
            [&Value::Choose("None"), &Value::Choose("SSL/TLS")]
        );
        assert!(!all_text(&g).contains("StartTLS"));
        assert_eq!(values(&g, "Authentication"), [&Value::Choose("Normal password"); 2]);
    }
}
