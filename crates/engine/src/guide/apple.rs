//! Mail on Mac, and Mail on iPhone and iPad.
//!
//! Mail on Mac: the server settings follow Apple's Mail User Guide page "Change Server Settings in Mail on
//! Mac" (Server Settings, "Automatically manage connection settings", Port, "Use TLS/SSL", Authentication).
//! Mail on iPhone and iPad: Apple's own page could not be found with mailcheck's search tool, so the guide
//! says so; the labels ("Use SSL", "Server Port") are those of iOS 18's account settings.

use super::{
    email_value, entry, host_value, name_value, note, password_value, port_value, protocol_value, step, username_value,
    uses, Account, Credential, Entry, Level, Parts, Side, Source, Value,
};
use crate::model::Security;

const MAC_SOURCE: &str = "https://support.apple.com/guide/mail/cpmlprefacctadv/mac";

/// Mail's one encryption box: on for both SSL/TLS and STARTTLS on the Mac, on only for SSL/TLS on iOS.
fn encryption_switch(side: Side, a: &Account, on_for_starttls: bool) -> Value {
    match side.of(a).security {
        Some(Security::Tls) => Value::Switch(true),
        Some(Security::Starttls) => Value::Switch(on_for_starttls),
        Some(Security::None) => Value::Switch(false),
        None => Value::Yours("on if your provider names SSL/TLS for this server".into()),
    }
}

fn authentication(side: Side, a: &Account) -> Value {
    match side.of(a).credential {
        Some(Credential::NoSignIn) => Value::Choose("None"),
        Some(Credential::OAuth2) => Value::Yours("your provider's own sign-in (see the note below)".into()),
        _ => Value::Choose("Password"),
    }
}

fn oauth_note(a: &Account, text: &'static str) -> Option<super::Note> {
    super::uses_oauth(a).then(|| note(Level::Info, text))
}

pub(super) fn mac(a: &Account) -> Parts {
    let server = |side: Side| -> Vec<Entry> {
        vec![
            entry("User Name", username_value(side, a)),
            entry("Host Name", host_value(side, a)),
            entry("Automatically manage connection settings", Value::Switch(false)),
            entry("Port", port_value(side, a)),
            entry("Use TLS/SSL", encryption_switch(side, a, true)),
            entry("Authentication", authentication(side, a)),
        ]
    };
    let mut notes = Vec::new();
    if uses(Side::Incoming, a, Security::Starttls) || uses(Side::Outgoing, a, Security::Starttls) {
        notes.push(note(
            Level::Info,
            "Mail on Mac has one Use TLS/SSL box for both kinds of encryption and no separate STARTTLS \
             setting: tick it for the STARTTLS server too.",
        ));
    }
    notes.extend(oauth_note(
        a,
        "If your provider is in the list under Mail > Add Account (Google, for example), choose it instead of \
         Other Mail Account: Mail then signs in through the provider's own page.",
    ));
    Parts {
        version: "Mail on macOS Ventura and later (Mail > Settings; earlier versions call it Mail > Preferences)",
        source: Source::MakerDocs(MAC_SOURCE),
        steps: vec![
            step(
                "In Mail, choose Mail > Add Account, select Other Mail Account, then click Continue.",
                vec![],
            ),
            step(
                "Enter your details and click Sign In.",
                vec![
                    entry("Name", name_value(a)),
                    entry("Email Address", email_value(a)),
                    entry("Password", password_value(Side::Incoming, a)),
                ],
            ),
            step(
                "If Mail asks for more, fill in the following and click Sign In again.",
                vec![
                    entry("Account Type", protocol_value(a, "IMAP", "POP")),
                    entry("Incoming Mail Server", host_value(Side::Incoming, a)),
                    entry("Outgoing Mail Server", host_value(Side::Outgoing, a)),
                    entry("User Name", username_value(Side::Incoming, a)),
                ],
            ),
            step(
                "Now check the ports and encryption: choose Mail > Settings, click Accounts, select the account, \
                 then click Server Settings.",
                vec![],
            ),
            step(
                "Under the incoming mail server, untick Automatically manage connection settings so the port \
                 and encryption show, then set:",
                server(Side::Incoming),
            ),
            step(
                "Do the same under the outgoing mail server (SMTP):",
                server(Side::Outgoing),
            ),
            step("Click Save.", vec![]),
        ],
        notes,
    }
}

pub(super) fn ios(a: &Account) -> Parts {
    let first = |side: Side, host: &'static str, user: &'static str, password: &'static str| -> [Entry; 3] {
        [
            entry(host, host_value(side, a)),
            entry(user, username_value(side, a)),
            entry(password, password_value(side, a)),
        ]
    };
    let mut servers = vec![entry("IMAP or POP (at the top)", protocol_value(a, "IMAP", "POP"))];
    servers.extend(first(
        Side::Incoming,
        "Incoming Mail Server: Host Name",
        "Incoming Mail Server: User Name",
        "Incoming Mail Server: Password",
    ));
    servers.extend(first(
        Side::Outgoing,
        "Outgoing Mail Server: Host Name",
        "Outgoing Mail Server: User Name",
        "Outgoing Mail Server: Password",
    ));
    let advanced = |side: Side| -> Vec<Entry> {
        vec![
            entry("Use SSL", encryption_switch(side, a, false)),
            entry("Authentication", authentication(side, a)),
            entry("Server Port", port_value(side, a)),
        ]
    };
    let mut notes = Vec::new();
    for (side, name) in [(Side::Incoming, "incoming"), (Side::Outgoing, "outgoing")] {
        if uses(side, a, Security::Starttls) {
            notes.push(note(
                Level::Info,
                format!(
                    "Mail on iPhone and iPad has one Use SSL switch and no STARTTLS setting. For the {name} \
                     server, which uses STARTTLS, leave Use SSL off and enter the port: Mail then asks the server \
                     to switch to encryption itself, but there is no setting that makes it insist on it."
                ),
            ));
        }
    }
    notes.extend(oauth_note(
        a,
        "If your provider is in the list under Add Account (Google, for example), choose it instead of Other: \
         Mail then signs in through the provider's own page.",
    ));
    Parts {
        version: "Mail on iPhone and iPad, iOS and iPadOS 18 (in iOS 17 and earlier the accounts are under \
                  Settings > Mail > Accounts)",
        source: Source::None,
        steps: vec![
            step(
                "Open Settings, go to Apps > Mail > Mail Accounts (iOS 17 and earlier: Mail > Accounts) and tap \
                 Add Account.",
                vec![],
            ),
            step("Tap Other, then Add Mail Account.", vec![]),
            step(
                "Fill in the following and tap Next.",
                vec![
                    entry("Name", name_value(a)),
                    entry("Email", email_value(a)),
                    entry("Password", password_value(Side::Incoming, a)),
                    entry(
                        "Description",
                        Value::Yours("any name for this account, such as Home email".into()),
                    ),
                ],
            ),
            step(
                "Choose the account type, fill in both servers, tap Next, then Save.",
                servers,
            ),
            step(
                "Now set the encryption and port of the incoming server: in Mail Accounts, tap the account (then \
                 Account, if it is shown) and tap Advanced. Under Incoming Settings, set:",
                advanced(Side::Incoming),
            ),
            step(
                "Then the outgoing server: back on the account's page, tap SMTP under Outgoing Mail Server, tap \
                 the primary server, set the following and tap Done:",
                advanced(Side::Outgoing),
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
