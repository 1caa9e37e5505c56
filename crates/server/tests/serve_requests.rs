//! `mailcheck serve` at the edges of HTTP: paths too long for the file system, the header limit, requests a
//! proxy in front could read differently (smuggling), errors without a body, and a burst of connections as
//! large as the connection cap. Each over a real socket on loopback, bounded in time.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use support::server::{healthz_on, Server};

/// The status line of an answer.
fn status(answer: &str) -> &str {
    answer.lines().next().unwrap_or_default()
}

/// The answer's header fields, lower case.
fn head(answer: &str) -> String {
    answer.split("\r\n\r\n").next().unwrap_or_default().to_ascii_lowercase()
}

/// The answer's `Content-Type`, if it has one.
fn content_type(answer: &str) -> Option<String> {
    head(answer)
        .lines()
        .find_map(|l| l.strip_prefix("content-type:").map(|t| t.trim().to_owned()))
}

#[test]
fn paths_too_long_for_the_file_system_are_not_found_or_too_long_never_a_server_error() {
    let server = Server::start(&[]);
    // A segment of 256 characters or more can name no file (ENAMETOOLONG): it was a 500.
    for path in [
        format!("/{}", "a".repeat(256)),
        format!("/{}.js", "a".repeat(300)),
        format!("/assets/{}/app.wasm", "b".repeat(1000)),
    ] {
        let answer = server.get(&path);
        assert_eq!(status(&answer), "HTTP/1.1 404 Not Found", "{} bytes", path.len());
    }
    // A path over 4 KiB is too long to look up at all.
    let answer = server.get(&"/ab".repeat(2000));
    assert_eq!(status(&answer), "HTTP/1.1 414 URI Too Long");
    // The near misses: the longest name a file can have is looked up like any other.
    let answer = server.get(&format!("/{}.js", "c".repeat(252)));
    assert_eq!(status(&answer), "HTTP/1.1 404 Not Found");
    assert_eq!(status(&server.get("/index.html")), "HTTP/1.1 200 OK");
    let log = String::from_utf8_lossy(&server.stderr()).into_owned();
    assert!(!log.contains("ERROR"), "{log}");
}

#[test]
fn request_heads_up_to_64_kib_are_read_and_larger_ones_refused() {
    let server = Server::start(&[]);
    let with_field = |total: usize| {
        let start = format!(
            "GET /healthz HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nX-Pad: ",
            server.addr
        );
        let pad = "p".repeat(total - start.len() - 4);
        let request = format!("{start}{pad}\r\n\r\n");
        assert_eq!(request.len(), total);
        server.raw(request.as_bytes(), Duration::from_secs(5))
    };
    assert_eq!(status(&with_field(64 * 1024)), "HTTP/1.1 200 OK");
    // hyper's buffer limit let heads of about 112 KiB through.
    for total in [64 * 1024 + 1, 80 * 1024, 100 * 1024] {
        let answer = with_field(total);
        assert_eq!(
            status(&answer),
            "HTTP/1.1 431 Request Header Fields Too Large",
            "{total} bytes"
        );
    }
}

/// Sends `request` followed by a well-formed request on the same connection, and reads until the server
/// closes it; the answers, and how long that took.
fn send_then_another(server: &Server, request: &[u8]) -> (String, Duration) {
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let started = Instant::now();
    let mut both = request.to_vec();
    both.extend_from_slice(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    stream.write_all(&both).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    (String::from_utf8_lossy(&answer).into_owned(), started.elapsed())
}

#[test]
fn requests_a_proxy_could_read_differently_are_refused_and_their_connection_closed() {
    let server = Server::start(&["--header-timeout", "3"]);
    let probe = r#"{"host":"localhost","port":993,"protocol":"imap","security":"tls"}"#;
    let cases: [(&str, String); 8] = [
        (
            "two Transfer-Encoding: chunked",
            format!(
                "POST /api/probe HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
                 Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{probe}\r\n0\r\n\r\n",
                probe.len()
            ),
        ),
        (
            "identity, chunked",
            format!(
                "POST /api/probe HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
                 Transfer-Encoding: identity, chunked\r\n\r\n{:x}\r\n{probe}\r\n0\r\n\r\n",
                probe.len()
            ),
        ),
        (
            "chunked and a length",
            "POST /api/probe HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                .into(),
        ),
        ("no Host", "GET /healthz HTTP/1.1\r\n\r\n".into()),
        (
            "two Hosts",
            "GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n".into(),
        ),
        (
            "a bare LF after the request line",
            "GET /healthz HTTP/1.1\nHost: x\r\n\r\n".into(),
        ),
        (
            "a bare LF hiding a field",
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: b\nTransfer-Encoding: chunked\r\n\r\n".into(),
        ),
        ("bare LFs only", "GET /healthz HTTP/1.1\nHost: x\n\n".into()),
    ];
    for (name, request) in cases {
        let (answer, took) = send_then_another(&server, request.as_bytes());
        assert_eq!(status(&answer), "HTTP/1.1 400 Bad Request", "{name}: {answer}");
        assert_eq!(
            answer.matches("HTTP/1.1 ").count(),
            1,
            "{name}: one answer, then closed: {answer}"
        );
        assert!(head(&answer).contains("connection: close"), "{name}: {answer}");
        assert!(took < Duration::from_secs(2), "{name}: closed after {took:?}");
    }
    // The near misses: a chunked body is read (and its connection ends after the answer); well-formed
    // requests one after another on a connection are all answered; HTTP/1.0 needs no Host.
    let chunked = format!(
        "POST /api/probe HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n\
         {:x}\r\n{probe}\r\n0\r\n\r\n",
        probe.len()
    );
    let (answer, took) = send_then_another(&server, chunked.as_bytes());
    assert_eq!(status(&answer), "HTTP/1.1 415 Unsupported Media Type", "{answer}");
    assert_eq!(answer.matches("HTTP/1.1 ").count(), 1, "{answer}");
    assert!(took < Duration::from_secs(2), "closed after {took:?}");
    let length = format!(
        "POST /api/probe HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{probe}",
        probe.len()
    );
    let (answer, took) = send_then_another(&server, length.as_bytes());
    assert_eq!(answer.matches("HTTP/1.1 415").count(), 1, "{answer}");
    assert_eq!(answer.matches("HTTP/1.1 200").count(), 1, "{answer}");
    assert!(
        took >= Duration::from_secs(2),
        "kept open until the header timeout: {took:?}"
    );
    let answer = server.raw(b"GET /healthz HTTP/1.0\r\n\r\n", Duration::from_secs(5));
    assert!(status(&answer).ends_with(" 200 OK"), "{answer}");
}

#[test]
fn errors_without_a_body_carry_no_content_type() {
    let server = Server::start(&[]);
    let request = format!(
        "GET /index.html HTTP/1.1\r\nHost: {}\r\nRange: bytes=9999-\r\nConnection: close\r\n\r\n",
        server.addr
    );
    let answer = server.raw(request.as_bytes(), Duration::from_secs(5));
    assert_eq!(status(&answer), "HTTP/1.1 416 Range Not Satisfiable", "{answer}");
    assert_eq!(content_type(&answer), None, "{answer}");
    for path in ["/missing-0123.js", &format!("/{}", "a".repeat(300))] {
        let answer = server.get(path);
        assert_eq!(status(&answer), "HTTP/1.1 404 Not Found", "{answer}");
        assert_eq!(content_type(&answer), None, "{path}: {answer}");
    }
    // The near miss: a file keeps its type.
    assert_eq!(content_type(&server.get("/index.html")).as_deref(), Some("text/html"));
}

/// Stops (`SIGSTOP`) or continues (`SIGCONT`) the server process.
fn signal(server: &Server, signal: libc::c_int) {
    let pid = libc::pid_t::try_from(server.child.id()).unwrap();
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_listen_backlog_holds_a_burst_as_large_as_the_connection_cap() {
    // While the server accepts nothing, the kernel completes the handshakes of as many connections as the
    // backlog holds and drops the SYNs of the rest; those clients try again only after a second. With the
    // 128 of tokio's `bind`, 129 of 400 connected.
    let burst = 400;
    let server = Server::start(&["--max-connections", "512", "--max-connections-per-client", "512"]);
    let addr = server.addr;
    signal(&server, libc::SIGSTOP);
    let connects: Vec<_> = (0..burst)
        .map(|_| {
            tokio::spawn(async move {
                tokio::time::timeout(Duration::from_millis(700), tokio::net::TcpStream::connect(addr)).await
            })
        })
        .collect();
    let mut connected = Vec::new();
    for connect in connects {
        if let Ok(Ok(stream)) = connect.await.unwrap() {
            connected.push(stream);
        }
    }
    signal(&server, libc::SIGCONT);
    assert_eq!(connected.len(), burst, "connected at once while the server was stopped");
    // Once it runs again, it answers them.
    let answer = healthz_on(connected.pop().unwrap(), Duration::from_secs(5));
    assert_eq!(status(&answer), "HTTP/1.1 200 OK", "{answer}");
}
