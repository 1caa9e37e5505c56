//! What the per-app guide modules write their guides with: the data a guide is made of (steps, fields,
//! values, notes), the tables a step's fields are written as ([`Fill`], [`StepSpec`]) and the few helpers
//! the apps share. The apps call down into this module and never up into `guide.rs`, which picks an app and
//! adds what every guide shares.

use super::details::{Credential, Details};
use crate::model::{Protocol, Security, Side};
use crate::texts::Texts;
use serde::Serialize;

/// What a guide's menus and labels were checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "url", rename_all = "kebab-case")]
pub enum Source {
    /// The maker's own help page.
    MakerDocs(&'static str),
    /// The interface text in the app's published source code.
    AppSource(&'static str),
    /// Nothing could be checked; the steps stay general where unsure, and a note says so.
    None,
}

/// One thing to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub text: String,
    /// The fields this step fills in, labelled as the app labels them.
    pub fields: Vec<Entry>,
}

/// One field of a step: the app's label and what to put there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub label: String,
    pub value: Value,
}

/// What to put in a field, typed so the app can offer a copy button, a picker hint or a switch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Value {
    /// Type exactly this (a host name, a port, a user name).
    Text(String),
    /// Pick this option from the app's list.
    Choose(&'static str),
    /// Turn this switch or box on (`true`) or off (`false`).
    Switch(bool),
    /// Something only the user knows, or that is unknown: described in words.
    Yours(String),
}

/// Something worth knowing that is not a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    pub level: Level,
    pub text: String,
}

/// How much a note matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    /// The setting works but puts the user at risk, or the app cannot do what the account needs.
    Warning,
}

/// What a client module contributes; [`super::guide`] adds the title and the notes every guide shares.
pub(super) struct Parts {
    /// The key of the version line.
    pub version: &'static str,
    pub source: Source,
    pub steps: Vec<Step>,
    pub notes: Vec<Note>,
}

/// A client's words for the three security modes.
pub(super) struct SecurityWords {
    pub tls: &'static str,
    pub starttls: &'static str,
    pub none: &'static str,
}

impl SecurityWords {
    pub fn word(&self, security: Security) -> &'static str {
        match security {
            Security::Tls => self.tls,
            Security::Starttls => self.starttls,
            Security::None => self.none,
        }
    }
}

/// How a field of a guide is filled in from the account's details. The client modules write their steps as tables of
/// these, a few words of data per field rather than code, which keeps the guides small in the web app.
#[derive(Clone, Copy)]
pub(super) enum Fill {
    Email,
    Name,
    Password(Side),
    Host(Side),
    Port(Side),
    Username(Side),
    /// The client's word for the server's security mode.
    Security(Side, &'static SecurityWords),
    /// The client's words for IMAP and POP3.
    Protocol(&'static str, &'static str),
    Switch(bool),
    /// Words only the person knows, under this key of the texts.
    Yours(&'static str),
    /// A rule of the client's own (its one encryption box, its words for the sign-in methods).
    Rule(Side, fn(Side, &Details, &Texts) -> Value),
    /// The field only where the server signs in at all.
    IfSignsIn(Side, &'static Fill),
    /// The field only where the server signs in with a password, or its sign-in is unknown.
    IfPassword(Side, &'static Fill),
}

impl Fill {
    /// The value, or `None` when the field does not apply to this account.
    fn value(self, a: &Details, t: &Texts) -> Option<Value> {
        let unknown = |key| Value::Yours(t.get(key).into());
        Some(match self {
            Fill::Email => known(a.email.as_ref()).unwrap_or_else(|| unknown("s3")),
            Fill::Name => known(a.display_name.as_ref()).unwrap_or_else(|| unknown("s4")),
            Fill::Password(side) => unknown(match a.server(side).credential {
                Some(Credential::AppPassword) => "s9",
                Some(Credential::SecureMailKey) => "s10",
                _ => "s11",
            }),
            Fill::Host(side) => known(a.server(side).host.as_ref()).unwrap_or_else(|| match side {
                Side::Incoming => unknown("s5"),
                Side::Outgoing => unknown("s6"),
            }),
            Fill::Port(side) => match a.server(side).port {
                Some(port) => Value::Text(port.to_string()),
                None => unknown("s7"),
            },
            Fill::Username(side) => known(a.server(side).username.as_ref()).unwrap_or_else(|| unknown("s8")),
            Fill::Security(side, words) => match a.server(side).security {
                Some(security) => Value::Choose(words.word(security)),
                None => unknown("s12"),
            },
            Fill::Protocol(imap, pop3) => match a.incoming.protocol {
                Some(Protocol::Imap) => Value::Choose(imap),
                Some(Protocol::Pop3) => Value::Choose(pop3),
                Some(Protocol::Smtp) | None => unknown("s13"),
            },
            Fill::Switch(on) => Value::Switch(on),
            Fill::Yours(key) => unknown(key),
            Fill::Rule(side, rule) => rule(side, a, t),
            Fill::IfSignsIn(side, fill) => {
                return fill
                    .value(a, t)
                    .filter(|_| a.server(side).credential != Some(Credential::NoSignIn))
            }
            Fill::IfPassword(side, fill) => {
                return fill
                    .value(a, t)
                    .filter(|_| a.server(side).credential.is_none_or(Credential::is_password))
            }
        })
    }
}

/// A value typed exactly as known.
fn known(text: Option<&String>) -> Option<Value> {
    text.map(|t| Value::Text(t.clone()))
}

/// One step of a guide as its client module writes it: the key of its sentence, and each field's label (its
/// key, too) and filling.
pub(super) type StepSpec = (&'static str, &'static [(&'static str, Fill)]);

/// The steps of `specs`, filled in for `a`.
pub(super) fn steps(a: &Details, specs: &[StepSpec], t: &Texts) -> Vec<Step> {
    specs
        .iter()
        .map(|&(key, fields)| Step {
            text: t.get(key).to_owned(),
            fields: fields
                .iter()
                .filter_map(|&(label, fill)| {
                    fill.value(a, t).map(|value| Entry {
                        label: t.get(label).to_owned(),
                        value,
                    })
                })
                .collect(),
        })
        .collect()
}

pub(super) fn note(level: Level, text: impl Into<String>) -> Note {
    Note {
        level,
        text: text.into(),
    }
}

/// Whether the server's security mode is `security`.
pub(super) fn uses(side: Side, account: &Details, security: Security) -> bool {
    account.server(side).security == Some(security)
}

pub(super) fn uses_oauth(account: &Details) -> bool {
    [&account.incoming, &account.outgoing]
        .iter()
        .any(|s| s.credential == Some(Credential::OAuth2))
}
