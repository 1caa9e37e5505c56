//! What a discovery of an unknown domain's settings shows (src/discover.rs). Drawn by code loaded with the
//! first discovery (src/later.rs): most addresses are of a known provider.

use crate::discover::Discovery;
use mailcheck_engine::catalog::screens::{echo, looking_for};
use yew::prelude::*;

/// How far a discovery has come: that it is running, then its outcome in a sentence. The first load draws
/// this alone until the rest of the discovery's code is here (src/later.rs).
pub fn progress(d: &Discovery) -> Html {
    html! {
        <>
            if d.running {
                <p class="loading">{ looking_for(&d.domain) }</p>
            }
            if let Some(summary) = &d.summary {
                <p data-testid="discovery-summary">{ summary }</p>
            }
        </>
    }
}

/// Looking for an unknown domain's settings: each source's answer as it arrives (sentences from the server),
/// then who agrees on each server; or, without a server, the offer to ask the Thunderbird ISPDB from the
/// browser, saying exactly what is sent where.
pub fn discovery(d: &Discovery, ispdb: Option<&str>, on_ask: &Callback<()>) -> Html {
    // Offered where the server cannot answer: none configured, or out of reach.
    let offer = ispdb.filter(|_| !d.running && !d.answered);
    let sources = html! { <ul class="notes">{ for d.lines.iter().map(|n| html! { <li>{ n }</li> }) }</ul> };
    html! {
        <div class="discover" data-testid="discovery">
            { progress(d) }
            // Found: the sources are already inside "How these settings were found". Else what was asked stays
            // folded, while the search runs as after: a phone would scroll past a dozen technical lines to
            // reach the outcome and its advice.
            if d.provider.is_some() {
                { sources }
            } else if !d.lines.is_empty() {
                <details><summary>{ "What mailcheck asked" }</summary>{ sources }</details>
            }
            if let Some(base) = offer {
                <p>
                    <button type="button" class="secondary" id="ask-ispdb" onclick={on_ask.reform(|_| ())}>
                        { "Ask Thunderbird's ISPDB" }
                    </button>
                    { format!(" Sends {}, and nothing else, to Thunderbird's server ({base}).", echo(&d.domain)) }
                </p>
            }
        </div>
    }
}
