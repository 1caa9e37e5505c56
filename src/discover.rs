//! Finding the settings of a domain the provider data does not know: from the native server's discovery
//! (`POST /api/discover`, docs/discover.md), or, where the page has no server, from the Thunderbird ISPDB
//! straight from the browser (only the domain is sent).
//!
//! Both answers arrive as events of strings, the same for both: each source's sentence, then a provider
//! record in the data file's own line format, which the engine reads and checks
//! (`mailcheck_engine::discover::accept`), so the wasm needs no JSON or XML reader and no catalog of the
//! sentences (the server writes them). `probe.js` reads the stream (the probe's NDJSON reader) and the
//! ISPDB's XML (with the browser's DOMParser).

use mailcheck_engine::discover::accept;
use mailcheck_engine::Provider;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(module = "/src/probe.js")]
extern "C" {
    // Calls back with ("line", sentence) · ("record", the record) · ("refused", message) · ("end", how),
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
}

/// The discovery of `domain` (an unknown one, `None` otherwise), started where the page names a discover
/// endpoint once the domain has stood still for a moment; the callback asks the ISPDB from the browser. A
/// new domain stops the stream for the old one, which then calls back no more; the app only uses an answer
/// for the domain typed (see `Discovery::domain`).
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
            let stop = match (domain, endpoint) {
                (Some(_), Some(endpoint)) => Some(discover_stream(&endpoint, email.trim(), &listen(state, seen), 600)),
                _ => None,
            };
            move || {
                if let Some(stop) = stop {
                    let _ = stop.call0(&JsValue::NULL);
                }
            }
        });
    }
    let ask = {
        let state = state.clone();
        Callback::from(move |()| {
            let Some(base) = &ispdb else { return };
            let seen = Discovery {
                running: true,
                answered: true,
                ..(*state).clone()
            };
            state.set(seen.clone());
            let domain = seen.domain.clone();
            ispdb_record(base, &domain, &listen(state.clone(), seen));
        })
    };
    ((*state).clone(), ask)
}

/// The callback for one run's events: each one shown as it arrives.
fn listen(state: UseStateHandle<Discovery>, mut seen: Discovery) -> JsValue {
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
            _ => seen.lines.push(text),
        }
        state.set(seen.clone());
    })
    .into_js_value()
}
