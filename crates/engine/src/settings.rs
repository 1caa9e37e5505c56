//! What the user entered in their mail client, as they entered it.
//!
//! Every field is kept as raw text (the port too), because the point of mailcheck is to explain what is
//! wrong with what people typed: a typed model would reject `"993 "` or `"SSL"` before anyone could say
//! why. [`crate::validate`] interprets the text.

use crate::model::{by_id, Side};
use crate::read::{self, Entry};
use serde::{Deserialize, Deserializer, Serialize};

/// The account settings under check: an address and its two servers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub email: String,
    pub incoming: ServerSettings,
    pub outgoing: ServerSettings,
}

/// One server as a mail client shows it. Empty text means "not filled in".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerSettings {
    /// `imap` or `pop3` for incoming, `smtp` for outgoing.
    pub protocol: String,
    pub host: String,
    /// The port as typed; JSON may give a number or a string.
    #[serde(deserialize_with = "number_or_text")]
    pub port: String,
    /// `tls`, `starttls` or `none`.
    pub security: String,
    pub username: String,
    /// `password`, `oauth2` or `none`.
    pub auth: String,
}

/// Which field of [`Settings`] something is about, named as in the JSON (`incoming.host`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Email,
    Incoming(ServerField),
    Outgoing(ServerField),
}

/// A field of a [`ServerSettings`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ServerField {
    Protocol,
    Host,
    Port,
    Security,
    Username,
    Auth,
}

impl ServerField {
    pub const ALL: [ServerField; 6] = [
        ServerField::Protocol,
        ServerField::Host,
        ServerField::Port,
        ServerField::Security,
        ServerField::Username,
        ServerField::Auth,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            ServerField::Protocol => "protocol",
            ServerField::Host => "host",
            ServerField::Port => "port",
            ServerField::Security => "security",
            ServerField::Username => "username",
            ServerField::Auth => "auth",
        }
    }
}

impl Field {
    /// The field of one server.
    pub const fn on(side: Side, field: ServerField) -> Field {
        match side {
            Side::Incoming => Field::Incoming(field),
            Side::Outgoing => Field::Outgoing(field),
        }
    }

    /// The server the field belongs to; `None` for the address.
    pub const fn side(self) -> Option<Side> {
        match self {
            Field::Email => None,
            Field::Incoming(_) => Some(Side::Incoming),
            Field::Outgoing(_) => Some(Side::Outgoing),
        }
    }

    /// The dotted path used in JSON and by the UI to place a finding next to its field.
    pub fn path(self) -> String {
        match self {
            Field::Email => "email".into(),
            Field::Incoming(f) => format!("{}.{}", Side::Incoming.id(), f.name()),
            Field::Outgoing(f) => format!("{}.{}", Side::Outgoing.id(), f.name()),
        }
    }

    /// The field named by a dotted path; `None` for anything else.
    pub fn parse(path: &str) -> Option<Field> {
        if path == "email" {
            return Some(Field::Email);
        }
        let (side, name) = path.split_once('.')?;
        let field = by_id(&ServerField::ALL, ServerField::name, name)?;
        Some(Field::on(Side::from_id(side)?, field))
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.path())
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let path = String::deserialize(d)?;
        Field::parse(&path).ok_or_else(|| serde::de::Error::custom(format!("unknown field {path:?}")))
    }
}

/// Server settings from their six texts in field order: protocol, host, port, security, username, auth.
/// `ServerSettings::from(["imap", "imap.example.org", "993", "tls", "jane", "password"])`.
impl<S: Into<String>> From<[S; 6]> for ServerSettings {
    fn from([protocol, host, port, security, username, auth]: [S; 6]) -> ServerSettings {
        ServerSettings {
            protocol: protocol.into(),
            host: host.into(),
            port: port.into(),
            security: security.into(),
            username: username.into(),
            auth: auth.into(),
        }
    }
}

impl ServerSettings {
    /// Whether a form asks for `field` of this server on `side`: not the account type of a side that has
    /// only one, unless it holds another value (from a file or a link), which the check then explains.
    pub fn asks(&self, side: Side, field: ServerField) -> bool {
        let Some(sole) = side.sole_protocol().filter(|_| field == ServerField::Protocol) else {
            return true;
        };
        match read::protocol(&self.protocol) {
            Entry::Empty => false,
            Entry::Valid(protocol) => protocol != sole,
            Entry::Invalid => true,
        }
    }

    pub fn get(&self, field: ServerField) -> &str {
        match field {
            ServerField::Protocol => &self.protocol,
            ServerField::Host => &self.host,
            ServerField::Port => &self.port,
            ServerField::Security => &self.security,
            ServerField::Username => &self.username,
            ServerField::Auth => &self.auth,
        }
    }

    pub fn get_mut(&mut self, field: ServerField) -> &mut String {
        match field {
            ServerField::Protocol => &mut self.protocol,
            ServerField::Host => &mut self.host,
            ServerField::Port => &mut self.port,
            ServerField::Security => &mut self.security,
            ServerField::Username => &mut self.username,
            ServerField::Auth => &mut self.auth,
        }
    }
}

impl Settings {
    /// The settings of one server.
    pub fn server(&self, side: Side) -> &ServerSettings {
        match side {
            Side::Incoming => &self.incoming,
            Side::Outgoing => &self.outgoing,
        }
    }

    /// The text of one field.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Email => &self.email,
            Field::Incoming(f) => self.incoming.get(f),
            Field::Outgoing(f) => self.outgoing.get(f),
        }
    }

    /// Fills in the account type of a side that has only one ([`Side::sole_protocol`]: outgoing is SMTP)
    /// once any server field is filled in, so that a choice with one answer never holds up a test. A type
    /// that was given is kept, for the check to explain.
    pub fn fill_sole_protocols(&mut self) {
        let blank = ServerSettings::default();
        if self.incoming == blank && self.outgoing == blank {
            return;
        }
        for side in Side::ALL {
            let server = match side {
                Side::Incoming => &mut self.incoming,
                Side::Outgoing => &mut self.outgoing,
            };
            if let Some(protocol) = side.sole_protocol().filter(|_| server.protocol.trim().is_empty()) {
                server.protocol = protocol.id().to_owned();
            }
        }
    }

    /// Sets one field, as "Apply fix" does.
    pub fn set(&mut self, field: Field, value: impl Into<String>) {
        let slot = match field {
            Field::Email => &mut self.email,
            Field::Incoming(f) => self.incoming.get_mut(f),
            Field::Outgoing(f) => self.outgoing.get_mut(f),
        };
        *slot = value.into();
    }
}

fn number_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    NumberOrText::deserialize(d).map(|v| match v {
        NumberOrText::Unsigned(n) => n.to_string(),
        NumberOrText::Signed(n) => n.to_string(),
        NumberOrText::Float(n) => n.to_string(),
        NumberOrText::Text(s) => s,
        NumberOrText::Null(()) => String::new(),
    })
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrText {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    Null(()),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_side_with_one_account_type_is_filled_in_and_not_asked() {
        let mut s = Settings::default();
        s.fill_sole_protocols();
        assert_eq!(s, Settings::default(), "nothing typed into the servers yet");
        s.incoming.host = "pop.q.com".into();
        s.fill_sole_protocols();
        assert_eq!(
            (s.incoming.protocol.as_str(), s.outgoing.protocol.as_str()),
            ("", "smtp")
        );
        s.outgoing.protocol = "imap".into();
        s.fill_sole_protocols();
        assert_eq!(
            s.outgoing.protocol, "imap",
            "what was given is kept, for the check to explain"
        );

        let (incoming, mut outgoing) = (ServerSettings::default(), ServerSettings::default());
        assert!(incoming.asks(Side::Incoming, ServerField::Protocol));
        assert!(!outgoing.asks(Side::Outgoing, ServerField::Protocol));
        assert!(outgoing.asks(Side::Outgoing, ServerField::Host));
        for (given, asked) in [("smtp", false), ("SMTP", false), ("imap", true), ("smpt", true)] {
            outgoing.protocol = given.into();
            assert_eq!(outgoing.asks(Side::Outgoing, ServerField::Protocol), asked, "{given}");
        }
    }

    #[test]
    fn field_paths_round_trip() {
        let mut all = vec![Field::Email];
        for f in ServerField::ALL {
            all.push(Field::Incoming(f));
            all.push(Field::Outgoing(f));
        }
        for field in all {
            assert_eq!(Field::parse(&field.path()), Some(field));
        }
        for bad in [
            "",
            "incoming",
            "incoming.",
            "sideways.host",
            "incoming.password",
            "email.x",
        ] {
            assert_eq!(Field::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn set_then_get_touches_only_that_field() {
        let mut s = Settings::default();
        s.set(Field::Outgoing(ServerField::Port), "587");
        assert_eq!(s.get(Field::Outgoing(ServerField::Port)), "587");
        assert_eq!(s.get(Field::Incoming(ServerField::Port)), "");
        assert_eq!(s.outgoing.port, "587");
    }
}
