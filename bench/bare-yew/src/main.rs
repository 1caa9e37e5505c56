//! The framework floor: one component with state and an event handler, nothing else.

use yew::prelude::*;

#[component]
fn Counter() -> Html {
    let count = use_state(|| 0_u32);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(*count + 1))
    };
    html! { <main><button id="count" {onclick}>{ format!("Clicked {} times", *count) }</button></main> }
}

fn main() {
    yew::Renderer::<Counter>::new().render();
}
