//! Reading the raw text of one server's fields into values, forgivingly (see the module docs of
//! `validate` for what is accepted).

use super::{port, syntax, target, Side};
use crate::model::AuthMethod;
use crate::model::{Protocol, Provider, Security, Server};
pub(super) use crate::read::Entry;
use crate::read::{auth, port as port_number, protocol, security};
use crate::settings::Settings;

/// One server's fields, read. Borrowed from the settings: reading allocates nothing.
pub(super) struct ServerInput<'a> {
    pub side: Side,
    pub protocol: Entry<Protocol>,
    /// Trimmed, without a trailing dot; case as typed.
    pub host: Entry<&'a str>,
    pub port: Entry<u16>,
    pub security: Entry<Security>,
    pub auth: Entry<AuthMethod>,
    /// The raw texts, for messages and for fixes that clean them up.
    pub raw: &'a crate::settings::ServerSettings,
    /// With a known provider: the documented server every fix of this side leads to.
    pub target: Option<Target<'a>>,
}

/// A known provider and the documented server of theirs that the fixes of one side lead to.
#[derive(Clone, Copy, Debug)]
pub(super) struct Target<'a> {
    pub provider: &'a Provider,
    pub server: &'a Server,
}

impl<'a> ServerInput<'a> {
    pub(super) fn read(side: Side, settings: &'a Settings, provider: Option<&'a Provider>) -> Self {
        let raw = settings.server(side);
        let mut input = ServerInput {
            side,
            protocol: protocol(&raw.protocol),
            host: host(&raw.host),
            port: port_number(&raw.port),
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
    fn hosts_are_trimmed_of_spaces_and_a_trailing_dot() {
        assert_eq!(host(" Mail.CenturyLink.net. "), Entry::Valid("Mail.CenturyLink.net"));
        assert_eq!(host("  "), Entry::Empty);
        assert_eq!(host("."), Entry::Invalid);
    }
}
