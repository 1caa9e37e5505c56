//! `POST /api/probe` through the router without a socket (tower's `oneshot`): the stream format, the deny
//! list, rate limits (429), the in-flight cap (503 at once), cancellation, the body cap and CORS.

mod support;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use http_body_util::BodyExt;
use mailcheck::guard::intake::Intake;
use mailcheck::probe::api::{router, Settings};
use mailcheck::probe::{Code, Config, Event, Verdict};
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::time::{Duration, Instant};
use support::faults::{self, Fake};
use tower::ServiceExt;

fn per_minute(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap()
}

fn body(port: u16) -> String {
    format!(r#"{{"host":"localhost","port":{port},"protocol":"smtp","security":"starttls"}}"#)
}

async fn post(app: &Router, client: &str, body: String) -> Response {
    post_as(app, client, Some("application/json"), body).await
}

/// A POST with `content_type` (none at all for `None`).
async fn post_as(app: &Router, client: &str, content_type: Option<&str>, body: String) -> Response {
    let mut request = Request::post("/api/probe");
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    let mut request = request.body(Body::from(body)).unwrap();
    let addr: SocketAddr = client.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(addr));
    app.clone().oneshot(request).await.unwrap()
}

async fn read_events(response: Response) -> Vec<Event> {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn report(events: &[Event]) -> &mailcheck::probe::Report {
    match events.last() {
        Some(Event::Report(r)) => r,
        other => panic!("the last line is not the report: {other:?}"),
    }
}

fn local_app(settings: &Settings) -> Router {
    router(support::config(support::TEST_LIMITS), settings)
}

async fn error_code(response: Response) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    json["error"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn steps_stream_as_ndjson_and_the_report_comes_last() {
    let port = Fake::smtp().start().await;
    let response = post(&local_app(&Settings::default()), "192.0.2.1:5000", body(port)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/x-ndjson");
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let events = read_events(response).await;
    let report = report(&events);
    assert_eq!(report.verdict, Verdict::Ok, "{report:#?}");
    let streamed: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::Step(s) => Some(s.clone()),
            Event::Report(_) => None,
        })
        .collect();
    assert_eq!(
        streamed, report.steps,
        "every step was streamed, in order, before the report"
    );
}

#[tokio::test]
async fn the_deny_list_applies_by_default() {
    let port = Fake::smtp().start().await;
    let config = Config::new().unwrap();
    let app = router(config, &Settings::default());
    let events = read_events(post(&app, "192.0.2.1:5000", body(port)).await).await;
    assert!(report(&events).has(Code::PortNotAllowed), "a high port is refused");
    for host in [
        "localhost",
        "127.0.0.1",
        "10.1.2.3",
        "[::1]",
        "169.254.169.254",
        "::ffff:192.168.0.1",
    ] {
        let json = format!(r#"{{"host":"{host}","port":25,"protocol":"smtp","security":"starttls"}}"#);
        let events = read_events(post(&app, "192.0.2.2:5000", json).await).await;
        let report = report(&events);
        assert!(report.has(Code::DeniedAddress), "{host}: {report:#?}");
        assert!(
            !report
                .steps
                .iter()
                .any(|s| s.name == mailcheck::probe::StepName::Connect),
            "{host}"
        );
    }
}

#[tokio::test]
async fn a_client_over_its_rate_gets_429_with_retry_after() {
    let settings = Settings {
        per_client_per_minute: per_minute(2),
        ..Settings::default()
    };
    let app = local_app(&settings);
    let port = Fake::smtp().start().await;
    for _ in 0..2 {
        assert_eq!(post(&app, "192.0.2.7:1000", body(port)).await.status(), StatusCode::OK);
    }
    let refused = post(&app, "192.0.2.7:1001", body(port)).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = refused.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&retry), "{retry}");
    assert_eq!(error_code(refused).await, "probe.rate-limited");
    // Another client is not affected; one IPv6 /64 counts as one client.
    assert_eq!(post(&app, "192.0.2.8:1000", body(port)).await.status(), StatusCode::OK);
    for (client, status) in [
        ("[2001:db8:0:1::1]:1", StatusCode::OK),
        ("[2001:db8:0:1::2]:1", StatusCode::OK),
        ("[2001:db8:0:1:ffff::3]:1", StatusCode::TOO_MANY_REQUESTS),
        ("[2001:db8:0:2::1]:1", StatusCode::OK),
    ] {
        assert_eq!(post(&app, client, body(port)).await.status(), status, "{client}");
    }
}

#[tokio::test]
async fn over_the_cap_is_503_at_once_and_a_disconnect_frees_the_slot() {
    let settings = Settings {
        max_in_flight: 1,
        ..Settings::default()
    };
    let app = local_app(&settings);
    let silent = faults::silent().await;
    // The first probe holds the only slot while its server stays silent.
    let first = post(&app, "192.0.2.1:1", body(silent)).await;
    assert_eq!(first.status(), StatusCode::OK);
    let started = Instant::now();
    let refused = post(&app, "192.0.2.2:1", body(silent)).await;
    assert!(
        started.elapsed() < Duration::from_millis(200),
        "no queueing: {:?}",
        started.elapsed()
    );
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.headers()[header::RETRY_AFTER], "1");
    assert_eq!(error_code(refused).await, "probe.busy");
    // The first client goes away: its probe is cancelled and the slot comes free well before the probe
    // would have ended (the test limits give it 4 s).
    drop(first);
    let deadline = Instant::now() + Duration::from_millis(500);
    loop {
        let response = post(&app, "192.0.2.3:1", body(silent)).await;
        if response.status() == StatusCode::OK {
            break;
        }
        assert!(Instant::now() < deadline, "the slot was not freed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn one_target_cannot_be_hammered() {
    let settings = Settings {
        per_target_per_minute: per_minute(1),
        ..Settings::default()
    };
    let app = local_app(&settings);
    let port = Fake::smtp().start().await;
    let first = read_events(post(&app, "192.0.2.1:1", body(port)).await).await;
    assert_eq!(report(&first).verdict, Verdict::Ok);
    let second = read_events(post(&app, "192.0.2.2:1", body(port)).await).await;
    let report = report(&second);
    assert!(report.has(Code::TargetBusy), "{report:#?}");
    assert!(report.findings[0].params["retry_after"].parse::<u64>().unwrap() > 0);
}

#[tokio::test]
async fn bodies_are_capped_and_checked() {
    let app = local_app(&Settings::default());
    let big = format!(
        r#"{{"host":"{}","port":25,"protocol":"smtp","security":"none"}}"#,
        "a".repeat(4000)
    );
    let response = post(&app, "192.0.2.1:1", big).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    for bad in [
        "",
        "not json",
        r#"{"host":"h","port":25,"protocol":"smtp"}"#,
        r#"{"host":"h","port":25,"protocol":"smtp","security":"none","password":"x"}"#,
        r#"{"host":"h","port":99999,"protocol":"smtp","security":"none"}"#,
    ] {
        let response = post(&app, "192.0.2.1:1", bad.to_owned()).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(error_code(response).await, "probe.bad-request");
    }
}

#[tokio::test]
async fn only_json_starts_a_probe_and_other_types_spend_no_quota() {
    // One probe a minute: had a refused request counted, the JSON one at the end would get 429.
    let settings = Settings {
        per_client_per_minute: per_minute(1),
        ..Settings::default()
    };
    let app = local_app(&settings);
    let port = Fake::smtp().start().await;
    // What any web page may send cross-origin without a preflight (CORS "simple requests"), and near misses.
    for content_type in [
        None,
        Some("text/plain"),
        Some("text/plain;charset=UTF-8"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/jsonp"),
        Some("application/json-seq"),
        Some("text/json"),
    ] {
        let response = post_as(&app, "192.0.2.9:1", content_type, body(port)).await;
        assert_eq!(
            response.status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}"
        );
        assert_eq!(error_code(response).await, "probe.bad-request");
    }
    for (client, content_type) in [
        ("192.0.2.10:1", "application/json; charset=utf-8"),
        ("192.0.2.11:1", "Application/JSON"),
    ] {
        let response = post_as(&app, client, Some(content_type), body(port)).await;
        assert_eq!(response.status(), StatusCode::OK, "{content_type}");
        read_events(response).await;
    }
    let response = post(&app, "192.0.2.9:1", body(port)).await;
    assert_eq!(response.status(), StatusCode::OK, "the refusals above spent no quota");
}

#[tokio::test]
async fn a_json_array_is_not_a_request() {
    let app = local_app(&Settings::default());
    let port = Fake::smtp().start().await;
    let array = format!(r#"["localhost",{port},"smtp","starttls"]"#);
    for bad in [
        array.clone(),
        format!("  {array}"),
        "null".into(),
        "25".into(),
        r#""text""#.into(),
    ] {
        let response = post(&app, "192.0.2.1:1", bad.clone()).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(error_code(response).await, "probe.bad-request");
    }
    // The near miss: the same request as an object (with leading white space) is fine.
    let response = post(&app, "192.0.2.2:1", format!("\n {}", body(port))).await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn preflight(app: &Router, origin: &str) -> Response {
    let request = Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/probe")
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
        .body(Body::empty())
        .unwrap();
    app.clone().oneshot(request).await.unwrap()
}

#[tokio::test]
async fn cors_only_for_the_configured_origins() {
    let settings = Settings {
        intake: Intake {
            cors_origins: vec![HeaderValue::from_static("https://app.example")],
            ..Intake::default()
        },
        ..Settings::default()
    };
    let app = local_app(&settings);
    let allowed = preflight(&app, "https://app.example").await;
    assert_eq!(
        allowed.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://app.example"
    );
    assert!(allowed.headers()[header::ACCESS_CONTROL_ALLOW_METHODS]
        .to_str()
        .unwrap()
        .contains("POST"));
    let other = preflight(&app, "https://evil.example").await;
    assert!(other.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    let none = preflight(&local_app(&Settings::default()), "https://app.example").await;
    assert!(none.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

#[tokio::test]
async fn the_api_sits_beside_the_app_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<title>mailcheck</title>").unwrap();
    let csp = HeaderValue::from_static("default-src 'self'");
    let app = mailcheck::serve::app_with_probe(dir.path(), csp, Config::new().unwrap(), &Settings::default());
    let get = app
        .clone()
        .oneshot(Request::get("/api/probe").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(get.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        get.headers()[header::X_CONTENT_TYPE_OPTIONS],
        "nosniff",
        "the API has the security headers too"
    );
    let page = app
        .clone()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(
        page.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "*",
        "the files are open to widgets"
    );
    let other = preflight(&app, "https://evil.example").await;
    assert!(
        other.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(),
        "the files' `*` must not open the API to every origin"
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_quota() {
    let settings = Settings {
        per_client_per_minute: per_minute(1),
        intake: Intake {
            trusted_proxies: mailcheck::guard::proxies::TrustedProxies::new(vec!["10.0.0.0/8".parse().unwrap()]),
            ..Intake::default()
        },
        ..Settings::default()
    };
    let app = local_app(&settings);
    let port = Fake::smtp().start().await;
    let forwarded = |peer: &str, client: &str| {
        let mut request = Request::post("/api/probe")
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-forwarded-for", format!("203.0.113.66, {client}"))
            .body(Body::from(body(port)))
            .unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        app.clone().oneshot(request)
    };
    // Two clients through the proxy: one probe each.
    assert_eq!(
        forwarded("10.0.0.1:1", "198.51.100.1").await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        forwarded("10.0.0.1:2", "198.51.100.2").await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        forwarded("10.0.0.1:3", "198.51.100.1").await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // The near miss: the same header from a client that is not a proxy is ignored (its own address counts).
    assert_eq!(
        forwarded("192.0.2.5:1", "198.51.100.3").await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        forwarded("192.0.2.5:2", "198.51.100.4").await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}
