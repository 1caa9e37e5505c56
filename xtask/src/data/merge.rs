//! Our checked records and the ISPDB's, as one list: where both know a domain, the checked record wins, and
//! every ISPDB host that contradicts it becomes one of its known wrong hosts, with the reason.
//!
//! Everything the two disagree on is also collected ([`Comparison`]) for docs/ispdb-differences.md, the
//! page a maintainer reads before sending corrections upstream.

use super::checked::Attach;
use mailcheck_engine::{Origin, Protocol, Provider, Server, WrongHost};
use std::collections::{BTreeSet, HashMap};

/// One checked record next to the ISPDB files that share its domains.
pub struct Comparison {
    pub record: Provider,
    pub files: Vec<FileComparison>,
    /// Our domains that no ISPDB file lists.
    pub missing: Vec<String>,
}

/// What one ISPDB file says about a checked record's domains.
pub struct FileComparison {
    pub file: String,
    pub changed: String,
    pub shared: Vec<String>,
    /// Each difference in words; empty when the file agrees.
    pub differences: Vec<String>,
}

/// The merged records (checked first, in their order, then the ISPDB's) and the comparisons.
pub fn merge(checked: Vec<Provider>, ispdb: Vec<Provider>) -> (Vec<Provider>, Vec<Comparison>) {
    let ours: HashMap<&str, usize> = checked
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.domains.iter().chain(&p.mx_domains).map(move |d| (d.as_str(), i)))
        .collect();
    let mut comparisons: Vec<Comparison> = checked
        .iter()
        .map(|p| Comparison {
            record: p.clone(),
            files: Vec::new(),
            missing: p
                .domains
                .iter()
                .filter(|d| !ispdb.iter().any(|i| i.domains.contains(d) || i.mx_domains.contains(d)))
                .cloned()
                .collect(),
        })
        .collect();
    let mut wrong: Vec<Vec<WrongHost>> = vec![Vec::new(); checked.len()];
    let mut kept = Vec::new();
    for mut theirs in ispdb {
        let mut by_record: Vec<(usize, Vec<String>)> = Vec::new();
        for d in theirs.domains.iter().chain(&theirs.mx_domains) {
            if let Some(&i) = ours.get(d.as_str()) {
                match by_record.iter_mut().find(|(r, _)| *r == i) {
                    Some((_, shared)) => shared.push(d.clone()),
                    None => by_record.push((i, vec![d.clone()])),
                }
            }
        }
        for (i, shared) in by_record {
            let record = &checked[i];
            let (differences, hosts) = compare(record, &theirs, &shared);
            for host in hosts {
                let listed = record.wrong_hosts.iter().chain(&wrong[i]).any(|w| w.host == host.host);
                if !listed {
                    wrong[i].push(host);
                }
            }
            if let Origin::Ispdb { file, changed, .. } = &theirs.origin {
                comparisons[i].files.push(FileComparison {
                    file: file.clone(),
                    changed: changed.clone(),
                    shared,
                    differences,
                });
            }
        }
        theirs.domains.retain(|d| !ours.contains_key(d.as_str()));
        theirs.mx_domains.retain(|d| !ours.contains_key(d.as_str()));
        if !theirs.domains.is_empty() || !theirs.mx_domains.is_empty() {
            kept.push(theirs);
        }
    }
    let mut records: Vec<Provider> = checked
        .into_iter()
        .zip(wrong)
        .map(|(mut p, wrong)| {
            p.wrong_hosts.extend(wrong);
            p
        })
        .collect();
    records.extend(kept);
    (records, comparisons)
}

/// Adds each requirement-only record's requirements (our `[[attach]]` tables) to the ISPDB record that holds
/// all its domains, after the ISPDB's own: the record keeps its servers and origin, and each requirement
/// says whose word it is. Fails when no single ISPDB record holds them (a checked record lists its
/// requirements itself).
///
/// The MX-host domains of an attach table (`[[attach.mx]]`, each from the provider's own page) join the same
/// record with their page; the build fails when another record already holds one (as a mail or an MX
/// domain), or when another page already named it.
pub fn attach_all(records: &mut [Provider], attach: Vec<Attach>) -> Result<(), String> {
    for a in attach {
        let holds = |p: &Provider| a.domains.iter().all(|d| p.domains.contains(d));
        match records.iter().position(holds) {
            Some(i) if records[i].origin.tier() == "ispdb" => {
                for d in a.mx.iter().flat_map(|m| &m.domains) {
                    let other = records.iter().enumerate().find(|(j, p)| {
                        *j != i && (p.domains.contains(d) || p.mx_domains.contains(d))
                            || p.mx_sources.iter().any(|s| s.domains.contains(d))
                    });
                    if let Some((_, p)) = other {
                        return Err(format!(
                            "MX domain {d} for {}: already claimed by {}; no MX domain may lead to two records",
                            a.domains.join(" "),
                            p.id
                        ));
                    }
                }
                let p = &mut records[i];
                p.requirements.extend(a.requirements);
                for m in a.mx {
                    p.add_mx_source(m);
                }
            }
            Some(i) => {
                let p = &records[i];
                return Err(format!(
                    "requirements or MX domains for {}: {} is our own record: list them in it",
                    a.domains.join(" "),
                    p.id
                ));
            }
            None => {
                return Err(format!(
                    "requirements or MX domains for {}: no ISPDB record holds all of these domains",
                    a.domains.join(" ")
                ))
            }
        }
    }
    Ok(())
}

/// Fails when an MX-host domain of a checked record (`[[provider.mx]]`) is claimed by another checked record
/// (as a mail or an MX domain), or is a mail domain of an ISPDB record that is not one of its own: merging
/// would take that mail domain from the ISPDB's record. An ISPDB record's MX domain that a checked record
/// claims is the checked record's, as for mail domains.
pub fn check_mx_claims(checked: &[Provider], ispdb: &[Provider]) -> Result<(), String> {
    for (i, p) in checked.iter().enumerate() {
        for d in p.mx_sources.iter().flat_map(|s| &s.domains) {
            if p.domains.contains(d) {
                continue;
            }
            let claimed = |q: &Provider| q.domains.contains(d) || q.mx_domains.contains(d);
            let ours = checked.iter().enumerate().find(|(j, q)| *j != i && claimed(q));
            if let Some((_, q)) = ours {
                return Err(format!(
                    "MX domain {d} of {}: already claimed by {}; no MX domain may lead to two records",
                    p.id, q.id
                ));
            }
            if let Some(q) = ispdb.iter().find(|q| q.domains.contains(d)) {
                return Err(format!(
                    "MX domain {d} of {}: a mail domain of the ISPDB's {}, not of this record",
                    p.id, q.id
                ));
            }
        }
    }
    Ok(())
}

/// How an ISPDB record differs from a checked one for the domains they share, in words, and the ISPDB hosts
/// that are not servers of the checked record, as wrong hosts.
fn compare(ours: &Provider, theirs: &Provider, shared: &[String]) -> (Vec<String>, Vec<WrongHost>) {
    let (source_page, checked) = match &ours.origin {
        Origin::Checked { checked, .. } => ("own page", checked.as_str()),
        Origin::Ispdb { .. } | Origin::ProviderDb { .. } | Origin::Discovered { .. } => ("record", ""),
    };
    let mut differences = Vec::new();
    let mut wrong = Vec::new();
    let servers = |p: &Provider| p.incoming.iter().chain(&p.outgoing).cloned().collect::<Vec<Server>>();
    let (mine, listed) = (servers(ours), servers(theirs));
    let mut hosts_said = BTreeSet::new();
    for s in &listed {
        if mine.iter().any(|m| same(m, s)) {
            continue;
        }
        match mine.iter().find(|m| m.protocol == s.protocol && m.host == s.host) {
            Some(m) => differences.push(format!(
                "{}: the ISPDB lists {s}, {}'s {source_page} names {m}",
                s.protocol.label(),
                ours.name
            )),
            None if mine.iter().any(|m| m.host == s.host) => differences.push(format!(
                "{}: the ISPDB lists {s}, but {} is {}'s {} server",
                s.protocol.label(),
                s.host,
                ours.name,
                mine.iter()
                    .find(|m| m.host == s.host)
                    .map_or("", |m| m.protocol.label())
            )),
            None => {
                let right = mine.iter().find(|m| m.protocol == s.protocol);
                differences.push(format!(
                    "{}: the ISPDB lists {s}; {}'s {source_page} {}",
                    s.protocol.label(),
                    ours.name,
                    right.map_or_else(
                        || format!("publishes no {} server", s.protocol.label()),
                        |m| format!("names {m}")
                    )
                ));
                if hosts_said.insert(s.host.clone()) {
                    wrong.push(WrongHost {
                        host: s.host.clone(),
                        why: why(ours, s, right, shared, checked),
                    });
                }
            }
        }
        if mine
            .iter()
            .any(|m| m.protocol == s.protocol && m.host == s.host && m.username != s.username)
        {
            differences.push(format!(
                "{} user name: the ISPDB lists {}, {}'s {source_page} names {}",
                s.protocol.label(),
                s.username.template(),
                ours.name,
                mine.iter()
                    .find(|m| m.host == s.host)
                    .map_or("", |m| m.username.template())
            ));
        }
    }
    // Ours that the ISPDB lacks, where nothing above already named the protocol's server.
    for m in &mine {
        if !listed.iter().any(|s| s.protocol == m.protocol) {
            differences.push(format!(
                "{}: the ISPDB lacks {m}, which {}'s {source_page} names",
                m.protocol.label(),
                ours.name
            ));
        }
    }
    (differences, wrong)
}

fn same(a: &Server, b: &Server) -> bool {
    (a.protocol, &a.host, a.port, a.security, &a.username) == (b.protocol, &b.host, b.port, b.security, &b.username)
}

/// Why an ISPDB host is wrong for a checked record, in words the app shows next to it.
fn why(ours: &Provider, listed: &Server, right: Option<&Server>, shared: &[String], checked: &str) -> String {
    let domains = match shared {
        [one] => one.clone(),
        [first, second] => format!("{first} and {second}"),
        [first, rest @ ..] => format!("{first} and {} more of its domains", rest.len()),
        [] => ours.name.clone(),
    };
    let kind = if listed.protocol == Protocol::Smtp {
        "sending".to_owned()
    } else {
        listed.protocol.label().to_owned()
    };
    match right {
        Some(right) => format!(
            "The Thunderbird ISPDB, a community database, lists {} for {domains}, but {}'s own page (checked {checked}) \
             names {} for {kind}.",
            listed.host, ours.name, right.host
        ),
        None => format!(
            "The Thunderbird ISPDB, a community database, lists {} for {domains}, but {}'s own page (checked {checked}) \
             publishes no {kind} server.",
            listed.host, ours.name
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mailcheck_engine::{Auth, AuthMethod, Security, UsernameForm};

    fn server(protocol: Protocol, host: &str, port: u16, security: Security) -> Server {
        Server {
            protocol,
            host: host.into(),
            port,
            security,
            username: UsernameForm::Address,
            auth: vec![AuthMethod::Password],
            leave_on_server: None,
        }
    }

    fn record(id: &str, origin: Origin, domains: &[&str], incoming: Vec<Server>, outgoing: Vec<Server>) -> Provider {
        Provider {
            domains: domains.iter().map(|d| (*d).to_owned()).collect(),
            auth: vec![Auth::Password],
            incoming,
            outgoing,
            ..Provider::new(id.into(), id.to_uppercase(), origin)
        }
    }

    fn checked() -> Provider {
        record(
            "ours",
            Origin::Checked {
                source: "https://ours.example/help".into(),
                checked: "2026-11-26".into(),
            },
            &["a.example", "b.example", "only-ours.example"],
            vec![server(Protocol::Pop3, "pop.ours.example", 995, Security::Tls)],
            vec![server(Protocol::Smtp, "smtp.ours.example", 587, Security::Starttls)],
        )
    }

    fn ispdb(file: &str, domains: &[&str], incoming: Vec<Server>, outgoing: Vec<Server>) -> Provider {
        let origin = Origin::Ispdb {
            file: file.into(),
            changed: "2022-01-01".into(),
            commit: "c".repeat(40),
        };
        record(&format!("ispdb-{file}"), origin, domains, incoming, outgoing)
    }

    #[test]
    fn attached_requirements_go_to_the_one_ispdb_record_that_holds_their_domains() {
        use mailcheck_engine::requirement::Kind;
        use mailcheck_engine::Requirement;
        let servers = || {
            (
                vec![server(Protocol::Imap, "imap.t.example", 993, Security::Tls)],
                vec![server(Protocol::Smtp, "smtp.t.example", 465, Security::Tls)],
            )
        };
        let (i, o) = servers();
        let (mut records, _) = merge(
            vec![checked()],
            vec![ispdb("t.example.xml", &["t.example", "u.example"], i, o)],
        );
        let attach = |domains: &[&str]| Attach {
            domains: domains.iter().map(|d| (*d).to_owned()).collect(),
            requirements: vec![Requirement {
                kind: Kind::EnableAccess,
                url: None,
                origin: Origin::Checked {
                    source: "https://t.example/imap".into(),
                    checked: "2026-12-07".into(),
                },
                quote: None,
            }],
            mx: Vec::new(),
        };
        attach_all(&mut records, vec![attach(&["u.example", "t.example"])]).unwrap();
        assert_eq!(records[1].requirements.len(), 1);
        assert_eq!(records[1].origin.tier(), "ispdb", "the servers stay the ISPDB's");
        for (domains, expected) in [
            (&["a.example"][..], "is our own record"),
            (&["t.example", "nowhere.example"][..], "no ISPDB record holds"),
        ] {
            let e = attach_all(&mut records, vec![attach(domains)]).unwrap_err();
            assert!(e.contains(expected), "{domains:?}: {e}");
        }
    }

    #[test]
    fn the_checked_record_wins_and_contradicting_hosts_become_wrong_hosts() {
        let old = ispdb(
            "a.example.xml",
            &["a.example", "b.example", "theirs.example"],
            vec![
                server(Protocol::Pop3, "pop.a.example", 995, Security::Tls),
                server(Protocol::Imap, "imap.a.example", 993, Security::Tls),
            ],
            vec![server(Protocol::Smtp, "smtp.ours.example", 465, Security::Tls)],
        );
        let (records, comparisons) = merge(vec![checked()], vec![old]);
        let ids: Vec<&str> = records.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["ours", "ispdb-a.example.xml"]);
        assert_eq!(
            records[1].domains,
            ["theirs.example"],
            "shared domains go to the checked record"
        );
        let wrong: Vec<(&str, &str)> = records[0]
            .wrong_hosts
            .iter()
            .map(|w| (w.host.as_str(), w.why.as_str()))
            .collect();
        assert_eq!(wrong.len(), 2, "{wrong:?}");
        assert_eq!(wrong[0].0, "pop.a.example");
        assert!(wrong[0].1.contains("lists pop.a.example for a.example and b.example, but OURS's own page (checked 2026-11-26) names pop.ours.example for POP3"), "{}", wrong[0].1);
        assert!(wrong[1].1.contains("publishes no IMAP server"), "{}", wrong[1].1);
        let c = &comparisons[0];
        assert_eq!(c.missing, ["only-ours.example"]);
        let said = c.files[0].differences.join("\n");
        assert!(said.contains("SMTP: the ISPDB lists SMTP smtp.ours.example:465 (SSL/TLS), OURS's own page names SMTP smtp.ours.example:587 (STARTTLS)"), "{said}");
        assert!(
            !records[0].wrong_hosts.iter().any(|w| w.host == "smtp.ours.example"),
            "same host, other port: not a wrong host"
        );
    }

    #[test]
    fn an_agreeing_file_adds_nothing_and_a_fully_covered_file_is_dropped() {
        let same = ispdb(
            "b.example.xml",
            &["b.example"],
            vec![server(Protocol::Pop3, "pop.ours.example", 995, Security::Tls)],
            vec![server(Protocol::Smtp, "smtp.ours.example", 587, Security::Starttls)],
        );
        let (records, comparisons) = merge(vec![checked()], vec![same]);
        assert_eq!(records.len(), 1, "every domain of the file is ours");
        assert!(records[0].wrong_hosts.is_empty());
        assert!(comparisons[0].files[0].differences.is_empty());
    }

    #[test]
    fn our_own_wrong_host_reasons_are_kept() {
        let mut ours = checked();
        ours.wrong_hosts.push(WrongHost {
            host: "pop.a.example".into(),
            why: "Our reason.".into(),
        });
        let old = ispdb(
            "a.example.xml",
            &["a.example"],
            vec![server(Protocol::Pop3, "pop.a.example", 995, Security::Tls)],
            vec![server(Protocol::Smtp, "smtp.ours.example", 587, Security::Starttls)],
        );
        let (records, _) = merge(vec![ours], vec![old]);
        assert_eq!(records[0].wrong_hosts.len(), 1);
        assert_eq!(records[0].wrong_hosts[0].why, "Our reason.");
    }

    #[test]
    fn unrelated_records_pass_through() {
        let other = ispdb(
            "c.example.xml",
            &["c.example"],
            vec![server(Protocol::Imap, "imap.c.example", 993, Security::Tls)],
            vec![server(Protocol::Smtp, "smtp.c.example", 465, Security::Tls)],
        );
        let (records, comparisons) = merge(vec![checked()], vec![other.clone()]);
        assert_eq!(records[1], other);
        assert!(comparisons[0].files.is_empty(), "no file mentions the checked record");
        assert_eq!(
            comparisons[0].missing.len(),
            3,
            "all its domains are missing from the ISPDB"
        );
    }
}

#[cfg(test)]
mod mx_tests {
    use super::*;
    use mailcheck_engine::MxSource;

    fn page(domains: &[&str]) -> MxSource {
        MxSource {
            domains: domains.iter().map(|d| (*d).to_owned()).collect(),
            source: "https://t.example/mx".into(),
            checked: "2026-12-07".into(),
        }
    }

    fn record(id: &str, origin: Origin, domains: &[&str], mx: &[&str]) -> Provider {
        Provider {
            domains: domains.iter().map(|d| (*d).to_owned()).collect(),
            mx_domains: mx.iter().map(|d| (*d).to_owned()).collect(),
            ..Provider::new(id.into(), id.into(), origin)
        }
    }

    fn ispdb(id: &str, domains: &[&str], mx: &[&str]) -> Provider {
        let origin = Origin::Ispdb {
            file: format!("{id}.xml"),
            changed: "2022-01-01".into(),
            commit: "c".repeat(40),
        };
        record(id, origin, domains, mx)
    }

    fn checked(id: &str, domains: &[&str], mx: &[&str]) -> Provider {
        let origin = Origin::Checked {
            source: "https://ours.example".into(),
            checked: "2026-12-07".into(),
        };
        let mut p = record(id, origin, domains, &[]);
        p.add_mx_source(page(mx));
        p
    }

    fn attach(domains: &[&str], mx: &[&str]) -> Attach {
        Attach {
            domains: domains.iter().map(|d| (*d).to_owned()).collect(),
            requirements: Vec::new(),
            mx: vec![page(mx)],
        }
    }

    #[test]
    fn attached_mx_domains_join_their_ispdb_record_with_their_page() {
        let mut records = vec![
            ispdb("t", &["t.example"], &["mx.t-hosting.example", "t-mx.example"]),
            ispdb("u", &["u.example"], &["u-mx.example"]),
        ];
        // Already the ISPDB's: now with the provider's page, and in the order the data file writes.
        attach_all(
            &mut records,
            vec![attach(&["t.example"], &["t-mx.example", "t.example", "t2-mx.example"])],
        )
        .unwrap();
        let t = &records[0];
        assert_eq!(t.mx_domains, ["mx.t-hosting.example", "t-mx.example", "t2-mx.example"]);
        assert_eq!(
            t.mx_source("t-mx.example"),
            Some(("https://t.example/mx", "2026-12-07"))
        );
        assert_eq!(t.mx_source("t.example"), Some(("https://t.example/mx", "2026-12-07")));
        assert_eq!(t.mx_source("mx.t-hosting.example"), None);
        for (to, claim) in [
            ("t.example", "u-mx.example"),
            ("t.example", "u.example"),
            ("u.example", "t2-mx.example"),
        ] {
            let e = attach_all(&mut records.clone(), vec![attach(&[to], &[claim])]).unwrap_err();
            assert!(e.contains("already claimed"), "{claim} for {to}: {e}");
        }
        let e = attach_all(&mut records.clone(), vec![attach(&["t.example"], &["t2-mx.example"])]).unwrap_err();
        assert!(e.contains("already claimed by t"), "named twice for one record: {e}");
    }

    #[test]
    fn a_checked_mx_domain_may_take_no_one_elses_domain() {
        let ours = checked("ours", &["ours.example"], &["ours-mx.example", "ours.example"]);
        let ispdb_mx = ispdb("t", &["t.example"], &["ours-mx.example"]);
        check_mx_claims(std::slice::from_ref(&ours), &[ispdb_mx])
            .expect("an ISPDB record's MX domain is ours to claim");
        let twin = checked("twin", &["twin.example"], &["ours-mx.example"]);
        let e = check_mx_claims(&[ours.clone(), twin], &[]).unwrap_err();
        assert!(e.contains("already claimed by"), "{e}");
        let mail = ispdb("t", &["t.example", "ours-mx.example"], &[]);
        let e = check_mx_claims(&[ours], &[mail]).unwrap_err();
        assert!(e.contains("a mail domain of the ISPDB's t"), "{e}");
    }
}
