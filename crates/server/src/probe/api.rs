//! `POST /api/probe`: the probe over HTTP, safe to expose. Limits are applied cheapest first: the request's
//! checks of `guard/intake.rs` (415, 429, 413, 408, 400), then a slot among the probes in flight (503, at
//! once). The steps stream back as NDJSON, one line per step and the whole report last (docs/probe.md). A
//! client that disconnects cancels its probe, which frees its slot.

use super::report::{Event, Request, Verdict};
use super::run::{run, Config};
use crate::guard::admission::{InFlight, RateLimit};
use crate::guard::intake::{Gate, Intake};
use crate::guard::refusal::{Endpoint, Refusal};
use crate::guard::stream::{ndjson, Line, Running};
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use futures_util::StreamExt;
use std::num::NonZeroU32;
use std::sync::Arc;

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

/// The probe's refusals, explained by the engine's catalog of probe texts.
static PROBE: Endpoint = Endpoint {
    bad_request: "probe.bad-request",
    rate_limited: "probe.rate-limited",
    busy: "probe.busy",
    explain: |code| mailcheck_engine::catalog::probe::explain(code, &[]).map(|e| e.title),
};

/// The endpoint's shared state.
#[derive(Clone, Debug)]
struct Api {
    config: Arc<Config>,
    gate: Arc<Gate>,
    in_flight: InFlight,
}

/// The router holding `POST /api/probe`, to merge into the app's router. `config` is the probe's
/// configuration; its per-target limit is set here from `settings`.
pub fn router(mut config: Config, settings: &Settings) -> Router {
    config.targets = Some(Arc::new(RateLimit::per_minute(settings.per_target_per_minute)));
    let api = Api {
        config: Arc::new(config),
        gate: Arc::new(Gate::new(
            &PROBE,
            settings.per_client_per_minute,
            settings.intake.clone(),
        )),
        in_flight: InFlight::new(settings.max_in_flight, "mailcheck_probes_in_flight"),
    };
    settings
        .intake
        .cross_origin(Router::new().route(PATH, post(probe)).with_state(api))
}

async fn probe(State(api): State<Api>, request: axum::extract::Request) -> Result<Response, Refusal> {
    let (client, probe_request) = api.gate.admit::<Request>(request).await?;
    let Some(slot) = api.in_flight.try_acquire() else {
        tracing::warn!(%client, "probe refused: all probe slots busy");
        return Err(PROBE.refuse_busy());
    };
    let config = api.config.clone();
    let running = Running::spawn("probe", client, |steps| async move {
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
    Ok(ndjson(running.lines().map(|line| match line {
        Line::Progress(step) => Event::Step(step),
        Line::Done(report) => Event::Report(report),
    })))
}
