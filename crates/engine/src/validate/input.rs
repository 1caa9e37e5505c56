//! Reading the raw text of one server's fields into values, forgivingly (see the module docs of
//! `validate` for what is accepted).

use super::{port, syntax, target, Side};
use crate::model::{Protocol, Provider, Security, Server};
use crate::settings::Settings;

/// A field as read: not filled in, filled in with something unusable, or a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Entry<T> {
    Empty,
    Invalid,
    Valid(T),
}

impl<T: Copy> Entry<T> {
    pub(super) fn valid(self) -> Option<T> {
        match self {
            Entry::Valid(v) => Some(v),
            Entry::Empty | Entry::Invalid => None,
        }
    }
}

/// How the mail app signs in, as the settings' `auth` field says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthSetting {
    /// A password: the normal one, or an app password where the provider wants that.
    Password,
    /// Sign-in on the provider's own page.
    OAuth2,
    /// No sign-in at all.
    None,
}

impl AuthSetting {
    /// The value of the settings field.
    pub const fn id(self) -> &'static str {
        match self {
            AuthSetting::Password => "password",
            AuthSetting::OAuth2 => "oauth2",
            AuthSetting::None => "none",
        }
    }
}

/// One server's fields, read. Borrowed from the settings: reading allocates nothing.
pub(super) struct ServerInput<'a> {
    pub side: Side,
    pub protocol: Entry<Protocol>,
    /// Trimmed, without a trailing dot; case as typed.
    pub host: Entry<&'a str>,
    pub port: Entry<u16>,
    pub security: Entry<Security>,
    pub auth: Entry<AuthSetting>,
    /// The raw texts, for messages and for fixes that clean them up.
    pub raw: &'a crate::settings::ServerSettings,
    /// With a known provider: the documented server every fix of this side leads to.
    pub target: Option<Target>,
}

/// A known provider and the documented server of theirs that the fixes of one side lead to.
#[derive(Clone, Copy, Debug)]
pub(super) struct Target {
    pub provider: &'static Provider,
    pub server: &'static Server,
}

impl<'a> ServerInput<'a> {
    pub(super) fn read(side: Side, settings: &'a Settings, provider: Option<&'static Provider>) -> Self {
        let raw = match side {
            Side::Incoming => &settings.incoming,
            Side::Outgoing => &settings.outgoing,
        };
        let mut input = ServerInput {
            side,
            protocol: protocol(&raw.protocol),
            host: host(&raw.host),
            port: port(&raw.port),
            security: security(&raw.security),
            auth: auth(&raw.auth),
            raw,
            target: None,
        };
        input.target = provider.and_then(|provider| {
            let server = target::choose(provider, &input)?;
            Some(Target { provider, server })
        });
        input
    }

    /// The protocol the user chose, when it belongs on this side.
    pub(super) fn chosen_protocol(&self) -> Option<Protocol> {
        self.protocol.valid().filter(|&p| self.side.accepts(p))
    }

    /// The protocol this server is for, as the fixes of an unknown provider's server assume it: the one
    /// chosen; for sending, SMTP, the only one; else the one a well-known port or the first part of the
    /// name points to (`pop.`, also in a name still to be cleaned up). `None` when nothing tells.
    ///
    /// Every rule reasons with this one protocol, so the fixes of one round agree with each other.
    pub(super) fn service(&self) -> Option<Protocol> {
        if let Some(chosen) = self.chosen_protocol() {
            return Some(chosen);
        }
        if self.side == Side::Outgoing {
            return Some(Protocol::Smtp);
        }
        let fits = |p: &Protocol| self.side.accepts(*p);
        let by_port = self.port.valid().and_then(port::standard).map(|(p, _)| p).filter(fits);
        let by_name = || match self.host {
            Entry::Valid(host) => named_for(host),
            Entry::Invalid => syntax::clean_host(&self.raw.host).and_then(|host| named_for(&host)),
            Entry::Empty => None,
        };
        by_port.or_else(|| by_name().filter(fits))
    }
}

/// The protocol a host name announces in its first part (`imap.`, `pop.`, `pop3.`, `smtp.`), if any.
pub(super) fn named_for(host: &str) -> Option<Protocol> {
    let first = host.split('.').next()?;
    [
        ("imap", Protocol::Imap),
        ("pop", Protocol::Pop3),
        ("pop3", Protocol::Pop3),
        ("smtp", Protocol::Smtp),
    ]
    .into_iter()
    .find(|(name, _)| name.eq_ignore_ascii_case(first))
    .map(|(_, protocol)| protocol)
}

/// Reads a field with a fixed vocabulary: each pair is an accepted spelling (compared without case) and
/// its value.
fn one_of<T: Copy>(raw: &str, spellings: &[(&str, T)]) -> Entry<T> {
    let text = raw.trim();
    if text.is_empty() {
        return Entry::Empty;
    }
    spellings
        .iter()
        .find(|(spelling, _)| spelling.eq_ignore_ascii_case(text))
        .map_or(Entry::Invalid, |&(_, value)| Entry::Valid(value))
}

pub(super) fn protocol(raw: &str) -> Entry<Protocol> {
    one_of(
        raw,
        &[
            ("imap", Protocol::Imap),
            ("pop3", Protocol::Pop3),
            ("pop", Protocol::Pop3),
            ("smtp", Protocol::Smtp),
        ],
    )
}

pub(super) fn security(raw: &str) -> Entry<Security> {
    one_of(
        raw,
        &[
            ("tls", Security::Tls),
            ("ssl", Security::Tls),
            ("ssl/tls", Security::Tls),
            ("starttls", Security::Starttls),
            ("none", Security::None),
        ],
    )
}

pub(super) fn auth(raw: &str) -> Entry<AuthSetting> {
    one_of(
        raw,
        &[
            ("password", AuthSetting::Password),
            ("oauth2", AuthSetting::OAuth2),
            ("none", AuthSetting::None),
        ],
    )
}

pub(super) fn port(raw: &str) -> Entry<u16> {
    let text = raw.trim();
    if text.is_empty() {
        return Entry::Empty;
    }
    // Digits only: `parse` alone would also take "+993".
    match text.bytes().all(|b| b.is_ascii_digit()).then(|| text.parse::<u16>()) {
        Some(Ok(port)) if port != 0 => Entry::Valid(port),
        _ => Entry::Invalid,
    }
}

pub(super) fn host(raw: &str) -> Entry<&str> {
    let text = raw.trim();
    if text.is_empty() {
        return Entry::Empty;
    }
    let name = text.strip_suffix('.').unwrap_or(text);
    match syntax::host_problem(name) {
        None => Entry::Valid(name),
        Some(_) => Entry::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ids_and_common_spellings_without_case_or_spaces() {
        assert_eq!(protocol(" IMAP "), Entry::Valid(Protocol::Imap));
        assert_eq!(protocol("pop"), Entry::Valid(Protocol::Pop3));
        assert_eq!(protocol("Pop3"), Entry::Valid(Protocol::Pop3));
        assert_eq!(security("SSL/TLS"), Entry::Valid(Security::Tls));
        assert_eq!(security("ssl"), Entry::Valid(Security::Tls));
        assert_eq!(security("StartTLS"), Entry::Valid(Security::Starttls));
        assert_eq!(auth("OAuth2"), Entry::Valid(AuthSetting::OAuth2));
        assert_eq!(port(" 993 "), Entry::Valid(993));
        assert_eq!(host(" Mail.CenturyLink.net. "), Entry::Valid("Mail.CenturyLink.net"));
    }

    #[test]
    fn near_misses_are_invalid_not_guessed() {
        for p in ["imap4", "imaps", "pop 3", "http"] {
            assert_eq!(protocol(p), Entry::Invalid, "{p}");
        }
        for s in ["auto", "ssl tls", "tls1.2", "yes"] {
            assert_eq!(security(s), Entry::Invalid, "{s}");
        }
        for a in ["oauth", "app password", "plain"] {
            assert_eq!(auth(a), Entry::Invalid, "{a}");
        }
        for p in ["0", "65536", "+993", "99 3", "993.0", "-1", "١٢٣"] {
            assert_eq!(port(p), Entry::Invalid, "{p}");
        }
        assert_eq!(port("65535"), Entry::Valid(65535));
        assert_eq!(port("1"), Entry::Valid(1));
    }

    #[test]
    fn blank_is_empty() {
        assert_eq!(protocol(" \t"), Entry::Empty);
        assert_eq!(security(""), Entry::Empty);
        assert_eq!(auth("\n"), Entry::Empty);
        assert_eq!(port("  "), Entry::Empty);
        assert_eq!(host("  "), Entry::Empty);
        assert_eq!(host("."), Entry::Invalid);
    }
}
