//! Texts of error-decoder causes (see `crate::decode`), keyed by cause code.
//!
//! Each cause has a title, a plain explanation of why it happens and a checklist of general fixes: plain
//! texts ([`CauseText`]), kept in crates/engine/texts/causes.toml and read with the provider data. The fixes
//! that depend on the user's settings or provider are [`FixText`] variants: the decoder picks them, this
//! module fills in the values of their templates (the `[fix]` table of the same file).

use crate::catalog::provenance::Who;
use crate::decode::{CauseCode, Knowledge};
use crate::model::{Auth, Provider, Security, Server, Side, UsernameForm};
use crate::requirement::Requirement;
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
    match (code, provider) {
        (ServerDiffers, Some(p)) => format!("Your server settings differ from what {} lists", Who::of(p).source()),
        (SmtpMessageTooBig, Some(p)) if p.send_limit_mb.is_some() => {
            format!("The message is larger than {} accepts", p.name)
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
    /// Set the server name to the provider's, replacing a host its record lists as wrong (`why`): one fix, so
    /// the reason does not repeat the line that says what to set.
    ReplaceWrongHost {
        side: Side,
        now: &'a str,
        expected: &'a str,
        why: &'a str,
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
    /// A sign-in requirement of the provider, named first for a refused sign-in, with whose word it is.
    ProviderRequirement {
        provider: Who<'a>,
        requirement: &'a Requirement,
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
        let number;
        let source;
        let (step, by);
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
                number = server.port.to_string();
                source = provider.source().to_string();
                let key = if server.protocol == crate::model::Protocol::Smtp {
                    "provider-server-out"
                } else {
                    "provider-server-in"
                };
                (
                    key,
                    &[
                        ("protocol", server.protocol.label()),
                        ("source", &source),
                        ("host", &server.host),
                        ("port", &number),
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
                number = port.to_string();
                let key = if expected == Security::Tls {
                    "security-for-port-tls"
                } else {
                    "security-for-port-starttls"
                };
                (
                    key,
                    &[
                        ("side", side_name(side)),
                        ("port", &number),
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
                source = provider.source().to_string();
                let key = match form {
                    UsernameForm::Address => "username-address",
                    UsernameForm::LocalPart => "username-local-part",
                    UsernameForm::Template(_) => "username-template",
                };
                (key, &[("source", &source), ("expected", expected)])
            }
            ProviderAuth { provider, auth } => {
                source = format!("{:#}", provider.source());
                let key = match auth {
                    Auth::OAuth2 => "provider-auth-oauth2",
                    Auth::SecureMailKey => "provider-auth-secure-mail-key",
                    Auth::AppPassword => "provider-auth-app-password",
                    Auth::Password => "provider-auth-password",
                };
                (key, &[("Source", &source), ("provider", provider.name)])
            }
            SendLimit { provider, mb } => {
                number = mb.to_string();
                ("send-limit", &[("provider", provider.name), ("mb", &number)])
            }
            MailboxSize { provider, mb } => {
                number = mb.to_string();
                ("mailbox-size", &[("provider", provider.name), ("mb", &number)])
            }
            ReplaceWrongHost {
                side,
                now,
                expected,
                why,
            } => (
                "replace-wrong-host",
                &[
                    ("side", side_name(side)),
                    ("expected", expected),
                    ("now", now),
                    ("why", why),
                ],
            ),
            WrongHost { host, why } => ("wrong-host", &[("host", host), ("why", why)]),
            ProviderNote { provider, note } => ("provider-note", &[("provider", provider.name), ("note", note)]),
            ProviderRequirement { provider, requirement } => {
                step = requirement.sentence(provider.name, knowledge.requirement_words());
                by = requirement.by(knowledge.requirement_words());
                (
                    "provider-requirement",
                    &[("step", &step), ("provider", provider.name), ("by", &by)],
                )
            }
            Source { provider, url, tier } => {
                let key = match tier {
                    "checked" => "source-checked",
                    "discovered" => "source-discovered",
                    _ => "source-ispdb",
                };
                (key, &[("provider", provider.name), ("url", url)])
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
        let who = Who::of(p);
        let server = p.recommended_incoming();
        let all = [
            FixText::SetField {
                side: Side::Incoming,
                field: ServerField::Port,
                now: "",
                expected: "995",
            },
            FixText::ProviderServer { provider: who, server },
            FixText::ProviderServer {
                provider: who,
                server: p.recommended_outgoing(),
            },
            FixText::SecurityForPort {
                side: Side::Outgoing,
                port: 465,
                now: None,
                expected: Security::Tls,
            },
            FixText::SecurityForPort {
                side: Side::Incoming,
                port: 587,
                now: Some(Security::Tls),
                expected: Security::Starttls,
            },
            FixText::Username {
                provider: who,
                form: &UsernameForm::Address,
                expected: "jane@q.com",
            },
            FixText::Username {
                provider: who,
                form: &UsernameForm::LocalPart,
                expected: "jane",
            },
            FixText::Username {
                provider: who,
                form: &UsernameForm::Template("%EMAILLOCALPART%".into()),
                expected: "jane",
            },
            FixText::ProviderAuth {
                provider: who,
                auth: Auth::OAuth2,
            },
            FixText::ProviderAuth {
                provider: who,
                auth: Auth::SecureMailKey,
            },
            FixText::ProviderAuth {
                provider: who,
                auth: Auth::AppPassword,
            },
            FixText::ProviderAuth {
                provider: who,
                auth: Auth::Password,
            },
            FixText::SendLimit { provider: who, mb: 10 },
            FixText::MailboxSize { provider: who, mb: 700 },
            FixText::ReplaceWrongHost {
                side: Side::Incoming,
                now: "n",
                expected: "e",
                why: "w",
            },
            FixText::WrongHost { host: "h", why: "w" },
            FixText::ProviderNote {
                provider: who,
                note: "n",
            },
            FixText::Source {
                provider: who,
                url: "https://x.example/",
                tier: "checked",
            },
            FixText::ProviderRequirement {
                provider: who,
                requirement: &embedded().lookup("icloud.com").provider.unwrap().requirements[0],
            },
            FixText::Source {
                provider: who,
                url: "https://x.example/",
                tier: "ispdb",
            },
            FixText::Source {
                provider: who,
                url: "https://x.example/",
                tier: "discovered",
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
            "Incoming POP3 server, as CenturyLink's own page lists it: pop.centurylink.net, port 995, security SSL/TLS."
        );
    }
}
