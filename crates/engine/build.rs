//! Compiles `providers/*.toml` into static tables and a perfect-hash domain map.
//!
//! Doing this at build time means the engine (and so the wasm app) carries no TOML parser and spends no
//! time parsing at start-up, and a malformed or inconsistent record fails the build with a message that
//! names the file, instead of reaching a user.

use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

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

fn main() {
    let dir = Path::new("providers");
    println!("cargo:rerun-if-changed=providers");
    let mut paths: Vec<_> = fs::read_dir(dir)
        .expect("read providers/")
        .map(|e| e.expect("read providers/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();

    let mut records = Vec::new();
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for record in file.provider {
            let errors = check(&record);
            if !errors.is_empty() {
                panic!("{} ({}):\n  {}", path.display(), record.id, errors.join("\n  "));
            }
            records.push(record);
        }
    }
    check_across(&records);

    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("providers.rs");
    fs::write(out, generate(&records)).expect("write providers.rs");
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A lower-case ASCII DNS name with at least two labels.
fn is_host(s: &str) -> bool {
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

fn check(r: &Record) -> Vec<String> {
    let mut e = Vec::new();
    if r.id.is_empty()
        || !r
            .id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    {
        e.push(format!("id {:?} must be [a-z0-9-]+", r.id));
    }
    if r.name.trim().is_empty() {
        e.push("name is empty".into());
    }
    if !r.source.starts_with("https://") {
        e.push(format!("source {:?} must be an https:// URL", r.source));
    }
    if !is_date(&r.checked) {
        e.push(format!("checked {:?} must be YYYY-MM-DD", r.checked));
    }
    if r.domains.is_empty() {
        e.push("no domains".into());
    }
    for d in &r.domains {
        if !is_host(d) {
            e.push(format!(
                "domain {d:?} must be a lower-case ASCII name (punycode for IDNs)"
            ));
        }
    }
    if !["address", "local-part"].contains(&r.username.as_str()) {
        e.push(format!("username {:?} must be address or local-part", r.username));
    }
    if r.auth.is_empty() {
        e.push("auth is empty".into());
    }
    for a in &r.auth {
        if !["password", "oauth2", "app-password", "secure-mail-key"].contains(&a.as_str()) {
            e.push(format!("auth {a:?} unknown"));
        }
    }
    if !["supported", "self-help"].contains(&r.imap.as_str()) {
        e.push(format!("imap {:?} must be supported or self-help", r.imap));
    }
    for (dir, servers, protocols) in [
        ("incoming", &r.incoming, &["imap", "pop3"][..]),
        ("outgoing", &r.outgoing, &["smtp"][..]),
    ] {
        if servers.iter().filter(|s| s.recommended).count() != 1 {
            e.push(format!("exactly one {dir} server must be recommended"));
        }
        for s in servers {
            if !protocols.contains(&s.protocol.as_str()) {
                e.push(format!("{dir} protocol {:?} must be one of {protocols:?}", s.protocol));
            }
            if !is_host(&s.host) && s.host != "127.0.0.1" {
                e.push(format!("{dir} host {:?} is not a lower-case host name", s.host));
            }
            if s.port == 0 {
                e.push(format!("{dir} {} port 0", s.host));
            }
            if !["tls", "starttls", "none"].contains(&s.security.as_str()) {
                e.push(format!("{dir} {} security {:?} unknown", s.host, s.security));
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
    e
}

fn check_across(records: &[Record]) {
    let mut ids = HashSet::new();
    let mut domains = HashSet::new();
    for r in records {
        assert!(ids.insert(&r.id), "provider id {:?} appears twice", r.id);
        for d in &r.domains {
            assert!(
                domains.insert(d),
                "domain {d:?} appears in two records (second: {})",
                r.id
            );
        }
    }
}

fn variant(kind: &str, id: &str) -> String {
    let v = match (kind, id) {
        ("Protocol", "imap") => "Imap",
        ("Protocol", "pop3") => "Pop3",
        ("Protocol", "smtp") => "Smtp",
        ("Security", "tls") => "Tls",
        ("Security", "starttls") => "Starttls",
        ("Security", "none") => "None",
        ("UsernameForm", "address") => "Address",
        ("UsernameForm", "local-part") => "LocalPart",
        ("Auth", "password") => "Password",
        ("Auth", "oauth2") => "OAuth2",
        ("Auth", "app-password") => "AppPassword",
        ("Auth", "secure-mail-key") => "SecureMailKey",
        ("ImapSupport", "supported") => "Supported",
        ("ImapSupport", "self-help") => "SelfHelp",
        _ => unreachable!("checked before: {kind} {id}"),
    };
    format!("{kind}::{v}")
}

fn servers(list: &[ServerRecord]) -> String {
    // Recommended first, then in file order: callers rely on `[0]` being the recommended one.
    let mut sorted: Vec<&ServerRecord> = list.iter().collect();
    sorted.sort_by_key(|s| !s.recommended);
    let mut out = String::from("&[");
    for s in sorted {
        write!(
            out,
            "Server {{ protocol: {}, host: {:?}, port: {}, security: {}, recommended: {} }},",
            variant("Protocol", &s.protocol),
            s.host,
            s.port,
            variant("Security", &s.security),
            s.recommended
        )
        .unwrap();
    }
    out.push(']');
    out
}

fn opt<T: std::fmt::Debug>(v: &Option<T>) -> String {
    match v {
        Some(v) => format!("Some({v:?})"),
        None => "None".into(),
    }
}

fn generate(records: &[Record]) -> String {
    let mut out = String::new();
    writeln!(out, "pub(crate) static PROVIDERS: [Provider; {}] = [", records.len()).unwrap();
    for r in records {
        let auth: Vec<String> = r.auth.iter().map(|a| variant("Auth", a)).collect();
        let wrong: Vec<String> = r
            .wrong_hosts
            .iter()
            .map(|w| format!("WrongHost {{ host: {:?}, why: {:?} }}", w.host, w.why))
            .collect();
        writeln!(
            out,
            "Provider {{ id: {:?}, name: {:?}, source: {:?}, checked: {:?}, domains: &{:?}, username: {}, \
             auth: &[{}], imap: {}, mailbox_mb: {}, send_limit_mb: {}, hosted_by: {}, notes: &{:?}, \
             incoming: {}, outgoing: {}, wrong_hosts: &[{}] }},",
            r.id,
            r.name,
            r.source,
            r.checked,
            r.domains,
            variant("UsernameForm", &r.username),
            auth.join(", "),
            variant("ImapSupport", &r.imap),
            opt(&r.mailbox_mb),
            opt(&r.send_limit_mb),
            opt(&r.hosted_by),
            r.notes,
            servers(&r.incoming),
            servers(&r.outgoing),
            wrong.join(", "),
        )
        .unwrap();
    }
    out.push_str("];\n");

    let mut map = phf_codegen::Map::new();
    let index: BTreeMap<&str, String> = records
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.domains.iter().map(move |d| (d.as_str(), i.to_string())))
        .collect();
    for (domain, i) in &index {
        map.entry(*domain, i);
    }
    writeln!(
        out,
        "/// Every known mail domain, mapped to its index in `PROVIDERS`.\n\
         pub(crate) static DOMAINS: phf::Map<&'static str, usize> = {};",
        map.build()
    )
    .unwrap();
    out
}
