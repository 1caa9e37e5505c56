//! The app's root: one reducer for everything the person entered, the address on top, then the screens.
//!
//! Children get plain data and callbacks, never the state itself; everything derived (provider, findings,
//! causes, recommendation, guide, files) is worked out from the state by [`crate::view`], and drawn here.

use crate::components::{
    address_field::address_field,
    provider_summary::{self, provider_summary},
    screen_nav::screen_nav,
    values_choice,
};
use crate::discover::{use_discovery, Online};
use crate::later::{self, use_later, use_prefetch, Ctx};
use crate::options::{warn_unknown, Options};
use crate::persist;
use crate::provider_data::use_provider_data;
use crate::state::{Action, Screen};
use crate::view::{self, Inputs, Shown};
use mailcheck_engine::catalog::{provenance, screens};
use wasm_bindgen::JsCast;
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
        state.settings.fill_sole_protocols();
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

    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };

    // After a fix, keyboard focus goes to what is next: the next fix, or else the verdict (both inside the
    // screen's own element, since a widget's page cannot find them in its document).
    let screen_ref = use_node_ref();
    use_effect_with((state.fixed, screen_ref.clone()), |(fixed, screen)| {
        let next = screen
            .cast::<web_sys::Element>()
            .filter(|_| *fixed > 0)
            .and_then(|screen| {
                let first = |selector| screen.query_selector(selector).ok().flatten();
                first(".finding .fix").or_else(|| first("[data-testid=check-summary]"))
            });
        if let Some(next) = next.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = next.focus();
        }
    });

    let data = use_provider_data(options.data.clone());
    // Looked up again only when the address or the data changes.
    let found = use_memo((state.settings.email.clone(), data.clone()), |(email, data)| {
        view::look_up(email, data)
    });
    let preset = use_memo((options.provider.clone(), data.clone()), |(id, data)| {
        let (id, db) = (id.as_deref()?, data.database()?);
        let found = db.by_id(id).cloned();
        if found.is_none() {
            warn_unknown("provider", id);
        }
        found
    });
    let online = use_memo(
        (options.ispdb.clone(), options.doh.clone(), options.probe.is_some()),
        |(ispdb, doh, probe)| Online {
            ispdb: ispdb.clone(),
            doh: doh.clone(),
            probe: *probe,
        },
    );
    let (discovery, look_up) = use_discovery(
        view::to_discover(&state, &data, &found),
        state.settings.email.clone(),
        options.discover.clone(),
        (*online).clone(),
        data.database().cloned(),
    );
    let inputs = Inputs {
        state: &state,
        data: &data,
        found: &found,
        preset: (*preset).as_ref(),
        discovery: &discovery,
    };
    let view = view::view(&inputs);
    let loader = use_later(match view.screen {
        Shown::Later(which) => Some(which),
        Shown::Settings { .. } => None,
    });
    use_prefetch(&data);

    let choice = values_choice::Props {
        provider: view.provider.map(|p| AttrValue::from(p.name.clone())),
        values: state.values,
        on_values: dispatch.reform(Action::UseValues),
        protocols: view.protocols,
        on_incoming: dispatch.reform(Action::UseIncoming),
    };
    let screen = match view.screen {
        Shown::Later(which) => later::draw(
            which,
            &loader,
            &Ctx {
                inputs: &inputs,
                view: &view,
                dispatch: &dispatch,
                choice,
                options,
            },
        ),
        Shown::Settings { not_an_address } => provider_summary(provider_summary::Props {
            domain: view.domain,
            provider: view.provider,
            no_mail_apps: view.no_mail_apps,
            data: &data,
            not_an_address,
            discovery: &discovery,
            online: &online,
            on_ask: look_up,
            on_check: dispatch.reform(|_| Action::Show(Screen::Check)),
        }),
    };

    html! {
        // A widget sits inside another site's page, which has its own main landmark: the app is a region there.
        <@{if options.widget { "section" } else { "main" }}
            class={classes!("app", options.compact.then_some("compact"))}
            aria-label={options.widget.then_some(screens::WIDGET_LABEL)}
        >
            <header>
                <h1>{ "mailcheck" }</h1>
                <p class="tagline">{ screens::TAGLINE }</p>
            </header>
            if let Some(problem) = &loaded.1 {
                <p class="summary error" role="alert">{ screens::link_not_opened(problem) }</p>
            }
            { address_field(&state.settings.email, &dispatch.reform(Action::SetEmail)) }
            if let Some(note) = view.other_provider {
                <p class="note other-provider" role="status">{ note }</p>
            }
            { screen_nav(state.screen, &dispatch.reform(Action::Show)) }
            <section ref={screen_ref} id={format!("screen-{}", state.screen.id())} class="screen" aria-labelledby="screen-title">
                <h2 id="screen-title" class="screen-title">{ state.screen.label() }</h2>
                { screen }
            </section>
            <footer class="muted">
                { screens::NO_PASSWORD }{ provenance::PROMISE }
            </footer>
        </@>
    }
}
