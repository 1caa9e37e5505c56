//! Thunderbird on the desktop, and Thunderbird for Android / K-9 Mail.
//!
//! Both sets of labels were read from the apps' own interface text: Thunderbird's `accountSetup.ftl` and
//! `accountHub.ftl` (the newer Account Hub uses the same field names) and the server-settings strings of
//! Thunderbird for Android, whose account setup K-9 Mail shares.

use super::{
    email_value, entry, host_value, name_value, note, password_value, port_value, protocol_value, security_value, step,
    username_value, uses, Account, Credential, Entry, Level, Parts, SecurityWords, Side, Source, Value,
};
use crate::model::Security;

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

pub(super) fn desktop(a: &Account) -> Parts {
    let mut first = vec![
        entry("Your full name", name_value(a)),
        entry("Email address", email_value(a)),
    ];
    if a.incoming.credential.is_none_or(Credential::is_password) {
        first.push(entry("Password", password_value(Side::Incoming, a)));
    }
    let server = |side: Side| -> Vec<Entry> {
        let mut fields = Vec::new();
        if side == Side::Incoming {
            fields.push(entry("Protocol", protocol_value(a, "IMAP", "POP3")));
        }
        fields.extend([
            entry("Hostname", host_value(side, a)),
            entry("Port", port_value(side, a)),
            entry("Connection security", security_value(side, a, &DESKTOP_WORDS)),
            entry("Authentication method", desktop_auth(side, a)),
        ]);
        if side.of(a).credential != Some(Credential::NoSignIn) {
            fields.push(entry("Username", username_value(side, a)));
        }
        fields
    };
    let mut finish = String::from("Click Re-test. Once Thunderbird has checked the settings, click Done.");
    if [Side::Incoming, Side::Outgoing]
        .iter()
        .any(|&s| uses(s, a, Security::None))
    {
        finish.push_str(
            " Thunderbird warns that the server does not use encryption: to go on anyway, tick I understand \
             the risks and click Confirm.",
        );
    }
    Parts {
        version: "Thunderbird on Windows, Mac and Linux, current releases (the Account Setup tab; the newer \
                  Account Hub shows the same fields)",
        source: Source::AppSource(DESKTOP_SOURCE),
        steps: vec![
            step(
                "Open account setup. Thunderbird opens it by itself the first time it starts; otherwise choose \
                 File > New > Existing Mail Account… (on Windows and Linux, press Alt to show the menu bar).",
                vec![],
            ),
            step("Fill in the form.", first),
            step("Click Configure manually.", vec![]),
            step("Under Incoming server, set:", server(Side::Incoming)),
            step("Under Outgoing server, set:", server(Side::Outgoing)),
            step(finish, vec![]),
        ],
        notes: vec![],
    }
}

fn desktop_auth(side: Side, a: &Account) -> Value {
    match side.of(a).credential {
        Some(Credential::OAuth2) => Value::Choose("OAuth2"),
        Some(Credential::NoSignIn) => Value::Choose("No authentication"),
        Some(Credential::EncryptedPassword) => Value::Choose("Encrypted password"),
        Some(_) => Value::Choose("Normal password"),
        None => Value::Yours("the sign-in method your provider names (usually Normal password)".into()),
    }
}

pub(super) fn android(a: &Account) -> Parts {
    let server = |side: Side| -> Vec<Entry> {
        let mut fields = Vec::new();
        if side == Side::Incoming {
            fields.push(entry("Protocol", protocol_value(a, "IMAP", "POP3")));
        }
        fields.extend([
            entry("Server", host_value(side, a)),
            entry("Security", security_value(side, a, &ANDROID_WORDS)),
            entry("Port", port_value(side, a)),
            entry("Authentication", android_auth(side, a)),
        ]);
        let credential = side.of(a).credential;
        if credential != Some(Credential::NoSignIn) {
            fields.push(entry("Username", username_value(side, a)));
        }
        if credential.is_none_or(Credential::is_password) {
            fields.push(entry("Password", password_value(side, a)));
        }
        fields
    };
    let mut notes = Vec::new();
    if uses(Side::Incoming, a, Security::Starttls) || uses(Side::Outgoing, a, Security::Starttls) {
        notes.push(note(
            Level::Info,
            "The app spells STARTTLS as StartTLS in its Security list.",
        ));
    }
    Parts {
        version: "Thunderbird for Android and K-9 Mail, current releases (both use the same account setup)",
        source: Source::AppSource(ANDROID_SOURCE),
        steps: vec![
            step(
                "Open the app and start adding an account; the first time, it asks for your email address \
                 straight away.",
                vec![],
            ),
            step(
                "Enter your email address and tap Next.",
                vec![entry("Email address", email_value(a))],
            ),
            step(
                "The app looks up the settings. If it shows Configuration found, tap Edit configuration to \
                 check them against these; if it shows Configuration not found, go on to enter them yourself.",
                vec![],
            ),
            step(
                "On Incoming server settings, set the following, then tap Next:",
                server(Side::Incoming),
            ),
            step(
                "On Outgoing server settings, set the following, then tap Next:",
                server(Side::Outgoing),
            ),
            step(
                "Under Account options, fill in your name and tap Next to finish.",
                vec![entry("Your name", name_value(a))],
            ),
        ],
        notes,
    }
}

fn android_auth(side: Side, a: &Account) -> Value {
    match side.of(a).credential {
        Some(Credential::OAuth2) => Value::Choose("OAuth 2.0"),
        Some(Credential::NoSignIn) => Value::Choose("None"),
        Some(Credential::EncryptedPassword) => Value::Choose("Encrypted password"),
        Some(_) => Value::Choose("Normal password"),
        None => Value::Yours("the sign-in method your provider names (usually Normal password)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{guide, Client, Value};

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
            crate::guide::Account::recommended(crate::database::embedded().by_id("gmail").unwrap(), "jane@gmail.com");
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
