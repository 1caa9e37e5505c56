//! Guessing, when no other source gave a side's server: host names and ports in Thunderbird's order
//! (incoming: IMAP on imap., mail. and the domain, SSL/TLS on 993 before STARTTLS on 143, then POP3 on
//! pop3., pop., mail. and the domain, 995 before 110; outgoing: smtp., mail. and the domain, 465 before
//! 587; never without encryption). Each is tried by the probe itself, and a guess is kept only when the
//! probe's dialogue confirmed it: greeting and capabilities read, TLS up with a trusted certificate valid
//! for the guessed name, and no error found.

use super::report::SourceReport;
use super::sources::Run;
use crate::probe::{self, Outcome, Report, StepName, Verdict};
use mailcheck_engine::catalog::discover as texts;
use mailcheck_engine::discover;
use mailcheck_engine::{Protocol, Security, Server, Side, Source};
use std::time::{Duration, Instant};

/// The guesses for the sides asked for, best first.
pub fn tries(domain: &str, sides: &[Side]) -> Vec<Server> {
    let hosts = |prefixes: &[&str]| -> Vec<String> { prefixes.iter().map(|p| format!("{p}{domain}")).collect() };
    let mut groups: Vec<(Protocol, Vec<String>, u16, Security)> = Vec::new();
    if sides.contains(&Side::Incoming) {
        let imap = hosts(&["imap.", "mail.", ""]);
        let pop = hosts(&["pop3.", "pop.", "mail.", ""]);
        groups.push((Protocol::Imap, imap.clone(), 993, Security::Tls));
        groups.push((Protocol::Imap, imap, 143, Security::Starttls));
        groups.push((Protocol::Pop3, pop.clone(), 995, Security::Tls));
        groups.push((Protocol::Pop3, pop, 110, Security::Starttls));
    }
    if sides.contains(&Side::Outgoing) {
        let smtp = hosts(&["smtp.", "mail.", ""]);
        groups.push((Protocol::Smtp, smtp.clone(), 465, Security::Tls));
        groups.push((Protocol::Smtp, smtp, 587, Security::Starttls));
    }
    groups
        .into_iter()
        .flat_map(|(protocol, hosts, port, security)| {
            hosts
                .into_iter()
                .map(move |h| discover::server(protocol, &h, port, security))
        })
        .collect()
}

/// What the probe made of one guess: confirmed, turned down with the reason (the server answered but
/// something was wrong), or nothing there.
enum Verdict3 {
    Confirmed,
    TurnedDown(String),
    Absent,
}

fn judge(report: &Report) -> Verdict3 {
    let tls_ok = report
        .steps
        .iter()
        .any(|s| s.name == StepName::Tls && s.outcome == Outcome::Ok);
    if report.verdict != Verdict::Failed && tls_ok {
        return Verdict3::Confirmed;
    }
    let answered = report
        .steps
        .iter()
        .any(|s| s.name == StepName::Connect && s.outcome == Outcome::Ok);
    if !answered {
        return Verdict3::Absent;
    }
    let why = report
        .findings
        .iter()
        .find(|f| f.severity == mailcheck_engine::Severity::Error)
        .map(|f| {
            let params: Vec<(&str, &str)> = f.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            mailcheck_engine::catalog::probe::explain(f.code.id(), &params).map_or(f.code.id().to_owned(), |e| e.title)
        })
        .unwrap_or_else(|| "no TLS".to_owned());
    Verdict3::TurnedDown(why)
}

/// Tries every guess for the missing sides at once (started 100 ms apart, as Thunderbird does), keeps the
/// first confirmed one of each protocol and encryption, and reports.
pub async fn guess(run: &Run<'_>, sides: &[Side]) {
    let started = Instant::now();
    let domain = run.target.domain.clone();
    let tries = tries(&domain, sides);
    let left = run.deadline.saturating_duration_since(tokio::time::Instant::now());
    let mut set = tokio::task::JoinSet::new();
    for (i, server) in tries.iter().enumerate() {
        let stagger = Duration::from_millis(100 * i as u64);
        let config = run.config.probe(left.saturating_sub(stagger));
        let request = probe::Request {
            host: server.host.clone(),
            port: run.config.ports.map(server.port),
            protocol: server.protocol,
            security: server.security,
        };
        set.spawn(async move {
            tokio::time::sleep(stagger).await;
            (i, probe::run(request, &config, None).await)
        });
    }
    let mut verdicts: Vec<Option<Verdict3>> = (0..tries.len()).map(|_| None).collect();
    while let Some(done) = set.join_next().await {
        if let Ok((i, report)) = done {
            verdicts[i] = Some(judge(&report));
        }
    }
    let (mut found_in, mut found_out, mut turned_down) = (Vec::new(), Vec::new(), Vec::new());
    for (server, verdict) in tries.iter().zip(&verdicts) {
        match verdict {
            Some(Verdict3::Confirmed) => {
                let side = if server.protocol == Protocol::Smtp {
                    &mut found_out
                } else {
                    &mut found_in
                };
                let group_taken = side
                    .iter()
                    .any(|s: &Server| s.protocol == server.protocol && s.security == server.security);
                if !group_taken {
                    side.push(server.clone());
                }
            }
            Some(Verdict3::TurnedDown(why)) => turned_down.push(format!("{} ({why})", texts::server(server))),
            _ => {}
        }
    }
    let servers: Vec<Server> = found_in.iter().chain(&found_out).cloned().collect();
    let mut detail = if servers.is_empty() {
        format!("none of {} guesses was confirmed", tries.len())
    } else {
        format!("{}, confirmed by talking to them", texts::servers(&servers))
    };
    if !turned_down.is_empty() {
        detail = format!("{detail}; turned down: {}", turned_down.join(", "));
    }
    let outcome = if servers.is_empty() { "nothing" } else { "found" };
    run.done(SourceReport::new(
        "guess",
        domain.clone(),
        outcome,
        run.millis(started),
        detail,
        servers,
    ));
    if !found_in.is_empty() || !found_out.is_empty() {
        run.found(Source::Guess, discover::bare(&domain, found_in, found_out));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_follow_thunderbirds_order_and_never_go_unencrypted() {
        let all: Vec<String> = tries("example.org", &Side::ALL).iter().map(|s| s.to_string()).collect();
        assert_eq!(all.len(), 20);
        assert_eq!(all[0], "IMAP imap.example.org:993 (SSL/TLS)");
        assert_eq!(all[2], "IMAP example.org:993 (SSL/TLS)");
        assert_eq!(all[3], "IMAP imap.example.org:143 (STARTTLS)");
        assert_eq!(all[6], "POP3 pop3.example.org:995 (SSL/TLS)");
        assert_eq!(all[14], "SMTP smtp.example.org:465 (SSL/TLS)");
        assert_eq!(all[19], "SMTP example.org:587 (STARTTLS)");
        assert!(tries("example.org", &Side::ALL)
            .iter()
            .all(|s| s.security != Security::None));
        assert_eq!(tries("example.org", &[Side::Outgoing]).len(), 6);
    }
}
