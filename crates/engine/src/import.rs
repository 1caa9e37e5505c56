//! Reading a Thunderbird autoconfig file (`config-v1.1.xml`) into [`Settings`], so that what a provider
//! or an admin publishes can be checked like anything else.
//!
//! The file format is Mozilla's (wiki.mozilla.org, Thunderbird:Autoconfiguration:ConfigFileFormat). A
//! file may list several incoming and outgoing servers in order of preference; the first IMAP or POP3
//! server and the first SMTP server are taken. Values are kept as written where mailcheck has no word for
//! them (an `NTLM` authentication, say), so that the check can explain them instead of hiding them.
//! Placeholders (`%EMAILADDRESS%`, `%EMAILLOCALPART%`, `%EMAILDOMAIN%`) are filled in from the address
//! when one is given; a value that needs an address that is not given is left empty.

use crate::account::{domain_part, local_part};
use crate::settings::{ServerSettings, Settings};
use roxmltree::{Document, Node};

/// Larger input is refused before parsing: real files are a few kilobytes, and the app runs in a browser.
pub const MAX_BYTES: usize = 256 * 1024;

/// The settings in an autoconfig document, for `email` when given.
pub fn autoconfig(xml: &str, email: Option<&str>) -> Result<Settings, ImportError> {
    let doc = parse(xml)?;
    let root = doc.root_element();
    let provider = child(root, "emailProvider").ok_or(ImportError::NoProvider)?;
    let email = email.map(str::trim).filter(|e| !e.is_empty());
    let servers = |element: &str, types: &[&str]| {
        provider
            .children()
            .filter(|n| n.tag_name().name() == element)
            .find(|n| {
                n.attribute("type")
                    .is_some_and(|t| types.contains(&t.trim().to_ascii_lowercase().as_str()))
            })
            .map(|n| server(n, email))
    };
    Ok(Settings {
        incoming: servers("incomingServer", &["imap", "pop3"]).ok_or(ImportError::NoIncoming)?,
        outgoing: servers("outgoingServer", &["smtp"]).ok_or(ImportError::NoOutgoing)?,
        email: email.unwrap_or_default().to_owned(),
    })
}

/// The document, when it is a well-formed autoconfig file of acceptable size: its root is `clientConfig`.
pub(crate) fn parse(xml: &str) -> Result<Document<'_>, ImportError> {
    if xml.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { limit: MAX_BYTES });
    }
    let doc = Document::parse(xml).map_err(|e| {
        let pos = e.pos();
        ImportError::NotXml {
            line: pos.row,
            column: pos.col,
            detail: e.to_string(),
        }
    })?;
    let root = doc.root_element().tag_name().name();
    if root != "clientConfig" {
        return Err(ImportError::NotAutoconfig { root: root.to_owned() });
    }
    Ok(doc)
}

/// The first child element named `name`, in any namespace (some files declare one, most do not).
fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.is_element() && n.tag_name().name() == name)
}

/// The trimmed text of the first child element `name`; empty when missing.
fn text(node: Node, name: &str) -> String {
    child(node, name)
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .unwrap_or_default()
}

fn server(node: Node, email: Option<&str>) -> ServerSettings {
    let fill = |value: String| fill_placeholders(&value, email).unwrap_or_default();
    // A server may list several methods, most preferred first; the first one is the recommendation.
    let auth = child(node, "authentication")
        .and_then(|n| n.text())
        .unwrap_or("")
        .trim();
    ServerSettings {
        protocol: node.attribute("type").unwrap_or("").trim().to_ascii_lowercase(),
        host: fill(text(node, "hostname")),
        port: text(node, "port"),
        security: security(&text(node, "socketType")),
        username: fill(text(node, "username")),
        auth: auth_id(auth),
    }
}

/// `socketType` as a [`Settings`] security id; unknown values are kept as written.
fn security(socket_type: &str) -> String {
    match socket_type.to_ascii_uppercase().as_str() {
        "SSL" => "tls".into(),
        "STARTTLS" => "starttls".into(),
        "PLAIN" => "none".into(),
        _ => socket_type.to_owned(),
    }
}

/// `authentication` as a [`Settings`] auth id; unknown values are kept as written.
fn auth_id(authentication: &str) -> String {
    match authentication.to_ascii_lowercase().as_str() {
        // "plain" and "secure" are the format's deprecated names of the first two.
        "password-cleartext" | "plain" => "password".into(),
        "password-encrypted" | "secure" => "encrypted-password".into(),
        "oauth2" => "oauth2".into(),
        "none" => "none".into(),
        _ => authentication.to_owned(),
    }
}

/// `value` with its placeholders filled in; `None` when one needs an address that is not given.
fn fill_placeholders(value: &str, email: Option<&str>) -> Option<String> {
    let mut out = value.to_owned();
    for (placeholder, part) in [
        ("%EMAILADDRESS%", email),
        ("%EMAILLOCALPART%", email.and_then(local_part)),
        ("%EMAILDOMAIN%", email.and_then(domain_part)),
    ] {
        if out.contains(placeholder) {
            out = out.replace(placeholder, part?);
        }
    }
    Some(out)
}

/// Why a document cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        limit: usize,
    },
    /// Not well-formed XML (or a document type declaration, which autoconfig files never need).
    NotXml {
        line: u32,
        column: u32,
        detail: String,
    },
    /// Well-formed, but the root element is not `clientConfig`.
    NotAutoconfig {
        root: String,
    },
    NoProvider,
    /// No mail domain that is a domain name (strict reading only: [`crate::client_config`]).
    NoDomain,
    /// No incoming server of type `imap` or `pop3`.
    NoIncoming,
    /// No outgoing server of type `smtp`.
    NoOutgoing,
}

impl ImportError {
    /// Stable code, e.g. `import.not-xml`.
    pub const fn code(&self) -> &'static str {
        match self {
            ImportError::TooLarge { .. } => "import.too-large",
            ImportError::NotXml { .. } => "import.not-xml",
            ImportError::NotAutoconfig { .. } => "import.not-autoconfig",
            ImportError::NoProvider => "import.no-provider",
            ImportError::NoDomain => "import.no-domain",
            ImportError::NoIncoming => "import.no-incoming",
            ImportError::NoOutgoing => "import.no-outgoing",
        }
    }
}

impl std::error::Error for ImportError {}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::account::Account;
    use crate::database::embedded;
    use crate::export::autoconfig;
    use proptest::prelude::*;

    /// A published file in the wild's shape: several servers, comments, odd whitespace, deprecated names.
    const PUBLISHED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- Example ISP, served at autoconfig.example.org -->
<clientConfig version="1.1">
  <emailProvider id="example.org">
    <domain>example.org</domain>
    <displayName>Example &amp; Sons Mail</displayName>
    <incomingServer type="exchange"><hostname>ews.example.org</hostname></incomingServer>
    <incomingServer type="IMAP">
      <!-- the preferred server -->
      <hostname>
          imap.example.org
      </hostname>
      <port> 993 </port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>OAuth2</authentication>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.example.org</hostname><port>995</port><socketType>SSL</socketType>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.%EMAILDOMAIN%</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>plain</authentication>
    </outgoingServer>
    <outgoingServer type="smtp"><hostname>smtp2.example.org</hostname></outgoingServer>
  </emailProvider>
</clientConfig>
"#;

    #[test]
    fn published_file_gives_the_preferred_servers() {
        let s = autoconfig(PUBLISHED, Some(" jane@example.org ")).unwrap();
        assert_eq!(s.email, "jane@example.org");
        assert_eq!(
            s.incoming,
            ServerSettings::from(["imap", "imap.example.org", "993", "tls", "jane", "oauth2"])
        );
        assert_eq!(
            s.outgoing,
            ServerSettings::from([
                "smtp",
                "smtp.example.org",
                "587",
                "starttls",
                "jane@example.org",
                "password"
            ])
        );
    }

    #[test]
    fn without_an_address_placeholders_leave_fields_empty() {
        let s = autoconfig(PUBLISHED, None).unwrap();
        assert_eq!(s.email, "");
        assert_eq!(
            (
                s.incoming.username.as_str(),
                s.outgoing.username.as_str(),
                s.outgoing.host.as_str()
            ),
            ("", "", "")
        );
        assert_eq!(s.incoming.host, "imap.example.org");
    }

    #[test]
    fn namespaced_files_and_unknown_values_are_read_as_written() {
        let xml = r#"<c:clientConfig xmlns:c="urn:x" version="1.1"><c:emailProvider id="x">
            <c:incomingServer type="pop3"><c:hostname>pop.x</c:hostname><c:port>110</c:port>
              <c:socketType>plain</c:socketType><c:username>bob</c:username><c:authentication>NTLM</c:authentication>
            </c:incomingServer>
            <c:outgoingServer type="smtp"><c:hostname>smtp.x</c:hostname><c:port>25</c:port>
              <c:socketType>TLS-maybe</c:socketType><c:authentication>client-IP-address</c:authentication>
            </c:outgoingServer></c:emailProvider></c:clientConfig>"#;
        let s = autoconfig(xml, None).unwrap();
        assert_eq!(
            s.incoming,
            ServerSettings::from(["pop3", "pop.x", "110", "none", "bob", "NTLM"])
        );
        assert_eq!(
            s.outgoing,
            ServerSettings::from(["smtp", "smtp.x", "25", "TLS-maybe", "", "client-IP-address"])
        );
    }

    #[test]
    fn broken_documents_get_clear_errors() {
        let cases: [(&str, &str); 9] = [
            ("", "import.not-xml"),
            ("<clientConfig>", "import.not-xml"),
            ("<clientConfig><emailProvider></clientConfig>", "import.not-xml"),
            ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><clientConfig/>", "import.not-xml"),
            ("<html><body>404 Not Found</body></html>", "import.not-autoconfig"),
            ("<clientConfig version=\"1.1\"/>", "import.no-provider"),
            ("<clientConfig><emailProvider><outgoingServer type=\"smtp\"/></emailProvider></clientConfig>", "import.no-incoming"),
            (
                "<clientConfig><emailProvider><incomingServer type=\"exchange\"/><outgoingServer type=\"smtp\"/></emailProvider></clientConfig>",
                "import.no-incoming",
            ),
            ("<clientConfig><emailProvider><incomingServer type=\"imap\"/></emailProvider></clientConfig>", "import.no-outgoing"),
        ];
        for (xml, code) in cases {
            let e = autoconfig(xml, None).unwrap_err();
            assert_eq!(e.code(), code, "{xml}");
            assert!(!e.to_string().is_empty());
        }
        let e = autoconfig("<clientConfig>\n  <emailProvider>\n</clientConfig>", None).unwrap_err();
        assert!(matches!(e, ImportError::NotXml { line: 3, .. }), "{e:?}");
        assert!(e.to_string().contains("line 3"), "{e}");
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = format!("<clientConfig>{}</clientConfig>", " ".repeat(MAX_BYTES));
        assert_eq!(autoconfig(&big, None), Err(ImportError::TooLarge { limit: MAX_BYTES }));
    }

    #[test]
    fn every_provider_round_trips_through_export_and_import() {
        for p in embedded().records() {
            let account = Account::recommended(p, Some("jane.doe@example.com"));
            let xml = autoconfig::config(&account).unwrap();
            assert_eq!(
                autoconfig(&xml, Some("jane.doe@example.com")),
                Ok(account.to_settings()),
                "{}",
                p.id
            );
        }
    }

    #[test]
    fn own_settings_with_special_characters_round_trip() {
        let mut s = Account::recommended(embedded().by_id("centurylink").unwrap(), None).to_settings();
        s.email = "Jürgen&<x>@exämple.com".into();
        s.incoming.username = "J\"ü'r<g>&en 日本".into();
        s.outgoing.username = s.email.clone();
        s.outgoing.security = "none".into();
        s.outgoing.auth = "none".into();
        let xml = autoconfig::config(&Account::from_settings(&s, None).unwrap()).unwrap();
        assert_eq!(autoconfig(&xml, Some(&s.email)), Ok(s));
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(xml in any::<String>(), email in proptest::option::of(any::<String>())) {
            let _ = autoconfig(&xml, email.as_deref());
        }

        #[test]
        fn damaged_files_never_panic(cut in 0..PUBLISHED.len(), junk in "[<>&/\"a-z%]{0,8}") {
            let mut xml = PUBLISHED.to_owned();
            if xml.is_char_boundary(cut) {
                xml.insert_str(cut, &junk);
            }
            let _ = autoconfig(&xml, Some("a@b"));
            let _ = autoconfig(&xml[..cut.min(xml.len())], None);
        }

        #[test]
        fn exported_settings_round_trip(
            local in "[a-z0-9._+-]{1,20}",
            domain in "[a-z0-9-]{1,20}\\.[a-z]{2,6}",
            host in "[a-zA-Z0-9.-]{1,40}",
            port in 1u16..,
            security in prop_oneof!["tls", "starttls", "none"],
            auth in prop_oneof!["password", "oauth2", "none"],
            username in "\\PC{0,30}",
        ) {
            let email = format!("{local}@{domain}");
            let mut s = Account::recommended(embedded().by_id("centurylink").unwrap(), None).to_settings();
            s.email = email.clone();
            s.incoming.host = host.clone();
            s.incoming.port = port.to_string();
            s.incoming.security = security.clone();
            s.incoming.auth = auth.clone();
            s.outgoing.username = username.trim().to_owned();
            s.incoming.username = email.clone();
            let xml = autoconfig::config(&Account::from_settings(&s, None).unwrap()).unwrap();
            prop_assert_eq!(autoconfig(&xml, Some(&email)), Ok(s));
        }
    }
}
