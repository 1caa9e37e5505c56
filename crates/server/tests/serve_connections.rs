//! `mailcheck serve` against clients that hold connections: silent, half a header, idle keep-alive, a flood
//! from one address, a client that stops reading, and SIGTERM with connections open. Each test is bounded
//! in time and in connections, and stays on loopback.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::time::{Duration, Instant};
use support::server::{healthz_on, small_dist, Server};

/// How long after `start` the server closed `stream` (read gives end of file or an error), if within
/// `limit`. Whatever the server sends first (an answer) is read and skipped.
fn closed_after(stream: &mut TcpStream, start: Instant, limit: Duration) -> Option<Duration> {
    let mut buf = [0u8; 4096];
    loop {
        let left = limit.checked_sub(start.elapsed())?;
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return Some(start.elapsed()),
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => return None,
            Err(_) => return Some(start.elapsed()),
        }
    }
}

/// Sets the open-file limit of the child to `soft` / `hard` before it runs.
fn file_limit(command: &mut std::process::Command, soft: u64, hard: u64) {
    // SAFETY: setrlimit is async-signal-safe, and the closure touches nothing else.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: soft,
                rlim_max: hard,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
}

#[test]
fn silent_half_sent_and_idle_connections_are_closed_after_the_header_timeout() {
    let server = Server::start(&["--header-timeout", "0.5"]);
    let start = Instant::now();
    let mut silent = TcpStream::connect(server.addr).unwrap();
    let mut half = TcpStream::connect(server.addr).unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ").unwrap();
    let mut idle = TcpStream::connect(server.addr).unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let limit = Duration::from_secs(3);
    for (name, stream) in [
        ("silent", &mut silent),
        ("half a header", &mut half),
        ("idle keep-alive", &mut idle),
    ] {
        let closed = closed_after(stream, start, limit);
        assert!(
            closed.is_some_and(|t| t >= Duration::from_millis(400)),
            "{name}: closed after {closed:?} (header timeout 0.5 s)"
        );
    }
    // The near miss: a client that sends its request in time gets its answer.
    assert!(server.get("/healthz").starts_with("HTTP/1.1 200"));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_client_with_hundreds_of_connections_locks_nobody_out() {
    // 256 descriptors in all: before the caps, 300 idle connections used them up and nobody else was
    // answered ("accept error: Too many open files").
    let server = Server::start_with(&["--max-connections-per-client", "16"], |c| file_limit(c, 256, 256));
    let addr = server.addr;
    let mut flood = Vec::new();
    for _ in 0..300 {
        match tokio::net::TcpStream::connect(addr).await {
            Ok(stream) => flood.push(stream.into_std().unwrap()),
            Err(e) => panic!("connect: {e}"),
        }
    }
    // All but 16 were closed at once (well within the 10 s header timeout).
    std::thread::sleep(Duration::from_millis(500));
    let mut closed = 0;
    for stream in &mut flood {
        let mut buf = [0u8; 16];
        if !matches!(stream.read(&mut buf), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock) {
            closed += 1;
        }
    }
    assert_eq!(closed, 300 - 16, "connections closed at once");
    // Another client is answered at once.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
    let other = socket.connect(addr).await.unwrap();
    let answer = healthz_on(other, Duration::from_secs(2));
    assert!(answer.starts_with("HTTP/1.1 200"), "another client got {answer:?}");
    drop(flood);
}

#[test]
fn the_soft_file_limit_is_raised_to_the_hard_one() {
    let server = Server::start_with(&[], |c| file_limit(c, 256, 4096));
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", server.child.id())).unwrap();
    let line = limits.lines().find(|l| l.starts_with("Max open files")).unwrap();
    let numbers: Vec<&str> = line.split_whitespace().skip(3).take(2).collect();
    assert_eq!(numbers, ["4096", "4096"], "{line}");
}

#[test]
fn sigterm_does_not_wait_for_idle_connections() {
    let mut server = Server::start(&[]);
    let mut idle: Vec<TcpStream> = (0..5).map(|_| TcpStream::connect(server.addr).unwrap()).collect();
    // One has had an answer and stays open (keep-alive); two are in the middle of a header.
    idle[0].write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut buf = [0u8; 512];
    let _ = idle[0].read(&mut buf);
    idle[1].write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    idle[2]
        .write_all(b"POST /api/probe HTTP/1.1\r\nHost: x\r\nContent-Length: 60\r\n\r\n{")
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let start = Instant::now();
    server.terminate();
    let status = server.wait_exit(Duration::from_secs(5));
    assert!(
        status.is_some_and(|s| s.success()),
        "{status:?} after {:?}",
        start.elapsed()
    );
    assert!(start.elapsed() < Duration::from_secs(3), "took {:?}", start.elapsed());
}

#[test]
fn a_client_that_stops_reading_is_cut_off() {
    let dist = small_dist();
    let size = 32 * 1024 * 1024;
    std::fs::write(dist.path().join("big.bin"), vec![7u8; size]).unwrap();
    let server = Server::start_in(dist, &["--write-timeout", "0.5"], |_| {});
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .write_all(b"GET /big.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    // Reads nothing for 2 s: the socket buffers fill, the server's write stalls, and it gives up.
    std::thread::sleep(Duration::from_secs(2));
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut received = 0;
    let mut buf = vec![0u8; 1 << 16];
    let start = Instant::now();
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 || start.elapsed() > Duration::from_secs(5) {
            break;
        }
        received += n;
    }
    assert!(
        received < size,
        "the whole file came: the stalled write was not cut off"
    );
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "the connection was not closed"
    );
}

#[test]
fn healthz_answers_while_serving() {
    let server = Server::start(&[]);
    let answer = server.get("/healthz");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("ok\n"), "{answer}");
    assert!(answer.to_lowercase().contains("cache-control: no-store"), "{answer}");
}

/// The metrics address `server` printed (started with `--metrics-addr 127.0.0.1:0`).
fn metrics_of(server: &mut Server) -> SocketAddr {
    server
        .second_line()
        .trim_start_matches("mailcheck metrics http://")
        .trim_end_matches("/metrics")
        .parse()
        .unwrap()
}

/// The metrics page, once it names every one of `counted` (the counters are written as requests end), or
/// after 5 s.
fn scrape(metrics: SocketAddr, counted: &[&str]) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let request = b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        let text = support::server::raw(metrics, request, Duration::from_secs(5));
        if counted.iter().all(|c| text.contains(c)) || Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn metrics_are_off_by_default_and_count_probes_discoveries_and_refusals_when_on() {
    let server = Server::start(&[]);
    let answer = server.get("/metrics");
    assert!(
        !answer.contains("mailcheck_"),
        "no metrics on the main address: {answer}"
    );

    let mut server = Server::start(&["--metrics-addr", "127.0.0.1:0"]);
    let metrics = metrics_of(&mut server);
    let probe = r#"{"host":"bad host","port":25,"protocol":"smtp","security":"none"}"#;
    assert!(server.probe(probe).starts_with("HTTP/1.1 200"));
    let plain = format!(
        "POST /api/probe HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{probe}",
        probe.len()
    );
    assert!(server
        .raw(plain.as_bytes(), Duration::from_secs(5))
        .starts_with("HTTP/1.1 415"));
    // A domain the database knows is answered from it, asking nothing; the second time from the cache.
    let discovery = r#"{"address":"jane@gmail.com"}"#;
    for _ in 0..2 {
        let answer = server.post("/api/discover", discovery);
        assert!(
            answer.starts_with("HTTP/1.1 200") && answer.contains(r#""known":{"id":"gmail""#),
            "{answer}"
        );
    }
    let text = scrape(
        metrics,
        &["mailcheck_probes_total", "mailcheck_discovery_cache_hits_total"],
    );
    for expected in [
        r#"mailcheck_probes_total{verdict="failed"} 1"#,
        r#"mailcheck_refusals_total{reason="unsupported-media-type"} 1"#,
        "mailcheck_probes_in_flight 0",
        r#"mailcheck_discoveries_total{result="known"} 1"#,
        "mailcheck_discovery_cache_hits_total 1",
        "mailcheck_discoveries_in_flight 0",
        "mailcheck_discovery_duration_seconds_bucket",
        "mailcheck_probe_duration_seconds_bucket{le=\"0.05\"} 1",
        "mailcheck_connections_open",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    assert!(
        !text.contains("mailcheck_discovery_sources_total{"),
        "a known domain asks no source:\n{text}"
    );
}

#[test]
fn a_discovery_counts_each_source_by_its_outcome() {
    // A test DNS server on loopback: MX records on Google's hosts, NXDOMAIN for every other name.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let zone = support::dns::Zone::new().mx("counted", 10, "aspmx.l.google.com.");
    let dns = runtime.block_on(support::dns::TestDns::start(zone)).addr.to_string();
    let mut server = Server::start(&["--metrics-addr", "127.0.0.1:0", "--dns-server", &dns, "--ispdb-url", ""]);
    let metrics = metrics_of(&mut server);
    let answer = server.post("/api/discover", r#"{"address":"jane@counted.test"}"#);
    assert!(answer.contains(r#""found":true"#), "{answer}");
    let text = scrape(metrics, &["mailcheck_discoveries_total"]);
    for expected in [
        r#"mailcheck_discoveries_total{result="found"} 1"#,
        r#"mailcheck_discovery_sources_total{source="mx",outcome="found"} 1"#,
        r#"mailcheck_discovery_sources_total{source="srv",outcome="nothing"} 1"#,
        r#"mailcheck_discovery_sources_total{source="ispdb",outcome="skipped"} 1"#,
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
}
