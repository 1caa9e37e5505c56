//! What the engine knows about the address's provider: its name, recommended servers and source.

use mailcheck_engine::{Provider, Server};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The domain looked up, `None` while the field holds no domain.
    pub domain: Option<String>,
    pub provider: Option<&'static Provider>,
}

#[component]
pub fn ProviderSummary(props: &Props) -> Html {
    let body = match (&props.domain, props.provider) {
        (None, _) => html! {
            <p class="hint">{ "Type your address to see your provider's settings." }</p>
        },
        (Some(domain), None) => html! {
            <p class="unknown" data-testid="provider-unknown">
                { format!("We don't know the provider of {domain} yet. Its settings are on your provider's help pages.") }
            </p>
        },
        (Some(_), Some(p)) => html! {
            <>
                <h2 data-testid="provider-name">{ p.name }</h2>
                <dl class="servers">
                    { server_row("Incoming", p.recommended_incoming()) }
                    { server_row("Outgoing", p.recommended_outgoing()) }
                </dl>
                <p class="source">
                    { "Source: " }<a href={p.source} rel="noopener noreferrer">{ "official help page" }</a>
                    { format!(", checked {}.", p.checked) }
                </p>
            </>
        },
    };
    html! { <section class="provider" aria-live="polite">{ body }</section> }
}

fn server_row(direction: &'static str, s: &Server) -> Html {
    html! {
        <>
            <dt>{ format!("{direction} ({})", s.protocol.label()) }</dt>
            <dd><code>{ s.host }</code>{ format!(", port {}, {}", s.port, s.security.label()) }</dd>
        </>
    }
}
