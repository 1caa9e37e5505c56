//! What a discovery of an unknown domain's settings shows (src/discover.rs). Drawn by code loaded with the
//! first discovery (src/later.rs): most addresses are of a known provider.

use crate::discover::{Discovery, Online};
use mailcheck_engine::catalog::discover::online_offer;
use mailcheck_engine::catalog::screens::{self, echo, looking_for};
use mailcheck_engine::discover::Step;
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

/// The discovery's plain steps and how far each has come: the browser's own, or the server's with the
/// guesses only once they have answered.
fn steps(d: &Discovery) -> Html {
    let answer = |step: Step| d.steps.iter().find(|(s, _)| *s == step).map(|&(_, found)| found);
    let plan: Vec<Step> = if d.plan.is_empty() {
        let guessed = answer(Step::Guess).map(|_| Step::Guess);
        Step::FIRST.into_iter().chain(guessed).collect()
    } else {
        d.plan.clone()
    };
    html! {
        <ol class="discover-steps" data-testid="discovery-steps">
            { for plan.into_iter().map(|step| {
                let (state, class) = match (answer(step), d.running) {
                    (Some(true), _) => (screens::STEP_FOUND, "found"),
                    (Some(false), _) => (screens::STEP_NOTHING, "done"),
                    (None, true) => (screens::STEP_RUNNING, ""),
                    (None, false) => (screens::STEP_NO_ANSWER, ""),
                };
                html! { <li class={classes!(class)}>{ step.label() }{ state }</li> }
            }) }
        </ol>
    }
}

/// Looking for an unknown domain's settings: each source's answer as it arrives, then who agrees on each
/// server; or, without a server, the offer to look it up from the browser, saying exactly what is sent where.
pub fn discovery(d: &Discovery, online: &Online, on_ask: &Callback<()>) -> Html {
    // Offered where the server cannot answer: none configured, or out of reach.
    let offer = online.any() && !d.running && !d.answered;
    let sources = html! { <ul class="notes">{ for d.lines.iter().map(|n| html! { <li>{ n }</li> }) }</ul> };
    html! {
        <div class="discover" data-testid="discovery">
            { progress(d) }
            if d.running || !d.steps.is_empty() {
                { steps(d) }
            }
            // Found: the sources are already inside "How these settings were found". Else what was asked stays
            // folded, while the search runs as after: a phone would scroll past a dozen technical lines to
            // reach the outcome and its advice.
            if d.provider.is_some() {
                { sources }
            } else if !d.lines.is_empty() {
                <details><summary>{ "What mailcheck asked" }</summary>{ sources }</details>
            }
            if offer {
                <p>
                    <button type="button" class="secondary" id="look-up-online" onclick={on_ask.reform(|_| ())}>
                        { "Look it up online" }
                    </button>
                    { " " }
                    { online_offer(&echo(&d.domain), online.ispdb.as_deref(), online.doh.as_deref()) }
                </p>
            }
        </div>
    }
}
