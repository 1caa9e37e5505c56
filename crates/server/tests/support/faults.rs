//! Misbehaving servers for the probe's fault tests, on 127.0.0.1 with a free port. [`Fake`] plays a small
//! scripted mail server (with STARTTLS and implicit TLS); the other functions are raw faults.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

/// Serves every connection to a fresh 127.0.0.1 port with `handler`; returns the port. The server lives
/// as long as the test's runtime.
pub async fn serve<F, Fut>(handler: F) -> u16
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    serve_on("127.0.0.1", handler).await
}

/// [`serve`] on another loopback address (discovery's tests keep their servers on 127.0.0.2).
pub async fn serve_on<F, Fut>(ip: &str, handler: F) -> u16
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind((ip, 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let handler = Arc::new(handler);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(handler(stream));
        }
    });
    port
}

/// What a [`Fake`] answers to a command.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Text to send; `{tag}` becomes the IMAP tag of the command.
    Text(&'static str),
    /// Close the connection instead of answering.
    HangUp,
    /// Send the text, then run a TLS handshake (STARTTLS / STLS accepted).
    StartTls(&'static str),
    /// Send the text, then after a pause more (plain text, in its own TCP segment), then run the handshake:
    /// injection that a same-segment check cannot see.
    StartTlsThen(&'static str, Duration, &'static str),
}

/// What a [`Fake`] does with commands that came in the same packet as STARTTLS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pipelined {
    /// Throws them away, as RFC 3207 and the fixes for CVE-2011-0411 require.
    Discard,
    /// Keeps them and answers them inside TLS (CVE-2011-0411).
    AnswerInTls,
    /// Answers them in plain text before the handshake.
    AnswerInClear,
}

/// A scripted mail server: a greeting, then a reply per command word.
#[derive(Clone)]
pub struct Fake {
    /// Sent on connect (after `delay`); `None` closes the connection at once.
    pub greeting: Option<&'static str>,
    pub delay: Duration,
    /// Command word (upper case) and reply; unknown commands get `unknown`.
    pub replies: Vec<(&'static str, Reply)>,
    pub unknown: &'static str,
    /// The certificate for STARTTLS and implicit TLS.
    pub tls: Option<Arc<rustls::ServerConfig>>,
    /// TLS from the first byte (the greeting comes after the handshake).
    pub implicit_tls: bool,
    pub pipelined: Pipelined,
}

impl Fake {
    /// A well-behaved SMTP submission server offering STARTTLS (and AUTH only after it).
    pub fn smtp() -> Fake {
        Fake {
            greeting: Some("220 fake.test ESMTP ready\r\n"),
            delay: Duration::ZERO,
            replies: vec![
                (
                    "EHLO",
                    Reply::Text("250-fake.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n"),
                ),
                ("STARTTLS", Reply::StartTls("220 2.0.0 Ready to start TLS\r\n")),
                ("NOOP", Reply::Text("250 2.0.0 Ok\r\n")),
                ("QUIT", Reply::Text("221 2.0.0 Bye\r\n")),
            ],
            unknown: "502 5.5.2 Error: command not recognized\r\n",
            tls: Some(super::certs::leaf(super::certs::Kind::Good).server_config()),
            implicit_tls: false,
            pipelined: Pipelined::Discard,
        }
    }

    /// A well-behaved IMAP server with STARTTLS and LOGINDISABLED before it.
    pub fn imap() -> Fake {
        Fake {
            greeting: Some("* OK fake IMAP ready\r\n"),
            replies: vec![
                (
                    "CAPABILITY",
                    Reply::Text("* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n{tag} OK done\r\n"),
                ),
                ("STARTTLS", Reply::StartTls("{tag} OK Begin TLS negotiation now\r\n")),
                ("LOGOUT", Reply::Text("* BYE bye\r\n{tag} OK done\r\n")),
            ],
            unknown: "{tag} BAD unknown\r\n",
            ..Fake::smtp()
        }
    }

    /// A well-behaved POP3 server with STLS.
    pub fn pop3() -> Fake {
        Fake {
            greeting: Some("+OK fake POP3 ready\r\n"),
            replies: vec![
                ("CAPA", Reply::Text("+OK\r\nTOP\r\nUIDL\r\nSTLS\r\nSASL\r\n.\r\n")),
                ("STLS", Reply::StartTls("+OK Begin TLS negotiation now\r\n")),
                ("QUIT", Reply::Text("+OK bye\r\n")),
            ],
            unknown: "-ERR unknown\r\n",
            ..Fake::smtp()
        }
    }

    pub fn with_greeting(mut self, greeting: &'static str) -> Fake {
        self.greeting = Some(greeting);
        self
    }

    pub fn with_reply(mut self, command: &'static str, reply: Reply) -> Fake {
        self.replies.retain(|(c, _)| *c != command);
        self.replies.push((command, reply));
        self
    }

    pub fn with_cert(mut self, kind: super::certs::Kind) -> Fake {
        self.tls = Some(super::certs::leaf(kind).server_config());
        self
    }

    /// A certificate from the test CA for exactly these names.
    pub fn with_names(mut self, names: &[&str]) -> Fake {
        self.tls = Some(super::certs::leaf_for(names).server_config());
        self
    }

    pub fn implicit(mut self) -> Fake {
        self.implicit_tls = true;
        self
    }

    pub fn pipelining(mut self, pipelined: Pipelined) -> Fake {
        self.pipelined = pipelined;
        self
    }

    /// Starts the server; returns its port.
    pub async fn start(self) -> u16 {
        self.start_on("127.0.0.1").await
    }

    /// Starts the server on another loopback address; returns its port.
    pub async fn start_on(self, ip: &str) -> u16 {
        let fake = Arc::new(self);
        serve_on(ip, move |tcp| {
            let fake = fake.clone();
            async move { fake.connection(tcp).await }
        })
        .await
    }

    async fn connection(&self, tcp: TcpStream) {
        let Some(greeting) = self.greeting else { return };
        tokio::time::sleep(self.delay).await;
        if self.implicit_tls {
            let Some(tls) = self.accept(tcp).await else { return };
            self.session(tls, greeting, Vec::new()).await;
            return;
        }
        if let Some((tcp, kept)) = self.session(tcp, greeting, Vec::new()).await {
            if let Some(tls) = self.accept(tcp).await {
                self.session(tls, "", kept).await;
            }
        }
    }

    async fn accept(&self, tcp: TcpStream) -> Option<tokio_rustls::server::TlsStream<TcpStream>> {
        TlsAcceptor::from(self.tls.clone()?).accept(tcp).await.ok()
    }

    /// The reply to one command line.
    fn answer(&self, line: &str) -> Reply {
        let words: Vec<&str> = line.split_whitespace().collect();
        self.replies
            .iter()
            .find(|(command, _)| words.iter().take(2).any(|w| w.eq_ignore_ascii_case(command)))
            .map(|(_, reply)| reply.clone())
            .unwrap_or(Reply::Text(self.unknown))
    }

    /// Greets, then answers commands: first the lines in `pending` (kept from before STARTTLS), then what
    /// arrives. Returns the stream when STARTTLS was accepted, with what arrived behind STARTTLS if this
    /// server keeps it ([`Pipelined::AnswerInTls`]).
    async fn session<S: AsyncRead + AsyncWrite + Unpin>(
        &self,
        stream: S,
        greeting: &str,
        mut pending: Vec<u8>,
    ) -> Option<(S, Vec<u8>)> {
        let mut reader = BufReader::new(stream);
        reader.get_mut().write_all(greeting.as_bytes()).await.ok()?;
        loop {
            let line = match pending.iter().position(|b| *b == b'\n') {
                Some(end) => String::from_utf8_lossy(&pending.drain(..=end).collect::<Vec<u8>>()).into_owned(),
                None => {
                    let mut line = String::new();
                    if reader.read_line(&mut line).await.ok()? == 0 {
                        return None;
                    }
                    line
                }
            };
            let tag = line.split_whitespace().next().unwrap_or("*").to_owned();
            match self.answer(&line) {
                Reply::HangUp => return None,
                Reply::Text(text) => {
                    reader
                        .get_mut()
                        .write_all(text.replace("{tag}", &tag).as_bytes())
                        .await
                        .ok()?;
                }
                Reply::StartTls(text) => {
                    reader
                        .get_mut()
                        .write_all(text.replace("{tag}", &tag).as_bytes())
                        .await
                        .ok()?;
                    let behind = reader.buffer().to_vec();
                    let mut stream = reader.into_inner();
                    return match self.pipelined {
                        Pipelined::Discard => Some((stream, Vec::new())),
                        Pipelined::AnswerInTls => Some((stream, behind)),
                        Pipelined::AnswerInClear => {
                            for line in String::from_utf8_lossy(&behind).lines() {
                                let tag = line.split_whitespace().next().unwrap_or("*");
                                if let Reply::Text(text) = self.answer(line) {
                                    stream.write_all(text.replace("{tag}", tag).as_bytes()).await.ok()?;
                                }
                            }
                            Some((stream, Vec::new()))
                        }
                    };
                }
                Reply::StartTlsThen(text, pause, more) => {
                    let stream = reader.get_mut();
                    stream.write_all(text.replace("{tag}", &tag).as_bytes()).await.ok()?;
                    stream.flush().await.ok()?;
                    tokio::time::sleep(pause).await;
                    stream.write_all(more.as_bytes()).await.ok()?;
                    return Some((reader.into_inner(), Vec::new()));
                }
            }
        }
    }
}

/// Accepts and says nothing, reading (and ignoring) whatever comes, until the client leaves.
pub async fn silent() -> u16 {
    serve(|mut tcp| async move {
        let mut buf = [0u8; 1024];
        while matches!(tcp.read(&mut buf).await, Ok(n) if n > 0) {}
    })
    .await
}

/// Sends `bytes` one at a time, `every` apart, then stays silent.
pub async fn drip(bytes: &'static [u8], every: Duration) -> u16 {
    serve(move |mut tcp| async move {
        for b in bytes {
            if tcp.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(every).await;
        }
        let mut buf = [0u8; 1024];
        while matches!(tcp.read(&mut buf).await, Ok(n) if n > 0) {}
    })
    .await
}

/// Sends `head` once, then `chunk` forever (until the client leaves).
pub async fn endless(head: &'static [u8], chunk: &'static [u8]) -> u16 {
    serve(move |mut tcp| async move {
        if tcp.write_all(head).await.is_err() {
            return;
        }
        while tcp.write_all(chunk).await.is_ok() {}
    })
    .await
}

/// Sends `bytes` on connect, then reads until the client leaves.
pub async fn says(bytes: &'static [u8]) -> u16 {
    serve(move |mut tcp| async move {
        if tcp.write_all(bytes).await.is_err() {
            return;
        }
        let mut buf = [0u8; 1024];
        while matches!(tcp.read(&mut buf).await, Ok(n) if n > 0) {}
    })
    .await
}

/// A web server: silent until it receives something, then answers 400 and closes.
pub async fn http() -> u16 {
    serve(|mut tcp| async move {
        let mut buf = [0u8; 1024];
        if matches!(tcp.read(&mut buf).await, Ok(n) if n > 0) {
            let _ = tcp
                .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .await;
        }
    })
    .await
}

/// Accepts, reads the first bytes the client sends (e.g. a TLS ClientHello), then hangs up.
pub async fn hang_up_after_first_read() -> u16 {
    serve(|mut tcp| async move {
        let mut buf = [0u8; 1024];
        let _ = tcp.read(&mut buf).await;
    })
    .await
}

/// A server that reads the ClientHello and answers with a ServerHello for SSL 3.0 (`minor` 0), TLS 1.0 (1)
/// or TLS 1.1 (2), as a server that knows nothing newer does.
pub async fn old_tls(minor: u8) -> u16 {
    serve(move |mut tcp| async move {
        let mut buf = [0u8; 2048];
        if !matches!(tcp.read(&mut buf).await, Ok(n) if n > 0) {
            return;
        }
        answer_old_hello(tcp, minor).await;
    })
    .await
}

/// Like [`old_tls`], but a ClientHello for TLS 1.2 or newer (its version field says 3.3, as every TLS 1.3
/// hello does too) is met by hanging up without an alert, as some old servers do with a hello they cannot
/// read.
pub async fn old_tls_hanging_up_on_new(minor: u8) -> u16 {
    serve(move |mut tcp| async move {
        let mut buf = [0u8; 2048];
        let Ok(n) = tcp.read(&mut buf).await else { return };
        // Record header (5 bytes), handshake type and length (4), then the hello's version.
        match buf.get(..n) {
            Some([0x16, _, _, _, _, 0x01, _, _, _, 0x03, hello_minor, ..]) if *hello_minor <= 2 => {
                answer_old_hello(tcp, minor).await
            }
            _ => {}
        }
    })
    .await
}

/// Sends a ServerHello for version 3.`minor` (32 random bytes, empty session id, TLS_RSA_WITH_AES_128_CBC_SHA,
/// no compression) and reads until the client leaves.
async fn answer_old_hello(mut tcp: TcpStream, minor: u8) {
    let mut hello = vec![0x03, minor];
    hello.extend_from_slice(&[0x5a; 32]);
    hello.extend_from_slice(&[0x00, 0x00, 0x2f, 0x00]);
    let mut handshake = vec![0x02, 0x00, 0x00, u8::try_from(hello.len()).unwrap()];
    handshake.extend_from_slice(&hello);
    let mut record = vec![0x16, 0x03, minor, 0x00, u8::try_from(handshake.len()).unwrap()];
    record.extend_from_slice(&handshake);
    let _ = tcp.write_all(&record).await;
    let mut buf = [0u8; 2048];
    while matches!(tcp.read(&mut buf).await, Ok(n) if n > 0) {}
}
