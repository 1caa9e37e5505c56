//! Which values guides and downloads use: the provider's recommended ones or the person's own.

use crate::state::Values;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The provider's name, when its recommended values exist; without it only the person's own are offered.
    pub provider: Option<AttrValue>,
    pub values: Values,
    pub on_values: Callback<Values>,
}

#[component]
pub fn ValuesChoice(props: &Props) -> Html {
    let Some(provider) = &props.provider else {
        return html! {
            <p class="muted">{ "Filled in with the settings you entered under \"Check my settings\"." }</p>
        };
    };
    let option = |id: &'static str, values: Values, text: String| {
        let onchange = props.on_values.reform(move |_: Event| values);
        html! {
            <label class="radio" for={id}>
                <input type="radio" id={id} name="values" checked={props.values == values} {onchange} />
                { text }
            </label>
        }
    };
    html! {
        <fieldset class="choice">
            <legend>{ "Fill in" }</legend>
            { option("values-recommended", Values::Recommended, format!("{provider}'s recommended settings")) }
            { option("values-mine", Values::Mine, "the settings I entered under \"Check my settings\"".to_owned()) }
        </fieldset>
    }
}
