//! Finding the settings of a domain the provider data does not know: from the native server's discovery
//! (`POST /api/discover`, docs/discover.md), or, where the page has no server or it cannot be reached, from
//! the browser itself with the person's go-ahead (src/lookup.rs: the Thunderbird ISPDB and the domain's MX
//! and SRV records over DNS-over-HTTPS; only the domain and its mail hosts' names are sent).
//!
//! The server's answer arrives as events of strings: each source's sentence, then a provider record in the
//! data file's own line format, which the engine reads and checks (`mailcheck_engine::discover::accept`), so
//! the wasm needs no JSON reader and no catalog of the server's sentences. `probe.js` reads the stream (the
//! probe's NDJSON reader).

use crate::later;
use mailcheck_engine::catalog::discover::{mx_without_servers, OFFLINE};
use mailcheck_engine::catalog::screens;
use mailcheck_engine::discover::{accept, Step};
use mailcheck_engine::{Database, Provider};
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
}

/// Where the browser itself may look a domain up, with the person's go-ahead: the page's choices
/// (`<meta name="mailcheck-ispdb">`, `"mailcheck-doh"`), and whether a probe can confirm what it finds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Online {
    /// The Thunderbird ISPDB's address; the domain is added at its end.
    pub ispdb: Option<AttrValue>,
    /// A DNS-over-HTTPS resolver's URL (RFC 8484), for the domain's MX and SRV records.
    pub doh: Option<AttrValue>,
    /// "Test connection" can reach a probe.
    pub probe: bool,
}

impl Online {
    /// Whether the browser may ask anyone at all.
    pub fn any(&self) -> bool {
        self.ispdb.is_some() || self.doh.is_some()
    }
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
    /// The steps this discovery takes; empty for the server's ([`Step::FIRST`], then its guesses).
    pub plan: Vec<Step>,
    /// What the answer is worth, where that needs saying (the browser's DNS answers are the resolver's word).
    pub caution: Option<String>,
    /// The provider whose mail hosts the domain's MX records name, when it offers mail apps no servers of its
    /// own (Proton): its record says what to do instead.
    pub no_mail_apps: Option<Rc<Provider>>,
}

/// The discovery of `domain` (an unknown one, `None` otherwise), started where the page names a discover
/// endpoint once the domain has stood still for a moment; the callback looks it up from the browser
/// (src/lookup.rs), which `data` lets map MX hosts to providers. A
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
    online: Online,
    data: Option<Rc<Database>>,
) -> (Discovery, Callback<()>) {
    let state = use_state(Discovery::default);
    {
        let (state, data) = (state.clone(), data.clone());
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
                            let stop = discover_stream(&endpoint, email.trim(), &listen(state, seen, data), 600);
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
            let (state, online, data) = (state.clone(), online.clone(), data.clone());
            spawn_local(async move {
                // The offer is drawn by the discovery's own code, so that code is here.
                if let Ok(code) = later::discovery().await {
                    (code.ask)(state, online, data);
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
pub type Listen = fn(UseStateHandle<Discovery>, Discovery, Option<Rc<Database>>) -> JsValue;

/// Looks the domain up from the browser (src/lookup.rs), now that the person asked. Called only by code loaded
/// later (src/later.rs), with the offer it draws.
pub fn ask(state: UseStateHandle<Discovery>, online: Online, data: Option<Rc<Database>>) {
    if web_sys::window().is_some_and(|w| !w.navigator().on_line()) {
        return state.set(Discovery {
            summary: Some(OFFLINE.into()),
            ..(*state).clone()
        });
    }
    let seen = Discovery {
        running: true,
        answered: true,
        summary: None,
        ..(*state).clone()
    };
    crate::lookup::look_up(state, seen, online, data);
}

/// The callback for one run's events: each one shown as it arrives. Called only by code loaded later
/// (src/later.rs).
pub fn listen(state: UseStateHandle<Discovery>, mut seen: Discovery, data: Option<Rc<Database>>) -> JsValue {
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
            // A provider id from the server, looked up in this app's own data: only its record is shown.
            "no-mail-apps" => {
                let hosting = data
                    .as_deref()
                    .and_then(|db| db.without_servers().iter().find(|p| p.id == text));
                if let Some(p) = hosting {
                    seen.caution = Some(mx_without_servers(&seen.domain, &p.name, None));
                    seen.no_mail_apps = Some(Rc::new(p.clone()));
                }
            }
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
