//! The app's root: one reducer for everything the person entered, the address on top, then the screens.
//!
//! Children get plain data and callbacks, never the state itself; everything derived (findings, causes,
//! recommendation, guide, files) is computed here from the state by the engine.

use crate::components::{
    address_field::address_field,
    check_screen::{self, check_screen},
    decode_screen::{self, decode_screen},
    guide_screen::GuideScreen,
    protocol_screen::{self, protocol_screen},
    provider_summary::{self, provider_summary},
    screen_nav::screen_nav,
    take_away_screen::{Errors, TakeAwayScreen},
    values_choice, Fresh,
};
use crate::discover::use_discovery;
use crate::options::{warn_unknown, Options};
use crate::persist;
use crate::provider_data::{use_provider_data, Data};
use crate::state::{Action, Screen, State, Values};
use mailcheck_engine::catalog::{provenance, screens};
use mailcheck_engine::texts::Texts;
use mailcheck_engine::{account, advice, decode, guide, normalize_domain, share, validate, Protocol, Provider};
use std::rc::Rc;
use yew::prelude::*;

/// The whole app, as the page that mounts it chose (see [`Options`]).
#[component]
pub fn App(options: &Options) -> Html {
    let loaded = use_memo((), |_| {
        let (mut state, problem) = if options.remember {
            persist::load()
        } else {
            Default::default()
        };
        state.client = options.client.or(state.client);
        (state, problem)
    });
    let state = {
        let initial = loaded.0.clone();
        use_reducer(move || initial)
    };
    let remember = options.remember;
    use_effect_with((*state).clone(), move |state| {
        if remember {
            persist::save(state);
        }
    });

    let act = {
        let state = state.clone();
        move |make: fn(String) -> Action| {
            let state = state.clone();
            Callback::from(move |value: String| state.dispatch(make(value)))
        }
    };
    let send = |state: &UseReducerHandle<State>| {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let dispatch = send(&state);

    let data = use_provider_data(options.data.clone());
    // Looked up again only when the address or the data changes; a copy, so screens can keep it.
    let found = use_memo((state.settings.email.clone(), data.clone()), |(email, data)| {
        let provider = data.database().and_then(|db| db.lookup(email).provider);
        (normalize_domain(email), provider.cloned().map(Rc::new))
    });
    let preset = use_memo((options.provider.clone(), data.clone()), |(id, data)| {
        let (id, db) = (id.as_deref()?, data.database()?);
        let found = db.by_id(id).cloned().map(Rc::new);
        if found.is_none() {
            warn_unknown("provider", id);
        }
        found
    });
    let (domain, found) = (&found.0, &found.1);
    // A domain the provider data does not know is looked for (src/discover.rs) once the data is here.
    // Only what can be an address or a domain is looked for (never a 10,000-character paste).
    let unknown = domain.clone().filter(|_| {
        found.is_none() && data.database().is_some() && validate::is_address_or_domain(&state.settings.email)
    });
    let (discovery, ask_ispdb) = use_discovery(
        unknown.filter(|d| d.contains('.')),
        state.settings.email.clone(),
        options.discover.clone(),
        options.ispdb.clone(),
    );
    // Only an answer for the domain typed counts (one for a domain typed before may still arrive).
    let discovered = discovery
        .provider
        .clone()
        .filter(|_| Some(&discovery.domain) == domain.as_ref());
    let found = &found.clone().or(discovered);
    let typed = !state.settings.email.trim().is_empty();
    // The host page's provider stands in until an address is typed; then the address's own provider counts.
    let provider: Option<&Rc<Provider>> = if typed { found.as_ref() } else { (*preset).as_ref() };
    let record = provider.map(|p| &**p);
    let other_provider = (*preset)
        .as_ref()
        .filter(|preset| typed && found.as_ref().map(|f| &f.id) != Some(&preset.id));
    let texts = data.database().map(|db| db.texts());
    // The texts that come with the data; a record is only ever here with them.
    let no_texts = Texts::default();
    let words = texts.unwrap_or(&no_texts);
    let recommendation = advice::recommend(&state.answers, record, words);
    // Guides, files and "Fill in" use the provider's server of the protocol recommended or chosen.
    let incoming = state.incoming.unwrap_or(recommendation.protocol);
    let choice = values_choice::Props {
        provider: provider.map(|p| AttrValue::from(p.name.clone())),
        values: state.values,
        on_values: dispatch.reform(Action::UseValues),
        protocols: record
            .filter(|p| p.offers_imap_and_pop3())
            .map(|_| (incoming, recommendation.protocol)),
        on_incoming: dispatch.reform(Action::UseIncoming),
    };
    let mut report = validate::check_with(&state.settings, record, words);
    if data.database().is_none() {
        // Not known *yet*: the provider line says so instead (see ProviderSummary).
        report.findings.retain(|f| f.code != "provider.unknown");
    }
    // Files made from the person's own settings that the check calls wrong: said, with what works instead.
    let files = export_account(&state, record, incoming);
    // Only when files can be made: incomplete settings get their own message instead.
    let own_errors = (files.is_ok() && uses_recommended(&state, record).is_none() && report.errors() > 0).then(|| {
        let corrected = validate::corrected_with(&state.settings, record, words);
        Errors {
            count: report.errors(),
            corrected: (corrected != state.settings).then_some(corrected),
            recommended: record.map(|p| {
                let words = AttrValue::from(screens::switch_to_recommended(p));
                (
                    words,
                    dispatch.reform(|_: MouseEvent| Action::UseValues(Values::Recommended)),
                )
            }),
        }
    });
    let screen = match state.screen {
        Screen::Settings => provider_summary(provider_summary::Props {
            domain: domain.as_deref(),
            provider: provider.map(|p| &**p),
            data: &data,
            not_an_address: (typed && !validate::is_address_or_domain(&state.settings.email))
                .then(|| screens::not_an_address(&state.settings.email)),
            discovery: &discovery,
            ispdb: options.ispdb.as_deref(),
            on_ask: ask_ispdb,
        }),
        Screen::Check => check_screen(check_screen::Props {
            settings: state.settings.clone(),
            fill: record.map(|p| {
                let recommended = provider_account(p, &state.settings.email, incoming).to_settings();
                (AttrValue::from(p.name.clone()), recommended)
            }),
            report,
            on_field: dispatch.reform(|(field, value)| Action::SetField(field, value)),
            on_fix: dispatch.reform(|fix: mailcheck_engine::Fix| Action::SetField(fix.field, fix.value)),
            on_fill: dispatch.reform(|settings| Action::Fill(Box::new(settings))),
            probe_endpoint: options.probe.clone(),
        }),
        Screen::Decode => decode_screen(decode_screen::Props {
            text: state.error_text.clone(),
            causes: match data.database() {
                Some(db) if !state.error_text.trim().is_empty() => {
                    decode::decode(&state.error_text, Some(&state.settings), record, db.decoder())
                }
                _ => Vec::new(),
            },
            unavailable: unavailable(&data, screens::CAUSES_LOADING, screens::CAUSES_FAILED),
            on_text: act(Action::SetErrorText),
        }),
        Screen::Protocol => protocol_screen(protocol_screen::Props {
            answers: state.answers,
            explanation: data.database().map(|db| db.explanation()).unwrap_or_default(),
            recommendation: &recommendation,
            on_devices: dispatch.reform(Action::SetDevices),
            on_keep: dispatch.reform(Action::SetKeep),
            on_archive: dispatch.reform(Action::SetOfflineArchive),
            on_quota: dispatch.reform(Action::SetQuota),
        }),
        Screen::Guide => html! {
            <GuideScreen
                client={state.client}
                guide={Fresh(state.client.zip(data.database()).map(|(c, db)| {
                    guide::guide(c, &guide_account(&state, record, incoming), db.texts())
                }))}
                unavailable={state.client.and(unavailable(&data, screens::GUIDES_LOADING, screens::GUIDES_FAILED))}
                choice={Some(choice.clone())}
                on_client={dispatch.reform(Action::ChooseClient)}
            />
        },
        Screen::TakeAway => html! {
            <TakeAwayScreen
                account={Fresh(files)}
                has_address={typed}
                choice={typed.then_some(choice)}
                errors={own_errors}
                share_link={(!state.settings.email.trim().is_empty())
                    .then(|| share::encode(&persist::shared(&state)).ok())
                    .flatten()
                    .map(|f| crate::browser::link_with_fragment(options.app_url.as_deref(), &f))}
                on_fill={dispatch.reform(|settings| Action::Fill(Box::new(settings)))}
                on_clear={dispatch.reform(|()| Action::Clear)}
            />
        },
    };

    html! {
        // A widget sits inside another site's page, which has its own main landmark: the app is a region there.
        <@{if options.widget { "section" } else { "main" }}
            class={classes!("app", options.compact.then_some("compact"))}
            aria-label={options.widget.then_some("Email settings checker")}
        >
            <header>
                <h1>{ "mailcheck" }</h1>
                <p class="tagline">{ "The correct email settings for your address, from your provider's own pages." }</p>
            </header>
            if let Some(problem) = &loaded.1 {
                <p class="summary error" role="alert">{ format!("The link could not be opened: {problem}") }</p>
            }
            { address_field(&state.settings.email, &act(Action::SetEmail)) }
            if let Some(preset) = other_provider {
                <p class="note other-provider" role="status">
                    { other_provider_note(preset, found.as_deref()) }
                </p>
            }
            { screen_nav(state.screen, &dispatch.reform(Action::Show)) }
            <section id={format!("screen-{}", state.screen.id())} class="screen" aria-labelledby="screen-title">
                <h2 id="screen-title" class="screen-title">{ state.screen.label() }</h2>
                { screen }
            </section>
            <footer class="muted">
                { "mailcheck never asks for your password. " }{ provenance::PROMISE }
            </footer>
        </@>
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

/// Said when a help page about one provider meets an address of another: the settings shown follow the
/// address, so nobody copies one provider's servers for another's address.
fn other_provider_note(preset: &Provider, found: Option<&Provider>) -> String {
    match found {
        Some(found) => format!(
            "This is not a {} address: the settings below are {}'s, the provider of your address.",
            preset.name, found.name
        ),
        None => format!(
            "This is not a {} address, and mailcheck does not know its provider: only the general checks apply.",
            preset.name
        ),
    }
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
fn provider_account(p: &Provider, email: &str, incoming: Protocol) -> account::Account {
    account::Account::with_servers(p, Some(email), p.incoming_for(incoming), p.recommended_outgoing())
}

fn export_account(state: &State, provider: Option<&Provider>, incoming: Protocol) -> Result<account::Account, String> {
    if state.settings.email.trim().is_empty() {
        return Err("Type your email address at the top first: the files are made for it.".to_owned());
    }
    match uses_recommended(state, provider) {
        Some(p) => Ok(provider_account(p, &state.settings.email, incoming)),
        None => account::Account::from_settings(&state.settings, provider)
            .map_err(|e| format!("These files need complete settings: fill them in under \"Check my settings\". {e}")),
    }
}
