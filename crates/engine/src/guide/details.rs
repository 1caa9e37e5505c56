//! The account details a guide fills in, from a provider's recommendation or from the user's own settings.
//!
//! Not an [`crate::account::Account`], which exports build and which refuses settings it cannot use. Nothing
//! here fails: a guide is most useful exactly when some settings are wrong or missing, so a field
//! that cannot be read (by the engine's one vocabulary, `crate::read`) becomes `None` and the guide says in
//! words what to ask the provider for.

use crate::account::{domain_part, read_protocol, Problem};
use crate::advice::mentions;
use crate::catalog::provenance;
use crate::model::AuthMethod;
use crate::model::{Auth, Protocol, Provider, Security, Server, Side};
use crate::read;
use crate::requirement::Requirement;
use crate::settings::{ServerSettings, Settings};

/// An account's details as a guide fills them in. `None` anywhere means "unknown": the guide shows a
/// placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Details {
    pub email: Option<String>,
    /// The name others see on sent mail.
    pub display_name: Option<String>,
    pub incoming: ServerDetails,
    pub outgoing: ServerDetails,
    /// The provider's own advice, when the account comes from its record (shown as notes).
    pub provider_notes: Vec<String>,
    /// What the provider requires before an app can sign in, when the account comes from its record, and
    /// the provider's name that words them (the guide's first steps).
    pub requirements: Option<(String, Vec<Requirement>)>,
}

/// One server of [`Details`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerDetails {
    /// IMAP or POP3 for incoming, SMTP for outgoing.
    pub protocol: Option<Protocol>,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub security: Option<Security>,
    pub username: Option<String>,
    pub credential: Option<Credential>,
}

/// What the client signs in with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Credential {
    /// The account's normal password.
    Password,
    /// A separate password made in the account's security settings.
    AppPassword,
    /// AT&T's name for an app password.
    SecureMailKey,
    /// The account's password, proven by a challenge and response (Thunderbird's "Encrypted password").
    EncryptedPassword,
    /// Sign-in through the provider's own web page.
    OAuth2,
    /// No sign-in at all.
    NoSignIn,
}

impl Credential {
    /// Whether the client's password box takes it (every kind but OAuth2 and no sign-in).
    pub fn is_password(self) -> bool {
        matches!(
            self,
            Credential::Password | Credential::AppPassword | Credential::SecureMailKey | Credential::EncryptedPassword
        )
    }
}

impl From<Auth> for Credential {
    fn from(auth: Auth) -> Credential {
        match auth {
            Auth::Password => Credential::Password,
            Auth::AppPassword => Credential::AppPassword,
            Auth::SecureMailKey => Credential::SecureMailKey,
            Auth::OAuth2 => Credential::OAuth2,
        }
    }
}

impl Details {
    /// The provider's recommended servers, with the user name worked out from `email`.
    pub fn recommended(provider: &Provider, email: &str) -> Details {
        Details::from_record(provider, email, provider.recommended_incoming())
    }

    /// The provider's settings with `incoming` (one of its servers, e.g. [`Provider::incoming_for`] the
    /// protocol the IMAP-or-POP3 advice recommends) and its recommended outgoing server.
    ///
    /// A server's sign-in is the record's credential (an app password, OAuth2) unless the server prefers an
    /// encrypted password or none; the [`crate::account::Account`] the files are made from takes the
    /// credential wherever the server lists it.
    pub fn from_record(provider: &Provider, email: &str, incoming: &Server) -> Details {
        let email = non_empty(email);
        let credential = provider.credentials().next().map(Credential::from);
        let server = |s: &Server| ServerDetails {
            protocol: Some(s.protocol),
            host: Some(s.host.clone()),
            port: Some(s.port),
            security: Some(s.security),
            username: email.as_deref().and_then(|e| s.username.resolve(e)),
            credential: match s.preferred_auth() {
                AuthMethod::EncryptedPassword => Some(Credential::EncryptedPassword),
                AuthMethod::None => Some(Credential::NoSignIn),
                _ => credential,
            },
        };
        let (incoming, outgoing) = (server(incoming), server(provider.recommended_outgoing()));
        let provider_notes = provider_notes(provider, incoming.protocol);
        Details {
            email,
            display_name: None,
            incoming,
            outgoing,
            provider_notes,
            requirements: (!provider.requirements.is_empty()).then(|| {
                let in_order = provider.requirements_in_order().into_iter().cloned().collect();
                (provider.name.clone(), in_order)
            }),
        }
    }

    /// The user's own settings; whatever cannot be read becomes unknown.
    ///
    /// Forgiving as `crate::read` is (`"SSL"` is implicit TLS, `"POP"` is POP3), never about meaning: port 0
    /// or `"99999"` is not a port, a host with spaces in it is not a host.
    pub fn from_settings(settings: &Settings) -> Details {
        let server = |side| ServerDetails::from_settings(settings.server(side), side);
        Details {
            email: non_empty(&settings.email),
            display_name: None,
            incoming: server(Side::Incoming),
            outgoing: server(Side::Outgoing),
            provider_notes: Vec::new(),
            requirements: None,
        }
    }

    /// The same account with the name others should see on sent mail.
    pub fn with_display_name(mut self, name: &str) -> Details {
        self.display_name = non_empty(name);
        self
    }

    /// Whether any value a guide needs is unknown.
    pub fn has_gaps(&self) -> bool {
        self.email.is_none() || [&self.incoming, &self.outgoing].iter().any(|s| s.has_gaps())
    }

    /// The details of one server.
    pub fn server(&self, side: Side) -> &ServerDetails {
        match side {
            Side::Incoming => &self.incoming,
            Side::Outgoing => &self.outgoing,
        }
    }

    /// The domain of the address, lower case.
    pub fn domain(&self) -> Option<String> {
        self.email.as_deref().and_then(domain_part).map(str::to_ascii_lowercase)
    }
}

impl ServerDetails {
    fn from_settings(s: &ServerSettings, side: Side) -> ServerDetails {
        let protocol = match read_protocol(&s.protocol, side) {
            Ok(p) => Some(p),
            // Outgoing mail is always SMTP: an empty field still means SMTP.
            Err(Problem::Empty) if side == Side::Outgoing => Some(Protocol::Smtp),
            Err(_) => None,
        };
        let credential = read::auth(&s.auth).valid().map(|auth| match auth {
            AuthMethod::Password => Credential::Password,
            AuthMethod::EncryptedPassword => Credential::EncryptedPassword,
            AuthMethod::OAuth2 => Credential::OAuth2,
            AuthMethod::None => Credential::NoSignIn,
        });
        ServerDetails {
            protocol,
            host: host(&s.host),
            port: read::port(&s.port).valid(),
            security: read::security(&s.security).valid(),
            username: non_empty(&s.username),
            credential,
        }
    }

    fn has_gaps(&self) -> bool {
        self.protocol.is_none()
            || self.host.is_none()
            || self.port.is_none()
            || self.security.is_none()
            || self.credential.is_none()
            || (self.username.is_none() && self.credential != Some(Credential::NoSignIn))
    }
}

/// What a guide filled in from a record says about it: where its settings come from (and, for any tier but
/// our checked one, how far to trust them), then the record's own notes, but not those about the other
/// protocol only ("With POP, accept the option to leave a copy" in an IMAP guide). What to do before signing
/// in is a step, not a note ([`Details::requirements`]).
fn provider_notes(p: &Provider, protocol: Option<Protocol>) -> Vec<String> {
    let mut notes = vec![provenance::sentence(p)];
    notes.extend(provenance::caution(p).map(str::to_owned));
    let (this, other) = match protocol {
        Some(Protocol::Imap) => ("IMAP", "POP"),
        _ => ("POP", "IMAP"),
    };
    notes.extend(
        p.notes
            .iter()
            .filter(|n| !mentions(n, other) || mentions(n, this))
            .cloned(),
    );
    notes
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A host name as typed, when it could be one: no spaces or control characters inside, at most 253 bytes.
fn host(text: &str) -> Option<String> {
    non_empty(text).filter(|h| h.len() <= 253 && !h.chars().any(|c| c.is_whitespace() || c.is_control()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::embedded;

    #[test]
    fn a_guide_from_a_record_says_where_it_comes_from_and_carries_its_requirements() {
        let gmx = embedded().lookup("gmx.de").provider.unwrap();
        let details = Details::recommended(gmx, "jane@gmx.de");
        let notes = details.provider_notes;
        assert!(notes[0].starts_with("From the Thunderbird ISPDB"), "{notes:?}");
        assert_eq!(notes[1], provenance::ISPDB_STALE);
        let (name, requirements) = details.requirements.expect("GMX's requirements");
        let in_order: Vec<_> = gmx.requirements_in_order().into_iter().cloned().collect();
        assert_eq!((name.as_str(), requirements), (gmx.name.as_str(), in_order));
        // Only with two-factor authentication does GMX want an app password: the account's password stays.
        assert_eq!(details.incoming.credential, Some(Credential::Password));
        let centurylink = embedded().by_id("centurylink").unwrap();
        assert_eq!(Details::recommended(centurylink, "jane@q.com").requirements, None);
        let notes = Details::recommended(centurylink, "jane@q.com").provider_notes;
        assert!(
            notes[0].starts_with("Checked by mailcheck against CenturyLink's own page"),
            "{notes:?}"
        );
        assert!(!notes.iter().any(|n| n == provenance::ISPDB_STALE));
    }

    #[test]
    fn recommended_fills_in_servers_user_name_and_credential() {
        let a = Details::recommended(embedded().by_id("centurylink").unwrap(), " jane@q.com ");
        assert_eq!(a.email.as_deref(), Some("jane@q.com"));
        assert_eq!(a.incoming.host.as_deref(), Some("pop.centurylink.net"));
        assert_eq!((a.incoming.port, a.incoming.security), (Some(995), Some(Security::Tls)));
        assert_eq!(
            (a.outgoing.port, a.outgoing.security),
            (Some(587), Some(Security::Starttls))
        );
        assert_eq!(a.outgoing.username.as_deref(), Some("jane@q.com"));
        assert_eq!(a.incoming.credential, Some(Credential::Password));
        assert!(!a.has_gaps());
        assert!(!a.provider_notes.is_empty());

        let gmail = Details::recommended(embedded().by_id("gmail").unwrap(), "jane@gmail.com");
        assert_eq!(gmail.incoming.credential, Some(Credential::OAuth2));
        // Apple's page, on the ISPDB's record: an app password in every mail app but Apple's own.
        let icloud = Details::recommended(embedded().lookup("icloud.com").provider.unwrap(), "jane@icloud.com");
        assert_eq!(icloud.incoming.credential, Some(Credential::AppPassword));
    }

    #[test]
    fn another_incoming_server_of_the_provider() {
        let p = embedded().by_id("centurylink").unwrap();
        let a = Details::from_record(p, "jane@q.com", p.incoming_for(Protocol::Imap));
        assert_eq!(a.incoming.protocol, Some(Protocol::Imap));
        assert_eq!(a.incoming.host.as_deref(), Some("mail.centurylink.net"));
        assert_eq!((a.incoming.port, a.incoming.security), (Some(993), Some(Security::Tls)));
        assert_eq!(a.outgoing, Details::recommended(p, "jane@q.com").outgoing);
        // CenturyLink's note about POP is left out of the IMAP account, and kept in the POP3 one.
        let pop = |n: &String| n.contains("With POP");
        assert!(!a.provider_notes.iter().any(pop), "{:?}", a.provider_notes);
        assert!(Details::recommended(p, "jane@q.com").provider_notes.iter().any(pop));
        assert!(
            a.provider_notes.iter().any(|n| n.contains("password")),
            "other notes stay"
        );
    }

    #[test]
    fn recommended_without_a_usable_address_leaves_the_user_name_unknown() {
        let p = embedded().by_id("centurylink").unwrap();
        for email in ["", "  ", "@q.com", "q.com"] {
            let a = Details::recommended(p, email);
            assert_eq!(a.incoming.username, None, "{email:?}");
            assert!(a.has_gaps(), "{email:?}");
        }
        let local = embedded()
            .records()
            .iter()
            .find(|p| p.incoming[0].username == crate::UsernameForm::LocalPart);
        if let Some(p) = local {
            assert_eq!(
                Details::recommended(p, "jane@x.org").incoming.username.as_deref(),
                Some("jane")
            );
        }
    }

    #[test]
    fn settings_are_read_forgivingly() {
        let s = Settings {
            email: " jane@q.com ".into(),
            incoming: ServerSettings {
                protocol: " POP ".into(),
                host: " pop.qwestoffice.net ".into(),
                port: " 110".into(),
                security: "None".into(),
                username: "jane@q.com".into(),
                auth: "Password".into(),
            },
            outgoing: ServerSettings {
                security: "SSL".into(),
                ..Default::default()
            },
        };
        let a = Details::from_settings(&s);
        assert_eq!(a.incoming.protocol, Some(Protocol::Pop3));
        assert_eq!(a.incoming.host.as_deref(), Some("pop.qwestoffice.net"));
        assert_eq!(
            (a.incoming.port, a.incoming.security),
            (Some(110), Some(Security::None))
        );
        assert_eq!(a.incoming.credential, Some(Credential::Password));
        assert_eq!(
            a.outgoing.protocol,
            Some(Protocol::Smtp),
            "outgoing is SMTP even when left empty"
        );
        assert_eq!(a.outgoing.security, Some(Security::Tls));
        assert_eq!(a.domain().as_deref(), Some("q.com"));
    }

    #[test]
    fn unreadable_fields_become_unknown() {
        let s = Settings {
            email: String::new(),
            incoming: ServerSettings {
                protocol: "smtp".into(),
                host: "mail. q.com".into(),
                port: "0".into(),
                security: "maybe".into(),
                username: "  ".into(),
                auth: "ntlm".into(),
            },
            outgoing: ServerSettings {
                protocol: "imap".into(),
                port: "99999".into(),
                ..Default::default()
            },
        };
        let a = Details::from_settings(&s);
        assert_eq!(a.incoming, ServerDetails::default());
        assert_eq!((a.outgoing.protocol, a.outgoing.port), (None, None));
        assert!(a.has_gaps());
    }
}
