//! The sources of one discovery, asked in parallel, each reporting as it finishes: the domain's own
//! autoconfig file, the ISPDB online, the MX records and the SRV records; then the guesses where a side
//! is still missing ([`super::guess`]).

use super::fetch::{self, FetchError};
use super::report::{Known, Report, SourceReport};
use super::{Config, Target};
use crate::dns::ResolveError;
use mailcheck_engine::catalog::{discover as texts, provenance};
use mailcheck_engine::discover::clean::{self, Change, Cleaned};
use mailcheck_engine::discover::srv::{self, SERVICES};
use mailcheck_engine::discover::{self, Candidate};
use mailcheck_engine::Side;
use mailcheck_engine::{client_config, Origin, Provider, Server, Source};
use std::sync::Mutex;
use std::time::Instant;
use tokio::sync::mpsc::UnboundedSender;
use url::Url;

/// One discovery in progress: what has been reported and found so far.
pub struct Run<'a> {
    pub target: &'a Target,
    pub config: &'a Config,
    events: Option<UnboundedSender<SourceReport>>,
    started: Instant,
    pub deadline: tokio::time::Instant,
    reports: Mutex<Vec<SourceReport>>,
    candidates: Mutex<Vec<Candidate>>,
    /// The MX hosts' provider when it offers mail apps no servers of its own.
    no_mail_apps: Mutex<Option<Known>>,
}

/// The sources of the first round, by their ids: each reports once, or is reported as out of time.
const FIRST_ROUND: [&str; 5] = ["autoconfig", "well-known", "ispdb", "mx", "srv"];

impl<'a> Run<'a> {
    pub fn new(target: &'a Target, config: &'a Config, events: Option<UnboundedSender<SourceReport>>) -> Run<'a> {
        Run {
            target,
            config,
            events,
            started: Instant::now(),
            deadline: tokio::time::Instant::now() + config.limits.total,
            reports: Mutex::new(Vec::new()),
            candidates: Mutex::new(Vec::new()),
            no_mail_apps: Mutex::new(None),
        }
    }

    pub fn millis(&self, since: Instant) -> u64 {
        u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// Reports one source's answer (and streams it).
    pub fn done(&self, report: SourceReport) {
        if let Some(events) = &self.events {
            // Nobody listening any more: the discovery is being cancelled anyway.
            let _ = events.send(report.clone());
        }
        lock(&self.reports).push(report);
    }

    pub fn found(&self, source: Source, record: Provider) {
        lock(&self.candidates).push(Candidate { source, record });
    }

    fn reported(&self, id: &str) -> bool {
        lock(&self.reports).iter().any(|r| r.source == id)
    }

    fn has(&self, side: Side) -> bool {
        lock(&self.candidates)
            .iter()
            .any(|c| !side.servers(&c.record).is_empty())
    }

    pub async fn all(self) -> Report {
        let domain = self.target.domain.clone();
        let record = mailcheck_engine::embedded().by_domain(&domain);
        let known = record.map(|p| Known {
            id: p.id.clone(),
            name: p.name.clone(),
            tier: provenance::tier_label(p),
        });
        if known.is_some() && !self.target.force {
            return Report::new(&domain, known, None, Vec::new(), self.millis(self.started));
        }
        if let Some(p) = record {
            let servers = p.incoming.iter().chain(&p.outgoing).cloned().collect::<Vec<_>>();
            let detail = format!("{} ({})", texts::servers(&servers), provenance::tier_label(p));
            self.done(SourceReport::new(
                "database",
                domain.clone(),
                "found",
                0,
                detail,
                servers,
            ));
            // Discovery's sources have no provider-db tier: such a record is reported above, never merged under
            // another source's name.
            let source = match p.origin {
                Origin::Checked { .. } => Some(Source::Checked),
                Origin::Ispdb { .. } => Some(Source::Ispdb),
                Origin::ProviderDb { .. } | Origin::Discovered { .. } => None,
            };
            if let Some(source) = source {
                self.found(source, p.clone());
            }
        }
        let first = async { tokio::join!(self.own_autoconfig(), self.ispdb(), self.mx(), self.srv()) };
        if tokio::time::timeout_at(self.deadline, first).await.is_err() {
            self.out_of_time(&FIRST_ROUND);
        }
        let missing: Vec<Side> = Side::ALL.into_iter().filter(|&side| !self.has(side)).collect();
        if !missing.is_empty() {
            let guesses = super::guess::guess(&self, &missing);
            if tokio::time::timeout_at(self.deadline, guesses).await.is_err() {
                self.out_of_time(&["guess"]);
            }
        }
        let merged = discover::merge(&domain, &super::today(), std::mem::take(&mut *lock(&self.candidates)));
        let mut report = Report::new(
            &domain,
            known,
            merged,
            std::mem::take(&mut *lock(&self.reports)),
            self.millis(self.started),
        );
        // Only where nothing with servers was found: a domain's own servers win over what its MX hosts say.
        if !report.found {
            report.no_mail_apps = lock(&self.no_mail_apps).take();
        }
        report
    }

    fn out_of_time(&self, ids: &[&'static str]) {
        let seconds = self.config.limits.total.as_secs();
        for id in ids {
            if !self.reported(id) {
                let detail = format!("the discovery's {seconds} s ran out before it answered");
                self.done(SourceReport::new(
                    id,
                    self.target.domain.clone(),
                    "failed",
                    self.millis(self.started),
                    detail,
                    Vec::new(),
                ));
            }
        }
    }

    /// The domain's own autoconfig file over https, at both places Thunderbird looks, with the address; over
    /// plain http (without the address) only when neither https file exists.
    async fn own_autoconfig(&self) {
        let d = &self.target.domain;
        let with_address = |url: String| {
            let mut url = Url::parse(&url).ok()?;
            if let Some(address) = &self.target.address {
                url.query_pairs_mut().append_pair("emailaddress", address);
            }
            Some(url)
        };
        let https = (
            with_address(format!("https://autoconfig.{d}/mail/config-v1.1.xml")),
            with_address(format!("https://{d}/.well-known/autoconfig/mail/config-v1.1.xml")),
        );
        let (Some(a), Some(b)) = https else { return };
        let (a, b) = tokio::join!(
            self.document("autoconfig", a, Source::Autoconfig),
            self.document("well-known", b, Source::Autoconfig)
        );
        if a || b {
            return;
        }
        let plain = (
            Url::parse(&format!("http://autoconfig.{d}/mail/config-v1.1.xml")),
            Url::parse(&format!("http://{d}/.well-known/autoconfig/mail/config-v1.1.xml")),
        );
        if let (Ok(a), Ok(b)) = plain {
            tokio::join!(
                self.document("autoconfig-http", a, Source::AutoconfigHttp),
                self.document("well-known-http", b, Source::AutoconfigHttp)
            );
        }
    }

    /// The Thunderbird ISPDB online, asked for the domain only.
    async fn ispdb(&self) {
        let d = &self.target.domain;
        let Some(url) = self.config.ispdb.as_ref().and_then(|base| base.join(d).ok()) else {
            let detail = "the ISPDB online is switched off on this server".to_owned();
            return self.done(SourceReport::new("ispdb", d.clone(), "skipped", 0, detail, Vec::new()));
        };
        self.document_as("ispdb", d.clone(), url, Source::Ispdb).await;
    }

    async fn document(&self, id: &'static str, url: Url, source: Source) -> bool {
        self.document_as(id, url.to_string(), url, source).await
    }

    /// Fetches and reads one autoconfig document; whether it gave a record.
    async fn document_as(&self, id: &'static str, target: String, url: Url, source: Source) -> bool {
        let started = Instant::now();
        let (outcome, detail, record, changes) = match fetch::get(self.config, url.clone(), self.deadline).await {
            Ok(fetched) => match read(&fetched.text, &self.target.domain) {
                Ok(Cleaned { provider, changes }) => {
                    let mut detail = texts::servers(&servers_of(&provider));
                    if fetched.url != url {
                        detail = format!("{detail}, at {} (redirected)", fetched.url);
                    }
                    ("found", detail, Some(provider), changes)
                }
                Err(why) => (
                    "failed",
                    format!("not an autoconfig document that can be used: {why}"),
                    None,
                    Vec::new(),
                ),
            },
            Err(e) => (fetch_outcome(&e), e.to_string(), None, Vec::new()),
        };
        let servers = record
            .iter()
            .flat_map(|p| p.incoming.iter().chain(&p.outgoing))
            .cloned()
            .collect();
        self.done(SourceReport::new(id, target, outcome, self.millis(started), detail, servers).with_changes(&changes));
        match record {
            Some(p) => {
                self.found(source, p);
                true
            }
            None => false,
        }
    }

    /// The MX records: their hosts' domains in our database (longest suffix first, down to the registrable
    /// domain), else the ISPDB online for the most preferred host's registrable domain.
    async fn mx(&self) {
        let started = Instant::now();
        let d = self.target.domain.clone();
        let report_cleaned = |outcome, detail: String, servers: Vec<Server>, changes: &[Change]| {
            self.done(
                SourceReport::new("mx", d.clone(), outcome, self.millis(started), detail, servers)
                    .with_changes(changes),
            );
        };
        let report = |outcome, detail: String, servers: Vec<Server>| report_cleaned(outcome, detail, servers, &[]);
        let hosts = match self.config.resolver.mx(&d, self.config.limits.dns).await {
            Ok(hosts) => hosts,
            Err(ResolveError::NotFound(_)) => return report("nothing", discover::mx::NONE.into(), Vec::new()),
            Err(e) => return report("failed", dns_failure(&e), Vec::new()),
        };
        let hosts = match discover::mx::hosts(hosts.into_iter().map(|(_, h)| h).collect(), 0) {
            Ok(hosts) => hosts,
            Err(why) => return report("nothing", why, Vec::new()),
        };
        let first = &hosts[0];
        if let Some(known) = discover::mx::known(mailcheck_engine::embedded(), &hosts) {
            // A provider that offers mail apps no servers of its own (Proton: its Bridge) gives none to merge;
            // its record says what to do instead, and the ISPDB is not asked about its hosts.
            if !known.provider.offers_mail_apps() {
                let p = known.provider;
                *lock(&self.no_mail_apps) = Some(Known {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    tier: provenance::tier_label(p),
                });
                return report("nothing", known.detail(), Vec::new());
            }
            report("found", known.detail(), servers_of(known.provider));
            return self.found(Source::Mx(known.provider.name.clone()), known.provider.clone());
        }
        let Some(registrable) = psl::domain_str(first).map(str::to_owned) else {
            return report(
                "nothing",
                format!("the MX host {first} has no registrable domain"),
                Vec::new(),
            );
        };
        if registrable == d {
            let detail = texts::mx_own(first);
            return report("nothing", detail, Vec::new());
        }
        let Some(url) = self.config.ispdb.as_ref().and_then(|base| base.join(&registrable).ok()) else {
            let detail = texts::mx_ispdb_off(first);
            return report("nothing", detail, Vec::new());
        };
        match fetch::get(self.config, url, self.deadline).await {
            Ok(fetched) => match read(&fetched.text, &d) {
                Ok(Cleaned { provider: p, changes }) => {
                    let detail = texts::mx_in_ispdb(&p.name, first, &registrable);
                    report_cleaned("found", detail, servers_of(&p), &changes);
                    self.found(Source::Mx(p.name.clone()), p);
                }
                Err(why) => report(
                    "failed",
                    format!("the ISPDB's answer for {registrable}: {why}"),
                    Vec::new(),
                ),
            },
            Err(FetchError::Status(404)) => {
                let detail = texts::mx_unknown(first, &registrable);
                report("nothing", detail, Vec::new());
            }
            Err(e) => report(
                fetch_outcome(&e),
                format!("the ISPDB, asked for {registrable}: {e}"),
                Vec::new(),
            ),
        }
    }

    /// The SRV records of RFC 6186 and RFC 8314, implicit TLS first; a target of `.` says the service is
    /// not offered.
    async fn srv(&self) {
        let started = Instant::now();
        let d = &self.target.domain;
        let limit = self.config.limits.dns;
        let asked = SERVICES.map(|s| format!("{}.{d}", s.name));
        let r = &self.config.resolver;
        let answers = tokio::join!(
            r.srv(&asked[0], limit),
            r.srv(&asked[1], limit),
            r.srv(&asked[2], limit),
            r.srv(&asked[3], limit),
            r.srv(&asked[4], limit),
            r.srv(&asked[5], limit)
        );
        let answers = [answers.0, answers.1, answers.2, answers.3, answers.4, answers.5].map(|answer| match answer {
            Ok(records) => srv::Answer::Targets(records.into_iter().map(|s| (s.target, s.port)).collect()),
            Err(ResolveError::NotFound(_)) => srv::Answer::None,
            Err(e) => srv::Answer::Failed(dns_failure(&e)),
        });
        let found = srv::read(d, answers);
        let servers = found.servers();
        self.done(
            SourceReport::new(
                "srv",
                d.clone(),
                found.outcome,
                self.millis(started),
                found.detail,
                servers,
            )
            .with_changes(&found.changes),
        );
        if !found.provider.incoming.is_empty() || !found.provider.outgoing.is_empty() {
            self.found(Source::Srv, found.provider);
        }
    }
}

/// The list behind a lock, also after a panic elsewhere (the lists stay whole: each change is one push).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn servers_of(p: &Provider) -> Vec<Server> {
    p.incoming.iter().chain(&p.outgoing).cloned().collect()
}

/// The outcome word of a failed fetch: "nothing there" for a missing file or host, "refused" for safety.
fn fetch_outcome(e: &FetchError) -> &'static str {
    match e {
        FetchError::Status(404 | 410) | FetchError::NotFound(_) => "nothing",
        FetchError::Refused(_) => "refused",
        _ => "failed",
    }
}

fn dns_failure(e: &ResolveError) -> String {
    match e {
        ResolveError::Timeout => "no answer from DNS in time".into(),
        ResolveError::NotFound(e) | ResolveError::Failed(e) => format!("DNS failed: {e}"),
    }
}

/// One autoconfig document read strictly (`client_config::read`) for `domain`, its `%EMAILDOMAIN%` filled
/// in with it as Thunderbird does: the record that lists the domain, else the document's first, through the
/// boundary for text from outside (`discover::clean`).
pub fn read(xml: &str, domain: &str) -> Result<Cleaned, String> {
    let xml = xml.replace("%EMAILDOMAIN%", domain);
    let origin = Origin::Discovered {
        domain: domain.to_owned(),
        found: String::new(),
        sources: Vec::new(),
    };
    let parsed = client_config::read(&xml, &discover::id_for(domain), &origin).map_err(|e| e.to_string())?;
    let mut records = parsed.records;
    let at = records
        .iter()
        .position(|p| p.domains.iter().any(|x| x == domain))
        .unwrap_or(0);
    if records.is_empty() {
        return Err("no record in it".into());
    }
    Ok(clean::record(records.swap_remove(at)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_read_for_the_domain() {
        let xml = r#"<clientConfig version="1.1"><emailProvider id="hoster.example">
            <domain>hoster.example</domain><displayName>Hoster</displayName>
            <incomingServer type="imap"><hostname>imap.%EMAILDOMAIN%</hostname><port>993</port>
              <socketType>SSL</socketType><username>%EMAILADDRESS%</username>
              <authentication>password-cleartext</authentication></incomingServer>
            <outgoingServer type="smtp"><hostname>smtp.hoster.example</hostname><port>465</port>
              <socketType>SSL</socketType><username>%EMAILADDRESS%</username>
              <authentication>password-cleartext</authentication></outgoingServer>
          </emailProvider></clientConfig>"#;
        let p = read(xml, "example.org").unwrap().provider;
        assert_eq!(p.incoming[0].host, "imap.example.org");
        assert_eq!(p.name, "Hoster");
        assert!(read("<html>not it</html>", "example.org").is_err());
        assert!(read("<clientConfig><emailProvider", "example.org").is_err());
    }
}
