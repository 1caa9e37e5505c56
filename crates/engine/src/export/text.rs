//! A plain-text summary of an account, to print or paste into a support ticket.

use crate::account::{Account, AccountServer, Origin};
use crate::catalog::transfer::{self, Label};
use core::fmt::Write as _;

/// The summary: both servers field by field, where the settings come from, and that no password is in it.
pub fn summary(account: &Account) -> String {
    let email = account.email.as_deref();
    let provider = account.provider();
    let mut out = transfer::summary_title(email, provider.map(|p| p.name));
    out.push('\n');
    for (label, server) in [
        (Label::Incoming, &account.incoming),
        (Label::Outgoing, &account.outgoing),
    ] {
        out.push('\n');
        section(&mut out, account, label, server);
    }
    out.push('\n');
    let source = match account.origin {
        Origin::Provider(p) => transfer::summary_source(p.name, p.source, p.checked),
        Origin::UserSettings => transfer::summary_own_settings(),
    };
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{source}");
    let _ = writeln!(out, "{}", transfer::summary_no_password());
    out
}

fn section(out: &mut String, account: &Account, title: Label, s: &AccountServer) {
    let email = account.email.as_deref();
    let provider_auth = match account.origin {
        Origin::Provider(p) => p.auth.first().copied(),
        Origin::UserSettings => None,
    };
    let _ = writeln!(out, "{}: {}", transfer::label(title), s.protocol.label());
    let rows = [
        (Label::Server, s.host.clone()),
        (Label::Port, s.port.to_string()),
        (Label::Security, s.security.label().to_owned()),
        (Label::Username, transfer::username_text(&s.username, email)),
        (Label::SignIn, transfer::sign_in_text(s.auth, provider_auth)),
    ];
    let width = rows
        .iter()
        .map(|(l, _)| transfer::label(*l).chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in rows {
        let label = format!("{}:", transfer::label(label));
        let _ = writeln!(out, "  {label:<w$} {value}", w = width + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers;

    #[test]
    fn provider_summary_lists_every_field_and_cites_the_source() {
        let p = providers::by_id("centurylink").unwrap();
        let text = summary(&Account::recommended(p, Some("jane@q.com")));
        for needle in [
            "jane@q.com (CenturyLink)",
            "Incoming mail: POP3",
            "  Server:    pop.centurylink.net",
            "  Port:      995",
            "  Security:  SSL/TLS",
            "  User name: jane@q.com",
            "Outgoing mail: SMTP",
            "  Server:    smtp.centurylink.net",
            "  Port:      587",
            "  Security:  STARTTLS",
            p.source,
            p.checked,
            "No password",
        ] {
            assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
        }
    }

    #[test]
    fn own_settings_say_so_and_unknown_usernames_are_described() {
        let p = providers::by_id("riseup").unwrap();
        let without_address = summary(&Account::recommended(p, None));
        assert!(
            without_address.contains("the part of your address before @"),
            "{without_address}"
        );

        let mut s = Account::recommended(p, Some("jane@riseup.net")).to_settings();
        s.outgoing.username = String::new();
        let own = summary(&Account::from_settings(&s).unwrap());
        assert!(own.contains("User name: jane\n"), "{own}");
        assert!(own.contains("(not filled in)"), "{own}");
        assert!(!own.contains(p.source), "own settings cite no provider page: {own}");
        assert!(own.contains("as entered"), "{own}");
    }

    #[test]
    fn app_passwords_and_oauth_are_named() {
        let fastmail = summary(&Account::recommended(providers::by_id("fastmail").unwrap(), None));
        assert!(fastmail.contains("app password"), "{fastmail}");
        let outlook = summary(&Account::recommended(providers::by_id("outlook").unwrap(), None));
        assert!(outlook.contains("OAuth2"), "{outlook}");
    }
}
