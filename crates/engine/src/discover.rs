//! Discovery's pure part: merging what each source said about a domain into one [`Provider`] of the
//! `discovered` tier, and checking a discovered record that arrives from outside (the server's stream, the
//! browser's ISPDB answer) before the app uses it. The fetching, DNS and probing live in the native server
//! (`crates/server/src/discover/`); this module does no I/O.
//!
//! The merge follows the order of trust of [`Source::rank`]: on each side (incoming, outgoing) the servers
//! of the most trusted source that has any are the record's; every other source is compared with them
//! server by server, so the report can say who agrees and who says something else.

pub mod clean;
pub mod mx;
pub mod srv;
mod step;

pub use step::Step;

use crate::client_config::credentials;
use crate::data::{self, DataError};
use crate::model::{Origin, Protocol, Provider, Security, Server, Source};
use crate::requirement::Requirement;

/// What one source found: a record that may lack a side (SRV records without submission, say). Its
/// name, notes, links and credentials are used when it wins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub source: Source,
    pub record: Provider,
}

/// The merged answer: the record, and per server who agrees and who said something else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    pub provider: Provider,
    /// Each server of the record, incoming first, with the sources that list it too.
    pub servers: Vec<Agreement>,
    /// Servers other sources give that the record does not have: disagreements, shown, never hidden.
    pub others: Vec<Other>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    pub server: Server,
    /// Every source that lists this server, the most trusted first.
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Other {
    pub source: Source,
    pub server: Server,
}

/// Whether two servers are the same for a mail app: protocol, host, port and encryption.
pub fn same_server(a: &Server, b: &Server) -> bool {
    a.protocol == b.protocol && a.port == b.port && a.security == b.security && a.host.eq_ignore_ascii_case(&b.host)
}

/// The id of a discovered record of `domain`.
pub fn id_for(domain: &str) -> String {
    format!("discovered-{}", domain.replace('.', "-"))
}

/// Merges the candidates found for `domain` on `found` (`YYYY-MM-DD`). `None` when no source gave an
/// incoming or none an outgoing server.
pub fn merge(domain: &str, found: &str, mut candidates: Vec<Candidate>) -> Option<Merged> {
    candidates.sort_by_key(|c| c.source.rank());
    let incoming = candidates.iter().position(|c| !c.record.incoming.is_empty())?;
    let outgoing = candidates.iter().position(|c| !c.record.outgoing.is_empty())?;
    let base = &candidates[incoming.min(outgoing)].record;
    let (ins, outs) = (
        candidates[incoming].record.incoming.clone(),
        candidates[outgoing].record.outgoing.clone(),
    );
    let supports = |c: &Candidate| {
        let side =
            |theirs: &[Server], first: &Server| theirs.is_empty() || theirs.iter().any(|s| same_server(s, first));
        side(&c.record.incoming, &ins[0]) && side(&c.record.outgoing, &outs[0])
    };
    let mut sources: Vec<Source> = Vec::new();
    for c in &candidates {
        if supports(c) && !sources.contains(&c.source) {
            sources.push(c.source.clone());
        }
    }
    let servers = ins
        .iter()
        .chain(&outs)
        .map(|s| {
            let mut agree: Vec<Source> = Vec::new();
            for c in &candidates {
                let lists = c
                    .record
                    .incoming
                    .iter()
                    .chain(&c.record.outgoing)
                    .any(|t| same_server(s, t));
                if lists && !agree.contains(&c.source) {
                    agree.push(c.source.clone());
                }
            }
            Agreement {
                server: s.clone(),
                sources: agree,
            }
        })
        .collect();
    let mut others: Vec<Other> = Vec::new();
    for c in &candidates {
        for s in c.record.incoming.iter().chain(&c.record.outgoing) {
            let listed = ins.iter().chain(&outs).any(|t| same_server(s, t));
            let repeated = others.iter().any(|o| o.source == c.source && same_server(&o.server, s));
            if !listed && !repeated {
                others.push(Other {
                    source: c.source.clone(),
                    server: s.clone(),
                });
            }
        }
    }
    let auth = if incoming == outgoing && !base.auth.is_empty() {
        base.auth.clone()
    } else {
        credentials(&ins, &outs)
    };
    let origin = Origin::Discovered {
        domain: domain.to_owned(),
        found: found.to_owned(),
        sources,
    };
    // The source's requirements travel as part of what was discovered, with the record's own origin.
    let requirements = base
        .requirements
        .iter()
        .map(|r| Requirement {
            origin: origin.clone(),
            ..r.clone()
        })
        .collect();
    let provider = Provider {
        id: id_for(domain),
        name: base.name.clone(),
        origin,
        domains: vec![domain.to_owned()],
        mx_domains: Vec::new(),
        mx_sources: Vec::new(),
        auth,
        imap: base.imap,
        mailbox_mb: None,
        send_limit_mb: None,
        hosted_by: None,
        notes: base.notes.clone(),
        docs: base.docs.clone(),
        requirements,
        incoming: ins,
        outgoing: outs,
        wrong_hosts: Vec::new(),
    };
    Some(Merged {
        provider,
        servers,
        others,
    })
}

/// A bare record for what DNS or a guess gives: servers and nothing else, named after the domain, signing in
/// with a password and the whole address (RFC 6186 and Thunderbird's guesses assume the same).
pub fn bare(domain: &str, incoming: Vec<Server>, outgoing: Vec<Server>) -> Provider {
    let origin = Origin::Discovered {
        domain: domain.to_owned(),
        found: String::new(),
        sources: Vec::new(),
    };
    Provider {
        domains: vec![domain.to_owned()],
        auth: vec![crate::model::Auth::Password],
        incoming,
        outgoing,
        ..Provider::new(id_for(domain), domain.to_owned(), origin)
    }
}

/// A server as DNS or a guess gives it: the whole address as the user name, a password to sign in.
pub fn server(protocol: Protocol, host: &str, port: u16, security: Security) -> Server {
    Server {
        protocol,
        host: host.to_owned(),
        port,
        security,
        username: crate::model::UsernameForm::Address,
        auth: vec![crate::model::AuthMethod::Password],
        leave_on_server: None,
    }
}

/// Reads one discovered record of `domain` in the data file's format (what the server streams, what the
/// browser's ISPDB reader writes) and checks what the data file's own reader takes on trust: that it is one
/// record, of the discovered tier, for this domain. It then passes the boundary for text from outside
/// ([`clean::record`], which also leaves out a server whose host is not a host name): what the server sends
/// passed it already and comes out unchanged; the browser's ISPDB answer is cleaned here, and refused only
/// when no server of a side is left. Credentials are worked out from the servers where the text gives none.
pub fn accept(text: &str, domain: &str) -> Result<Provider, DataError> {
    let bad = |problem| DataError::new(0, problem, domain);
    let mut records = data::decode(text)?.records;
    let p = records
        .pop()
        .filter(|_| records.is_empty())
        .ok_or(bad("not one record"))?;
    if !matches!(&p.origin, Origin::Discovered { domain: d, .. } if d == domain) || p.domains != [domain] {
        return Err(bad("not a record discovered for this domain"));
    }
    // Only a checked record can say a provider offers mail apps no servers; discovery always finds some.
    if !p.offers_mail_apps() {
        return Err(bad("a discovered record without servers"));
    }
    // Only our checked data names a provider's own page for its MX hosts (`Provider::mx_source`).
    if !p.mx_sources.is_empty() {
        return Err(bad("a discovered record naming a page for its MX hosts"));
    }
    let mut p = clean::record(p).provider;
    let sourced = matches!(&p.origin, Origin::Discovered { sources, .. } if !sources.is_empty());
    if p.incoming.is_empty() || p.outgoing.is_empty() || !sourced {
        return Err(bad("nothing usable is left once its texts are cleaned"));
    }
    if p.auth.is_empty() {
        p.auth = credentials(&p.incoming, &p.outgoing);
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Auth;
    use crate::model::Protocol::{Imap, Pop3, Smtp};
    use crate::model::Security::{Starttls, Tls};
    use proptest::prelude::any;

    fn candidate(
        source: Source,
        incoming: &[(Protocol, &str, u16, Security)],
        outgoing: &[(Protocol, &str, u16, Security)],
    ) -> Candidate {
        let list = |l: &[(Protocol, &str, u16, Security)]| l.iter().map(|&(p, h, n, s)| server(p, h, n, s)).collect();
        let mut record = bare("example.org", list(incoming), list(outgoing));
        record.name = source.id();
        Candidate { source, record }
    }

    proptest::proptest! {
        #[test]
        fn any_text_from_outside_is_checked_without_panicking(text in any::<String>(), cut in 0usize..400) {
            let _ = accept(&text, "example.org");
            let record = "mailcheck-providers\t1\nP\tdiscovered-example-org\tX\nV\texample.org\t2026-12-01\tsrv\n\
                          D\texample.org\nS\tin\timap\timap.example.org\t993\ttls\t%EMAILADDRESS%\tpassword\t-\n\
                          S\tout\tsmtp\tsmtp.example.org\t465\ttls\t%EMAILADDRESS%\tpassword\t-\n";
            proptest::prop_assert!(accept(record, "example.org").is_ok());
            let cut = cut.min(record.len());
            let _ = accept(&format!("{}{text}{}", &record[..cut], &record[cut..]), "example.org");
        }
    }

    #[test]
    fn the_most_trusted_source_wins_and_the_others_are_compared() {
        let merged = merge(
            "example.org",
            "2026-12-01",
            vec![
                candidate(
                    Source::Srv,
                    &[(Imap, "imap.example.org", 993, Tls)],
                    &[(Smtp, "smtp.other.org", 465, Tls)],
                ),
                candidate(
                    Source::Autoconfig,
                    &[
                        (Imap, "IMAP.example.org", 993, Tls),
                        (Pop3, "pop.example.org", 995, Tls),
                    ],
                    &[(Smtp, "smtp.example.org", 587, Starttls)],
                ),
                candidate(Source::Guess, &[(Imap, "mail.example.org", 993, Tls)], &[]),
            ],
        )
        .unwrap();
        let p = &merged.provider;
        assert_eq!(p.name, "autoconfig");
        assert_eq!(p.id, "discovered-example-org");
        assert_eq!(p.domains, ["example.org"]);
        assert_eq!(p.incoming.len(), 2);
        assert_eq!(p.outgoing[0].host, "smtp.example.org");
        // SRV agrees on the incoming server but names another outgoing one: not among the agreeing sources.
        assert!(
            matches!(&p.origin, Origin::Discovered { sources, found, .. } if sources == &[Source::Autoconfig] && found == "2026-12-01")
        );
        assert_eq!(merged.servers[0].sources, [Source::Autoconfig, Source::Srv]);
        assert_eq!(merged.servers[1].sources, [Source::Autoconfig]);
        let others: Vec<(&Source, &str)> = merged
            .others
            .iter()
            .map(|o| (&o.source, o.server.host.as_str()))
            .collect();
        assert_eq!(
            others,
            [(&Source::Srv, "smtp.other.org"), (&Source::Guess, "mail.example.org")]
        );
    }

    #[test]
    fn agreeing_sources_are_named_and_a_missing_side_comes_from_the_next_source() {
        let merged = merge(
            "example.org",
            "2026-12-01",
            vec![
                candidate(Source::Srv, &[(Imap, "imap.example.org", 993, Tls)], &[]),
                candidate(
                    Source::Mx("Microsoft 365".into()),
                    &[(Imap, "imap.example.org", 993, Tls)],
                    &[],
                ),
                candidate(Source::Guess, &[], &[(Smtp, "smtp.example.org", 465, Tls)]),
            ],
        )
        .unwrap();
        let Origin::Discovered { sources, .. } = &merged.provider.origin else {
            panic!()
        };
        assert_eq!(
            sources,
            &[Source::Mx("Microsoft 365".into()), Source::Srv, Source::Guess]
        );
        assert_eq!(merged.provider.auth, [Auth::Password]);
        assert!(merged.others.is_empty());
        assert!(merge(
            "example.org",
            "2026-12-01",
            vec![candidate(Source::Srv, &[(Imap, "i.example.org", 993, Tls)], &[])]
        )
        .is_none());
        assert!(merge("example.org", "2026-12-01", Vec::new()).is_none());
    }

    #[test]
    fn a_discovered_record_goes_through_the_data_format_and_is_checked() {
        let merged = merge(
            "example.org",
            "2026-12-01",
            vec![candidate(
                Source::Mx("G: Mail".into()),
                &[(Imap, "imap.example.org", 993, Tls)],
                &[(Smtp, "smtp.example.org", 465, Tls)],
            )],
        )
        .unwrap();
        let text = data::encode(&[], std::slice::from_ref(&merged.provider), None, &Default::default()).unwrap();
        assert!(text.contains("V\texample.org\t2026-12-01\tmx:G: Mail\n"), "{text}");
        assert_eq!(accept(&text, "example.org").unwrap(), merged.provider);
        assert!(accept(&text, "example.com").is_err(), "another domain's record");
        let hostile = text.replace("imap.example.org", "imap.example.org/../x");
        assert!(accept(&hostile, "example.org").is_err());
        // A server whose host is not a host name is left out by the boundary; the others are kept.
        let extra = "S\tin\timap\timap.example.org/../x\t993\ttls\t%EMAILADDRESS%\tpassword\t-\n";
        let mixed = text.replacen("S\tout", &format!("{extra}S\tout"), 1);
        assert_ne!(mixed, text);
        assert_eq!(accept(&mixed, "example.org").unwrap(), merged.provider);
        let checked = text.replace(
            "V\texample.org\t2026-12-01\tmx:G: Mail",
            "C\thttps://example.org/\t2026-12-01",
        );
        assert!(
            accept(&checked, "example.org").is_err(),
            "a record claiming to be checked"
        );
        let paged = text.replacen(
            "S\tin",
            "Z\thttps://example.org/mx\t2026-12-01\tmx.example.org\nS\tin",
            1,
        );
        assert_ne!(paged, text);
        assert!(
            accept(&paged, "example.org").is_err(),
            "a record claiming a provider's page for its MX hosts"
        );
        let two = format!(
            "{text}{}",
            text.lines().skip(1).map(|l| format!("{l}\n")).collect::<String>()
        );
        assert!(accept(&two, "example.org").is_err());
        let no_auth: String = text
            .lines()
            .filter(|l| !l.starts_with("A\t"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(accept(&no_auth, "example.org").unwrap().auth, [Auth::Password]);
        for bad in [
            "V\texample.org\t2026-12-01",
            "V\texample.org\t2026-12-01\tmagic",
            "V\texample.org\t2026-12-01\tmx:",
        ] {
            let damaged = text.replace("V\texample.org\t2026-12-01\tmx:G: Mail", bad);
            assert!(data::decode(&damaged).is_err(), "{bad}");
        }
    }
}
