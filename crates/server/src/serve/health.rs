//! `GET /healthz` for load balancers and orchestrators: 200 while serving, 503 from the moment shutdown
//! begins (SIGTERM or Ctrl-C), so traffic moves elsewhere while running requests finish.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The path.
pub const PATH: &str = "/healthz";

/// Whether the server is draining; shared by the route and the shutdown.
#[derive(Clone, Debug, Default)]
pub struct Health(Arc<AtomicBool>);

impl Health {
    pub fn drain(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn draining(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The router holding `GET /healthz`.
pub fn router(health: Health) -> Router {
    Router::new().route(PATH, get(healthz)).with_state(health)
}

async fn healthz(State(health): State<Health>) -> impl IntoResponse {
    let (status, text) = if health.draining() {
        (StatusCode::SERVICE_UNAVAILABLE, "draining\n")
    } else {
        (StatusCode::OK, "ok\n")
    };
    (status, [(header::CACHE_CONTROL, "no-store")], text)
}
