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
    /// Nothing of the reply within the read limit.
    Timeout,
    /// Part of a reply arrived within the read limit, but not all of it (a server dripping bytes): how many
    /// bytes of it came.
    Slow(usize),
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
            WireError::Timeout => write!(f, "no reply in time"),
            WireError::Slow(bytes) => write!(f, "only {bytes} bytes of the reply in time"),
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
    /// The start of a line the server has not finished (shown at the end when a limit cuts it off).
    pending: Vec<u8>,
}

impl Transcript {
    /// Adds a line: `prefix` then the bytes as printable text, shortened. It ends any pending line.
    pub fn record(&self, prefix: &str, bytes: &[u8]) {
        let Ok(mut t) = self.0.lock() else { return };
        t.pending.clear();
        if t.lines.len() >= TRANSCRIPT_LINES {
            t.omitted += 1;
            return;
        }
        t.lines.push(format!("{prefix}{}", shortened(bytes)));
    }

    /// Adds bytes of a line the server is still sending (kept up to the length shown of a line).
    fn extend_pending(&self, bytes: &[u8]) {
        let Ok(mut t) = self.0.lock() else { return };
        let room = (TRANSCRIPT_LINE_CHARS * 4).saturating_sub(t.pending.len());
        t.pending
            .extend_from_slice(bytes.get(..room.min(bytes.len())).unwrap_or_default());
    }

    /// The lines, with the unfinished line the server was sending when the probe stopped waiting (marked as
    /// such), and a note of how many lines were left out.
    pub fn lines(&self) -> Vec<String> {
        let Ok(t) = self.0.lock() else { return Vec::new() };
        let mut lines = t.lines.clone();
        if !t.pending.is_empty() {
            lines.push(format!("S: {} (incomplete)", shortened(&t.pending)));
        }
        if t.omitted > 0 {
            lines.push(format!("… {} more lines not shown", t.omitted));
        }
        lines
    }
}

/// Bytes as printable text, cut at the length a transcript line shows.
fn shortened(bytes: &[u8]) -> String {
    let text = printable(bytes);
    let short: String = text.chars().take(TRANSCRIPT_LINE_CHARS).collect();
    let cut = if short.len() < text.len() { "…" } else { "" };
    format!("{short}{cut}")
}

/// The connection with its limits and transcript.
#[derive(Debug)]
pub struct Wire {
    io: BufReader<Stream>,
    limits: Limits,
    /// Bytes received so far in this probe (carried across a STARTTLS upgrade).
    received: usize,
    transcript: Transcript,
    /// The line being read: kept here, not in the reading future, so a reply cut off by its time limit still
    /// says what arrived.
    partial: Vec<u8>,
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
            partial: Vec::new(),
        }
    }

    /// Reads lines until `last` says a line ends the reply, all within one read deadline. Lines come
    /// without their line ending. When the deadline passes with part of the reply in, the error is
    /// [`WireError::Slow`] (and the transcript shows the unfinished line), [`WireError::Timeout`] with none.
    pub async fn reply(&mut self, mut last: impl FnMut(&[u8]) -> bool) -> Result<Vec<Vec<u8>>, WireError> {
        let limit = self.limits.read;
        let before = self.received;
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
        match tokio::time::timeout(limit, read).await {
            Ok(result) => result,
            Err(_) if self.received > before => Err(WireError::Slow(self.received - before)),
            Err(_) => Err(WireError::Timeout),
        }
    }

    /// Sends one command line (CRLF is added) and records it.
    pub async fn send(&mut self, line: &str) -> Result<(), WireError> {
        self.send_lines(&[line]).await
    }

    /// Sends command lines in one write (each with CRLF), as a client that pipelines them would, and records
    /// them.
    pub async fn send_lines(&mut self, lines: &[&str]) -> Result<(), WireError> {
        let mut bytes = Vec::new();
        for line in lines {
            self.record("C: ", line.as_bytes());
            bytes.extend_from_slice(line.as_bytes());
            bytes.extend_from_slice(b"\r\n");
        }
        let write = async {
            let stream = self.io.get_mut();
            stream.write_all(&bytes).await?;
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

    /// Reads one line into `partial` (which survives a cancelled read) and returns it once complete.
    async fn line(&mut self) -> Result<Vec<u8>, WireError> {
        loop {
            let buf = match self.io.fill_buf().await {
                Ok(buf) => buf,
                Err(e) => return Err(io_error(e)),
            };
            if buf.is_empty() {
                if !self.partial.is_empty() {
                    let line = std::mem::take(&mut self.partial);
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
            if self.partial.len() + take > self.limits.line {
                let line = std::mem::take(&mut self.partial);
                self.record("S: ", &line);
                return Err(WireError::LineTooLong);
            }
            let chunk = buf.get(..take).unwrap_or_default();
            self.partial.extend_from_slice(chunk);
            if !complete {
                self.transcript.extend_pending(chunk);
            }
            self.io.consume(take);
            self.received += take;
            if complete {
                let mut line = std::mem::take(&mut self.partial);
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
