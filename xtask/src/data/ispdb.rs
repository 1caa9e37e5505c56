//! The Thunderbird ISPDB import: every `ispdb/*.xml` file of a checkout of github.com/thunderbird/autoconfig,
//! read strictly by the engine's autoconfig reader, into the generated `crates/engine/providers/ispdb/ispdb.txt`.
//!
//! The ISPDB is MPL-2.0; the generated file says so in its header, with the commit it was made from. Facts
//! only: domains, names, servers, documentation links and the switch to turn on first, each record with the
//! day its file last changed in the ISPDB's history (from `git log`), so the app can say how fresh it is.

use super::is_date;
use crate::shell::output;
use mailcheck_engine::{client_config, data, Origin, Provider};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What an import produced.
pub struct Import {
    pub records: Vec<Provider>,
    /// Every file, server or domain left out, with why.
    pub report: Vec<String>,
    pub commit: String,
    /// The day of the commit, `YYYY-MM-DD`.
    pub date: String,
}

/// Imports the `ispdb/` folder of a git checkout (the repository's root or the folder itself).
pub fn import(checkout: &Path) -> Result<Import, String> {
    let folder = if checkout.join("ispdb").is_dir() {
        checkout.join("ispdb")
    } else {
        checkout.to_owned()
    };
    let git = |args: &[&str]| {
        let mut c = Command::new("git");
        c.arg("-C").arg(&folder).args(args);
        output(c).map(|o| o.trim().to_owned())
    };
    let not_git = || {
        format!(
            "{} is not in a git checkout: the import reads the dates of its files from git",
            folder.display()
        )
    };
    let commit = git(&["rev-parse", "HEAD"]).ok_or_else(not_git)?;
    let date = git(&["log", "-1", "--format=%cs", "HEAD"]).ok_or_else(not_git)?;
    let changed =
        last_changes(&git(&["log", "--format=%x01%cs", "--name-only", "--relative", "--", "."]).ok_or_else(not_git)?);

    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{} holds no .xml files", folder.display()));
    }

    let mut report = Vec::new();
    let mut records: Vec<Provider> = Vec::new();
    let mut claimed: HashMap<String, String> = HashMap::new();
    for path in &files {
        let file = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let Some(changed) = changed.get(&file).filter(|d| is_date(d)) else {
            report.push(format!(
                "{file}: left out: not committed, so its last change is unknown"
            ));
            continue;
        };
        let xml = match std::fs::read_to_string(path) {
            Ok(xml) => xml,
            Err(e) => {
                report.push(format!("{file}: left out: {e}"));
                continue;
            }
        };
        let origin = Origin::Ispdb {
            file: file.clone(),
            changed: changed.clone(),
            commit: commit.clone(),
        };
        let parsed = match client_config::read(&xml, &super::record_id("ispdb", &file), &origin) {
            Ok(parsed) => parsed,
            Err(e) => {
                report.push(format!("{file}: left out: {e}"));
                continue;
            }
        };
        report.extend(parsed.skipped.iter().map(|s| format!("{file}: left out {s}")));
        for mut p in parsed.records {
            // A domain in two files has two answers: the first file (by name) keeps it.
            for list in [&mut p.domains, &mut p.mx_domains] {
                list.retain(|d| match claimed.get(d) {
                    Some(first) => {
                        report.push(format!("{file}: left out domain {d}: already in {first}"));
                        false
                    }
                    None => true,
                });
            }
            if p.domains.is_empty() && p.mx_domains.is_empty() {
                report.push(format!(
                    "{file}: left out record {}: every domain is in another file",
                    p.id
                ));
                continue;
            }
            for d in p.domains.iter().chain(&p.mx_domains) {
                claimed.insert(d.clone(), file.clone());
            }
            records.push(p);
        }
    }
    Ok(Import {
        records,
        report,
        commit,
        date,
    })
}

/// The newest date of each file in `git log --format=%x01%cs --name-only` output (newest commit first).
fn last_changes(log: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut date = "";
    for line in log.lines() {
        if let Some(d) = line.strip_prefix('\u{1}') {
            date = d;
        } else if !line.is_empty() {
            out.entry(line.to_owned()).or_insert_with(|| date.to_owned());
        }
    }
    out
}

/// The generated file: a header naming the source, its commit and licence, then the records.
pub fn write(import: &Import) -> Result<String, String> {
    let header = [
        "The Thunderbird ISPDB, imported by `cargo xtask data import-ispdb`. Do not edit by hand: run the",
        "import again on a newer checkout instead (README: Providers).",
        "Source: https://github.com/thunderbird/autoconfig, folder ispdb/",
        &format!("Commit: {} ({})", import.commit, import.date),
        "This data is from the ISPDB and is under the Mozilla Public License 2.0: https://mozilla.org/MPL/2.0/",
    ];
    data::encode(&header, &import.records, None, &Default::default()).map_err(|e| e.to_string())
}

/// What changed between two imports, per mail or MX domain: added, removed, changed (another record, the
/// same record with other facts, or a mail domain that became an MX one).
pub fn changes(old: &[Provider], new: &[Provider]) -> Vec<String> {
    let index = |records: &[Provider]| -> BTreeMap<String, String> {
        records
            .iter()
            .flat_map(|p| {
                let facts = facts(p);
                let mail = p.domains.iter().map(|d| (d, "mail"));
                let all = mail.chain(p.mx_domains.iter().map(|d| (d, "mx")));
                all.map(move |(d, kind)| (d.clone(), format!("{kind} {facts}")))
            })
            .collect()
    };
    super::changed_domains(&index(old), &index(new))
}

/// A record's facts as text, without the commit (which changes with every import).
fn facts(p: &Provider) -> String {
    let mut p = p.clone();
    if let Origin::Ispdb { commit, .. } = &mut p.origin {
        commit.clear();
    }
    p.domains.clear();
    p.mx_domains.clear();
    format!("{p:?}")
}

#[cfg(test)]
mod tests {
    use super::super::checkout::Checkout;
    use super::*;
    use mailcheck_engine::{AuthMethod, Protocol, Security, UsernameForm};

    fn server(kind: &str, host: &str, port: u32, socket: &str, user: &str, auth: &[&str]) -> String {
        let element = if kind == "smtp" {
            "outgoingServer"
        } else {
            "incomingServer"
        };
        let auth: String = auth
            .iter()
            .map(|a| format!("<authentication>{a}</authentication>"))
            .collect();
        format!(
            "<{element} type=\"{kind}\"><hostname>{host}</hostname><port>{port}</port><socketType>{socket}</socketType>\
             <username>{user}</username>{auth}</{element}>"
        )
    }

    /// An ISPDB file for `domains` (the first is its id) with these servers and more elements.
    fn file(domains: &[&str], servers: &[String], extra: &str) -> String {
        let list: String = domains.iter().map(|d| format!("<domain>{d}</domain>")).collect();
        format!(
            "<?xml version=\"1.0\"?><clientConfig version=\"1.1\"><emailProvider id=\"{}\">{list}\
             <displayName>Test Mail</displayName>{}{extra}</emailProvider></clientConfig>",
            domains[0],
            servers.concat()
        )
    }

    fn valid() -> String {
        file(
            &["one.example", "two.example"],
            &[
                server(
                    "imap",
                    "imap.one.example",
                    993,
                    "SSL",
                    "%EMAILADDRESS%",
                    &["OAuth2", "password-cleartext"],
                ),
                server(
                    "pop3",
                    "pop.one.example",
                    110,
                    "STARTTLS",
                    "%EMAILLOCALPART%",
                    &["password-encrypted"],
                ),
                server(
                    "smtp",
                    "smtp.one.example",
                    25,
                    "plain",
                    "%EMAILLOCALPART%.%EMAILDOMAIN%",
                    &["none"],
                ),
            ],
            "<documentation url=\"https://help.one.example/mail\"><descr lang=\"de\">Hilfe</descr>\
             <descr lang=\"en\">Help</descr></documentation>\
             <enable visiturl=\"https://one.example/settings\"><instruction>Allow IMAP once.</instruction></enable>",
        )
    }

    #[test]
    fn every_socket_type_auth_and_username_form_is_read() {
        let c = Checkout::new("ispdb", "valid", &[("one.example.xml", &valid())]);
        let import = import(&c.0).unwrap();
        assert_eq!(import.commit.len(), 40);
        assert_eq!(import.date, "2025-01-02");
        let [p] = <[Provider; 1]>::try_from(import.records).unwrap();
        assert_eq!(p.id, "ispdb-one-example");
        assert_eq!(p.name, "Test Mail");
        assert_eq!(p.domains, ["one.example", "two.example"]);
        assert!(
            matches!(&p.origin, Origin::Ispdb { file, changed, .. } if file == "one.example.xml" && changed == "2025-01-02")
        );
        let [imap, pop] = <[_; 2]>::try_from(p.incoming.clone()).unwrap();
        assert_eq!(
            (imap.protocol, imap.security, imap.username.clone()),
            (Protocol::Imap, Security::Tls, UsernameForm::Address)
        );
        assert_eq!(imap.auth, [AuthMethod::OAuth2, AuthMethod::Password]);
        assert_eq!(
            (pop.port, pop.security, pop.username.clone()),
            (110, Security::Starttls, UsernameForm::LocalPart)
        );
        assert_eq!(pop.auth, [AuthMethod::EncryptedPassword]);
        let smtp = &p.outgoing[0];
        assert_eq!(
            (smtp.security, smtp.auth.as_slice()),
            (Security::None, &[AuthMethod::None][..])
        );
        assert_eq!(
            smtp.username,
            UsernameForm::Template("%EMAILLOCALPART%.%EMAILDOMAIN%".into())
        );
        assert_eq!(p.docs[0].url, "https://help.one.example/mail");
        assert_eq!(p.docs[0].title, "Help", "the English description");
        assert_eq!(
            p.requirements
                .iter()
                .find(|r| r.kind == mailcheck_engine::requirement::Kind::EnableAccess)
                .and_then(|r| r.quote.as_deref()),
            Some("Allow IMAP once.")
        );
        assert!(import.report.is_empty(), "{:?}", import.report);
    }

    #[test]
    fn malformed_entries_are_reported_and_skipped_whole() {
        let broken = file(
            &["bad.example"],
            &[
                server(
                    "imap",
                    "imap.bad.example",
                    993,
                    "SSL",
                    "%EMAILADDRESS",
                    &["password-cleartext"],
                ),
                server(
                    "pop3",
                    "pop.bad.example",
                    995,
                    "SSL",
                    "%EMAILADDRESS%",
                    &["password-cleartext"],
                ),
                server(
                    "imap",
                    "imap2.bad.example",
                    993,
                    "TLS1.3",
                    "%EMAILADDRESS%",
                    &["password-cleartext"],
                ),
                server(
                    "imap",
                    "imap3.bad.example",
                    99999,
                    "SSL",
                    "%EMAILADDRESS%",
                    &["password-cleartext"],
                ),
                server("imap", "imap4.bad.example", 993, "SSL", "%EMAILADDRESS%", &["NTLM"]),
                server(
                    "smtp",
                    "smtp.bad.example",
                    465,
                    "SSL",
                    "%EMAILADDRESS%",
                    &["password-cleartext"],
                ),
            ],
            "<incomingServer type=\"ews\"><url>https://ews.bad.example/</url></incomingServer>",
        );
        let no_outgoing = file(
            &["half.example"],
            &[server(
                "imap",
                "imap.half.example",
                993,
                "SSL",
                "%EMAILADDRESS%",
                &["password-cleartext"],
            )],
            "",
        );
        let c = Checkout::new(
            "ispdb",
            "malformed",
            &[
                ("bad.example.xml", &broken),
                ("half.example.xml", &no_outgoing),
                ("nonsense.xml", "<clientConfig><emailProvider>"),
            ],
        );
        let import = import(&c.0).unwrap();
        let ids: Vec<&str> = import.records.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["ispdb-bad-example"]);
        let p = &import.records[0];
        assert_eq!(
            p.incoming.iter().map(|s| s.host.as_str()).collect::<Vec<_>>(),
            ["pop.bad.example"]
        );
        let report = import.report.join("\n");
        for expected in [
            "bad.example.xml: left out incomingServer 1 (imap): username \"%EMAILADDRESS\" is not a valid template",
            "socketType \"TLS1.3\" unknown",
            "port \"99999\" is not a port number",
            "authentication NTLM only",
            "type \"ews\" is not a server mailcheck sets up",
            "half.example.xml: left out: This autoconfig file has no SMTP outgoing server",
            "nonsense.xml: left out: This file is not valid XML",
        ] {
            assert!(report.contains(expected), "{expected}\nin\n{report}");
        }
    }

    #[test]
    fn duplicate_domains_keep_the_first_file_and_are_reported() {
        let a = file(
            &["a.example", "shared.example", "a.example"],
            &[
                server(
                    "imap",
                    "imap.a.example",
                    993,
                    "SSL",
                    "%EMAILADDRESS%",
                    &["password-cleartext"],
                ),
                server(
                    "smtp",
                    "smtp.a.example",
                    465,
                    "SSL",
                    "%EMAILADDRESS%",
                    &["password-cleartext"],
                ),
            ],
            "",
        );
        let b = a
            .replace("a.example", "b.example")
            .replace("<domain>b.example</domain><domain>shared", "<domain>shared");
        let c = Checkout::new("ispdb", "duplicates", &[("a.example.xml", &a), ("b.example.xml", &b)]);
        let import = import(&c.0).unwrap();
        assert_eq!(import.records[0].domains, ["a.example", "shared.example"]);
        let report = import.report.join("\n");
        assert!(
            report.contains("a.example.xml: left out domain a.example: listed twice"),
            "{report}"
        );
        assert!(
            report.contains("b.example.xml: left out domain shared.example: already in a.example.xml"),
            "{report}"
        );
    }

    #[test]
    fn host_names_with_the_domain_give_one_record_per_domain() {
        let x = file(
            &["one.example", "two.example"],
            &[
                server(
                    "imap",
                    "mail.%EMAILDOMAIN%",
                    993,
                    "SSL",
                    "%EMAILADDRESS%",
                    &["password-cleartext"],
                ),
                server(
                    "smtp",
                    "mail.%EMAILDOMAIN%",
                    465,
                    "SSL",
                    "%EMAILADDRESS%",
                    &["password-cleartext"],
                ),
            ],
            "",
        );
        let c = Checkout::new("ispdb", "per-domain", &[("one.example.xml", &x)]);
        let import = import(&c.0).unwrap();
        let hosts: Vec<(&str, &str)> = import
            .records
            .iter()
            .map(|p| (p.domains[0].as_str(), p.incoming[0].host.as_str()))
            .collect();
        assert_eq!(
            hosts,
            [("one.example", "mail.one.example"), ("two.example", "mail.two.example")]
        );
        assert_eq!(import.records[1].id, "ispdb-one-example-two-example");
    }

    #[test]
    fn mx_domains_are_marked_after_an_mx_comment() {
        let servers = [
            server(
                "imap",
                "imap.mail.example",
                993,
                "SSL",
                "%EMAILADDRESS%",
                &["password-cleartext"],
            ),
            server(
                "smtp",
                "smtp.mail.example",
                465,
                "SSL",
                "%EMAILADDRESS%",
                &["password-cleartext"],
            ),
        ];
        let x = file(&["mail.example"], &servers, "").replace(
            "<displayName>",
            "<!-- MX servers --><domain>mx.example.net</domain><!-- also used by others -->\
             <domain>example.net</domain><!-- smaller domains --><domain>small.example</domain><displayName>",
        );
        let c = Checkout::new("ispdb", "mx", &[("mail.example.xml", &x)]);
        let p = &import(&c.0).unwrap().records[0];
        assert_eq!(
            p.domains,
            ["mail.example", "small.example"],
            "a comment about domains ends the MX hosts"
        );
        assert_eq!(
            p.mx_domains,
            ["mx.example.net", "example.net"],
            "a comment about neither does not"
        );
    }

    #[test]
    fn a_second_import_reports_what_changed_and_dates_follow_git() {
        let c = Checkout::new("ispdb", "again", &[("one.example.xml", &valid())]);
        let first = import(&c.0).unwrap();
        let moved = valid()
            .replace("<domain>two.example</domain>", "<domain>three.example</domain>")
            .replace("imap.one.example", "imap2.one.example");
        c.commit(&[("one.example.xml", &moved)], "2026-02-03");
        let second = import(&c.0).unwrap();
        assert_ne!(first.commit, second.commit);
        assert!(matches!(&second.records[0].origin, Origin::Ispdb { changed, .. } if changed == "2026-02-03"));
        assert_eq!(
            changes(&first.records, &second.records),
            ["changed one.example", "added three.example", "removed two.example"]
        );
        assert!(changes(&second.records, &second.records).is_empty());
        let text = write(&second).unwrap();
        assert!(
            text.contains(&second.commit) && text.contains("Mozilla Public License 2.0"),
            "{text}"
        );
        assert_eq!(
            mailcheck_engine::data::decode(&text).unwrap().records,
            second.records,
            "written and read back"
        );
    }

    #[test]
    fn a_folder_outside_git_is_refused() {
        let dir = std::env::temp_dir().join(format!("mailcheck-ispdb-nogit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let e = import(&dir).err().unwrap();
        assert!(e.contains("not in a git checkout"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
