//! The vocabulary of mail settings: protocols, security modes, servers and provider records.
//!
//! One provider type for every tier of knowledge: a record we checked against the provider's own page, one
//! imported from the Thunderbird ISPDB and one that discovery builds at run time are all a [`Provider`], told
//! apart by its [`Origin`], so checks, guides, exports and share links never care where a record came from.
//! Records own their text: they are read from the provider data file at run time (see [`crate::database`]).

use crate::requirement::{Kind, Requirement};
use core::fmt;
use serde::{Serialize, Serializer};

/// A mail protocol a client speaks to a server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
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

/// Which of an account's two servers: the one mail is fetched from, or the one it is sent through. The one
/// word for it everywhere (checks, the decoder, guides, files, the probe, the app).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The server mail is received from (IMAP or POP3).
    Incoming,
    /// The server mail is sent through (SMTP).
    Outgoing,
}

impl Side {
    /// Both, incoming first as every form lists them.
    pub const ALL: [Side; 2] = [Side::Incoming, Side::Outgoing];

    /// The lower-case id, as JSON paths (`incoming.host`), element ids and URLs spell it.
    pub const fn id(self) -> &'static str {
        match self {
            Side::Incoming => "incoming",
            Side::Outgoing => "outgoing",
        }
    }

    /// The side whose id is exactly `id`.
    pub fn from_id(id: &str) -> Option<Side> {
        by_id(&Side::ALL, Side::id, id)
    }

    /// The side a protocol belongs on: SMTP sends, IMAP and POP3 receive.
    pub const fn of(protocol: Protocol) -> Side {
        match protocol {
            Protocol::Smtp => Side::Outgoing,
            Protocol::Imap | Protocol::Pop3 => Side::Incoming,
        }
    }

    /// The one protocol of a side that has only one: outgoing mail is always sent with SMTP.
    pub const fn sole_protocol(self) -> Option<Protocol> {
        match self {
            Side::Incoming => None,
            Side::Outgoing => Some(Protocol::Smtp),
        }
    }

    /// Whether a protocol belongs on this side.
    pub fn accepts(self, protocol: Protocol) -> bool {
        Side::of(protocol) == self
    }

    /// The provider's documented servers for this side, recommended first.
    pub fn servers(self, provider: &Provider) -> &[Server] {
        match self {
            Side::Incoming => &provider.incoming,
            Side::Outgoing => &provider.outgoing,
        }
    }
}

/// The one of `all` whose id (as `id` spells it) is exactly `wanted`: the way back from every stable id of
/// a closed set of values (clients, formats, cause codes, fields), written once.
pub fn by_id<T: Copy>(all: &[T], id: fn(T) -> &'static str, wanted: &str) -> Option<T> {
    all.iter().copied().find(|&x| id(x) == wanted)
}

/// How a connection is encrypted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
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

/// What goes in a client's user-name field for one server.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum UsernameForm {
    /// The whole email address, e.g. `jane@q.com`.
    Address,
    /// Only the part before the `@`, e.g. `jane`.
    LocalPart,
    /// Any other form, written with the autoconfig placeholders `%EMAILADDRESS%`, `%EMAILLOCALPART%` and
    /// `%EMAILDOMAIN%` (e.g. `%EMAILLOCALPART%.%EMAILDOMAIN%`), or a fixed name without any.
    Template(String),
}

/// The placeholders a [`UsernameForm::Template`] may hold, as the autoconfig format spells them.
pub const PLACEHOLDERS: [&str; 3] = ["%EMAILADDRESS%", "%EMAILLOCALPART%", "%EMAILDOMAIN%"];

/// As its template, the way autoconfig files and the data file write it.
impl Serialize for UsernameForm {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.template())
    }
}

impl UsernameForm {
    /// The user name for `email`; `None` when the address has no local part or domain to fill in.
    pub fn resolve(&self, email: &str) -> Option<String> {
        let (local, domain) = email.rsplit_once('@').filter(|(l, d)| !l.is_empty() && !d.is_empty())?;
        Some(match self {
            UsernameForm::Address => email.to_owned(),
            UsernameForm::LocalPart => local.to_owned(),
            UsernameForm::Template(t) => t
                .replace(PLACEHOLDERS[0], email)
                .replace(PLACEHOLDERS[1], local)
                .replace(PLACEHOLDERS[2], domain),
        })
    }

    /// The form as an autoconfig template: what Thunderbird's file format writes in `<username>`.
    pub fn template(&self) -> &str {
        match self {
            UsernameForm::Address => PLACEHOLDERS[0],
            UsernameForm::LocalPart => PLACEHOLDERS[1],
            UsernameForm::Template(t) => t,
        }
    }

    /// The form a template stands for: the two usual ones by name, anything else as written. `None` for a
    /// template with a `%` that is not one of [`PLACEHOLDERS`] (an unterminated `%EMAILADDRESS`, say).
    pub fn from_template(template: &str) -> Option<UsernameForm> {
        let template = template.trim();
        let mut rest = template.to_owned();
        for p in PLACEHOLDERS {
            rest = rest.replace(p, "");
        }
        if rest.contains('%') || template.is_empty() {
            return None;
        }
        Some(match template {
            "%EMAILADDRESS%" => UsernameForm::Address,
            "%EMAILLOCALPART%" => UsernameForm::LocalPart,
            other => UsernameForm::Template(other.to_owned()),
        })
    }
}

/// What the provider accepts as a credential in the mail app's password field (or instead of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Auth {
    /// The account's normal password.
    Password,
    /// Sign-in through the provider's web page (the client must support OAuth2).
    #[serde(rename = "oauth2")]
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

/// How a mail app signs in to one server: the mail app's "authentication method" setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMethod {
    /// A password sent inside the (encrypted) connection: the account's own, or an app password.
    Password,
    /// A password proven by a challenge and response (CRAM-MD5 and the like), never sent as it is:
    /// Thunderbird's "Encrypted password", the ISPDB's `password-encrypted`.
    EncryptedPassword,
    /// Sign-in through the provider's web page.
    #[serde(rename = "oauth2")]
    OAuth2,
    /// No sign-in (only some outgoing servers inside a provider's own network).
    None,
}

impl AuthMethod {
    /// The id used in [`crate::Settings`] and data files.
    pub const fn id(self) -> &'static str {
        match self {
            AuthMethod::Password => "password",
            AuthMethod::EncryptedPassword => "encrypted-password",
            AuthMethod::OAuth2 => "oauth2",
            AuthMethod::None => "none",
        }
    }

    /// How a client signs in with the provider's credential: app passwords and secure mail keys go in the
    /// password field like a normal password.
    pub fn from_provider(auth: Auth) -> AuthMethod {
        match auth {
            Auth::OAuth2 => AuthMethod::OAuth2,
            Auth::Password | Auth::AppPassword | Auth::SecureMailKey => AuthMethod::Password,
        }
    }

    /// Whether the mail app asks for a password with this method.
    pub fn takes_password(self) -> bool {
        matches!(self, AuthMethod::Password | AuthMethod::EncryptedPassword)
    }
}

/// Whether a provider supports IMAP or only publishes its settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImapSupport {
    Supported,
    /// Settings are published "for self-help only": it works, but the provider's support will not help.
    SelfHelp,
}

/// One documented server of a provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Server {
    pub protocol: Protocol,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: UsernameForm,
    /// Sign-in methods the server takes, the preferred one first.
    pub auth: Vec<AuthMethod>,
    /// POP3 only: whether the record says to keep a copy of messages on the server.
    pub leave_on_server: Option<bool>,
}

impl Server {
    /// The sign-in method to set up: the first the record lists.
    pub fn preferred_auth(&self) -> AuthMethod {
        self.auth.first().copied().unwrap_or(AuthMethod::Password)
    }
}

/// A host name in circulation that is wrong for a provider, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WrongHost {
    pub host: String,
    pub why: String,
}

/// A page of the provider's own documentation that a record links to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Doc {
    pub url: String,
    /// What the page is about, in English where the record has it; empty when it says nothing.
    pub title: String,
}

/// Where a record's facts come from: the tier the app shows with them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "tier", rename_all = "lowercase")]
pub enum Origin {
    /// Compared by us with the provider's own page. Best: wins over every other tier.
    Checked {
        /// The official page the record was checked against.
        source: String,
        /// The day the record was last compared with `source`, `YYYY-MM-DD`.
        checked: String,
    },
    /// Imported from the Thunderbird ISPDB (github.com/thunderbird/autoconfig, MPL-2.0) by
    /// `cargo xtask data import-ispdb`.
    Ispdb {
        /// The file in the ISPDB's `ispdb/` folder, e.g. `yahoo.com.xml`.
        file: String,
        /// The day of the file's last change in the ISPDB's history, `YYYY-MM-DD`.
        changed: String,
        /// The ISPDB commit imported.
        commit: String,
    },
    /// Imported from Delta Chat's provider database (github.com/chatmail/provider-db, MPL-2.0) by
    /// `cargo xtask data import-provider-db`: a chat app's community list, archived in 2026, so below the
    /// ISPDB; its records hold only domains neither our checked records nor the ISPDB know.
    #[serde(rename = "provider-db")]
    ProviderDb {
        /// The file in its `_providers/` folder, e.g. `web.de.md`.
        file: String,
        /// The month its entry says it was last checked, `YYYY-MM`.
        last_checked: String,
        /// The commit imported.
        commit: String,
        /// The day of that commit, `YYYY-MM-DD`: the database's last change (it is archived).
        committed: String,
    },
    /// Found at run time for one domain that the database does not know (`mailcheck discover`, the app's
    /// discovery): the least trusted tier, never checked by us.
    Discovered {
        /// The mail domain the settings were found for.
        domain: String,
        /// The day they were found, `YYYY-MM-DD`.
        found: String,
        /// The sources that agree on the recommended servers, the most trusted first (never empty).
        sources: Vec<Source>,
    },
}

impl Origin {
    /// The tier's stable id: `checked`, `ispdb`, `provider-db` or `discovered`.
    pub const fn tier(&self) -> &'static str {
        match self {
            Origin::Checked { .. } => "checked",
            Origin::Ispdb { .. } => "ispdb",
            Origin::ProviderDb { .. } => "provider-db",
            Origin::Discovered { .. } => "discovered",
        }
    }
}

/// Where discovery found a domain's settings, in the order of trust: an earlier source wins over a later
/// one where they disagree ([`Source::rank`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "source", content = "provider", rename_all = "kebab-case")]
pub enum Source {
    /// mailcheck's own checked record of the domain (discovery run although the database knows it).
    Checked,
    /// The domain's own autoconfig file, fetched over https.
    Autoconfig,
    /// The Thunderbird ISPDB: the copy in our database, or the online one.
    Ispdb,
    /// The domain's MX records point at the mail hosts of a provider mailcheck or the ISPDB knows: its name.
    Mx(String),
    /// The domain's DNS SRV records (RFC 6186, RFC 8314).
    Srv,
    /// The domain's own autoconfig file over plain http, which anyone on the way could have changed.
    AutoconfigHttp,
    /// A host and port guessed from the domain, which answered as a mail server with a valid certificate.
    Guess,
}

impl Source {
    /// The source's place in the order of trust, 0 the most trusted.
    pub fn rank(&self) -> u8 {
        match self {
            Source::Checked => 0,
            Source::Autoconfig => 1,
            Source::Ispdb => 2,
            Source::Mx(_) => 3,
            Source::Srv => 4,
            Source::AutoconfigHttp => 5,
            Source::Guess => 6,
        }
    }

    /// The source as the data file writes it: its id, and `mx:<name>` for an MX source.
    pub fn id(&self) -> String {
        match self {
            Source::Checked => "checked".into(),
            Source::Autoconfig => "autoconfig".into(),
            Source::Ispdb => "ispdb".into(),
            Source::Mx(name) => format!("mx:{name}"),
            Source::Srv => "srv".into(),
            Source::AutoconfigHttp => "autoconfig-http".into(),
            Source::Guess => "guess".into(),
        }
    }

    /// The source written by [`Source::id`].
    pub fn from_id(id: &str) -> Option<Source> {
        Some(match id {
            "checked" => Source::Checked,
            "autoconfig" => Source::Autoconfig,
            "ispdb" => Source::Ispdb,
            "srv" => Source::Srv,
            "autoconfig-http" => Source::AutoconfigHttp,
            "guess" => Source::Guess,
            _ => Source::Mx(id.strip_prefix("mx:").filter(|n| !n.is_empty())?.to_owned()),
        })
    }
}

/// A provider's own page that names some of its MX hosts: the word a checked MX-domain mapping rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MxSource {
    /// The domains of the MX hosts the page names (`google.com` for `aspmx.l.google.com`).
    pub domains: Vec<String>,
    /// `https://` URL of the page.
    pub source: String,
    /// `YYYY-MM-DD`, the day it was read.
    pub checked: String,
}

/// Everything mailcheck knows about one provider's settings, with where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Provider {
    /// Stable id, e.g. `centurylink`, or `ispdb-yahoo.com` for an imported record.
    pub id: String,
    /// Display name, e.g. `CenturyLink (Qwest Office)`.
    pub name: String,
    pub origin: Origin,
    /// The mail domains on these settings: the part after the `@` of its users' addresses.
    pub domains: Vec<String>,
    /// Domains of the provider's mail exchangers (MX hosts), which identify the provider of a domain hosted
    /// there (`google.com` for `aspmx.l.google.com`). Never matched against an address.
    pub mx_domains: Vec<String>,
    /// The provider's own pages that name its MX hosts, each with the MX-host domains it is the source for
    /// (a checked mapping; those without a page are the record's own, e.g. the ISPDB file's).
    pub mx_sources: Vec<MxSource>,
    /// Accepted credentials, the one to recommend first.
    pub auth: Vec<Auth>,
    pub imap: ImapSupport,
    pub mailbox_mb: Option<u32>,
    pub send_limit_mb: Option<u32>,
    /// Where the mail lives now, when the provider moved it (e.g. `Yahoo`).
    pub hosted_by: Option<String>,
    pub notes: Vec<String>,
    /// The provider's own pages the record links to (ISPDB records; a checked record's page is its origin).
    pub docs: Vec<Doc>,
    /// What the person must do before a mail app can sign in, each with its own source (which may differ
    /// from the record's: servers from the ISPDB, an app password from the provider's page).
    pub requirements: Vec<Requirement>,
    /// Incoming servers, the one to set up first at the front. Empty only in a record whose requirements
    /// say mail apps cannot reach the provider's servers ([`Provider::offers_mail_apps`]); the database
    /// never returns such a record where servers are expected.
    pub incoming: Vec<Server>,
    /// Outgoing servers, the one to set up first at the front.
    pub outgoing: Vec<Server>,
    pub wrong_hosts: Vec<WrongHost>,
}

impl Provider {
    /// A record with its id, name and origin and nothing else yet: the readers of records (the data file, an
    /// autoconfig document, our TOML) fill in domains and servers; one without servers is never used.
    pub fn new(id: String, name: String, origin: Origin) -> Provider {
        Provider {
            id,
            name,
            origin,
            domains: Vec::new(),
            mx_domains: Vec::new(),
            mx_sources: Vec::new(),
            auth: Vec::new(),
            imap: ImapSupport::Supported,
            mailbox_mb: None,
            send_limit_mb: None,
            hosted_by: None,
            notes: Vec::new(),
            docs: Vec::new(),
            requirements: Vec::new(),
            incoming: Vec::new(),
            outgoing: Vec::new(),
            wrong_hosts: Vec::new(),
        }
    }

    /// The provider's own page that names the MX hosts under `mx_domain` (an MX-host domain of the record,
    /// or one of its mail domains that its MX hosts are named under), and the day it was read: `(url,
    /// checked)`. `None` for an MX domain without such a page (an ISPDB record's, whose source is its file).
    pub fn mx_source(&self, mx_domain: &str) -> Option<(&str, &str)> {
        self.mx_sources
            .iter()
            .find(|s| s.domains.iter().any(|d| d == mx_domain))
            .map(|s| (s.source.as_str(), s.checked.as_str()))
    }

    /// Adds the MX-host domains one of the provider's own pages names, with that page: each joins the end of
    /// `mx_domains` (moved there if it was listed on the record's own word), unless it is one of the
    /// record's mail domains, which lead to the record as MX domains anyway. The data file writes and reads
    /// the domains in that order.
    pub fn add_mx_source(&mut self, source: MxSource) {
        for d in &source.domains {
            self.mx_domains.retain(|m| m != d);
            if !self.domains.contains(d) {
                self.mx_domains.push(d.clone());
            }
        }
        self.mx_sources.push(source);
    }

    /// Whether mail apps can use the provider's own servers: false for a record that says it offers no
    /// IMAP/POP to mail apps, or only through a bridge on the person's computer (it lists no servers).
    pub fn offers_mail_apps(&self) -> bool {
        !self.incoming.is_empty() && !self.outgoing.is_empty()
    }

    /// The incoming server to set up first.
    pub fn recommended_incoming(&self) -> &Server {
        &self.incoming[0]
    }

    /// The outgoing server to set up first.
    pub fn recommended_outgoing(&self) -> &Server {
        &self.outgoing[0]
    }

    /// The incoming server to set up for `protocol` (IMAP or POP3, as the IMAP-or-POP3 advice or the person
    /// chose): the first one of that protocol, else the recommended one when the provider offers no other.
    pub fn incoming_for(&self, protocol: Protocol) -> &Server {
        self.incoming
            .iter()
            .find(|s| s.protocol == protocol)
            .unwrap_or_else(|| self.recommended_incoming())
    }

    /// Whether the provider publishes incoming servers of both IMAP and POP3, so that there is a choice.
    pub fn offers_imap_and_pop3(&self) -> bool {
        let offers = |p| self.incoming.iter().any(|s| s.protocol == p);
        offers(Protocol::Imap) && offers(Protocol::Pop3)
    }

    /// The sign-in method to set up for one of its servers: the record's credential (OAuth2 or a password)
    /// where the server takes it, else the server's preferred method.
    /// The record's credentials, the one to set up first at the front, as mail apps must use them: the
    /// account's password is an app password where a requirement of the provider says every mail app needs
    /// one (Apple's own page, on an ISPDB record whose servers take a password). Each screen that names the
    /// credential follows this, so none says "your email password" beside "create an app password".
    pub fn credentials(&self) -> impl Iterator<Item = Auth> + '_ {
        let app_password = (self.requirements.iter()).any(|r| {
            matches!(
                r.kind,
                Kind::AppPassword {
                    if_second_factor: false,
                    ..
                }
            )
        });
        (self.auth.iter()).map(move |&a| {
            if app_password && a == Auth::Password {
                Auth::AppPassword
            } else {
                a
            }
        })
    }

    /// The requirements in the order a person does them ([`Kind::order`]): what makes another possible comes
    /// first, whatever order the source listed them in. Every answer lists them so.
    pub fn requirements_in_order(&self) -> Vec<&Requirement> {
        let mut out: Vec<&Requirement> = self.requirements.iter().collect();
        crate::order::sort_by_key(&mut out, |r| r.kind.order());
        out
    }

    pub fn auth_for(&self, server: &Server) -> AuthMethod {
        match self.auth.first().map(|&a| AuthMethod::from_provider(a)) {
            Some(a) if server.auth.contains(&a) => a,
            _ => server.preferred_auth(),
        }
    }

    /// Whether the record was checked against the provider's own page.
    pub fn is_checked(&self) -> bool {
        matches!(self.origin, Origin::Checked { .. })
    }

    /// The page to send people to: the checked source, else the first documentation link.
    pub fn page(&self) -> Option<&str> {
        match &self.origin {
            Origin::Checked { source, .. } => Some(source),
            Origin::Ispdb { .. } | Origin::ProviderDb { .. } | Origin::Discovered { .. } => {
                self.docs.first().map(|d| d.url.as_str())
            }
        }
    }

    /// The wrong hosts that concern an address at `domain`: all but those named under another of the
    /// record's mail domains (an old host of elpasotel.net means nothing to a q.com user). A domain that one
    /// of the provider's own servers is named under concerns every address: imap.centurylink.net was given
    /// to CenturyLink's users of every domain.
    pub fn wrong_hosts_for<'a>(&'a self, domain: &'a str) -> impl Iterator<Item = &'a WrongHost> {
        let under = |host: &str, d: &str| host.strip_suffix(d).is_some_and(|rest| rest.ends_with('.'));
        let serves = move |d: &str| self.incoming.iter().chain(&self.outgoing).any(|s| under(&s.host, d));
        self.wrong_hosts.iter().filter(move |w| {
            !self
                .domains
                .iter()
                .any(|d| d != domain && under(&w.host, d) && !serves(d))
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wrong_hosts_shown_are_those_of_the_domain_typed_and_the_providers_own() {
        let db = crate::database::embedded();
        let centurylink = db.by_id("centurylink").unwrap();
        let hosts = |domain| {
            centurylink
                .wrong_hosts_for(domain)
                .map(|w| w.host.as_str())
                .collect::<Vec<_>>()
        };
        let q = hosts("q.com");
        for shown in ["imap.centurylink.net", "mail.q.com", "smtp.q.com"] {
            assert!(q.contains(&shown), "{shown} concerns q.com: {q:?}");
        }
        for hidden in ["mail.elpasotel.net", "pop3.elpasotel.net", "pop.centurytel.net"] {
            assert!(!q.contains(&hidden), "{hidden} is another domain's: {q:?}");
        }
        let elpasotel = hosts("elpasotel.net");
        assert!(elpasotel.contains(&"mail.elpasotel.net") && elpasotel.contains(&"imap.centurylink.net"));
        assert!(!elpasotel.contains(&"mail.q.com"), "{elpasotel:?}");
        assert_eq!(hosts("centurylink.net"), ["imap.centurylink.net"]);
    }

    #[test]
    fn username_forms_resolve_for_an_address() {
        let email = "jane@example.jp";
        assert_eq!(UsernameForm::Address.resolve(email).as_deref(), Some(email));
        assert_eq!(UsernameForm::LocalPart.resolve(email).as_deref(), Some("jane"));
        let t = UsernameForm::Template("%EMAILLOCALPART%.%EMAILDOMAIN%".into());
        assert_eq!(t.resolve(email).as_deref(), Some("jane.example.jp"));
        assert_eq!(
            UsernameForm::Template("fixed".into()).resolve(email).as_deref(),
            Some("fixed")
        );
        for bad in ["jane", "@example.jp", "jane@", ""] {
            assert_eq!(UsernameForm::Address.resolve(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn templates_are_read_strictly() {
        assert_eq!(
            UsernameForm::from_template(" %EMAILADDRESS% "),
            Some(UsernameForm::Address)
        );
        assert_eq!(
            UsernameForm::from_template("%EMAILLOCALPART%"),
            Some(UsernameForm::LocalPart)
        );
        assert_eq!(
            UsernameForm::from_template("%EMAILLOCALPART%%EMAILDOMAIN%"),
            Some(UsernameForm::Template("%EMAILLOCALPART%%EMAILDOMAIN%".into()))
        );
        assert_eq!(
            UsernameForm::from_template("info"),
            Some(UsernameForm::Template("info".into()))
        );
        for bad in ["%EMAILADDRESS", "%EMAILNAME%", "100%", "", "  "] {
            assert_eq!(UsernameForm::from_template(bad), None, "{bad:?}");
        }
        for form in [
            UsernameForm::Address,
            UsernameForm::LocalPart,
            UsernameForm::Template("x.%EMAILDOMAIN%".into()),
        ] {
            assert_eq!(UsernameForm::from_template(form.template()), Some(form.clone()));
        }
    }

    #[test]
    fn the_incoming_server_of_a_protocol() {
        let db = crate::database::embedded();
        let centurylink = db.by_id("centurylink").unwrap();
        assert!(centurylink.offers_imap_and_pop3());
        assert_eq!(centurylink.incoming_for(Protocol::Imap).host, "mail.centurylink.net");
        assert_eq!(centurylink.incoming_for(Protocol::Pop3).host, "pop.centurylink.net");
        // qwestoffice.net publishes POP3 only: IMAP falls back to the one there is.
        let office = db.by_id("centurylink-qwestoffice").unwrap();
        assert!(!office.offers_imap_and_pop3());
        assert_eq!(office.incoming_for(Protocol::Imap).protocol, Protocol::Pop3);
    }
}
