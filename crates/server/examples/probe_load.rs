//! Load benchmark for `POST /api/probe` (not part of `cargo test`).
//!
//! Starts `mailcheck serve` as its own process (so its memory can be read from /proc), local fake mail
//! servers (tests/support), then: (1) many concurrent probes below the in-flight cap (each a full STARTTLS
//! probe and its injection test, two connections), (2) a flood far above it, which must be answered with
//! fast 503s. Prints throughput, latency percentiles and the
//! server's memory. Run from the workspace root:
//!
//! ```text
//! cargo build --release -p mailcheck --bins --examples && target/release/examples/probe_load
//! ```

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::faults::Fake;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const CAP: usize = 64;

struct Server {
    child: Child,
    addr: String,
    _dist: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `mailcheck` binary next to this example's folder (target/<profile>/mailcheck).
fn binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().and_then(|p| p.parent()).unwrap().join("mailcheck")
}

fn start_server() -> Server {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<title>mailcheck</title>").unwrap();
    let mut child = Command::new(binary())
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--allow-private-targets",
            "--allow-any-port",
        ])
        .args(["--probes-per-client", "1000000", "--probes-per-target", "1000000"])
        // All the load comes from one address: the per-client connection cap would close most of the flood
        // at once, which is not what this measures.
        .args(["--max-connections-per-client", "2000", "--max-connections", "2000"])
        .args(["--max-probes", &CAP.to_string(), "--dist"])
        .arg(dist.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e} (build it with --bins)", binary().display()));
    // The first line is the URL (read before any load, so blocking here is fine).
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut line).unwrap();
    let addr = line
        .trim()
        .trim_start_matches("mailcheck serving http://")
        .trim_end_matches('/')
        .to_owned();
    Server {
        child,
        addr,
        _dist: dist,
    }
}

/// Resident and peak memory of a process, in MiB, from /proc.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// One POST; the status code and the time to the last byte.
async fn probe(addr: &str, port: u16) -> (u16, Duration) {
    let started = Instant::now();
    let body = format!(r#"{{"host":"localhost","port":{port},"protocol":"smtp","security":"starttls"}}"#);
    let request = format!(
        "POST /api/probe HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let Ok(mut stream) = TcpStream::connect(addr).await else {
        return (0, started.elapsed());
    };
    if stream.write_all(request.as_bytes()).await.is_err() {
        return (0, started.elapsed());
    }
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    let status = String::from_utf8_lossy(response.get(9..12).unwrap_or_default())
        .parse()
        .unwrap_or(0);
    (status, started.elapsed())
}

/// `total` probes, `concurrency` at a time; every status with its latency, and the wall time.
async fn run(addr: &str, port: u16, total: usize, concurrency: usize) -> (Vec<(u16, Duration)>, Duration) {
    let started = Instant::now();
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (addr, next) = (addr.to_owned(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut results = Vec::new();
            while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < total {
                results.push(probe(&addr, port).await);
            }
            results
        }));
    }
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    (all, started.elapsed())
}

fn percentiles(mut latencies: Vec<Duration>) -> String {
    if latencies.is_empty() {
        return "none".into();
    }
    latencies.sort();
    let at = |p: f64| {
        let i = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies[i].as_secs_f64() * 1000.0
    };
    format!(
        "p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    )
}

fn summary(name: &str, results: &[(u16, Duration)], wall: Duration) {
    let count = |code| results.iter().filter(|(s, _)| *s == code).count();
    let other = results.len() - count(200) - count(503);
    println!(
        "{name}: {} requests in {:.2} s = {:.0}/s; 200: {}, 503: {}, other: {other}",
        results.len(),
        wall.as_secs_f64(),
        results.len() as f64 / wall.as_secs_f64(),
        count(200),
        count(503)
    );
    for code in [200, 503] {
        let latencies = results.iter().filter(|(s, _)| *s == code).map(|(_, d)| *d).collect();
        println!("  {code}: {}", percentiles(latencies));
    }
}

#[tokio::main]
async fn main() {
    let server = start_server();
    let pid = server.child.id();
    let fast = Fake::smtp().start().await;
    let slow = Fake {
        delay: Duration::from_secs(2),
        ..Fake::smtp()
    }
    .start()
    .await;
    let (rss, _) = memory(pid);
    println!(
        "server {} (pid {pid}), in-flight cap {CAP}; memory at start: {rss:.1} MiB",
        server.addr
    );

    // Warm-up, then full STARTTLS probes (TLS handshake, certificate checks) below the cap.
    run(&server.addr, fast, 200, 16).await;
    let (rss, _) = memory(pid);
    println!("after warm-up: {rss:.1} MiB");
    for round in 1..=3 {
        let (results, wall) = run(&server.addr, fast, 3000, 48).await;
        summary(
            &format!("load round {round} (48 concurrent, full STARTTLS probes)"),
            &results,
            wall,
        );
        let (rss, peak) = memory(pid);
        println!("  server memory: {rss:.1} MiB resident, {peak:.1} MiB peak");
    }

    // A flood far above the cap against a server that greets after 2 s: the slots fill, the rest is 503.
    for round in 1..=2 {
        let (results, wall) = run(&server.addr, slow, 5000, 500).await;
        summary(
            &format!("flood round {round} (500 concurrent, slow target)"),
            &results,
            wall,
        );
        let (rss, peak) = memory(pid);
        println!("  server memory: {rss:.1} MiB resident, {peak:.1} MiB peak");
    }
    let (status, _) = probe(&server.addr, fast).await;
    println!("after the flood, a probe gets {status}");
}
