//! Android mail apps: the Gmail app (adding a non-Google account) and Samsung Email.
//!
//! Neither Google's nor Samsung's own help page could be found with mailcheck's search tool, so both guides
//! say so and keep to the path and labels several independent descriptions agree on (Gmail: profile picture >
//! Add another account > Other > Personal (IMAP) or Personal (POP3), then Incoming and Outgoing server
//! settings with a Security type list).

use super::{
    email_value, entry, host_value, name_value, note, password_value, port_value, protocol_value, security_value, step,
    username_value, Account, Level, Parts, SecurityWords, Side, Source,
};

const WORDS: SecurityWords = SecurityWords {
    tls: "SSL/TLS",
    starttls: "STARTTLS",
    none: "None",
};

/// Google's own consumer domains, whose accounts the Gmail app signs in to through Google.
const GOOGLE_DOMAINS: [&str; 2] = ["gmail.com", "googlemail.com"];

pub(super) fn gmail(a: &Account) -> Parts {
    let account_type = protocol_value(a, "Personal (IMAP)", "Personal (POP3)");
    let mut notes = vec![note(
        Level::Info,
        "If the Security type list also offers choices ending in \"accept all certificates\", do not pick them: \
         they stop the app from checking that it is talking to your provider's real server.",
    )];
    if a.domain().is_some_and(|d| GOOGLE_DOMAINS.contains(&d.as_str())) {
        notes.push(note(
            Level::Info,
            "This is a Gmail address: choose Google instead of Other. The app then signs in through Google's own \
             page and needs none of the settings below.",
        ));
    }
    Parts {
        version: "The Gmail app for Android, adding an account from another provider (Other)",
        source: Source::None,
        steps: vec![
            step(
                "In the Gmail app, tap your profile picture, then Add another account.",
                vec![],
            ),
            step(
                "Tap Other, enter your email address, then tap Manual setup if it is offered (otherwise Next).",
                vec![entry("Email address", email_value(a))],
            ),
            step("Choose the account type.", vec![entry("Account type", account_type)]),
            step(
                "Enter your password and tap Next.",
                vec![entry("Password", password_value(Side::Incoming, a))],
            ),
            step(
                "On Incoming server settings, set the following and tap Next:",
                vec![
                    entry("Username", username_value(Side::Incoming, a)),
                    entry("Server", host_value(Side::Incoming, a)),
                    entry("Port", port_value(Side::Incoming, a)),
                    entry("Security type", security_value(Side::Incoming, a, &WORDS)),
                ],
            ),
            step(
                "On Outgoing server settings, set the following and tap Next:",
                vec![
                    entry("SMTP server", host_value(Side::Outgoing, a)),
                    entry("Port", port_value(Side::Outgoing, a)),
                    entry("Security type", security_value(Side::Outgoing, a, &WORDS)),
                    entry("Username", username_value(Side::Outgoing, a)),
                    entry("Password", password_value(Side::Outgoing, a)),
                ],
            ),
            step(
                "Choose how often to check for mail, tap Next, then enter your name and tap Next to finish.",
                vec![entry("Your name", name_value(a))],
            ),
        ],
        notes,
    }
}

pub(super) fn samsung(a: &Account) -> Parts {
    let account_type = protocol_value(a, "IMAP", "POP3");
    Parts {
        version: "Samsung Email on Galaxy phones and tablets (One UI)",
        source: Source::None,
        steps: vec![
            step(
                "Open Samsung Email and add an account; the first time, it asks for one straight away.",
                vec![],
            ),
            step(
                "Enter your email address and password, then choose to set the account up manually.",
                vec![
                    entry("Email address", email_value(a)),
                    entry("Password", password_value(Side::Incoming, a)),
                ],
            ),
            step("Choose the account type.", vec![entry("Account type", account_type)]),
            step(
                "Set the incoming server:",
                vec![
                    entry("Username", username_value(Side::Incoming, a)),
                    entry("Incoming server", host_value(Side::Incoming, a)),
                    entry("Security type", security_value(Side::Incoming, a, &WORDS)),
                    entry("Port", port_value(Side::Incoming, a)),
                ],
            ),
            step(
                "Set the outgoing server, then finish the setup:",
                vec![
                    entry("SMTP server", host_value(Side::Outgoing, a)),
                    entry("Security type", security_value(Side::Outgoing, a, &WORDS)),
                    entry("Port", port_value(Side::Outgoing, a)),
                    entry("Username", username_value(Side::Outgoing, a)),
                    entry("Password", password_value(Side::Outgoing, a)),
                ],
            ),
        ],
        notes: vec![note(
            Level::Info,
            "Some versions of Samsung Email list SSL/TLS as SSL and STARTTLS as TLS in the Security type list. \
             Do not pick the choices ending in \"Accept all certificates\": they stop the app from checking that \
             it is talking to your provider's real server.",
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{guide, Account, Client, Value};
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
        let a = Account::recommended(embedded().by_id("gmail").unwrap(), "jane@googlemail.com");
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
