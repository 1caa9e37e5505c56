//! A button that copies one value to the clipboard and says so.

use crate::browser;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub value: String,
    /// What is copied, for screen readers ("Copy server name").
    pub what: AttrValue,
}

#[component]
pub fn CopyButton(props: &Props) -> Html {
    let copied = use_state(|| false);
    let onclick = {
        let (value, copied) = (props.value.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            browser::copy(&value);
            copied.set(true);
        })
    };
    html! {
        <button type="button" class="copy secondary" aria-label={format!("Copy {}", props.what)} {onclick}>
            { if *copied { "Copied ✓" } else { "Copy" } }
        </button>
    }
}
