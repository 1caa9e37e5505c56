//! How the APIs take their requests: from which origins ([`Intake::cross_origin`]), and the checks every
//! request passes before it is read as a request, cheapest first ([`Gate`]): JSON only (415, which no page of
//! another origin can send without a CORS preflight), the client's rate limit (429), the body within its size
//! and time (413, 408), then a JSON object of the endpoint's request (400).

use super::admission::RateLimit;
use super::proxies::TrustedProxies;
use super::refusal::{Endpoint, Refusal};
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::Router;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

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

impl Intake {
    /// `router` answering cross-origin requests from the origins allowed (none: same origin only): POST with
    /// a JSON body, `Retry-After` readable by the page.
    pub fn cross_origin(&self, router: Router) -> Router {
        if self.cors_origins.is_empty() {
            return router;
        }
        router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(self.cors_origins.iter().cloned()))
                .allow_methods([Method::POST])
                .allow_headers([header::CONTENT_TYPE])
                .expose_headers([header::RETRY_AFTER])
                .max_age(Duration::from_secs(3600)),
        )
    }
}

/// One endpoint's door: its intake, its clients' rate limit, and its names for what it refuses.
#[derive(Debug)]
pub struct Gate {
    endpoint: &'static Endpoint,
    clients: RateLimit,
    intake: Intake,
}

impl Gate {
    pub fn new(endpoint: &'static Endpoint, per_client_per_minute: NonZeroU32, intake: Intake) -> Gate {
        Gate {
            endpoint,
            clients: RateLimit::per_minute(per_client_per_minute),
            intake,
        }
    }

    /// The client (behind trusted proxies) and its request, or the refusal to send.
    pub async fn admit<T: serde::de::DeserializeOwned>(
        &self,
        request: axum::extract::Request,
    ) -> Result<(IpAddr, T), Refusal> {
        let endpoint = self.endpoint;
        if !is_json(request.headers()) {
            return Err(endpoint.refuse_request(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"));
        }
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let client = self.intake.trusted_proxies.client(peer, request.headers());
        if let Err(wait) = self.clients.check(client) {
            tracing::info!(%client, "{}: client rate limit", endpoint.rate_limited);
            return Err(endpoint.refuse_too_often(endpoint.rate_limited, wait));
        }
        let Intake {
            max_body, body_timeout, ..
        } = self.intake;
        let bytes = match tokio::time::timeout(body_timeout, axum::body::to_bytes(request.into_body(), max_body)).await
        {
            Err(_) => return Err(endpoint.refuse_request(StatusCode::REQUEST_TIMEOUT, "body-timeout")),
            Ok(Err(_)) => return Err(endpoint.refuse_request(StatusCode::PAYLOAD_TOO_LARGE, "too-large")),
            Ok(Ok(bytes)) => bytes,
        };
        let parsed =
            parse_request(&bytes).ok_or_else(|| endpoint.refuse_request(StatusCode::BAD_REQUEST, "bad-request"))?;
        Ok((client, parsed))
    }
}

/// Whether the request says its body is JSON: `application/json`, parameters (`; charset=utf-8`) allowed.
/// Anything else, no type included, is what a form or a `fetch` from any web page may send without asking
/// first (a CORS "simple request"), so it must not start a probe or a discovery.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
}

/// The request as a JSON object. serde would also read a struct from a JSON array (`["h",25,…]`), which is
/// not the documented format, so anything but an object is refused before parsing.
fn parse_request<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return None;
    }
    serde_json::from_slice(bytes).ok()
}
