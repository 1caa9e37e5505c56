//! The headers `mailcheck serve` puts on its responses: a strict Content-Security-Policy, no MIME sniffing,
//! no referrer, and caching that suits Trunk's hashed file names. The README's "Deploy" section lists the
//! same headers for static hosts.

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use std::path::Path;
use tower_http::set_header::SetResponseHeaderLayer;

/// Who may show the app in a frame: the sources of CSP's `frame-ancestors`, `'self'` unless configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameAncestors(String);

impl Default for FrameAncestors {
    fn default() -> Self {
        FrameAncestors("'self'".into())
    }
}

impl FrameAncestors {
    /// Space-separated sources: `'self'`, `'none'` or origins such as `https://help.example` (a leading `*.`
    /// allows its subdomains). Anything else is refused, so the value can never add a directive of its own.
    pub fn parse(text: &str) -> Result<FrameAncestors, String> {
        let sources: Vec<&str> = text.split_whitespace().collect();
        if sources.is_empty() {
            return Err("name at least one source: 'self', 'none' or an origin like https://help.example".into());
        }
        if sources.len() > 1 && sources.contains(&"'none'") {
            return Err("'none' cannot be combined with other sources".into());
        }
        for source in &sources {
            if !is_source(source) {
                return Err(format!(
                    "{source} is not 'self', 'none' or an origin like https://help.example (scheme://host[:port])"
                ));
            }
        }
        Ok(FrameAncestors(sources.join(" ")))
    }
}

fn is_source(source: &str) -> bool {
    if source == "'self'" || source == "'none'" {
        return true;
    }
    let Some(rest) = source
        .strip_prefix("https://")
        .or_else(|| source.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.strip_prefix("*.").unwrap_or(rest);
    let (host, port) = match host.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (host, None),
    };
    let host_ok = !host.is_empty()
        && host
            .split('.')
            .all(|label| !label.is_empty() && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    host_ok && port_ok
}

/// The Content-Security-Policy: everything from this origin only, no inline script or style, and
/// `'wasm-unsafe-eval'` (compiling the app's WebAssembly) as the one relaxation. `connect_origins` are the
/// other origins the page may call: a probe or discovery on another server, the ISPDB online.
pub fn content_security_policy(connect_origins: &[String], frame_ancestors: &FrameAncestors) -> String {
    let mut connect = "'self'".to_owned();
    for origin in connect_origins {
        connect.push(' ');
        connect.push_str(origin);
    }
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src {connect}; \
         object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors {}",
        frame_ancestors.0
    )
}

/// The meta tags whose URL the page may call (README: Deploy): the probe, discovery, the ISPDB online.
pub const CONNECT_TAGS: [&str; 4] = [
    "mailcheck-probe",
    "mailcheck-discover",
    "mailcheck-ispdb",
    "mailcheck-doh",
];

/// The origin that `index_html`'s `<meta name="{name}">` points the app at, when that is an absolute
/// `http(s)://` URL; `None` for a relative one (this origin), an empty one (switched off) or none.
pub fn meta_origin(index_html: &str, name: &str) -> Option<String> {
    let url = meta_content(index_html, name)?;
    let scheme_len = ["https://", "http://"]
        .iter()
        .find(|s| url.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)))?
        .len();
    let authority_len = url[scheme_len..]
        .find(['/', '?', '#'])
        .unwrap_or(url.len() - scheme_len);
    let origin = url[..scheme_len + authority_len].to_ascii_lowercase();
    is_source(&origin).then_some(origin)
}

/// The `content` of the first `<meta name="{name}">` in `html`, as written (HTML minifiers drop the quotes).
fn meta_content(html: &str, name: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<meta") {
        let start = from + at + "<meta".len();
        let (attributes, end) = attributes(&html[start..]);
        from = start + end;
        let value = |key: &str| attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim());
        if value("name") == Some(name) {
            return value("content").map(str::to_owned);
        }
    }
    None
}

/// The attributes of a tag whose name has been read, lowercased names with their values, and how many bytes
/// up to and including its `>`.
fn attributes(tag: &str) -> (Vec<(String, String)>, usize) {
    let mut found = Vec::new();
    let bytes = tag.as_bytes();
    let mut i = 0;
    let skip = |i: &mut usize, stop: &dyn Fn(u8) -> bool| {
        let start = *i;
        while *i < bytes.len() && !stop(bytes[*i]) {
            *i += 1;
        }
        start
    };
    loop {
        skip(&mut i, &|b| !b.is_ascii_whitespace() && b != b'/');
        if i >= bytes.len() || bytes[i] == b'>' {
            return (found, (i + 1).min(bytes.len()));
        }
        let name_start = skip(&mut i, &|b| b.is_ascii_whitespace() || b == b'=' || b == b'>');
        let name = tag[name_start..i].to_ascii_lowercase();
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    i += 1;
                    let start = skip(&mut i, &|b| b == q);
                    value = tag[start..i].to_owned();
                    i = (i + 1).min(bytes.len());
                }
                _ => {
                    let start = skip(&mut i, &|b| b.is_ascii_whitespace() || b == b'>');
                    value = tag[start..i].to_owned();
                }
            }
        }
        found.push((name, value));
    }
}

/// Adds the security headers to every response of `router` (a response that sets its own keeps it).
pub fn secure(router: Router, csp: HeaderValue) -> Router {
    let set = |name: HeaderName, value: HeaderValue| SetResponseHeaderLayer::if_not_present(name, value);
    router
        .layer(set(header::CONTENT_SECURITY_POLICY, csp))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(set(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
}

/// Lets pages of any origin load the app's files: the widget (mailcheck-widget.js) on a help site imports the
/// app's modules and fetches its wasm and stylesheet from here, and modules and integrity-checked fetches
/// from another origin need CORS. The files are public and sent without credentials, so `*` reveals nothing.
pub fn shared(router: Router) -> Router {
    router.layer(SetResponseHeaderLayer::if_not_present(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    ))
}

/// Adds `Vary: Accept-Encoding` to the app's files: the same URL is sent brotli, gzip or plain by what the
/// client accepts.
pub fn varied(router: Router) -> Router {
    router.layer(SetResponseHeaderLayer::if_not_present(
        header::VARY,
        HeaderValue::from_static("accept-encoding"),
    ))
}

/// Adds `Cache-Control` to the app's files: a year and immutable for names Trunk hashed (a new build gets new
/// names), revalidate every time for the rest (`index.html`, which names the current build's files).
pub fn cached(router: Router) -> Router {
    router.layer(middleware::from_fn(cache_control))
}

async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = request.uri().path().rsplit('/').next().is_some_and(is_hashed);
    let mut response = next.run(request).await;
    // index.html answers unknown paths too: only a real hashed file may be kept for a year.
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    let value = if hashed && response.status() == StatusCode::OK && !is_html {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// Whether a file name carries Trunk's content hash: `name-<hash>.ext` (the wasm: `name-<hash>_bg.wasm`), the
/// hash a 64-bit number in hex without leading zeros, so 12 to 16 digits (fewer than 12: one build in a
/// million, whose file is then merely revalidated). Snippet files such as `snippets/<crate>-<hash>/src/probe.js`
/// do not count: that hash names the crate, not the content.
pub fn is_hashed(file_name: &str) -> bool {
    let Some((stem, _ext)) = file_name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty() && (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The policy for the app in `dist`: its index.html says where the probe, discovery and the ISPDB are.
pub fn policy_for(dist: &Path, frame_ancestors: &FrameAncestors) -> HeaderValue {
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let mut origins: Vec<String> = Vec::new();
    for origin in CONNECT_TAGS.iter().filter_map(|tag| meta_origin(&index, tag)) {
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    let csp = content_security_policy(&origins, frame_ancestors);
    // Every part was checked to be plain ASCII without control characters; the fallback is the default.
    HeaderValue::from_str(&csp)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'; frame-ancestors 'self'"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn frame_ancestors_take_keywords_and_origins_only() {
        for ok in [
            "'self'",
            "'none'",
            "'self' https://help.example",
            "https://*.example.com:8443",
        ] {
            assert!(FrameAncestors::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "*",
            "self",
            "'self'; script-src *",
            "https://help.example/path",
            "https://",
            "https://a..b",
            "ftp://x",
            "'none' 'self'",
            "https://x:99999x",
            "'unsafe-inline'",
        ] {
            assert!(FrameAncestors::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_policy_allows_no_inline_code_and_only_this_origin() {
        let csp = content_security_policy(&[], &FrameAncestors::default());
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(csp.contains("connect-src 'self';"));
        assert!(csp.ends_with("frame-ancestors 'self'"));
        let other = FrameAncestors::parse("https://help.example").unwrap();
        let origins = [
            "https://probe.example".to_owned(),
            "https://autoconfig.thunderbird.net".to_owned(),
        ];
        let csp = content_security_policy(&origins, &other);
        assert!(csp.contains("connect-src 'self' https://probe.example https://autoconfig.thunderbird.net;"));
        assert!(csp.ends_with("frame-ancestors https://help.example"));
    }

    #[test]
    fn the_probe_origin_is_read_from_the_meta_tag() {
        let cases = [
            (r#"<meta name="mailcheck-probe" content="api/probe" />"#, None),
            (r#"<meta name="mailcheck-probe" content="" />"#, None),
            (
                r#"<meta name="mailcheck-probe" content="https://probe.example/api/probe" />"#,
                Some("https://probe.example"),
            ),
            (
                "<meta content=HTTP://Probe.Example:8443/api/probe name=mailcheck-probe>",
                Some("http://probe.example:8443"),
            ),
            (
                "<meta name=description content=x><META CONTENT='https://p.example' NAME='mailcheck-probe'>",
                Some("https://p.example"),
            ),
            // A near miss: another meta tag with an absolute URL.
            (
                r#"<meta name="mailcheck-probes" content="https://probe.example/" />"#,
                None,
            ),
            // Not an origin a policy can name.
            (
                r#"<meta name="mailcheck-probe" content="https://probe.example;x/" />"#,
                None,
            ),
        ];
        for (html, expected) in cases {
            assert_eq!(meta_origin(html, "mailcheck-probe").as_deref(), expected, "{html}");
        }
    }

    #[test]
    fn the_policy_allows_the_ispdb_the_resolver_and_discovery_the_page_names_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let page = |ispdb: &str, doh: &str| {
            let html = format!(
                r#"<meta name="mailcheck-probe" content="api/probe"><meta name="mailcheck-discover"
                   content="https://find.example/api/discover"><meta name="mailcheck-ispdb" content="{ispdb}">
                   <meta name="mailcheck-doh" content="{doh}">"#
            );
            std::fs::write(dir.path().join("index.html"), html).unwrap();
            policy_for(dir.path(), &FrameAncestors::default())
                .to_str()
                .unwrap()
                .to_owned()
        };
        let csp = page(
            "https://autoconfig.thunderbird.net/v1.1/",
            "https://dns.example:8443/dns-query",
        );
        assert!(
            csp.contains(
                "connect-src 'self' https://find.example https://autoconfig.thunderbird.net https://dns.example:8443;"
            ),
            "{csp}"
        );
        let off = page("", "");
        assert!(off.contains("connect-src 'self' https://find.example;"), "{off}");
    }

    #[test]
    fn hashed_names_are_trunks() {
        for yes in [
            "style-7d8328220b05b679.css",
            "mailcheck-app-c65fec1d3c2e28d3_bg.wasm",
            "start-c100a158b31590e6.js",
            // Trunk drops leading zeros.
            "mailcheck-app-34c05c6de2e98e0_bg.wasm",
        ] {
            assert!(is_hashed(yes), "{yes}");
        }
        for no in [
            "index.html",
            "probe.js",
            "style-7d8328220b0.css",
            "style-7d8328220b05b6790.css",
            "-c100a158b31590e6.js",
            "app-c100a158b31590eg.js",
            "",
        ] {
            assert!(!is_hashed(no), "{no}");
        }
    }

    proptest! {
        #[test]
        fn any_html_is_read_without_panicking(html in ".{0,300}") {
            let _ = meta_origin(&html, "mailcheck-probe");
            let _ = meta_origin(&format!("<meta name=mailcheck-probe content={html}"), "mailcheck-probe");
        }

        #[test]
        fn any_frame_ancestors_text_is_judged_without_panicking(text in ".{0,80}") {
            if let Ok(ancestors) = FrameAncestors::parse(&text) {
                let csp = content_security_policy(&[], &ancestors);
                prop_assert!(HeaderValue::from_str(&csp).is_ok());
                prop_assert_eq!(csp.matches(';').count(), 7);
            }
        }
    }
}
