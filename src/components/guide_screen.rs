//! "Set up my mail app": pick the app, then follow its steps with the values filled in.
//!
//! On a phone the guide starts below the list of apps: choosing one brings the guide into view and moves the
//! focus to it, so the choice visibly does something. On a wide screen the list stands beside it.

use super::copy_button::CopyButton;
use super::requirements::linked;
use super::values_choice::{self, values_choice};
use super::Fresh;
use crate::browser;
use mailcheck_engine::catalog::screens::guide_source;
use mailcheck_engine::guide::{Client, Guide, Level, Source, Value};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub client: Option<Client>,
    /// The guide for the chosen client, when one is chosen and its texts have arrived.
    pub guide: Fresh<Option<Guide>>,
    /// Why the chosen client's guide is not there yet: its texts come with the provider data.
    pub unavailable: Option<AttrValue>,
    /// Which values fill the guide (the provider's, with IMAP or POP3, or the person's own).
    pub choice: Option<values_choice::Props>,
    pub on_client: Callback<Option<Client>>,
}

#[component]
pub fn GuideScreen(props: &Props) -> Html {
    let article = use_node_ref();
    html! {
        <div class="guide-layout">
            <div class="guide-picker">
                <fieldset class="clients">
                    <legend>{ "Which mail app do you use?" }</legend>
                    <ul>
                        { for Client::all().iter().map(|&c| {
                            let article = article.clone();
                            let onclick = props.on_client.reform(move |_: MouseEvent| {
                                // The guide, once drawn, is brought into view with the focus, so the choice
                                // visibly does something on a phone, where the guide starts below the list.
                                let article = article.clone();
                                browser::after(
                                    0,
                                    Box::new(move || {
                                        if let Some(guide) = article.get() {
                                            let guide = guide.unchecked_into::<web_sys::HtmlElement>();
                                            guide.scroll_into_view_with_bool(true);
                                            let _ = guide.focus();
                                        }
                                    }),
                                );
                                Some(c)
                            });
                            let pressed = if props.client == Some(c) { "true" } else { "false" };
                            html! {
                                <li><button type="button" class="client" id={format!("client-{}", c.id())}
                                    aria-pressed={pressed} {onclick}>{ c.label() }</button></li>
                            }
                        }) }
                    </ul>
                </fieldset>
                if let Some(choice) = &props.choice {
                    { values_choice(choice.clone()) }
                }
            </div>
            // One element before and after the choice, so the focus given to it on a click stays.
            <article class="guide printable" data-testid="guide" tabindex="-1" aria-labelledby="guide-title"
                ref={article}>
                { match (&props.guide.0, &props.unavailable) {
                    (Some(g), _) => guide(g),
                    (None, Some(why)) => html! { <p class="loading" id="guide-title">{ why.clone() }</p> },
                    (None, None) => html! {
                        <p class="hint" id="guide-title">{ "Choose your mail app above to see its steps." }</p>
                    },
                } }
            </article>
        </div>
    }
}

fn guide(g: &Guide) -> Html {
    let (words, link) = guide_source(g.source);
    let source = match g.source {
        Source::MakerDocs(url) | Source::AppSource(url) => {
            html! { <>{ words }<a href={url} rel="noopener noreferrer">{ link }</a>{ "." }</> }
        }
        Source::None => html! { { words } },
    };
    let print = Callback::from(|_: MouseEvent| browser::print());
    html! {
        <>
            <h3 id="guide-title">{ &g.title }</h3>
            <p class="muted">{ format!("For {}. ", g.version) }{ source }</p>
            { for g.notes.iter().filter(|n| n.level == Level::Warning).map(|n| html! {
                <p class="note warning"><strong>{ "Warning: " }</strong>{ &n.text }</p>
            }) }
            <ol class="steps">
                { for g.steps.iter().map(|step| html! {
                    <li>
                        <p>{ linked(&step.text) }</p>
                        if !step.fields.is_empty() {
                            <dl class="entries">
                                { for step.fields.iter().map(|e| html! {
                                    <div class="entry">
                                        <dt>{ &e.label }</dt>
                                        <dd>{ value(&e.label, &e.value) }</dd>
                                    </div>
                                }) }
                            </dl>
                        }
                    </li>
                }) }
            </ol>
            { for g.notes.iter().filter(|n| n.level == Level::Info).map(|n| html! {
                <p class="note info"><strong>{ "Note: " }</strong>{ &n.text }</p>
            }) }
            <p><button type="button" class="secondary" onclick={print}>{ "Print this guide" }</button></p>
        </>
    }
}

fn value(label: &str, v: &Value) -> Html {
    match v {
        Value::Text(text) => html! {
            <><code class="value">{ text }</code>{ " " }<CopyButton value={text.clone()} what={AttrValue::from(label.to_owned())} /></>
        },
        Value::Choose(option) => html! { <>{ "choose " }<strong>{ *option }</strong></> },
        Value::Switch(true) => html! { <strong>{ "on (ticked)" }</strong> },
        Value::Switch(false) => html! { <strong>{ "off (not ticked)" }</strong> },
        Value::Yours(words) => html! { <em>{ words }</em> },
    }
}
