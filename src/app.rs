//! The app's root component and its state.

use crate::components::{address_field::AddressField, provider_summary::ProviderSummary};
use yew::prelude::*;

/// The whole app: an address field and what the engine knows about the address's provider.
#[component]
pub fn App() -> Html {
    let address = use_state(String::new);
    let on_address = {
        let address = address.clone();
        Callback::from(move |value: String| address.set(value))
    };
    let lookup = mailcheck_engine::lookup(&address);

    html! {
        <main class="app">
            <header>
                <h1>{ "mailcheck" }</h1>
                <p class="tagline">{ "The correct email settings for your address, from your provider's own pages." }</p>
            </header>
            <AddressField value={(*address).clone()} on_change={on_address} />
            <ProviderSummary domain={lookup.domain} provider={lookup.provider} />
        </main>
    }
}
