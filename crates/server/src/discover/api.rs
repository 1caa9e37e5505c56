//! `POST /api/discover`: discovery over HTTP, limited like the probe (`probe/api.rs`): the content type
//! first (415), the client's rate limit (429), the body (413, 408, 400), the domain's own rate limit over all
//! clients (429, so nobody uses this server to hammer one domain's servers), then a slot (503, at once).
//! Answers are cached briefly in a cache bounded by bytes (moka, each answer weighed by the bytes it sends): a
//! cached answer costs no quota of the domain and sends nothing anywhere. The stream is NDJSON like the
//! probe's: each source's answer, then the report.

use super::report::{Event, Report, SourceReport};
use super::{run, Config, Request, Target};
use crate::probe::admission::{retry_after_secs, InFlight, RateLimit};
use crate::probe::api::{cross_origin, parse_request, per_minute, Gate, Intake};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use governor::{DefaultKeyedRateLimiter, Quota};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

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

#[derive(Clone)]
struct Api {
    config: Arc<Config>,
    clients: Arc<RateLimit>,
    domains: Arc<DefaultKeyedRateLimiter<String>>,
    in_flight: InFlight,
    cache: moka::sync::Cache<Target, Answer>,
    intake: Arc<Intake>,
}

/// The router holding `POST /api/discover`, to merge into the app's router.
pub fn router(config: Config, settings: &Settings) -> Router {
    let Some(clients) = per_minute(settings.per_client_per_minute) else {
        unreachable!("a per-minute quota with a non-zero count always has a non-zero period")
    };
    let n = settings.per_domain_per_minute;
    let domains = Quota::with_period(Duration::from_secs(60) / n.get()).map(|q| q.allow_burst(n));
    let Some(domains) = domains else {
        unreachable!("a per-minute quota with a non-zero count always has a non-zero period")
    };
    let api = Api {
        config: Arc::new(config),
        clients: Arc::new(clients),
        domains: Arc::new(DefaultKeyedRateLimiter::keyed(domains)),
        in_flight: InFlight::new(settings.max_in_flight, "mailcheck_discoveries_in_flight"),
        cache: moka::sync::Cache::builder()
            .max_capacity(settings.cache_bytes)
            .weigher(|target: &Target, answer: &Answer| {
                let key = target.domain.len() + target.address.as_ref().map_or(0, String::len);
                u32::try_from(answer.bytes() + key).unwrap_or(u32::MAX)
            })
            .time_to_live(settings.cache_for)
            .build(),
        intake: Arc::new(settings.intake.clone()),
    };
    cross_origin(
        Router::new().route(PATH, post(discover)).with_state(api),
        &settings.intake.cors_origins,
    )
}

/// A refusal with a stable code, the sentence the app shows, and `Retry-After` where waiting helps.
fn refuse(status: StatusCode, code: &str, retry_after: Option<u64>, reason: &'static str) -> Response {
    metrics::counter!("mailcheck_refusals_total", "reason" => reason).increment(1);
    let message = mailcheck_engine::catalog::discover::refusal(code);
    let body = serde_json::json!({ "error": code, "message": message, "retry_after": retry_after });
    let mut response = (status, axum::Json(body)).into_response();
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

async fn discover(State(api): State<Api>, request: axum::extract::Request) -> Response {
    let gate = Gate {
        clients: &api.clients,
        intake: &api.intake,
        codes: ["discover.bad-request", "discover.rate-limited"],
        refuse,
    };
    let (client, bytes) = match gate.admit(request).await {
        Ok(admitted) => admitted,
        Err(refusal) => return refusal,
    };
    let Some(target) = parse_request::<Request>(&bytes).and_then(|r| Target::parse(&r).ok()) else {
        return refuse(StatusCode::BAD_REQUEST, "discover.bad-request", None, "bad-request");
    };
    if let Some(report) = api.cache.get(&target) {
        tracing::info!(%client, domain = %target.domain, "discovery answered from the cache");
        metrics::counter!("mailcheck_discovery_cache_hits_total").increment(1);
        return stream(None, Some(report));
    }
    let known = mailcheck_engine::embedded().by_domain(&target.domain).is_some();
    if !known || target.force {
        if let Err(not_until) = api.domains.check_key(&target.domain) {
            use governor::clock::{Clock, DefaultClock};
            let secs = Some(retry_after_secs(
                not_until.wait_time_from(DefaultClock::default().now()),
            ));
            return refuse(
                StatusCode::TOO_MANY_REQUESTS,
                "discover.domain-busy",
                secs,
                "rate-limited",
            );
        }
    }
    let Some(slot) = api.in_flight.try_acquire() else {
        tracing::warn!(%client, "discovery refused: all slots busy");
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "discover.busy", Some(1), "busy");
    };
    let (events, received) = mpsc::unbounded_channel();
    let (config, cache) = (api.config.clone(), api.cache.clone());
    let task = tokio::spawn(async move {
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
    stream(Some((received, Cancel(task))), None)
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

/// One line of the stream.
fn line(event: &Event) -> Bytes {
    let mut line = serde_json::to_vec(event).unwrap_or_default();
    line.push(b'\n');
    Bytes::from(line)
}

/// Aborts the discovery when the response stream is dropped (the client went away) before it finished.
struct Cancel(tokio::task::JoinHandle<Answer>);

impl Drop for Cancel {
    fn drop(&mut self) {
        if !self.0.is_finished() {
            self.0.abort();
        }
    }
}

type Live = (mpsc::UnboundedReceiver<SourceReport>, Cancel);

/// The NDJSON response: each source's answer as it arrives, then the report; or, from the cache, the
/// answer's lines replayed.
fn stream(live: Option<Live>, cached: Option<Answer>) -> Response {
    enum State {
        Live(Live),
        Cached(Answer, usize),
        Done,
    }
    let start = match (live, cached) {
        (Some(live), _) => State::Live(live),
        (None, Some(report)) => State::Cached(report, 0),
        (None, None) => State::Done,
    };
    let lines = futures_util::stream::unfold(start, |state| async move {
        let (line, next) = match state {
            State::Done => return None,
            State::Live((mut events, mut cancel)) => match events.recv().await {
                Some(source) => (line(&Event::Source(source)), State::Live((events, cancel))),
                None => ((&mut cancel.0).await.ok()?.result, State::Done),
            },
            State::Cached(answer, i) => match answer.sources.get(i) {
                Some(source) => (source.clone(), State::Cached(answer.clone(), i + 1)),
                None => (answer.result.clone(), State::Done),
            },
        };
        Some((Ok::<_, std::convert::Infallible>(line), next))
    });
    let mut response = Body::from_stream(lines).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-ndjson"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}
