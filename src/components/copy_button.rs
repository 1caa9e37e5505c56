//! A button that copies one value to the clipboard and says so: on the button, and in a live region for
//! screen readers, for a moment.

use crate::browser;
use mailcheck_engine::catalog::screens::{copied, COPIED, COPY};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub value: String,
    /// What is copied ("Server"): part of the button's name for screen readers, after its visible word.
    pub what: AttrValue,
}

/// How long the button says "Copied" before it reads "Copy" again.
const SHOWN_MS: i32 = 2_500;

#[component]
pub fn CopyButton(props: &Props) -> Html {
    let copied_now = use_state(|| false);
    // Which click a timer belongs to: only the last click's timer turns the button back.
    let clicks = use_mut_ref(|| 0u32);
    let onclick = {
        let (value, copied_now, clicks) = (props.value.clone(), copied_now.clone(), clicks.clone());
        Callback::from(move |_: MouseEvent| {
            browser::copy(&value);
            copied_now.set(true);
            let click = {
                let mut n = clicks.borrow_mut();
                *n = n.wrapping_add(1);
                *n
            };
            let (copied_now, clicks) = (copied_now.clone(), clicks.clone());
            browser::after(
                SHOWN_MS,
                Box::new(move || {
                    if *clicks.borrow() == click {
                        copied_now.set(false);
                    }
                }),
            );
        })
    };
    // The visible word starts the accessible name ("Copied Server"), so the two never disagree.
    html! {
        <>
            <button type="button" class="copy secondary" {onclick}>
                { if *copied_now { COPIED } else { COPY } }
                <span class="visually-hidden">{ " " }{ &props.what }</span>
                if *copied_now { <span aria-hidden="true">{ " ✓" }</span> }
            </button>
            <span class="visually-hidden" role="status">
                { if *copied_now { copied(&props.what) } else { String::new() } }
            </span>
        </>
    }
}
