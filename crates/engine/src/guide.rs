//! Step-by-step setup guides for the user's own mail app, filled in with their values.
//!
//! A [`Guide`] is data, not markup: ordered steps, each with a sentence and typed fields, plus notes, so the
//! app can render it and the CLI can print it. Each app family has one module holding all of its wording:
//! its menu paths, its field labels and its word for each security mode, checked against the maker's own
//! documentation or the app's published interface text ([`Guide::source`] names which). Where neither could
//! be checked, the steps stay general ("open the account settings") instead of naming a menu that may not
//! exist, and the guide says so in a note.

mod android;
mod apple;
mod details;
mod emclient;
mod generic;
mod outlook;
mod thunderbird;
mod toolkit;

pub use details::{Credential, Details, ServerDetails};
pub use toolkit::{Entry, Level, Note, Source, Step, Value};

use crate::model::{by_id, Security, Side};
use crate::requirement::Requirement;
use crate::texts::Texts;
use serde::{Serialize, Serializer};
use toolkit::{note, uses, uses_oauth};

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
        by_id(&Client::ALL, Client::id, id)
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

/// The setup guide for `account` in `client`, in the words of `texts` (the data file's, see
/// [`crate::Database::texts`]).
pub fn guide(client: Client, account: &Details, texts: &Texts) -> Guide {
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
    // What the provider requires is done before the app asks for anything (an app password must exist before
    // the password field, access must be on before the app connects): the first steps, in every app.
    let mut steps = before_you_start(account, t);
    steps.extend(parts.steps);
    let app = t.get(&format!("app.{}", client.id()));
    Guide {
        client,
        title: match &account.email {
            Some(email) => t.fill("s1", &[("email", email), ("app", app)]),
            None => t.fill("s2", &[("app", app)]),
        },
        version: t.get(parts.version).to_owned(),
        source: parts.source,
        steps,
        notes,
    }
}

/// A step for each of the provider's requirements, in the order they are done (as
/// [`crate::Provider::requirements_in_order`] gives them): what to do, where, in the source's own words when
/// it has them, and whose word it is.
fn before_you_start(account: &Details, t: &Texts) -> Vec<Step> {
    let Some((provider, requirements)) = &account.requirements else {
        return Vec::new();
    };
    let step = |r: &Requirement| {
        let mut text = t.fill("s18", &[("what", &r.sentence(provider, t))]);
        if let Some(quote) = &r.quote {
            text.push(' ');
            text.push_str(&t.fill("requirement.quote", &[("quote", quote)]));
        }
        text.push(' ');
        text.push_str(&t.fill("requirement.source", &[("by", &r.by(t))]));
        Step {
            text,
            fields: Vec::new(),
        }
    };
    requirements.iter().map(step).collect()
}

/// The notes every guide carries: unencrypted servers, unknown values, OAuth2, unchecked steps and the
/// provider's own advice.
fn shared_notes(source: Source, account: &Details, t: &Texts) -> Vec<Note> {
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
    pub fn guide(client: Client, account: &Details) -> Guide {
        super::guide(client, account, embedded().texts())
    }

    /// CenturyLink's recommended settings for jane@q.com: POP3 995 SSL/TLS, SMTP 587 STARTTLS.
    pub fn centurylink() -> Details {
        Details::recommended(embedded().by_id("centurylink").unwrap(), "jane@q.com")
    }

    /// CenturyLink's qwestoffice.net: POP3 110 without encryption, SMTP 465 SSL/TLS.
    pub fn qwestoffice() -> Details {
        Details::recommended(
            embedded().by_id("centurylink-qwestoffice").unwrap(),
            "bob@qwestoffice.net",
        )
    }

    /// IMAP on 143 with STARTTLS and SMTP on 465 with SSL/TLS, typed by a user.
    pub fn own_starttls() -> Details {
        let server =
            |protocol, host, port, security| ServerSettings::from([protocol, host, port, security, "sam", "password"]);
        Details::from_settings(&Settings {
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
    fn every_guide_starts_with_what_the_provider_requires_and_whose_word_it_is() {
        let icloud = crate::database::embedded().lookup("icloud.com").provider.unwrap();
        let account = Details::recommended(icloud, "jane@icloud.com");
        for &c in Client::all() {
            let g = guide(c, &account);
            // Two-factor authentication first, since it unlocks the app password (Apple's page lists them the
            // other way round).
            let (first, second) = (&g.steps[0].text, &g.steps[1].text);
            assert!(first.starts_with("Before you start: "), "{c:?}: {first}");
            assert!(first.contains("two-step verification"), "{c:?}: {first}");
            assert!(second.starts_with("Before you start: "), "{c:?}: {second}");
            assert!(second.contains("app password"), "{c:?}: {second}");
            assert!(second.contains("Source: https://support.apple.com/"), "{c:?}: {second}");
            let asked: Vec<_> = values(&g, "Password").into_iter().cloned().collect();
            assert!(
                asked
                    .iter()
                    .all(|v| *v == Value::Yours(crate::embedded().texts().get("s9").into())),
                "{c:?}: {asked:?}"
            );
        }
        // A provider without requirements: the app's own steps from the first.
        for &c in Client::all() {
            let g = guide(c, &centurylink());
            assert!(!all_text(&g).contains("Before you start: "), "{c:?}");
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
        let a = Details::from_settings(&Settings::default());
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
        let gmail = Details::recommended(crate::database::embedded().by_id("gmail").unwrap(), "jane@gmail.com");
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
            let account = Details::from_settings(&Settings { email, incoming, outgoing }).with_display_name(&name);
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
            include_str!("guide/toolkit.rs"),
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
