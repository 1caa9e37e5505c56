//! "Decode an error": the message a mail app showed, turned into likely causes and fixes.

use mailcheck_engine::decode::Cause;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

pub struct Props {
    pub text: String,
    /// The engine's causes for `text`, most likely first (empty while `text` is empty).
    pub causes: Vec<Cause>,
    /// Why there are no causes yet: the explanations come with the provider data, after the first paint.
    pub unavailable: Option<AttrValue>,
    pub on_text: Callback<String>,
}

pub fn decode_screen(props: Props) -> Html {
    let oninput = props
        .on_text
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    html! {
        <>
            <p class="intro">
                { "Paste the error message your mail app showed, as it is. The settings you entered under \
                   \"Check my settings\" help narrow it down." }
            </p>
            <div class="decode-layout">
                <div class="field">
                    <label for="error-text">{ "Error message" }</label>
                    <textarea id="error-text" rows="4" spellcheck="false" value={props.text.clone()}
                        placeholder="e.g. Sending reported error (0x800CCC0E): Cannot connect to the server." {oninput} />
                </div>
                <div aria-live="polite">
                    if let (Some(why), false) = (&props.unavailable, props.text.trim().is_empty()) {
                        <p class="loading" data-testid="causes-unavailable">{ why.clone() }</p>
                    } else if !props.text.trim().is_empty() {
                        <h3>{ "Likely causes, most likely first" }</h3>
                        <ol class="causes" data-testid="causes">
                            { for props.causes.iter().map(|c| html! {
                                <li class="cause" data-code={c.code}>
                                    <h4>{ &c.title }</h4>
                                    <p>{ &c.why }</p>
                                    if !c.fixes.is_empty() {
                                        <p class="fix-heading">{ "What to do:" }</p>
                                        <ul>{ for c.fixes.iter().map(|f| fix(f)) }</ul>
                                    }
                                </li>
                            }) }
                        </ol>
                    }
                </div>
            </div>
        </>
    }
}

/// One fix; when it ends on an address (the provider's page, where its settings come from: catalog/causes.rs
/// `source-*`), that address is a link to follow.
fn fix(text: &str) -> Html {
    match text.rsplit_once(' ') {
        Some((words, url)) if url.starts_with("https://") => html! {
            <li>{ words }{ " " }<a href={url.to_owned()} rel="noopener noreferrer">{ url }</a></li>
        },
        _ => html! { <li>{ text }</li> },
    }
}
