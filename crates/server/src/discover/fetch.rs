//! One HTTP(S) GET for discovery, as safe as the probe's connections: the host is resolved once through
//! `dns.rs` and every address checked by the deny list, only a checked address is dialled, certificates
//! are verified (webpki roots; tests add their CA), and the answer is bounded in time and size. Redirects
//! are followed by hand, at most [`Limits::redirects`], each new host resolved and checked again, and never
//! from https down to http.

use super::{Config, Limits};
use crate::dns;
use crate::guard::deny::{self, Host};
use http_body_util::BodyExt;
use hyper::body::Bytes;
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::time::Instant;
use url::Url;

/// Why a fetch gave no document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The host does not exist, or has no addresses.
    NotFound(String),
    /// The server answered with a status other than 200 (404 is the usual "no file here").
    Status(u16),
    /// Refused before connecting: the host resolves to an address the deny list refuses, a redirect
    /// goes from https to http, or to a URL that is no web address. Said as the reason.
    Refused(String),
    /// The document is larger than the limit.
    TooLarge(usize),
    /// The limit ran out; `bytes` of the document had arrived by then.
    Timeout { bytes: usize },
    /// Anything else: DNS failure, connection refused, TLS, HTTP, more redirects than allowed.
    Failed(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::NotFound(e) => write!(f, "no such host: {e}"),
            FetchError::Status(code) => write!(f, "HTTP {code}"),
            FetchError::Refused(why) | FetchError::Failed(why) => f.write_str(why),
            FetchError::TooLarge(limit) => write!(f, "the document is larger than {} KiB", limit / 1024),
            FetchError::Timeout { bytes: 0 } => write!(f, "no answer in time"),
            FetchError::Timeout { bytes } => write!(f, "too slow: {bytes} bytes arrived in the time allowed"),
        }
    }
}

/// A document fetched, and the URL it came from in the end (after redirects).
#[derive(Clone, Debug)]
pub struct Fetched {
    pub url: Url,
    pub text: String,
}

/// GETs `url`, following redirects, within `limits.fetch` in all (and before `deadline`).
pub async fn get(config: &Config, url: Url, deadline: Instant) -> Result<Fetched, FetchError> {
    let limits = config.limits;
    let until = deadline.min(Instant::now() + limits.fetch);
    let received = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let work = follow(config, url, &limits, received.clone());
    match tokio::time::timeout_at(until, work).await {
        Ok(result) => result,
        Err(_) => Err(FetchError::Timeout {
            bytes: received.load(std::sync::atomic::Ordering::Relaxed),
        }),
    }
}

async fn follow(
    config: &Config,
    mut url: Url,
    limits: &Limits,
    received: Arc<std::sync::atomic::AtomicUsize>,
) -> Result<Fetched, FetchError> {
    for hop in 0..=limits.redirects {
        let answer = once(config, &url, limits, &received).await?;
        let Some(location) = answer.location else {
            return Ok(Fetched { url, text: answer.text });
        };
        if hop == limits.redirects {
            break;
        }
        let next = url
            .join(&location)
            .map_err(|_| FetchError::Refused(format!("a redirect to {location:?}, which is not a web address")))?;
        if url.scheme() == "https" && next.scheme() != "https" {
            return Err(FetchError::Refused(format!(
                "a redirect from https to {next}, which would drop the encryption"
            )));
        }
        url = next;
    }
    Err(FetchError::Failed(format!("more than {} redirects", limits.redirects)))
}

/// What one request gave: a document, or where a redirect points.
struct Answer {
    text: String,
    location: Option<String>,
}

async fn once(
    config: &Config,
    url: &Url,
    limits: &Limits,
    received: &std::sync::atomic::AtomicUsize,
) -> Result<Answer, FetchError> {
    let https = match url.scheme() {
        "https" => true,
        "http" => false,
        other => return Err(FetchError::Refused(format!("a {other}: address, not a web one"))),
    };
    let name = url.host_str().unwrap_or_default();
    let host = deny::parse_host(name).map_err(|_| FetchError::Refused(format!("{name:?} is not a host name")))?;
    let addresses = match &host {
        Host::Ip(ip) => vec![*ip],
        Host::Name(name) => config.resolver.addresses(name, limits.dns).await.map_err(|e| match e {
            dns::ResolveError::NotFound(e) => FetchError::NotFound(e),
            dns::ResolveError::Timeout => FetchError::Failed(format!("no DNS answer for {name} in time")),
            dns::ResolveError::Failed(e) => FetchError::Failed(format!("DNS failed for {name}: {e}")),
        })?,
    };
    let checked =
        dns::check_allowing(&addresses, config.allow_private, &config.allowed_addresses).map_err(|(ip, range)| {
            FetchError::Refused(format!("{name} resolves to {ip}, in {} ({})", range.cidr, range.name))
        })?;
    let port = config
        .ports
        .map(url.port_or_known_default().unwrap_or(if https { 443 } else { 80 }));
    let (tcp, _) = crate::guard::dial::connect(&checked, port, limits.connect)
        .await
        .map_err(|e| FetchError::Failed(format!("cannot connect to {name}: {e}")))?;
    if https {
        let server_name = match &host {
            Host::Ip(ip) => rustls::pki_types::ServerName::IpAddress((*ip).into()),
            Host::Name(n) => rustls::pki_types::ServerName::try_from(n.clone())
                .map_err(|_| FetchError::Refused(format!("{n:?} is not a host name")))?,
        };
        let tls = config
            .https
            .connect(server_name, tcp)
            .await
            .map_err(|e| FetchError::Failed(format!("TLS with {name} failed: {e}")))?;
        request(tls, url, limits, received).await
    } else {
        request(tcp, url, limits, received).await
    }
}

/// The request on a connection, and its answer read up to the size limit.
async fn request<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(
    stream: S,
    url: &Url,
    limits: &Limits,
    received: &std::sync::atomic::AtomicUsize,
) -> Result<Answer, FetchError> {
    let failed = |e: hyper::Error| FetchError::Failed(format!("HTTP: {e}"));
    let (mut sender, connection) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
        .await
        .map_err(failed)?;
    let driver = tokio::spawn(connection);
    let _stop = AbortOnDrop(driver);
    let mut target = url.path().to_owned();
    if let Some(query) = url.query() {
        target.push('?');
        target.push_str(query);
    }
    let authority = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    let request = hyper::Request::get(target)
        .header(hyper::header::HOST, authority)
        .header(hyper::header::USER_AGENT, "mailcheck (email settings discovery)")
        .header(hyper::header::ACCEPT, "application/xml, text/xml;q=0.9, */*;q=0.1")
        .body(http_body_util::Empty::<Bytes>::new())
        .map_err(|e| FetchError::Failed(e.to_string()))?;
    let response = sender.send_request(request).await.map_err(failed)?;
    let status = response.status();
    if status.is_redirection() {
        let location = response
            .headers()
            .get(hyper::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(FetchError::Status(status.as_u16()))?;
        return Ok(Answer {
            text: String::new(),
            location: Some(location.to_owned()),
        });
    }
    if status != hyper::StatusCode::OK {
        return Err(FetchError::Status(status.as_u16()));
    }
    let announced = response
        .headers()
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limits.body as u64) {
        return Err(FetchError::TooLarge(limits.body));
    }
    let mut body = response.into_body();
    let mut bytes: Vec<u8> = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(failed)?;
        if let Some(data) = frame.data_ref() {
            if bytes.len() + data.len() > limits.body {
                return Err(FetchError::TooLarge(limits.body));
            }
            bytes.extend_from_slice(data);
            received.store(bytes.len(), std::sync::atomic::Ordering::Relaxed);
        }
    }
    let text = String::from_utf8(bytes).map_err(|_| FetchError::Failed("the document is not UTF-8 text".into()))?;
    Ok(Answer { text, location: None })
}

/// Stops the connection's task when the request is done or dropped (a timeout).
struct AbortOnDrop(tokio::task::JoinHandle<Result<(), hyper::Error>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The TLS client for fetches: ordinary verification against the Mozilla roots (webpki-roots), plus
/// `extra_roots` (tests: the rcgen test CA). Unlike the probe's, a bad certificate fails the fetch.
pub fn https_client(
    extra_roots: &[rustls::pki_types::CertificateDer<'static>],
) -> Result<tokio_rustls::TlsConnector, rustls::Error> {
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    roots.add_parsable_certificates(extra_roots.iter().cloned());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}
