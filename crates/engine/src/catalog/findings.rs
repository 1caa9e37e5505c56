//! Texts of validation findings (see `crate::validate`), keyed by finding code.
//!
//! A rule never writes prose: it names a [`FindingText`] variant and fills in its parameters. The variant
//! decides the stable code ([`FindingText::code`]) and, through `Display`, the English text. A translation
//! adds another rendering of the same variants; the rules stay as they are.
//!
//! Every text says what is wrong, why it matters and what to do, in words for people who do not know mail
//! protocols. Where a fix exists, the text names the value the fix sets.

use crate::catalog::provenance::Who;
use crate::model::AuthMethod;
use crate::model::{Auth, Protocol, Security, Server, UsernameForm};
use crate::validate::{EmailProblem, HostProblem, Side};
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

/// The side a protocol belongs on.
fn side_of(protocol: Protocol) -> Side {
    match protocol {
        Protocol::Smtp => Side::Outgoing,
        Protocol::Imap | Protocol::Pop3 => Side::Incoming,
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
fn app_password(kind: Auth, provider: Who) -> String {
    match kind {
        Auth::SecureMailKey => {
            format!(
                "a Secure Mail Key: a separate password you create in the security settings of your {provider} account"
            )
        }
        _ => format!(
            "an app password: a separate password you create in the security settings of your {provider} account"
        ),
    }
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

impl Display for FindingText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        use FindingText::*;
        match *self {
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
            ProviderImapUnsupported { provider, supported } => write!(
                f,
                "{provider} publishes its IMAP settings for self-help only: IMAP can work, but their support \
                 will not help you with it. The setup they support is {} with {}, port {} ({}).",
                supported.protocol.label(),
                supported.host,
                supported.port,
                supported.security.label()
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
            ProtocolNotProvider { provider, chosen, suggestion } => write!(
                f,
                "{0:#} lists no {1} server, so your mail app cannot connect this way. Set it to {2}.",
                provider.source(),
                chosen.label(),
                suggestion.label()
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
            HostTypo { host, provider, protocol, suggestion } => write!(
                f,
                "{host} is not one of the servers {0} lists, but it is very close to one: most likely a typing \
                 mistake. With it your mail app would not reach {provider}. For {1}, {0} lists {suggestion}.",
                provider.source(),
                protocol.label()
            ),
            HostNotProvider { host, provider, why, protocol, suggestion } => {
                write!(
                    f,
                    "{host} is not a server {} lists for {}, so your mail app would not reach {provider} there.",
                    provider.source(),
                    protocol.label()
                )?;
                if let Some(why) = why {
                    write!(f, " {why}")?;
                }
                write!(f, " Use {suggestion}.")
            }
            HostWrongService { host, serves, provider, wanted, suggestion } => {
                if side_of(serves) == side_of(wanted) {
                    write!(
                        f,
                        "{host} is the {1} server {0} lists, but this account is set up for {2}, and a server only \
                         answers in the protocol it is for. The {2} server it lists is {suggestion}: use that.",
                        provider.source(),
                        serves.label(),
                        wanted.label()
                    )
                } else {
                    write!(
                        f,
                        "{host} is the server {} lists {}, but this is the {}, {}. Use {suggestion}.",
                        provider.source(),
                        purpose(serves),
                        side_name(side_of(wanted)),
                        purpose(wanted)
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
            PortNotProvider { port, provider, protocol, suggestion, security } => write!(
                f,
                "{:#} lists no port {port} for {}, so its server may not answer there. Use port {suggestion} ({}).",
                provider.source(),
                protocol.label(),
                protection(security)
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
            SecurityNoneDocumented { provider } => write!(
                f,
                "The settings {} lists for this server use no encryption, so your password and your mail cross the \
                 network as plain text that others on the same network could read. Avoid using this account on \
                 public Wi-Fi.",
                provider.source()
            ),
            SecurityNotProvider { provider, port, chosen, suggestion } => write!(
                f,
                "{:#} lists port {port} with {}, not {}. With the wrong setting the connection fails. Set \
                 connection security to {}.",
                provider.source(),
                protection(suggestion),
                protection(chosen),
                suggestion.label()
            ),
            SecurityStrongerThanDocumented { provider, port, chosen } => write!(
                f,
                "{1:#} lists port {port} without encryption, not with {0}. Keeping {0} is safer if it works; if \
                 your mail app cannot connect, this setting is a likely reason.",
                chosen.label(),
                provider.source()
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
            AuthOAuthRequired { provider } => write!(
                f,
                "{:#} lists only OAuth2 sign-in for mail apps, where your mail app opens {provider}'s own sign-in \
                 page, and no password. Set authentication to OAuth2; if your mail app does not offer it, you need \
                 one that does.",
                provider.source()
            ),
            AuthEncryptedListed { provider } => write!(
                f,
                "{:#} lists only an encrypted password for this server (a challenge and response such as CRAM-MD5, \
                 never the password itself), so a normal password may be refused. Set authentication to Encrypted \
                 password.",
                provider.source()
            ),
            AuthEncryptedNotListed { provider } => write!(
                f,
                "{:#} lists a normal password for this server, not an encrypted one; if sign-in fails, set \
                 authentication to {}.",
                provider.source(),
                auth_label(AuthMethod::Password)
            ),
            AuthOAuthNotProvider { provider, kind } => {
                write!(
                    f,
                    "{:#} lists no OAuth2 sign-in for mail apps, so this may not work. Set authentication to \
                     Normal password",
                    provider.source()
                )?;
                match kind {
                    Auth::AppPassword | Auth::SecureMailKey => {
                        write!(f, " and type {}.", app_password(kind, provider))
                    }
                    Auth::Password | Auth::OAuth2 => f.write_str("."),
                }
            }
            AuthAppPassword { provider, kind, oauth2 } => {
                write!(
                    f,
                    "{provider} does not accept your normal account password in mail apps. In the password field, \
                     use {}.",
                    app_password(kind, provider)
                )?;
                if oauth2 {
                    write!(
                        f,
                        " Or, if your mail app offers it, set authentication to OAuth2 and sign in on the \
                         provider's own page."
                    )?;
                }
                Ok(())
            }

            UsernameEmpty { expected, provider, form } => {
                f.write_str("Enter the user name your mail app signs in with.")?;
                match (provider, form) {
                    (Some(provider), UsernameForm::Address) => {
                        write!(f, " {:#} gives your full email address: {expected}.", provider.source())
                    }
                    (Some(provider), UsernameForm::LocalPart) => write!(
                        f,
                        " {:#} gives the part of your address before the @: {expected}.",
                        provider.source()
                    ),
                    (Some(provider), UsernameForm::Template(_)) => write!(
                        f,
                        " {:#} gives a user name made from your address: {expected}.",
                        provider.source()
                    ),
                    (None, _) => write!(
                        f,
                        " Most providers use your full email address, {expected}; your provider's help pages say if \
                         yours is different."
                    ),
                }
            }
            UsernameNotFullAddress { provider, expected } => write!(
                f,
                "{:#} gives your full email address as the user name, including the part after the @; with only a \
                 part of it, sign-in fails. Use {expected}.",
                provider.source()
            ),
            UsernameNotLocalPart { provider, expected } => write!(
                f,
                "{:#} gives only the part of your address before the @ as the user name; with the full address, \
                 sign-in fails. Use {expected}.",
                provider.source()
            ),
            UsernameMismatch { username, expected, provider, form } => match (provider, form) {
                (Some(provider), UsernameForm::Address) => write!(
                    f,
                    "The user name {username} is not your email address ({expected}). {:#} gives your email address \
                     as the user name, so sign-in with another one fails. Use {expected}.",
                    provider.source()
                ),
                (Some(provider), UsernameForm::LocalPart) => write!(
                    f,
                    "The user name {username} does not match your email address. {:#} gives the part of your address \
                     before the @ as the user name. Use {expected}.",
                    provider.source()
                ),
                (Some(provider), UsernameForm::Template(_)) => write!(
                    f,
                    "The user name {username} is not the one {} gives, which is made from your address: {expected}.",
                    provider.source()
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
            let message = text.to_string();
            assert!(message.ends_with('.') && !message.contains("  "), "{message}");
        }
    }

    #[test]
    fn the_provider_page_sentence_names_where_to_look() {
        let text = FindingText::HostEmpty {
            side: Side::Outgoing,
            suggestion: None,
        }
        .to_string();
        assert!(
            text.contains("outgoing server") && text.contains("help pages"),
            "{text}"
        );
        let text = FindingText::HostEmpty {
            side: Side::Outgoing,
            suggestion: Some("smtp.x.org"),
        }
        .to_string();
        assert!(text.ends_with("It is smtp.x.org."), "{text}");
    }
}
