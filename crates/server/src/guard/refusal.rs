//! How an endpoint says no: one [`Refusal`] for every API, answered as JSON with a stable code the app
//! explains, the sentence it shows, and `Retry-After` where waiting helps; counted in the metrics by reason.

use super::admission::retry_after_secs;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// An endpoint's names for its refusals (`probe.busy`, `discover.busy`, …) and where the sentence for each
/// comes from: each feature has its own catalog of texts in the engine.
#[derive(Debug)]
pub struct Endpoint {
    /// The request itself: not JSON, too large, too slow, or not understood.
    pub bad_request: &'static str,
    /// The client's rate limit.
    pub rate_limited: &'static str,
    /// Every slot taken.
    pub busy: &'static str,
    /// The sentence the app shows for one of the endpoint's codes, if there is one.
    pub explain: fn(&str) -> Option<String>,
}

impl Endpoint {
    /// The request was not one the endpoint takes; `reason` is the metrics' label (`too-large`, …).
    pub fn refuse_request(&self, status: StatusCode, reason: &'static str) -> Refusal {
        self.refusal(status, self.bad_request, None, reason)
    }

    /// 429 under the rate limit named `code`, after which the client may try again in `wait`.
    pub fn refuse_too_often(&self, code: &'static str, wait: Duration) -> Refusal {
        let secs = retry_after_secs(wait);
        self.refusal(StatusCode::TOO_MANY_REQUESTS, code, Some(secs), "rate-limited")
    }

    /// 503 at once when every slot is taken: no queueing, a second's wait suggested.
    pub fn refuse_busy(&self) -> Refusal {
        self.refusal(StatusCode::SERVICE_UNAVAILABLE, self.busy, Some(1), "busy")
    }

    fn refusal(
        &self,
        status: StatusCode,
        code: &'static str,
        retry_after: Option<u64>,
        reason: &'static str,
    ) -> Refusal {
        Refusal {
            status,
            code,
            message: (self.explain)(code),
            retry_after,
            reason,
        }
    }
}

/// An error answer of an API, made by its [`Endpoint`].
#[derive(Debug)]
pub struct Refusal {
    status: StatusCode,
    code: &'static str,
    message: Option<String>,
    retry_after: Option<u64>,
    reason: &'static str,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        metrics::counter!("mailcheck_refusals_total", "reason" => self.reason).increment(1);
        let body = serde_json::json!({ "error": self.code, "message": self.message, "retry_after": self.retry_after });
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
