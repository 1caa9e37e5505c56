//! The navigation between the app's screens, every one named in full: one row on a wide screen, two rows of
//! three on a phone; it stays put and sticks to the top of the window (static/style.css).

use crate::browser;
use crate::state::Screen;
use yew::prelude::*;

/// The buttons, with `current` marked; `on_select` gets the screen chosen.
pub fn screen_nav(current: Screen, on_select: &Callback<Screen>) -> Html {
    html! {
        <nav class="screens" aria-label="What do you want to do?">
            <ul>
                { for Screen::ALL.into_iter().map(|screen| {
                    let onclick = on_select.reform(move |_: MouseEvent| {
                        browser::to_top();
                        screen
                    });
                    let current = (screen == current).then_some("page");
                    html! {
                        <li>
                            <button type="button" id={format!("nav-{}", screen.id())} aria-current={current} {onclick}>
                                { screen.label() }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
