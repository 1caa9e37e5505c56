//! What a discovery says: each source's answer as it arrives ([`SourceReport`]), then the whole [`Report`]
//! with the merged record. Sentences come from the engine's catalog (`catalog::discover`), filled in here,
//! so the web app shows them without a copy; the merged record also travels in the data file's own line
//! format (`record`), which the app reads with the engine's `discover::accept`.

use mailcheck_engine::catalog::discover as texts;
use mailcheck_engine::discover::clean::{self, Change, Field};
use mailcheck_engine::discover::Merged;
use mailcheck_engine::{Provider, Server, Source};
use serde::Serialize;

/// One source's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceReport {
    /// `autoconfig`, `well-known`, `autoconfig-http`, `well-known-http`, `ispdb`, `mx`, `srv`, `guess` or
    /// `database`.
    pub source: &'static str,
    /// What was asked: a URL, a domain, a DNS name.
    pub target: String,
    /// `found`, `nothing`, `failed`, `refused` or `skipped`.
    pub outcome: &'static str,
    pub ms: u64,
    /// The technical detail: what was found, or why nothing.
    pub detail: String,
    /// The whole sentence, for people, with `cleaned` after it.
    pub text: String,
    /// The servers it gave.
    pub servers: Vec<Server>,
    /// What the boundary for text from outside changed in this answer, in words (`discover::clean`).
    pub cleaned: Vec<String>,
}

impl SourceReport {
    pub fn new(
        source: &'static str,
        target: String,
        outcome: &'static str,
        ms: u64,
        detail: String,
        servers: Vec<Server>,
    ) -> SourceReport {
        // The detail may quote another server (an error, a name it gave): it passes the boundary too.
        let mut changes = Vec::new();
        let detail = clean::sentence(&detail, Field::Detail, &mut changes);
        SourceReport {
            text: String::new(),
            source,
            target,
            outcome,
            ms,
            detail,
            servers,
            cleaned: Vec::new(),
        }
        .with_changes(&changes)
    }

    /// This answer with what the boundary changed in it, or in the record it gave, said after its line.
    pub fn with_changes(mut self, changes: &[Change]) -> SourceReport {
        self.cleaned.extend(changes.iter().map(texts::cleaned));
        self.text = texts::source_line(self.source, &self.target, self.outcome, &self.detail);
        for sentence in &self.cleaned {
            self.text.push(' ');
            self.text.push_str(sentence);
        }
        self
    }
}

/// A server of the merged record with who agrees on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Agreement {
    #[serde(flatten)]
    pub server: Server,
    pub sources: Vec<Source>,
    pub text: String,
}

/// A server another source gives that the record does not have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Other {
    pub source: Source,
    #[serde(flatten)]
    pub server: Server,
    pub text: String,
}

/// The domain's record in mailcheck's database, when it has one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Known {
    pub id: String,
    pub name: String,
    pub tier: &'static str,
}

/// The whole answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub domain: String,
    /// Set when the database knows the domain; then nothing was asked unless the request forced it.
    pub known: Option<Known>,
    /// Whether a usable record was found (both an incoming and an outgoing server).
    pub found: bool,
    /// The merged record (tier `discovered`).
    pub provider: Option<Provider>,
    /// The same record in the data file's line format (crates/engine/src/data.rs).
    pub record: Option<String>,
    /// Where the record comes from, in the words the app shows.
    pub provenance: Option<String>,
    /// Each server of the record, and who agrees on it.
    pub servers: Vec<Agreement>,
    /// Servers other sources give instead: disagreements, shown, never hidden.
    pub others: Vec<Other>,
    /// The provider whose mail hosts the MX records name, when it offers mail apps no servers of its own
    /// (Proton): the app shows that provider's own record (its Bridge) for the domain.
    pub no_mail_apps: Option<Known>,
    pub summary: String,
    /// Every source's answer, in the order they arrived.
    pub sources: Vec<SourceReport>,
    pub ms: u64,
}

impl Report {
    /// The report of a finished discovery, from the merge (if anything merged).
    pub fn new(
        domain: &str,
        known: Option<Known>,
        merged: Option<Merged>,
        sources: Vec<SourceReport>,
        ms: u64,
    ) -> Report {
        let (provider, servers, others) = match merged {
            Some(m) => (Some(m.provider), m.servers, m.others),
            None => (None, Vec::new(), Vec::new()),
        };
        let summary = match (&known, &provider, sources.is_empty()) {
            (Some(k), None, true) => texts::known(domain, &k.name, k.tier),
            _ => texts::summary(domain, provider.is_some()),
        };
        Report {
            domain: domain.to_owned(),
            known,
            found: provider.is_some(),
            record: provider.as_ref().and_then(|p| {
                mailcheck_engine::data::encode(&[], std::slice::from_ref(p), None, &Default::default()).ok()
            }),
            provenance: provider.as_ref().map(mailcheck_engine::catalog::provenance::sentence),
            provider,
            servers: servers
                .into_iter()
                .map(|a| Agreement {
                    text: texts::agreement(&a.server, &a.sources),
                    server: a.server,
                    sources: a.sources,
                })
                .collect(),
            others: others
                .into_iter()
                .map(|o| Other {
                    text: texts::other(&o.source, &o.server),
                    source: o.source,
                    server: o.server,
                })
                .collect(),
            no_mail_apps: None,
            summary,
            sources,
            ms,
        }
    }
}

/// A line of the NDJSON stream: a source's answer, or last the whole report.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Event {
    Source(SourceReport),
    Result(Box<Report>),
}
