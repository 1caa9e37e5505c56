//! Fake web servers for discovery's tests, on 127.0.0.2 (the one loopback address the tests let discovery
//! dial): https with a test-CA certificate for the names given, or plain http. Each answers by host and path
//! from a table and writes down every request it was sent, so tests can check what went where.

use http_body_util::{combinators::BoxBody, BodyExt, Full, StreamBody};
use hyper::body::{Bytes, Frame};
use hyper::{Request, Response};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;

/// The loopback address discovery's fakes listen on.
pub const ADDRESS: &str = "127.0.0.2";

/// What a path answers.
#[derive(Clone, Debug)]
pub enum Page {
    /// 200 with this body.
    Text(String),
    /// This status, empty.
    Status(u16),
    /// 302 to this location.
    Redirect(String),
    /// 200 with this many bytes, in 64 KiB chunks and without a length (the reader must stop by itself).
    Huge(usize),
    /// 200, then one byte of `body` a second.
    Drip(String),
}

/// The table: (host, path prefix, page); the first match answers, anything else is 404.
#[derive(Clone, Debug, Default)]
pub struct Site {
    pages: Vec<(String, String, Page)>,
}

impl Site {
    pub fn new() -> Site {
        Site::default()
    }

    pub fn page(mut self, host: &str, path: &str, page: Page) -> Site {
        self.pages.push((host.to_owned(), path.to_owned(), page));
        self
    }
}

/// A running fake: its port and what it was asked (`host` + path and query).
#[derive(Clone)]
pub struct Web {
    pub port: u16,
    asked: Arc<Mutex<Vec<String>>>,
}

impl Web {
    /// Every request so far, as `host/path?query`.
    pub fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }

    /// Serves `site` over https with a certificate for `names` (None: plain http).
    pub async fn start(site: Site, names: Option<&[&str]>) -> Web {
        let tls = names.map(|n| tokio_rustls::TlsAcceptor::from(super::certs::leaf_for(n).server_config()));
        let listener = TcpListener::bind((ADDRESS, 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let web = Web {
            port,
            asked: asked.clone(),
        };
        let site = Arc::new(site);
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let (site, asked, tls) = (site.clone(), asked.clone(), tls.clone());
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let (site, asked) = (site.clone(), asked.clone());
                        async move { Ok::<_, Infallible>(answer(&site, &asked, request)) }
                    });
                    let http = hyper::server::conn::http1::Builder::new();
                    match tls {
                        Some(tls) => {
                            if let Ok(stream) = tls.accept(tcp).await {
                                let _ = http
                                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                                    .await;
                            }
                        }
                        None => {
                            let _ = http.serve_connection(hyper_util::rt::TokioIo::new(tcp), service).await;
                        }
                    }
                });
            }
        });
        web
    }
}

fn answer(
    site: &Site,
    asked: &Mutex<Vec<String>>,
    request: Request<hyper::body::Incoming>,
) -> Response<BoxBody<Bytes, Infallible>> {
    let host = request
        .headers()
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .split(':')
        .next()
        .unwrap_or("")
        .to_owned();
    let target = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    asked.lock().unwrap().push(format!("{host}{target}"));
    let page = site
        .pages
        .iter()
        .find(|(h, p, _)| *h == host && target.starts_with(p.as_str()))
        .map(|(_, _, page)| page.clone())
        .unwrap_or(Page::Status(404));
    let full = |status: u16, body: String| {
        Response::builder()
            .status(status)
            .body(Full::new(Bytes::from(body)).boxed())
            .unwrap()
    };
    match page {
        Page::Text(body) => full(200, body),
        Page::Status(code) => full(code, String::new()),
        Page::Redirect(to) => Response::builder()
            .status(302)
            .header(hyper::header::LOCATION, to)
            .body(Full::new(Bytes::new()).boxed())
            .unwrap(),
        Page::Huge(size) => {
            let chunks = futures_util::stream::iter(
                (0..size.div_ceil(65536)).map(|_| Ok::<_, Infallible>(Frame::data(Bytes::from(vec![b' '; 65536])))),
            );
            Response::new(StreamBody::new(chunks).boxed())
        }
        Page::Drip(body) => {
            let bytes = body.into_bytes();
            let drip = futures_util::stream::unfold(0usize, move |i| {
                let byte = bytes.get(i).copied();
                async move {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    byte.map(|b| (Ok::<_, Infallible>(Frame::data(Bytes::from(vec![b]))), i + 1))
                }
            });
            Response::new(StreamBody::new(drip).boxed())
        }
    }
}

/// An autoconfig document for `domain` with these servers (`(type, host, port, socketType)`).
pub fn autoconfig(name: &str, domain: &str, servers: &[(&str, &str, u16, &str)]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\"><emailProvider id=\"{domain}\">\
         <domain>{domain}</domain><displayName>{name}</displayName>"
    );
    for (kind, host, port, socket) in servers {
        let element = if *kind == "smtp" {
            "outgoingServer"
        } else {
            "incomingServer"
        };
        xml.push_str(&format!(
            "<{element} type=\"{kind}\"><hostname>{host}</hostname><port>{port}</port>\
             <socketType>{socket}</socketType><username>%EMAILADDRESS%</username>\
             <authentication>password-cleartext</authentication></{element}>"
        ));
    }
    xml.push_str("</emailProvider></clientConfig>\n");
    xml
}
