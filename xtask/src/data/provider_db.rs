//! Delta Chat's provider database (github.com/chatmail/provider-db, MPL-2.0): every `_providers/*.md` file of
//! a checkout, at its commit, into our own generated `crates/engine/providers/provider-db/provider-db.toml`.
//!
//! A community tier of its own, below the ISPDB: a chat app's list, archived by its owners in July 2026, most
//! of its entries checked years ago. Facts only: each entry's domains, its servers (never one without
//! encryption, nor any of an entry that turns strict certificate checks off), and the requirements its hints
//! say, mapped by [`hints`] and quoted in their own words. Everything left out is reported with why. How the
//! tier joins the others is [`tier`]'s.

pub mod hints;
pub mod tier;

use super::is_date;
use crate::shell::output;
use hints::Hinted;
use mailcheck_engine::client_config::is_domain_name;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::Command;

/// The generated file: the commit read and every entry kept, in file order.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Imported {
    pub commit: String,
    /// The day of the commit, `YYYY-MM-DD`.
    pub date: String,
    #[serde(default, rename = "entry")]
    pub entries: Vec<Entry>,
}

/// One provider-db file, as we keep it.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub file: String,
    pub name: String,
    /// `OK`, `PREPARATION` or `BROKEN`, as the file says.
    pub status: String,
    /// `YYYY-MM`.
    pub last_checked: String,
    pub domains: Vec<String>,
    /// In the file's order; empty, or at least one IMAP and one SMTP server.
    #[serde(default)]
    pub servers: Vec<EntryServer>,
    #[serde(default)]
    pub requirements: Vec<EntryRequirement>,
}

/// A server in our terms: `imap`/`smtp`, `tls`/`starttls`, a username template.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntryServer {
    pub protocol: String,
    pub host: String,
    pub port: u16,
    pub security: String,
    pub username: String,
}

/// A requirement a hint says: our kind's id, its one detail (a bridge's host, what to use instead), and the
/// hint's own words.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntryRequirement {
    pub kind: String,
    #[serde(default)]
    pub detail: String,
    pub quote: String,
}

/// What an import produced.
pub struct Import {
    pub imported: Imported,
    /// Every file, server, domain or hint left out, with why.
    pub report: Vec<String>,
}

/// The front matter of a provider-db file: the keys we read (the others, such as `opt.max_smtp_rcpt_to` or
/// `config_defaults`, are chatmail settings and are ignored).
#[derive(Deserialize)]
struct FrontMatter {
    name: String,
    status: Status,
    domains: Vec<String>,
    #[serde(default)]
    server: Vec<FileServer>,
    before_login_hint: Option<String>,
    after_login_hint: Option<String>,
    #[serde(default)]
    opt: Opt,
    last_checked: Option<String>,
    website: Option<String>,
}

#[derive(Clone, Copy, Deserialize, PartialEq)]
#[serde(rename_all = "UPPERCASE")]
enum Status {
    Ok,
    Preparation,
    Broken,
}

#[derive(Default, Deserialize)]
struct Opt {
    strict_tls: Option<bool>,
}

#[derive(Deserialize)]
struct FileServer {
    #[serde(rename = "type")]
    kind: String,
    socket: String,
    hostname: String,
    port: u16,
    username_pattern: Option<String>,
}

/// Imports the `_providers/` folder of a git repository (a checkout or a bare clone) at its `HEAD` commit.
pub fn import(repo: &Path) -> Result<Import, String> {
    let git = |args: &[&str]| {
        let mut c = Command::new("git");
        c.arg("-C").arg(repo).args(args);
        output(c)
    };
    let not_git = || format!("{} is not a git repository with a commit", repo.display());
    let commit = git(&["rev-parse", "HEAD"]).ok_or_else(not_git)?.trim().to_owned();
    let date = git(&["log", "-1", "--format=%cs", "HEAD"])
        .ok_or_else(not_git)?
        .trim()
        .to_owned();
    let files: Vec<String> = git(&["ls-tree", "--name-only", "HEAD", "_providers/"])
        .ok_or_else(not_git)?
        .lines()
        .filter_map(|l| l.strip_prefix("_providers/"))
        .filter(|f| f.ends_with(".md"))
        .map(str::to_owned)
        .collect();
    if files.is_empty() {
        return Err(format!("{} has no _providers/*.md at {commit}", repo.display()));
    }
    let mut report = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut claimed: HashMap<String, String> = HashMap::new();
    for file in files {
        let Some(text) = git(&["show", &format!("HEAD:_providers/{file}")]) else {
            report.push(format!("{file}: left out: git cannot show it"));
            continue;
        };
        let Some(mut entry) = read(&file, &text, &mut report) else {
            continue;
        };
        // A domain in two files has two answers: the first file (by name) keeps it.
        entry.domains.retain(|d| match claimed.get(d) {
            Some(first) => {
                report.push(format!("{file}: left out domain {d}: already in {first}"));
                false
            }
            None => {
                claimed.insert(d.clone(), file.clone());
                true
            }
        });
        if entry.domains.is_empty() {
            report.push(format!("{file}: left out: no domain left"));
            continue;
        }
        entries.push(entry);
    }
    Ok(Import {
        imported: Imported { commit, date, entries },
        report,
    })
}

/// One file as an entry, or `None` with why in `report`; what is left out of a kept entry goes there too.
fn read(file: &str, text: &str, report: &mut Vec<String>) -> Option<Entry> {
    let Some(yaml) = front_matter(text) else {
        report.push(format!("{file}: left out: no YAML front matter between two --- lines"));
        return None;
    };
    let m: FrontMatter = match serde_norway::from_str(yaml) {
        Ok(m) => m,
        Err(e) => {
            report.push(format!("{file}: left out: its front matter: {e}"));
            return None;
        }
    };
    let last_checked = m.last_checked.clone().unwrap_or_default();
    if !is_month(&last_checked) {
        report.push(format!(
            "{file}: left out: last_checked {last_checked:?} is not YYYY-MM"
        ));
        return None;
    }
    if m.status == Status::Preparation && m.before_login_hint.is_none() {
        report.push(format!(
            "{file}: left out: PREPARATION without a before_login_hint to say what"
        ));
        return None;
    }
    let mut domains = Vec::new();
    for d in &m.domains {
        if !is_domain_name(d) {
            report.push(format!("{file}: left out domain {d:?}: not a domain name"));
        } else if domains.contains(d) {
            report.push(format!("{file}: left out domain {d}: listed twice"));
        } else {
            domains.push(d.clone());
        }
    }
    let mut requirements = Vec::new();
    for (field, hint) in [
        ("before_login_hint", &m.before_login_hint),
        ("after_login_hint", &m.after_login_hint),
    ] {
        let Some(hint) = hint else { continue };
        let quote = hints::words(hint);
        if hints::has_link(hint) {
            report.push(format!(
                "{file}: {field} holds a link, which provider-db's README forbids; quoted as it is"
            ));
        }
        let kinds = hints::kinds(hint);
        if kinds.is_empty() {
            report.push(format!(
                "{file}: {field} maps to no requirement kind, left out: “{quote}”"
            ));
            if field == "before_login_hint" && m.status == Status::Preparation {
                report.push(format!(
                    "{file}: left out: PREPARATION, and no rule states the step it needs"
                ));
                return None;
            }
        }
        for kind in kinds {
            let (id, detail) = match kind {
                Hinted::NoImap => match &m.website {
                    Some(site) => ("no-mail-apps", format!("its web site, {site}")),
                    None => {
                        report.push(format!(
                            "{file}: {field}: no IMAP, but no web site to use instead; left out"
                        ));
                        continue;
                    }
                },
                Hinted::Bridge => match m.server.iter().find(|s| s.kind.eq_ignore_ascii_case("imap")) {
                    Some(s) => ("bridge", s.hostname.clone()),
                    None => {
                        report.push(format!(
                            "{file}: {field}: a companion program, but no host for it; left out"
                        ));
                        continue;
                    }
                },
                Hinted::OAuthOnly => ("oauth-only", String::new()),
                Hinted::AppPassword => ("app-password", String::new()),
                Hinted::AuthorizationCode => ("authorization-code", String::new()),
                Hinted::EnableAccess => ("enable-access", String::new()),
                Hinted::SecondFactorFirst => ("second-factor-first", String::new()),
            };
            if !requirements.iter().any(|r: &EntryRequirement| r.kind == id) {
                requirements.push(EntryRequirement {
                    kind: id.into(),
                    detail,
                    quote: quote.clone(),
                });
            }
        }
    }
    let servers = if requirements.iter().any(|r| r.kind == "bridge") {
        // The servers are the companion program's on the person's own device, not the provider's.
        if !m.server.is_empty() {
            report.push(format!(
                "{file}: left out its servers: they are the companion program's"
            ));
        }
        Vec::new()
    } else {
        servers(file, &m, report)
    };
    if m.status == Status::Broken && requirements.is_empty() {
        report.push(format!(
            "{file}: left out: BROKEN, and no hint says why in words a rule maps"
        ));
        return None;
    }
    Some(Entry {
        file: file.to_owned(),
        name: m.name,
        status: match m.status {
            Status::Ok => "OK",
            Status::Preparation => "PREPARATION",
            Status::Broken => "BROKEN",
        }
        .into(),
        last_checked,
        domains,
        servers,
        requirements,
    })
}

/// The entry's servers in our terms, in order. One without encryption (`PLAIN`) is never imported as a
/// recommendation, and none of an entry whose certificates chatmail does not check strictly; when no IMAP
/// and SMTP server are both left, none is.
fn servers(file: &str, m: &FrontMatter, report: &mut Vec<String>) -> Vec<EntryServer> {
    let mut left_out = |why: String| report.push(format!("{file}: left out {why}"));
    if m.opt.strict_tls == Some(false) && !m.server.is_empty() {
        left_out("every server: strict_tls is false, so chatmail accepts certificates that do not verify".into());
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, s) in m.server.iter().enumerate() {
        let what = format!("server {} ({} {}:{})", i + 1, s.kind, s.hostname, s.port);
        let protocol = s.kind.to_ascii_lowercase();
        let security = match s.socket.to_ascii_uppercase().as_str() {
            "SSL" => "tls",
            "STARTTLS" => "starttls",
            "PLAIN" => {
                left_out(format!("{what}: socket PLAIN, no encryption"));
                continue;
            }
            other => {
                left_out(format!("{what}: socket {other:?} unknown"));
                continue;
            }
        };
        let username = match s.username_pattern.as_deref().map(str::to_ascii_uppercase).as_deref() {
            None | Some("EMAIL") => "%EMAILADDRESS%",
            Some("EMAILLOCALPART") => "%EMAILLOCALPART%",
            Some(other) => {
                left_out(format!("{what}: username_pattern {other:?} unknown"));
                continue;
            }
        };
        if !matches!(protocol.as_str(), "imap" | "smtp") || s.port == 0 || !is_domain_name(&s.hostname) {
            left_out(format!("{what}: not an IMAP or SMTP host name and port"));
            continue;
        }
        out.push(EntryServer {
            protocol,
            host: s.hostname.clone(),
            port: s.port,
            security: security.into(),
            username: username.into(),
        });
    }
    let has = |p: &str| out.iter().any(|s| s.protocol == p);
    if !(out.is_empty() || has("imap") && has("smtp")) {
        left_out("its other servers: no IMAP and SMTP server both left".into());
        out.clear();
    }
    out
}

/// The YAML between the first two `---` lines (provider-db's validator reads the same; LF line ends only).
fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    Some(&rest[..=end])
}

/// `YYYY-MM`.
fn is_month(s: &str) -> bool {
    s.len() == 7 && is_date(&format!("{s}-01"))
}

/// The generated file: a header naming the source, its commit and licence, then the entries.
pub fn write(imported: &Imported) -> Result<String, String> {
    let header = [
        "Delta Chat's provider database, imported by `cargo xtask data import-provider-db`. Do not edit by hand:",
        "run the import again on a newer checkout instead (README: Providers).",
        "Source: https://github.com/chatmail/provider-db, folder _providers/ (archived by its owners on 2026-07-25).",
        &format!("Commit: {} ({})", imported.commit, imported.date),
        "This data is from provider-db and is under the Mozilla Public License 2.0: https://mozilla.org/MPL/2.0/",
        "Each requirement's quote is the entry's hint in its own words; its kind is ours, by the rules of",
        "xtask/src/data/provider_db/hints.rs.",
    ];
    let body = toml::to_string(imported).map_err(|e| e.to_string())?;
    let mut out: String = header.iter().map(|l| format!("# {l}\n")).collect();
    out.push('\n');
    out.push_str(&body);
    Ok(out)
}

/// The generated file read back.
pub fn parse(text: &str) -> Result<Imported, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

/// What changed between two imports, per domain: added, removed, changed (another entry, or the same entry
/// with other facts).
pub fn changes(old: &Imported, new: &Imported) -> Vec<String> {
    let index = |i: &Imported| -> BTreeMap<String, String> {
        i.entries
            .iter()
            .flat_map(|e| {
                let facts = format!(
                    "{:?}",
                    Entry {
                        domains: Vec::new(),
                        ..e.clone()
                    }
                );
                e.domains.iter().map(move |d| (d.clone(), facts.clone()))
            })
            .collect()
    };
    super::changed_domains(&index(old), &index(new))
}

#[cfg(test)]
mod tests {
    use super::super::checkout::Checkout;
    use super::*;

    /// A provider-db file with this front matter (YAML lines, each ending in a line break).
    fn md(front: &str) -> String {
        format!("---\n{front}---\n\nThe help page.\n")
    }

    const SERVERS: &str = "server:\n\
        - type: imap\n  socket: SSL\n  hostname: imap.{d}\n  port: 993\n  username_pattern: emaillocalpart\n\
        - type: IMAP\n  socket: PLAIN\n  hostname: plain.{d}\n  port: 143\n\
        - type: smtp\n  socket: STARTTLS\n  hostname: smtp.{d}\n  port: 587\n";

    /// An entry of `status` for `domains` (the first names its servers) with these more lines.
    fn entry(status: &str, domains: &[&str], servers: bool, more: &str) -> String {
        let list: String = domains.iter().map(|d| format!("- {d}\n")).collect();
        let servers = if servers {
            SERVERS.replace("{d}", domains[0])
        } else {
            String::new()
        };
        md(&format!(
            "name: Test {}\nstatus: {status}\ndomains:\n{list}{servers}{more}last_checked: 2024-03\nwebsite: https://{}\n",
            domains[0], domains[0]
        ))
    }

    /// The fixtures: every status, a hint of each kind, hints that map to none, malformed front matter,
    /// duplicate domains, a server without encryption and an entry without strict certificate checks.
    fn fixtures() -> Vec<(&'static str, String)> {
        vec![
            ("ok.md", entry("OK", &["ok.example", "ok.example", "'*.wild.example'", "shared.example"], true, "")),
            (
                "app.md",
                entry(
                    "PREPARATION",
                    &["app.example", "shared.example"],
                    true,
                    "before_login_hint: |\n  For Gmail accounts, you need to have \"2-Step Verification\" enabled\n  and create an app-password.\n\
                     after_login_hint: Note, that groups are limited to 10 people.\n",
                ),
            ),
            (
                "code.md",
                entry(
                    "PREPARATION",
                    &["code.example"],
                    true,
                    "before_login_hint: Enable \"POP3/SMTP/IMAP\" on the website, add a third-party auth code and use that as the login password\n",
                ),
            ),
            (
                "oauth.md",
                entry(
                    "BROKEN",
                    &["oauth.example"],
                    true,
                    "before_login_hint: Outlook does not allow using passwords anymore, per-app-passwords are currently not working.\n",
                ),
            ),
            (
                "noimap.md",
                entry(
                    "BROKEN",
                    &["noimap.example"],
                    false,
                    "before_login_hint: noimap does not offer the standard IMAP e-mail protocol, see https://noimap.example/why\n",
                ),
            ),
            (
                "bridge.md",
                md("name: Bridge\nstatus: PREPARATION\ndomains:\n- bridge.example\nserver:\n\
                    - type: imap\n  socket: STARTTLS\n  hostname: localhost\n  port: 1143\n\
                    - type: smtp\n  socket: STARTTLS\n  hostname: localhost\n  port: 1025\n\
                    before_login_hint: A companion app needs to be installed on your device.\nlast_checked: 2021-08\n"),
            ),
            ("broken.md", entry("BROKEN", &["broken.example"], true, "before_login_hint: Hush this provider doesn't exist!\n")),
            ("tor.md", entry("PREPARATION", &["tor.example"], true, "before_login_hint: Tor is needed.\n")),
            ("strict.md", entry("OK", &["strict.example"], true, "opt:\n  strict_tls: false\n")),
            (
                "half.md",
                entry("OK", &["half.example"], true, "").replace("socket: STARTTLS", "socket: PLAIN"),
            ),
            ("status.md", entry("WORKS", &["status.example"], true, "")),
            ("yaml.md", md("name: [unclosed\nstatus: OK\n")),
            ("front.md", "name: No front matter\nstatus: OK\n".into()),
            ("day.md", entry("OK", &["day.example"], true, "").replace("2024-03", "2021-08-15")),
        ]
    }

    fn kinds(e: &Entry) -> Vec<&str> {
        e.requirements.iter().map(|r| r.kind.as_str()).collect()
    }

    #[test]
    fn every_status_and_hint_kind_is_read_and_every_problem_reported() {
        let files = fixtures();
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let c = Checkout::new("_providers", "fixtures", &refs);
        let import = import(&c.0).unwrap();
        assert_eq!(import.imported.commit.len(), 40);
        assert_eq!(import.imported.date, "2025-01-02");
        let by_file: HashMap<&str, &Entry> = import.imported.entries.iter().map(|e| (e.file.as_str(), e)).collect();
        let mut files: Vec<&str> = by_file.keys().copied().collect();
        files.sort();
        assert_eq!(
            files,
            [
                "app.md",
                "bridge.md",
                "code.md",
                "half.md",
                "noimap.md",
                "oauth.md",
                "ok.md",
                "strict.md"
            ]
        );
        assert!(
            by_file["strict.md"].servers.is_empty(),
            "kept for its domains, without its servers"
        );
        assert!(
            by_file["half.md"].servers.is_empty(),
            "an IMAP server without an SMTP one is none"
        );

        let ok = by_file["ok.md"];
        assert_eq!((ok.status.as_str(), ok.last_checked.as_str()), ("OK", "2024-03"));
        assert_eq!(
            ok.domains,
            ["ok.example"],
            "shared.example stays with app.md, first by name"
        );
        assert_eq!(
            ok.servers,
            [
                EntryServer {
                    protocol: "imap".into(),
                    host: "imap.ok.example".into(),
                    port: 993,
                    security: "tls".into(),
                    username: "%EMAILLOCALPART%".into(),
                },
                EntryServer {
                    protocol: "smtp".into(),
                    host: "smtp.ok.example".into(),
                    port: 587,
                    security: "starttls".into(),
                    username: "%EMAILADDRESS%".into(),
                },
            ],
            "in order, case-insensitive, without the PLAIN one"
        );
        assert!(kinds(ok).is_empty());

        let app = by_file["app.md"];
        assert_eq!(app.domains, ["app.example", "shared.example"]);
        assert_eq!(kinds(app), ["app-password", "second-factor-first"]);
        assert_eq!(
            app.requirements[0].quote,
            "For Gmail accounts, you need to have \"2-Step Verification\" enabled and create an app-password.",
            "the hint's own words, its line breaks made spaces"
        );
        assert_eq!(kinds(by_file["code.md"]), ["authorization-code", "enable-access"]);
        let oauth = by_file["oauth.md"];
        assert_eq!((oauth.status.as_str(), kinds(oauth)), ("BROKEN", vec!["oauth-only"]));
        assert_eq!(oauth.servers.len(), 2, "BROKEN with a kind keeps its servers");
        let noimap = &by_file["noimap.md"].requirements[0];
        assert_eq!(
            (noimap.kind.as_str(), noimap.detail.as_str()),
            ("no-mail-apps", "its web site, https://noimap.example")
        );
        let bridge = by_file["bridge.md"];
        assert_eq!(kinds(bridge), ["bridge"]);
        assert_eq!(bridge.requirements[0].detail, "localhost");
        assert!(bridge.servers.is_empty(), "its servers are the companion program's");

        let report = import.report.join("\n");
        for expected in [
            "ok.md: left out domain ok.example: listed twice",
            "ok.md: left out domain \"*.wild.example\": not a domain name",
            "ok.md: left out server 2 (IMAP plain.ok.example:143): socket PLAIN, no encryption",
            "ok.md: left out domain shared.example: already in app.md",
            "app.md: after_login_hint maps to no requirement kind, left out: “Note, that groups are limited to 10 people.”",
            "noimap.md: before_login_hint holds a link",
            "bridge.md: left out its servers: they are the companion program's",
            "broken.md: before_login_hint maps to no requirement kind",
            "broken.md: left out: BROKEN, and no hint says why in words a rule maps",
            "tor.md: left out: PREPARATION, and no rule states the step it needs",
            "strict.md: left out every server: strict_tls is false",
            "half.md: left out its other servers: no IMAP and SMTP server both left",
            "status.md: left out: its front matter: status: unknown variant `WORKS`",
            "yaml.md: left out: its front matter:",
            "front.md: left out: no YAML front matter between two --- lines",
            "day.md: left out: last_checked \"2021-08-15\" is not YYYY-MM",
        ] {
            assert!(report.contains(expected), "{expected}\nin\n{report}");
        }
        assert!(!report.contains("app.md: left out:"), "{report}");
    }

    #[test]
    fn a_second_import_reports_what_changed_and_the_file_reads_back() {
        let ok = entry("OK", &["ok.example", "two.example"], true, "");
        let c = Checkout::new("_providers", "again", &[("ok.md", &ok)]);
        let first = import(&c.0).unwrap().imported;
        let moved = ok
            .replace("- two.example", "- three.example")
            .replace("port: 993", "port: 994");
        c.commit(&[("ok.md", &moved)], "2026-02-03");
        let second = import(&c.0).unwrap().imported;
        assert_eq!(second.date, "2026-02-03");
        assert_eq!(
            changes(&first, &second),
            ["changed ok.example", "added three.example", "removed two.example"]
        );
        assert!(changes(&second, &second).is_empty());
        let text = write(&second).unwrap();
        assert!(
            text.contains(&second.commit) && text.contains("Mozilla Public License 2.0"),
            "{text}"
        );
        assert_eq!(parse(&text).unwrap(), second, "written and read back");
    }

    #[test]
    fn a_repository_without_provider_files_or_without_git_is_refused() {
        let c = Checkout::new("_providers", "empty", &[("README.txt", "not a provider")]);
        let e = import(&c.0).err().unwrap();
        assert!(e.contains("has no _providers/*.md at"), "{e}");
        let e = import(&c.0.join("nowhere")).err().unwrap();
        assert!(e.contains("is not a git repository"), "{e}");
    }
}
