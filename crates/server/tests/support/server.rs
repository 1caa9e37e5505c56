//! The real `mailcheck serve` binary as its own process on a free loopback port, for the tests that need a
//! socket, signals, file limits or the log on standard error. Killed when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
    stdout: Option<BufReader<std::process::ChildStdout>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    _dist: tempfile::TempDir,
}

/// A `dist/` with just an index page and one wasm file.
pub fn small_dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>mailcheck</title>").unwrap();
    std::fs::write(dir.path().join("app-1a2b.wasm"), b"\0asm\x01\0\0\0").unwrap();
    dir
}

impl Server {
    /// `mailcheck serve --addr 127.0.0.1:0 --dist <small dist> <args>`; DNS goes to the `--dns-server` of
    /// `args`, or where none answers.
    pub fn start(args: &[&str]) -> Server {
        Server::start_with(args, |_| {})
    }

    /// Like [`Server::start`], with a chance to change the command first (limits, environment).
    pub fn start_with(args: &[&str], adjust: impl FnOnce(&mut Command)) -> Server {
        let dist = small_dist();
        Server::start_in(dist, args, adjust)
    }

    pub fn start_in(dist: tempfile::TempDir, args: &[&str], adjust: impl FnOnce(&mut Command)) -> Server {
        // option_env: the load benchmark (an example) includes this module too, without the variable.
        let Some(binary) = option_env!("CARGO_BIN_EXE_mailcheck") else {
            panic!("CARGO_BIN_EXE_mailcheck is set by cargo for integration tests only")
        };
        let mut command = Command::new(binary);
        command
            .args(["serve", "--addr", "127.0.0.1:0", "--dist"])
            .arg(dist.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if !args.contains(&"--dns-server") {
            // No DNS server there: names fail at once, and nothing is asked outside loopback.
            command.args(["--dns-server", &super::NO_DNS.to_string()]);
        }
        adjust(&mut command);
        let mut child = command.spawn().expect("start mailcheck serve");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut line).unwrap();
        let addr = line
            .trim()
            .strip_prefix("mailcheck serving http://")
            .and_then(|a| a.strip_suffix('/'))
            .unwrap_or_else(|| {
                panic!(
                    "not a URL: {line:?}; stderr: {}",
                    String::from_utf8_lossy(&stderr.lock().unwrap())
                )
            })
            .parse()
            .unwrap();
        Server {
            child,
            addr,
            stdout: Some(stdout),
            stderr,
            _dist: dist,
        }
    }

    /// The next line on standard output after the URL (the metrics address, when asked for).
    pub fn second_line(&mut self) -> String {
        let mut line = String::new();
        if let Some(stdout) = self.stdout.as_mut() {
            stdout.read_line(&mut line).unwrap();
        }
        line.trim().to_owned()
    }

    /// Everything the server wrote to standard error so far.
    pub fn stderr(&self) -> Vec<u8> {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits up to `limit` for standard error to hold `text`.
    pub fn wait_for_log(&self, text: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if String::from_utf8_lossy(&self.stderr()).contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Sends SIGTERM.
    pub fn terminate(&self) {
        let pid = libc::pid_t::try_from(self.child.id()).unwrap();
        // SAFETY: sending a signal to our own child process.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
    }

    /// Waits up to `limit` for the process to end; its exit status if it did.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Sends `request` as it is on a new connection and reads the answer until the server closes it (or
    /// `limit` passes).
    pub fn raw(&self, request: &[u8], limit: Duration) -> String {
        raw(self.addr, request, limit)
    }

    /// `GET path` with `Connection: close`; the whole answer.
    pub fn get(&self, path: &str) -> String {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        );
        self.raw(request.as_bytes(), Duration::from_secs(5))
    }

    /// `POST /api/probe` with a JSON body; the whole answer.
    pub fn probe(&self, json: &str) -> String {
        self.post("/api/probe", json)
    }

    /// `POST path` with a JSON body; the whole answer.
    pub fn post(&self, path: &str, json: &str) -> String {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
            self.addr,
            json.len()
        );
        self.raw(request.as_bytes(), Duration::from_secs(10))
    }
}

/// `GET /healthz` with `Connection: close` on `stream`, a connection already open (tokio's, from a test that
/// opened many at once); the whole answer, read for up to `limit`.
pub fn healthz_on(stream: tokio::net::TcpStream, limit: Duration) -> String {
    let mut stream = stream.into_std().unwrap();
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(limit)).unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

/// Sends `request` to `addr` and reads until the server closes the connection or `limit` passes.
pub fn raw(addr: SocketAddr, request: &[u8], limit: Duration) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(limit)).unwrap();
    stream.write_all(request).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The path of the small dist (for tests that want to add files to it).
pub fn dist_path(server: &Server) -> &Path {
    server._dist.path()
}
