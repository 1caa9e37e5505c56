//! Everything the screens show, worked out from the state by the engine in one pure function, [`view`], so
//! that native tests can hold each rule to its case (`cargo test -p mailcheck-app --lib`); src/app.rs only
//! keeps the hooks and draws what this returns.
//!
//! Only the screen shown is worked out (a guide, the causes of an error), since the app draws every keystroke.

use crate::components::take_away_screen::Errors;
use crate::discover::Discovery;
use crate::persist;
use crate::provider_data::Data;
use crate::state::{Screen, State, Values};
use mailcheck_engine::account::Account;
use mailcheck_engine::advice::{self, Recommendation, Section};
use mailcheck_engine::catalog::screens;
use mailcheck_engine::decode::{self, Cause};
use mailcheck_engine::guide::{self, Guide};
use mailcheck_engine::validate::{self, Record, Report};
use mailcheck_engine::{normalize_domain, share, Protocol, Provider, Settings};
use std::rc::Rc;
use yew::AttrValue;

/// The data's answer for the address typed: a copy, so the app can keep it between renders and look it up
/// again only when the address or the data changes.
#[derive(Default)]
pub struct Found {
    /// The typed domain, normalized; `None` while the field holds none.
    pub domain: Option<String>,
    /// The record of its provider, when it has servers for mail apps.
    pub provider: Option<Rc<Provider>>,
    /// The record of its provider when that offers mail apps no servers of its own (Proton, only through its
    /// Bridge): known, so never discovered, and shown with what to do instead.
    pub no_mail_apps: Option<Rc<Provider>>,
}

/// What [`view`] works from: the state, and what the app's hooks hold.
pub struct Inputs<'a> {
    pub state: &'a State,
    pub data: &'a Data,
    /// The address's domain and record, from [`look_up`].
    pub found: &'a Found,
    /// The provider the host page chose (`Options::provider`), once the data has it.
    pub preset: Option<&'a Provider>,
    /// The discovery of the domain [`to_discover`] names.
    pub discovery: &'a Discovery,
}

/// What the screens show.
pub struct View<'a> {
    /// The domain typed, normalized.
    pub domain: Option<&'a str>,
    /// The provider the screens follow: the address's (from the data, or discovered for its domain), or
    /// before an address is typed the one the host page chose.
    pub provider: Option<&'a Provider>,
    /// The address's provider when it offers mail apps no servers of its own ([`Found::no_mail_apps`]).
    pub no_mail_apps: Option<&'a Provider>,
    /// Whether an address (or anything) has been typed.
    pub typed: bool,
    /// Said when the host page's provider is not the address's: the settings shown follow the address, so
    /// nobody copies one provider's servers for another's address.
    pub other_provider: Option<String>,
    /// The incoming protocol in use and the recommended one, when the provider offers both IMAP and POP3.
    pub protocols: Option<(Protocol, Protocol)>,
    /// The incoming protocol guides, files and "Fill in" use: the one chosen, or else the one recommended.
    pub incoming: Protocol,
    pub screen: Shown,
}

/// The screens drawn by code loaded when first needed (src/later.rs), not by the first load's: what they show
/// is worked out by [`check`], [`decode`], [`advice`], [`guide`] and [`take_away`] from the same inputs,
/// inside the code that draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Later {
    Check,
    Decode,
    Protocol,
    Guide,
    TakeAway,
}

/// What the screen shown needs beyond the [`View`]'s common part.
pub enum Shown {
    /// One of the screens drawn later.
    Later(Later),
    Settings {
        /// Said instead of a provider when what was typed cannot be an address or a domain.
        not_an_address: Option<String>,
    },
}

/// What "Check my settings" shows.
pub struct Checked {
    pub report: Report,
    /// The provider's name and its settings for the address ("Fill in"), when it is known.
    pub fill: Option<(AttrValue, Settings)>,
}

/// What the decoder's screen shows.
pub struct Decoded {
    /// The causes of the error text, most likely first.
    pub causes: Vec<Cause>,
    /// Why there are none yet: the explanations come with the provider data.
    pub unavailable: Option<AttrValue>,
}

/// What "IMAP or POP3?" shows.
pub struct Advised<'a> {
    /// The recommendation for the answers given, with its reasons and notes.
    pub recommendation: Recommendation,
    /// IMAP and POP explained; empty until the data is here.
    pub explanation: &'a [Section],
}

/// What the guide's screen shows.
pub struct Guided {
    /// The chosen app's guide, once its texts are here.
    pub guide: Option<Guide>,
    /// Why the chosen app's guide is not there yet.
    pub unavailable: Option<AttrValue>,
}

/// What Save & share shows.
pub struct TakenAway {
    /// The account the files are made of, or why there is none.
    pub files: Result<Account, String>,
    /// What the check finds wrong in the person's own settings, when the files are made of them.
    pub errors: Option<Errors>,
    /// The share link's fragment, once there is an address.
    pub share: Option<String>,
}

/// The domain of `email` and its record in the data, if the data is here.
pub fn look_up(email: &str, data: &Data) -> Found {
    let Some(found) = data.database().map(|db| db.lookup(email)) else {
        return Found {
            domain: normalize_domain(email),
            ..Found::default()
        };
    };
    let copy = |record: Option<&Provider>| record.cloned().map(Rc::new);
    Found {
        domain: found.domain,
        provider: copy(found.provider),
        no_mail_apps: copy(found.no_mail_apps),
    }
}

/// The domain to look for settings of (src/discover.rs): one the data, once here, does not know. Only what
/// can be an address or a domain is looked for (never a 10,000-character paste), and only a domain with a
/// dot.
pub fn to_discover(state: &State, data: &Data, found: &Found) -> Option<String> {
    let unknown = found.provider.is_none() && found.no_mail_apps.is_none() && data.database().is_some();
    found
        .domain
        .clone()
        .filter(|d| unknown && d.contains('.') && validate::is_address_or_domain(&state.settings.email))
}

/// Everything the screens show, from `inputs`.
pub fn view<'a>(inputs: &Inputs<'a>) -> View<'a> {
    // The data counts through `found`: the screens' own code reads its texts.
    let Inputs {
        state,
        data: _,
        found: Found {
            domain,
            provider: found,
            no_mail_apps,
        },
        preset,
        discovery,
    } = *inputs;
    let domain = domain.as_deref();
    // Only an answer for the domain typed counts (one for a domain typed before may still arrive).
    let discovered = discovery
        .provider
        .as_deref()
        .filter(|_| Some(discovery.domain.as_str()) == domain);
    let found = found.as_deref().or(discovered);
    let hosted_without_servers = discovery
        .no_mail_apps
        .as_deref()
        .filter(|_| found.is_none() && Some(discovery.domain.as_str()) == domain);
    let typed = !state.settings.email.trim().is_empty();
    // The host page's provider stands in until an address is typed; then the address's own provider counts.
    let provider = if typed { found } else { preset };
    let other_provider = preset
        .filter(|preset| typed && found.map(|f| &f.id) != Some(&preset.id))
        .map(|preset| screens::other_provider(&preset.name, found.map(|f| f.name.as_str())));
    // IMAP or POP3 from the answers on "IMAP or POP3?"; its reasons are worked out by that screen's code only
    // (src/later.rs).
    let recommended = advice::recommended_protocol(&state.answers, provider);
    // Guides, files and "Fill in" use the provider's server of the protocol recommended or chosen.
    let incoming = state.incoming.unwrap_or(recommended);
    let protocols = provider
        .filter(|p| p.offers_imap_and_pop3())
        .map(|_| (incoming, recommended));
    let screen = match state.screen {
        Screen::Settings => Shown::Settings {
            not_an_address: (typed && !validate::is_address_or_domain(&state.settings.email))
                .then(|| screens::not_an_address(&state.settings.email)),
        },
        Screen::Check => Shown::Later(Later::Check),
        Screen::Decode => Shown::Later(Later::Decode),
        Screen::Protocol => Shown::Later(Later::Protocol),
        Screen::Guide => Shown::Later(Later::Guide),
        Screen::TakeAway => Shown::Later(Later::TakeAway),
    };
    View {
        domain,
        provider,
        no_mail_apps: no_mail_apps.as_deref().or(hosted_without_servers).filter(|_| typed),
        typed,
        other_provider,
        protocols,
        incoming,
        screen,
    }
}

/// "Check my settings" for the [`View`] `inputs` gave. This and the next four are called only by the code
/// that draws their screens (src/later.rs), so the check, the decoder, the guides and the files stay out of
/// the first load.
pub fn check(inputs: &Inputs<'_>, view: &View<'_>) -> Checked {
    let state = inputs.state;
    Checked {
        report: validate::check_with(&state.settings, record(inputs.data, view)),
        fill: view.provider.map(|p| {
            let recommended = provider_account(p, &state.settings.email, view.incoming).to_settings();
            (AttrValue::from(p.name.clone()), recommended)
        }),
    }
}

/// The decoder's screen (see [`check`]).
pub fn decode(inputs: &Inputs<'_>, view: &View<'_>) -> Decoded {
    let (state, data) = (inputs.state, inputs.data);
    Decoded {
        causes: match data.database() {
            Some(db) if !state.error_text.trim().is_empty() => {
                decode::decode(&state.error_text, Some(&state.settings), view.provider, db.decoder())
            }
            _ => Vec::new(),
        },
        unavailable: unavailable(data, screens::CAUSES_LOADING, screens::CAUSES_FAILED),
    }
}

/// "IMAP or POP3?" (see [`check`]): the recommendation in full, where [`view`] works out only its protocol.
pub fn advice<'a>(inputs: &Inputs<'a>, view: &View<'a>) -> Advised<'a> {
    let data = inputs.data;
    Advised {
        recommendation: advice::recommend(&inputs.state.answers, view.provider, data.texts()),
        explanation: data.database().map(|db| db.explanation()).unwrap_or_default(),
    }
}

/// The guide's screen (see [`check`]).
pub fn guide(inputs: &Inputs<'_>, view: &View<'_>) -> Guided {
    let (state, data) = (inputs.state, inputs.data);
    Guided {
        guide: state
            .client
            .zip(data.database())
            .map(|(c, db)| guide::guide(c, &guide_account(state, view.provider, view.incoming), db.texts())),
        unavailable: state
            .client
            .and(unavailable(data, screens::GUIDES_LOADING, screens::GUIDES_FAILED)),
    }
}

/// Save & share (see [`check`]).
pub fn take_away(inputs: &Inputs<'_>, view: &View<'_>) -> TakenAway {
    let state = inputs.state;
    let provider = view.provider;
    let record = record(inputs.data, view);
    let files = export_account(state, provider, view.incoming);
    TakenAway {
        errors: files.is_ok().then(|| own_errors(state, provider, record)).flatten(),
        files,
        share: view
            .typed
            .then(|| share::encode(&persist::shared(state)).ok())
            .flatten(),
    }
}

/// What the check goes on: a record only ever comes with the data, and its texts word the findings.
fn record<'a>(data: &'a Data, view: &View<'a>) -> Record<'a> {
    match data.database() {
        Some(db) => Record::of_lookup(view.provider, view.no_mail_apps, db.texts()),
        None => Record::NotLoaded,
    }
}

/// Why texts that come with the provider data are not shown yet: still on their way, or they could not be
/// loaded (`failed` holds `{why}`).
fn unavailable(data: &Data, loading: &'static str, failed: &str) -> Option<AttrValue> {
    match data {
        Data::Loading => Some(AttrValue::from(loading)),
        Data::Failed(why) => Some(AttrValue::from(failed.replace("{why}", why))),
        Data::Ready(_) => None,
    }
}

/// Files made from the person's own settings that the check calls wrong: said, with what works instead.
fn own_errors(state: &State, provider: Option<&Provider>, record: Record) -> Option<Errors> {
    if uses_recommended(state, provider).is_some() {
        return None;
    }
    let count = validate::check_with(&state.settings, record).errors();
    (count > 0).then(|| {
        let corrected = validate::corrected_with(&state.settings, record);
        Errors {
            count,
            corrected: (corrected != state.settings).then_some(corrected),
            recommended: provider.map(|p| AttrValue::from(screens::switch_to_recommended(p))),
        }
    })
}

/// Whether guides and files use the provider's recommendation (only possible when it is known).
fn uses_recommended<'p>(state: &State, provider: Option<&'p Provider>) -> Option<&'p Provider> {
    provider.filter(|_| state.values == Values::Recommended)
}

fn guide_account(state: &State, provider: Option<&Provider>, incoming: Protocol) -> guide::Details {
    let email = state.settings.email.trim();
    match uses_recommended(state, provider) {
        Some(p) => guide::Details::from_record(p, email, p.incoming_for(incoming)),
        None => guide::Details::from_settings(&state.settings),
    }
}

/// The provider's settings with its server of `incoming` (as recommended or chosen), for `email`.
fn provider_account(p: &Provider, email: &str, incoming: Protocol) -> Account {
    Account::with_servers(p, Some(email), p.incoming_for(incoming), p.recommended_outgoing())
}

fn export_account(state: &State, provider: Option<&Provider>, incoming: Protocol) -> Result<Account, String> {
    if state.settings.email.trim().is_empty() {
        return Err(screens::FILES_NEED_ADDRESS.to_owned());
    }
    match uses_recommended(state, provider) {
        Some(p) => Ok(provider_account(p, &state.settings.email, incoming)),
        None => {
            Account::from_settings(&state.settings, provider).map_err(|e| screens::files_need_settings(&e.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mailcheck_engine::guide::Client;
    use mailcheck_engine::{Database, Field, ServerField};

    thread_local! {
        /// The data file the app fetches, read once per test thread.
        static DATABASE: Rc<Database> =
            Rc::new(Database::decode(include_str!("../crates/engine/data/knowledge.txt")).expect("the data file"));
    }

    fn ready() -> Data {
        Data::Ready(DATABASE.with(Rc::clone))
    }

    fn record(id: &str) -> Provider {
        DATABASE.with(|db| db.by_id(id).cloned()).expect("a record")
    }

    /// The inputs of one render: `email` typed on `screen`, with the data as `data`.
    struct Case {
        state: State,
        data: Data,
        preset: Option<Provider>,
        discovery: Discovery,
    }

    fn case(screen: Screen, email: &str) -> Case {
        let mut state = State {
            screen,
            ..State::default()
        };
        state.settings.email = email.to_owned();
        Case {
            state,
            data: ready(),
            preset: None,
            discovery: Discovery::default(),
        }
    }

    impl Case {
        fn view<R>(&self, read: impl FnOnce(View) -> R) -> R {
            self.later(|_, view| read(view))
        }

        /// The view of this case with its inputs, from which a screen drawn later is worked out as its code
        /// does (src/later.rs).
        fn later<R>(&self, read: impl FnOnce(&Inputs, View) -> R) -> R {
            let found = look_up(&self.state.settings.email, &self.data);
            let inputs = Inputs {
                state: &self.state,
                data: &self.data,
                found: &found,
                preset: self.preset.as_ref(),
                discovery: &self.discovery,
            };
            let shown = view(&inputs);
            read(&inputs, shown)
        }

        fn to_discover(&self) -> Option<String> {
            to_discover(
                &self.state,
                &self.data,
                &look_up(&self.state.settings.email, &self.data),
            )
        }

        fn provider(&self) -> Option<String> {
            self.view(|v| v.provider.map(|p| p.id.clone()))
        }

        fn codes(&self) -> Vec<String> {
            self.later(|inputs, view| {
                check(inputs, &view)
                    .report
                    .findings
                    .into_iter()
                    .map(|f| f.code)
                    .collect()
            })
        }

        fn take_away(&self) -> (Result<Account, String>, Option<Errors>, Option<String>) {
            self.later(|inputs, view| {
                let shown = take_away(inputs, &view);
                (shown.files, shown.errors, shown.share)
            })
        }

        fn loading(mut self) -> Case {
            self.data = Data::Loading;
            self
        }
    }

    #[test]
    fn only_a_domain_the_data_does_not_know_is_discovered() {
        let settings = Screen::Settings;
        assert_eq!(
            case(settings, "jane@example.org").to_discover().as_deref(),
            Some("example.org")
        );
        assert_eq!(case(settings, "jane@q.com").to_discover(), None);
        assert_eq!(case(settings, "jane@example.org").loading().to_discover(), None);
        assert_eq!(case(settings, "jane@localhost").to_discover(), None);
        assert_eq!(case(settings, "jane@exa mple.org").to_discover(), None);
    }

    #[test]
    fn the_host_pages_provider_stands_in_until_an_address_is_typed() {
        let mut c = case(Screen::Settings, "");
        c.preset = Some(record("gmail"));
        assert_eq!(c.provider().as_deref(), Some("gmail"));
        assert_eq!(c.view(|v| v.other_provider), None);
        c.state.settings.email = "jane@q.com".into();
        assert_eq!(c.provider().as_deref(), Some("centurylink"));
        assert_eq!(
            c.view(|v| v.other_provider).as_deref(),
            Some("This is not a Gmail address: the settings below are CenturyLink's, the provider of your address.")
        );
        c.state.settings.email = "jane@example.org".into();
        assert_eq!(c.provider(), None);
        assert!(c
            .view(|v| v.other_provider)
            .unwrap()
            .contains("mailcheck does not know its provider"));
        c.state.settings.email = "jane@gmail.com".into();
        assert_eq!(c.view(|v| v.other_provider), None);
    }

    #[test]
    fn a_discovered_record_counts_only_for_the_domain_typed() {
        let mut c = case(Screen::Settings, "jane@example.org");
        c.discovery.provider = Some(Rc::new(record("disroot")));
        c.discovery.domain = "example.net".into();
        assert_eq!(c.provider(), None);
        c.discovery.domain = "example.org".into();
        assert_eq!(c.provider().as_deref(), Some("disroot"));
    }

    #[test]
    fn a_domain_whose_mx_is_a_provider_without_servers_gets_its_card_only_for_the_domain_typed() {
        let mut c = case(Screen::Check, "jane@family.example");
        let proton = DATABASE.with(|db| db.without_servers().iter().find(|p| p.id == "proton").cloned());
        let proton = Rc::new(proton.expect("Proton's record"));
        c.discovery.no_mail_apps = Some(proton);
        c.discovery.domain = "other.example".into();
        assert!(!c.view(|v| v.no_mail_apps.is_some()));
        c.discovery.domain = "family.example".into();
        assert_eq!(
            c.view(|v| v.no_mail_apps.map(|p| p.id.clone())).as_deref(),
            Some("proton")
        );
        c.state.settings.incoming.host = "imap.family.example".into();
        assert!(
            c.codes().contains(&"requirement.bridge-host".to_owned()),
            "{:?}",
            c.codes()
        );
    }

    #[test]
    fn a_provider_without_servers_is_known_never_looked_for_and_checked_by_what_it_requires() {
        let mut proton = case(Screen::Check, "jane@proton.me");
        proton.state.settings.incoming.host = "imap.proton.me".into();
        let (provider, no_mail_apps) = proton.view(|v| (v.provider.is_some(), v.no_mail_apps.map(|p| p.name.clone())));
        assert_eq!((provider, no_mail_apps.as_deref()), (false, Some("Proton Mail")));
        assert_eq!(proton.to_discover(), None, "known: nothing to discover");
        let codes = proton.codes();
        assert!(codes.contains(&"requirement.bridge-host".to_owned()), "{codes:?}");
        assert!(!codes.contains(&"provider.unknown".to_owned()), "{codes:?}");
        // An address nobody knows is looked for, and checked by the general rules.
        let unknown = case(Screen::Check, "jane@example.org");
        assert!(!unknown.view(|v| v.no_mail_apps.is_some()));
        assert_eq!(unknown.to_discover().as_deref(), Some("example.org"));
        assert!(!unknown.codes().iter().any(|c| c.starts_with("requirement.")));
    }

    #[test]
    fn a_provider_is_called_unknown_only_once_the_data_is_here() {
        let unknown = "provider.unknown".to_owned();
        assert!(case(Screen::Check, "jane@example.org").codes().contains(&unknown));
        assert!(!case(Screen::Check, "jane@example.org")
            .loading()
            .codes()
            .contains(&unknown));
        let mut failed = case(Screen::Check, "jane@example.org");
        failed.data = Data::Failed("offline".into());
        assert!(!failed.codes().contains(&unknown));
    }

    #[test]
    fn fill_in_offers_a_known_providers_settings() {
        let fill = |email| {
            case(Screen::Check, email).later(|inputs, view| {
                let fill = check(inputs, &view).fill;
                fill.map(|(name, settings)| (name.to_string(), settings.incoming.host))
            })
        };
        let (name, host) = fill("jane@q.com").expect("CenturyLink's settings");
        assert_eq!(name, "CenturyLink");
        assert!(host.ends_with("centurylink.net"), "{host}");
        assert_eq!(fill("jane@example.org"), None);
    }

    #[test]
    fn imap_or_pop3_is_offered_only_where_the_provider_has_both() {
        assert!(case(Screen::Guide, "jane@q.com").view(|v| v.protocols).is_some());
        assert_eq!(case(Screen::Guide, "jane@disroot.org").view(|v| v.protocols), None);
        assert_eq!(case(Screen::Guide, "jane@example.org").view(|v| v.protocols), None);
    }

    #[test]
    fn files_need_an_address_and_complete_settings() {
        let (files, _, share) = case(Screen::TakeAway, " ").take_away();
        assert_eq!(files.err().as_deref(), Some(screens::FILES_NEED_ADDRESS));
        assert_eq!(share, None);
        let (files, errors, share) = case(Screen::TakeAway, "jane@q.com").take_away();
        assert!(files.is_ok() && errors.is_none() && share.is_some());
        let mut mine = case(Screen::TakeAway, "jane@q.com");
        mine.state.values = Values::Mine;
        let (files, errors, _) = mine.take_away();
        assert!(files.unwrap_err().starts_with("These files need complete settings"));
        assert!(errors.is_none());
    }

    #[test]
    fn files_of_the_persons_own_wrong_settings_say_so() {
        let mut c = case(Screen::TakeAway, "jane@q.com");
        c.state.values = Values::Mine;
        c.state.settings = Account::recommended(&record("centurylink"), Some("jane@q.com")).to_settings();
        assert!(c.take_away().1.is_none(), "right settings: nothing to say");
        c.state.settings.set(Field::Incoming(ServerField::Security), "none");
        let errors = c.take_away().1.expect("the errors said");
        assert!(errors.count > 0);
        assert_eq!(errors.corrected.map(|s| s.incoming.security).as_deref(), Some("tls"));
        assert_eq!(
            errors.recommended.as_deref(),
            Some("Use CenturyLink's recommended settings")
        );
        c.state.values = Values::Recommended;
        assert!(
            c.take_away().1.is_none(),
            "the provider's settings: the person's do not matter"
        );
    }

    #[test]
    fn causes_wait_for_the_data() {
        let decode = |data: Data, text: &str| {
            let mut c = case(Screen::Decode, "jane@q.com");
            c.data = data;
            c.state.error_text = text.to_owned();
            c.later(|inputs, view| {
                let shown = decode(inputs, &view);
                (shown.causes.len(), shown.unavailable.map(|u| u.to_string()))
            })
        };
        let text = "The server responded: 421 Service not available, closing transmission channel";
        let (causes, unavailable) = decode(ready(), text);
        assert!(causes > 0 && unavailable.is_none());
        assert_eq!(decode(ready(), " "), (0, None));
        assert_eq!(
            decode(Data::Loading, text),
            (0, Some(screens::CAUSES_LOADING.to_owned()))
        );
        let (causes, unavailable) = decode(Data::Failed("offline".into()), text);
        assert_eq!(causes, 0);
        assert!(unavailable.unwrap().contains("(offline)"));
    }

    #[test]
    fn a_guide_once_an_app_is_chosen_and_the_data_is_here() {
        let guide = |data: Data, client: Option<Client>| {
            let mut c = case(Screen::Guide, "jane@q.com");
            c.data = data;
            c.state.client = client;
            c.later(|inputs, view| {
                let shown = guide(inputs, &view);
                (shown.guide.is_some(), shown.unavailable.map(|u| u.to_string()))
            })
        };
        assert_eq!(guide(ready(), Some(Client::Thunderbird)), (true, None));
        assert_eq!(guide(ready(), None), (false, None));
        assert_eq!(
            guide(Data::Loading, Some(Client::Thunderbird)),
            (false, Some(screens::GUIDES_LOADING.to_owned()))
        );
        assert_eq!(guide(Data::Loading, None), (false, None));
    }

    #[test]
    fn imap_or_pop3_gives_its_reasons_and_the_explanation_once_the_data_is_here() {
        let advised = |data: Data| {
            let mut c = case(Screen::Protocol, "jane@q.com");
            c.data = data;
            c.state.answers.devices = 3;
            c.later(|inputs, view| {
                let shown = advice(inputs, &view);
                (
                    shown.recommendation.protocol,
                    shown.recommendation.reasons.len(),
                    shown.explanation.len(),
                )
            })
        };
        let (protocol, reasons, sections) = advised(ready());
        assert_eq!(protocol, Protocol::Imap, "three devices");
        assert!(reasons > 0 && sections > 0, "{reasons} reasons, {sections} sections");
        let (protocol, _, sections) = advised(Data::Loading);
        assert_eq!(
            (protocol, sections),
            (Protocol::Imap, 0),
            "no explanation before the data"
        );
    }

    #[test]
    fn what_cannot_be_an_address_is_said_so() {
        let said = |email| {
            case(Screen::Settings, email).view(|v| match v.screen {
                Shown::Settings { not_an_address } => not_an_address,
                _ => panic!("not the settings"),
            })
        };
        assert!(said("📧").unwrap().contains("is not an email address"));
        assert_eq!(said("jane@q.com"), None);
        assert_eq!(said(""), None);
    }
}
