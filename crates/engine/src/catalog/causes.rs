//! Texts of error-decoder causes (see `crate::decode`), keyed by cause code.
//!
//! Each cause has a title, a plain explanation of why it happens and a checklist of general fixes: plain
//! texts ([`CauseText`]), kept in crates/engine/texts/causes.toml and read with the provider data. The fixes that depend on the user's settings or provider are
//! [`FixText`] variants: the decoder picks them and fills in the values, this module writes them.

use crate::catalog::provenance::Who;
use crate::decode::{CauseCode, Knowledge, Side};
use crate::model::{Auth, Provider, Security, Server, UsernameForm};
use crate::settings::ServerField;
use core::fmt::{self, Display, Formatter};

/// What the decoder says of one cause, whatever the settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CauseText {
    pub title: String,
    /// What the cause means and why it happens, for someone who does not know mail protocols.
    pub why: String,
    /// General fixes, after the ones that depend on the settings.
    pub checklist: Vec<String>,
}

/// The title of a cause; a few name the provider and its limits when known.
pub(crate) fn title(code: CauseCode, provider: Option<&Provider>, knowledge: &Knowledge) -> String {
    use CauseCode::*;
    match (code, provider) {
        (ServerDiffers, Some(p)) => format!("Your server settings differ from what {} lists", Who::of(p).source()),
        (SmtpMessageTooBig, Some(p)) if p.send_limit_mb.is_some() => {
            format!("The message is larger than {} accepts", p.name)
        }
        _ => knowledge.get(code).title.clone(),
    }
}

/// A fix written from the user's settings or the provider's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FixText<'a> {
    /// Set a field to the provider's value; `now` is what is typed (may be empty).
    SetField {
        side: Side,
        field: ServerField,
        now: &'a str,
        expected: &'a str,
    },
    /// The provider's documented server for a side.
    ProviderServer {
        provider: Who<'a>,
        server: &'a Server,
    },
    /// The port needs another security mode.
    SecurityForPort {
        side: Side,
        port: u16,
        now: Option<Security>,
        expected: Security,
    },
    Username {
        provider: Who<'a>,
        form: &'a UsernameForm,
        expected: &'a str,
    },
    /// What the provider accepts instead of the normal password.
    ProviderAuth {
        provider: Who<'a>,
        auth: Auth,
    },
    SendLimit {
        provider: Who<'a>,
        mb: u32,
    },
    MailboxSize {
        provider: Who<'a>,
        mb: u32,
    },
    /// Why a host in use is wrong, from the provider's record.
    WrongHost {
        host: &'a str,
        why: &'a str,
    },
    ProviderNote {
        provider: Who<'a>,
        note: &'a str,
    },
    /// Where the provider's settings come from: its own page (a checked record), or a page the ISPDB (or a
    /// discovered record) links; `tier` is the record's [`crate::Origin::tier`].
    Source {
        provider: Who<'a>,
        url: &'a str,
        tier: &'static str,
    },
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Outgoing => "outgoing (SMTP) server",
        Side::Incoming => "incoming server",
        Side::Unknown => "server",
    }
}

fn field_name(field: ServerField) -> &'static str {
    match field {
        ServerField::Protocol => "type (IMAP or POP)",
        ServerField::Host => "server name",
        ServerField::Port => "port",
        ServerField::Security => "security",
        ServerField::Username => "user name",
        ServerField::Auth => "sign-in method",
    }
}

fn security_name(security: Option<Security>) -> &'static str {
    security.map_or("not set", Security::label)
}

impl Display for FixText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        use FixText::*;
        match *self {
            SetField {
                side,
                field,
                now,
                expected,
            } => {
                let now = if now.is_empty() { "empty" } else { now };
                write!(
                    f,
                    "Set the {} of the {} to {expected} (it is {now} now).",
                    field_name(field),
                    side_name(side)
                )
            }
            ProviderServer { provider, server } => {
                let side = if server.protocol == crate::model::Protocol::Smtp {
                    "Outgoing"
                } else {
                    "Incoming"
                };
                write!(
                    f,
                    "{side} {} server, as {} lists it: {}, port {}, security {}.",
                    server.protocol.label(),
                    provider.source(),
                    server.host,
                    server.port,
                    server.security.label()
                )
            }
            SecurityForPort {
                side,
                port,
                now,
                expected: Security::Tls,
            } => write!(
                f,
                "Set the security of the {} to SSL/TLS: port {port} expects encryption from the first byte (it is \
                 {} now).",
                side_name(side),
                security_name(now)
            ),
            SecurityForPort {
                side,
                port,
                now,
                expected,
            } => write!(
                f,
                "Set the security of the {} to {}: port {port} starts unencrypted and switches with STARTTLS (it is \
                 {} now).",
                side_name(side),
                expected.label(),
                security_name(now)
            ),
            Username {
                provider,
                form: UsernameForm::Address,
                expected,
            } => {
                write!(
                    f,
                    "Set the user name to {expected}: {} gives the full email address.",
                    provider.source()
                )
            }
            Username {
                provider,
                form: UsernameForm::LocalPart,
                expected,
            } => {
                write!(
                    f,
                    "Set the user name to {expected}: {} gives only the part before the @.",
                    provider.source()
                )
            }
            Username {
                provider,
                form: UsernameForm::Template(_),
                expected,
            } => write!(
                f,
                "Set the user name to {expected}: the form {} gives, made from your address.",
                provider.source()
            ),
            ProviderAuth {
                provider,
                auth: Auth::OAuth2,
            } => write!(
                f,
                "{:#} lists sign-in through {provider}'s own sign-in page (OAuth2), not with a typed password: \
                 choose that sign-in in your mail app, or add the account again and pick {provider} \
                 from the app's list.",
                provider.source()
            ),
            ProviderAuth {
                provider,
                auth: Auth::SecureMailKey,
            } => write!(
                f,
                "{provider} expects a Secure Mail Key (its name for an app password) in the password field, not \
                 your normal password."
            ),
            ProviderAuth {
                provider,
                auth: Auth::AppPassword,
            } => write!(
                f,
                "{provider} expects an app password in the password field: a separate password you create in your \
                 {provider} account's security settings."
            ),
            ProviderAuth {
                provider,
                auth: Auth::Password,
            } => {
                write!(f, "{provider} accepts your normal email password here.")
            }
            SendLimit { provider, mb } => write!(
                f,
                "{provider} accepts messages of up to {mb} MB. Keep the attachments well under that, or share \
                 large files as a link."
            ),
            MailboxSize { provider, mb } => write!(f, "{provider} mailboxes hold {mb} MB."),
            WrongHost { host, why } => write!(f, "{host}: {why}"),
            ProviderNote { provider, note } => write!(f, "{provider}: {note}"),
            Source {
                provider,
                url,
                tier: "checked",
            } => write!(f, "{provider} documents its settings at {url}"),
            Source {
                provider,
                url,
                tier: "discovered",
            } => write!(
                f,
                "These settings were found automatically for your domain, not checked by mailcheck; {provider}'s \
                 own help page may say more: {url}"
            ),
            Source { provider, url, .. } => write!(
                f,
                "These settings come from the Thunderbird ISPDB, a community database; {provider}'s own help page \
                 may say more: {url}"
            ),
        }
    }
}
