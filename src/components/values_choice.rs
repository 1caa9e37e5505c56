//! Which values guides and downloads use: the provider's recommended ones (with IMAP or POP3, as the
//! IMAP-or-POP3 screen recommends or the person chooses) or the person's own.

use crate::state::Values;
use mailcheck_engine::catalog::screens::{protocol_option, PROTOCOL_LEGEND};
use mailcheck_engine::Protocol;
use yew::prelude::*;

#[derive(PartialEq, Clone)]
pub struct Props {
    /// The provider's name, when its recommended values exist; without it only the person's own are offered.
    pub provider: Option<AttrValue>,
    pub values: Values,
    pub on_values: Callback<Values>,
    /// The incoming protocol in use and the recommended one, when the provider offers both IMAP and POP3.
    pub protocols: Option<(Protocol, Protocol)>,
    /// Called with the protocol chosen, `None` for the recommended one.
    pub on_incoming: Callback<Option<Protocol>>,
}

pub fn values_choice(props: Props) -> Html {
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
    let protocols = props.protocols.filter(|_| props.values == Values::Recommended);
    html! {
        <fieldset class="choice">
            <legend>{ "Fill in" }</legend>
            { option("values-recommended", Values::Recommended, format!("{provider}'s recommended settings")) }
            if let Some((chosen, recommended)) = protocols {
                <fieldset class="choice incoming">
                    <legend>{ PROTOCOL_LEGEND }</legend>
                    { for [Protocol::Imap, Protocol::Pop3].into_iter().map(|p| {
                        let id = if p == Protocol::Imap { "use-imap" } else { "use-pop3" };
                        let onchange = props.on_incoming.reform(move |_: Event| (p != recommended).then_some(p));
                        html! {
                            <label class="radio" for={id}>
                                <input type="radio" {id} name="incoming" checked={chosen == p} {onchange} />
                                { protocol_option(p, p == recommended) }
                            </label>
                        }
                    }) }
                </fieldset>
            }
            { option("values-mine", Values::Mine, "the settings I entered under \"Check my settings\"".to_owned()) }
        </fieldset>
    }
}
