//! A domain's SRV records for mail (RFC 6186, with RFC 8314's implicit-TLS submission) turned into a bare
//! record: the one reading both discoveries use, the server's (its resolver) and the browser's (DNS over
//! HTTPS), so the same answers give the same servers and the same sentence.

use super::clean::{self, Change, Cleaned};
use crate::catalog::discover as texts;
use crate::client_config::is_domain_name;
use crate::model::{Protocol, Provider, Security, Server};

/// One service a mail app can use, as RFC 6186 and RFC 8314 name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Service {
    /// The name before the domain: `_imaps._tcp`.
    pub name: &'static str,
    pub protocol: Protocol,
    pub security: Security,
}

const fn service(name: &'static str, protocol: Protocol, security: Security) -> Service {
    Service {
        name,
        protocol,
        security,
    }
}

/// The services asked, implicit TLS first on each protocol (RFC 8314 prefers it).
pub const SERVICES: [Service; 6] = [
    service("_imaps._tcp", Protocol::Imap, Security::Tls),
    service("_imap._tcp", Protocol::Imap, Security::Starttls),
    service("_pop3s._tcp", Protocol::Pop3, Security::Tls),
    service("_pop3._tcp", Protocol::Pop3, Security::Starttls),
    service("_submissions._tcp", Protocol::Smtp, Security::Tls),
    service("_submission._tcp", Protocol::Smtp, Security::Starttls),
];

/// What the DNS said for one service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Its records, in the order to use them: each target (`""` for ".", RFC 2782's "not offered") and port.
    Targets(Vec<(String, u16)>),
    /// No such name, or no SRV record there.
    None,
    /// No answer that can be used, in a few words.
    Failed(String),
}

/// The reading of all six answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The servers, cleaned like every source's (`clean::record`): at most so many a side.
    pub provider: Provider,
    pub changes: Vec<Change>,
    /// `found`, `nothing` or `failed`, as the other sources say it.
    pub outcome: &'static str,
    /// The servers, then what a record said that is not a server ("… is not offered").
    pub detail: String,
}

impl Found {
    pub fn servers(&self) -> Vec<Server> {
        self.provider
            .incoming
            .iter()
            .chain(&self.provider.outgoing)
            .cloned()
            .collect()
    }
}

/// Reads the answers for `domain`, one per [`SERVICES`] entry in its order.
pub fn read(domain: &str, answers: [Answer; 6]) -> Found {
    let (mut incoming, mut outgoing, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    // Each reason once, with the services it stopped: a resolver that is down fails all six alike.
    let mut failures: Vec<(Vec<&str>, String)> = Vec::new();
    for (s, answer) in SERVICES.iter().zip(answers) {
        match answer {
            Answer::Targets(targets) => {
                for (target, port) in targets {
                    let host = target.trim_end_matches('.');
                    if host.is_empty() {
                        notes.push(format!("{} says {} is not offered", s.name, s.protocol.label()));
                    } else if !is_domain_name(host) {
                        // Never quoted: a name that is no host name could carry anything into the sentence.
                        notes.push(format!("{} names a target that is no host name", s.name));
                    } else if port == 0 {
                        notes.push(format!("{} names {host}:0, which cannot be used", s.name));
                    } else {
                        let server = super::server(s.protocol, host, port, s.security);
                        match s.protocol {
                            Protocol::Smtp => outgoing.push(server),
                            _ => incoming.push(server),
                        }
                    }
                }
            }
            Answer::None => {}
            Answer::Failed(why) => match failures.iter_mut().find(|(_, w)| *w == why) {
                Some((names, _)) => names.push(s.name),
                None => failures.push((vec![s.name], why)),
            },
        }
    }
    let Cleaned { provider, changes } = clean::record(super::bare(domain, incoming, outgoing));
    let servers: Vec<Server> = provider.incoming.iter().chain(&provider.outgoing).cloned().collect();
    let mut detail = if servers.is_empty() {
        "no SRV records for mail".to_owned()
    } else {
        texts::servers(&servers)
    };
    notes.extend(
        failures
            .iter()
            .map(|(names, why)| format!("{}: {why}", names.join(", "))),
    );
    if !notes.is_empty() {
        detail = format!("{detail}; {}", notes.join("; "));
    }
    let outcome = match (servers.is_empty(), failures.is_empty()) {
        (false, _) => "found",
        (true, true) => "nothing",
        (true, false) => "failed",
    };
    Found {
        provider,
        changes,
        outcome,
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(list: &[(&str, u16)]) -> Answer {
        Answer::Targets(list.iter().map(|&(t, p)| (t.to_owned(), p)).collect())
    }

    #[test]
    fn each_service_gives_its_protocol_and_encryption() {
        let found = read(
            "example.org",
            [
                targets(&[("imap.example.org.", 993)]),
                Answer::None,
                Answer::None,
                Answer::None,
                targets(&[("smtp.example.org", 465)]),
                targets(&[("smtp.example.org", 587)]),
            ],
        );
        assert_eq!(found.outcome, "found");
        let p = &found.provider;
        assert_eq!(
            (p.incoming[0].host.as_str(), p.incoming[0].security),
            ("imap.example.org", Security::Tls)
        );
        assert_eq!(p.outgoing.len(), 2);
        assert_eq!((p.outgoing[1].port, p.outgoing[1].security), (587, Security::Starttls));
        assert!(!found.detail.contains(';'), "{}", found.detail);
    }

    #[test]
    fn a_dot_target_says_not_offered_and_odd_targets_are_never_quoted() {
        let found = read(
            "example.org",
            [
                targets(&[(".", 0)]),
                targets(&[("evil\u{202e}host", 143)]),
                Answer::Failed("no answer in time".into()),
                targets(&[("pop.example.org", 0)]),
                Answer::None,
                Answer::None,
            ],
        );
        assert_eq!(found.outcome, "failed");
        assert!(found.servers().is_empty());
        assert!(
            found.detail.contains("_imaps._tcp says IMAP is not offered"),
            "{}",
            found.detail
        );
        assert!(found.detail.contains("_imap._tcp names a target that is no host name"));
        assert!(!found.detail.contains("evil"));
        assert!(found.detail.contains("_pop3s._tcp: no answer in time"));
        let down = read(
            "example.org",
            std::array::from_fn(|i| match i {
                5 => Answer::Failed("refused".into()),
                _ => Answer::Failed("no answer in time".into()),
            }),
        );
        assert_eq!(down.outcome, "failed");
        assert_eq!(
            down.detail,
            "no SRV records for mail; _imaps._tcp, _imap._tcp, _pop3s._tcp, _pop3._tcp, _submissions._tcp: no answer \
             in time; _submission._tcp: refused"
        );
        assert!(found.detail.contains("pop.example.org:0, which cannot be used"));
        let none = read("example.org", std::array::from_fn(|_| Answer::None));
        assert_eq!(
            (none.outcome, none.detail.as_str()),
            ("nothing", "no SRV records for mail")
        );
    }
}
