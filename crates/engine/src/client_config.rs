//! Reading an autoconfig document (`clientConfig`, the format of the Thunderbird ISPDB and of the files
//! providers publish at `autoconfig.<domain>`) strictly, into [`Provider`] records.
//!
//! Strict because what comes out is shown as a provider's settings: every server is read whole or not at
//! all, and what is left out is reported with the reason (an unknown socket type, an unterminated
//! `%EMAILADDRESS`, a protocol mailcheck does not set up such as Exchange). The lenient reader for checking a
//! file someone pasted is [`crate::import::autoconfig`]. Format: Mozilla's "Thunderbird:Autoconfiguration:
//! ConfigFileFormat" and the IETF Mail Autoconfig draft; the meaning of each element follows Thunderbird's
//! reader (first server of a side preferred, `%EMAILDOMAIN%` filled in per domain).

use crate::import::{parse, ImportError};
use crate::model::{AuthMethod, Doc, Origin, Protocol, Provider, Security, Server, Side, UsernameForm};
use crate::requirement::{Kind, Requirement};
use roxmltree::Node;

/// What a document holds: its records (one, or one per domain where the host names depend on the domain)
/// and every part left out, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub records: Vec<Provider>,
    pub skipped: Vec<String>,
}

/// Why a document gave no record: what is missing, and every part left out on the way (the reason an
/// incoming server is missing is usually there).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub error: ImportError,
    pub skipped: Vec<String>,
}

impl From<ImportError> for Refused {
    fn from(error: ImportError) -> Refused {
        Refused {
            error,
            skipped: Vec::new(),
        }
    }
}

/// Reads the first `emailProvider` of `xml` into records with the id `id` (made unique per domain where the
/// document's host names need `%EMAILDOMAIN%`) and the origin `origin`.
///
/// Fails when the document is not an autoconfig file, or when nothing usable is left: no mail domain, no
/// incoming or no outgoing server that could be read whole.
pub fn read(xml: &str, id: &str, origin: &Origin) -> Result<Parsed, Refused> {
    let doc = parse(xml)?;
    let provider = doc
        .root_element()
        .children()
        .find(|n| n.is_element() && n.tag_name().name() == "emailProvider")
        .ok_or(ImportError::NoProvider)?;
    let mut skipped = Vec::new();
    let (domains, mx_domains) = domains(provider, &mut skipped);
    let refuse = |error, skipped| Err(Refused { error, skipped });
    if domains.is_empty() && mx_domains.is_empty() {
        return refuse(ImportError::NoDomain, skipped);
    }
    let name = text(provider, "displayName")
        .or_else(|| text(provider, "displayShortName"))
        .unwrap_or_else(|| domains.first().or(mx_domains.first()).cloned().unwrap_or_default());

    let mut incoming = Vec::new();
    let mut outgoing = Vec::new();
    for (n, node) in elements(provider, "incomingServer")
        .chain(elements(provider, "outgoingServer"))
        .enumerate()
    {
        let element = node.tag_name().name();
        let what = format!("{element} {} ({})", n + 1, node.attribute("type").unwrap_or("no type"));
        let side = if element == "incomingServer" {
            Side::Incoming
        } else {
            Side::Outgoing
        };
        match server(node, side) {
            Ok(s) if side == Side::Incoming => incoming.push(s),
            Ok(s) => outgoing.push(s),
            Err(why) => skipped.push(format!("{what}: {why}")),
        }
    }
    if incoming.is_empty() {
        return refuse(ImportError::NoIncoming, skipped);
    }
    if outgoing.is_empty() {
        return refuse(ImportError::NoOutgoing, skipped);
    }

    let base = Provider {
        domains: domains.clone(),
        mx_domains,
        auth: credentials(&incoming, &outgoing),
        docs: elements(provider, "documentation").filter_map(documentation).collect(),
        requirements: elements(provider, "enable")
            .find_map(|e| enable(e, origin))
            .into_iter()
            .collect(),
        incoming,
        outgoing,
        ..Provider::new(id.to_owned(), name, origin.clone())
    };
    let per_domain = base
        .incoming
        .iter()
        .chain(&base.outgoing)
        .any(|s| s.host.contains(DOMAIN));
    let records = if !per_domain {
        vec![base]
    } else {
        if !base.mx_domains.is_empty() {
            skipped.push("MX-host domains: the host names depend on the address's domain".to_owned());
        }
        domains
            .iter()
            .map(|d| {
                let mut p = base.clone();
                if domains.len() > 1 {
                    p.id = format!("{id}-{}", d.replace('.', "-"));
                }
                p.domains = vec![d.clone()];
                p.mx_domains.clear();
                for s in p.incoming.iter_mut().chain(p.outgoing.iter_mut()) {
                    s.host = s.host.replace(DOMAIN, d);
                }
                p
            })
            .filter(|p| p.incoming.iter().chain(&p.outgoing).all(|s| is_domain_name(&s.host)))
            .collect()
    };
    Ok(Parsed { records, skipped })
}

const DOMAIN: &str = "%EMAILDOMAIN%";

fn elements<'a, 'i: 'a>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

/// The trimmed text of the first child element `name`, when it has any.
fn text(node: Node, name: &str) -> Option<String> {
    elements(node, name)
        .next()
        .and_then(|n| n.text())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

/// The mail domains and the MX-host domains of a provider. The ISPDB marks the second kind with a comment
/// naming MX before them (`<!-- MX -->`, `<!-- Hosting customers, MX servers -->`), up to a comment about
/// other domains (`<!-- big domains -->`); the provider's own id stays a mail domain even there.
fn domains(provider: Node, skipped: &mut Vec<String>) -> (Vec<String>, Vec<String>) {
    let id = provider.attribute("id").unwrap_or("").to_ascii_lowercase();
    let (mut mail, mut mx) = (Vec::new(), Vec::new());
    let mut after_mx_comment = false;
    for node in provider.children() {
        if node.is_comment() {
            // An MX comment starts the mail hosts; a later comment about other domains ends them, one that
            // says neither (yahoo.com.xml: "Unfortunately, also used for AOL") does not.
            let text = node.text().unwrap_or("");
            if text.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == "MX") {
                after_mx_comment = true;
            } else if text.to_ascii_lowercase().contains("domain") {
                after_mx_comment = false;
            }
            continue;
        }
        if !node.is_element() || node.tag_name().name() != "domain" {
            continue;
        }
        let domain = node
            .text()
            .unwrap_or("")
            .trim()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        if !is_domain_name(&domain) {
            skipped.push(format!("domain {domain:?}: not a domain name"));
        } else if mail.contains(&domain) || mx.contains(&domain) {
            skipped.push(format!("domain {domain}: listed twice"));
        } else if after_mx_comment && domain != id {
            mx.push(domain);
        } else {
            mail.push(domain);
        }
    }
    (mail, mx)
}

/// One server, read whole, or why not.
fn server(node: Node, side: Side) -> Result<Server, String> {
    let kind = node.attribute("type").unwrap_or("").trim().to_ascii_lowercase();
    let protocol = match kind.as_str() {
        "imap" => Some(Protocol::Imap),
        "pop3" => Some(Protocol::Pop3),
        "smtp" => Some(Protocol::Smtp),
        _ => None,
    };
    let Some(protocol) = protocol.filter(|&p| side.accepts(p)) else {
        return Err(format!(
            "type {kind:?} is not a server mailcheck sets up (IMAP, POP3, SMTP)"
        ));
    };
    let host = text(node, "hostname").ok_or("no hostname")?;
    // `%EMAILDOMAIN%` is filled in per domain later; anything else must be a host name now.
    let host = host.replace(DOMAIN, "\0").to_ascii_lowercase().replace('\0', DOMAIN);
    if !is_domain_name(&host.replace(DOMAIN, "example.com")) {
        return Err(format!("hostname {host:?} is not a host name"));
    }
    let port = text(node, "port").ok_or("no port")?;
    let port = port
        .parse::<u16>()
        .ok()
        .filter(|&p| p != 0)
        .ok_or_else(|| format!("port {port:?} is not a port number"))?;
    let socket = text(node, "socketType").ok_or("no socketType")?;
    let security = match socket.to_ascii_uppercase().as_str() {
        "SSL" | "TLS" => Security::Tls,
        "STARTTLS" => Security::Starttls,
        "PLAIN" => Security::None,
        _ => return Err(format!("socketType {socket:?} unknown")),
    };
    let mut auth = Vec::new();
    let mut unknown = Vec::new();
    for a in elements(node, "authentication") {
        let a = a.text().unwrap_or("").trim();
        match a.to_ascii_lowercase().as_str() {
            // "plain" and "secure" are the format's deprecated names of the first two.
            "password-cleartext" | "plain" => auth.push(AuthMethod::Password),
            "password-encrypted" | "secure" => auth.push(AuthMethod::EncryptedPassword),
            "oauth2" => auth.push(AuthMethod::OAuth2),
            "none" => auth.push(AuthMethod::None),
            _ => unknown.push(a.to_owned()),
        }
    }
    auth.dedup();
    if auth.is_empty() {
        return Err(if unknown.is_empty() {
            "no authentication".to_owned()
        } else {
            format!(
                "authentication {} only, which mailcheck does not set up",
                unknown.join(", ")
            )
        });
    }
    let username = match text(node, "username") {
        Some(t) => UsernameForm::from_template(&t).ok_or_else(|| format!("username {t:?} is not a valid template"))?,
        // Without sign-in there is no user name to give; with one, the file is missing a fact.
        None if auth == [AuthMethod::None] => UsernameForm::Address,
        None => return Err("no username".to_owned()),
    };
    let leave_on_server = elements(node, "pop3")
        .next()
        .and_then(|p| text(p, "leaveMessagesOnServer"))
        .and_then(|v| match v.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        });
    Ok(Server {
        protocol,
        host,
        port,
        security,
        username,
        auth,
        leave_on_server: leave_on_server.filter(|_| protocol == Protocol::Pop3),
    })
}

/// What goes in the password field: OAuth2 where every preferred server signs in with it first, a password
/// where any server takes one. Both lists must hold a server.
pub fn credentials(incoming: &[Server], outgoing: &[Server]) -> Vec<crate::model::Auth> {
    use crate::model::Auth;
    let preferred = [&incoming[0], &outgoing[0]];
    let mut out = Vec::new();
    if preferred.iter().all(|s| s.preferred_auth() == AuthMethod::OAuth2) {
        out.push(Auth::OAuth2);
    }
    if incoming
        .iter()
        .chain(outgoing)
        .any(|s| s.auth.iter().any(|a| a.takes_password()))
    {
        out.push(Auth::Password);
    }
    if !out.contains(&Auth::OAuth2) && preferred.iter().any(|s| s.auth.contains(&AuthMethod::OAuth2)) {
        out.push(Auth::OAuth2);
    }
    out
}

fn documentation(node: Node) -> Option<Doc> {
    let url = node.attribute("url")?.trim();
    url.starts_with("http").then(|| Doc {
        url: url.to_owned(),
        title: english(node, "descr").unwrap_or_default(),
    })
}

/// The `<enable>` element: access to switch on, in the file's own words (quoted, with the file as source).
fn enable(node: Node, origin: &Origin) -> Option<Requirement> {
    Some(Requirement {
        kind: Kind::EnableAccess,
        quote: Some(english(node, "instruction")?),
        url: node
            .attribute("visiturl")
            .map(|u| u.trim().to_owned())
            .filter(|u| u.starts_with("http")),
        origin: origin.clone(),
    })
}

/// The text of the child `name` in English (no `lang`, or `en`, `en-US`…), else none.
fn english(node: Node, name: &str) -> Option<String> {
    elements(node, name)
        .find(|n| n.attribute("lang").is_none_or(|l| l == "en" || l.starts_with("en-")))
        .and_then(|n| n.text())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

/// A lower-case ASCII DNS name with at least two labels (IDNs in punycode).
pub fn is_domain_name(s: &str) -> bool {
    s.len() <= 253
        && s.split('.').count() >= 2
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FILE: &str = r#"<clientConfig version="1.1"><emailProvider id="x.example">
        <domain>x.example</domain><domain>Y.Example.</domain>
        <displayName>X Mail</displayName>
        <incomingServer type="imap"><hostname>IMAP.X.example</hostname><port>993</port><socketType>SSL</socketType>
          <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></incomingServer>
        <outgoingServer type="smtp"><hostname>smtp.x.example</hostname><port>587</port><socketType>STARTTLS</socketType>
          <username>%EMAILADDRESS%</username><authentication>OAuth2</authentication>
          <authentication>password-cleartext</authentication></outgoingServer>
      </emailProvider></clientConfig>"#;

    fn origin() -> Origin {
        Origin::Checked {
            source: "https://x.example/help".into(),
            checked: "2026-01-01".into(),
        }
    }

    #[test]
    fn reads_names_and_hosts_in_lower_case() {
        let parsed = read(FILE, "x", &origin()).unwrap();
        let p = &parsed.records[0];
        assert_eq!(p.domains, ["x.example", "y.example"]);
        assert_eq!(p.incoming[0].host, "imap.x.example");
        assert_eq!(p.auth, [crate::model::Auth::Password, crate::model::Auth::OAuth2]);
        assert!(parsed.skipped.is_empty());
    }

    #[test]
    fn without_usable_servers_or_domains_nothing_is_half_read() {
        let no_domain = FILE.replace(
            "<domain>x.example</domain><domain>Y.Example.</domain>",
            "<domain>not a name</domain>",
        );
        let e = read(&no_domain, "x", &origin()).unwrap_err();
        assert_eq!(e.error, ImportError::NoDomain);
        assert!(e.to_string().contains("not a domain name"), "{e}");
        let bad_port = FILE.replace("<port>993</port>", "<port>imap</port>");
        let e = read(&bad_port, "x", &origin()).unwrap_err();
        assert_eq!(e.error, ImportError::NoIncoming);
        assert!(e.to_string().contains("port \"imap\" is not a port number"), "{e}");
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(xml in any::<String>()) {
            let _ = read(&xml, "x", &origin());
        }

        #[test]
        fn damaged_files_never_panic(cut in 0..FILE.len(), junk in "[<>&/\"a-z%]{0,8}") {
            let mut xml = FILE.to_owned();
            if xml.is_char_boundary(cut) {
                xml.insert_str(cut, &junk);
            }
            let _ = read(&xml, "x", &origin());
            let _ = read(&xml[..cut.min(xml.len())], "x", &origin());
        }
    }
}
