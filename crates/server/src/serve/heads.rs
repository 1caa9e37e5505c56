//! Request heads checked as their bytes arrive, for what hyper lets through but a proxy in front of this
//! server may read differently (request smuggling): a line that ends in a bare LF (or a bare CR), a body
//! framed by anything but one `Transfer-Encoding: chunked` or one `Content-Length` (never both), and a
//! request without exactly one `Host` (HTTP/1.0 may have none). RFC 9112 lets a server take a bare LF as a
//! line end, and hyper does; a proxy that does not sees one header where hyper sees two.
//!
//! hyper reads the same bytes through [`Heads`], one request at a time and in order, so the n-th verdict
//! belongs to the n-th request hyper hands the service ([`Verdicts::next`]), which answers a refused one
//! with 400 and closes the connection. A body is skipped by its `Content-Length`; a chunked body is not
//! followed (hyper's own chunk parser already insists on CRLF): its request is the connection's last.

use std::collections::VecDeque;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// What the check says about one request head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Well formed; another request may follow on the connection.
    Clean,
    /// Well formed, with a chunked body: the check stops there, so the connection closes after its answer.
    Last,
    /// Refused, and why (for the debug log).
    Refused(&'static str),
}

/// The verdicts on a connection's heads, oldest first: written by [`Heads`], taken by the service.
#[derive(Clone, Debug, Default)]
pub struct Verdicts(Arc<Mutex<VecDeque<Verdict>>>);

impl Verdicts {
    /// The verdict on the head hyper has just parsed. hyper can only parse bytes that went through the check,
    /// so there is one; if there is not, the two read the bytes differently, which is itself a refusal.
    pub fn next(&self) -> Verdict {
        let mut queue = self.0.lock().unwrap_or_else(|e| e.into_inner());
        queue
            .pop_front()
            .unwrap_or(Verdict::Refused("a head the check did not see end"))
    }

    fn push(&self, verdict: Verdict) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push_back(verdict);
    }
}

/// A connection whose incoming bytes pass through the check on their way to hyper, unchanged.
pub struct Heads<T> {
    inner: T,
    scan: Scan,
}

impl<T> Heads<T> {
    /// `inner`, checked, and where its verdicts go.
    pub fn new(inner: T) -> (Heads<T>, Verdicts) {
        let verdicts = Verdicts::default();
        let scan = Scan::new(verdicts.clone());
        (Heads { inner, scan }, verdicts)
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Heads<T> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let this = &mut *self;
        let polled = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Some(new) = buf.filled().get(before..) {
            this.scan.feed(new);
        }
        polled
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Heads<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }
    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Where the check is in the byte stream.
#[derive(Debug, PartialEq, Eq)]
enum Place {
    /// Inside a head.
    Head,
    /// Inside a body with this many bytes to go.
    Body(u64),
    /// Past a chunked body's head or a refusal: nothing more is checked, the connection ends with the answer.
    Done,
}

/// The header fields the check reads, by their lower-case names.
const HOST: &[u8] = b"host";
const TRANSFER_ENCODING: &[u8] = b"transfer-encoding";
const CONTENT_LENGTH: &[u8] = b"content-length";

/// How much of a field's name and value is kept: enough for the three names above and for any value the
/// check accepts (`chunked`, a length of up to 19 digits), with room for spaces around it.
const NAME_BYTES: usize = TRANSFER_ENCODING.len();
const VALUE_BYTES: usize = 32;

/// The check's state: a few counters and two short buffers, whatever the size of the head.
#[derive(Debug)]
struct Scan {
    verdicts: Verdicts,
    place: Place,
    /// The previous byte was a CR (inside a head).
    cr: bool,
    /// Still on the request line (empty lines before it are skipped, as RFC 9112 allows).
    request_line: bool,
    /// The last eight bytes of the request line, where its version is.
    version: u64,
    line: Line,
    fields: Fields,
}

/// The line being read.
#[derive(Debug, Default)]
struct Line {
    empty: bool,
    /// The name is done (the colon was seen).
    colon: bool,
    name: Short<NAME_BYTES>,
    value: Short<VALUE_BYTES>,
}

/// The fields of the head being read that decide how it is framed.
#[derive(Debug, Default)]
struct Fields {
    hosts: usize,
    transfer_encodings: usize,
    chunked: bool,
    content_lengths: usize,
    /// The last `Content-Length`, if it was a number.
    length: Option<u64>,
}

/// The first `N` bytes of something, and whether there were more.
#[derive(Debug)]
struct Short<const N: usize> {
    bytes: [u8; N],
    len: usize,
    longer: bool,
}

impl<const N: usize> Default for Short<N> {
    fn default() -> Self {
        Short {
            bytes: [0; N],
            len: 0,
            longer: false,
        }
    }
}

impl<const N: usize> Short<N> {
    fn push(&mut self, byte: u8) {
        match self.bytes.get_mut(self.len) {
            Some(slot) => {
                *slot = byte;
                self.len += 1;
            }
            None => self.longer = true,
        }
    }

    /// The bytes, if they were all kept, without the spaces and tabs around them.
    fn whole(&self) -> Option<&[u8]> {
        if self.longer {
            return None;
        }
        let bytes = self.bytes.get(..self.len)?;
        let start = bytes.iter().position(|b| !is_space(*b)).unwrap_or(bytes.len());
        let end = bytes.iter().rposition(|b| !is_space(*b)).map_or(start, |i| i + 1);
        bytes.get(start..end)
    }
}

fn is_space(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

impl Line {
    fn new() -> Line {
        Line {
            empty: true,
            ..Line::default()
        }
    }
}

impl Scan {
    fn new(verdicts: Verdicts) -> Scan {
        Scan {
            verdicts,
            place: Place::Head,
            cr: false,
            request_line: true,
            version: 0,
            line: Line::new(),
            fields: Fields::default(),
        }
    }

    /// Reads `bytes`, the next ones of the connection, and gives a verdict on each head that ends in them.
    fn feed(&mut self, mut bytes: &[u8]) {
        while let Some((&byte, rest)) = bytes.split_first() {
            match self.place {
                Place::Done => return,
                Place::Body(left) => {
                    let skip = usize::try_from(left).unwrap_or(usize::MAX).min(bytes.len());
                    bytes = bytes.get(skip..).unwrap_or_default();
                    let left = left.saturating_sub(u64::try_from(skip).unwrap_or(left));
                    self.place = if left == 0 { Place::Head } else { Place::Body(left) };
                }
                Place::Head => {
                    self.byte(byte);
                    bytes = rest;
                }
            }
        }
    }

    fn byte(&mut self, byte: u8) {
        if self.cr {
            self.cr = false;
            return if byte == b'\n' {
                self.end_of_line()
            } else {
                self.refuse("a bare CR in the head")
            };
        }
        match byte {
            b'\r' => self.cr = true,
            b'\n' => self.refuse("a line of the head ends in a bare LF"),
            _ if self.request_line => {
                self.line.empty = false;
                self.version = (self.version << 8) | u64::from(byte);
            }
            b':' if !self.line.colon => {
                self.line.empty = false;
                self.line.colon = true;
            }
            _ => {
                self.line.empty = false;
                if self.line.colon {
                    self.line.value.push(byte);
                } else {
                    self.line.name.push(byte.to_ascii_lowercase());
                }
            }
        }
    }

    fn end_of_line(&mut self) {
        let line = std::mem::replace(&mut self.line, Line::new());
        if line.empty {
            if !self.request_line {
                self.end_of_head();
            }
            return;
        }
        if self.request_line {
            self.request_line = false;
            return;
        }
        let value = line.value.whole();
        match line.name.whole() {
            Some(HOST) => self.fields.hosts += 1,
            Some(TRANSFER_ENCODING) => {
                self.fields.transfer_encodings += 1;
                self.fields.chunked = value.is_some_and(|v| v.eq_ignore_ascii_case(b"chunked"));
            }
            Some(CONTENT_LENGTH) => {
                self.fields.content_lengths += 1;
                self.fields.length = value.and_then(length);
            }
            _ => {}
        }
    }

    fn end_of_head(&mut self) {
        let fields = std::mem::take(&mut self.fields);
        self.request_line = true;
        let http_1_0 = self.version == u64::from_be_bytes(*b"HTTP/1.0");
        if fields.hosts > 1 || (fields.hosts == 0 && !http_1_0) {
            return self.refuse("no Host, or more than one");
        }
        if fields.transfer_encodings > 0 {
            if fields.transfer_encodings > 1 || !fields.chunked || fields.content_lengths > 0 || http_1_0 {
                return self.refuse("a Transfer-Encoding other than one `chunked` alone");
            }
            self.place = Place::Done;
            return self.verdicts.push(Verdict::Last);
        }
        let length = match (fields.content_lengths, fields.length) {
            (0, _) => 0,
            (1, Some(length)) => length,
            _ => return self.refuse("a Content-Length that is not one number"),
        };
        self.place = if length == 0 { Place::Head } else { Place::Body(length) };
        self.verdicts.push(Verdict::Clean);
    }

    fn refuse(&mut self, why: &'static str) {
        self.place = Place::Done;
        self.verdicts.push(Verdict::Refused(why));
    }
}

/// A `Content-Length` value: digits only (no sign, no list), as a number.
fn length(value: &[u8]) -> Option<u64> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(value).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The verdicts on `bytes` fed in pieces of `piece` bytes.
    fn verdicts(bytes: &[u8], piece: usize) -> Vec<Verdict> {
        let verdicts = Verdicts::default();
        let mut scan = Scan::new(verdicts.clone());
        for chunk in bytes.chunks(piece) {
            scan.feed(chunk);
        }
        let queue = verdicts.0.lock().unwrap();
        queue.iter().copied().collect()
    }

    fn each_split(bytes: &[u8]) -> Vec<Verdict> {
        let whole = verdicts(bytes, bytes.len().max(1));
        for piece in [1, 2, 3, 7] {
            assert_eq!(verdicts(bytes, piece), whole, "fed {piece} bytes at a time");
        }
        whole
    }

    const GET: &[u8] = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n";

    #[test]
    fn well_formed_heads_and_bodies_pass_one_after_the_other() {
        let mut stream = GET.to_vec();
        // A body with bare LFs and something like a head inside is skipped by its length.
        let body = b"a\nGET / HTTP/1.1\n\n";
        stream.extend_from_slice(
            format!(
                "POST /api/probe HTTP/1.1\r\nHOST: x\r\ncontent-length:  {} \r\n\r\n",
                body.len()
            )
            .as_bytes(),
        );
        stream.extend_from_slice(body);
        stream.extend_from_slice(b"\r\nGET /x HTTP/1.0\r\n\r\n");
        stream.extend_from_slice(b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n3\nabc\n0\n\n");
        stream.extend_from_slice(b"GET / HTTP/1.1\n\n");
        assert_eq!(
            each_split(&stream),
            [Verdict::Clean, Verdict::Clean, Verdict::Clean, Verdict::Last],
            "the chunked body and what follows it are left to hyper, and the connection ends"
        );
    }

    #[test]
    fn ambiguous_heads_are_refused_and_nothing_after_them_is_read() {
        let refused = |head: &[u8]| {
            let mut stream = head.to_vec();
            stream.extend_from_slice(GET);
            let verdicts = each_split(&stream);
            assert!(
                matches!(verdicts[..], [Verdict::Refused(_)]),
                "{:?}: {verdicts:?}",
                String::from_utf8_lossy(head)
            );
        };
        refused(b"GET / HTTP/1.1\nHost: x\r\n\r\n");
        refused(b"GET / HTTP/1.1\r\nHost: x\n\r\n");
        refused(b"GET / HTTP/1.1\r\nHost: x\r\n\n");
        refused(b"GET / HTTP/1.1\r\nHost: x\rX: y\r\n\r\n");
        refused(b"GET / HTTP/1.1\r\n\r\n");
        refused(b"GET / HTTP/1.1\r\nHost: x\r\nhost: y\r\n\r\n");
        refused(b"GET / HTTP/1.0\r\nHost: x\r\nHost: x\r\n\r\n");
        refused(b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n");
        refused(b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity, chunked\r\n\r\n");
        refused(b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n");
        refused(b"POST / HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        refused(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc");
        refused(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc");
        refused(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n");
    }

    #[test]
    fn the_near_misses_pass() {
        // Empty lines before a request, HTTP/1.0 without Host, long fields of other names, spaces around
        // values.
        let stream = b"\r\n\r\nGET / HTTP/1.0\r\n\r\nGET / HTTP/1.1\r\nX-Transfer-Encoding-And-More: a, b\r\n\
                       Host:x\r\nCookie: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
        assert_eq!(each_split(stream), [Verdict::Clean, Verdict::Clean]);
        assert_eq!(length(b"0"), Some(0));
        assert_eq!(length(b"1024"), Some(1024));
    }

    #[test]
    fn a_verdict_the_check_never_gave_is_a_refusal() {
        assert!(matches!(Verdicts::default().next(), Verdict::Refused(_)));
    }
}
