//! Our checked records: `crates/engine/providers/*.toml`, each compared by us with the provider's own page.
//!
//! The schema is in `crates/engine/providers/README.md`. Every record is checked here, so that a malformed
//! or inconsistent one fails `cargo xtask data build` with the file and the reason instead of
//! reaching a user.

use mailcheck_engine::client_config::is_domain_name;
use mailcheck_engine::requirement::{BridgePort, Kind};
use mailcheck_engine::{
    Auth, AuthMethod, ImapSupport, MxSource, Origin, Protocol, Provider, Requirement, Security, Server, UsernameForm,
    WrongHost,
};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    provider: Vec<Record>,
    #[serde(default)]
    attach: Vec<AttachRecord>,
}

/// Requirements for domains whose servers come from the ISPDB: each fact with its own source.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AttachRecord {
    domains: Vec<String>,
    #[serde(default)]
    requirement: Vec<RequirementRecord>,
    #[serde(default)]
    mx: Vec<MxRecord>,
}

/// The MX-host domains one of the provider's own pages names (`[[provider.mx]]`, `[[attach.mx]]`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MxRecord {
    domains: Vec<String>,
    source: String,
    checked: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequirementRecord {
    kind: String,
    source: String,
    checked: String,
    url: Option<String>,
    quote: Option<String>,
    looks: Option<String>,
    host: Option<String>,
    instead: Option<String>,
    #[serde(default)]
    ports: Vec<PortRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PortRecord {
    protocol: String,
    port: u16,
    security: String,
    source: String,
    checked: String,
}

/// Requirements and sourced MX-host domains to add to the ISPDB record that holds `domains` (all of them, in
/// one record).
pub struct Attach {
    pub domains: Vec<String>,
    pub requirements: Vec<Requirement>,
    pub mx: Vec<MxSource>,
}

/// What the checked files hold: whole records, and requirements for ISPDB records.
#[derive(Default)]
pub struct Checked {
    pub records: Vec<Provider>,
    pub attach: Vec<Attach>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    id: String,
    name: String,
    source: String,
    checked: String,
    domains: Vec<String>,
    #[serde(default = "default_username")]
    username: String,
    #[serde(default = "default_auth")]
    auth: Vec<String>,
    #[serde(default = "default_imap")]
    imap: String,
    mailbox_mb: Option<u32>,
    send_limit_mb: Option<u32>,
    hosted_by: Option<String>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    requirement: Vec<RequirementRecord>,
    #[serde(default)]
    mx: Vec<MxRecord>,
    #[serde(default)]
    incoming: Vec<ServerRecord>,
    #[serde(default)]
    outgoing: Vec<ServerRecord>,
    #[serde(default)]
    wrong_hosts: Vec<WrongHostRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerRecord {
    protocol: String,
    host: String,
    port: u16,
    security: String,
    #[serde(default)]
    recommended: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WrongHostRecord {
    host: String,
    why: String,
}

fn default_username() -> String {
    "address".into()
}
fn default_auth() -> Vec<String> {
    vec!["password".into()]
}
fn default_imap() -> String {
    "supported".into()
}

/// Every record of every `*.toml` file in `dir`, in file order; the first problem found is the error.
pub fn read_dir(dir: &Path) -> Result<Checked, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut out = Checked::default();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file = read_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        out.records.extend(file.records);
        out.attach.extend(file.attach);
    }
    Ok(out)
}

/// The records of one file.
#[cfg(test)]
pub fn read(toml_text: &str) -> Result<Vec<Provider>, String> {
    read_file(toml_text).map(|c| c.records)
}

/// The records and attached requirements of one file.
pub fn read_file(toml_text: &str) -> Result<Checked, String> {
    let file: File = toml::from_str(toml_text).map_err(|e| e.to_string())?;
    let records = file
        .provider
        .into_iter()
        .map(|r| {
            let id = r.id.clone();
            convert(r).map_err(|errors| format!("record {id}:\n  {}", errors.join("\n  ")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut attach = Vec::new();
    for a in file.attach {
        let mut e = Vec::new();
        let what = a.domains.join(" ");
        if a.domains.is_empty() || (a.requirement.is_empty() && a.mx.is_empty()) {
            e.push("no domains, or neither a requirement nor MX domains".to_owned());
        }
        for d in a.domains.iter().filter(|d| !is_domain_name(d)) {
            e.push(format!("domain {d:?} must be a lower-case ASCII name"));
        }
        let requirements = requirements(a.requirement, &mut e);
        let mx = mx_sources(a.mx, &mut e);
        if requirements.iter().any(|r| r.kind.replaces_servers()) {
            e.push("a bridge or no mail apps replaces servers: write a whole record".to_owned());
        }
        if !e.is_empty() {
            return Err(format!("requirements for {what}:\n  {}", e.join("\n  ")));
        }
        attach.push(Attach {
            domains: a.domains,
            requirements,
            mx,
        });
    }
    Ok(Checked { records, attach })
}

/// The MX-host domains of the provider's own pages, read and checked; problems go to `e`. Each domain is a
/// lower-case host name at or under a registrable domain (never a public suffix such as `co.uk`, which would
/// claim every domain under it), named once.
fn mx_sources(list: Vec<MxRecord>, e: &mut Vec<String>) -> Vec<MxSource> {
    let mut out: Vec<MxSource> = Vec::new();
    for m in list {
        let what = m.domains.join(" ");
        if !m.source.starts_with("https://") || !super::is_date(&m.checked) {
            e.push(format!(
                "mx {what}: source {:?} must be an https:// URL and checked {:?} YYYY-MM-DD",
                m.source, m.checked
            ));
        }
        if m.domains.is_empty() {
            e.push("mx: no domains".to_owned());
        }
        for (i, d) in m.domains.iter().enumerate() {
            if !is_domain_name(d) {
                e.push(format!("mx domain {d:?} must be a lower-case host name"));
            } else if psl::domain_str(d).is_none() {
                e.push(format!(
                    "mx domain {d:?} is a public suffix: name the provider's own domain under it"
                ));
            }
            let again = m.domains[..i].contains(d) || out.iter().any(|s| s.domains.contains(d));
            if again {
                e.push(format!("mx domain {d:?} is listed twice"));
            }
        }
        out.push(MxSource {
            domains: m.domains,
            source: m.source,
            checked: m.checked,
        });
    }
    out
}

/// Requirements read and checked, each with its own source; problems go to `e`.
fn requirements(list: Vec<RequirementRecord>, e: &mut Vec<String>) -> Vec<Requirement> {
    let mut out = Vec::new();
    for r in list {
        let checked = |source: &str, date: &str, e: &mut Vec<String>| {
            if !source.starts_with("https://") || !super::is_date(date) {
                e.push(format!(
                    "requirement {}: source {source:?} must be an https:// URL and checked {date:?} YYYY-MM-DD",
                    r.kind
                ));
            }
            Origin::Checked {
                source: source.to_owned(),
                checked: date.to_owned(),
            }
        };
        let origin = checked(&r.source, &r.checked, e);
        let details = [&r.looks, &r.host, &r.instead];
        let detail = details.iter().find_map(|d| d.as_deref()).unwrap_or("");
        let Some(mut kind) = Kind::from_id(&r.kind, detail) else {
            e.push(format!(
                "requirement kind {:?} must be one of {:?}, with host for a bridge and instead for no-mail-apps",
                r.kind,
                Kind::IDS
            ));
            continue;
        };
        let wanted = match kind {
            Kind::AppPassword { .. } => 0,
            Kind::Bridge { .. } => 1,
            Kind::NoMailApps { .. } => 2,
            _ => 3,
        };
        if details.iter().enumerate().any(|(i, d)| d.is_some() && i != wanted) {
            e.push(format!(
                "requirement {}: looks is for app passwords, host for a bridge, instead for no-mail-apps",
                r.kind
            ));
        }
        for p in &r.ports {
            let Kind::Bridge { ports, .. } = &mut kind else {
                e.push(format!("requirement {}: ports are for a bridge", r.kind));
                break;
            };
            let protocol = [Protocol::Imap, Protocol::Pop3, Protocol::Smtp]
                .into_iter()
                .find(|x| x.id() == p.protocol);
            let security = [Security::Tls, Security::Starttls, Security::None]
                .into_iter()
                .find(|x| x.id() == p.security);
            let origin = checked(&p.source, &p.checked, e);
            match (protocol, security) {
                (Some(protocol), Some(security)) if p.port > 0 => ports.push(BridgePort {
                    protocol,
                    port: p.port,
                    security,
                    origin,
                }),
                _ => e.push(format!("requirement {}: port {} is not a port", r.kind, p.port)),
            }
        }
        if r.url.as_ref().is_some_and(|u| !u.starts_with("https://")) {
            e.push(format!("requirement {}: url must be https://", r.kind));
        }
        if r.quote.as_ref().is_some_and(|q| q.trim().is_empty()) {
            e.push(format!("requirement {}: quote is empty", r.kind));
        }
        out.push(Requirement {
            kind,
            url: r.url,
            origin,
            quote: r.quote,
        });
    }
    out
}

fn convert(r: Record) -> Result<Provider, Vec<String>> {
    let mut e = Vec::new();
    if r.id.is_empty()
        || !r
            .id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    {
        e.push(format!("id {:?} must be [a-z0-9-]+", r.id));
    }
    if r.id.starts_with("ispdb-") {
        e.push("ids starting with ispdb- are for imported records".into());
    }
    if r.name.trim().is_empty() {
        e.push("name is empty".into());
    }
    if !r.source.starts_with("https://") {
        e.push(format!("source {:?} must be an https:// URL", r.source));
    }
    if !super::is_date(&r.checked) {
        e.push(format!("checked {:?} must be YYYY-MM-DD", r.checked));
    }
    if r.domains.is_empty() {
        e.push("no domains".into());
    }
    for d in r.domains.iter().filter(|d| !is_domain_name(d)) {
        e.push(format!(
            "domain {d:?} must be a lower-case ASCII name (punycode for IDNs)"
        ));
    }
    let username = match r.username.as_str() {
        "address" => UsernameForm::Address,
        "local-part" => UsernameForm::LocalPart,
        other => {
            e.push(format!("username {other:?} must be address or local-part"));
            UsernameForm::Address
        }
    };
    let mut auth = Vec::new();
    for a in &r.auth {
        match [Auth::Password, Auth::OAuth2, Auth::AppPassword, Auth::SecureMailKey]
            .into_iter()
            .find(|k| k.id() == a)
        {
            Some(k) => auth.push(k),
            None => e.push(format!("auth {a:?} unknown")),
        }
    }
    if auth.is_empty() {
        e.push("auth is empty".into());
    }
    // Every server takes the record's credentials: OAuth2 and a password (normal, app or key) as listed.
    let mut methods: Vec<AuthMethod> = auth.iter().map(|&a| AuthMethod::from_provider(a)).collect();
    methods.dedup();
    let imap = match r.imap.as_str() {
        "supported" => ImapSupport::Supported,
        "self-help" => ImapSupport::SelfHelp,
        other => {
            e.push(format!("imap {other:?} must be supported or self-help"));
            ImapSupport::Supported
        }
    };
    let requirements = requirements(r.requirement, &mut e);
    let mx = mx_sources(r.mx, &mut e);
    let serverless = requirements.iter().any(|q| q.kind.replaces_servers());
    // One fact, one answer: the check's OAuth2-only finding reads `auth`.
    if requirements.iter().any(|q| q.kind == Kind::OAuthOnly) && auth != [Auth::OAuth2] {
        e.push("an oauth-only requirement needs auth = [\"oauth2\"]".into());
    }
    if serverless && !(r.incoming.is_empty() && r.outgoing.is_empty()) {
        e.push("a record with a bridge or no mail apps lists no servers of its own".into());
    }
    let mut sides = [Vec::new(), Vec::new()];
    for (side, (dir, servers, protocols)) in [
        ("incoming", &r.incoming, &[Protocol::Imap, Protocol::Pop3][..]),
        ("outgoing", &r.outgoing, &[Protocol::Smtp][..]),
    ]
    .into_iter()
    .enumerate()
    {
        if !serverless && servers.iter().filter(|s| s.recommended).count() != 1 {
            e.push(format!("exactly one {dir} server must be recommended"));
        }
        // The recommended one first, then in file order: `incoming[0]` is the one to set up.
        let mut ordered: Vec<&ServerRecord> = servers.iter().collect();
        ordered.sort_by_key(|s| !s.recommended);
        for s in ordered {
            let protocol = protocols.iter().copied().find(|p| p.id() == s.protocol);
            if protocol.is_none() {
                e.push(format!(
                    "{dir} protocol {:?} must be one of {:?}",
                    s.protocol,
                    protocols.iter().map(|p| p.id()).collect::<Vec<_>>()
                ));
            }
            if !is_domain_name(&s.host) {
                e.push(format!("{dir} host {:?} is not a lower-case host name", s.host));
            }
            if s.port == 0 {
                e.push(format!("{dir} {} port 0", s.host));
            }
            let security = [Security::Tls, Security::Starttls, Security::None]
                .into_iter()
                .find(|x| x.id() == s.security);
            if security.is_none() {
                e.push(format!("{dir} {} security {:?} unknown", s.host, s.security));
            }
            if let (Some(protocol), Some(security)) = (protocol, security) {
                sides[side].push(Server {
                    protocol,
                    host: s.host.clone(),
                    port: s.port,
                    security,
                    username: username.clone(),
                    auth: methods.clone(),
                    leave_on_server: None,
                });
            }
        }
    }
    for w in &r.wrong_hosts {
        if r.incoming.iter().chain(&r.outgoing).any(|s| s.host == w.host) {
            e.push(format!("wrong host {:?} is also a documented server", w.host));
        }
        if w.why.trim().is_empty() {
            e.push(format!("wrong host {:?} has no why", w.host));
        }
    }
    if !e.is_empty() {
        return Err(e);
    }
    let [incoming, outgoing] = sides;
    let mut p = Provider {
        id: r.id,
        name: r.name,
        origin: Origin::Checked {
            source: r.source,
            checked: r.checked,
        },
        domains: r.domains,
        mx_domains: Vec::new(),
        mx_sources: Vec::new(),
        auth,
        imap,
        mailbox_mb: r.mailbox_mb,
        send_limit_mb: r.send_limit_mb,
        hosted_by: r.hosted_by,
        notes: r.notes,
        docs: Vec::new(),
        requirements,
        incoming,
        outgoing,
        wrong_hosts: r
            .wrong_hosts
            .into_iter()
            .map(|w| WrongHost {
                host: w.host,
                why: w.why,
            })
            .collect(),
    };
    for m in mx {
        p.add_mx_source(m);
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[provider]]
id = "example"
name = "Example Mail"
source = "https://help.example.com/mail"
checked = "2026-11-26"
domains = ["example.com", "example.net"]
username = "local-part"
auth = ["oauth2", "app-password"]

[[provider.incoming]]
protocol = "pop3"
host = "pop.example.com"
port = 995
security = "tls"

[[provider.incoming]]
protocol = "imap"
host = "imap.example.com"
port = 993
security = "tls"
recommended = true

[[provider.outgoing]]
protocol = "smtp"
host = "smtp.example.com"
port = 465
security = "tls"
recommended = true

[[provider.wrong_hosts]]
host = "mail.example.com"
why = "Not a server of Example."

[[provider.mx]]
domains = ["example-mx.com", "mx.example.co.uk", "example.com"]
source = "https://help.example.com/mx"
checked = "2026-12-07"
"#;

    #[test]
    fn a_good_record_reads_with_the_recommended_server_first() {
        let [p] = <[Provider; 1]>::try_from(read(GOOD).unwrap()).unwrap();
        assert_eq!(p.id, "example");
        assert_eq!(p.recommended_incoming().host, "imap.example.com");
        assert_eq!(p.incoming[1].host, "pop.example.com");
        assert_eq!(p.incoming[0].username, UsernameForm::LocalPart);
        assert_eq!(p.incoming[0].auth, [AuthMethod::OAuth2, AuthMethod::Password]);
        assert_eq!(p.auth, [Auth::OAuth2, Auth::AppPassword]);
        assert!(p.is_checked());
        assert_eq!(p.wrong_hosts[0].host, "mail.example.com");
        // A mail domain named on the MX page leads to the record already: it keeps the page, not a second entry.
        assert_eq!(p.mx_domains, ["example-mx.com", "mx.example.co.uk"]);
        assert_eq!(
            p.mx_source("mx.example.co.uk"),
            Some(("https://help.example.com/mx", "2026-12-07"))
        );
        assert_eq!(
            p.mx_source("example.com"),
            Some(("https://help.example.com/mx", "2026-12-07"))
        );
        assert_eq!(p.mx_source("example.net"), None);
    }

    #[test]
    fn each_mx_rule_names_what_is_wrong() {
        let cases = [
            (r#""example-mx.com""#, r#""Example-MX.com""#, "lower-case host name"),
            (r#""example-mx.com""#, r#""co.uk""#, "is a public suffix"),
            (r#""example-mx.com""#, r#""com.au""#, "is a public suffix"),
            (r#""mx.example.co.uk""#, r#""example-mx.com""#, "listed twice"),
            (
                r#"source = "https://help.example.com/mx""#,
                r#"source = "http://help.example.com/mx""#,
                "https:// URL",
            ),
            (r#"checked = "2026-12-07""#, r#"checked = "7 Dec 2026""#, "YYYY-MM-DD"),
            (
                r#"domains = ["example-mx.com", "mx.example.co.uk", "example.com"]"#,
                "domains = []",
                "mx: no domains",
            ),
        ];
        for (from, to, expected) in cases {
            let at = GOOD.find("[[provider.mx]]").unwrap();
            let (head, mx) = GOOD.split_at(at);
            assert!(mx.contains(from), "{from}");
            let e = read(&format!("{head}{}", mx.replacen(from, to, 1))).unwrap_err();
            assert!(e.contains(expected), "{to}: {e}");
        }
        // A second page may name other domains; a registrable domain or any name under one is fine.
        let more = format!(
            "{GOOD}\n[[provider.mx]]\ndomains = [\"mail.protection.example.net\"]\nsource = \"https://help.example.com/mx2\"\nchecked = \"2026-12-07\"\n"
        );
        let [p] = <[Provider; 1]>::try_from(read(&more).unwrap()).unwrap();
        assert_eq!(
            p.mx_source("mail.protection.example.net").map(|s| s.0),
            Some("https://help.example.com/mx2")
        );
        let twice = more.replace("mail.protection.example.net", "example-mx.com");
        assert!(read(&twice).unwrap_err().contains("listed twice"));
        // An attach table may carry MX domains alone; one with neither requirements nor MX domains is refused.
        let attach = "[[attach]]\ndomains = [\"t.example\"]\n\n[[attach.mx]]\ndomains = [\"t-mx.example\"]\nsource = \"https://t.example/mx\"\nchecked = \"2026-12-07\"\n";
        let file = read_file(attach).unwrap();
        assert_eq!(file.attach[0].mx[0].domains, ["t-mx.example"]);
        let bare = read_file("[[attach]]\ndomains = [\"t.example\"]\n")
            .err()
            .unwrap_or_default();
        assert!(bare.contains("neither a requirement nor MX domains"), "{bare}");
        let suffix = read_file(&attach.replace("t-mx.example", "co.uk"))
            .err()
            .unwrap_or_default();
        assert!(suffix.contains("public suffix"), "{suffix}");
    }

    const BRIDGE: &str = r#"
[[provider]]
id = "bridged"
name = "Bridged Mail"
source = "https://help.example.com/bridge"
checked = "2026-12-07"
domains = ["bridged.example"]

[[provider.requirement]]
kind = "bridge"
source = "https://help.example.com/local"
checked = "2026-12-07"
host = "127.0.0.1"
quote = "It runs on your computer."

[[provider.requirement.ports]]
protocol = "imap"
port = 1143
security = "starttls"
source = "https://code.example.com/ports"
checked = "2026-12-06"

[[attach]]
domains = ["ispdb.example"]

[[attach.requirement]]
kind = "app-password-if-2fa"
source = "https://help.example.com/2fa"
checked = "2026-12-07"
url = "https://account.example.com"
"#;

    #[test]
    fn requirements_carry_their_own_sources_and_replace_servers_only_for_a_bridge() {
        let file = read_file(BRIDGE).unwrap();
        let [p] = &file.records[..] else { panic!() };
        assert!(!p.offers_mail_apps());
        let Kind::Bridge { host, ports } = &p.requirements[0].kind else {
            panic!()
        };
        assert_eq!((host.as_str(), ports[0].port), ("127.0.0.1", 1143));
        assert!(matches!(&ports[0].origin, Origin::Checked { checked, .. } if checked == "2026-12-06"));
        assert!(matches!(&p.requirements[0].origin, Origin::Checked { source, .. } if source.ends_with("/local")));
        let [a] = &file.attach[..] else { panic!() };
        assert_eq!(a.domains, ["ispdb.example"]);
        assert_eq!(a.requirements[0].kind.id(), "app-password-if-2fa");
        let cases = [
            (r#"kind = "bridge""#, r#"kind = "magic""#, "requirement kind \"magic\""),
            (r#"host = "127.0.0.1""#, "", "with host for a bridge"),
            (r#"checked = "2026-12-06""#, r#"checked = "6.12.2026""#, "YYYY-MM-DD"),
            (
                r#"source = "https://help.example.com/2fa""#,
                r#"source = "http://x""#,
                "https:// URL",
            ),
            (
                r#"url = "https://account.example.com""#,
                r#"url = "account.example.com""#,
                "url must be https://",
            ),
            (
                r#"quote = "It runs on your computer.""#,
                r#"quote = " ""#,
                "quote is empty",
            ),
            (
                r#"url = "https://account.example.com""#,
                "url = \"https://account.example.com\"\nhost = \"x\"",
                "looks is for app passwords",
            ),
            (
                r#"kind = "app-password-if-2fa""#,
                r#"kind = "no-mail-apps"
instead = "its app""#,
                "write a whole record",
            ),
        ];
        for (from, to, expected) in cases {
            assert!(BRIDGE.contains(from), "{from}");
            let e = read_file(&BRIDGE.replacen(from, to, 1)).err().unwrap_or_default();
            assert!(e.contains(expected), "{to}: {e}");
        }
        // A record without servers and without a bridge or no-mail-apps requirement is refused.
        let e = read_file(&BRIDGE.replacen(r#"kind = "bridge""#, r#"kind = "oauth-only""#, 1).replacen(r#"host = "127.0.0.1""#, "", 1).replace("[[provider.requirement.ports]]\nprotocol = \"imap\"\nport = 1143\nsecurity = \"starttls\"\nsource = \"https://code.example.com/ports\"\nchecked = \"2026-12-06\"\n", ""));
        assert!(e.err().unwrap_or_default().contains("exactly one incoming"));
    }

    #[test]
    fn each_rule_names_what_is_wrong() {
        let cases = [
            (r#"id = "example""#, r#"id = "Ex ample""#, "must be [a-z0-9-]+"),
            (r#"id = "example""#, r#"id = "ispdb-example""#, "imported records"),
            (
                r#"source = "https://help.example.com/mail""#,
                r#"source = "http://help.example.com""#,
                "https://",
            ),
            (r#"checked = "2026-11-26""#, r#"checked = "26.11.2026""#, "YYYY-MM-DD"),
            (r#""example.net""#, r#""Example.NET""#, "lower-case ASCII"),
            (
                r#"username = "local-part""#,
                r#"username = "user""#,
                "address or local-part",
            ),
            (r#""app-password""#, r#""magic""#, "auth \"magic\" unknown"),
            (
                r#"host = "imap.example.com""#,
                r#"host = "imap example""#,
                "not a lower-case host name",
            ),
            (r#"port = 465"#, r#"port = 0"#, "port 0"),
            (
                r#"security = "tls"
recommended = true

[[provider.outgoing]]"#,
                r#"security = "ssl"
recommended = true

[[provider.outgoing]]"#,
                "security \"ssl\" unknown",
            ),
            (
                r#"host = "mail.example.com""#,
                r#"host = "smtp.example.com""#,
                "also a documented server",
            ),
            (r#"why = "Not a server of Example.""#, r#"why = " ""#, "has no why"),
        ];
        for (from, to, expected) in cases {
            assert!(GOOD.contains(from), "{from}");
            let e = read(&GOOD.replacen(from, to, 1)).unwrap_err();
            assert!(e.contains(expected), "{to}: {e}");
        }
        let none_recommended = GOOD.replace("recommended = true\n", "");
        assert!(read(&none_recommended).unwrap_err().contains("exactly one incoming"));
        assert!(read("[[provider]]\nid = 1").is_err(), "not the schema");
        assert!(read(&GOOD.replace("name = ", "nickname = ")).is_err(), "unknown field");
    }
}
