//! Outlook Autodiscover response (the "plain old XML" form), as served at
//! `autodiscover.<domain>/autodiscover/autodiscover.xml` for IMAP, POP3 and SMTP accounts.
//!
//! Element names follow Microsoft's POX Autodiscover reference (Protocol, SPA, SSL, AuthRequired,
//! LoginName, DomainRequired) and the [MS-OXDSCLI] specification for `Encryption`:
//! - `SPA` (Secure Password Authentication, i.e. NTLM) defaults to on when missing, which makes Outlook
//!   fail against ordinary servers, so it is always written as `off`.
//! - `SSL` says "encrypted or not" and is all Outlook 2007 understands. `Encryption` (Outlook 2010 and
//!   later) overrides it and tells the two modes apart: `SSL` is implicit TLS, `TLS` is STARTTLS, `None`
//!   is none. For STARTTLS, `SSL` stays `on`: an old client that ignores `Encryption` then fails to
//!   connect instead of sending the password unencrypted.
//! - OAuth2 cannot be expressed; such accounts are written with a password only when the provider
//!   accepts one.

use super::{element, ExportError, Format};
use crate::account::{Account, AccountServer};
use crate::model::AuthMethod;
use crate::model::{Protocol, Security};
use core::fmt::Write as _;

/// The response namespace of the Autodiscover element.
pub const RESPONSE_NS: &str = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
/// The namespace of the Outlook response inside it.
pub const OUTLOOK_NS: &str = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

/// The Autodiscover response for `account`.
pub fn response(account: &Account) -> Result<String, ExportError> {
    let account = account
        .with_password_sign_in()
        .ok_or(ExportError::NeedsOAuth2(Format::Autodiscover))?;
    let email = account.email.as_deref();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    // Writing to a String cannot fail.
    let _ = writeln!(out, "<Autodiscover xmlns=\"{RESPONSE_NS}\">");
    let _ = writeln!(out, "  <Response xmlns=\"{OUTLOOK_NS}\">");
    out.push_str("    <Account>\n      <AccountType>email</AccountType>\n      <Action>settings</Action>\n");
    for server in [&account.incoming, &account.outgoing] {
        protocol(&mut out, server, server.username.resolve(email));
    }
    out.push_str("    </Account>\n  </Response>\n</Autodiscover>\n");
    Ok(out)
}

fn protocol(out: &mut String, s: &AccountServer, login: Option<String>) {
    out.push_str("      <Protocol>\n");
    element(out, 4, "Type", protocol_type(s.protocol));
    element(out, 4, "Server", &s.host);
    element(out, 4, "Port", &s.port.to_string());
    if let Some(login) = login {
        element(out, 4, "LoginName", &login);
    }
    out.push_str("        <DomainRequired>off</DomainRequired>\n        <SPA>off</SPA>\n");
    element(out, 4, "SSL", on_off(s.security != Security::None));
    element(out, 4, "Encryption", encryption(s.security));
    element(out, 4, "AuthRequired", on_off(s.auth != AuthMethod::None));
    out.push_str("      </Protocol>\n");
}

/// `Type` of a protocol entry.
pub const fn protocol_type(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Imap => "IMAP",
        Protocol::Pop3 => "POP3",
        Protocol::Smtp => "SMTP",
    }
}

/// `Encryption` for a security mode ([MS-OXDSCLI] 2.2.4.1.1.2.6.22).
pub const fn encryption(security: Security) -> &'static str {
    match security {
        Security::Tls => "SSL",
        Security::Starttls => "TLS",
        Security::None => "None",
    }
}

const fn on_off(on: bool) -> &'static str {
    if on {
        "on"
    } else {
        "off"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::embedded;
    use roxmltree::{Document, Node};

    fn text(node: Node, name: &str) -> Option<String> {
        node.children()
            .find(|n| n.has_tag_name(name))
            .map(|n| n.text().unwrap_or("").to_owned())
    }

    /// Every Protocol entry: Type, Server, Port, LoginName, SPA, SSL, Encryption, AuthRequired.
    fn protocols(xml: &str) -> Vec<[Option<String>; 8]> {
        let doc = Document::parse(xml).unwrap();
        let root = doc.root_element();
        assert_eq!(
            (root.tag_name().name(), root.tag_name().namespace()),
            ("Autodiscover", Some(RESPONSE_NS))
        );
        let response = root
            .children()
            .find(|n| n.has_tag_name((OUTLOOK_NS, "Response")))
            .expect("Response");
        let account = response
            .children()
            .find(|n| n.has_tag_name((OUTLOOK_NS, "Account")))
            .expect("Account");
        assert_eq!(text(account, "AccountType").as_deref(), Some("email"));
        assert_eq!(text(account, "Action").as_deref(), Some("settings"));
        account
            .children()
            .filter(|n| n.has_tag_name((OUTLOOK_NS, "Protocol")))
            .map(|p| {
                [
                    "Type",
                    "Server",
                    "Port",
                    "LoginName",
                    "SPA",
                    "SSL",
                    "Encryption",
                    "AuthRequired",
                ]
                .map(|k| text(p, k))
            })
            .collect()
    }

    fn some(values: [&str; 8]) -> [Option<String>; 8] {
        values.map(|v| Some(v.to_owned()))
    }

    #[test]
    fn centurylink_response_parses_back_field_by_field() {
        let account = Account::recommended(embedded().by_id("centurylink").unwrap(), Some("jane@q.com"));
        let xml = response(&account).unwrap();
        assert_eq!(
            protocols(&xml),
            [
                some([
                    "POP3",
                    "pop.centurylink.net",
                    "995",
                    "jane@q.com",
                    "off",
                    "on",
                    "SSL",
                    "on"
                ]),
                some([
                    "SMTP",
                    "smtp.centurylink.net",
                    "587",
                    "jane@q.com",
                    "off",
                    "on",
                    "TLS",
                    "on"
                ]),
            ]
        );
    }

    #[test]
    fn plain_servers_say_so_and_spa_is_always_off() {
        let account = Account::recommended(
            embedded().by_id("centurylink-qwestoffice").unwrap(),
            Some("jane@qwestoffice.net"),
        );
        let entries = protocols(&response(&account).unwrap());
        assert_eq!(
            entries[0],
            some([
                "POP3",
                "pop.qwestoffice.net",
                "110",
                "jane@qwestoffice.net",
                "off",
                "off",
                "None",
                "on"
            ])
        );
        assert_eq!(entries[1][6].as_deref(), Some("SSL"));
    }

    #[test]
    fn no_address_no_login_name_and_special_characters_escape() {
        let account = Account::recommended(embedded().by_id("centurylink").unwrap(), None);
        assert!(protocols(&response(&account).unwrap()).iter().all(|p| p[3].is_none()));

        let mut s = account.to_settings();
        s.email = "o'brien&co<x>@q.com".into();
        s.incoming.username = s.email.clone();
        s.outgoing.username = "Jürgen \"J\"".into();
        let entries = protocols(&response(&Account::from_settings(&s, None).unwrap()).unwrap());
        assert_eq!(entries[0][3].as_deref(), Some(s.email.as_str()));
        assert_eq!(entries[1][3].as_deref(), Some("Jürgen \"J\""));
    }

    #[test]
    fn oauth_only_is_refused() {
        let outlook = Account::recommended(embedded().by_id("outlook").unwrap(), None);
        assert_eq!(response(&outlook), Err(ExportError::NeedsOAuth2(Format::Autodiscover)));
        let gmail = Account::recommended(embedded().by_id("gmail").unwrap(), None);
        assert!(response(&gmail).is_ok());
    }
}
