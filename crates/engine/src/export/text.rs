//! A plain-text summary of an account, to print or paste into a support ticket.

use crate::account::{Account, AccountServer};
use crate::catalog::transfer::{self, Label};
use crate::texts::Texts;
use core::fmt::Write as _;

/// The summary: what the provider requires before signing in (in `texts`' words, with whose word each is),
/// both servers field by field, where the settings come from, and that no password is in it.
pub fn summary(account: &Account, texts: &Texts) -> String {
    let email = account.email.as_deref();
    let provider = account.provider();
    let mut out = transfer::summary_title(email, provider.map(|p| p.name.as_str()));
    out.push('\n');
    // First: with the right servers, a skipped requirement is what still makes mail fail.
    if let Some(p) = provider.filter(|p| !p.requirements.is_empty()) {
        let _ = write!(out, "\n{}\n", texts.get("requirement.before"));
        for r in p.requirements_in_order() {
            let by = texts.fill("requirement.source", &[("by", &r.by(texts))]);
            let _ = write!(out, "- {}\n  {by}\n", r.sentence(&p.name, texts));
        }
    }
    for (label, server) in [
        (Label::Incoming, &account.incoming),
        (Label::Outgoing, &account.outgoing),
    ] {
        out.push('\n');
        section(&mut out, account, label, server);
    }
    out.push('\n');
    let source = match account.recommended_by() {
        Some(p) => transfer::summary_source(p),
        None => transfer::summary_own_settings(),
    };
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{source}");
    let _ = writeln!(out, "{}", transfer::summary_no_password());
    out
}

fn section(out: &mut String, account: &Account, title: Label, s: &AccountServer) {
    let email = account.email.as_deref();
    let provider_auth = account.recommended_by().and_then(|p| p.credentials().next());
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
    use crate::database::embedded;

    #[test]
    fn provider_summary_lists_every_field_and_cites_the_source() {
        let p = embedded().by_id("centurylink").unwrap();
        let text = summary(&Account::recommended(p, Some("jane@q.com")), embedded().texts());
        for needle in [
            "jane@q.com (CenturyLink)",
            "Incoming mail: POP3",
            "  Server:     pop.centurylink.net",
            "  Port:       995",
            "  Encryption: SSL/TLS",
            "  User name:  jane@q.com",
            "Outgoing mail: SMTP",
            "  Server:     smtp.centurylink.net",
            "  Port:       587",
            "  Encryption: STARTTLS",
            p.page().unwrap(),
            "Checked by mailcheck against CenturyLink's own page on 2026-11-26",
            "No password",
        ] {
            assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
        }
    }

    #[test]
    fn an_ispdb_record_says_it_comes_from_the_community_database() {
        let p = embedded().lookup("yahoo.com").provider.unwrap();
        let text = summary(&Account::recommended(p, Some("jane@yahoo.com")), embedded().texts());
        assert!(
            text.contains("Source: From the Thunderbird ISPDB, a community database"),
            "{text}"
        );
        assert!(text.contains("not checked against Yahoo! Mail's own page"), "{text}");
        assert!(text.contains("https://help.yahoo.com/"), "{text}");
        assert!(!text.contains("Checked by mailcheck"), "{text}");
    }

    #[test]
    fn what_the_provider_requires_comes_first_with_whose_word_it_is() {
        let p = embedded().lookup("yahoo.com").provider.unwrap();
        let text = summary(&Account::recommended(p, Some("jane@yahoo.com")), embedded().texts());
        let before = text.find("Before you sign in:").expect(&text);
        assert!(before < text.find("Incoming mail:").unwrap(), "{text}");
        assert!(text.contains("create an app password"), "{text}");
        assert!(
            text.contains("Source: https://help.yahoo.com/kb/generate-manage-rd-party-passwords-sln15241.html, checked by mailcheck on "),
            "{text}"
        );
        let centurylink = embedded().by_id("centurylink").unwrap();
        let text = summary(
            &Account::recommended(centurylink, Some("jane@q.com")),
            embedded().texts(),
        );
        assert!(!text.contains("Before you sign in"), "{text}");
    }

    #[test]
    fn own_settings_say_so_and_unknown_usernames_are_described() {
        let p = embedded().by_id("riseup").unwrap();
        let without_address = summary(&Account::recommended(p, None), embedded().texts());
        assert!(
            without_address.contains("the part of your address before @"),
            "{without_address}"
        );

        let mut s = Account::recommended(p, Some("jane@riseup.net")).to_settings();
        s.outgoing.username = String::new();
        let own = summary(&Account::from_settings(&s, None).unwrap(), embedded().texts());
        assert!(own.contains("User name:  jane\n"), "{own}");
        assert!(own.contains("(not filled in)"), "{own}");
        assert!(
            !own.contains(p.page().unwrap()),
            "own settings cite no provider page: {own}"
        );
        assert!(own.contains("as entered"), "{own}");
    }

    #[test]
    fn app_passwords_and_oauth_are_named() {
        let fastmail = summary(
            &Account::recommended(embedded().by_id("fastmail").unwrap(), None),
            embedded().texts(),
        );
        assert!(fastmail.contains("app password"), "{fastmail}");
        let outlook = summary(
            &Account::recommended(embedded().by_id("outlook").unwrap(), None),
            embedded().texts(),
        );
        assert!(outlook.contains("OAuth2"), "{outlook}");
    }
}
