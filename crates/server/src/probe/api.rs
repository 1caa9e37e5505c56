//! `POST /api/probe`: the probe over HTTP, safe to expose. Limits are applied cheapest first: the content
//! type (415: only `application/json`, which no page of another origin can send without a CORS preflight),
//! the client's rate limit (429), the body cap and its parse (413, 400), then a slot among the probes in
//! flight (503, at once). The steps stream back as NDJSON, one line per step and the whole report last (docs/probe.md). A
//! client that disconnects cancels its probe, which frees its slot.

use super::report::{Event, Request, Verdict};
use super::run::{run, Config};
use crate::guard::admission::{retry_after_secs, InFlight, RateLimit};
use crate::guard::proxies::TrustedProxies;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The path of the endpoint.
pub const PATH: &str = "/api/probe";

/// How the endpoint is limited; [`Settings::default`] is for the open internet.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Probes per client (IPv6: per /64) per minute, all of which may come at once.
    pub per_client_per_minute: NonZeroU32,
    /// Probes per target address per minute, from all clients together.
    pub per_target_per_minute: NonZeroU32,
    /// Probes in flight at once; more are answered 503 at once.
    pub max_in_flight: usize,
    pub intake: Intake,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            per_client_per_minute: NonZeroU32::new(6).unwrap_or(NonZeroU32::MIN),
            per_target_per_minute: NonZeroU32::new(6).unwrap_or(NonZeroU32::MIN),
            max_in_flight: 64,
            intake: Intake::default(),
        }
    }
}

/// How an endpoint takes its requests: the same for the probe and discovery (one `serve` flag each).
#[derive(Clone, Debug)]
pub struct Intake {
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// How long a client may take to send its body.
    pub body_timeout: Duration,
    /// Origins allowed to call the API from a browser (CORS); empty = same origin only.
    pub cors_origins: Vec<HeaderValue>,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` name the client (none by default).
    pub trusted_proxies: TrustedProxies,
}

impl Default for Intake {
    fn default() -> Self {
        Intake {
            max_body: 1024,
            body_timeout: Duration::from_secs(5),
            cors_origins: Vec::new(),
            trusted_proxies: TrustedProxies::default(),
        }
    }
}

/// The endpoint's shared state.
#[derive(Clone, Debug)]
struct Api {
    config: Arc<Config>,
    clients: Arc<RateLimit>,
    in_flight: InFlight,
    intake: Arc<Intake>,
}

pub(crate) fn per_minute(n: NonZeroU32) -> Option<RateLimit> {
    RateLimit::new(n, Duration::from_secs(60) / n.get())
}

/// The router holding `POST /api/probe`, to merge into the app's router. `config` is the probe's
/// configuration; its per-target limit is set here from `settings`.
pub fn router(mut config: Config, settings: &Settings) -> Router {
    let (Some(clients), Some(targets)) = (
        per_minute(settings.per_client_per_minute),
        per_minute(settings.per_target_per_minute),
    ) else {
        unreachable_quota()
    };
    config.targets = Some(Arc::new(targets));
    let api = Api {
        config: Arc::new(config),
        clients: Arc::new(clients),
        in_flight: InFlight::new(settings.max_in_flight, "mailcheck_probes_in_flight"),
        intake: Arc::new(settings.intake.clone()),
    };
    cross_origin(
        Router::new().route(PATH, post(probe)).with_state(api),
        &settings.intake.cors_origins,
    )
}

/// `router` answering cross-origin requests from `origins` (none: same origin only), as the probe's and
/// discovery's endpoints do: POST with a JSON body, `Retry-After` readable by the page.
pub(crate) fn cross_origin(router: Router, origins: &[HeaderValue]) -> Router {
    if origins.is_empty() {
        return router;
    }
    router.layer(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins.iter().cloned()))
            .allow_methods([Method::POST])
            .allow_headers([header::CONTENT_TYPE])
            .expose_headers([header::RETRY_AFTER])
            .max_age(Duration::from_secs(3600)),
    )
}

/// 60 s divided by a non-zero count is never zero (at most 60 000 probes a minute gives 1 ms).
fn unreachable_quota() -> ! {
    unreachable!("a per-minute quota with a non-zero count always has a non-zero period")
}

/// An error answer: a stable code the app explains, and `Retry-After` when waiting helps. Counted in the
/// metrics by `reason`.
fn refuse(status: StatusCode, code: &str, retry_after: Option<u64>, reason: &'static str) -> Response {
    metrics::counter!("mailcheck_refusals_total", "reason" => reason).increment(1);
    let message = mailcheck_engine::catalog::probe::explain(code, &[]).map(|e| e.title);
    let body = serde_json::json!({ "error": code, "message": message, "retry_after": retry_after });
    let mut response = (status, axum::Json(body)).into_response();
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

/// Whether the request says its body is JSON: `application/json`, parameters (`; charset=utf-8`) allowed.
/// Anything else, no type included, is what a form or a `fetch` from any web page may send without asking
/// first (a CORS "simple request"), so it must not start a probe.
pub(crate) fn is_json(headers: &axum::http::HeaderMap) -> bool {
    let Some(value) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
}

/// The request as a JSON object. serde would also read a struct from a JSON array (`["h",25,…]`), which is
/// not the documented format, so anything but an object is refused before parsing.
pub(crate) fn parse_request<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return None;
    }
    serde_json::from_slice(bytes).ok()
}

/// The checks every API request passes before its body is read as a request, cheapest first: JSON only
/// (415), the client's rate limit (429), the body within its size and time (413, 408). Shared by the probe
/// and discovery; `codes` are the endpoint's (bad request, rate limited), `refuse` its error answer.
pub(crate) struct Gate<'a> {
    pub clients: &'a RateLimit,
    pub intake: &'a Intake,
    pub codes: [&'static str; 2],
    pub refuse: fn(StatusCode, &str, Option<u64>, &'static str) -> Response,
}

impl Gate<'_> {
    /// The client (behind trusted proxies) and the body, or the refusal to send.
    pub(crate) async fn admit(&self, request: axum::extract::Request) -> Result<(IpAddr, Bytes), Response> {
        let [bad, limited] = self.codes;
        if !is_json(request.headers()) {
            return Err((self.refuse)(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                bad,
                None,
                "unsupported-media-type",
            ));
        }
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let client = self.intake.trusted_proxies.client(peer, request.headers());
        if let Err(wait) = self.clients.check(client) {
            tracing::info!(%client, "{limited}: client rate limit");
            let secs = Some(retry_after_secs(wait));
            return Err((self.refuse)(
                StatusCode::TOO_MANY_REQUESTS,
                limited,
                secs,
                "rate-limited",
            ));
        }
        let body = request.into_body();
        let Intake {
            max_body, body_timeout, ..
        } = *self.intake;
        match tokio::time::timeout(body_timeout, axum::body::to_bytes(body, max_body)).await {
            Err(_) => Err((self.refuse)(StatusCode::REQUEST_TIMEOUT, bad, None, "body-timeout")),
            Ok(Err(_)) => Err((self.refuse)(StatusCode::PAYLOAD_TOO_LARGE, bad, None, "too-large")),
            Ok(Ok(bytes)) => Ok((client, bytes)),
        }
    }
}

async fn probe(State(api): State<Api>, request: axum::extract::Request) -> Response {
    let gate = Gate {
        clients: &api.clients,
        intake: &api.intake,
        codes: ["probe.bad-request", "probe.rate-limited"],
        refuse,
    };
    let (client, bytes) = match gate.admit(request).await {
        Ok(admitted) => admitted,
        Err(refusal) => return refusal,
    };
    let Some(probe_request) = parse_request::<Request>(&bytes) else {
        return refuse(StatusCode::BAD_REQUEST, "probe.bad-request", None, "bad-request");
    };
    let Some(slot) = api.in_flight.try_acquire() else {
        tracing::warn!(%client, "probe refused: all probe slots busy");
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "probe.busy", Some(1), "busy");
    };
    let (steps, received) = mpsc::unbounded_channel();
    let config = api.config.clone();
    let task = tokio::spawn(async move {
        let _slot = slot;
        // The host is logged as sent (that is what the client asked for), so only quoted.
        let host = crate::log::quoted(&probe_request.host);
        let (port, protocol, security) = (
            probe_request.port,
            probe_request.protocol.id(),
            probe_request.security.id(),
        );
        let report = run(probe_request, &config, Some(steps)).await;
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code.id()).collect();
        tracing::info!(
            %client, %host, port, protocol, security, verdict = ?report.verdict, ms = report.ms, findings = ?codes,
            "probe"
        );
        let verdict = match report.verdict {
            Verdict::Ok => "ok",
            Verdict::Warnings => "warnings",
            Verdict::Failed => "failed",
        };
        metrics::counter!("mailcheck_probes_total", "verdict" => verdict).increment(1);
        metrics::histogram!("mailcheck_probe_duration_seconds").record(report.ms as f64 / 1000.0);
        report
    });
    stream(received, Cancel { task, client }).into_response()
}

/// Aborts the probe when the response stream is dropped (the client went away) before it finished.
struct Cancel {
    task: JoinHandle<super::Report>,
    client: IpAddr,
}

impl Drop for Cancel {
    fn drop(&mut self) {
        if !self.task.is_finished() {
            tracing::info!(client = %self.client, "probe cancelled: the client disconnected");
            self.task.abort();
        }
    }
}

/// The NDJSON response: each step as it arrives, then the report when the probe's task ends.
fn stream(steps: mpsc::UnboundedReceiver<super::Step>, cancel: Cancel) -> Response {
    let lines = futures_util::stream::unfold(Some((steps, cancel)), |state| async move {
        let (mut steps, mut cancel) = state?;
        let event = match steps.recv().await {
            Some(step) => Some((Event::Step(step), Some((steps, cancel)))),
            // The sender is gone: the probe ended (or panicked, which ends the stream without a report).
            None => (&mut cancel.task)
                .await
                .ok()
                .map(|report| (Event::Report(report), None)),
        };
        let (event, next) = event?;
        let mut line = serde_json::to_vec(&event).unwrap_or_default();
        line.push(b'\n');
        Some((Ok::<_, std::convert::Infallible>(Bytes::from(line)), next))
    });
    let mut response = Body::from_stream(lines).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-ndjson"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Tells nginx not to buffer the stream, so steps reach the browser as they happen.
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}
