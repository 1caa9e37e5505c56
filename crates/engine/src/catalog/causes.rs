//! Texts of error-decoder causes (see `crate::decode`), keyed by cause code.
//!
//! Each cause has a title, a plain explanation of why it happens and a checklist of general fixes: plain
//! texts ([`CauseText`]), kept in crates/engine/texts/causes.toml and read with the provider data. The fixes
//! that depend on the user's settings or provider are [`FixText`] variants: the decoder picks them, this
//! module fills in the values of their templates (the `[fix]` table of the same file).

use crate::decode::{CauseCode, Knowledge, Side};
use crate::model::{Auth, Provider, Security, Server, UsernameForm};
use crate::settings::ServerField;

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
    let name = provider.map(|p| p.name.as_str());
    match (code, name) {
        (ServerDiffers, Some(name)) => format!("Your server settings differ from what {name} documents"),
        (SmtpMessageTooBig, Some(name)) if provider.is_some_and(|p| p.send_limit_mb.is_some()) => {
            format!("The message is larger than {name} accepts")
        }
        _ => knowledge.get(code).title.clone(),
    }
}

/// What a cause lists when every fix it has is already listed under a more likely cause above it.
pub const SEE_ABOVE: &str = "The fixes above apply here too.";

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
        provider: &'a str,
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
        provider: &'a str,
        form: &'a UsernameForm,
        expected: &'a str,
    },
    /// What the provider accepts instead of the normal password.
    ProviderAuth {
        provider: &'a str,
        auth: Auth,
    },
    SendLimit {
        provider: &'a str,
        mb: u32,
    },
    MailboxSize {
        provider: &'a str,
        mb: u32,
    },
    /// Why a host in use is wrong, from the provider's record.
    WrongHost {
        host: &'a str,
        why: &'a str,
    },
    ProviderNote {
        provider: &'a str,
        note: &'a str,
    },
    /// Where the provider's settings come from: its own page (a checked record), or a page the ISPDB links.
    Source {
        provider: &'a str,
        url: &'a str,
        checked: bool,
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

impl FixText<'_> {
    /// The fix in words: its template from the decoder's data (crates/engine/texts/causes.toml, `[fix]`)
    /// with the values filled in.
    pub(crate) fn render(&self, knowledge: &Knowledge) -> String {
        use FixText::*;
        let port_text;
        let mb_text;
        let (key, values): (&str, &[(&str, &str)]) = match *self {
            SetField {
                side,
                field,
                now,
                expected,
            } => (
                "set-field",
                &[
                    ("field", field_name(field)),
                    ("side", side_name(side)),
                    ("expected", expected),
                    ("now", if now.is_empty() { "empty" } else { now }),
                ],
            ),
            ProviderServer { provider, server } => {
                port_text = server.port.to_string();
                let key = if server.protocol == crate::model::Protocol::Smtp {
                    "provider-server-out"
                } else {
                    "provider-server-in"
                };
                (
                    key,
                    &[
                        ("protocol", server.protocol.label()),
                        ("provider", provider),
                        ("host", &server.host),
                        ("port", &port_text),
                        ("security", server.security.label()),
                    ],
                )
            }
            SecurityForPort {
                side,
                port,
                now,
                expected,
            } => {
                port_text = port.to_string();
                let key = if expected == Security::Tls {
                    "security-for-port-tls"
                } else {
                    "security-for-port-starttls"
                };
                (
                    key,
                    &[
                        ("side", side_name(side)),
                        ("port", &port_text),
                        ("expected", expected.label()),
                        ("now", security_name(now)),
                    ],
                )
            }
            Username {
                provider,
                form,
                expected,
            } => {
                let key = match form {
                    UsernameForm::Address => "username-address",
                    UsernameForm::LocalPart => "username-local-part",
                    UsernameForm::Template(_) => "username-template",
                };
                (key, &[("provider", provider), ("expected", expected)])
            }
            ProviderAuth { provider, auth } => {
                let key = match auth {
                    Auth::OAuth2 => "provider-auth-oauth2",
                    Auth::SecureMailKey => "provider-auth-secure-mail-key",
                    Auth::AppPassword => "provider-auth-app-password",
                    Auth::Password => "provider-auth-password",
                };
                (key, &[("provider", provider)])
            }
            SendLimit { provider, mb } => {
                mb_text = mb.to_string();
                ("send-limit", &[("provider", provider), ("mb", &mb_text)])
            }
            MailboxSize { provider, mb } => {
                mb_text = mb.to_string();
                ("mailbox-size", &[("provider", provider), ("mb", &mb_text)])
            }
            WrongHost { host, why } => ("wrong-host", &[("host", host), ("why", why)]),
            ProviderNote { provider, note } => ("provider-note", &[("provider", provider), ("note", note)]),
            Source { provider, url, checked } => {
                let key = if checked { "source-checked" } else { "source-ispdb" };
                (key, &[("provider", provider), ("url", url)])
            }
        };
        knowledge.fix(key, values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::embedded;

    #[test]
    fn every_fix_has_its_template_and_every_value_is_filled_in() {
        let db = embedded();
        let p = db.by_id("centurylink").unwrap();
        let server = p.recommended_incoming();
        let all = [
            FixText::SetField {
                side: Side::Incoming,
                field: ServerField::Port,
                now: "",
                expected: "995",
            },
            FixText::ProviderServer { provider: "X", server },
            FixText::ProviderServer {
                provider: "X",
                server: p.recommended_outgoing(),
            },
            FixText::SecurityForPort {
                side: Side::Outgoing,
                port: 465,
                now: None,
                expected: Security::Tls,
            },
            FixText::SecurityForPort {
                side: Side::Unknown,
                port: 587,
                now: Some(Security::Tls),
                expected: Security::Starttls,
            },
            FixText::Username {
                provider: "X",
                form: &UsernameForm::Address,
                expected: "jane@q.com",
            },
            FixText::Username {
                provider: "X",
                form: &UsernameForm::LocalPart,
                expected: "jane",
            },
            FixText::Username {
                provider: "X",
                form: &UsernameForm::Template("%EMAILLOCALPART%".into()),
                expected: "jane",
            },
            FixText::ProviderAuth {
                provider: "X",
                auth: Auth::OAuth2,
            },
            FixText::ProviderAuth {
                provider: "X",
                auth: Auth::SecureMailKey,
            },
            FixText::ProviderAuth {
                provider: "X",
                auth: Auth::AppPassword,
            },
            FixText::ProviderAuth {
                provider: "X",
                auth: Auth::Password,
            },
            FixText::SendLimit { provider: "X", mb: 10 },
            FixText::MailboxSize { provider: "X", mb: 700 },
            FixText::WrongHost { host: "h", why: "w" },
            FixText::ProviderNote {
                provider: "X",
                note: "n",
            },
            FixText::Source {
                provider: "X",
                url: "https://x.example/",
                checked: true,
            },
            FixText::Source {
                provider: "X",
                url: "https://x.example/",
                checked: false,
            },
        ];
        for fix in all {
            let text = fix.render(db.decoder());
            assert!(!text.is_empty() && !text.contains(['{', '}']), "{fix:?}: {text:?}");
        }
        assert_eq!(
            all[0].render(db.decoder()),
            "Set the port of the incoming server to 995 (it is empty now)."
        );
        assert_eq!(
            all[1].render(db.decoder()),
            "Incoming POP3 server for X: pop.centurylink.net, port 995, security SSL/TLS."
        );
    }
}
