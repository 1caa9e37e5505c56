//! Texts of exports, imports and share links (see `crate::export`, `crate::import`, `crate::share`, and
//! `crate::account` for settings that cannot be exported), and of the documents that cannot be read: a
//! provider data file (`crate::data`), an autoconfig document read strictly (`crate::client_config`).

use crate::account::{AccountError, Problem, Username};
use crate::client_config::Refused;
use crate::export::{ExportError, Format};
use crate::import::ImportError;
use crate::model::AuthMethod;
use crate::model::{Auth, Provider};
use crate::settings::{Field, ServerField};
use crate::share::ShareError;
use core::fmt;

/// The error types of exports, imports and share links say why in the words here: their `Display` is
/// written in this module, so the modules that make them need no wording (and no import of the catalog).
macro_rules! display_with {
    ($($error:ty => $words:ident),* $(,)?) => {$(
        impl fmt::Display for $error {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&$words(self))
            }
        }
    )*};
}

display_with! {
    AccountError => account_error,
    ExportError => export_error,
    ImportError => import_error,
    ShareError => share_error,
    Refused => refused,
}

/// `text` with its first letter in upper case, to start a sentence.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + chars.as_str())
}

/// A settings field as people call it, for messages ("the outgoing port").
fn field_words(field: Field) -> String {
    let (side, f) = match field {
        Field::Email => return "the email address".to_owned(),
        Field::Incoming(f) => ("incoming", f),
        Field::Outgoing(f) => ("outgoing", f),
    };
    let what = match f {
        ServerField::Protocol => "server type",
        ServerField::Host => "server name",
        ServerField::Port => "port",
        ServerField::Security => "security setting",
        ServerField::Username => "user name",
        ServerField::Auth => "sign-in method",
    };
    format!("the {side} {what}")
}

/// Why a settings field cannot be used in a file, for `account.*` codes.
fn account_error(e: &AccountError) -> String {
    // The words for people, the path for whoever edits a settings file.
    let field = format!("{} ({})", capitalized(&field_words(e.field)), e.field.path());
    let value = &e.value;
    match e.problem {
        Problem::Empty => format!("{field} is empty. Fill it in, then try again."),
        Problem::NotIncoming => {
            format!("{field} is \"{value}\". Incoming mail uses IMAP or POP3; enter \"imap\" or \"pop3\".")
        }
        Problem::NotSmtp => format!("{field} is \"{value}\". Outgoing mail always uses SMTP; enter \"smtp\"."),
        Problem::NotAPort => {
            format!("{field} is \"{value}\", which is not a port. A port is a number from 1 to 65535.")
        }
        Problem::UnknownSecurity => {
            format!("{field} is \"{value}\". Enter \"tls\" (SSL/TLS), \"starttls\" (STARTTLS) or \"none\".")
        }
        Problem::UnknownAuth => format!("{field} is \"{value}\". Enter \"password\", \"oauth2\" or \"none\"."),
    }
}

/// Why an export is not possible, for `export.*` codes.
fn export_error(e: &ExportError) -> String {
    match *e {
        ExportError::NeedsOAuth2(format) => format!(
            "{} cannot set up sign-in through the provider's web page (OAuth2), and this account needs it. \
             Set up the account in the mail app itself instead.",
            format_name(format)
        ),
        ExportError::NeedsDomain(format) => format!(
            "{} is made for a mail domain, and these settings name none. Add the email address, then try again.",
            format_name(format)
        ),
    }
}

/// What a format is called in messages.
pub const fn format_name(format: Format) -> &'static str {
    match format {
        Format::Mobileconfig => "An Apple configuration profile",
        Format::Autoconfig => "A Thunderbird autoconfig file",
        Format::Autodiscover => "An Outlook Autodiscover file",
        Format::Text => "A text summary",
    }
}

/// Why a `config-v1.1.xml` document cannot be imported, for `import.*` codes.
fn import_error(e: &ImportError) -> String {
    match e {
        ImportError::TooLarge { limit } => {
            format!("This file is larger than {limit} bytes; an autoconfig file is a few kilobytes. Check that it is the right file.")
        }
        ImportError::NotXml { line, column, detail } => format!(
            "This file is not valid XML (line {line}, column {column}: {detail}). \
             Open it in a text editor and check that it is a complete config-v1.1.xml file."
        ),
        ImportError::NotAutoconfig { root } => format!(
            "This XML file is not an autoconfig file: it starts with <{root}>, not <clientConfig>. \
             Use the config-v1.1.xml file your provider publishes."
        ),
        ImportError::NoProvider => {
            "This autoconfig file has no <emailProvider> section, so it holds no settings.".to_owned()
        }
        ImportError::NoDomain => {
            "This autoconfig file names no mail domain (<domain>), so it cannot say whose settings it holds.".to_owned()
        }
        ImportError::NoIncoming => {
            "This autoconfig file has no IMAP or POP3 incoming server, so there is nothing to check for receiving mail."
                .to_owned()
        }
        ImportError::NoOutgoing => {
            "This autoconfig file has no SMTP outgoing server, so there is nothing to check for sending mail."
                .to_owned()
        }
    }
}

/// Why an autoconfig document gave no record, with every part left out on the way.
fn refused(r: &Refused) -> String {
    let mut out = r.error.to_string();
    for s in &r.skipped {
        out.push_str(&format!(" Left out {s}."));
    }
    out
}

/// Why a provider data file cannot be read: where (`line` 0 for the whole file), what, and the value it is
/// about (may be empty). Parts rather than the `crate::data::DataError`, whose reader uses this catalog.
pub fn data_error(line: usize, problem: &str, value: &str) -> String {
    let mut out = String::from("the provider data");
    if line > 0 {
        out.push_str(&format!(", line {line}"));
    }
    out.push_str(&format!(": {problem}"));
    if !value.is_empty() {
        out.push_str(&format!(": {value}"));
    }
    out
}

/// Why a share link cannot be opened, for `share.*` codes.
fn share_error(e: &ShareError) -> String {
    match e {
        ShareError::Empty => "This link holds no settings. Ask the sender to copy the whole link again.".to_owned(),
        ShareError::NotALink => {
            "This is not a mailcheck settings link. Ask the sender to copy the whole link again.".to_owned()
        }
        ShareError::NewerVersion(v) => format!(
            "This link was made by a newer mailcheck (link version {v}). Reload the page to get the newest \
             version, then open the link again."
        ),
        ShareError::Damaged => {
            "This link is damaged: part of it is missing or was changed. Ask the sender to copy the whole link again."
                .to_owned()
        }
        ShareError::UnknownPart(name) => format!(
            "This link holds a part mailcheck does not know (\"{name}\"), so it was not opened. Links never carry \
             passwords; ask the sender to make a new link in mailcheck."
        ),
        ShareError::TooLong { limit } => {
            format!(
                "This link is longer than {limit} characters, far more than any settings need, so it was not opened."
            )
        }
    }
}

/// The profile's name on the device, e.g. `Email: jane@q.com (CenturyLink)`.
pub fn profile_name(email: Option<&str>, provider: Option<&str>) -> String {
    match (email, provider) {
        (Some(email), Some(provider)) => format!("Email: {email} ({provider})"),
        (Some(email), None) => format!("Email: {email}"),
        (None, Some(provider)) => format!("Email ({provider})"),
        (None, None) => "Email account".to_owned(),
    }
}

/// The profile's description, shown before installing.
/// What the profile says it does; `source` is where the provider settings in it come from, when they are a
/// provider's ([`super::provenance::sentence`]).
pub fn profile_description(email: Option<&str>, source: Option<&str>) -> String {
    let what = email.map_or_else(|| "an email account".to_owned(), |e| format!("the email account {e}"));
    let mut out =
        format!("Adds {what} to Mail. It holds no password: Mail asks for it while installing. Made with mailcheck.");
    if let Some(source) = source {
        out.push_str(" Settings: ");
        out.push_str(source);
    }
    out
}

/// The account's name in Mail and Settings.
pub fn account_description(email: Option<&str>, provider: Option<&str>) -> String {
    provider.or(email).unwrap_or("Email").to_owned()
}

/// The `descr` of an autoconfig file's documentation link.
pub fn autoconfig_documentation(provider: &str, checked: &str) -> String {
    format!("{provider}'s settings page, checked by mailcheck on {checked}")
}

/// The words of the text summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Incoming,
    Outgoing,
    Server,
    Port,
    Security,
    Username,
    SignIn,
}

pub const fn label(l: Label) -> &'static str {
    match l {
        Label::Incoming => "Incoming mail",
        Label::Outgoing => "Outgoing mail",
        Label::Server => "Server",
        Label::Port => "Port",
        Label::Security => "Encryption",
        Label::Username => "User name",
        Label::SignIn => "Sign-in",
    }
}

/// The summary's first line.
pub fn summary_title(email: Option<&str>, provider: Option<&str>) -> String {
    match (email, provider) {
        (Some(email), Some(provider)) => format!("Email settings for {email} ({provider})"),
        (Some(email), None) => format!("Email settings for {email}"),
        (None, Some(provider)) => format!("Email settings for {provider}"),
        (None, None) => "Email settings".to_owned(),
    }
}

/// What to type as user name, in words when it depends on an address not given.
pub fn username_text(username: &Username, email: Option<&str>) -> String {
    match (username.resolve(email), username) {
        (Some(name), _) => name,
        (None, Username::Address) => "your full email address".to_owned(),
        (None, Username::LocalPart) => "the part of your address before @".to_owned(),
        (None, Username::Template(t)) => format!(
            "{} (made from your address name@domain)",
            t.replace("%EMAILADDRESS%", "name@domain")
                .replace("%EMAILLOCALPART%", "name")
                .replace("%EMAILDOMAIN%", "domain")
        ),
        (None, _) => "(not filled in)".to_owned(),
    }
}

/// How to sign in; `provider_auth` is the provider's recommended credential, when the settings are its.
pub fn sign_in_text(auth: AuthMethod, provider_auth: Option<Auth>) -> String {
    match (auth, provider_auth) {
        (AuthMethod::Password, Some(Auth::AppPassword)) => {
            "an app password (made in your account's security settings), not your normal password"
        }
        (AuthMethod::Password, Some(Auth::SecureMailKey)) => "a Secure Mail Key, not your normal password",
        (AuthMethod::Password, _) => "your email password",
        (AuthMethod::EncryptedPassword, _) => "your email password, as an encrypted password (CRAM-MD5)",
        (AuthMethod::OAuth2, _) => "sign in through the provider's web page (OAuth2)",
        (AuthMethod::None, _) => "none",
    }
    .to_owned()
}

/// Where provider settings come from.
pub fn summary_source(provider: &Provider) -> String {
    let mut out = format!("Source: {}", super::provenance::sentence(provider));
    if let Some(url) = provider.page() {
        out.push_str(&format!(" {}: {url}", super::provenance::page_label(provider)));
    }
    out
}

/// Where the user's own settings come from.
pub fn summary_own_settings() -> String {
    "Source: the settings as entered, not the provider's published ones.".to_owned()
}

/// The summary's last line.
pub fn summary_no_password() -> String {
    "No password is included.".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_says_which_password_goes_in_the_field() {
        assert_eq!(
            sign_in_text(AuthMethod::Password, Some(Auth::Password)),
            "your email password"
        );
        assert_eq!(sign_in_text(AuthMethod::Password, None), "your email password");
        assert!(sign_in_text(AuthMethod::Password, Some(Auth::AppPassword)).contains("app password"));
        assert!(sign_in_text(AuthMethod::Password, Some(Auth::SecureMailKey)).contains("Secure Mail Key"));
        assert!(sign_in_text(AuthMethod::OAuth2, Some(Auth::OAuth2)).contains("OAuth2"));
        assert_eq!(AuthMethod::from_provider(Auth::SecureMailKey), AuthMethod::Password);
        assert_eq!(AuthMethod::from_provider(Auth::OAuth2), AuthMethod::OAuth2);
    }

    #[test]
    fn user_names_in_words_when_no_address_is_given() {
        assert_eq!(username_text(&Username::Address, None), "your full email address");
        assert_eq!(
            username_text(&Username::LocalPart, None),
            "the part of your address before @"
        );
        assert_eq!(username_text(&Username::LocalPart, Some("jane@q.com")), "jane");
    }
}
