//! A soak: the `mailcheck serve` binary for a minute (`MAILCHECK_SOAK_SECONDS` to run longer) under a steady
//! mix of probes of fake mail servers (well-behaved and hostile), discoveries against a DNS server, file
//! requests and hostile clients, all on loopback. After each round of traffic, once it has stopped, the
//! server's open descriptors must be back at their baseline and its memory must not have grown: a leak of a
//! descriptor or a few bytes per request shows as growth from round to round.

mod support;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::dns::{TestDns, Zone};
use support::faults::{self, Fake};
use support::server::{small_dist, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One round of traffic; the soak is as many rounds as fit its seconds.
const ROUND: Duration = Duration::from_secs(10);

/// Clients sending at once.
const CLIENTS: usize = 12;

/// What may stay in memory for each new domain discovered: discovery keeps each answer (a report of a few
/// KiB) for 10 minutes, up to 1000 of them, and its per-domain rate limit keeps the domain as a key, so over
/// a soak of minutes memory grows with the new domains (measured: about 10 KiB each). Nothing else may grow.
const PER_NEW_DOMAIN_KIB: u64 = 16;

/// Memory the allocator may hold on to beyond the baseline (arenas of threads that came and went), whatever
/// the length of the soak.
const SLACK_KIB: u64 = 3 * 1024;

/// The server's resident memory (KiB) and open descriptors, from /proc.
#[derive(Clone, Copy, Debug)]
struct Usage {
    rss_kib: u64,
    fds: usize,
}

fn usage(pid: u32) -> Usage {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let rss_kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).unwrap().count();
    Usage { rss_kib, fds }
}

/// The loopback servers the traffic goes to.
struct Targets {
    server: SocketAddr,
    /// SMTP with STARTTLS, well-behaved.
    good: u16,
    /// Hangs up on the first bytes (a TLS hello included).
    hang_up: u16,
    /// Speaks only TLS 1.0.
    old_tls: u16,
    /// Greets with garbage.
    garbage: u16,
    /// Distinct discovery domains so far.
    domains: AtomicUsize,
}

/// Sends `request` on a new connection and reads the answer until the server closes it, for at most
/// `limit`; the answer so far (empty when the server could not be reached).
async fn exchange(addr: SocketAddr, request: &[u8], limit: Duration) -> String {
    let talk = async {
        let mut stream = TcpStream::connect(addr).await.ok()?;
        stream.write_all(request).await.ok()?;
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer).await;
        Some(answer)
    };
    let answer = tokio::time::timeout(limit, talk)
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    String::from_utf8_lossy(&answer).into_owned()
}

fn post(path: &str, json: &str) -> Vec<u8> {
    format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{json}",
        json.len()
    )
    .into_bytes()
}

fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\nConnection: close\r\n\r\n").into_bytes()
}

fn probe(port: u16, protocol: &str, security: &str) -> Vec<u8> {
    post(
        "/api/probe",
        &format!(r#"{{"host":"127.0.0.1","port":{port},"protocol":"{protocol}","security":"{security}"}}"#),
    )
}

/// The kinds of traffic, taken in turn by every client.
const KINDS: usize = 14;

/// Does the `kind`-th thing a client does and says whether the server answered as it should.
async fn act(targets: &Targets, kind: usize) -> bool {
    let addr = targets.server;
    let limit = Duration::from_secs(15);
    let starts = |answer: &str, status: &str| answer.starts_with(&format!("HTTP/1.1 {status}"));
    let report = |answer: &str| starts(answer, "200") && answer.contains(r#""type":"report""#);
    match kind {
        0 => report(&exchange(addr, &probe(targets.good, "smtp", "starttls"), limit).await),
        1 => report(&exchange(addr, &probe(targets.hang_up, "imap", "tls"), limit).await),
        2 => report(&exchange(addr, &probe(targets.old_tls, "imap", "tls"), limit).await),
        3 => report(&exchange(addr, &probe(targets.garbage, "smtp", "none"), limit).await),
        4 => {
            let n = targets.domains.fetch_add(1, Ordering::Relaxed);
            let json = format!(r#"{{"address":"jane@soak{n}.test"}}"#);
            starts(&exchange(addr, &post("/api/discover", &json), limit).await, "200")
        }
        5 => {
            let json = r#"{"address":"jane@google-hosted.test"}"#;
            starts(&exchange(addr, &post("/api/discover", json), limit).await, "200")
        }
        6 => {
            let page = exchange(addr, &get("/"), limit).await;
            let wasm = exchange(addr, &get("/app-1a2b.wasm"), limit).await;
            let missing = exchange(addr, &get("/gone-0123.js"), limit).await;
            starts(&page, "200") && starts(&wasm, "200") && starts(&missing, "404")
        }
        // Half a head, then silence: closed after the header timeout.
        7 => exchange(addr, b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ", limit)
            .await
            .is_empty(),
        // Not HTTP at all.
        8 => starts(
            &exchange(addr, b"\x16\x03\x01\x00\x05hello\r\n\r\n", limit).await,
            "400",
        ),
        // A head a proxy could read differently.
        9 => starts(&exchange(addr, b"GET / HTTP/1.1\nHost: x\n\n", limit).await, "400"),
        // A head over the limit.
        10 => {
            let mut big = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ".to_vec();
            big.extend(std::iter::repeat_n(b'b', 70 * 1024));
            big.extend_from_slice(b"\r\n\r\n");
            starts(&exchange(addr, &big, limit).await, "431")
        }
        // Connects and leaves at once.
        11 => TcpStream::connect(addr).await.is_ok(),
        // Asks for a large file and reads nothing: cut off by the write timeout.
        12 => {
            let Ok(mut stream) = TcpStream::connect(addr).await else {
                return false;
            };
            let asked = stream.write_all(&get("/big.bin")).await.is_ok();
            tokio::time::sleep(Duration::from_millis(1500)).await;
            asked
        }
        _ => starts(
            &exchange(addr, &get(&format!("/{}", "p".repeat(300))), limit).await,
            "404",
        ),
    }
}

/// Traffic from [`CLIENTS`] clients for `length`; how many answers were not what they should be, of how many.
async fn traffic(targets: &Arc<Targets>, length: Duration) -> (usize, usize) {
    let until = Instant::now() + length;
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let targets = targets.clone();
            tokio::spawn(async move {
                let (mut wrong, mut done) = (0, 0);
                let mut kind = client % KINDS;
                while Instant::now() < until {
                    if !act(&targets, kind).await {
                        wrong += 1;
                    }
                    done += 1;
                    kind = (kind + 1) % KINDS;
                }
                (wrong, done)
            })
        })
        .collect();
    let mut total = (0, 0);
    for client in clients {
        let (wrong, done) = client.await.unwrap();
        total = (total.0 + wrong, total.1 + done);
    }
    total
}

/// The server's usage once its descriptors are back at `baseline` (or after 5 s: the last connections of a
/// round close within the header and write timeouts of 1 s).
fn settled(pid: u32, baseline: usize) -> Usage {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let now = usage(pid);
        if now.fds <= baseline || Instant::now() > deadline {
            return now;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memory_and_descriptors_return_to_their_baseline_under_a_steady_mix() {
    let seconds: u64 = std::env::var("MAILCHECK_SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    // NXDOMAIN for every name but one, whose MX is Google's: discovery asks nothing outside loopback.
    let dns = TestDns::start(Zone::new().mx("google-hosted.test", 10, "aspmx.l.google.com.")).await;
    let dist = small_dist();
    std::fs::write(dist.path().join("big.bin"), vec![7u8; 16 * 1024 * 1024]).unwrap();
    let unlimited = "1000000";
    let server = Server::start_in(
        dist,
        &[
            "--dns-server",
            &dns.addr.to_string(),
            "--ispdb-url",
            "",
            "--allow-private-targets",
            "--allow-any-port",
            "--probes-per-client",
            unlimited,
            "--probes-per-target",
            unlimited,
            "--discoveries-per-client",
            unlimited,
            "--discoveries-per-domain",
            unlimited,
            "--max-connections-per-client",
            "256",
            "--header-timeout",
            "1",
            "--write-timeout",
            "1",
        ],
        |_| {},
    );
    let pid = server.child.id();
    let targets = Arc::new(Targets {
        server: server.addr,
        good: Fake::smtp().start().await,
        hang_up: faults::hang_up_after_first_read().await,
        old_tls: faults::old_tls(1).await,
        garbage: faults::says(b"\x00\x01 not a greeting\r\n").await,
        domains: AtomicUsize::new(0),
    });

    // Warm-up: a round of every kind of traffic, then the baseline, once the last connections have closed
    // (within the 1 s header and write timeouts).
    traffic(&targets, ROUND).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let baseline = usage(pid);
    let domains_before = targets.domains.load(Ordering::Relaxed);
    eprintln!("baseline after a round of warm-up: {baseline:?}");

    let rounds = (seconds / ROUND.as_secs()).max(1);
    for round in 1..=rounds {
        let (wrong, done) = traffic(&targets, ROUND).await;
        let now = settled(pid, baseline.fds);
        let domains = targets.domains.load(Ordering::Relaxed) - domains_before;
        eprintln!(
            "round {round}: {done} requests ({domains} new domains so far), {wrong} answered wrongly; then {now:?}"
        );
        assert!(done >= 100, "round {round}: only {done} requests in {ROUND:?}");
        assert!(wrong * 100 <= done, "round {round}: {wrong} of {done} answered wrongly");
        assert!(
            now.fds <= baseline.fds,
            "round {round}: {} descriptors open after the traffic stopped, {} before",
            now.fds,
            baseline.fds
        );
        // Memory: the baseline, what may stay for the new domains, and the slack.
        let cached = u64::try_from(domains).unwrap() * PER_NEW_DOMAIN_KIB;
        assert!(
            now.rss_kib <= baseline.rss_kib + cached + SLACK_KIB,
            "round {round}: {} KiB resident, baseline {} KiB, {cached} KiB for the new domains",
            now.rss_kib,
            baseline.rss_kib
        );
    }
    // Still serving.
    assert!(server.get("/healthz").starts_with("HTTP/1.1 200"));
}
