//! The vocabulary of mail settings: protocols, security modes, servers and provider records.
//!
//! Provider records are `'static` data generated at build time from `providers/*.toml` (see `build.rs`),
//! so every type here borrows `'static` strings instead of owning them.

use core::fmt;

/// A mail protocol a client speaks to a server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// IMAP: mail stays on the server, every device sees the same folders.
    Imap,
    /// POP3: the client downloads mail, usually removing it from the server.
    Pop3,
    /// SMTP submission: sending mail.
    Smtp,
}

impl Protocol {
    /// The lower-case id used in JSON and data files.
    pub const fn id(self) -> &'static str {
        match self {
            Protocol::Imap => "imap",
            Protocol::Pop3 => "pop3",
            Protocol::Smtp => "smtp",
        }
    }

    /// The name people see in mail clients.
    pub const fn label(self) -> &'static str {
        match self {
            Protocol::Imap => "IMAP",
            Protocol::Pop3 => "POP3",
            Protocol::Smtp => "SMTP",
        }
    }
}

/// How a connection is encrypted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Security {
    /// Implicit TLS: encrypted from the first byte (ports 993, 995, 465). Clients call it "SSL/TLS".
    Tls,
    /// A plain connection upgraded with the STARTTLS (or STLS) command (ports 143, 110, 587).
    Starttls,
    /// No encryption at all.
    None,
}

impl Security {
    /// The lower-case id used in JSON and data files.
    pub const fn id(self) -> &'static str {
        match self {
            Security::Tls => "tls",
            Security::Starttls => "starttls",
            Security::None => "none",
        }
    }

    /// The generic name most clients use.
    pub const fn label(self) -> &'static str {
        match self {
            Security::Tls => "SSL/TLS",
            Security::Starttls => "STARTTLS",
            Security::None => "None",
        }
    }
}

/// What goes in a client's user-name field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UsernameForm {
    /// The whole email address, e.g. `jane@q.com`.
    Address,
    /// Only the part before the `@`, e.g. `jane`.
    LocalPart,
}

/// What the provider accepts as a credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Auth {
    /// The account's normal password.
    Password,
    /// Sign-in through the provider's web page (the client must support OAuth2).
    OAuth2,
    /// A separate password generated in the account's security settings.
    AppPassword,
    /// AT&T's name for an app password.
    SecureMailKey,
}

impl Auth {
    /// The lower-case id used in JSON and data files.
    pub const fn id(self) -> &'static str {
        match self {
            Auth::Password => "password",
            Auth::OAuth2 => "oauth2",
            Auth::AppPassword => "app-password",
            Auth::SecureMailKey => "secure-mail-key",
        }
    }
}

/// Whether a provider supports IMAP or only publishes its settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImapSupport {
    Supported,
    /// Settings are published "for self-help only": it works, but the provider's support will not help.
    SelfHelp,
}

/// One documented server of a provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Server {
    pub protocol: Protocol,
    pub host: &'static str,
    pub port: u16,
    pub security: Security,
    /// The entry to set up first; exactly one incoming and one outgoing server carry it.
    pub recommended: bool,
}

/// A host name in circulation that is wrong for a provider, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrongHost {
    pub host: &'static str,
    pub why: &'static str,
}

/// Everything mailcheck knows about one provider's settings, with its source.
#[derive(Debug, PartialEq, Eq)]
pub struct Provider {
    /// Stable id, e.g. `centurylink`.
    pub id: &'static str,
    /// Display name, e.g. `CenturyLink (Qwest Office)`.
    pub name: &'static str,
    /// The official page the record was checked against.
    pub source: &'static str,
    /// The day the record was last compared with `source`, `YYYY-MM-DD`.
    pub checked: &'static str,
    pub domains: &'static [&'static str],
    pub username: UsernameForm,
    /// Accepted credentials, the one to recommend first.
    pub auth: &'static [Auth],
    pub imap: ImapSupport,
    pub mailbox_mb: Option<u32>,
    pub send_limit_mb: Option<u32>,
    /// Where the mail lives now, when the provider moved it (e.g. `Yahoo`).
    pub hosted_by: Option<&'static str>,
    pub notes: &'static [&'static str],
    /// Incoming servers, recommended first.
    pub incoming: &'static [Server],
    /// Outgoing servers, recommended first.
    pub outgoing: &'static [Server],
    pub wrong_hosts: &'static [WrongHost],
}

impl Provider {
    /// The incoming server to set up first.
    pub fn recommended_incoming(&self) -> &'static Server {
        &self.incoming[0]
    }

    /// The outgoing server to set up first.
    pub fn recommended_outgoing(&self) -> &'static Server {
        &self.outgoing[0]
    }
}

impl fmt::Display for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}:{} ({})",
            self.protocol.label(),
            self.host,
            self.port,
            self.security.label()
        )
    }
}
