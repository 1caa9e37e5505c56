//! Our checked records: `crates/engine/providers/*.toml`, each compared by us with the provider's own page.
//!
//! The schema is in `crates/engine/providers/README.md`. Every record is checked here, so that a malformed
//! or inconsistent one fails `cargo xtask data build` with the file and the reason instead of
//! reaching a user.

use mailcheck_engine::client_config::is_domain_name;
use mailcheck_engine::{
    Auth, AuthMethod, ImapSupport, Origin, Protocol, Provider, Security, Server, UsernameForm, WrongHost,
};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    provider: Vec<Record>,
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
    incoming: Vec<ServerRecord>,
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
pub fn read_dir(dir: &Path) -> Result<Vec<Provider>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        out.extend(read(&text).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    Ok(out)
}

/// The records of one file.
pub fn read(toml_text: &str) -> Result<Vec<Provider>, String> {
    let file: File = toml::from_str(toml_text).map_err(|e| e.to_string())?;
    file.provider
        .into_iter()
        .map(|r| {
            let id = r.id.clone();
            convert(r).map_err(|errors| format!("record {id}:\n  {}", errors.join("\n  ")))
        })
        .collect()
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
    let mut sides = [Vec::new(), Vec::new()];
    for (side, (dir, servers, protocols)) in [
        ("incoming", &r.incoming, &[Protocol::Imap, Protocol::Pop3][..]),
        ("outgoing", &r.outgoing, &[Protocol::Smtp][..]),
    ]
    .into_iter()
    .enumerate()
    {
        if servers.iter().filter(|s| s.recommended).count() != 1 {
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
    Ok(Provider {
        id: r.id,
        name: r.name,
        origin: Origin::Checked {
            source: r.source,
            checked: r.checked,
        },
        domains: r.domains,
        mx_domains: Vec::new(),
        auth,
        imap,
        mailbox_mb: r.mailbox_mb,
        send_limit_mb: r.send_limit_mb,
        hosted_by: r.hosted_by,
        notes: r.notes,
        docs: Vec::new(),
        enable: None,
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
    })
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
