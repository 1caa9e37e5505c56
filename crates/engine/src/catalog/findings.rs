//! Texts of validation findings (see `crate::validate`), keyed by finding code.
//!
//! A rule never writes prose: it names a [`FindingText`] variant and fills in its parameters. The variant
//! decides the stable code ([`FindingText::code`]) and, through [`Worded`], the English text: the general
//! rules' words are here, those about a provider's record come with the data (texts/findings.toml). A
//! translation adds another rendering of the same variants; the rules stay as they are.
//!
//! Every text says what is wrong, why it matters and what to do, in words for people who do not know mail
//! protocols. Where a fix exists, the text names the value the fix sets.

use crate::catalog::provenance::Who;
use crate::model::{Auth, Protocol, Security, Server, UsernameForm};
use crate::model::{AuthMethod, Side};
use crate::texts::Texts;
use crate::validate::{EmailProblem, HostProblem};
use core::fmt::{self, Display, Formatter};

/// One finding's text, with what it needs to be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingText<'a> {
    EmailEmpty,
    EmailInvalid {
        problem: EmailProblem,
        fix: Option<&'a str>,
    },
    ProviderUnknown {
        domain: &'a str,
    },
    ProviderImapUnsupported {
        provider: Who<'a>,
        supported: &'a Server,
    },

    ProtocolEmpty {
        side: Side,
        suggestion: Option<Protocol>,
    },
    ProtocolInvalid {
        side: Side,
        value: &'a str,
        suggestion: Option<Protocol>,
    },
    ProtocolWrongDirection {
        side: Side,
        chosen: Protocol,
        suggestion: Option<Protocol>,
    },
    ProtocolNotProvider {
        provider: Who<'a>,
        chosen: Protocol,
        suggestion: Protocol,
    },

    HostEmpty {
        side: Side,
        suggestion: Option<&'a str>,
    },
    HostInvalid {
        problem: HostProblem,
        fix: Option<&'a str>,
    },
    HostTypo {
        host: &'a str,
        provider: Who<'a>,
        protocol: Protocol,
        suggestion: &'a str,
    },
    /// `why`: the provider record's explanation, for a host known to circulate.
    HostNotProvider {
        host: &'a str,
        provider: Who<'a>,
        why: Option<&'a str>,
        protocol: Protocol,
        suggestion: &'a str,
    },
    HostWrongService {
        host: &'a str,
        serves: Protocol,
        provider: Who<'a>,
        wanted: Protocol,
        suggestion: &'a str,
    },
    /// An unknown provider's host whose name announces another service; `wanted` is `None` for an incoming
    /// server without a protocol.
    HostNamedForOtherService {
        host: &'a str,
        serves: Protocol,
        side: Side,
        wanted: Option<Protocol>,
    },

    PortEmpty {
        side: Side,
        suggestion: Option<u16>,
    },
    PortInvalid {
        value: &'a str,
        suggestion: Option<u16>,
    },
    /// `wanted` is `None` for an incoming server without a protocol.
    PortWrongService {
        port: u16,
        serves: Protocol,
        wanted: Option<Protocol>,
        suggestion: Option<u16>,
    },
    /// `expected`: the security the port implies.
    PortSecurityMismatch {
        port: u16,
        chosen: Security,
        expected: Security,
        repair: Repair,
    },
    PortNotProvider {
        port: u16,
        provider: Who<'a>,
        protocol: Protocol,
        suggestion: u16,
        security: Security,
    },
    SmtpPort25 {
        suggestion: Option<u16>,
    },

    SecurityEmpty {
        side: Side,
        suggestion: Option<Security>,
    },
    SecurityInvalid {
        value: &'a str,
        suggestion: Option<Security>,
    },
    SecurityNone {
        suggestion: Option<Security>,
    },
    /// No encryption, as the provider publishes this server.
    SecurityNoneDocumented {
        provider: Who<'a>,
    },
    SecurityNotProvider {
        provider: Who<'a>,
        port: u16,
        chosen: Security,
        suggestion: Security,
    },
    /// Encryption where the provider publishes none.
    SecurityStrongerThanDocumented {
        provider: Who<'a>,
        port: u16,
        chosen: Security,
    },

    AuthEmpty {
        side: Side,
        suggestion: AuthMethod,
    },
    AuthInvalid {
        value: &'a str,
        suggestion: AuthMethod,
    },
    AuthIncomingOff {
        suggestion: AuthMethod,
    },
    AuthSmtpOff {
        suggestion: AuthMethod,
    },
    AuthOAuthRequired {
        provider: Who<'a>,
    },
    /// A normal password where the record lists only an encrypted (challenge-response) one.
    AuthEncryptedListed {
        provider: Who<'a>,
    },
    /// An encrypted password where the record does not list one.
    AuthEncryptedNotListed {
        provider: Who<'a>,
    },
    /// `kind`: what the provider takes in the password field instead.
    AuthOAuthNotProvider {
        provider: Who<'a>,
        kind: Auth,
    },
    /// `kind`: an app password or secure mail key; `oauth2`: whether OAuth2 is the alternative.
    AuthAppPassword {
        provider: Who<'a>,
        kind: Auth,
        oauth2: bool,
    },

    UsernameEmpty {
        expected: &'a str,
        provider: Option<Who<'a>>,
        form: &'a UsernameForm,
    },
    UsernameNotFullAddress {
        provider: Who<'a>,
        expected: &'a str,
    },
    UsernameNotLocalPart {
        provider: Who<'a>,
        expected: &'a str,
    },
    UsernameMismatch {
        username: &'a str,
        expected: &'a str,
        provider: Option<Who<'a>>,
        form: &'a UsernameForm,
    },
}

/// What the fix of a port/security mismatch changes, for the text to name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repair {
    /// Another port, with this security.
    Port(u16, Security),
    /// The security, keeping the port.
    Security(Security),
}

impl FindingText<'_> {
    /// The stable finding code: the UI and tests key on it; texts may change.
    pub fn code(&self) -> &'static str {
        use FindingText::*;
        match self {
            EmailEmpty => "email.empty",
            EmailInvalid { .. } => "email.invalid",
            ProviderUnknown { .. } => "provider.unknown",
            ProviderImapUnsupported { .. } => "provider.imap-unsupported",
            ProtocolEmpty { .. } => "protocol.empty",
            ProtocolInvalid { .. } => "protocol.invalid",
            ProtocolWrongDirection { .. } => "protocol.wrong-direction",
            ProtocolNotProvider { .. } => "protocol.not-provider",
            HostEmpty { .. } => "host.empty",
            HostInvalid { .. } => "host.invalid",
            HostTypo { .. } => "host.typo",
            HostNotProvider { .. } => "host.not-provider",
            HostWrongService { .. } | HostNamedForOtherService { .. } => "host.wrong-service",
            PortEmpty { .. } => "port.empty",
            PortInvalid { .. } => "port.invalid",
            PortWrongService { .. } => "port.wrong-service",
            PortSecurityMismatch { .. } => "port.security-mismatch",
            PortNotProvider { .. } => "port.not-provider",
            SmtpPort25 { .. } => "smtp.port-25",
            SecurityEmpty { .. } => "security.empty",
            SecurityInvalid { .. } => "security.invalid",
            SecurityNone { .. } | SecurityNoneDocumented { .. } => "security.none",
            SecurityNotProvider { .. } | SecurityStrongerThanDocumented { .. } => "security.not-provider",
            AuthEmpty { .. } => "auth.empty",
            AuthInvalid { .. } => "auth.invalid",
            AuthIncomingOff { .. } => "auth.incoming-off",
            AuthSmtpOff { .. } => "auth.smtp-off",
            AuthOAuthRequired { .. } => "auth.oauth-required",
            AuthEncryptedListed { .. } => "auth.encrypted-listed",
            AuthEncryptedNotListed { .. } => "auth.encrypted-not-listed",
            AuthOAuthNotProvider { .. } => "auth.oauth-not-provider",
            AuthAppPassword { .. } => "auth.app-password",
            UsernameEmpty { .. } => "username.empty",
            UsernameNotFullAddress { .. } => "username.not-full-address",
            UsernameNotLocalPart { .. } => "username.not-local-part",
            UsernameMismatch { .. } => "username.mismatch",
        }
    }
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Incoming => "incoming server",
        Side::Outgoing => "outgoing server",
    }
}

fn purpose(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Imap | Protocol::Pop3 => "for receiving mail",
        Protocol::Smtp => "for sending mail",
    }
}

/// A security setting as a phrase: "SSL/TLS", "STARTTLS", "no encryption".
fn protection(security: Security) -> &'static str {
    match security {
        Security::None => "no encryption",
        Security::Tls | Security::Starttls => security.label(),
    }
}

/// The name of an auth setting as mail apps show it.
fn auth_label(setting: AuthMethod) -> &'static str {
    match setting {
        AuthMethod::Password => "Normal password",
        AuthMethod::EncryptedPassword => "Encrypted password",
        AuthMethod::OAuth2 => "OAuth2",
        AuthMethod::None => "None",
    }
}

/// What an app password is called and where it comes from.
fn app_password(texts: &Texts, kind: Auth, provider: Who) -> String {
    let key = match kind {
        Auth::SecureMailKey => "finding.secure-mail-key",
        _ => "finding.app-password-kind",
    };
    texts.fill(key, &[("provider", provider.name)])
}

const USUAL_PORTS: &str = "The usual ports are 993 for IMAP, 995 for POP3, and 465 or 587 for SMTP.";
const PROVIDER_PAGES: &str = "Your email provider's help pages give the right one.";

fn email_problem(problem: EmailProblem) -> &'static str {
    match problem {
        EmailProblem::MissingAt => "This is not a complete email address: it has no @.",
        EmailProblem::ManyAt => "This address has more than one @.",
        EmailProblem::Spaces => "This address contains spaces.",
        EmailProblem::NoLocalPart => "The part before the @ is missing.",
        EmailProblem::NoDomain => "The part after the @ is missing.",
        EmailProblem::TooLong => "This is longer than an email address can be.",
        EmailProblem::Characters => "This address contains characters an email address cannot have.",
        EmailProblem::TrailingDot => "This address ends with a dot.",
        EmailProblem::Domain => "The part after the @ is not a valid domain.",
    }
}

fn host_problem(problem: HostProblem) -> &'static str {
    match problem {
        HostProblem::Url => {
            "This is a web address, not a server name: only the name goes here, without http://, https:// or slashes."
        }
        HostProblem::Address => "This is an email address, not a server name.",
        HostProblem::Path => "A server name cannot contain a slash or anything after it.",
        HostProblem::Port => "The port does not belong in the server name: it has a field of its own.",
        HostProblem::Spaces => "A server name cannot contain spaces.",
        HostProblem::Characters => {
            "This contains characters a server name cannot have: only letters, digits, dots and hyphens."
        }
        HostProblem::Hyphen => "A part of this name starts or ends with a hyphen, which server names cannot do.",
        HostProblem::Dots => "This name has a dot in the wrong place: two in a row, or one at the start.",
        HostProblem::TooLong => "This is longer than a server name can be.",
        HostProblem::Incomplete => {
            "This is not a complete server name: it needs at least two parts separated by a dot, like mail.example.com."
        }
    }
}

/// A finding's text in words: the general rules' from the code, those about a provider's record from the
/// texts of the data the record came with (texts/findings.toml; see `listed`).
pub struct Worded<'t, 'a>(pub FindingText<'a>, pub &'t Texts);

/// The template `key` of `texts`, filled with the provider's words (`{provider}`, `{source}`, `{Source}`: see
/// [`Who::source`]) and `values`.
fn listed(f: &mut Formatter<'_>, texts: &Texts, key: &str, provider: Who, values: &[(&str, &str)]) -> fmt::Result {
    let (source, capital) = (provider.source().to_string(), format!("{:#}", provider.source()));
    let mut all = vec![
        ("provider", provider.name),
        ("source", source.as_str()),
        ("Source", capital.as_str()),
    ];
    all.extend_from_slice(values);
    f.write_str(&texts.fill(key, &all))
}

impl Display for Worded<'_, '_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        use FindingText::*;
        let texts = self.1;
        match self.0 {
            EmailEmpty => f.write_str(
                "Enter your email address. mailcheck uses it to find your provider's settings and to check your user name.",
            ),
            EmailInvalid { problem, fix } => {
                write!(
                    f,
                    "{} An email address has a name, one @ and a domain, like jane@example.com. Your mail app signs in \
                     and sends with it, so a mistake here stops both.",
                    email_problem(problem)
                )?;
                match fix {
                    Some(fix) => write!(f, " Change it to {fix}."),
                    None => f.write_str(" Check it and type it again."),
                }
            }
            ProviderUnknown { domain } => write!(
                f,
                "mailcheck does not know the settings for {domain} yet, so only general checks apply. Compare your \
                 settings with your email provider's help pages."
            ),
            ProviderImapUnsupported { provider, supported } => listed(
                f,
                texts,
                "finding.imap-self-help",
                provider,
                &[
                    ("protocol", supported.protocol.label()),
                    ("host", &supported.host),
                    ("port", &supported.port.to_string()),
                    ("security", supported.security.label()),
                ],
            ),

            ProtocolEmpty { side, suggestion } => {
                write!(
                    f,
                    "Choose the kind of {}: without it your mail app does not know how to talk to the server.",
                    side_name(side)
                )?;
                protocol_advice(f, suggestion)
            }
            ProtocolInvalid { side, value, suggestion } => {
                let kinds = match side {
                    Side::Incoming => "An incoming server uses IMAP or POP3.",
                    Side::Outgoing => "An outgoing server uses SMTP.",
                };
                write!(f, "“{value}” is not a kind of mail server. {kinds}")?;
                protocol_advice(f, suggestion)
            }
            ProtocolWrongDirection { side, chosen, suggestion } => {
                write!(
                    f,
                    "{} is {}, but this is the {}, so your mail app cannot {} this way.",
                    chosen.label(),
                    purpose(chosen),
                    side_name(side),
                    if side == Side::Incoming { "fetch your mail" } else { "send mail" }
                )?;
                protocol_advice(f, suggestion)
            }
            ProtocolNotProvider { provider, chosen, suggestion } => listed(
                f,
                texts,
                "finding.protocol-not-provider",
                provider,
                &[("chosen", chosen.label()), ("suggestion", suggestion.label())],
            ),

            HostEmpty { side, suggestion } => {
                write!(
                    f,
                    "Enter the name of the {}: without it your mail app does not know where to connect.",
                    side_name(side)
                )?;
                match suggestion {
                    Some(host) => write!(f, " It is {host}."),
                    None => write!(f, " {PROVIDER_PAGES}"),
                }
            }
            HostInvalid { problem, fix } => {
                write!(f, "{} Your mail app cannot find the server under this name.", host_problem(problem))?;
                match fix {
                    Some(fix) => write!(f, " Change it to {fix}."),
                    None => write!(f, " {PROVIDER_PAGES}"),
                }
            }
            HostTypo { host, provider, protocol, suggestion } => listed(
                f,
                texts,
                "finding.host-typo",
                provider,
                &[("host", host), ("protocol", protocol.label()), ("suggestion", suggestion)],
            ),
            HostNotProvider { host, provider, why, protocol, suggestion } => {
                let why = why.map(|why| format!(" {why}")).unwrap_or_default();
                listed(
                    f,
                    texts,
                    "finding.host-not-provider",
                    provider,
                    &[("host", host), ("protocol", protocol.label()), ("why", &why), ("suggestion", suggestion)],
                )
            }
            HostWrongService { host, serves, provider, wanted, suggestion } => {
                if Side::of(serves) == Side::of(wanted) {
                    listed(
                        f,
                        texts,
                        "finding.host-wrong-protocol",
                        provider,
                        &[("host", host), ("serves", serves.label()), ("wanted", wanted.label()), ("suggestion", suggestion)],
                    )
                } else {
                    listed(
                        f,
                        texts,
                        "finding.host-wrong-side",
                        provider,
                        &[
                            ("host", host),
                            ("serves_purpose", purpose(serves)),
                            ("side", side_name(Side::of(wanted))),
                            ("wanted_purpose", purpose(wanted)),
                            ("suggestion", suggestion),
                        ],
                    )
                }
            }
            HostNamedForOtherService { host, serves, side, wanted } => {
                write!(f, "{host} looks like a server for {} (judging by its name), but ", serves.label())?;
                match wanted {
                    Some(wanted) => write!(f, "this server is set up for {}.", wanted.label())?,
                    None => write!(f, "this is the {}, {}.", side_name(side), purpose(Protocol::Imap))?,
                }
                f.write_str(
                    " If your mail app cannot connect, check the server name on your email provider's help pages.",
                )
            }

            PortEmpty { side, suggestion } => {
                write!(
                    f,
                    "Enter the port of the {}: the number the server answers on.",
                    side_name(side)
                )?;
                port_advice(f, suggestion)
            }
            PortInvalid { value, suggestion } => {
                write!(f, "“{value}” is not a port: a port is a whole number from 1 to 65535.")?;
                port_advice(f, suggestion)
            }
            PortWrongService { port, serves, wanted, suggestion } => {
                write!(f, "Port {port} is the usual port for {} ({}), but ", serves.label(), purpose(serves))?;
                match wanted {
                    Some(wanted) => write!(f, "this server is set up for {}.", wanted.label())?,
                    None => f.write_str("this is the incoming server.")?,
                }
                f.write_str(" The server will not answer your mail app there.")?;
                match suggestion {
                    Some(port) => write!(f, " Use port {port}."),
                    None => f.write_str(" Use 993 for IMAP or 995 for POP3."),
                }
            }
            PortSecurityMismatch { port, chosen, expected, repair } => {
                if expected == Security::Tls {
                    write!(
                        f,
                        "Port {port} expects encryption from the very first moment (SSL/TLS), but connection \
                         security is set to {}. The two do not fit together: the connection fails or hangs until it \
                         times out.",
                        chosen.label()
                    )?;
                } else {
                    write!(
                        f,
                        "Port {port} starts without encryption and then switches it on with STARTTLS, but \
                         connection security is set to {}, which expects encryption from the very first moment. The \
                         two do not fit together: the connection fails, often with an error about a “wrong version \
                         number”.",
                        chosen.label()
                    )?;
                }
                match repair {
                    Repair::Security(security) => write!(f, " Set connection security to {}.", security.label()),
                    Repair::Port(port, security) => write!(f, " Use port {port} with {}.", security.label()),
                }
            }
            PortNotProvider { port, provider, protocol, suggestion, security } => listed(
                f,
                texts,
                "finding.port-not-provider",
                provider,
                &[
                    ("port", &port.to_string()),
                    ("protocol", protocol.label()),
                    ("suggestion", &suggestion.to_string()),
                    ("security", protection(security)),
                ],
            ),
            SmtpPort25 { suggestion } => {
                f.write_str(
                    "Port 25 is meant for mail servers passing mail among themselves; mail apps send on port 587 or \
                     465. Many internet providers block port 25 on home connections, so sending may fail or hang.",
                )?;
                match suggestion {
                    Some(port) => write!(f, " Use port {port} instead."),
                    None => Ok(()),
                }
            }

            SecurityEmpty { side, suggestion } => {
                write!(
                    f,
                    "Choose the connection security of the {}: it decides whether and how the connection is \
                     encrypted.",
                    side_name(side)
                )?;
                security_advice(f, suggestion)
            }
            SecurityInvalid { value, suggestion } => {
                write!(f, "“{value}” is not a connection security setting: choose SSL/TLS, STARTTLS or None.")?;
                security_advice(f, suggestion)
            }
            SecurityNone { suggestion } => {
                f.write_str(
                    "With no encryption, your password and your mail cross the network as plain text that others on \
                     the same network can read.",
                )?;
                security_advice(f, suggestion)
            }
            SecurityNoneDocumented { provider } => listed(f, texts, "finding.security-none-documented", provider, &[]),
            SecurityNotProvider { provider, port, chosen, suggestion } => listed(
                f,
                texts,
                "finding.security-not-provider",
                provider,
                &[
                    ("port", &port.to_string()),
                    ("documented", protection(suggestion)),
                    ("chosen", protection(chosen)),
                    ("suggestion", suggestion.label()),
                ],
            ),
            SecurityStrongerThanDocumented { provider, port, chosen } => listed(
                f,
                texts,
                "finding.security-stronger",
                provider,
                &[("port", &port.to_string()), ("chosen", chosen.label())],
            ),

            AuthEmpty { side, suggestion } => write!(
                f,
                "Choose how your mail app signs in to the {}: the server needs to know it is you. Set it to {}.",
                side_name(side),
                auth_label(suggestion)
            ),
            AuthInvalid { value, suggestion } => write!(
                f,
                "“{value}” is not a sign-in method: choose Normal password, Encrypted password, OAuth2 or None. Set it \
                 to {}.",
                auth_label(suggestion)
            ),
            AuthIncomingOff { suggestion } => write!(
                f,
                "Your mailbox is private, so the incoming server always needs you to sign in. With no \
                 authentication your mail app cannot fetch your mail. Set it to {}.",
                auth_label(suggestion)
            ),
            AuthSmtpOff { suggestion } => write!(
                f,
                "Servers that send mail for mail apps only accept it from people who sign in (the standard for ports \
                 465 and 587 says so); that keeps spammers out. Without authentication your mail will most likely \
                 be refused. Set it to {}.",
                auth_label(suggestion)
            ),
            AuthOAuthRequired { provider } => listed(f, texts, "finding.oauth-required", provider, &[]),
            AuthEncryptedListed { provider } => listed(f, texts, "finding.encrypted-listed", provider, &[]),
            AuthEncryptedNotListed { provider } => listed(f, texts, "finding.encrypted-not-listed", provider, &[]),
            AuthOAuthNotProvider { provider, kind } => match kind {
                Auth::AppPassword | Auth::SecureMailKey => listed(
                    f,
                    texts,
                    "finding.oauth-not-provider-password",
                    provider,
                    &[("password", &app_password(texts, kind, provider))],
                ),
                Auth::Password | Auth::OAuth2 => listed(f, texts, "finding.oauth-not-provider", provider, &[]),
            },
            AuthAppPassword { provider, kind, oauth2 } => listed(
                f,
                texts,
                if oauth2 { "finding.app-password-oauth2" } else { "finding.app-password" },
                provider,
                &[("password", &app_password(texts, kind, provider))],
            ),

            UsernameEmpty { expected, provider, form } => match provider {
                Some(provider) => listed(
                    f,
                    texts,
                    match form {
                        UsernameForm::Address => "finding.username-empty-address",
                        UsernameForm::LocalPart => "finding.username-empty-local-part",
                        UsernameForm::Template(_) => "finding.username-empty-template",
                    },
                    provider,
                    &[("expected", expected)],
                ),
                None => write!(
                    f,
                    "Enter the user name your mail app signs in with. Most providers use your full email address, \
                     {expected}; your provider's help pages say if yours is different."
                ),
            },
            UsernameNotFullAddress { provider, expected } => {
                listed(f, texts, "finding.username-not-full-address", provider, &[("expected", expected)])
            }
            UsernameNotLocalPart { provider, expected } => {
                listed(f, texts, "finding.username-not-local-part", provider, &[("expected", expected)])
            }
            UsernameMismatch { username, expected, provider, form } => match (provider, form) {
                (Some(provider), form) => listed(
                    f,
                    texts,
                    match form {
                        UsernameForm::Address => "finding.username-mismatch-address",
                        UsernameForm::LocalPart => "finding.username-mismatch-local-part",
                        UsernameForm::Template(_) => "finding.username-mismatch-template",
                    },
                    provider,
                    &[("username", username), ("expected", expected)],
                ),
                (None, _) => write!(
                    f,
                    "The user name {username} is not the email address you entered ({expected}). Usually the two are \
                     the same; unless your provider gave you a different user name, use {expected}."
                ),
            },
        }
    }
}

fn protocol_advice(f: &mut Formatter<'_>, suggestion: Option<Protocol>) -> fmt::Result {
    match suggestion {
        Some(protocol) => write!(f, " Set it to {}.", protocol.label()),
        None => f.write_str(
            " Choose IMAP (your mail stays on the server and every device sees it) or POP3 (your mail is downloaded \
             to one device), whichever your provider offers.",
        ),
    }
}

fn port_advice(f: &mut Formatter<'_>, suggestion: Option<u16>) -> fmt::Result {
    match suggestion {
        Some(port) => write!(f, " Use {port}."),
        None => write!(f, " {USUAL_PORTS}"),
    }
}

fn security_advice(f: &mut Formatter<'_>, suggestion: Option<Security>) -> fmt::Result {
    match suggestion {
        Some(security) => write!(f, " Set it to {}.", security.label()),
        None => f.write_str(
            " Choose SSL/TLS or STARTTLS: your email provider's help pages say which one goes with your port.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::provenance::Tier;

    #[test]
    fn codes_are_dotted_lower_case_and_texts_are_sentences() {
        let server = Server {
            protocol: Protocol::Pop3,
            host: "pop.example.org".into(),
            port: 995,
            security: Security::Tls,
            username: UsernameForm::Address,
            auth: vec![AuthMethod::Password],
            leave_on_server: None,
        };
        let samples = [
            FindingText::EmailEmpty,
            FindingText::ProviderImapUnsupported {
                provider: Who {
                    name: "X",
                    tier: Tier::Checked,
                },
                supported: &server,
            },
            FindingText::PortWrongService {
                port: 465,
                serves: Protocol::Smtp,
                wanted: None,
                suggestion: None,
            },
            FindingText::HostNamedForOtherService {
                host: "smtp.x.org",
                serves: Protocol::Smtp,
                side: Side::Incoming,
                wanted: None,
            },
            FindingText::AuthOAuthNotProvider {
                provider: Who {
                    name: "X",
                    tier: Tier::Checked,
                },
                kind: Auth::SecureMailKey,
            },
            FindingText::UsernameEmpty {
                expected: "j",
                provider: None,
                form: &UsernameForm::Address,
            },
        ];
        for text in samples {
            let code = text.code();
            assert!(code.contains('.') && !code.contains(char::is_uppercase), "{code}");
            let message = Worded(text, crate::embedded().texts()).to_string();
            assert!(message.ends_with('.') && !message.contains("  "), "{message}");
        }
    }

    #[test]
    fn the_provider_page_sentence_names_where_to_look() {
        let none = Texts::default();
        let text = Worded(
            FindingText::HostEmpty {
                side: Side::Outgoing,
                suggestion: None,
            },
            &none,
        )
        .to_string();
        assert!(
            text.contains("outgoing server") && text.contains("help pages"),
            "{text}"
        );
        let text = Worded(
            FindingText::HostEmpty {
                side: Side::Outgoing,
                suggestion: Some("smtp.x.org"),
            },
            &none,
        )
        .to_string();
        assert!(text.ends_with("It is smtp.x.org."), "{text}");
    }

    #[test]
    fn every_finding_key_named_has_its_text_and_every_text_is_used() {
        let code = include_str!("findings.rs").split("#[cfg(test)]").next().unwrap();
        let used: Vec<&str> = code
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|q| q.starts_with("finding.") && !q.contains(' '))
            .collect();
        let texts = crate::embedded().texts();
        for key in &used {
            assert!(
                !texts.get(key).is_empty(),
                "{key} has no text in crates/engine/texts/findings.toml"
            );
        }
        let listed: Vec<&str> = texts
            .entries()
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| k.starts_with("finding."))
            .collect();
        for key in &listed {
            assert!(used.contains(key), "{key} of findings.toml is used by no finding");
        }
        assert!(listed.len() >= 20, "{} finding texts", listed.len());
    }

    #[test]
    fn a_finding_about_a_record_takes_its_words_from_the_data_and_a_general_one_does_not() {
        let ispdb = Who {
            name: "Yahoo! Mail",
            tier: Tier::Ispdb,
        };
        let about_record = FindingText::AuthEncryptedNotListed { provider: ispdb };
        let general = FindingText::SecurityNone { suggestion: None };
        let none = Texts::default();
        let data = crate::embedded().texts();
        assert_eq!(Worded(about_record, &none).to_string(), "");
        let said = Worded(about_record, data).to_string();
        assert!(
            said.starts_with("The Thunderbird ISPDB's entry for Yahoo! Mail lists a normal password"),
            "{said}"
        );
        assert_eq!(Worded(general, &none).to_string(), Worded(general, data).to_string());
        assert!(!Worded(general, &none).to_string().is_empty());
    }
}
