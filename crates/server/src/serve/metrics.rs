//! Prometheus metrics on their own address (`--metrics-addr`, off by default), through the `metrics` crate
//! and its Prometheus exporter. What is counted: probes by verdict and their durations, probes in flight,
//! discoveries by result, their sources by outcome, their durations, cache hits and discoveries in flight,
//! refusals by reason (429, 503, 415, 400, 413, 408, and connections closed by the caps), open connections
//! and accept errors. Without `--metrics-addr` no recorder is installed and the counting costs nothing.

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::time::Duration;

/// Durations in seconds: the probe's own limits (3, 5, 10, 25 s), discovery's (20 s) and the usual fast
/// answers.
const DURATION_BUCKETS: [f64; 11] = [0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0, 20.0, 25.0];

/// Installs the process's recorder, and keeps its histograms drained even when nobody scrapes (otherwise
/// they would grow without bound). Call once, inside the runtime.
pub fn install() -> Result<PrometheusHandle, String> {
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full("mailcheck_probe_duration_seconds".into()),
            &DURATION_BUCKETS,
        )
        .and_then(|b| {
            b.set_buckets_for_metric(
                Matcher::Full("mailcheck_discovery_duration_seconds".into()),
                &DURATION_BUCKETS,
            )
        })
        .map_err(|e| e.to_string())?
        .install_recorder()
        .map_err(|e| e.to_string())?;
    describe();
    let upkeep = handle.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(5));
        loop {
            every.tick().await;
            upkeep.run_upkeep();
        }
    });
    Ok(handle)
}

fn describe() {
    metrics::describe_counter!(
        "mailcheck_probes_total",
        "Probes finished, by verdict (ok, warnings, failed)."
    );
    metrics::describe_histogram!("mailcheck_probe_duration_seconds", "How long finished probes took.");
    metrics::describe_gauge!("mailcheck_probes_in_flight", "Probes running now.");
    metrics::describe_counter!(
        "mailcheck_discoveries_total",
        "Discoveries finished, by result (found, not-found, known: the database had the domain)."
    );
    metrics::describe_counter!(
        "mailcheck_discovery_sources_total",
        "Answers of discovery's sources, by source and outcome."
    );
    metrics::describe_histogram!(
        "mailcheck_discovery_duration_seconds",
        "How long finished discoveries took."
    );
    metrics::describe_counter!(
        "mailcheck_discovery_cache_hits_total",
        "Discoveries answered from the cache."
    );
    metrics::describe_gauge!("mailcheck_discoveries_in_flight", "Discoveries running now.");
    metrics::describe_counter!(
        "mailcheck_refusals_total",
        "Requests or connections refused, by reason."
    );
    metrics::describe_gauge!("mailcheck_connections_open", "Client connections open now.");
    metrics::describe_counter!(
        "mailcheck_accept_errors_total",
        "Failed accepts (e.g. out of file descriptors)."
    );
}

/// The router holding `GET /metrics` in Prometheus' text format.
pub fn router(handle: PrometheusHandle) -> Router {
    Router::new().route(
        "/metrics",
        get(move || {
            let text = handle.render();
            async move { ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response() }
        }),
    )
}
