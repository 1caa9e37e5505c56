//! Texts of error-decoder causes (see `crate::decode`), keyed by cause code.
//!
//! Each cause has a title, a plain explanation of why it happens and a checklist of general fixes
//! ([`title`], [`why`], [`checklist`]). The fixes that depend on the user's settings or provider are
//! [`FixText`] variants: the decoder picks them and fills in the values, this module writes them.

use crate::decode::{CauseCode, Side};
use crate::model::{Auth, Provider, Security, Server, UsernameForm};
use crate::settings::ServerField;
use core::fmt::{self, Display, Formatter};

/// The title of a cause; a few name the provider and its limits when known.
pub(crate) fn title(code: CauseCode, provider: Option<&Provider>) -> String {
    use CauseCode::*;
    let name = provider.map(|p| p.name.as_str());
    match (code, name) {
        (ServerDiffers, Some(name)) => format!("Your server settings differ from what {name} documents"),
        (SmtpMessageTooBig, Some(name)) if provider.is_some_and(|p| p.send_limit_mb.is_some()) => {
            format!("The message is larger than {name} accepts")
        }
        _ => plain_title(code).into(),
    }
}

fn plain_title(code: CauseCode) -> &'static str {
    use CauseCode::*;
    match code {
        Port25Blocked => "Your internet provider probably blocks port 25",
        TlsWrongVersion => "The security setting does not match the port",
        TlsInterception => "An antivirus program is scanning your mail connection",
        TlsNameMismatch => "The server's certificate is for a different name",
        TlsExpired => "The certificate looks expired",
        TlsUntrusted => "The server's certificate is not trusted",
        TlsHandshake => "The encrypted connection could not be set up",
        ServerDiffers => "Your server settings differ from the provider's",
        HostNotFound => "The server name could not be found",
        Refused => "The server refused the connection",
        Timeout => "The server did not answer in time",
        CannotConnect => "The app could not connect to the server",
        Dropped => "The connection was cut off",
        Offline => "This device is not connected to the internet",
        Firewall => "A firewall or antivirus program may be in the way",
        TooManyConnections => "Too many connections to the server at once",
        BasicAuthDisabled => "The server no longer accepts a plain password",
        AppPasswordRequired => "An app password is needed",
        WebLoginRequired => "The provider wants you to sign in on its website first",
        SmtpAuthFailed => "The outgoing server did not accept your user name or password",
        AuthFailed => "The server did not accept your user name or password",
        AuthTemporary => "Sign-in is blocked for a while",
        SmtpAuthRequired => "The outgoing server needs you to sign in",
        SmtpStarttlsRequired => "The outgoing server needs an encrypted connection",
        SmtpTlsUnavailable => "The outgoing server could not start encryption just now",
        SmtpRelayDenied => "The server refused to pass your message on",
        SmtpSenderRejected => "The server refused the sender address",
        SmtpMessageTooBig => "The message is too large",
        SmtpRecipientUnknown => "The recipient's address does not exist",
        SmtpRecipientMailboxFull => "The recipient's mailbox is full",
        SmtpTooManyRecipients => "Too many recipients in one message",
        SmtpPolicyRejected => "The message was refused by a spam or security rule",
        SmtpUnavailable => "The server is not taking connections right now",
        SmtpTryLater => "A temporary problem on the server",
        PopMailboxLocked => "Another device is fetching mail from this mailbox",
        MailboxOverQuota => "Your mailbox is full",
        NotRecognised => "This error is not recognised",
    }
}

/// What the cause means and why it happens, for someone who does not know mail protocols.
pub(crate) fn why(code: CauseCode) -> &'static str {
    use CauseCode::*;
    match code {
        Port25Blocked => {
            "Port 25 is the port mail servers use to pass mail to each other. Many home internet providers block \
             it for their customers, to stop infected computers from sending spam, so a mail app that sends on \
             port 25 waits and gives up. Mail apps should send on port 587 or 465 instead, and sign in."
        }
        TlsWrongVersion => {
            "Mail servers encrypt in one of two ways. On ports 465, 993 and 995 the connection is encrypted from \
             the first byte (SSL/TLS). On ports 587, 143 and 110 it starts unencrypted and switches to encryption \
             with STARTTLS. Errors such as \"wrong version number\" mean the app and the server expected \
             different ways: usually SSL/TLS is chosen on a STARTTLS port, or the other way round."
        }
        TlsInterception => {
            "Some antivirus programs (for example the mail shields of Avast, AVG, Kaspersky, ESET, Bitdefender \
             and Norton) place themselves between your mail app and the server to scan your mail. To read \
             encrypted mail they show the app a certificate of their own instead of the server's. Mail apps that \
             keep their own list of trusted certificates, such as Thunderbird, then report it as not trusted."
        }
        TlsNameMismatch => {
            "The server showed a certificate made out to another name than the server name in your settings. \
             This happens when the settings use a name under your own domain or an old name, while the \
             provider's certificate only covers its official server names. It can also mean that something is \
             intercepting the connection."
        }
        TlsExpired => {
            "A certificate is valid between two dates. Either the server's certificate has really expired, which \
             only the provider can fix, or the date and time on this device are wrong, which makes valid \
             certificates look expired or not yet valid."
        }
        TlsUntrusted => {
            "The certificate the server showed was not issued by an authority your device trusts, or the server \
             signed it itself. Large providers use trusted certificates, so this usually means the server name is \
             not the provider's own, or an antivirus program or the network is intercepting the connection."
        }
        TlsHandshake => {
            "The app and the server could not agree on how to encrypt the connection. Common causes are a \
             security setting that does not match the port, an old app or system that only knows encryption \
             versions the server no longer accepts, and antivirus programs that scan mail."
        }
        ServerDiffers => {
            "The provider documents other server settings than the ones entered. A wrong server name, port or \
             security setting is one of the most common reasons a mail app cannot connect."
        }
        HostNotFound => {
            "Your device could not find a server with this name. The name is most likely mistyped or out of \
             date; less often, the internet connection or its name lookup (DNS) is not working."
        }
        Refused => {
            "The server's address was reached, but the connection was refused on that port: the port is most \
             likely wrong, or a firewall refused the connection."
        }
        Timeout => {
            "The app waited for the server and gave up. Usually something on the way silently drops the \
             connection: a firewall, an antivirus program, an internet provider blocking the port, or a wrong \
             server name or port. Now and then the server is simply slow or down."
        }
        CannotConnect => {
            "No connection to the mail server could be made. The usual reasons, most likely first: a wrong server \
             name, port or security setting; a firewall or antivirus program blocking the app; the internet \
             provider blocking the port; the internet connection itself."
        }
        Dropped => {
            "The connection was made, then closed before the app was done. Antivirus programs that scan mail and \
             firewalls often do this; so do unstable connections and servers that limit how often you may \
             connect."
        }
        Offline => "The device has no working connection to the internet, so no server can be reached.",
        Firewall => {
            "Firewalls and antivirus programs that scan mail sit between the mail app and the server. When they \
             block the app or mishandle its connection, the app reports that it could not connect or that the \
             connection was interrupted."
        }
        TooManyConnections => {
            "Servers limit how many connections one account may have open at the same time. Several devices or \
             apps checking the same mailbox, or one app opening many connections, can go over that limit."
        }
        BasicAuthDisabled => {
            "The server says that signing in with a password (called basic authentication) is switched off for \
             this account. The mail app has to sign in through the provider's own sign-in page instead (OAuth2)."
        }
        AppPasswordRequired => {
            "The server does not accept your normal password from a mail app. It expects an app password: a \
             separate password you create in your account's security settings, for this one app."
        }
        WebLoginRequired => {
            "The provider blocked the sign-in from the mail app until you confirm it is you. This happens after \
             unusual sign-in attempts, or when the account needs your attention."
        }
        SmtpAuthFailed => {
            "The sending (SMTP) server refused the sign-in. The password or user name is wrong, the app uses \
             another password for sending than for receiving, or the provider wants an app password or a \
             sign-in through its own page."
        }
        AuthFailed => {
            "The server refused the sign-in. Most often the password is wrong or was changed elsewhere, or the \
             user name is not in the form the provider expects. Some providers also refuse normal passwords \
             from mail apps and want an app password or a sign-in through their own page."
        }
        AuthTemporary => {
            "The server refuses to sign you in for now, usually after too many attempts in a short time, for \
             example from another device with an old password saved."
        }
        SmtpAuthRequired => {
            "The sending server only accepts mail from apps that sign in with your email account, so that nobody \
             else can send through it. The app sent without signing in."
        }
        SmtpStarttlsRequired => {
            "The sending server refuses to go on until the connection is encrypted with STARTTLS, and the app \
             was about to continue without encryption."
        }
        SmtpTlsUnavailable => "The server offers encryption (STARTTLS) but could not start it, for a passing reason.",
        SmtpRelayDenied => {
            "A mail server passes mail on to other domains (relays it) only for senders who have signed in. The \
             server did not see a sign-in from your app, or the app sends through a server that is not your \
             provider's."
        }
        SmtpSenderRejected => {
            "The outgoing server checks that the sender address belongs to the account that signed in. The \
             address in the message does not match the account, or the app did not sign in."
        }
        SmtpMessageTooBig => {
            "The server refuses messages over a set size. Attachments grow by about a third when they are sent, \
             so a message can go over the limit even when its files look smaller."
        }
        SmtpRecipientUnknown => {
            "The receiving server does not know the address you sent to. This is about the recipient's address, \
             not your settings."
        }
        SmtpRecipientMailboxFull => {
            "The recipient's mailbox has no space left, so their server cannot take your message. Your settings \
             are fine."
        }
        SmtpTooManyRecipients => "The server limits how many recipients one message may have.",
        SmtpPolicyRejected => {
            "A server refused the message because of a rule: it looked like spam, the sending address or network \
             is on a block list, or the sender's domain failed a check. Your account settings are usually not the \
             cause."
        }
        SmtpUnavailable => {
            "The server answered that it is not available and closed the connection (reply 421). It may be busy \
             or restarting, it may limit how often you connect, or it may not accept connections from your \
             network on this port."
        }
        SmtpTryLater => {
            "The server reported a temporary failure. Mail apps and servers usually try such messages again on \
             their own."
        }
        PopMailboxLocked => {
            "A POP mailbox can be open in only one session at a time. While another device or app is downloading, \
             or after a session ended badly, the server refuses the next one for a while."
        }
        MailboxOverQuota => {
            "Your mailbox has reached its storage limit, so the server will not store more, and new mail may be \
             returned to its senders."
        }
        NotRecognised => {
            "mailcheck does not know this error text, so it cannot say for sure what went wrong. The checks below \
             solve most mail problems."
        }
    }
}

const SECURITY_BY_PORT: &str =
    "Match the security setting to the port: SSL/TLS with 465, 993 and 995; STARTTLS with 587, 143 and 110.";
const CHECK_WEBMAIL: &str = "Sign in to your provider's webmail with the same user name and password, to check them.";
const FULL_ADDRESS: &str = "Use your full email address as the user name, unless your provider says otherwise.";
const ANTIVIRUS_TEST: &str =
    "To test, turn off the antivirus program's email scanning for a moment and try again; turn it back on after.";
const OTHER_NETWORK: &str =
    "Try on another network, such as your phone's hotspot: if it works there, your network blocks the connection.";
const PROVIDER_NAMES: &str = "Check the server name letter by letter against your provider's help page.";
const SIGN_IN_OUTGOING: &str = "Turn on sign-in (authentication) for the outgoing server, with your full email \
                                address and password. Outlook calls it \"My outgoing server (SMTP) requires \
                                authentication\".";

/// General fixes of a cause, after the ones that depend on the settings.
pub(crate) fn checklist(code: CauseCode) -> &'static [&'static str] {
    use CauseCode::*;
    match code {
        // The first entry is the general advice: `decode` leaves it out when the provider's own server is
        // given, since not every provider documents both ports.
        Port25Blocked => &[
            "Change the outgoing port from 25 to 587 with STARTTLS, or to 465 with SSL/TLS.",
            SIGN_IN_OUTGOING,
        ],
        TlsWrongVersion => &[SECURITY_BY_PORT],
        TlsInterception => &[
            "In the antivirus program, turn off the scanning of encrypted mail (or of email), then try again.",
            "To keep the scanning, import the antivirus program's certificate into the mail app, as the antivirus \
             maker's help pages describe.",
        ],
        TlsNameMismatch => &[
            "Use the server name exactly as your provider's help page gives it, not one under your own domain.",
            "If the name is right, check whether an antivirus program scans your mail connections.",
        ],
        TlsExpired => &[
            "Check that the date, time and time zone of this device are right, then try again.",
            "If they are, the provider has to renew its certificate: tell them, and do not turn encryption off \
             in the meantime.",
        ],
        TlsUntrusted => &[
            "Use the server name from your provider's help page.",
            "If an antivirus program scans your mail, see whether turning that scanning off helps.",
            "Do not accept a certificate you cannot check: on a public network, someone could be reading your \
             password.",
        ],
        TlsHandshake => &[
            SECURITY_BY_PORT,
            "Update the mail app and the operating system.",
            ANTIVIRUS_TEST,
        ],
        ServerDiffers => &[],
        HostNotFound => &[
            PROVIDER_NAMES,
            "Check that websites open, to rule out the internet connection.",
        ],
        Refused => &[
            "Check the port: usually 587 or 465 for sending, 993 for IMAP and 995 for POP.",
            "Check that a firewall on this computer or network lets the mail app connect.",
        ],
        Timeout | CannotConnect => &[
            "Check the server name, the port and the security setting against your provider's help page.",
            OTHER_NETWORK,
            "Check whether a firewall or antivirus program blocks the mail app.",
        ],
        Dropped => &[
            ANTIVIRUS_TEST,
            SECURITY_BY_PORT,
            "If it only happens now and then, let the app check for mail less often.",
        ],
        Offline => &[
            "Check the Wi-Fi or network connection, and open a web page to test it.",
            "Turn off airplane mode, or a VPN that has stopped working.",
        ],
        Firewall => &[
            "Look in the firewall or antivirus program for blocked connections of your mail app, and allow it.",
            ANTIVIRUS_TEST,
        ],
        TooManyConnections => &[
            "Close mail apps you are not using on other devices, or let them check for mail less often.",
            "Let the app keep fewer connections open (Thunderbird: reduce the number of cached connections in \
             the advanced IMAP server settings).",
        ],
        BasicAuthDisabled => &[
            "Use a mail app that supports the provider's own sign-in page (OAuth2), and add the account again \
             with that sign-in.",
            "For a work or school account, the administrator decides whether password sign-in is allowed.",
        ],
        AppPasswordRequired => &[
            "Create an app password in your account's security settings and type it into the mail app instead \
             of your normal password.",
            "Or, if your app can, sign in through the provider's own sign-in page (OAuth2) instead.",
        ],
        WebLoginRequired => &[
            "Sign in to your mail on the provider's website and follow any security prompts there, then try the \
             app again.",
        ],
        SmtpAuthFailed => &[
            "Type the password again in the outgoing server settings: many apps keep a separate one for sending.",
            FULL_ADDRESS,
            CHECK_WEBMAIL,
        ],
        AuthFailed => &[
            CHECK_WEBMAIL,
            "Type the password again in the app: a saved password stops working once it is changed elsewhere.",
            FULL_ADDRESS,
        ],
        AuthTemporary => &[
            "Wait a while, then try once.",
            "Look for other devices and apps with an old password saved, which keep trying.",
        ],
        SmtpAuthRequired => &[SIGN_IN_OUTGOING],
        SmtpStarttlsRequired => &["Set the outgoing security to STARTTLS on port 587, or to SSL/TLS on port 465."],
        SmtpTlsUnavailable => &[
            "Try again in a few minutes.",
            "If it keeps happening, tell your provider; do not turn encryption off.",
        ],
        SmtpRelayDenied => &[SIGN_IN_OUTGOING, "Send through your own provider's outgoing server."],
        SmtpSenderRejected => &[
            "Make sure the email address in the account settings is exactly the one you sign in with.",
            SIGN_IN_OUTGOING,
            "To send from another address, add it at your provider first (often called an alias).",
        ],
        SmtpMessageTooBig => {
            &["Send fewer or smaller attachments, or share large files as a link from a cloud storage service."]
        }
        SmtpRecipientUnknown => &[
            "Check the recipient's address for typos, especially after the @.",
            "Ask the recipient for their current address.",
        ],
        SmtpRecipientMailboxFull => &["Try again later, or reach the recipient another way so they can make space."],
        SmtpTooManyRecipients => &[
            "Send the message in smaller groups.",
            "For mailings to many people, use a mailing-list service.",
        ],
        SmtpPolicyRejected => &[
            "Read the rest of the server's message: it often names the rule or the block list.",
            "If your own provider's server refused it, send them the full error text.",
        ],
        SmtpUnavailable => &[
            "Try again in a few minutes.",
            "If you send on port 25, switch to port 587 with STARTTLS or 465 with SSL/TLS.",
        ],
        SmtpTryLater => &[
            "Wait a few minutes and send again.",
            "If it lasts for hours, send your provider the full error text.",
        ],
        PopMailboxLocked => &[
            "Wait a few minutes and try again.",
            "Let other devices that use POP check less often, or switch the devices to IMAP.",
        ],
        MailboxOverQuota => &[
            "Delete large old messages and empty the Trash (Deleted) folder on the server, for example in webmail.",
            "Move mail you want to keep into folders on this computer.",
        ],
        NotRecognised => &[
            CHECK_WEBMAIL,
            "Check the server names, ports and security settings against your provider's help page.",
            SECURITY_BY_PORT,
            "Turn on sign-in (authentication) for the outgoing server, with the same user name and password.",
            "Try another network, and try with the antivirus program's email scanning off, to rule out blocking.",
            "Update the mail app.",
        ],
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
                    "{side} {} server for {provider}: {}, port {}, security {}.",
                    server.protocol.label(),
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
                    "Set the user name to {expected}: {provider} expects the full email address."
                )
            }
            Username {
                provider,
                form: UsernameForm::LocalPart,
                expected,
            } => {
                write!(
                    f,
                    "Set the user name to {expected}: {provider} expects only the part before the @."
                )
            }
            Username {
                provider,
                form: UsernameForm::Template(_),
                expected,
            } => write!(
                f,
                "Set the user name to {expected}: the form {provider} expects, made from your address."
            ),
            ProviderAuth {
                provider,
                auth: Auth::OAuth2,
            } => write!(
                f,
                "{provider} wants mail apps to sign in through its own sign-in page (OAuth2), not with a typed \
                 password: choose that sign-in in your mail app, or add the account again and pick {provider} \
                 from the app's list."
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
                checked: true,
            } => write!(f, "{provider} documents its settings at {url}"),
            Source {
                provider,
                url,
                checked: false,
            } => write!(
                f,
                "These settings come from the Thunderbird ISPDB, a community database; {provider}'s own help page \
                 may say more: {url}"
            ),
        }
    }
}
