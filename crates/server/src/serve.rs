//! Serving the built app from `dist/`, and the probe's API next to it on the same origin.

pub mod headers;

use crate::probe;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Router;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tower_http::services::ServeDir;

/// How long a shutdown waits for running requests (probes last at most 25 s) before it stops anyway.
pub const SHUTDOWN_DEADLINE: Duration = Duration::from_secs(30);

/// The router: the app's files from `dist` with the security headers, `csp` their Content-Security-Policy
/// ([`headers::policy_for`]).
pub fn app(dist: &Path, csp: HeaderValue) -> Router {
    headers::secure(files(dist), csp)
}

/// The app with the probe API (`POST /api/probe`) merged in, the security headers on both.
pub fn app_with_probe(dist: &Path, csp: HeaderValue, config: probe::Config, settings: &probe::api::Settings) -> Router {
    headers::secure(probe::api::router(config, settings).merge(files(dist)), csp)
}

/// The files of `dist`, `index.html` for `/`, each with its `Cache-Control`, open to pages of any origin (the
/// widget). Content types come from the file extension, `.wasm` included.
fn files(dist: &Path) -> Router {
    let files = ServeDir::new(dist).fallback(unknown.into_service());
    headers::shared(headers::cached(Router::new().fallback_service(files)))
}

/// A path that is no file: a missing file (its name has an extension) is 404, anything else opens the app at
/// `/`. It cannot open there itself: the app's asset URLs are relative to `index.html`, so that `dist/` works
/// under any sub-path of a static host, and from `/some/path` they would point into `/some/`.
async fn unknown(uri: Uri) -> Response {
    let name = uri.path().rsplit('/').next().unwrap_or_default();
    if name.contains('.') {
        StatusCode::NOT_FOUND.into_response()
    } else {
        Redirect::temporary("/").into_response()
    }
}

/// Binds `addr`, prints the URL (the first line of output, which scripts read), and serves the app and
/// the probe API until Ctrl-C or SIGTERM; then running requests get [`SHUTDOWN_DEADLINE`] to finish.
/// `frame_ancestors` says which pages may show the app in a frame.
pub async fn run(
    addr: SocketAddr,
    dist: PathBuf,
    frame_ancestors: headers::FrameAncestors,
    config: probe::Config,
    settings: probe::api::Settings,
) -> io::Result<()> {
    if !dist.join("index.html").is_file() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "{} has no index.html: build the app first (cargo xtask run)",
                dist.display()
            ),
        ));
    }
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("mailcheck serving http://{}/", listener.local_addr()?);
    let csp = headers::policy_for(&dist, &frame_ancestors);
    let app = app_with_probe(&dist, csp, config, &settings).into_make_service_with_connect_info::<SocketAddr>();
    let (stopping, mut stop) = tokio::sync::watch::channel(false);
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!(
            "shutting down: waiting up to {} s for running requests",
            SHUTDOWN_DEADLINE.as_secs()
        );
        let _ = stopping.send(true);
    });
    let deadline = async move {
        let _ = stop.wait_for(|s| *s).await;
        tokio::time::sleep(SHUTDOWN_DEADLINE).await;
    };
    tokio::select! {
        served = server => served,
        () = deadline => {
            tracing::warn!("shutdown deadline reached: stopping with requests still running");
            Ok(())
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
