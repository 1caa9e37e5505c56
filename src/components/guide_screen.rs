//! "Set up my mail app": pick the app, then follow its steps with the values filled in.

use super::copy_button::CopyButton;
use super::values_choice::ValuesChoice;
use crate::browser;
use crate::state::Values;
use mailcheck_engine::guide::{Client, Guide, Level, Source, Value};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub client: Option<Client>,
    /// The guide for the chosen client, when one is chosen.
    pub guide: Option<Guide>,
    /// The provider's name when its recommended values can be used.
    pub provider: Option<AttrValue>,
    pub values: Values,
    pub on_client: Callback<Option<Client>>,
    pub on_values: Callback<Values>,
}

#[component]
pub fn GuideScreen(props: &Props) -> Html {
    html! {
        <>
            <fieldset class="clients">
                <legend>{ "Which mail app do you use?" }</legend>
                <ul>
                    { for Client::all().iter().map(|&c| {
                        let onclick = props.on_client.reform(move |_: MouseEvent| Some(c));
                        let pressed = if props.client == Some(c) { "true" } else { "false" };
                        html! {
                            <li><button type="button" class="client" id={format!("client-{}", c.id())}
                                aria-pressed={pressed} {onclick}>{ c.label() }</button></li>
                        }
                    }) }
                </ul>
            </fieldset>
            <ValuesChoice provider={props.provider.clone()} values={props.values} on_values={props.on_values.clone()} />
            { props.guide.as_ref().map(guide).unwrap_or_else(|| html! {
                <p class="hint">{ "Choose your mail app above to see its steps." }</p>
            }) }
        </>
    }
}

fn guide(g: &Guide) -> Html {
    let source = match g.source {
        Source::MakerDocs(url) => {
            html! { <>{ "Checked against the maker's help: " }<a href={url} rel="noopener noreferrer">{ url }</a></> }
        }
        Source::AppSource(url) => {
            html! { <>{ "Checked against the app's own wording: " }<a href={url} rel="noopener noreferrer">{ url }</a></> }
        }
        Source::None => {
            html! { { "The maker's documentation could not be checked; where unsure the steps stay general." } }
        }
    };
    let print = Callback::from(|_: MouseEvent| browser::print());
    html! {
        <article class="guide printable" data-testid="guide">
            <h3>{ &g.title }</h3>
            <p class="muted">{ format!("For {}. ", g.version) }{ source }</p>
            { for g.notes.iter().filter(|n| n.level == Level::Warning).map(|n| html! {
                <p class="note warning"><strong>{ "Warning: " }</strong>{ &n.text }</p>
            }) }
            <ol class="steps">
                { for g.steps.iter().map(|step| html! {
                    <li>
                        <p>{ &step.text }</p>
                        if !step.fields.is_empty() {
                            <dl class="entries">
                                { for step.fields.iter().map(|e| html! {
                                    <div class="entry">
                                        <dt>{ e.label }</dt>
                                        <dd>{ value(e.label, &e.value) }</dd>
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
        </article>
    }
}

fn value(label: &'static str, v: &Value) -> Html {
    match v {
        Value::Text(text) => html! {
            <><code class="value">{ text }</code>{ " " }<CopyButton value={text.clone()} what={label} /></>
        },
        Value::Choose(option) => html! { <>{ "choose " }<strong>{ *option }</strong></> },
        Value::Switch(true) => html! { <strong>{ "on (ticked)" }</strong> },
        Value::Switch(false) => html! { <strong>{ "off (not ticked)" }</strong> },
        Value::Yours(words) => html! { <em>{ words }</em> },
    }
}
