//! What the decoder knows besides the text: which server the error is about, the settings in use, and the
//! provider's documented servers. It turns them into [`Facts`], the data a cause's fixes are written from.

use super::text::Text;
use super::{CauseCode, Scan};
use crate::model::{Provider, Security, Server, Side, WrongHost};
use crate::read;
use crate::settings::{ServerField, ServerSettings, Settings};

/// Ports that carry SMTP submission (25, 587 and 2525 plain then STARTTLS; 465 implicit TLS).
const OUTGOING_PORTS: [u16; 4] = [25, 465, 587, 2525];
const INCOMING_PORTS: [u16; 4] = [110, 143, 993, 995];

/// A security mode the port cannot work with: implicit TLS on a STARTTLS port or the other way round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mismatch {
    pub side: Side,
    pub port: u16,
    /// What is set now; `None` when it is not filled in.
    pub now: Option<Security>,
    pub expected: Security,
}

/// A field of the settings that differs from the provider's documented server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Difference {
    pub side: Side,
    pub field: ServerField,
    /// The value as typed, trimmed (may be empty).
    pub now: String,
    /// The provider's value as people type it (`smtp.centurylink.net`, `587`, `SSL/TLS`, `IMAP`).
    pub expected: String,
}

/// Everything a cause's text may be filled in from.
pub(crate) struct Facts<'a> {
    pub provider: Option<&'a Provider>,
    /// The provider's server the settings for this side should match.
    pub expected: Option<&'a Server>,
    pub mismatch: Option<Mismatch>,
    pub differences: Vec<Difference>,
    /// Hosts in use that the provider's record lists as wrong.
    pub wrong_hosts: Vec<&'a WrongHost>,
    /// The user name the provider expects, when the settings hold another.
    pub username: Option<String>,
    /// Provider notes that bear on this cause.
    pub notes: Vec<&'a str>,
}

pub(super) struct Context<'a> {
    /// Which server the error is about, when the text or the settings say.
    pub side: Option<Side>,
    settings: Option<&'a Settings>,
    provider: Option<&'a Provider>,
    text_ports: Vec<u16>,
    /// Outlook writes `Secure(SSL): No` into its errors: the connection was not encrypted from the start.
    text_says_plain: bool,
}

impl<'a> Context<'a> {
    pub(super) fn new(
        text: &Text,
        scan: &Scan,
        settings: Option<&'a Settings>,
        provider: Option<&'a Provider>,
    ) -> Context<'a> {
        let text_ports = text.ports();
        let mut ctx = Context {
            side: None,
            settings,
            provider,
            text_ports,
            text_says_plain: text.has("secure(ssl): no"),
        };
        let (words_out, words_in) = votes(text);
        let count = |ports: &[u16]| 2 * ctx.text_ports.iter().filter(|p| ports.contains(p)).count() as u16;
        let outgoing = scan.outgoing + words_out + count(&OUTGOING_PORTS);
        let incoming = scan.incoming + words_in + count(&INCOMING_PORTS);
        ctx.side = match outgoing.cmp(&incoming) {
            std::cmp::Ordering::Greater => Some(Side::Outgoing),
            std::cmp::Ordering::Less => Some(Side::Incoming),
            // Nothing in the text says which: the settings may, when only one side looks wrong.
            std::cmp::Ordering::Equal => {
                let suspect =
                    |side| ctx.security_mismatch(Some(side)).is_some() || !ctx.differences(Some(side)).is_empty();
                match (suspect(Side::Outgoing), suspect(Side::Incoming)) {
                    (true, false) => Some(Side::Outgoing),
                    (false, true) => Some(Side::Incoming),
                    _ => None,
                }
            }
        };
        ctx
    }

    fn server(&self, side: Side) -> Option<&'a ServerSettings> {
        Some(self.settings?.server(side))
    }

    /// The port in use: the settings' when filled in, else one the text names for that side.
    fn port(&self, side: Side) -> Option<u16> {
        let typed = self.server(side).map(|s| s.port.trim()).filter(|p| !p.is_empty());
        if let Some(port) = typed {
            return crate::read::number(port).and_then(|n| u16::try_from(n).ok());
        }
        let ports: &[u16] = match side {
            Side::Outgoing => &OUTGOING_PORTS,
            Side::Incoming => &INCOMING_PORTS,
        };
        self.text_ports.iter().copied().find(|p| ports.contains(p))
    }

    /// Whether this is a connection to port 25 for sending, the port many internet providers block.
    pub(super) fn port25(&self) -> bool {
        self.side != Some(Side::Incoming) && self.port(Side::Outgoing) == Some(25)
    }

    /// The provider's servers that could be meant on this side, recommended first.
    fn candidates(&self, side: Side) -> Vec<&'a Server> {
        let Some(p) = self.provider else { return Vec::new() };
        match side {
            Side::Outgoing => p.outgoing.iter().collect(),
            Side::Incoming => {
                let wanted = self.server(side).and_then(|s| read::protocol(&s.protocol).valid());
                let same: Vec<_> = p.incoming.iter().filter(|s| Some(s.protocol) == wanted).collect();
                if same.is_empty() {
                    p.incoming.iter().collect()
                } else {
                    same
                }
            }
        }
    }

    /// The provider's server the settings on this side should match: the one with the host and port in use
    /// when there is one, else the one with the same host, else the recommended one.
    fn expected(&self, side: Side) -> Option<&'a Server> {
        let candidates = self.candidates(side);
        let host = self
            .server(side)
            .map(|s| s.host.trim().to_ascii_lowercase())
            .unwrap_or_default();
        let port = self.port(side);
        let same_host = |s: &&&Server| s.host == host;
        candidates
            .iter()
            .filter(same_host)
            .find(|s| Some(s.port) == port)
            .or_else(|| candidates.iter().find(same_host))
            .or_else(|| candidates.first())
            .copied()
    }

    pub(super) fn host_differs(&self, side: Option<Side>) -> bool {
        self.differences(side).iter().any(|d| d.field == ServerField::Host)
    }

    /// How the settings differ from the provider's servers, on one side or, when unknown, on both; empty
    /// without settings or provider.
    pub(super) fn differences(&self, side: Option<Side>) -> Vec<Difference> {
        sides(side).iter().flat_map(|&side| self.differences_on(side)).collect()
    }

    fn differences_on(&self, side: Side) -> Vec<Difference> {
        let (Some(typed), Some(expected)) = (self.server(side), self.expected(side)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut differ = |field, now: &str, same: bool, expected: String| {
            if !same {
                out.push(Difference {
                    side,
                    field,
                    now: now.trim().to_owned(),
                    expected,
                });
            }
        };
        if side == Side::Incoming {
            let same = read::protocol(&typed.protocol)
                .valid()
                .is_none_or(|p| p == expected.protocol);
            differ(
                ServerField::Protocol,
                &typed.protocol,
                same,
                expected.protocol.label().into(),
            );
        }
        let host_same = typed.host.trim().eq_ignore_ascii_case(&expected.host);
        differ(ServerField::Host, &typed.host, host_same, expected.host.clone());
        let port_same = crate::read::number(typed.port.trim()) == Some(u32::from(expected.port));
        differ(ServerField::Port, &typed.port, port_same, expected.port.to_string());
        // Shown as people know it ("SSL/TLS", not "tls") when it is a mode at all.
        let now = read::security(&typed.security).valid();
        let shown = now.map_or(typed.security.as_str(), |s| s.label());
        let security_same = now == Some(expected.security);
        differ(
            ServerField::Security,
            shown,
            security_same,
            expected.security.label().into(),
        );
        out
    }

    /// The security mode this side's port cannot work with, if that is what is set; when the side is
    /// unknown, the first of either.
    pub(super) fn security_mismatch(&self, side: Option<Side>) -> Option<Mismatch> {
        sides(side).iter().find_map(|&side| self.security_mismatch_on(side))
    }

    fn security_mismatch_on(&self, side: Side) -> Option<Mismatch> {
        let port = self.port(side)?;
        let typed = self.server(side).map(|s| s.security.trim()).filter(|s| !s.is_empty());
        let now = match typed {
            Some(text) => Some(read::security(text).valid()?),
            None if self.text_says_plain => Some(Security::None),
            None => return None,
        };
        let documented = self
            .candidates(side)
            .into_iter()
            .find(|s| s.port == port)
            .map(|s| s.security);
        let expected = documented.or(match port {
            465 | 993 | 995 => Some(Security::Tls),
            25 | 110 | 143 | 587 | 2525 => Some(Security::Starttls),
            _ => None,
        })?;
        let works = match expected {
            Security::Tls => now == Some(Security::Tls),
            // A STARTTLS port accepts a plain start; only implicit TLS speaks the wrong language.
            Security::Starttls | Security::None => now != Some(Security::Tls),
        };
        (!works).then_some(Mismatch {
            side,
            port,
            now,
            expected,
        })
    }

    /// The user name the provider expects on this side, when the settings hold another one.
    pub(super) fn username_fix(&self, side: Option<Side>) -> Option<String> {
        let sides = side.map_or(Side::ALL, |side| [side, side]);
        let email = self.settings?.email.trim();
        let expected = self.expected(sides[0])?.username.resolve(email)?;
        sides
            .into_iter()
            .filter_map(|s| self.server(s))
            .any(|s| !s.username.trim().eq_ignore_ascii_case(&expected))
            .then_some(expected)
    }

    /// The provider's note on the host in use on this side, when its record lists that host as wrong.
    fn wrong_host(&self, side: Side) -> Option<&'a WrongHost> {
        let host = self.server(side)?.host.trim().to_ascii_lowercase();
        self.provider?.wrong_hosts.iter().find(|w| w.host == host)
    }

    pub(super) fn facts(&self, cause: CauseCode) -> Facts<'a> {
        let side = self.side;
        Facts {
            provider: self.provider,
            expected: side.and_then(|side| self.expected(side)),
            mismatch: self.security_mismatch(side),
            differences: self.differences(side),
            wrong_hosts: sides(side).iter().filter_map(|&side| self.wrong_host(side)).collect(),
            username: self.username_fix(side),
            notes: self.provider.map(|p| relevant_notes(p, cause)).unwrap_or_default(),
        }
    }
}

/// The sides to look at: the known one, or both.
fn sides(side: Option<Side>) -> &'static [Side] {
    match side {
        Some(Side::Outgoing) => &[Side::Outgoing],
        Some(Side::Incoming) => &[Side::Incoming],
        None => &[Side::Outgoing, Side::Incoming],
    }
}

/// How much the wording points at sending and at fetching. Outlook's own "Protocol: SMTP" counts most.
fn votes(text: &Text) -> (u16, u16) {
    const OUTGOING: [&str; 5] = ["smtp", "outgoing", "sending", "send", "submission"];
    const INCOMING: [&str; 8] = [
        "imap",
        "pop",
        "pop3",
        "incoming",
        "receiving",
        "receive",
        "fetch",
        "inbox",
    ];
    let count = |words: &[&str]| words.iter().filter(|w| text.has_word(w)).count() as u16;
    let mut out = count(&OUTGOING);
    let mut inc = count(&INCOMING);
    if text.has("protocol: smtp") {
        out += 3;
    }
    if text.has_any(&["protocol: pop3", "protocol: imap"]) {
        inc += 3;
    }
    (out, inc)
}

/// The provider's notes that bear on a cause, chosen by the words they use.
fn relevant_notes(provider: &Provider, cause: CauseCode) -> Vec<&str> {
    use CauseCode::*;
    let words: &[&str] = match cause {
        AuthFailed | SmtpAuthFailed | SmtpAuthRequired | AppPasswordRequired | WebLoginRequired | BasicAuthDisabled => {
            &["password", "sign", "authentication", "access", "oauth2"]
        }
        TlsWrongVersion | TlsHandshake | SmtpStarttlsRequired => &["ssl", "tls", "encryption", "encrypted"],
        ServerDiffers | Port25Blocked | HostNotFound | CannotConnect | Refused | Timeout => &["port", "servers"],
        _ => &[],
    };
    provider
        .notes
        .iter()
        .map(String::as_str)
        .filter(|note| {
            note.split(|c: char| !super::text::word_char(c))
                .any(|w| words.iter().any(|word| w.eq_ignore_ascii_case(word)))
        })
        .collect()
}
