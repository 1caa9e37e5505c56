//! `POST /api/discover`: discovery over HTTP, limited like the probe (`guard/intake.rs`): the content type
//! first (415), the client's rate limit (429), the body (413, 408, 400), the domain's own rate limit over all
//! clients (429, so nobody uses this server to hammer one domain's servers), then a slot (503, at once).
//! Answers are cached briefly in a cache bounded by bytes (moka, each answer weighed by the bytes it sends): a
//! cached answer costs no quota of the domain and sends nothing anywhere. The stream is NDJSON like the
//! probe's: each source's answer, then the report.

use super::report::{Event, Report};
use super::{run, Config, Request, Target};
use crate::guard::admission::{InFlight, RateLimit};
use crate::guard::intake::{Gate, Intake};
use crate::guard::refusal::{Endpoint, Refusal};
use crate::guard::stream::{line, ndjson_lines, Line, Running};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use futures_util::StreamExt;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

pub const PATH: &str = "/api/discover";

/// How the endpoint is limited; the defaults are for the open internet.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Discoveries per client (IPv6: per /64) per minute.
    pub per_client_per_minute: NonZeroU32,
    /// Discoveries per domain per minute, from all clients together (cached answers do not count).
    pub per_domain_per_minute: NonZeroU32,
    /// Discoveries running at once; more are answered 503 at once.
    pub max_in_flight: usize,
    /// The bytes of answers kept (each weighed by its NDJSON), and for how long.
    pub cache_bytes: u64,
    pub cache_for: Duration,
    pub intake: Intake,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            per_client_per_minute: NonZeroU32::new(6).unwrap_or(NonZeroU32::MIN),
            per_domain_per_minute: NonZeroU32::new(6).unwrap_or(NonZeroU32::MIN),
            max_in_flight: 16,
            cache_bytes: 32 * 1024 * 1024,
            cache_for: Duration::from_secs(600),
            intake: Intake::default(),
        }
    }
}

/// Discovery's refusals, in the engine's words for them.
static DISCOVER: Endpoint = Endpoint {
    bad_request: "discover.bad-request",
    rate_limited: "discover.rate-limited",
    busy: "discover.busy",
    explain: |code| Some(mailcheck_engine::catalog::discover::refusal(code).to_owned()),
};

#[derive(Clone)]
struct Api {
    config: Arc<Config>,
    gate: Arc<Gate>,
    domains: Arc<RateLimit<String>>,
    in_flight: InFlight,
    cache: moka::sync::Cache<Target, Answer>,
}

/// The router holding `POST /api/discover`, to merge into the app's router.
pub fn router(config: Config, settings: &Settings) -> Router {
    let api = Api {
        config: Arc::new(config),
        gate: Arc::new(Gate::new(
            &DISCOVER,
            settings.per_client_per_minute,
            settings.intake.clone(),
        )),
        domains: Arc::new(RateLimit::per_minute(settings.per_domain_per_minute)),
        in_flight: InFlight::new(settings.max_in_flight, "mailcheck_discoveries_in_flight"),
        cache: moka::sync::Cache::builder()
            .max_capacity(settings.cache_bytes)
            .weigher(|target: &Target, answer: &Answer| {
                let key = target.domain.len() + target.address.as_ref().map_or(0, String::len);
                u32::try_from(answer.bytes() + key).unwrap_or(u32::MAX)
            })
            .time_to_live(settings.cache_for)
            .build(),
    };
    settings
        .intake
        .cross_origin(Router::new().route(PATH, post(discover)).with_state(api))
}

async fn discover(State(api): State<Api>, request: axum::extract::Request) -> Result<Response, Refusal> {
    let (client, request) = api.gate.admit::<Request>(request).await?;
    let Ok(target) = Target::parse(&request) else {
        return Err(DISCOVER.refuse_request(StatusCode::BAD_REQUEST, "bad-request"));
    };
    if let Some(report) = api.cache.get(&target) {
        tracing::info!(%client, domain = %target.domain, "discovery answered from the cache");
        metrics::counter!("mailcheck_discovery_cache_hits_total").increment(1);
        return Ok(replay(&report));
    }
    let known = mailcheck_engine::embedded().by_domain(&target.domain).is_some();
    if !known || target.force {
        if let Err(wait) = api.domains.check_key(&target.domain) {
            return Err(DISCOVER.refuse_too_often("discover.domain-busy", wait));
        }
    }
    let Some(slot) = api.in_flight.try_acquire() else {
        tracing::warn!(%client, "discovery refused: all slots busy");
        return Err(DISCOVER.refuse_busy());
    };
    let (config, cache) = (api.config.clone(), api.cache.clone());
    let running = Running::spawn("discovery", client, |events| async move {
        let _slot = slot;
        let report = run(&target, &config, Some(events)).await;
        let outcomes: Vec<(&str, &str)> = report.sources.iter().map(|s| (s.source, s.outcome)).collect();
        tracing::info!(%client, domain = %target.domain, found = report.found, ms = report.ms, sources = ?outcomes, "discovery");
        let result = match (report.found, &report.known) {
            (true, _) => "found",
            (false, Some(_)) => "known",
            (false, None) => "not-found",
        };
        metrics::counter!("mailcheck_discoveries_total", "result" => result).increment(1);
        metrics::histogram!("mailcheck_discovery_duration_seconds").record(report.ms as f64 / 1000.0);
        for (source, outcome) in outcomes {
            metrics::counter!("mailcheck_discovery_sources_total", "source" => source, "outcome" => outcome)
                .increment(1);
        }
        let answer = Answer::of(&report);
        cache.insert(target, answer.clone());
        // Now rather than at the next housekeeping, so that the byte budget holds at every moment.
        cache.run_pending_tasks();
        answer
    });
    Ok(ndjson_lines(running.lines().map(|progress| match progress {
        Line::Progress(source) => line(&Event::Source(source)),
        Line::Done(answer) => answer.result,
    })))
}

/// A finished discovery as the NDJSON lines a client receives, each source's answer then the report: the
/// cache keeps these bytes, so what it holds is what its budget counts.
#[derive(Clone)]
struct Answer {
    sources: Arc<[Bytes]>,
    result: Bytes,
}

impl Answer {
    fn of(report: &Report) -> Answer {
        Answer {
            sources: report.sources.iter().map(|s| line(&Event::Source(s.clone()))).collect(),
            result: line(&Event::Result(Box::new(report.clone()))),
        }
    }

    fn bytes(&self) -> usize {
        self.sources.iter().map(Bytes::len).sum::<usize>() + self.result.len()
    }
}

/// A cached discovery answered as it was streamed: its sources' answers, then the report.
fn replay(answer: &Answer) -> Response {
    let lines: Vec<Bytes> = answer.sources.iter().cloned().chain([answer.result.clone()]).collect();
    ndjson_lines(futures_util::stream::iter(lines))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::report::SourceReport;
    use mailcheck_engine::discover::clean::{self, Change, Field};
    use mailcheck_engine::discover::{self, Agreement, Merged, Other};
    use mailcheck_engine::requirement::{Kind, Requirement};
    use mailcheck_engine::{AuthMethod, Doc, Origin, Protocol, Security, Server, Side, Source, UsernameForm};

    /// The largest answer the bounds allow: every source at its most servers, every text at its longest in
    /// four-byte characters, host names of 253 characters, and every other source disagreeing server by
    /// server. docs/discover.md states the figure.
    #[test]
    fn the_largest_answer_the_bounds_allow_stays_under_the_stated_size() {
        let long = |n: usize| "\u{10348}".repeat(n);
        let host = |i: usize| format!("{0}.{0}.{0}.{1:0>59}", "a".repeat(63), i);
        let server = |i: usize| Server {
            username: UsernameForm::Template(long(clean::TEMPLATE_CHARS)),
            auth: vec![
                AuthMethod::Password,
                AuthMethod::EncryptedPassword,
                AuthMethod::OAuth2,
                AuthMethod::None,
            ],
            leave_on_server: Some(false),
            ..discover::server(
                [Protocol::Pop3, Protocol::Smtp][i % 2],
                &host(i),
                65535,
                Security::Starttls,
            )
        };
        let side = clean::SERVERS_PER_SIDE;
        let servers = |from: usize| (from..from + 2 * side).map(server).collect::<Vec<_>>();
        let url = format!("https://{}", "a".repeat(clean::URL_BYTES - 8));
        let (incoming, outgoing) = servers(0).into_iter().partition(|s| s.protocol == Protocol::Pop3);
        let mut provider = discover::bare("example.org", incoming, outgoing);
        provider.name = long(clean::NAME_CHARS);
        provider.hosted_by = Some(long(clean::NAME_CHARS));
        provider.notes = vec![long(clean::SENTENCE_CHARS); clean::TEXTS];
        let doc = Doc {
            url: url.clone(),
            title: long(clean::SENTENCE_CHARS),
        };
        provider.docs = vec![doc; clean::TEXTS];
        let mx = Source::Mx(long(clean::NAME_CHARS));
        provider.origin = Origin::Discovered {
            domain: "example.org".into(),
            found: "2026-12-01".into(),
            sources: vec![Source::Autoconfig, Source::Ispdb, mx.clone(), Source::Srv],
        };
        provider.requirements = vec![Requirement {
            kind: Kind::EnableAccess,
            url: Some(url),
            origin: provider.origin.clone(),
            quote: Some(long(clean::SENTENCE_CHARS)),
        }];
        let agreements = provider
            .incoming
            .iter()
            .chain(&provider.outgoing)
            .map(|s| Agreement {
                server: s.clone(),
                sources: vec![Source::Autoconfig, Source::Ispdb, mx.clone(), Source::Srv],
            })
            .collect();
        // Each source but the winner gives other servers: two files each for the own autoconfig over https and
        // over http, one for the others; confirmed guesses are one a protocol and encryption.
        let givers = [
            (Source::Autoconfig, 2),
            (Source::AutoconfigHttp, 2),
            (Source::Ispdb, 1),
            (mx, 1),
            (Source::Srv, 1),
        ];
        let mut others = Vec::new();
        for (n, (source, files)) in givers.iter().enumerate() {
            for s in (0..*files).flat_map(|f| servers(1000 * (n + 1) + 100 * f)) {
                others.push(Other {
                    source: source.clone(),
                    server: s,
                });
            }
        }
        let changes = [
            Change::Removed {
                field: Field::Name,
                count: 9999,
            },
            Change::Shortened {
                field: Field::InstructionLink,
                to: clean::SENTENCE_CHARS,
            },
            Change::Dropped(Field::InstructionLink),
            Change::Servers {
                side: Side::Incoming,
                unusable: 9999,
                beyond: 9999,
            },
            Change::Servers {
                side: Side::Outgoing,
                unusable: 9999,
                beyond: 9999,
            },
            Change::Beyond {
                field: Field::Note,
                count: 9999,
            },
            Change::Beyond {
                field: Field::Link,
                count: 9999,
            },
        ];
        let target = format!(
            "https://autoconfig.example.org/mail/config-v1.1.xml?emailaddress={}",
            "%F0".repeat(254)
        );
        let ids = [
            "database",
            "autoconfig",
            "well-known",
            "autoconfig-http",
            "well-known-http",
            "ispdb",
            "mx",
            "srv",
            "guess",
        ];
        let sources = ids
            .iter()
            .map(|id| {
                SourceReport::new(
                    id,
                    target.clone(),
                    "found",
                    u64::MAX,
                    long(clean::SENTENCE_CHARS),
                    servers(0),
                )
                .with_changes(&changes)
            })
            .collect();
        let merged = Merged {
            provider,
            servers: agreements,
            others,
        };
        let report = Report::new("example.org", None, Some(merged), sources, u64::MAX);
        assert!(report.record.is_some());
        let bytes = Answer::of(&report).bytes();
        assert!((600 * 1024..700 * 1024).contains(&bytes), "{bytes} bytes");
    }
}
