//! The connection as the dialogues see it: plain or TLS, read line by line with every limit enforced
//! (line length, total bytes, one deadline per reply) and a transcript of both directions.

use super::limits::Limits;
use super::tls::Sniff;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// A plain TCP connection, or one wrapped in TLS.
#[derive(Debug)]
pub enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<Sniff>>),
}

impl AsyncRead for Stream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// Why reading or writing stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireError {
    /// No complete reply within the read limit.
    Timeout,
    /// The server closed the connection.
    Closed,
    /// A line longer than the line limit.
    LineTooLong,
    /// More data than the transcript limit in one probe.
    TooMuchData,
    /// Any other I/O error, as the OS describes it.
    Io(String),
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WireError::Timeout => write!(f, "no complete reply in time"),
            WireError::Closed => write!(f, "the server closed the connection"),
            WireError::LineTooLong => write!(f, "a line longer than the limit"),
            WireError::TooMuchData => write!(f, "more data than the limit for one probe"),
            WireError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Lines kept in the transcript, and characters kept of each line.
const TRANSCRIPT_LINES: usize = 200;
const TRANSCRIPT_LINE_CHARS: usize = 300;

/// The conversation so far, shared between the connection and the probe (which keeps it when the whole
/// probe's time runs out and the connection is dropped mid-step).
#[derive(Clone, Debug, Default)]
pub struct Transcript(Arc<Mutex<TranscriptLines>>);

#[derive(Debug, Default)]
struct TranscriptLines {
    lines: Vec<String>,
    omitted: usize,
}

impl Transcript {
    /// Adds a line: `prefix` then the bytes as printable text, shortened.
    pub fn record(&self, prefix: &str, bytes: &[u8]) {
        let Ok(mut t) = self.0.lock() else { return };
        if t.lines.len() >= TRANSCRIPT_LINES {
            t.omitted += 1;
            return;
        }
        let text = printable(bytes);
        let short: String = text.chars().take(TRANSCRIPT_LINE_CHARS).collect();
        let cut = if short.len() < text.len() { "…" } else { "" };
        t.lines.push(format!("{prefix}{short}{cut}"));
    }

    /// The lines, with a note of how many were left out.
    pub fn lines(&self) -> Vec<String> {
        let Ok(t) = self.0.lock() else { return Vec::new() };
        let mut lines = t.lines.clone();
        if t.omitted > 0 {
            lines.push(format!("… {} more lines not shown", t.omitted));
        }
        lines
    }
}

/// The connection with its limits and transcript.
#[derive(Debug)]
pub struct Wire {
    io: BufReader<Stream>,
    limits: Limits,
    /// Bytes received so far in this probe (carried across a STARTTLS upgrade).
    received: usize,
    transcript: Transcript,
}

impl Wire {
    pub fn new(stream: Stream, limits: Limits, transcript: Transcript) -> Wire {
        Wire::resume(stream, limits, transcript, 0)
    }

    /// Continues on an upgraded stream, counting the bytes received before.
    pub fn resume(stream: Stream, limits: Limits, transcript: Transcript, received: usize) -> Wire {
        Wire {
            io: BufReader::new(stream),
            limits,
            received,
            transcript,
        }
    }

    /// Reads lines until `last` says a line ends the reply, all within one read deadline. Lines come
    /// without their line ending.
    pub async fn reply(&mut self, mut last: impl FnMut(&[u8]) -> bool) -> Result<Vec<Vec<u8>>, WireError> {
        let limit = self.limits.read;
        let read = async {
            let mut lines = Vec::new();
            loop {
                let line = self.line().await?;
                let done = last(&line);
                lines.push(line);
                if done {
                    return Ok(lines);
                }
            }
        };
        tokio::time::timeout(limit, read)
            .await
            .unwrap_or(Err(WireError::Timeout))
    }

    /// Sends one command line (CRLF is added) and records it.
    pub async fn send(&mut self, line: &str) -> Result<(), WireError> {
        self.record("C: ", line.as_bytes());
        let write = async {
            let stream = self.io.get_mut();
            stream.write_all(format!("{line}\r\n").as_bytes()).await?;
            stream.flush().await
        };
        match tokio::time::timeout(self.limits.read, write).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(io_error(e)),
            Err(_) => Err(WireError::Timeout),
        }
    }

    /// Whether the server has sent anything not yet read: already buffered here, or waiting in the socket.
    /// Used right after the STARTTLS reply, where any such bytes would have been injected.
    pub fn has_unread_data(&mut self) -> bool {
        if !self.io.buffer().is_empty() {
            return true;
        }
        let mut probe = [0u8; 1];
        match self.io.get_mut() {
            Stream::Plain(tcp) => matches!(tcp.try_read(&mut probe), Ok(n) if n > 0),
            Stream::Tls(_) => false,
        }
    }

    /// Gives back the plain TCP stream (for a STARTTLS upgrade, or a TLS attempt after a silent greeting)
    /// and the bytes received so far; `None` if the stream is already TLS.
    pub fn into_tcp(self) -> Option<(TcpStream, usize)> {
        match self.io.into_inner() {
            Stream::Plain(tcp) => Some((tcp, self.received)),
            Stream::Tls(_) => None,
        }
    }

    async fn line(&mut self) -> Result<Vec<u8>, WireError> {
        let mut line = Vec::new();
        loop {
            let buf = match self.io.fill_buf().await {
                Ok(buf) => buf,
                Err(e) => return Err(io_error(e)),
            };
            if buf.is_empty() {
                if !line.is_empty() {
                    self.record("S: ", &line);
                }
                return Err(WireError::Closed);
            }
            let (take, complete) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            if self.received + take > self.limits.transcript {
                return Err(WireError::TooMuchData);
            }
            if line.len() + take > self.limits.line {
                self.record("S: ", &line);
                return Err(WireError::LineTooLong);
            }
            line.extend_from_slice(buf.get(..take).unwrap_or_default());
            self.io.consume(take);
            self.received += take;
            if complete {
                while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    line.pop();
                }
                self.record("S: ", &line);
                return Ok(line);
            }
        }
    }

    fn record(&self, prefix: &str, bytes: &[u8]) {
        self.transcript.record(prefix, bytes);
    }
}

/// Text for people: control characters other than tab shown as `\xNN`, invalid UTF-8 replaced.
pub fn printable(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                format!("\\x{:02x}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn io_error(e: io::Error) -> WireError {
    match e.kind() {
        io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe => WireError::Closed,
        _ => WireError::Io(e.to_string()),
    }
}
