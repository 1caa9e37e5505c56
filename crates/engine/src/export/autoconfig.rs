//! Thunderbird autoconfig file (`config-v1.1.xml`), as a provider or admin publishes it at
//! `autoconfig.<domain>/mail/config-v1.1.xml`; Thunderbird, K-9 Mail / Thunderbird for Android, Evolution
//! and KMail read it.
//!
//! Element names and values follow Mozilla's format definition (wiki.mozilla.org,
//! Thunderbird:Autoconfiguration:ConfigFileFormat, and the thunderbird/autoconfig how-to):
//! `socketType` is `SSL` (implicit TLS), `STARTTLS` or `plain`; `authentication` is `password-cleartext`
//! (the password sent inside the connection, as IMAP LOGIN or AUTH PLAIN do), `password-encrypted` (a
//! challenge and response such as CRAM-MD5), `OAuth2` or `none`; user
//! names use the `%EMAILADDRESS%` / `%EMAILLOCALPART%` placeholders so that one file serves every address.

use super::{element, escape_xml, ExportError, Format};
use crate::account::{Account, AccountServer, Username};
use crate::catalog::transfer;
use crate::model::{AuthMethod, Origin, Security};
use core::fmt::Write as _;

/// The autoconfig file for `account`; it needs a mail domain (from the address or the provider).
///
/// For a provider's recommendation the file lists every server of the record, the account's two first,
/// as an ISPDB file does: a client that cannot use the first falls back to the next. For a domain where
/// our checked record and the Thunderbird ISPDB disagree, this is the corrected file to send upstream.
pub fn config(account: &Account) -> Result<String, ExportError> {
    let domains = domains(account);
    let id = domains.first().ok_or(ExportError::NeedsDomain(Format::Autoconfig))?;
    let display_name = account.provider().map_or(id.as_str(), |p| p.name.as_str());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<clientConfig version=\"1.1\">\n");
    // Writing to a String cannot fail.
    let _ = writeln!(out, "  <emailProvider id=\"{}\">", escape_xml(id));
    for domain in &domains {
        element(&mut out, 2, "domain", domain);
    }
    element(&mut out, 2, "displayName", display_name);
    let record = account.recommended_by();
    for (side, chosen, listed) in [
        (
            "incomingServer",
            &account.incoming,
            record.map_or(&[][..], |p| &p.incoming),
        ),
        (
            "outgoingServer",
            &account.outgoing,
            record.map_or(&[][..], |p| &p.outgoing),
        ),
    ] {
        server(&mut out, side, chosen);
        let others = record
            .iter()
            .flat_map(|p| listed.iter().map(|s| AccountServer::from_record(p, s)));
        for other in others.filter(|other| other != chosen) {
            server(&mut out, side, &other);
        }
    }
    if let Some(p) = record {
        if let Origin::Checked { source, checked } = &p.origin {
            let descr = transfer::autoconfig_documentation(&p.name, checked);
            documentation(&mut out, source, &descr);
        }
        for doc in &p.docs {
            documentation(&mut out, &doc.url, &doc.title);
        }
    }
    out.push_str("  </emailProvider>\n</clientConfig>\n");
    Ok(out)
}

fn documentation(out: &mut String, url: &str, descr: &str) {
    let _ = writeln!(out, "    <documentation url=\"{}\">", escape_xml(url));
    if !descr.is_empty() {
        let _ = writeln!(out, "      <descr lang=\"en\">{}</descr>", escape_xml(descr));
    }
    out.push_str("    </documentation>\n");
}

/// The address's domain first, then (for a provider's recommendation) every other domain it covers.
fn domains(account: &Account) -> Vec<String> {
    let mut domains: Vec<String> = account.domain().into_iter().collect();
    if let Some(p) = account.recommended_by() {
        for d in &p.domains {
            if !domains.contains(d) {
                domains.push(d.clone());
            }
        }
    }
    domains
}

fn server(out: &mut String, side: &str, s: &AccountServer) {
    let _ = writeln!(out, "    <{side} type=\"{}\">", s.protocol.id());
    element(out, 3, "hostname", &s.host);
    element(out, 3, "port", &s.port.to_string());
    element(out, 3, "socketType", socket_type(s.security));
    if let Some(username) = username(&s.username) {
        element(out, 3, "username", &username);
    }
    element(out, 3, "authentication", authentication(s.auth));
    let _ = writeln!(out, "    </{side}>");
}

/// `socketType` for a security mode.
pub const fn socket_type(security: Security) -> &'static str {
    match security {
        Security::Tls => "SSL",
        Security::Starttls => "STARTTLS",
        Security::None => "plain",
    }
}

/// `authentication` for a sign-in method.
pub const fn authentication(auth: AuthMethod) -> &'static str {
    match auth {
        AuthMethod::Password => "password-cleartext",
        AuthMethod::EncryptedPassword => "password-encrypted",
        AuthMethod::OAuth2 => "OAuth2",
        AuthMethod::None => "none",
    }
}

/// The `username` text; `None` leaves the element out so the client asks.
fn username(username: &Username) -> Option<String> {
    match username {
        Username::Address => Some("%EMAILADDRESS%".into()),
        Username::LocalPart => Some("%EMAILLOCALPART%".into()),
        Username::Template(t) => Some(t.clone()),
        Username::Other(name) => Some(name.clone()),
        Username::Unset => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::embedded;
    use crate::settings::Settings;
    use roxmltree::{Document, Node};

    fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
        node.children().find(|n| n.has_tag_name(name))
    }

    fn text(node: Node, name: &str) -> Option<String> {
        child(node, name).map(|n| n.text().unwrap_or("").to_owned())
    }

    /// The server element parsed back: type, hostname, port, socketType, username, authentication.
    fn read_server(provider: Node, element: &str) -> [Option<String>; 6] {
        let s = child(provider, element).expect(element);
        [
            s.attribute("type").map(str::to_owned),
            text(s, "hostname"),
            text(s, "port"),
            text(s, "socketType"),
            text(s, "username"),
            text(s, "authentication"),
        ]
    }

    fn some(values: [&str; 6]) -> [Option<String>; 6] {
        values.map(|v| Some(v.to_owned()))
    }

    #[test]
    fn centurylink_config_parses_back_field_by_field() {
        let account = Account::recommended(embedded().by_id("centurylink").unwrap(), Some("jane@q.com"));
        let xml = config(&account).unwrap();
        let doc = Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(
            (root.tag_name().name(), root.attribute("version")),
            ("clientConfig", Some("1.1"))
        );
        let provider = child(root, "emailProvider").unwrap();
        assert_eq!(provider.attribute("id"), Some("q.com"));
        let domains: Vec<&str> = provider
            .children()
            .filter(|n| n.has_tag_name("domain"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(domains.first(), Some(&"q.com"));
        assert_eq!(
            domains.len(),
            embedded().by_id("centurylink").unwrap().domains.len(),
            "each domain once"
        );
        assert_eq!(text(provider, "displayName").as_deref(), Some("CenturyLink"));
        assert_eq!(
            read_server(provider, "incomingServer"),
            some([
                "pop3",
                "pop.centurylink.net",
                "995",
                "SSL",
                "%EMAILADDRESS%",
                "password-cleartext"
            ])
        );
        assert_eq!(
            read_server(provider, "outgoingServer"),
            some([
                "smtp",
                "smtp.centurylink.net",
                "587",
                "STARTTLS",
                "%EMAILADDRESS%",
                "password-cleartext"
            ])
        );
        let doc_url = child(provider, "documentation").and_then(|d| d.attribute("url"));
        assert_eq!(doc_url, embedded().by_id("centurylink").unwrap().page());
        // The app's one word for our tier: "checked", as on the settings screen.
        let descr = child(provider, "documentation").and_then(|d| text(d, "descr"));
        assert_eq!(
            descr.as_deref(),
            Some("CenturyLink's settings page, checked by mailcheck on 2026-11-26")
        );
    }

    #[test]
    fn modes_placeholders_and_oauth() {
        let account = Account::recommended(embedded().by_id("riseup").unwrap(), None);
        let xml = config(&account).unwrap();
        let doc = Document::parse(&xml).unwrap();
        let provider = child(doc.root_element(), "emailProvider").unwrap();
        assert_eq!(
            text(child(provider, "incomingServer").unwrap(), "username").as_deref(),
            Some("%EMAILLOCALPART%")
        );

        let outlook = Account::recommended(embedded().by_id("outlook").unwrap(), None);
        let xml = config(&outlook).unwrap();
        assert!(xml.contains("<authentication>OAuth2</authentication>"), "{xml}");

        assert_eq!(
            [Security::Tls, Security::Starttls, Security::None].map(socket_type),
            ["SSL", "STARTTLS", "plain"]
        );
    }

    #[test]
    fn own_settings_with_special_characters_parse_back() {
        let mut s = Account::recommended(embedded().by_id("centurylink").unwrap(), None).to_settings();
        s.email = "jane@exämple.com".into();
        s.incoming.username = "J&<ü>\"'日本".into();
        s.outgoing.username = String::new();
        let xml = config(&Account::from_settings(&s, None).unwrap()).unwrap();
        let doc = Document::parse(&xml).unwrap();
        let provider = child(doc.root_element(), "emailProvider").unwrap();
        assert_eq!(provider.attribute("id"), Some("exämple.com"));
        assert_eq!(text(provider, "displayName").as_deref(), Some("exämple.com"));
        assert_eq!(
            text(child(provider, "incomingServer").unwrap(), "username"),
            Some(s.incoming.username.clone())
        );
        assert_eq!(
            text(child(provider, "outgoingServer").unwrap(), "username"),
            None,
            "unset: left out"
        );
        assert!(
            child(provider, "documentation").is_none(),
            "own settings cite no source"
        );
    }

    #[test]
    fn without_any_domain_there_is_no_file() {
        let mut s: Settings = Account::recommended(embedded().by_id("centurylink").unwrap(), None).to_settings();
        s.email = String::new();
        s.incoming.username = "jane".into();
        s.outgoing.username = "jane".into();
        let account = Account::from_settings(&s, None).unwrap();
        assert_eq!(config(&account), Err(ExportError::NeedsDomain(Format::Autoconfig)));
    }
}
