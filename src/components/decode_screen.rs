//! "Decode an error": the message a mail app showed, turned into likely causes and fixes.

use super::requirements::linked;
use mailcheck_engine::decode::Cause;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

pub struct Props {
    pub text: String,
    /// The engine's causes for `text`, most likely first (empty while `text` is empty).
    pub causes: Vec<Cause>,
    /// Why there are no causes yet: the explanations come with the provider data, after the first paint.
    pub unavailable: Option<AttrValue>,
    /// What a provider that offers mail apps no servers of its own requires instead (Proton's Bridge), said
    /// before the causes: no server setting can fix an error there.
    pub before: Html,
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
                        { props.before }
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

/// One fix; the address it names (the provider's page where its settings come from, catalog/causes.rs
/// `source-*`, or whose word a sign-in requirement is) is a link to follow.
fn fix(text: &str) -> Html {
    html! { <li>{ linked(text) }</li> }
}
