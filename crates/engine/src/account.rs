//! An account ready to hand to a mail client: typed servers, from a provider's recommendation or from the
//! user's own [`Settings`].
//!
//! [`Settings`] keeps what people typed as raw text so that checks can explain mistakes; exports, guides
//! and profiles need the opposite: a port that is a number, a security mode that is one of three. An
//! [`Account`] is that typed form, and building one from settings fails with the field that is not usable.

use crate::model::{AuthMethod, Protocol, Provider, Security, Server, Side, UsernameForm};
use crate::read::{self, Entry};
use crate::settings::{Field, ServerField, ServerSettings, Settings};

/// A mail account: the address, where its settings come from, and its two servers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// The address, when known. Without one, exports leave the address for the client to ask.
    pub email: Option<String>,
    /// Whether the servers are taken from the provider's record ([`Account::provider`], which says where its
    /// facts come from), not from the settings the user entered.
    pub from_record: bool,
    /// The provider of the address (or whose recommendation the account is), when known. A copy, so that an
    /// account outlives the database it was made from (a page's state, a discovered record).
    pub provider: Option<Box<Provider>>,
    pub incoming: AccountServer,
    pub outgoing: AccountServer,
}

/// One server of an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountServer {
    pub protocol: Protocol,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: Username,
    pub auth: AuthMethod,
}

/// What goes in the client's user-name field, kept symbolic where possible so that a file made for one
/// address (an autoconfig file, say) works for every address of the domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Username {
    /// The whole email address.
    Address,
    /// The part of the address before the `@`.
    LocalPart,
    /// Another form derived from the address, as an autoconfig template (`%EMAILLOCALPART%.%EMAILDOMAIN%`).
    Template(String),
    /// A user name that is not derived from the address.
    Other(String),
    /// Not filled in: the client has to ask.
    Unset,
}

impl Username {
    /// Classifies a typed user name against the address it belongs to.
    pub fn from_text(text: &str, email: Option<&str>) -> Username {
        let text = text.trim();
        if text.is_empty() {
            return Username::Unset;
        }
        match email {
            Some(email) if text == email => Username::Address,
            Some(email) if local_part(email).is_some_and(|local| local == text) => Username::LocalPart,
            _ => Username::Other(text.to_owned()),
        }
    }

    /// The user name to type; `None` when it depends on an unknown address or is not filled in.
    pub fn resolve(&self, email: Option<&str>) -> Option<String> {
        match self {
            Username::Address => email.map(str::to_owned),
            Username::LocalPart => email.and_then(local_part).map(str::to_owned),
            Username::Template(t) => email.and_then(|e| UsernameForm::Template(t.clone()).resolve(e)),
            Username::Other(name) => Some(name.clone()),
            Username::Unset => None,
        }
    }
}

/// The part of an address before the last `@`, when there is one and it is not empty.
pub fn local_part(email: &str) -> Option<&str> {
    email.rsplit_once('@').map(|(local, _)| local).filter(|l| !l.is_empty())
}

/// The part of an address after the last `@`, when there is one and it is not empty.
pub fn domain_part(email: &str) -> Option<&str> {
    email
        .rsplit_once('@')
        .map(|(_, domain)| domain)
        .filter(|d| !d.is_empty())
}

impl AccountServer {
    /// A server of a provider's record as the mail app sets it up: the record's user-name form and its
    /// preferred sign-in (a credential such as Gmail's OAuth2 first where the server lists it).
    pub(crate) fn from_record(provider: &Provider, s: &Server) -> AccountServer {
        let username = match &s.username {
            UsernameForm::Address => Username::Address,
            UsernameForm::LocalPart => Username::LocalPart,
            UsernameForm::Template(t) => Username::Template(t.clone()),
        };
        let auth = provider.auth_for(s);
        AccountServer {
            protocol: s.protocol,
            host: s.host.clone(),
            port: s.port,
            security: s.security,
            username,
            auth,
        }
    }
}

impl Account {
    /// The provider's recommended incoming and outgoing servers, for `email` when known.
    pub fn recommended(provider: &Provider, email: Option<&str>) -> Account {
        Account::with_servers(
            provider,
            email,
            provider.recommended_incoming(),
            provider.recommended_outgoing(),
        )
    }

    /// The provider's settings with the given two of its servers (another protocol than the recommended one,
    /// say), for `email` when known.
    pub fn with_servers(provider: &Provider, email: Option<&str>, incoming: &Server, outgoing: &Server) -> Account {
        Account {
            email: clean_email(email.unwrap_or("")),
            from_record: true,
            provider: Some(Box::new(provider.clone())),
            incoming: AccountServer::from_record(provider, incoming),
            outgoing: AccountServer::from_record(provider, outgoing),
        }
    }

    /// The user's own settings as an account, with the provider of the address when known; the first field
    /// that cannot be used is the error.
    ///
    /// Forgiving about case and surrounding spaces (`" IMAP "` is IMAP), strict about meaning: the port must
    /// be a number from 1 to 65535 and every choice one of its known values.
    pub fn from_settings(settings: &Settings, provider: Option<&Provider>) -> Result<Account, AccountError> {
        let email = clean_email(&settings.email);
        let server = |side| server_from_settings(settings.server(side), side, email.as_deref());
        Ok(Account {
            incoming: server(Side::Incoming)?,
            outgoing: server(Side::Outgoing)?,
            email,
            from_record: false,
            provider: provider.map(|p| Box::new(p.clone())),
        })
    }

    /// The account as [`Settings`] text, with user names spelled out for the address (empty when unknown).
    pub fn to_settings(&self) -> Settings {
        let email = self.email.as_deref();
        let side = |s: &AccountServer| ServerSettings {
            protocol: s.protocol.id().to_owned(),
            host: s.host.clone(),
            port: s.port.to_string(),
            security: s.security.id().to_owned(),
            username: s.username.resolve(email).unwrap_or_default(),
            auth: s.auth.id().to_owned(),
        };
        Settings {
            email: self.email.clone().unwrap_or_default(),
            incoming: side(&self.incoming),
            outgoing: side(&self.outgoing),
        }
    }

    /// The provider of the account's address (or whose recommendation it is), when known.
    pub fn provider(&self) -> Option<&Provider> {
        self.provider.as_deref()
    }

    /// The provider, when the settings are its recommendation (not the user's own).
    pub fn recommended_by(&self) -> Option<&Provider> {
        self.provider().filter(|_| self.from_record)
    }

    /// The mail domain: the address's, else the provider's first.
    pub fn domain(&self) -> Option<String> {
        let from_email = self.email.as_deref().and_then(domain_part).map(str::to_ascii_lowercase);
        from_email.or_else(|| self.provider().and_then(|p| p.domains.first()).cloned())
    }

    /// The same account signing in with a password, for files that cannot express OAuth2.
    ///
    /// `None` when a server needs OAuth2 and nothing says a password works: the provider's record must list
    /// a password kind (e.g. Gmail accepts app passwords), and the user's own OAuth2 choice is kept.
    pub fn with_password_sign_in(&self) -> Option<Account> {
        let uses_oauth = [self.incoming.auth, self.outgoing.auth].contains(&AuthMethod::OAuth2);
        if !uses_oauth {
            return Some(self.clone());
        }
        let p = self.recommended_by()?;
        p.auth
            .iter()
            .any(|&a| AuthMethod::from_provider(a) == AuthMethod::Password)
            .then(|| {
                let mut account = self.clone();
                for server in [&mut account.incoming, &mut account.outgoing] {
                    if server.auth == AuthMethod::OAuth2 {
                        server.auth = AuthMethod::Password;
                    }
                }
                account
            })
    }
}

fn clean_email(email: &str) -> Option<String> {
    let email = email.trim();
    (!email.is_empty()).then(|| email.to_owned())
}

fn server_from_settings(s: &ServerSettings, side: Side, email: Option<&str>) -> Result<AccountServer, AccountError> {
    let error = |f: ServerField, problem: Problem| AccountError {
        field: Field::on(side, f),
        value: s.get(f).to_owned(),
        problem,
    };
    let protocol = read_protocol(&s.protocol, side).map_err(|p| error(ServerField::Protocol, p))?;
    let host = s.host.trim();
    if host.is_empty() {
        return Err(error(ServerField::Host, Problem::Empty));
    }
    let port = read_port(&s.port).map_err(|p| error(ServerField::Port, p))?;
    let security = read_security(&s.security).map_err(|p| error(ServerField::Security, p))?;
    let auth = match read::auth(&s.auth) {
        Entry::Valid(auth) => auth,
        Entry::Empty => return Err(error(ServerField::Auth, Problem::Empty)),
        Entry::Invalid => return Err(error(ServerField::Auth, Problem::UnknownAuth)),
    };
    Ok(AccountServer {
        protocol,
        host: host.to_owned(),
        port,
        security,
        username: Username::from_text(&s.username, email),
        auth,
    })
}

/// The protocol field as a protocol of the given side (incoming: IMAP or POP3; outgoing: SMTP).
pub(crate) fn read_protocol(text: &str, side: Side) -> Result<Protocol, Problem> {
    match read::protocol(text) {
        Entry::Empty => Err(Problem::Empty),
        Entry::Valid(p) if side.accepts(p) => Ok(p),
        _ => Err(match side {
            Side::Incoming => Problem::NotIncoming,
            Side::Outgoing => Problem::NotSmtp,
        }),
    }
}

/// The port field as a port number (1 to 65535).
pub(crate) fn read_port(text: &str) -> Result<u16, Problem> {
    match read::port(text) {
        Entry::Valid(port) => Ok(port),
        Entry::Empty => Err(Problem::Empty),
        Entry::Invalid => Err(Problem::NotAPort),
    }
}

/// The security field as a security mode.
pub(crate) fn read_security(text: &str) -> Result<Security, Problem> {
    match read::security(text) {
        Entry::Valid(security) => Ok(security),
        Entry::Empty => Err(Problem::Empty),
        Entry::Invalid => Err(Problem::UnknownSecurity),
    }
}

/// A field of [`Settings`] that cannot be turned into an [`Account`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountError {
    pub field: Field,
    /// The text as entered.
    pub value: String,
    pub problem: Problem,
}

/// What is wrong with the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Empty,
    /// The incoming protocol is neither IMAP nor POP3.
    NotIncoming,
    /// The outgoing protocol is not SMTP.
    NotSmtp,
    NotAPort,
    UnknownSecurity,
    UnknownAuth,
}

impl AccountError {
    /// Stable code, e.g. `account.not-a-port`.
    pub const fn code(&self) -> &'static str {
        match self.problem {
            Problem::Empty => "account.empty",
            Problem::NotIncoming => "account.not-incoming",
            Problem::NotSmtp => "account.not-smtp",
            Problem::NotAPort => "account.not-a-port",
            Problem::UnknownSecurity => "account.unknown-security",
            Problem::UnknownAuth => "account.unknown-auth",
        }
    }
}

impl std::error::Error for AccountError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::embedded;

    fn settings() -> Settings {
        let server = |protocol, host, port, security| {
            ServerSettings::from([protocol, host, port, security, "jane@q.com", "password"])
        };
        Settings {
            email: "jane@q.com".into(),
            incoming: server("imap", "mail.centurylink.net", "993", "tls"),
            outgoing: server("smtp", "smtp.centurylink.net", "587", "starttls"),
        }
    }

    #[test]
    fn recommended_takes_the_first_servers_and_the_username_form() {
        let p = embedded().by_id("centurylink").unwrap();
        let a = Account::recommended(p, Some(" jane@q.com "));
        assert_eq!(a.email.as_deref(), Some("jane@q.com"));
        assert_eq!(
            (a.incoming.protocol, a.incoming.host.as_str(), a.incoming.port),
            (Protocol::Pop3, "pop.centurylink.net", 995)
        );
        assert_eq!(
            (a.outgoing.host.as_str(), a.outgoing.security),
            ("smtp.centurylink.net", Security::Starttls)
        );
        assert_eq!(a.incoming.username, Username::Address);
        assert_eq!(a.provider().map(|p| p.id.as_str()), Some("centurylink"));

        let riseup = Account::recommended(embedded().by_id("riseup").unwrap(), None);
        assert_eq!(riseup.incoming.username, Username::LocalPart);
        assert_eq!(riseup.email, None);
    }

    #[test]
    fn recommended_settings_fill_in_the_provider_servers_and_username_form() {
        let centurylink = crate::database::embedded().by_id("centurylink").unwrap();
        let s = Account::recommended(centurylink, Some(" jane@q.com ")).to_settings();
        assert_eq!(s.email, "jane@q.com");
        assert_eq!(
            (s.incoming.host.as_str(), s.incoming.port.as_str()),
            ("pop.centurylink.net", "995")
        );
        assert_eq!(
            (s.outgoing.security.as_str(), s.outgoing.username.as_str()),
            ("starttls", "jane@q.com")
        );
        assert_eq!(s.outgoing.auth, "password");
        let local_part = crate::database::embedded()
            .records()
            .iter()
            .find(|p| p.incoming[0].username == crate::model::UsernameForm::LocalPart);
        if let Some(p) = local_part {
            assert_eq!(
                Account::recommended(p, Some("jane@x.org"))
                    .to_settings()
                    .incoming
                    .username,
                "jane"
            );
        }
        let gmail = crate::database::embedded().by_id("gmail").unwrap();
        assert_eq!(
            Account::recommended(gmail, Some("jane@gmail.com"))
                .to_settings()
                .incoming
                .auth,
            "oauth2"
        );
    }

    #[test]
    fn from_settings_round_trips_through_to_settings() {
        let s = settings();
        let centurylink = embedded().by_id("centurylink");
        let a = Account::from_settings(&s, centurylink).unwrap();
        assert!(!a.from_record);
        assert_eq!(a.incoming.username, Username::Address);
        assert_eq!(a.to_settings(), s);
        assert_eq!(
            a.provider().map(|p| p.id.as_str()),
            Some("centurylink"),
            "the provider of the address"
        );
    }

    #[test]
    fn from_settings_forgives_case_and_spaces() {
        let mut s = settings();
        s.incoming.protocol = " IMAP ".into();
        s.incoming.port = " 993 ".into();
        s.incoming.security = "TLS".into();
        s.outgoing.security = "SSL".into();
        s.outgoing.auth = "Password".into();
        let a = Account::from_settings(&s, None).unwrap();
        assert_eq!(
            (a.incoming.protocol, a.incoming.port, a.incoming.security),
            (Protocol::Imap, 993, Security::Tls)
        );
        // The checks take "SSL" as implicit TLS; the files must not refuse what the checks accepted.
        assert_eq!(a.outgoing.security, Security::Tls);
        assert_eq!(a.outgoing.auth, AuthMethod::Password);
    }

    #[test]
    fn from_settings_names_the_unusable_field() {
        type Break = fn(&mut Settings);
        let cases: [(Break, Field, Problem); 8] = [
            (
                |s| s.incoming.port = "99999".into(),
                Field::Incoming(ServerField::Port),
                Problem::NotAPort,
            ),
            (
                |s| s.incoming.port = "0".into(),
                Field::Incoming(ServerField::Port),
                Problem::NotAPort,
            ),
            (
                |s| s.outgoing.port = String::new(),
                Field::Outgoing(ServerField::Port),
                Problem::Empty,
            ),
            (
                |s| s.incoming.protocol = "smtp".into(),
                Field::Incoming(ServerField::Protocol),
                Problem::NotIncoming,
            ),
            (
                |s| s.outgoing.protocol = "imap".into(),
                Field::Outgoing(ServerField::Protocol),
                Problem::NotSmtp,
            ),
            (
                |s| s.incoming.security = "auto".into(),
                Field::Incoming(ServerField::Security),
                Problem::UnknownSecurity,
            ),
            (
                |s| s.outgoing.auth = "ntlm".into(),
                Field::Outgoing(ServerField::Auth),
                Problem::UnknownAuth,
            ),
            (
                |s| s.outgoing.host = "  ".into(),
                Field::Outgoing(ServerField::Host),
                Problem::Empty,
            ),
        ];
        for (break_it, field, problem) in cases {
            let mut s = settings();
            break_it(&mut s);
            let e = Account::from_settings(&s, None).unwrap_err();
            assert_eq!((e.field, e.problem), (field, problem), "{e}");
            assert!(e.to_string().contains(&field.path()), "{e}");
        }
    }

    #[test]
    fn usernames_are_classified_against_the_address() {
        let email = Some("jane@q.com");
        assert_eq!(Username::from_text(" jane@q.com", email), Username::Address);
        assert_eq!(
            Username::from_text("JANE@q.com", email),
            Username::Other("JANE@q.com".into()),
            "kept as typed"
        );
        assert_eq!(Username::from_text("jane", email), Username::LocalPart);
        assert_eq!(Username::from_text("jane2", email), Username::Other("jane2".into()));
        assert_eq!(Username::from_text(" ", email), Username::Unset);
        assert_eq!(Username::from_text("jane", None), Username::Other("jane".into()));
        assert_eq!(Username::LocalPart.resolve(email).as_deref(), Some("jane"));
        assert_eq!(Username::LocalPart.resolve(Some("@q.com")), None);
        assert_eq!(Username::Address.resolve(None), None);
    }

    #[test]
    fn password_sign_in_replaces_oauth_only_where_the_provider_accepts_a_password() {
        let gmail = Account::recommended(embedded().by_id("gmail").unwrap(), None);
        assert_eq!(gmail.incoming.auth, AuthMethod::OAuth2);
        let with_password = gmail.with_password_sign_in().unwrap();
        assert_eq!(
            (with_password.incoming.auth, with_password.outgoing.auth),
            (AuthMethod::Password, AuthMethod::Password)
        );

        let outlook = Account::recommended(embedded().by_id("outlook").unwrap(), None);
        assert_eq!(outlook.with_password_sign_in(), None);

        let mut own = settings();
        own.incoming.auth = "oauth2".into();
        assert_eq!(
            Account::from_settings(&own, None).unwrap().with_password_sign_in(),
            None
        );
        let plain = Account::from_settings(&settings(), None).unwrap();
        assert_eq!(plain.with_password_sign_in(), Some(plain.clone()));
    }

    #[test]
    fn domain_comes_from_the_address_else_the_provider() {
        let p = embedded().by_id("centurylink").unwrap();
        assert_eq!(
            Account::recommended(p, Some("jane@Q.com")).domain().as_deref(),
            Some("q.com")
        );
        assert_eq!(
            Account::recommended(p, None).domain().as_deref(),
            Some("centurylink.net")
        );
    }
}
