//! Serving the built app from `dist/`, and the probe's API next to it on the same origin.

pub mod files_limit;
pub mod headers;
pub mod health;
pub mod listen;
pub mod metrics;
mod stall;

use crate::guard::proxies::TrustedProxies;
use crate::probe;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Router;
pub use listen::ConnectionLimits;
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
    site(dist, csp, config, settings, health::Health::default(), None)
}

/// Everything on the main address: the app, the probe API, discovery (when given) and `/healthz`, with the
/// security headers.
pub fn site(
    dist: &Path,
    csp: HeaderValue,
    config: probe::Config,
    settings: &probe::api::Settings,
    health: health::Health,
    discovery: Option<Discovery>,
) -> Router {
    let mut routes = probe::api::router(config, settings).merge(health::router(health));
    if let Some(d) = discovery {
        routes = routes.merge(crate::discover::api::router(d.config, &d.settings));
    }
    headers::secure(routes.merge(files(dist)), csp)
}

/// `POST /api/discover`: its configuration and limits.
#[derive(Clone, Debug)]
pub struct Discovery {
    pub config: crate::discover::Config,
    pub settings: crate::discover::api::Settings,
}

/// The files of `dist`, `index.html` for `/`, each with its `Cache-Control`, open to pages of any origin (the
/// widget). Content types come from the file extension, `.wasm` included. Where the build wrote `.br` / `.gz`
/// beside a file (tools/compress.mjs), a client that accepts brotli or gzip gets that instead, with
/// `Content-Encoding` and `Vary: Accept-Encoding` (so caches keep the encodings apart).
fn files(dist: &Path) -> Router {
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(unknown.into_service());
    headers::shared(headers::cached(headers::varied(Router::new().fallback_service(files))))
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

/// Everything `mailcheck serve` is told besides the probe's own settings.
#[derive(Clone, Debug)]
pub struct Options {
    pub addr: SocketAddr,
    /// The built app.
    pub dist: PathBuf,
    /// Which pages may show the app in a frame.
    pub frame_ancestors: headers::FrameAncestors,
    pub connections: ConnectionLimits,
    /// Where to serve Prometheus metrics, if anywhere.
    pub metrics_addr: Option<SocketAddr>,
    /// Discovery, when this server offers it.
    pub discovery: Option<Discovery>,
}

impl Options {
    /// The defaults for the app in `dist` on `addr`.
    pub fn new(addr: SocketAddr, dist: PathBuf) -> Options {
        Options {
            addr,
            dist,
            frame_ancestors: headers::FrameAncestors::default(),
            connections: ConnectionLimits::default(),
            metrics_addr: None,
            discovery: None,
        }
    }
}

/// Limits for the metrics address: a scraper or two, on an operator's network.
const METRICS_CONNECTIONS: ConnectionLimits = ConnectionLimits {
    header_timeout: Duration::from_secs(10),
    write_timeout: Duration::from_secs(10),
    max_connections: 16,
    max_per_client: 8,
};

/// Binds `addr`, prints the URL (the first line of output, which scripts read; the metrics address, if any,
/// on the second), and serves the app, the probe API and `/healthz` until Ctrl-C or SIGTERM; then
/// `/healthz` says 503, idle connections close, and running requests get [`SHUTDOWN_DEADLINE`] to finish.
pub async fn run(options: Options, config: probe::Config, settings: probe::api::Settings) -> io::Result<()> {
    let Options {
        addr,
        dist,
        frame_ancestors,
        mut connections,
        metrics_addr,
        discovery,
    } = options;
    if !dist.join("index.html").is_file() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "{} has no index.html: build the app first (cargo xtask run)",
                dist.display()
            ),
        ));
    }
    // A discovery holds a few sockets at once: its fetches and DNS questions, then guesses started 100 ms
    // apart that mostly end at once. An accept that still runs out of descriptors pauses (listen.rs).
    let discoveries = discovery.as_ref().map_or(0, |d| d.settings.max_in_flight * 4);
    fit_to_file_limit(&mut connections, settings.max_in_flight + discoveries)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("mailcheck serving http://{}/", listener.local_addr()?);
    let metrics = match metrics_addr {
        Some(metrics_addr) => {
            let handle = metrics::install().map_err(io::Error::other)?;
            let listener = tokio::net::TcpListener::bind(metrics_addr).await?;
            println!("mailcheck metrics http://{}/metrics", listener.local_addr()?);
            Some((listener, handle))
        }
        None => None,
    };
    let csp = headers::policy_for(&dist, &frame_ancestors);
    let health = health::Health::default();
    let gate = listen::Gate::new(&connections, settings.intake.trusted_proxies.clone());
    let app = site(&dist, csp, config, &settings, health.clone(), discovery);
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let main = tokio::spawn(listen::serve(
        listener,
        app,
        connections,
        gate,
        stopping.clone(),
        SHUTDOWN_DEADLINE,
    ));
    let scraped = metrics.map(|(listener, handle)| {
        let gate = listen::Gate::new(&METRICS_CONNECTIONS, TrustedProxies::default());
        let router = metrics::router(handle);
        tokio::spawn(listen::serve(
            listener,
            router,
            METRICS_CONNECTIONS,
            gate,
            stopping,
            Duration::from_secs(1),
        ))
    });
    shutdown_signal().await;
    health.drain();
    tracing::info!(
        "shutting down: idle connections close now, running requests get up to {} s",
        SHUTDOWN_DEADLINE.as_secs()
    );
    let _ = stop.send(true);
    let _ = main.await;
    if let Some(scraped) = scraped {
        let _ = scraped.await;
    }
    Ok(())
}

/// Raises the file limit and lowers the connection caps to what fits under it (with a warning).
fn fit_to_file_limit(connections: &mut ConnectionLimits, max_probes: usize) -> io::Result<()> {
    let Some(files) = files_limit::raise() else {
        return Ok(());
    };
    let fit = files_limit::connections_that_fit(files, max_probes);
    if fit == 0 {
        return Err(io::Error::other(format!(
            "the limit of {files} open files leaves no room for connections: raise it (LimitNOFILE=)"
        )));
    }
    if connections.max_connections > fit {
        tracing::warn!(
            "{} connections do not fit the limit of {files} open files: serving at most {fit}",
            connections.max_connections
        );
        connections.max_connections = fit;
    }
    connections.max_per_client = connections.max_per_client.min(connections.max_connections);
    Ok(())
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
