//! A provider record as the settings screen and `mailcheck lookup` describe it: its servers' roles and
//! its facts, each a label and a text, in the order they are shown.

use crate::account::Username;
use crate::catalog::transfer::{sign_in_text, username_text};
use crate::model::{Auth, AuthMethod, ImapSupport, Protocol, Provider, Server, UsernameForm};

/// What a server is for, as its row says: `Incoming (IMAP), recommended, self-help only`.
pub fn role(p: &Provider, s: &Server, first: bool) -> String {
    let direction = if s.protocol == Protocol::Smtp {
        "Outgoing"
    } else {
        "Incoming"
    };
    let mut role = format!("{direction} ({})", s.protocol.label());
    if first {
        role.push_str(", recommended");
    }
    if s.protocol == Protocol::Imap && p.imap == ImapSupport::SelfHelp {
        role.push_str(", self-help only");
    }
    role
}

/// The record's facts: the addresses it is for, the user name, how to sign in, the sizes and POP3's rule
/// where the record has them.
pub fn facts(p: &Provider) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if !p.domains.is_empty() {
        out.push(("Addresses", addresses(p)));
    }
    out.push(("User name", usernames(p)));
    out.push(("Sign-in", sign_in(p)));
    if let Some(mb) = p.mailbox_mb {
        out.push(("Mailbox size", format!("{mb} MB")));
    }
    if let Some(mb) = p.send_limit_mb {
        out.push(("Largest message you can send", format!("{mb} MB")));
    }
    if let Some(leave) = p.incoming.iter().find_map(|s| s.leave_on_server) {
        let rule = if leave {
            "Leave a copy of messages on the server."
        } else {
            "Messages are removed from the server once downloaded."
        };
        out.push(("POP3", rule.to_owned()));
    }
    out
}

/// `@a, @b and @c`: the domains these settings are for.
fn addresses(p: &Provider) -> String {
    let mut text = String::new();
    for (i, domain) in p.domains.iter().enumerate() {
        if i > 0 {
            text.push_str(if i + 1 == p.domains.len() { " and " } else { ", " });
        }
        text.push('@');
        text.push_str(domain);
    }
    text
}

/// The user name, once when every server takes the same form, else per server (iCloud: the part before
/// the @ for IMAP, the whole address for SMTP).
fn usernames(p: &Provider) -> String {
    let said = |form: &UsernameForm| {
        let form = match form {
            UsernameForm::Address => Username::Address,
            UsernameForm::LocalPart => Username::LocalPart,
            UsernameForm::Template(t) => Username::Template(t.clone()),
        };
        username_text(&form, None)
    };
    let first = &p.recommended_incoming().username;
    let servers = || p.incoming.iter().chain(&p.outgoing);
    if servers().all(|s| s.username == *first) {
        return said(first);
    }
    let mut parts: Vec<String> = Vec::new();
    for s in servers() {
        let part = format!("{}: {}", s.protocol.label(), said(&s.username));
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts.join("; ")
}

/// Every way the record lets the mail app sign in, the one to set up first at the front.
fn sign_in(p: &Provider) -> String {
    let mut all = vec![sign_in_text(
        p.auth_for(p.recommended_incoming()),
        p.credentials().next(),
    )];
    for auth in p.credentials().skip(1) {
        let text = sign_in_text(AuthMethod::from_provider(auth), Some(auth));
        if !all.contains(&text) {
            all.push(text);
        }
    }
    if p.auth == [Auth::OAuth2] {
        all.push("your mail app must support OAuth 2.0 (with no password to type)".to_owned());
        return all.join(": ");
    }
    all.join(", or ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::embedded;

    fn fact(p: &Provider, label: &str) -> Option<String> {
        facts(p).into_iter().find(|(l, _)| *l == label).map(|(_, v)| v)
    }

    #[test]
    fn a_checked_record_has_its_sizes_and_self_help_imap() {
        let p = embedded().by_id("centurylink").unwrap();
        assert_eq!(fact(p, "Mailbox size").as_deref(), Some("700 MB"));
        assert_eq!(fact(p, "Largest message you can send").as_deref(), Some("10 MB"));
        assert!(fact(p, "Addresses").unwrap().ends_with(" and @q.com"));
        assert_eq!(role(p, &p.incoming[1], false), "Incoming (IMAP), self-help only");
        assert_eq!(role(p, &p.incoming[0], true), "Incoming (POP3), recommended");
        assert_eq!(fact(p, "POP3"), None, "our record says nothing of it");
    }

    #[test]
    fn usernames_per_server_and_every_sign_in() {
        let db = embedded();
        let icloud = db.lookup("icloud.com").provider.unwrap();
        assert_eq!(
            fact(icloud, "User name").as_deref(),
            Some("IMAP: the part of your address before @; SMTP: your full email address")
        );
        let yahoo = db.lookup("yahoo.com").provider.unwrap();
        assert_eq!(fact(yahoo, "User name").as_deref(), Some("your full email address"));
        // The ISPDB lists OAuth2 and a password; Yahoo's own page says the password is an app password.
        let sign_in = fact(yahoo, "Sign-in").unwrap();
        assert!(
            sign_in.contains("OAuth2") && sign_in.contains(", or an app password") && !sign_in.contains("your email"),
            "{sign_in}"
        );
        let icloud = fact(icloud, "Sign-in").unwrap();
        assert!(icloud.starts_with("an app password"), "{icloud}");
        let gmail = db.by_id("gmail").unwrap();
        assert!(fact(gmail, "Sign-in").unwrap().contains("app password"));
        let outlook = db.by_id("outlook").unwrap();
        assert!(fact(outlook, "Sign-in")
            .unwrap()
            .ends_with("your mail app must support OAuth 2.0 (with no password to type)"));
        let centurylink = db.lookup("centurylink.net").provider.unwrap();
        assert_eq!(fact(centurylink, "Sign-in").as_deref(), Some("your email password"));
    }

    #[test]
    fn pop3_leave_on_server_where_the_ispdb_says() {
        let db = embedded();
        let kept = db
            .records()
            .iter()
            .find(|p| p.incoming.iter().any(|s| s.leave_on_server == Some(true)))
            .unwrap();
        assert_eq!(
            fact(kept, "POP3").as_deref(),
            Some("Leave a copy of messages on the server.")
        );
        let mx_only = db.by_mx_domain("secureserver.net").unwrap();
        assert_eq!(
            fact(mx_only, "Addresses"),
            None,
            "a mail host has no addresses of its own"
        );
    }
}
