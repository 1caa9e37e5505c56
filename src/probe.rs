//! Talking to the native probe (`POST /api/probe`, docs/probe.md) from the browser.
//!
//! The answer is NDJSON: one step per line as each finishes, then the whole report. `probe.js` reads the
//! stream with the browser's fetch and JSON.parse and hands each line over as plain strings, so the steps
//! appear live without a JSON reader in the wasm. The probe is optional: where none is configured or it
//! cannot be reached, the app says so and everything else keeps working.

use mailcheck_engine::probe_request::ProbeRequest;
use wasm_bindgen::prelude::*;

// `probe.js` is written in JavaScript because the browser already has fetch streams and JSON.parse: doing this
// in Rust would add their bindings and a JSON reader to the wasm. It calls `on_event` with four strings:
//   ("step", name, outcome, ms) · ("finding", code, severity, "title\0why\0fix") · ("verdict", v)
//   ("refused", message, retry_after or "") · ("end", "complete" | "interrupted" | "unreachable")
// The server fills in each finding's text from the engine's catalog, so the wasm carries no copy of it.
#[wasm_bindgen(module = "/src/probe.js")]
extern "C" {
    #[wasm_bindgen(js_name = probeStream)]
    fn probe_stream(url: &str, body: &str, on_event: &JsValue);
}

/// One finished step.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub name: String,
    /// `ok`, `warning` or `failed`.
    pub outcome: String,
    pub ms: String,
}

/// One finding of the report, explained by the server from the engine's catalog.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    pub title: String,
    pub why: String,
    pub fix: String,
}

/// What arrives, line by line.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Step(Step),
    Finding(Finding),
    /// The report's verdict: `ok`, `warnings` or `failed`.
    Verdict(String),
    /// The probe refused before starting (429, 503, 400...): why, and when to retry.
    Refused {
        message: String,
        retry_after: Option<String>,
    },
    /// The stream is over.
    End(End),
}

/// How the stream ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Complete,
    /// It ended before the report (the probe stopped).
    Interrupted,
    /// The probe could not be reached at all (offline, no probe at this address).
    Unreachable,
}

/// Starts one probe; `on_event` is called for each line as it arrives, and last with [`Event::End`].
pub fn run(endpoint: &str, request: &ProbeRequest, mut on_event: impl FnMut(Event) + 'static) {
    let callback = Closure::<dyn FnMut(String, String, String, String)>::new(
        move |kind: String, a: String, b: String, c: String| {
            let event = match kind.as_str() {
                "step" => Event::Step(Step {
                    name: a,
                    outcome: b,
                    ms: c,
                }),
                "finding" => {
                    let mut text = c.split('\0').map(str::to_owned);
                    let mut next = || text.next().unwrap_or_default();
                    Event::Finding(Finding {
                        code: a,
                        severity: b,
                        title: next(),
                        why: next(),
                        fix: next(),
                    })
                }
                "verdict" => Event::Verdict(a),
                "refused" => Event::Refused {
                    message: a,
                    retry_after: (!b.is_empty()).then_some(b),
                },
                _ => Event::End(match a.as_str() {
                    "complete" => End::Complete,
                    "interrupted" => End::Interrupted,
                    _ => End::Unreachable,
                }),
            };
            on_event(event);
        },
    );
    // Handed to JavaScript, which keeps it as long as the stream runs and lets it go afterwards.
    probe_stream(endpoint, &request.to_json(), &callback.into_js_value());
}
