//! The labelled email-address field.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The field showing `value`; `on_change` is called with the field's text on every keystroke.
pub fn address_field(value: &str, on_change: &Callback<String>) -> Html {
    let oninput = on_change.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
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
                value={value.to_owned()}
                {oninput}
            />
        </div>
    }
}
