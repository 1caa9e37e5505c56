//! Step-by-step setup guides for the user's own mail app, filled in with their values.
//!
//! A [`Guide`] is data, not markup: ordered steps, each with a sentence and typed fields, plus notes, so the
//! app can render it and the CLI can print it. Each app family has one module holding all of its wording:
//! its menu paths, its field labels and its word for each security mode, checked against the maker's own
//! documentation or the app's published interface text ([`Guide::source`] names which). Where neither could
//! be checked, the steps stay general ("open the account settings") instead of naming a menu that may not
//! exist, and the guide says so in a note.

mod account;
mod android;
mod apple;
mod emclient;
mod generic;
mod outlook;
mod thunderbird;

pub use account::{Account, Credential, ServerAccount};

use crate::model::{Protocol, Security};
use crate::texts::Texts;
use serde::{Serialize, Serializer};

/// A mail app a guide is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Client {
    /// Classic Outlook for Windows (the Microsoft 365 / Office desktop app).
    OutlookWindows,
    /// The new Outlook for Windows, which replaced Windows Mail and Calendar.
    OutlookNew,
    OutlookMac,
    /// Mail on macOS.
    AppleMail,
    /// Mail on iPhone and iPad.
    IosMail,
    /// The Gmail app on Android, adding a non-Google account.
    GmailAndroid,
    SamsungEmail,
    /// Thunderbird on the desktop.
    Thunderbird,
    /// Thunderbird for Android and K-9 Mail, which share their account setup.
    ThunderbirdAndroid,
    EmClient,
    /// Any other app: generic names for every field.
    Generic,
}

impl Client {
    /// Every client, in the order an app lists them.
    pub const ALL: [Client; 11] = [
        Client::OutlookWindows,
        Client::OutlookNew,
        Client::OutlookMac,
        Client::AppleMail,
        Client::IosMail,
        Client::GmailAndroid,
        Client::SamsungEmail,
        Client::Thunderbird,
        Client::ThunderbirdAndroid,
        Client::EmClient,
        Client::Generic,
    ];

    /// Every client, in the order an app lists them.
    pub fn all() -> &'static [Client] {
        &Client::ALL
    }

    /// The stable id used by the CLI and in URLs.
    pub const fn id(self) -> &'static str {
        match self {
            Client::OutlookWindows => "outlook-windows",
            Client::OutlookNew => "outlook-new",
            Client::OutlookMac => "outlook-mac",
            Client::AppleMail => "apple-mail",
            Client::IosMail => "ios-mail",
            Client::GmailAndroid => "gmail-android",
            Client::SamsungEmail => "samsung-email",
            Client::Thunderbird => "thunderbird",
            Client::ThunderbirdAndroid => "thunderbird-android",
            Client::EmClient => "em-client",
            Client::Generic => "generic",
        }
    }

    /// The client with this id, exactly as [`Client::id`] spells it.
    pub fn from_id(id: &str) -> Option<Client> {
        Client::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The app's name as a button or list item shows it, standing alone (a guide's title names it as it reads
    /// inside a sentence, "set up your account in the Gmail app on Android": texts/guides.toml, `app.<id>`).
    pub const fn label(self) -> &'static str {
        match self {
            Client::OutlookWindows => "Outlook for Windows (classic)",
            Client::OutlookNew => "New Outlook for Windows",
            Client::OutlookMac => "Outlook for Mac",
            Client::AppleMail => "Mail on Mac",
            Client::IosMail => "Mail on iPhone and iPad",
            Client::GmailAndroid => "Gmail app on Android",
            Client::SamsungEmail => "Samsung Email",
            Client::Thunderbird => "Thunderbird",
            Client::ThunderbirdAndroid => "Thunderbird for Android / K-9 Mail",
            Client::EmClient => "eM Client",
            Client::Generic => "Another mail app",
        }
    }
}

impl Serialize for Client {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// A setup guide for one app, filled in with one account's values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Guide {
    pub client: Client,
    pub title: String,
    /// The app version the steps describe, e.g. "Thunderbird for Android and K-9 Mail (the shared setup)".
    pub version: String,
    /// What the menus and labels were checked against.
    pub source: Source,
    pub steps: Vec<Step>,
    pub notes: Vec<Note>,
}

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

/// The setup guide for `account` in `client`, in the words of `texts` (the data file's, see
/// [`crate::Database::texts`]).
pub fn guide(client: Client, account: &Account, texts: &Texts) -> Guide {
    let t = texts;
    let parts = match client {
        Client::OutlookWindows => outlook::classic(account, t),
        Client::OutlookNew => outlook::new(account, t),
        Client::OutlookMac => outlook::mac(account, t),
        Client::AppleMail => apple::mac(account, t),
        Client::IosMail => apple::ios(account, t),
        Client::GmailAndroid => android::gmail(account, t),
        Client::SamsungEmail => android::samsung(account, t),
        Client::Thunderbird => thunderbird::desktop(account, t),
        Client::ThunderbirdAndroid => thunderbird::android(account, t),
        Client::EmClient => emclient::guide(account, t),
        Client::Generic => generic::guide(account, t),
    };
    let mut notes = parts.notes;
    notes.extend(shared_notes(parts.source, account, t));
    let app = t.get(&format!("app.{}", client.id()));
    Guide {
        client,
        title: match &account.email {
            Some(email) => t.fill("s1", &[("email", email), ("app", app)]),
            None => t.fill("s2", &[("app", app)]),
        },
        version: t.get(parts.version).to_owned(),
        source: parts.source,
        steps: parts.steps,
        notes,
    }
}

/// What a client module contributes; [`guide`] adds the title and the notes every guide shares.
struct Parts {
    /// The key of the version line.
    version: &'static str,
    source: Source,
    steps: Vec<Step>,
    notes: Vec<Note>,
}

/// Which of the two servers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Incoming,
    Outgoing,
}

impl Side {
    fn of(self, account: &Account) -> &ServerAccount {
        match self {
            Side::Incoming => &account.incoming,
            Side::Outgoing => &account.outgoing,
        }
    }
}

/// A client's words for the three security modes.
struct SecurityWords {
    tls: &'static str,
    starttls: &'static str,
    none: &'static str,
}

impl SecurityWords {
    fn word(&self, security: Security) -> &'static str {
        match security {
            Security::Tls => self.tls,
            Security::Starttls => self.starttls,
            Security::None => self.none,
        }
    }
}

/// How a field of a guide is filled in from the account. The client modules write their steps as tables of
/// these, a few words of data per field rather than code, which keeps the guides small in the web app.
#[derive(Clone, Copy)]
enum Fill {
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
    Rule(Side, fn(Side, &Account, &Texts) -> Value),
    /// The field only where the server signs in at all.
    IfSignsIn(Side, &'static Fill),
    /// The field only where the server signs in with a password, or its sign-in is unknown.
    IfPassword(Side, &'static Fill),
}

impl Fill {
    /// The value, or `None` when the field does not apply to this account.
    fn value(self, a: &Account, t: &Texts) -> Option<Value> {
        let unknown = |key| Value::Yours(t.get(key).into());
        Some(match self {
            Fill::Email => known(a.email.as_ref()).unwrap_or_else(|| unknown("s3")),
            Fill::Name => known(a.display_name.as_ref()).unwrap_or_else(|| unknown("s4")),
            Fill::Password(side) => unknown(match side.of(a).credential {
                Some(Credential::AppPassword) => "s9",
                Some(Credential::SecureMailKey) => "s10",
                _ => "s11",
            }),
            Fill::Host(side) => known(side.of(a).host.as_ref()).unwrap_or_else(|| match side {
                Side::Incoming => unknown("s5"),
                Side::Outgoing => unknown("s6"),
            }),
            Fill::Port(side) => match side.of(a).port {
                Some(port) => Value::Text(port.to_string()),
                None => unknown("s7"),
            },
            Fill::Username(side) => known(side.of(a).username.as_ref()).unwrap_or_else(|| unknown("s8")),
            Fill::Security(side, words) => match side.of(a).security {
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
                    .filter(|_| side.of(a).credential != Some(Credential::NoSignIn))
            }
            Fill::IfPassword(side, fill) => {
                return fill
                    .value(a, t)
                    .filter(|_| side.of(a).credential.is_none_or(Credential::is_password))
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
type StepSpec = (&'static str, &'static [(&'static str, Fill)]);

/// The steps of `specs`, filled in for `a`.
fn steps(a: &Account, specs: &[StepSpec], t: &Texts) -> Vec<Step> {
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

fn note(level: Level, text: impl Into<String>) -> Note {
    Note {
        level,
        text: text.into(),
    }
}

/// Whether the server's security mode is `security`.
fn uses(side: Side, account: &Account, security: Security) -> bool {
    side.of(account).security == Some(security)
}

fn uses_oauth(account: &Account) -> bool {
    [&account.incoming, &account.outgoing]
        .iter()
        .any(|s| s.credential == Some(Credential::OAuth2))
}

/// The notes every guide carries: unencrypted servers, unknown values, OAuth2, unchecked steps and the
/// provider's own advice.
fn shared_notes(source: Source, account: &Account, t: &Texts) -> Vec<Note> {
    let mut notes = Vec::new();
    for (side, name) in [(Side::Incoming, "incoming"), (Side::Outgoing, "outgoing")] {
        if uses(side, account, Security::None) {
            notes.push(note(Level::Warning, t.fill("s14", &[("side", name)])));
        }
    }
    if account.has_gaps() {
        notes.push(note(Level::Info, t.get("s15")));
    }
    if uses_oauth(account) {
        notes.push(note(Level::Info, t.get("s16")));
    }
    if source == Source::None {
        notes.push(note(Level::Info, t.get("s17")));
    }
    notes.extend(
        account
            .provider_notes
            .iter()
            .map(|text| note(Level::Info, text.as_str())),
    );
    notes
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Accounts and assertions the client modules' tests share.

    use super::*;
    use crate::database::embedded;
    use crate::settings::{ServerSettings, Settings};

    /// The guide in the embedded data's words, as the CLI makes it.
    pub fn guide(client: Client, account: &Account) -> Guide {
        super::guide(client, account, embedded().texts())
    }

    /// CenturyLink's recommended settings for jane@q.com: POP3 995 SSL/TLS, SMTP 587 STARTTLS.
    pub fn centurylink() -> Account {
        Account::recommended(embedded().by_id("centurylink").unwrap(), "jane@q.com")
    }

    /// CenturyLink's qwestoffice.net: POP3 110 without encryption, SMTP 465 SSL/TLS.
    pub fn qwestoffice() -> Account {
        Account::recommended(
            embedded().by_id("centurylink-qwestoffice").unwrap(),
            "bob@qwestoffice.net",
        )
    }

    /// IMAP on 143 with STARTTLS and SMTP on 465 with SSL/TLS, typed by a user.
    pub fn own_starttls() -> Account {
        let server =
            |protocol, host, port, security| ServerSettings::from([protocol, host, port, security, "sam", "password"]);
        Account::from_settings(&Settings {
            email: "sam@example.org".into(),
            incoming: server("imap", "imap.example.org", "143", "starttls"),
            outgoing: server("smtp", "smtp.example.org", "465", "tls"),
        })
    }

    /// Every label and value of a guide, and its notes, as one text to search.
    pub fn all_text(g: &Guide) -> String {
        let mut out = String::new();
        for s in &g.steps {
            out.push_str(&s.text);
            out.push('\n');
            for e in &s.fields {
                out.push_str(&format!("{}: {}\n", e.label, value_text(&e.value)));
            }
        }
        for n in &g.notes {
            out.push_str(&n.text);
            out.push('\n');
        }
        out
    }

    fn value_text(v: &Value) -> String {
        match v {
            Value::Text(t) | Value::Yours(t) => t.clone(),
            Value::Choose(c) => (*c).to_owned(),
            Value::Switch(on) => on.to_string(),
        }
    }

    /// The values given to fields labelled `label`, in order.
    pub fn values<'a>(g: &'a Guide, label: &str) -> Vec<&'a Value> {
        g.steps
            .iter()
            .flat_map(|s| &s.fields)
            .filter(|e| e.label == label)
            .map(|e| &e.value)
            .collect()
    }

    /// Whether any field carries this exact text value.
    pub fn has_text(g: &Guide, text: &str) -> bool {
        g.steps
            .iter()
            .flat_map(|s| &s.fields)
            .any(|e| e.value == Value::Text(text.into()))
    }

    pub fn warnings(g: &Guide) -> usize {
        g.notes.iter().filter(|n| n.level == Level::Warning).count()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{guide, *};
    use super::*;
    use crate::settings::{ServerSettings, Settings};
    use proptest::prelude::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        for c in Client::all() {
            assert_eq!(Client::from_id(c.id()), Some(*c));
        }
        let mut ids: Vec<_> = Client::all().iter().map(|c| c.id()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 11);
        for bad in ["", "Outlook-Windows", "outlook", "thunderbird ", "k9"] {
            assert_eq!(Client::from_id(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_guide_fills_in_the_account_and_names_its_version() {
        let a = centurylink();
        for &c in Client::all() {
            let g = guide(c, &a);
            assert!(g.title.contains("jane@q.com"), "{}", c.id());
            assert!(!g.version.is_empty() && !g.steps.is_empty(), "{}", c.id());
            for expected in ["pop.centurylink.net", "995", "smtp.centurylink.net", "587"] {
                assert!(has_text(&g, expected), "{} lacks {expected}", c.id());
            }
            assert_eq!(warnings(&g), 0, "{}: nothing unencrypted here", c.id());
            let text = all_text(&g);
            assert!(
                !text.contains("qwestoffice"),
                "{}: a value from another account",
                c.id()
            );
            assert!(
                text.contains("not the same as your My CenturyLink"),
                "{}: provider notes",
                c.id()
            );
        }
    }

    #[test]
    fn every_guide_shows_the_unencrypted_qwestoffice_server_and_warns() {
        let a = qwestoffice();
        for &c in Client::all() {
            let g = guide(c, &a);
            for expected in [
                "pop.qwestoffice.net",
                "110",
                "smtp.qwestoffice.net",
                "465",
                "bob@qwestoffice.net",
            ] {
                assert!(has_text(&g, expected), "{} lacks {expected}", c.id());
            }
            assert_eq!(warnings(&g), 1, "{}: one unencrypted server, one warning", c.id());
            assert!(
                all_text(&g).contains("incoming server is set up without encryption"),
                "{}",
                c.id()
            );
            for other in ["pop.centurylink.net", "smtp.centurylink.net", "jane@q.com"] {
                assert!(!has_text(&g, other), "{}: {other} is another account's", c.id());
            }
        }
    }

    #[test]
    fn unknown_values_become_placeholders_and_a_note() {
        let a = Account::from_settings(&Settings::default());
        for &c in Client::all() {
            let g = guide(c, &a);
            assert!(g.title.contains("your email account"), "{}", c.id());
            let text = all_text(&g);
            assert!(
                text.contains("the incoming server name your provider gives"),
                "{}",
                c.id()
            );
            assert!(text.contains("the port your provider gives"), "{}", c.id());
            assert!(text.contains("Some values are missing"), "{}", c.id());
        }
        assert!(!all_text(&guide(Client::Generic, &centurylink())).contains("Some values are missing"));
    }

    #[test]
    fn unchecked_guides_say_so_and_checked_ones_cite_a_page() {
        for &c in Client::all() {
            let g = guide(c, &centurylink());
            let says = all_text(&g).contains("could not check these steps");
            match g.source {
                Source::MakerDocs(url) | Source::AppSource(url) => {
                    assert!(url.starts_with("https://"), "{}", c.id());
                    assert!(!says, "{}", c.id());
                }
                Source::None => assert!(says, "{}", c.id()),
            }
        }
    }

    #[test]
    fn oauth_accounts_get_the_sign_in_note_and_password_accounts_do_not() {
        let gmail = Account::recommended(crate::database::embedded().by_id("gmail").unwrap(), "jane@gmail.com");
        for &c in Client::all() {
            assert!(all_text(&guide(c, &gmail)).contains("OAuth2"), "{}", c.id());
            assert!(
                !all_text(&guide(c, &centurylink())).contains("(OAuth2) instead"),
                "{}",
                c.id()
            );
        }
    }

    fn arbitrary_server() -> impl Strategy<Value = ServerSettings> {
        let word = prop_oneof![
            Just(String::new()),
            Just("imap".to_owned()),
            Just("POP3".to_owned()),
            Just("starttls".to_owned()),
            Just(" tls ".to_owned()),
            Just("oauth2".to_owned()),
            Just("none".to_owned()),
            ".{0,20}",
        ];
        (word.clone(), ".{0,40}", ".{0,8}", word.clone(), ".{0,30}", word)
            .prop_map(|(a, b, c, d, e, f)| ServerSettings::from([a, b, c, d, e, f]))
    }

    proptest! {
        #[test]
        fn any_settings_give_a_guide_for_any_client(
            email in ".{0,40}",
            incoming in arbitrary_server(),
            outgoing in arbitrary_server(),
            name in ".{0,20}",
            client in 0..Client::ALL.len(),
        ) {
            let account = Account::from_settings(&Settings { email, incoming, outgoing }).with_display_name(&name);
            let g = guide(Client::ALL[client], &account);
            prop_assert!(!g.steps.is_empty());
            prop_assert!(g.steps.iter().all(|s| !s.text.is_empty()));
        }
    }

    #[test]
    fn every_key_a_guide_names_has_its_text_and_every_text_is_used() {
        let sources = [
            include_str!("guide.rs"),
            include_str!("guide/android.rs"),
            include_str!("guide/apple.rs"),
            include_str!("guide/emclient.rs"),
            include_str!("guide/generic.rs"),
            include_str!("guide/outlook.rs"),
            include_str!("guide/thunderbird.rs"),
        ];
        // Keys are a letter and a number, quoted: "t12".
        let is_key = |w: &str| {
            let mut chars = w.chars();
            chars.next().is_some_and(|c| c.is_ascii_lowercase()) && w.len() > 1 && chars.all(|c| c.is_ascii_digit())
        };
        let mut used: Vec<String> = Vec::new();
        for source in sources {
            let code = source.split("#[cfg(test)]").next().unwrap();
            for quoted in code.split('"').skip(1).step_by(2) {
                if is_key(quoted) && !used.iter().any(|k| k == quoted) {
                    used.push(quoted.to_owned());
                }
            }
        }
        let texts = crate::database::embedded().texts();
        for key in &used {
            assert!(
                !texts.get(key).is_empty(),
                "{key} has no text in crates/engine/texts/guides.toml"
            );
        }
        for (key, _) in texts.entries().iter().filter(|(k, _)| is_key(k)) {
            assert!(used.contains(key), "{key} of guides.toml is used by no guide");
        }
        assert!(used.len() > 100, "{} keys", used.len());
        for c in Client::all() {
            assert!(
                !texts.get(&format!("app.{}", c.id())).is_empty(),
                "{} has no name",
                c.id()
            );
        }
    }
}
