//! What the three protocol dialogues (smtp.rs, imap.rs, pop3.rs) have in common: the shape of their
//! answers, and recognizing a server that speaks something else.

use super::report::Capabilities;
use super::wire::{printable, Wire, WireError};
use super::{imap, pop3, smtp};
use mailcheck_engine::Protocol;

/// How the server greeted us.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Greeting {
    /// Ready for commands (SMTP 220, IMAP `* OK`, POP3 `+OK`).
    Ready,
    /// IMAP `* PREAUTH`: logged in already, without a password.
    Preauth,
    /// Turned away (SMTP 421/554 or any other 4xx/5xx, IMAP `* BYE`, POP3 `-ERR`).
    Refused,
    /// Another protocol answered: HTTP, SSH, or another mail protocol.
    Foreign(&'static str),
}

/// Why a dialogue step failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogueError {
    Wire(WireError),
    /// The reply is not what the protocol allows (garbage, NUL bytes, a malformed line).
    BadReply(String),
    /// The server refused the command.
    Refused(String),
}

impl From<WireError> for DialogueError {
    fn from(e: WireError) -> Self {
        DialogueError::Wire(e)
    }
}

/// The greeting with its lines as text.
pub type GreetingReply = (Greeting, Vec<String>);

/// The answer to STARTTLS / STLS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Upgrade {
    /// The server is ready for the TLS handshake.
    Accepted(Vec<String>),
    Refused(Vec<String>),
}

/// The dialogue of one protocol. An enum rather than a trait keeps the probe's future `Send` without
/// boxing.
#[derive(Debug)]
pub enum Dialogue {
    Smtp,
    Imap(imap::Tags),
    Pop3,
}

impl Dialogue {
    pub fn new(protocol: Protocol) -> Dialogue {
        match protocol {
            Protocol::Smtp => Dialogue::Smtp,
            Protocol::Imap => Dialogue::Imap(imap::Tags::default()),
            Protocol::Pop3 => Dialogue::Pop3,
        }
    }

    /// Reads the greeting.
    pub async fn greeting(&mut self, wire: &mut Wire) -> Result<GreetingReply, DialogueError> {
        match self {
            Dialogue::Smtp => smtp::greeting(wire).await,
            Dialogue::Imap(_) => imap::greeting(wire).await,
            Dialogue::Pop3 => pop3::greeting(wire).await,
        }
    }

    /// Asks for capabilities (EHLO, CAPABILITY, CAPA).
    pub async fn capabilities(&mut self, wire: &mut Wire, encrypted: bool) -> Result<Capabilities, DialogueError> {
        match self {
            Dialogue::Smtp => smtp::capabilities(wire, encrypted).await,
            Dialogue::Imap(tags) => imap::capabilities(wire, tags, encrypted).await,
            Dialogue::Pop3 => pop3::capabilities(wire, encrypted).await,
        }
    }

    /// Sends STARTTLS (POP3: STLS) and reads exactly one reply.
    pub async fn starttls(&mut self, wire: &mut Wire) -> Result<Upgrade, DialogueError> {
        match self {
            Dialogue::Smtp => smtp::starttls(wire).await,
            Dialogue::Imap(tags) => imap::starttls(wire, tags).await,
            Dialogue::Pop3 => pop3::starttls(wire).await,
        }
    }

    /// Sends STARTTLS with NOOP behind it in the same write (which a correct server throws away when TLS
    /// starts) and reads the STARTTLS reply. For the injection test only: a client must not do this.
    pub async fn starttls_pipelined(&mut self, wire: &mut Wire) -> Result<Upgrade, DialogueError> {
        match self {
            Dialogue::Smtp => smtp::starttls_pipelined(wire).await,
            Dialogue::Imap(tags) => imap::starttls_pipelined(wire, tags).await,
            Dialogue::Pop3 => pop3::starttls_pipelined(wire).await,
        }
    }

    /// Whether the reply to QUIT / LOGOUT after [`Dialogue::starttls_pipelined`] and the handshake holds an
    /// answer to the NOOP first: SMTP 250 (QUIT gives 221), an IMAP line tagged with the NOOP's tag, POP3
    /// `-ERR` (NOOP is not allowed before login; QUIT gives `+OK`).
    pub fn answers_pipelined(&self, quit_reply: &[String]) -> bool {
        match self {
            Dialogue::Smtp => smtp::answers_pipelined(quit_reply),
            Dialogue::Imap(tags) => imap::answers_pipelined(quit_reply, tags),
            Dialogue::Pop3 => pop3::answers_pipelined(quit_reply),
        }
    }

    /// Says goodbye (QUIT, LOGOUT) and reads the reply.
    pub async fn quit(&mut self, wire: &mut Wire) -> Result<Vec<String>, DialogueError> {
        match self {
            Dialogue::Smtp => smtp::quit(wire).await,
            Dialogue::Imap(tags) => imap::quit(wire, tags).await,
            Dialogue::Pop3 => pop3::quit(wire).await,
        }
    }
}

/// Which protocol (other than `expected`) a first line looks like, if any. A line that is no text at all
/// (NUL bytes, invalid UTF-8, control characters) is `None` too: the caller reports it as a bad reply.
pub fn foreign(line: &[u8], expected: Protocol) -> Option<&'static str> {
    let starts = |p: &[u8]| line.len() >= p.len() && line.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    let seen = if starts(b"HTTP/") {
        "HTTP"
    } else if starts(b"SSH-") {
        "SSH"
    } else if starts(b"* OK") || starts(b"* PREAUTH") || starts(b"* BYE") {
        "IMAP"
    } else if starts(b"+OK") || starts(b"-ERR") {
        "POP3"
    } else if smtp_code(line).is_some() {
        "SMTP"
    } else {
        return None;
    };
    let expected_name = match expected {
        Protocol::Imap => "IMAP",
        Protocol::Pop3 => "POP3",
        Protocol::Smtp => "SMTP",
    };
    (seen != expected_name).then_some(seen)
}

/// The reply code of an SMTP reply line (`250-…`, `250 …` or a bare `250`).
pub fn smtp_code(line: &[u8]) -> Option<u16> {
    let digits = line.get(..3)?;
    if !digits.iter().all(u8::is_ascii_digit) || !matches!(line.get(3), None | Some(b' ') | Some(b'-')) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// Whether a line is text a mail server may send: printable ASCII or UTF-8, tabs allowed, no NUL or other
/// control bytes.
pub fn is_text(line: &[u8]) -> bool {
    std::str::from_utf8(line).is_ok_and(|s| !s.chars().any(|c| c.is_control() && c != '\t'))
}

/// Lines as text for the report.
pub fn texts(lines: &[Vec<u8>]) -> Vec<String> {
    lines.iter().map(|l| printable(l)).collect()
}

/// The mechanisms that send the password itself (base64 is no protection).
pub fn password_mechanism(mechanism: &str) -> bool {
    mechanism.eq_ignore_ascii_case("PLAIN") || mechanism.eq_ignore_ascii_case("LOGIN")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_protocols_are_recognized_by_their_first_line() {
        let cases: &[(&[u8], Protocol, Option<&str>)] = &[
            (b"HTTP/1.1 400 Bad Request", Protocol::Smtp, Some("HTTP")),
            (b"SSH-2.0-OpenSSH_9.2p1 Debian", Protocol::Imap, Some("SSH")),
            (b"* OK [CAPABILITY IMAP4rev1] ready", Protocol::Smtp, Some("IMAP")),
            (b"* OK ready", Protocol::Imap, None),
            (b"+OK Dovecot ready.", Protocol::Imap, Some("POP3")),
            (b"+OK Dovecot ready.", Protocol::Pop3, None),
            (b"220 mx.example ESMTP", Protocol::Pop3, Some("SMTP")),
            (b"220 mx.example ESMTP", Protocol::Smtp, None),
            (b"2200 not a code", Protocol::Pop3, None),
            (b"\0\x01garbage", Protocol::Smtp, None),
        ];
        for (line, expected, seen) in cases {
            assert_eq!(foreign(line, *expected), *seen, "{}", String::from_utf8_lossy(line));
        }
    }

    #[test]
    fn smtp_codes_need_three_digits_and_a_separator() {
        assert_eq!(smtp_code(b"250-PIPELINING"), Some(250));
        assert_eq!(smtp_code(b"250 OK"), Some(250));
        assert_eq!(smtp_code(b"421"), Some(421));
        assert_eq!(smtp_code(b"25"), None);
        assert_eq!(smtp_code(b"2500"), None);
        assert_eq!(smtp_code(b"abc def"), None);
        assert_eq!(smtp_code("25\u{e9} x".as_bytes()), None);
    }

    #[test]
    fn text_excludes_nul_and_control_bytes() {
        assert!(is_text(b"220 mx ESMTP\tready"));
        assert!(is_text("220 mx gr\u{fc}\u{df}t".as_bytes()));
        assert!(!is_text(b"220 mx\0"));
        assert!(!is_text(b"\x1b[31m"));
        assert!(!is_text(b"\xff\xfe"));
    }

    proptest::proptest! {
        #[test]
        fn any_line_is_judged_without_panicking(line in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            let _ = foreign(&line, Protocol::Smtp);
            let _ = smtp_code(&line);
            let _ = is_text(&line);
        }
    }
}
