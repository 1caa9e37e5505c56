//! "IMAP or POP3?": a few questions, the engine's recommendation with its reasons, and the explanation.

use mailcheck_engine::advice::{Answers, Keep, Recommendation, Section};
use mailcheck_engine::read::number;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub struct Props<'a> {
    pub answers: Answers,
    /// IMAP and POP explained; empty until its texts have come with the provider data.
    pub explanation: &'a [Section],
    pub recommendation: &'a Recommendation,
    pub on_devices: Callback<u32>,
    pub on_keep: Callback<Option<Keep>>,
    pub on_archive: Callback<bool>,
    pub on_quota: Callback<Option<u32>>,
}

const KEEP: [(&str, Option<Keep>, &str); 3] = [
    (
        "keep-server",
        Some(Keep::Server),
        "On my provider's server, so every device sees it",
    ),
    ("keep-computer", Some(Keep::Computer), "On this computer"),
    ("keep-any", None, "No preference"),
];

pub fn protocol_screen(props: Props) -> Html {
    let a = &props.answers;
    let on_devices = props
        .on_devices
        .reform(|e: Event| number(&e.target_unchecked_into::<HtmlSelectElement>().value()).unwrap_or(1));
    let on_archive = props
        .on_archive
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    let on_quota = props
        .on_quota
        .reform(|e: InputEvent| number(e.target_unchecked_into::<HtmlInputElement>().value().trim()));
    let r = props.recommendation;
    html! {
        <>
            <div class="protocol-layout">
                <fieldset class="questions">
                    <legend>{ "A few questions" }</legend>
                    <div class="field">
                        <label for="devices">{ "On how many devices do you read this mail?" }</label>
                        <select id="devices" onchange={on_devices}>
                            { for (1..=5u32).map(|n| html! {
                                <option value={n.to_string()} selected={a.devices.min(5) == n}>
                                    { if n == 5 { "5 or more".to_owned() } else { n.to_string() } }
                                </option>
                            }) }
                        </select>
                    </div>
                    <fieldset class="choice">
                        <legend>{ "Where do you want your mail kept?" }</legend>
                        { for KEEP.iter().map(|(id, keep, text)| {
                            let keep = *keep;
                            let onchange = props.on_keep.reform(move |_: Event| keep);
                            html! {
                                <label class="radio" for={*id}>
                                    <input type="radio" id={*id} name="keep" checked={a.keep == keep} {onchange} />
                                    { *text }
                                </label>
                            }
                        }) }
                    </fieldset>
                    <label class="checkbox" for="archive">
                        <input type="checkbox" id="archive" checked={a.offline_archive} onchange={on_archive} />
                        { "I want an archive on this computer that stays even after mail is deleted from the server" }
                    </label>
                    <div class="field">
                        <label for="quota">{ "Your mailbox size limit in MB, if you know it (optional)" }</label>
                        <input id="quota" type="text" inputmode="numeric" autocomplete="off"
                            value={a.quota_mb.map(|q| q.to_string()).unwrap_or_default()} oninput={on_quota} />
                    </div>
                </fieldset>
                <section class="recommendation" aria-live="polite" data-testid="recommendation">
                    <h3>{ format!("We recommend {}", r.protocol.label()) }</h3>
                    if let Some(s) = &r.server {
                        <p>{ "Server: " }<code>{ &s.host }</code>{ format!(", port {}, {}", s.port, s.security.label()) }</p>
                    }
                    // Each reason says which protocol it speaks for: some weigh against the recommendation.
                    <ul class="reasons">
                        { for r.reasons.iter().map(|x| html! {
                            <li data-code={x.code}><strong>{ format!("For {}: ", x.favours.label()) }</strong>{ &x.text }</li>
                        }) }
                    </ul>
                    if !r.notes.is_empty() {
                        <h4>{ "Good to know" }</h4>
                        <ul class="notes">{ for r.notes.iter().map(|n| html! { <li data-code={n.code}>{ &n.text }</li> }) }</ul>
                    }
                </section>
            </div>
            if !props.explanation.is_empty() {
                <section class="explanation">
                    <h3>{ "IMAP and POP, explained" }</h3>
                    { for props.explanation.iter().map(|s| html! {
                        <details>
                            <summary>{ &s.heading }</summary>
                            { for s.paragraphs.iter().map(|p| html! { <p>{ p }</p> }) }
                        </details>
                    }) }
                </section>
            }
        </>
    }
}
