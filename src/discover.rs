//! Finding the settings of a domain the provider data does not know: from the native server's discovery
//! (`POST /api/discover`, docs/discover.md), or, where the page has no server, from the Thunderbird ISPDB
//! straight from the browser (only the domain is sent).
//!
//! Both answers arrive as events of strings, the same for both: each source's sentence, then a provider
//! record in the data file's own line format, which the engine reads and checks
//! (`mailcheck_engine::discover::accept`), so the wasm needs no JSON or XML reader and no catalog of the
//! sentences (the server writes them). `probe.js` reads the stream (the probe's NDJSON reader) and the
//! ISPDB's XML (with the browser's DOMParser).

use crate::later;
use mailcheck_engine::catalog::screens;
use mailcheck_engine::discover::{accept, Step};
use mailcheck_engine::Provider;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::platform::spawn_local;
use yew::prelude::*;

#[wasm_bindgen(module = "/src/probe.js")]
extern "C" {
    // Calls back with ("step", "<a source's id> <its outcome>") and ("line", its sentence) · ("record", the record) ·
    // ("refused", message) · ("end", how),
    // starting after `wait` ms; returns a function that stops it.
    #[wasm_bindgen(js_name = discoverStream)]
    fn discover_stream(url: &str, address: &str, on_event: &JsValue, wait: u32) -> js_sys::Function;
    // The same events, from the ISPDB online.
    #[wasm_bindgen(js_name = ispdbRecord)]
    fn ispdb_record(base: &str, domain: &str, on_event: &JsValue);
}

/// What is known so far about one domain's discovery.
#[derive(Clone, Default)]
pub struct Discovery {
    /// The domain it is about.
    pub domain: String,
    pub running: bool,
    /// Each source's sentence as it arrived, then who agrees on each server and the other servers named.
    pub lines: Vec<String>,
    /// The outcome in a sentence (found, not found, refused, out of reach), once there is one.
    pub summary: Option<String>,
    pub provider: Option<Rc<Provider>>,
    /// An answer came (found or not): the ISPDB is not offered then.
    pub answered: bool,
    /// The steps that have answered, in the order they did, and whether one of their sources found servers.
    pub steps: Vec<(Step, bool)>,
}

/// The discovery of `domain` (an unknown one, `None` otherwise), started where the page names a discover
/// endpoint once the domain has stood still for a moment; the callback asks the ISPDB from the browser. A
/// new domain stops the stream for the old one, which then calls back no more; the app only uses an answer
/// for the domain typed (see `Discovery::domain`).
///
/// What reads and shows the answers (the engine's reader and checks of a record) is loaded with the first
/// discovery (src/later.rs): most addresses are of a known provider and never need it.
#[hook]
pub fn use_discovery(
    domain: Option<String>,
    email: String,
    endpoint: Option<AttrValue>,
    ispdb: Option<AttrValue>,
) -> (Discovery, Callback<()>) {
    let state = use_state(Discovery::default);
    {
        let state = state.clone();
        use_effect_with(domain, move |domain| {
            let seen = Discovery {
                domain: domain.clone().unwrap_or_default(),
                running: domain.is_some() && endpoint.is_some(),
                ..Discovery::default()
            };
            state.set(seen.clone());
            let run = Run::default();
            if domain.is_some() {
                let run = run.clone();
                spawn_local(async move {
                    let Some(listen) = listener(&state, &seen).await else {
                        return;
                    };
                    match endpoint {
                        _ if run.stopped.get() => {}
                        Some(endpoint) => {
                            let stop = discover_stream(&endpoint, email.trim(), &listen(state, seen), 600);
                            run.stop.replace(Some(stop));
                        }
                        // Drawn again now that the code that shows it (the ISPDB's offer) is here.
                        None => state.set(seen),
                    }
                });
            }
            move || {
                run.stopped.set(true);
                if let Some(stop) = run.stop.take() {
                    let _ = stop.call0(&JsValue::NULL);
                }
            }
        });
    }
    let ask = {
        let state = state.clone();
        Callback::from(move |()| {
            let Some(base) = ispdb.clone() else { return };
            let seen = Discovery {
                running: true,
                answered: true,
                ..(*state).clone()
            };
            state.set(seen.clone());
            let state = state.clone();
            spawn_local(async move {
                if let Some(listen) = listener(&state, &seen).await {
                    let domain = seen.domain.clone();
                    ispdb_record(&base, &domain, &listen(state, seen));
                }
            });
        })
    };
    ((*state).clone(), ask)
}

/// One run of a discovery: stopped when the domain changes, before or after its stream has started.
#[derive(Clone, Default)]
struct Run {
    stopped: Rc<Cell<bool>>,
    stop: Rc<RefCell<Option<js_sys::Function>>>,
}

/// The code that reads a discovery's answers, once loaded; if it cannot be, the discovery ends saying so.
async fn listener(state: &UseStateHandle<Discovery>, seen: &Discovery) -> Option<Listen> {
    match later::discovery().await {
        Ok(code) => Some(code.listen),
        Err(_) => {
            state.set(Discovery {
                running: false,
                summary: Some(screens::DISCOVERY_NOT_LOADED.into()),
                ..seen.clone()
            });
            None
        }
    }
}

/// What makes the callback for one run's events (see [`listen`]).
pub type Listen = fn(UseStateHandle<Discovery>, Discovery) -> JsValue;

/// The callback for one run's events: each one shown as it arrives. Called only by code loaded later
/// (src/later.rs).
pub fn listen(state: UseStateHandle<Discovery>, mut seen: Discovery) -> JsValue {
    Closure::<dyn FnMut(String, String)>::new(move |kind: String, text: String| {
        match kind.as_str() {
            "record" => {
                seen.provider = accept(&text, &seen.domain).ok().map(Rc::new);
                seen.answered = true;
            }
            "end" => {
                seen.running = false;
                if text == "unreachable" {
                    seen.summary = Some("mailcheck's server could not be reached to look for them.".into());
                }
            }
            "summary" | "refused" => seen.summary = Some(text),
            "step" => {
                if let Some((step, found)) = Step::of_answer(&text) {
                    match seen.steps.iter_mut().find(|(s, _)| *s == step) {
                        Some((_, any)) => *any |= found,
                        None => seen.steps.push((step, found)),
                    }
                }
            }
            _ => seen.lines.push(text),
        }
        state.set(seen.clone());
    })
    .into_js_value()
}
