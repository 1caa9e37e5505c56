//! The labelled email-address field.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub value: String,
    /// Called with the field's text on every keystroke.
    pub on_change: Callback<String>,
}

#[component]
pub fn AddressField(props: &Props) -> Html {
    let oninput = props
        .on_change
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <div class="field">
            <label for="address">{ "Your email address" }</label>
            <input
                id="address"
                type="email"
                inputmode="email"
                autocomplete="email"
                spellcheck="false"
                placeholder="jane@example.com"
                value={props.value.clone()}
                {oninput}
            />
        </div>
    }
}
