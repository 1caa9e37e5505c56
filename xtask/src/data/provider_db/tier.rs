//! provider-db joins the records of the better tiers (ours checked, then the ISPDB's) in the data build:
//!
//! - its servers never replace theirs: a domain either of them knows (as a mail or an MX domain) keeps its
//!   record, and only the domains neither knows become provider-db records of their own;
//! - its requirements attach to the record of its domains whoever's servers it has, each with provider-db as
//!   its source, unless that record already has one of the same kind (from a better tier, or another
//!   provider-db entry); a bridge or no-mail-apps requirement, which would say the record's servers are not
//!   for mail apps, never attaches to another tier's record;
//! - where it and the ISPDB name other hosts for a domain, [`disagreements`] collects both, with our checked
//!   record where we have one, for docs/ispdb-differences.md.

use super::{Entry, EntryServer, Imported};
use mailcheck_engine::requirement::Kind;
use mailcheck_engine::{Auth, AuthMethod, Origin, Protocol, Provider, Requirement, Security, Server, UsernameForm};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::mem::discriminant;

/// What joining added, for the build to print.
#[derive(Debug, Default, PartialEq)]
pub struct Joined {
    pub records: usize,
    pub domains: usize,
    /// Requirements attached to other tiers' records, per kind id.
    pub attached: BTreeMap<&'static str, usize>,
    /// Each entry's domains that were not added, and each requirement kept out, with why.
    pub notes: Vec<String>,
}

/// Adds provider-db's records and requirements to the merged records of the better tiers.
pub fn join(records: &mut Vec<Provider>, imported: &Imported) -> Result<Joined, String> {
    let mut mail: HashMap<String, usize> = HashMap::new();
    let mut known: HashSet<String> = HashSet::new();
    for (i, p) in records.iter().enumerate() {
        mail.extend(p.domains.iter().map(|d| (d.clone(), i)));
        known.extend(p.domains.iter().chain(&p.mx_domains).cloned());
    }
    let mut joined = Joined::default();
    for e in &imported.entries {
        let origin = Origin::ProviderDb {
            file: e.file.clone(),
            last_checked: e.last_checked.clone(),
            commit: imported.commit.clone(),
            committed: imported.date.clone(),
        };
        let requirements = requirements(e, &origin)?;
        let mut targets: Vec<usize> = Vec::new();
        for &i in e.domains.iter().filter_map(|d| mail.get(d)) {
            if !targets.contains(&i) {
                targets.push(i);
            }
        }
        for i in targets {
            let p = &mut records[i];
            for q in &requirements {
                if q.kind.replaces_servers() {
                    joined.notes.push(format!(
                        "{}: {} kept out of {}: it would override that record's servers",
                        e.file,
                        q.kind.id(),
                        p.id
                    ));
                } else if p
                    .requirements
                    .iter()
                    .any(|r| discriminant(&r.kind) == discriminant(&q.kind))
                {
                    joined.notes.push(format!(
                        "{}: {} kept out of {}: it has its own",
                        e.file,
                        q.kind.id(),
                        p.id
                    ));
                } else {
                    p.requirements.push(q.clone());
                    *joined.attached.entry(q.kind.id()).or_default() += 1;
                }
            }
        }
        let new: Vec<String> = e.domains.iter().filter(|d| !known.contains(*d)).cloned().collect();
        if new.is_empty() {
            continue;
        }
        if e.servers.is_empty() && !requirements.iter().any(|r| r.kind.replaces_servers()) {
            joined.notes.push(format!(
                "{}: {} domains not added: it names no servers for them",
                e.file,
                new.len()
            ));
            continue;
        }
        let oauth = requirements.iter().any(|r| r.kind == Kind::OAuthOnly);
        let (incoming, outgoing): (Vec<Server>, Vec<Server>) = servers(e, oauth)?
            .into_iter()
            .partition(|s| s.protocol != Protocol::Smtp);
        let auth = if oauth {
            Auth::OAuth2
        } else if requirements.iter().any(|r| r.kind.id() == "app-password") {
            Auth::AppPassword
        } else {
            Auth::Password
        };
        joined.records += 1;
        joined.domains += new.len();
        known.extend(new.iter().cloned());
        records.push(Provider {
            domains: new,
            auth: vec![auth],
            requirements,
            incoming,
            outgoing,
            ..Provider::new(super::super::record_id("provider-db", &e.file), e.name.clone(), origin)
        });
    }
    Ok(joined)
}

/// The entry's requirements, each with provider-db as its source and the hint's words as its quote.
fn requirements(e: &Entry, origin: &Origin) -> Result<Vec<Requirement>, String> {
    e.requirements
        .iter()
        .map(|r| {
            Ok(Requirement {
                kind: Kind::from_id(&r.kind, &r.detail)
                    .ok_or_else(|| format!("{}: requirement {:?} unknown", e.file, r.kind))?,
                url: None,
                origin: origin.clone(),
                quote: Some(r.quote.clone()),
            })
        })
        .collect()
}

/// The entry's servers in the engine's types. provider-db names no sign-in method: chatmail signs in with
/// the password typed (an app password where the hint says so), or OAuth2 where passwords are refused.
fn servers(e: &Entry, oauth: bool) -> Result<Vec<Server>, String> {
    e.servers
        .iter()
        .map(|s| server(s, oauth).ok_or_else(|| format!("{}: server {s:?} unknown", e.file)))
        .collect()
}

fn server(s: &EntryServer, oauth: bool) -> Option<Server> {
    Some(Server {
        protocol: match s.protocol.as_str() {
            "imap" => Protocol::Imap,
            "smtp" => Protocol::Smtp,
            _ => return None,
        },
        host: s.host.clone(),
        port: s.port,
        security: match s.security.as_str() {
            "tls" => Security::Tls,
            "starttls" => Security::Starttls,
            _ => return None,
        },
        username: UsernameForm::from_template(&s.username)?,
        auth: vec![if oauth {
            AuthMethod::OAuth2
        } else {
            AuthMethod::Password
        }],
        leave_on_server: None,
    })
}

/// Where a provider-db entry names an IMAP or SMTP host that the ISPDB file of the same domains does not list
/// (an ISPDB file listing more hosts than the entry is no disagreement).
pub struct Disagreement {
    pub entry: String,
    pub last_checked: String,
    pub theirs: Vec<Server>,
    pub ispdb: Provider,
    pub domains: Vec<String>,
    /// Our checked record of any of the domains.
    pub checked: Option<Provider>,
}

/// Every disagreement, by entry and then ISPDB file, from the records before they were merged.
pub fn disagreements(
    checked: &[Provider],
    ispdb: &[Provider],
    imported: &Imported,
) -> Result<Vec<Disagreement>, String> {
    let hosts = |servers: &mut dyn Iterator<Item = &Server>| -> BTreeSet<(&str, String)> {
        servers
            .filter(|s| s.protocol != Protocol::Pop3)
            .map(|s| (s.protocol.id(), s.host.clone()))
            .collect()
    };
    let mut out: Vec<Disagreement> = Vec::new();
    for e in imported.entries.iter().filter(|e| !e.servers.is_empty()) {
        let theirs = servers(e, false)?;
        let mine = hosts(&mut theirs.iter());
        for d in &e.domains {
            let Some(file) = ispdb.iter().find(|p| p.domains.contains(d)) else {
                continue;
            };
            if mine.is_subset(&hosts(&mut file.incoming.iter().chain(&file.outgoing))) {
                continue;
            }
            match out.iter_mut().find(|x| x.entry == e.file && x.ispdb.id == file.id) {
                Some(x) => x.domains.push(d.clone()),
                None => out.push(Disagreement {
                    entry: e.file.clone(),
                    last_checked: e.last_checked.clone(),
                    theirs: theirs.clone(),
                    ispdb: file.clone(),
                    domains: vec![d.clone()],
                    checked: None,
                }),
            }
        }
    }
    for x in &mut out {
        x.checked = checked
            .iter()
            .find(|p| x.domains.iter().any(|d| p.domains.contains(d)))
            .cloned();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::EntryRequirement;
    use super::*;

    fn server(protocol: &str, host: &str) -> EntryServer {
        EntryServer {
            protocol: protocol.into(),
            host: host.into(),
            port: if protocol == "imap" { 993 } else { 465 },
            security: "tls".into(),
            username: "%EMAILADDRESS%".into(),
        }
    }

    fn requirement(kind: &str, detail: &str) -> EntryRequirement {
        EntryRequirement {
            kind: kind.into(),
            detail: detail.into(),
            quote: format!("The hint of {kind}."),
        }
    }

    fn entry(file: &str, domains: &[&str], servers: Vec<EntryServer>, requirements: Vec<EntryRequirement>) -> Entry {
        Entry {
            file: file.into(),
            name: file.to_uppercase(),
            status: "PREPARATION".into(),
            last_checked: "2020-01".into(),
            domains: domains.iter().map(|d| (*d).to_owned()).collect(),
            servers,
            requirements,
        }
    }

    fn imported(entries: Vec<Entry>) -> Imported {
        Imported {
            commit: "c".repeat(40),
            date: "2026-04-21".into(),
            entries,
        }
    }

    /// An ISPDB record of `domains` (MX domain mx.example) with an app password from the provider's page.
    fn ispdb(domains: &[&str], imap: &str) -> Provider {
        let origin = Origin::Ispdb {
            file: "isp.example.xml".into(),
            changed: "2025-01-01".into(),
            commit: "i".repeat(40),
        };
        let mut p = Provider::new("ispdb-isp".into(), "ISP".into(), origin);
        p.domains = domains.iter().map(|d| (*d).to_owned()).collect();
        p.mx_domains = vec!["mx.example".into()];
        let mut servers = servers(
            &entry(
                "x",
                &[],
                vec![server("imap", imap), server("smtp", "smtp.isp.example")],
                Vec::new(),
            ),
            false,
        )
        .unwrap();
        p.outgoing = servers.split_off(1);
        p.incoming = servers;
        p.requirements.push(Requirement {
            kind: Kind::AppPassword {
                looks: None,
                if_second_factor: false,
            },
            url: None,
            origin: Origin::Checked {
                source: "https://isp.example/help".into(),
                checked: "2026-12-07".into(),
            },
            quote: None,
        });
        p
    }

    #[test]
    fn requirements_attach_to_known_domains_and_unknown_domains_become_records() {
        let mut records = vec![ispdb(&["isp.example", "other.example"], "imap.isp.example")];
        let pdb = imported(vec![
            entry(
                "isp.md",
                &["isp.example", "other.example", "new.example", "mx.example"],
                vec![server("imap", "imap.new.example"), server("smtp", "smtp.new.example")],
                vec![requirement("app-password", ""), requirement("enable-access", "")],
            ),
            entry(
                "bare.md",
                &["bare.example"],
                Vec::new(),
                vec![requirement("enable-access", "")],
            ),
            entry(
                "gone.md",
                &["gone.example", "isp.example"],
                Vec::new(),
                vec![requirement("no-mail-apps", "its web site, https://gone.example")],
            ),
            entry(
                "oauth.md",
                &["oauth.example"],
                vec![server("imap", "imap.o.example"), server("smtp", "smtp.o.example")],
                vec![requirement("oauth-only", "")],
            ),
        ]);
        let joined = join(&mut records, &pdb).unwrap();
        let isp = &records[0];
        assert_eq!(
            isp.requirements.len(),
            2,
            "one enable-access added, the app password kept"
        );
        assert_eq!(isp.requirements[1].kind, Kind::EnableAccess);
        assert_eq!(isp.requirements[1].quote.as_deref(), Some("The hint of enable-access."));
        assert!(
            matches!(&isp.requirements[1].origin, Origin::ProviderDb { file, last_checked, committed, .. }
            if file == "isp.md" && last_checked == "2020-01" && committed == "2026-04-21")
        );
        assert_eq!(isp.origin.tier(), "ispdb", "the servers stay the ISPDB's");

        let ids: Vec<&str> = records.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            ["ispdb-isp", "provider-db-isp", "provider-db-gone", "provider-db-oauth"]
        );
        let new = &records[1];
        assert_eq!(new.domains, ["new.example"], "mx.example is known as an MX domain");
        assert_eq!(new.origin.tier(), "provider-db");
        assert_eq!(
            (new.incoming[0].host.as_str(), new.outgoing[0].host.as_str()),
            ("imap.new.example", "smtp.new.example")
        );
        assert_eq!(new.auth, [Auth::AppPassword]);
        assert_eq!(new.requirements.len(), 2);
        let gone = &records[2];
        assert!(!gone.offers_mail_apps() && gone.domains == ["gone.example"], "{gone:?}");
        let oauth = &records[3];
        assert_eq!(
            (oauth.auth.as_slice(), oauth.incoming[0].auth.as_slice()),
            (&[Auth::OAuth2][..], &[AuthMethod::OAuth2][..])
        );

        assert_eq!((joined.records, joined.domains), (3, 3));
        assert_eq!(joined.attached, BTreeMap::from([("enable-access", 1)]));
        let notes = joined.notes.join("\n");
        for expected in [
            "isp.md: app-password kept out of ispdb-isp: it has its own",
            "bare.md: 1 domains not added: it names no servers for them",
            "gone.md: no-mail-apps kept out of ispdb-isp: it would override that record's servers",
        ] {
            assert!(notes.contains(expected), "{expected}\nin\n{notes}");
        }
        assert_eq!(
            notes.matches("isp.md: app-password kept out").count(),
            1,
            "once per record, not per domain"
        );
    }

    #[test]
    fn an_unknown_requirement_in_the_file_fails_the_build() {
        let pdb = imported(vec![entry(
            "x.md",
            &["x.example"],
            Vec::new(),
            vec![requirement("magic", "")],
        )]);
        assert!(join(&mut Vec::new(), &pdb)
            .unwrap_err()
            .contains("x.md: requirement \"magic\" unknown"));
    }

    #[test]
    fn a_host_the_ispdb_does_not_list_is_a_disagreement_with_our_checked_record_beside_it() {
        let theirs = || vec![server("imap", "imap.isp.example"), server("smtp", "smtp.isp.example")];
        let agrees = imported(vec![entry("isp.md", &["isp.example"], theirs(), Vec::new())]);
        let mut wider = ispdb(&["isp.example"], "imap.isp.example");
        wider.incoming.push(Server {
            host: "export.isp.example".into(),
            ..wider.incoming[0].clone()
        });
        assert!(
            disagreements(&[], &[wider], &agrees).unwrap().is_empty(),
            "the ISPDB listing more is no disagreement"
        );

        let other = imported(vec![entry(
            "isp.md",
            &["isp.example", "other.example"],
            theirs(),
            Vec::new(),
        )]);
        let file = ispdb(&["isp.example", "other.example"], "imap.eu.isp.example");
        let mut ours = file.clone();
        ours.id = "ours".into();
        ours.domains = vec!["other.example".into()];
        let found = disagreements(&[ours], &[file], &other).unwrap();
        let [x] = &found[..] else { panic!("{}", found.len()) };
        assert_eq!(
            (x.entry.as_str(), x.domains.as_slice()),
            ("isp.md", &["isp.example".to_owned(), "other.example".to_owned()][..])
        );
        assert_eq!(x.checked.as_ref().map(|p| p.id.as_str()), Some("ours"));
        let page = super::super::super::differences::page(&[], None, &found, &other);
        assert!(
            page.contains("## isp.md and the ISPDB's isp.example.xml, for isp.example, other.example"),
            "{page}"
        );
        assert!(
            page.contains("- provider-db's isp.md (last checked 2020-01): IMAP imap.isp.example:993 (SSL/TLS)"),
            "{page}"
        );
        assert!(
            page.contains("- the ISPDB (last changed 2025-01-01): IMAP imap.eu.isp.example:993"),
            "{page}"
        );
        assert!(
            page.contains("- our checked record ISP (`ours`), which mailcheck uses"),
            "{page}"
        );
    }
}
