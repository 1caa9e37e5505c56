//! `POST /api/discover`: discovery over HTTP, limited like the probe (`guard/intake.rs`): the content type
//! first (415), the client's rate limit (429), the body (413, 408, 400), the domain's own rate limit over all
//! clients (429, so nobody uses this server to hammer one domain's servers), then a slot (503, at once).
//! Answers are cached briefly in a bounded cache (moka): a cached answer costs no quota of the domain and
//! sends nothing anywhere. The stream is NDJSON like the probe's: each source's answer, then the report.

use super::report::{Event, Report};
use super::{run, Config, Request, Target};
use crate::guard::admission::{InFlight, RateLimit};
use crate::guard::intake::{Gate, Intake};
use crate::guard::refusal::{Endpoint, Refusal};
use crate::guard::stream::{ndjson, Line, Running};
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
    /// Answers kept, and for how long.
    pub cache_entries: u64,
    pub cache_for: Duration,
    pub intake: Intake,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            per_client_per_minute: NonZeroU32::new(6).unwrap_or(NonZeroU32::MIN),
            per_domain_per_minute: NonZeroU32::new(6).unwrap_or(NonZeroU32::MIN),
            max_in_flight: 16,
            cache_entries: 1000,
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
    cache: moka::sync::Cache<Target, Arc<Report>>,
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
            .max_capacity(settings.cache_entries)
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
        let report = Arc::new(report);
        cache.insert(target, report.clone());
        report
    });
    Ok(ndjson(running.lines().map(|line| match line {
        Line::Progress(source) => Event::Source(source),
        Line::Done(report) => Event::Result(Box::new((*report).clone())),
    })))
}

/// A cached discovery answered as it was streamed: its sources' answers, then the report.
fn replay(report: &Report) -> Response {
    let sources = report.sources.iter().cloned().map(Event::Source);
    let events: Vec<Event> = sources.chain([Event::Result(Box::new(report.clone()))]).collect();
    ndjson(futures_util::stream::iter(events))
}
