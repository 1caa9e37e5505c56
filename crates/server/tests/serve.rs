//! The static file server, driven through the router without a socket, and once over a real socket.

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use http_body_util::BodyExt;
use mailcheck::serve::headers;
use std::fs;
use std::path::Path;
use tower::ServiceExt;

fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("index.html"), "<!doctype html><title>mailcheck</title>").unwrap();
    fs::write(dir.path().join("app-1a2b.wasm"), b"\0asm\x01\0\0\0").unwrap();
    fs::write(dir.path().join("app-1a2b.js"), "export {}").unwrap();
    fs::write(dir.path().join("style-9f.css"), "body{}").unwrap();
    dir
}

/// The app in `dist` with the policy `mailcheck serve` would give it by default.
fn app(dist: &Path) -> axum::Router {
    let csp = headers::policy_for(dist, &headers::FrameAncestors::default());
    mailcheck::serve::app(dist, csp)
}

async fn response(dir: &tempfile::TempDir, path: &str) -> Response<Body> {
    app(dir.path())
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap()
}

async fn get(dir: &tempfile::TempDir, path: &str) -> (StatusCode, String, Vec<u8>) {
    let response = response(dir, path).await;
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, content_type, body)
}

#[tokio::test]
async fn serves_each_file_with_its_content_type() {
    let dir = dist();
    for (path, expected) in [
        ("/", "text/html"),
        ("/index.html", "text/html"),
        ("/app-1a2b.wasm", "application/wasm"),
        ("/app-1a2b.js", "text/javascript"),
        ("/style-9f.css", "text/css"),
    ] {
        let (status, content_type, _) = get(&dir, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(content_type.starts_with(expected), "{path}: {content_type}");
    }
    assert_eq!(get(&dir, "/app-1a2b.wasm").await.2, b"\0asm\x01\0\0\0");
}

#[tokio::test]
async fn every_file_has_the_security_headers() {
    let dir = dist();
    for path in [
        "/",
        "/index.html",
        "/app-1a2b.wasm",
        "/style-9f.css",
        "/some/in-app/path",
    ] {
        let response = response(&dir, path).await;
        let h = response.headers();
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"), "{path}: {csp}");
        assert!(csp.contains("style-src 'self';"), "{path}: {csp}");
        assert!(csp.contains("connect-src 'self';"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(h[header::REFERRER_POLICY], "no-referrer", "{path}");
    }
}

#[tokio::test]
async fn a_probe_on_another_origin_may_be_called_and_frames_are_configurable() {
    let dir = dist();
    fs::write(
        dir.path().join("index.html"),
        r#"<meta content=https://probe.example/api/probe name=mailcheck-probe><title>mailcheck</title>"#,
    )
    .unwrap();
    let ancestors = headers::FrameAncestors::parse("'self' https://help.example").unwrap();
    let csp = headers::policy_for(dir.path(), &ancestors);
    let response = mailcheck::serve::app(dir.path(), csp)
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("connect-src 'self' https://probe.example;"), "{csp}");
    assert!(csp.ends_with("frame-ancestors 'self' https://help.example"), "{csp}");
}

#[tokio::test]
async fn hashed_files_are_cached_for_good_and_the_page_is_revalidated() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("index.html"), "<title>mailcheck</title>").unwrap();
    fs::write(dir.path().join("app-0123456789abcdef_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    fs::write(dir.path().join("start-0123456789abcdef.js"), "export {}").unwrap();
    fs::write(dir.path().join("notes.js"), "export {}").unwrap();
    let immutable = "public, max-age=31536000, immutable";
    for (path, expected) in [
        ("/app-0123456789abcdef_bg.wasm", immutable),
        ("/start-0123456789abcdef.js", immutable),
        ("/", "no-cache"),
        ("/index.html", "no-cache"),
        ("/notes.js", "no-cache"),
        // Not there: the page answers, and must not be kept for a year under this name.
        ("/gone-fedcba9876543210.js", "no-cache"),
    ] {
        let response = response(&dir, path).await;
        assert_eq!(response.headers()[header::CACHE_CONTROL], expected, "{path}");
    }
}

#[tokio::test]
async fn pages_of_any_origin_may_load_the_files_and_the_widget_loader_is_revalidated() {
    let dir = dist();
    fs::write(dir.path().join("mailcheck-widget.js"), "(()=>{})()").unwrap();
    for path in [
        "/",
        "/app-1a2b.wasm",
        "/app-1a2b.js",
        "/style-9f.css",
        "/mailcheck-widget.js",
    ] {
        let response = response(&dir, path).await;
        assert_eq!(response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*", "{path}");
    }
    // Its name never changes, so a year in a cache would keep host pages on an old build.
    let widget = response(&dir, "/mailcheck-widget.js").await;
    assert_eq!(widget.headers()[header::CACHE_CONTROL], "no-cache");
}

#[tokio::test]
async fn unknown_paths_open_the_app_and_missing_files_are_not_found() {
    let dir = dist();
    for path in ["/some/in-app/path", "/help"] {
        let response = response(&dir, path).await;
        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT, "{path}");
        assert_eq!(response.headers()[header::LOCATION], "/", "{path}");
    }
    // The near miss: a file name that is not there is an error, never the page in its place.
    for path in ["/gone-0123456789abcdef.js", "/some/in-app/style.css"] {
        let (status, content_type, _) = get(&dir, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(!content_type.starts_with("text/html"), "{path}: {content_type}");
    }
}

#[tokio::test]
async fn never_serves_files_outside_dist() {
    let outer = tempfile::tempdir().unwrap();
    fs::create_dir(outer.path().join("dist")).unwrap();
    fs::write(outer.path().join("dist/index.html"), "app").unwrap();
    fs::write(outer.path().join("secret.txt"), "secret").unwrap();
    for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"] {
        let response = app(&outer.path().join("dist"))
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert!(!String::from_utf8_lossy(&body).contains("secret"), "{path}");
    }
}

#[tokio::test]
async fn run_refuses_a_folder_without_the_app() {
    let empty = tempfile::tempdir().unwrap();
    let config = mailcheck::probe::Config::new().unwrap();
    let settings = mailcheck::probe::api::Settings::default();
    let options = mailcheck::serve::Options::new("127.0.0.1:0".parse().unwrap(), empty.path().to_owned());
    let err = mailcheck::serve::run(options, config, settings).await.unwrap_err();
    assert!(err.to_string().contains("build the app first"), "{err}");
}

#[test]
fn the_binary_prints_its_url_and_serves_over_a_real_socket() {
    use std::io::{BufRead, BufReader, Read, Write};
    let dir = dist();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mailcheck"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--frame-ancestors",
            "'none'",
            "--dist",
        ])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .trim_start_matches("mailcheck serving http://")
        .trim_end_matches('/')
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /app-1a2b.wasm HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap_or_default();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.to_lowercase().contains("content-type: application/wasm"),
        "{response}"
    );
    assert!(response.contains("frame-ancestors 'none'"), "{response}");
}

#[test]
fn the_binary_refuses_frame_ancestors_that_are_not_sources() {
    let dir = dist();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mailcheck"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--frame-ancestors",
            "'self'; script-src *",
            "--dist",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--frame-ancestors"), "{stderr}");
}

#[tokio::test]
async fn healthz_is_503_once_draining() {
    let dir = dist();
    let health = mailcheck::serve::health::Health::default();
    let csp = headers::policy_for(dir.path(), &headers::FrameAncestors::default());
    let config = mailcheck::probe::Config::new().unwrap();
    let site = mailcheck::serve::site(dir.path(), csp, config, &Default::default(), health.clone(), None);
    let status = |site: axum::Router| async move {
        site.oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
            .await
            .unwrap()
            .status()
    };
    assert_eq!(status(site.clone()).await, StatusCode::OK);
    health.drain();
    assert_eq!(status(site).await, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn precompressed_files_are_sent_to_clients_that_accept_them() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("index.html"), "<title>mailcheck</title>").unwrap();
    fs::write(dir.path().join("index.html.br"), "BROTLI-INDEX").unwrap();
    fs::write(dir.path().join("app-0123456789abcdef_bg.wasm"), b"\0asm plain").unwrap();
    fs::write(dir.path().join("app-0123456789abcdef_bg.wasm.br"), "BROTLI-WASM").unwrap();
    fs::write(dir.path().join("app-0123456789abcdef_bg.wasm.gz"), "GZIP-WASM").unwrap();
    fs::write(dir.path().join("icon.png"), "PNG").unwrap();
    let wasm = "/app-0123456789abcdef_bg.wasm";
    for (path, accept, encoding, body) in [
        (wasm, Some("gzip, deflate, br, zstd"), Some("br"), "BROTLI-WASM"),
        (wasm, Some("gzip"), Some("gzip"), "GZIP-WASM"),
        (wasm, Some("br;q=0, gzip"), Some("gzip"), "GZIP-WASM"),
        (wasm, Some("zstd"), None, "\0asm plain"),
        (wasm, None, None, "\0asm plain"),
        ("/", Some("br"), Some("br"), "BROTLI-INDEX"),
        ("/index.html", Some("gzip"), None, "<title>mailcheck</title>"),
        ("/icon.png", Some("br, gzip"), None, "PNG"),
    ] {
        let mut request = Request::get(path);
        if let Some(accept) = accept {
            request = request.header(header::ACCEPT_ENCODING, accept);
        }
        let response = app(dir.path())
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path} {accept:?}");
        let h = response.headers().clone();
        assert_eq!(
            h.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()),
            encoding,
            "{path} {accept:?}"
        );
        assert_eq!(h[header::VARY], "accept-encoding", "{path}");
        let expected_type = if path.ends_with(".wasm") {
            "application/wasm"
        } else if path.ends_with(".png") {
            "image/png"
        } else {
            "text/html"
        };
        assert!(
            h[header::CONTENT_TYPE].to_str().unwrap().starts_with(expected_type),
            "{path}"
        );
        if path == wasm {
            assert_eq!(h[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        }
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(bytes, body.as_bytes(), "{path} {accept:?}");
    }
}
