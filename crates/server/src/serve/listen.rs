//! Accepting and holding connections, so that no client can lock the others out: a cap on connections per
//! client address (an IPv6 /64 counts as one, as for the rate limits) and in all, refused by closing at once
//! (never queued); hyper's header-read timeout, which runs from the moment a connection waits for a request
//! (when it opens, and after each response), so it bounds a silent connection, a half-sent header and an
//! idle keep-alive connection alike; a write deadline for clients that stop reading ([`WriteDeadline`]);
//! and accept errors (out of file descriptors, say) that make the loop pause, never spin or stop.
//! On shutdown idle connections close at once, running requests get the shutdown deadline, and connections
//! that have not sent a whole request are not waited for.

use super::stall::WriteDeadline;
use crate::guard::proxies::TrustedProxies;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};

/// The limits on connections (`mailcheck serve --header-timeout …`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConnectionLimits {
    /// From the moment a connection waits for a request (opened, or done with the previous response) until
    /// the request's whole header has arrived; also the idle keep-alive timeout.
    pub header_timeout: Duration,
    /// How long one write may wait for a client that does not read.
    pub write_timeout: Duration,
    /// Connections open at once, from all clients together.
    pub max_connections: usize,
    /// Connections open at once from one client address (IPv6: one /64). Trusted proxies are exempt.
    pub max_per_client: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
            max_connections: 1024,
            max_per_client: 32,
        }
    }
}

/// The largest request header hyper buffers (and so the memory a connection can make us hold to read one).
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Where connections come from: a TCP listener, or a scripted one in the tests below.
pub trait Listener: Send + 'static {
    type Io: AsyncRead + AsyncWrite + Unpin + Send + 'static;
    fn accept(&mut self) -> impl Future<Output = io::Result<(Self::Io, SocketAddr)>> + Send;
}

impl Listener for tokio::net::TcpListener {
    type Io = tokio::net::TcpStream;
    async fn accept(&mut self) -> io::Result<(Self::Io, SocketAddr)> {
        let (tcp, peer) = tokio::net::TcpListener::accept(self).await?;
        // Small writes (the probe's NDJSON lines) go out at once.
        let _ = tcp.set_nodelay(true);
        Ok((tcp, peer))
    }
}

/// Counts connections per client and in all; a [`Ticket`] is one connection, returned when dropped.
#[derive(Debug)]
pub struct Gate {
    total: Arc<Semaphore>,
    per_client: Mutex<HashMap<IpAddr, usize>>,
    max_per_client: usize,
    trusted: TrustedProxies,
}

/// Why a connection was closed at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    PerClient,
    Total,
}

impl Refusal {
    pub fn id(self) -> &'static str {
        match self {
            Refusal::PerClient => "connections-per-client",
            Refusal::Total => "connections-total",
        }
    }
}

/// One admitted connection.
#[derive(Debug)]
pub struct Ticket {
    gate: Arc<Gate>,
    client: Option<IpAddr>,
    _slot: OwnedSemaphorePermit,
}

impl Gate {
    pub fn new(limits: &ConnectionLimits, trusted: TrustedProxies) -> Arc<Gate> {
        Arc::new(Gate {
            total: Arc::new(Semaphore::new(limits.max_connections)),
            per_client: Mutex::new(HashMap::new()),
            max_per_client: limits.max_per_client,
            trusted,
        })
    }

    /// A ticket for a connection from `peer`, or why not. Never waits.
    pub fn admit(self: &Arc<Self>, peer: IpAddr) -> Result<Ticket, Refusal> {
        let slot = self.total.clone().try_acquire_owned().map_err(|_| Refusal::Total)?;
        let client = (!self.trusted.contains(peer)).then(|| crate::guard::admission::key(peer));
        if let Some(key) = client {
            let mut counts = self.per_client.lock().unwrap_or_else(|e| e.into_inner());
            let count = counts.entry(key).or_insert(0);
            if *count >= self.max_per_client {
                return Err(Refusal::PerClient);
            }
            *count += 1;
        }
        Ok(Ticket {
            gate: self.clone(),
            client,
            _slot: slot,
        })
    }

    /// Connections open now.
    pub fn open(&self) -> usize {
        let counts = self.per_client.lock().unwrap_or_else(|e| e.into_inner());
        counts.values().sum()
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let Some(key) = self.client else { return };
        let mut counts = self.gate.per_client.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = counts.get_mut(&key) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&key);
            }
        }
    }
}

/// Whether an accept error means the process or system is out of something (descriptors, buffers,
/// memory): then the loop waits a moment before it tries again, instead of spinning on the same error.
fn out_of_resources(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM)
    )
}

/// How long the accept loop waits after running out of resources.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// Serves `app` on connections from `listener` within `limits` until `stop` turns true, then lets running
/// requests finish for at most `deadline` (idle connections close at once). Returns when all are done or
/// the deadline has passed.
pub async fn serve<L: Listener>(
    mut listener: L,
    app: Router,
    limits: ConnectionLimits,
    gate: Arc<Gate>,
    mut stop: watch::Receiver<bool>,
    deadline: Duration,
) {
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(MAX_HEADER_BYTES);
    let mut last_warning: Option<tokio::time::Instant> = None;
    let requests = Requests::default();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.wait_for(|s| *s) => break,
        };
        let (io, peer) = match accepted {
            Ok(connection) => connection,
            Err(e) => {
                metrics::counter!("mailcheck_accept_errors_total").increment(1);
                if out_of_resources(&e) {
                    if last_warning.is_none_or(|t| t.elapsed() >= Duration::from_secs(1)) {
                        tracing::warn!("accept failed: {e}; pausing new connections briefly");
                        last_warning = Some(tokio::time::Instant::now());
                    }
                    tokio::time::sleep(ACCEPT_PAUSE).await;
                } else {
                    tracing::debug!("accept failed: {e}");
                }
                continue;
            }
        };
        let ticket = match gate.admit(peer.ip()) {
            Ok(ticket) => ticket,
            Err(refusal) => {
                metrics::counter!("mailcheck_refusals_total", "reason" => refusal.id()).increment(1);
                drop(io);
                continue;
            }
        };
        let app = app.clone();
        let requests = requests.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let running = requests.start();
            let answer = tower::ServiceExt::oneshot(app.clone(), request);
            async move {
                let response = answer.await?;
                Ok::<_, std::convert::Infallible>(response.map(|body| {
                    axum::body::Body::new(Running {
                        body,
                        _running: running,
                    })
                }))
            }
        });
        let io = TokioIo::new(WriteDeadline::new(io, limits.write_timeout));
        let connection = graceful.watch(http.serve_connection(io, service));
        metrics::gauge!("mailcheck_connections_open").increment(1.0);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(client = %peer.ip(), "connection ended: {e}");
            }
            metrics::gauge!("mailcheck_connections_open").decrement(1.0);
            drop(ticket);
        });
    }
    drop(listener);
    // Idle connections close now, and the others after their response. Only requests are waited for: a
    // connection that has not sent a whole header yet has asked for nothing, and is dropped with the process.
    let closed = graceful.shutdown();
    tokio::select! {
        () = closed => {}
        () = requests.finished() => {}
        () = tokio::time::sleep(deadline) => {
            tracing::warn!("shutdown deadline reached: stopping with requests still running");
        }
    }
}

/// The requests being answered, from a whole header until the last byte of the response body (or the
/// connection's end), on all connections of one listener.
#[derive(Clone, Debug, Default)]
struct Requests(Arc<(std::sync::atomic::AtomicUsize, tokio::sync::Notify)>);

/// One request being answered; dropped with its response body.
struct RunningRequest(Requests);

impl Requests {
    fn start(&self) -> RunningRequest {
        self.0 .0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        RunningRequest(self.clone())
    }

    /// Waits until no request is being answered.
    async fn finished(&self) {
        loop {
            let changed = self.0 .1.notified();
            if self.0 .0.load(std::sync::atomic::Ordering::SeqCst) == 0 {
                return;
            }
            changed.await;
        }
    }
}

impl Drop for RunningRequest {
    fn drop(&mut self) {
        self.0 .0 .0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        self.0 .0 .1.notify_waiters();
    }
}

/// A response body that holds its request's [`RunningRequest`] until it is done or dropped.
struct Running {
    body: axum::body::Body,
    /// Held for its `Drop`.
    _running: RunningRequest,
}

impl http_body::Body for Running {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::pin::Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn limits(max_connections: usize, max_per_client: usize) -> ConnectionLimits {
        ConnectionLimits {
            max_connections,
            max_per_client,
            ..ConnectionLimits::default()
        }
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_gate_counts_per_client_and_in_all_and_gives_back_on_drop() {
        let gate = Gate::new(&limits(3, 2), TrustedProxies::default());
        let a1 = gate.admit(ip("192.0.2.1")).unwrap();
        let _a2 = gate.admit(ip("192.0.2.1")).unwrap();
        assert_eq!(gate.admit(ip("192.0.2.1")).unwrap_err(), Refusal::PerClient);
        // One /64 is one client.
        let _b = gate.admit(ip("2001:db8::1")).unwrap();
        assert_eq!(gate.admit(ip("192.0.2.9")).unwrap_err(), Refusal::Total);
        drop(a1);
        assert_eq!(gate.open(), 2);
        let _a3 = gate.admit(ip("192.0.2.1")).unwrap();
        assert_eq!(gate.admit(ip("2001:db8::2")).unwrap_err(), Refusal::Total);
        let gate = Gate::new(&limits(10, 1), TrustedProxies::default());
        let _c = gate.admit(ip("2001:db8::1")).unwrap();
        assert_eq!(gate.admit(ip("2001:db8::ffff")).unwrap_err(), Refusal::PerClient);
        assert!(gate.admit(ip("2001:db8:0:1::1")).is_ok());
    }

    #[test]
    fn trusted_proxies_are_not_capped_per_client() {
        let trusted = TrustedProxies::new(vec!["10.0.0.0/8".parse().unwrap()]);
        let gate = Gate::new(&limits(3, 1), trusted);
        let _p: Vec<Ticket> = (0..3).map(|_| gate.admit(ip("10.0.0.1")).unwrap()).collect();
        assert_eq!(gate.admit(ip("10.0.0.1")).unwrap_err(), Refusal::Total);
    }

    /// Fails every accept with "too many open files" until `errors` have been given, then hands out one
    /// connection, then waits for ever.
    struct Exhausted {
        calls: Arc<AtomicUsize>,
        errors: usize,
        connection: Option<tokio::io::DuplexStream>,
    }

    impl Listener for Exhausted {
        type Io = tokio::io::DuplexStream;
        async fn accept(&mut self) -> io::Result<(Self::Io, SocketAddr)> {
            let call = self.calls.fetch_add(1, Ordering::SeqCst);
            if call < self.errors {
                return Err(io::Error::from_raw_os_error(libc::EMFILE));
            }
            match self.connection.take() {
                Some(io) => Ok((io, "192.0.2.1:1000".parse().unwrap())),
                None => std::future::pending().await,
            }
        }
    }

    #[tokio::test]
    async fn accept_errors_pause_the_loop_without_stopping_it() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let (mut client, server) = tokio::io::duplex(4096);
        let calls = Arc::new(AtomicUsize::new(0));
        let listener = Exhausted {
            calls: calls.clone(),
            errors: 5,
            connection: Some(server),
        };
        let app = Router::new().route("/", axum::routing::get(|| async { "served" }));
        let (stop, stopped) = watch::channel(false);
        let gate = Gate::new(&ConnectionLimits::default(), TrustedProxies::default());
        let started = std::time::Instant::now();
        let serving = tokio::spawn(serve(
            listener,
            app,
            ConnectionLimits::default(),
            gate,
            stopped,
            Duration::from_secs(1),
        ));
        client
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut answer = String::new();
        client.read_to_string(&mut answer).await.unwrap();
        assert!(
            answer.starts_with("HTTP/1.1 200") && answer.ends_with("served"),
            "{answer}"
        );
        // Five errors, each followed by a pause: no spinning, and the loop went on to serve.
        assert!(started.elapsed() >= ACCEPT_PAUSE * 5, "{:?}", started.elapsed());
        let calls = calls.load(Ordering::SeqCst);
        assert!(
            (6..=7).contains(&calls),
            "five errors, the connection, then waiting: {calls}"
        );
        stop.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(2), serving)
            .await
            .unwrap()
            .unwrap();
    }
}
