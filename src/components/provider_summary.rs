//! The provider's correct settings, in the order a person needs them: what to do before signing in (an app
//! password, say: with the right servers, the commonest reason mail still fails), every documented server,
//! where all of it comes from (our checked record with its page and date, the Thunderbird ISPDB, Delta Chat's
//! provider database, or discovered for the domain: then with how), the details, and last, folded, the hosts
//! other guides get wrong that concern the address typed.

use super::requirements::requirements;
use crate::discover::{Discovery, Online};
use crate::later;
use crate::provider_data::Data;
use mailcheck_engine::catalog::screens::echo;
use mailcheck_engine::catalog::unknown_provider::{CHECK_ANYWAY, GUIDANCE};
use mailcheck_engine::catalog::{provenance, summary};
use mailcheck_engine::texts::Texts;
use mailcheck_engine::Provider;
use yew::prelude::*;

pub struct Props<'a> {
    /// The domain looked up, `None` while the field holds no domain.
    pub domain: Option<&'a str>,
    /// The domain's provider, or before an address is typed the one the host page chose.
    pub provider: Option<&'a Provider>,
    /// The domain's provider when it offers mail apps no servers of its own.
    pub no_mail_apps: Option<&'a Provider>,
    /// Whether the provider list has arrived: without it an unknown domain may just not be looked up yet.
    pub data: &'a Data,
    /// Said instead when what was typed cannot be an address or a domain.
    pub not_an_address: Option<String>,
    /// The discovery of an unknown domain.
    pub discovery: &'a Discovery,
    /// Where the browser may look the domain up itself, with the person's go-ahead.
    pub online: &'a Online,
    /// Looks it up from the browser.
    pub on_ask: Callback<()>,
    /// Opens "Check my settings", offered where no settings are known.
    pub on_check: Callback<MouseEvent>,
}

pub fn provider_summary(props: Props) -> Html {
    let shown = props.domain.map(echo);
    // Records with requirements only ever come with the data, and so do the requirements' words.
    let texts = props.data.texts();
    let body = match (&shown, props.provider, props.no_mail_apps, props.data) {
        (_, None, Some(p), _) => html! {
            <>
                { no_servers(p, texts) }
                // Found by the domain's MX records: why this provider's card is shown for it.
                if props.discovery.no_mail_apps.is_some() {
                    if let Some(caution) = &props.discovery.caution {
                        <p class="note" data-testid="discovery-caution">{ caution }</p>
                    }
                }
            </>
        },
        (_, Some(p), _, _) => html! {
            <>
                { provider(p, props.domain, texts) }
                if p.origin.tier() == "discovered" {
                    // The browser's DNS answers are the resolver's word: said where it is seen, not folded away.
                    if let Some(caution) = &props.discovery.caution {
                        <p class="note" data-testid="discovery-caution">{ caution }</p>
                    }
                    <details>
                        <summary>{ "How these settings were found" }</summary>
                        { later::discovery_view(props.discovery, props.online, &props.on_ask) }
                    </details>
                }
            </>
        },
        _ if props.not_an_address.is_some() => html! {
            <p class="unknown" data-testid="not-an-address">{ props.not_an_address }</p>
        },
        (None, None, _, _) => html! {
            <p class="hint">{ "Type your email address above to see your provider's correct settings." }</p>
        },
        (Some(domain), None, _, Data::Loading) => html! {
            <p class="loading" data-testid="provider-loading">
                { format!("Looking up the provider of {domain}…") }
            </p>
        },
        (Some(domain), None, _, Data::Failed(why)) => html! {
            <>
                <p class="unknown" data-testid="provider-data-failed">
                    { format!(
                        "The list of providers could not be loaded ({why}), so mailcheck cannot show {domain}'s \
                         exact settings. The checks still use the general rules; reload the page to try again."
                    ) }
                </p>
                { guidance(&props.on_check) }
            </>
        },
        (Some(domain), None, _, Data::Ready(_)) => html! {
            <>
                <p class="unknown" data-testid="provider-unknown">
                    { format!("We don't know the provider of {domain} yet, so we cannot show its exact settings.") }
                </p>
                if props.domain == Some(props.discovery.domain.as_str()) {
                    { later::discovery_view(props.discovery, props.online, &props.on_ask) }
                }
                { guidance(&props.on_check) }
            </>
        },
    };
    html! { <section class="provider" aria-live="polite">{ body }</section> }
}

/// What anyone can do without the provider's settings, and the way on: the check with the general rules.
fn guidance(on_check: &Callback<MouseEvent>) -> Html {
    html! {
        <>
            <ul class="guidance">{ for GUIDANCE.iter().map(|g| html! { <li>{ *g }</li> }) }</ul>
            <p><button type="button" class="secondary" id="check-anyway" onclick={on_check.clone()}>{ CHECK_ANYWAY }</button></p>
        </>
    }
}

/// A provider that offers mail apps no servers of its own: what to do instead, and whose word that is.
fn no_servers(p: &Provider, texts: &Texts) -> Html {
    html! {
        <>
            <h2 data-testid="provider-name">{ &p.name }</h2>
            { requirements(p, texts) }
            <p class="note" data-testid="no-servers">{ texts.fill("requirement.no-servers", &[("provider", &p.name)]) }</p>
            { source(p) }
        </>
    }
}

/// Whose word the record is, with its page where there is one, and how far to trust it.
fn source(p: &Provider) -> Html {
    let checked = p.is_checked();
    html! {
        <>
            <p class={classes!("provenance", if checked { "checked" } else { "ispdb" })} data-testid="provenance">
                <span class="tier">{ provenance::tier_label(p) }</span>
                { " " }{ provenance::sentence(p) }
            </p>
            if let Some(url) = p.page() {
                <p class="source">
                    { "Source: " }<a href={url.to_owned()} rel="noopener noreferrer">{ provenance::page_label(p) }</a>
                </p>
            }
            if let Some(caution) = provenance::caution(p) {
                <p class="note">{ caution }</p>
            }
        </>
    }
}

/// The record `p`; `domain`, when typed, keeps the wrong hosts to those that concern it.
fn provider(p: &Provider, domain: Option<&str>, texts: &Texts) -> Html {
    let wrong: Vec<_> = match domain {
        Some(domain) => p.wrong_hosts_for(domain).collect(),
        None => p.wrong_hosts.iter().collect(),
    };
    html! {
        <>
            <h2 data-testid="provider-name">{ &p.name }</h2>
            { requirements(p, texts) }
            <table class="server-table">
                <caption class="visually-hidden">{ format!("{}'s mail servers", p.name) }</caption>
                <thead><tr><th scope="col">{ "Use" }</th><th scope="col">{ "Server" }</th><th scope="col">{ "Port" }</th><th scope="col">{ "Encryption" }</th></tr></thead>
                <tbody>
                    { for [&p.incoming, &p.outgoing].into_iter().flat_map(|side| side.iter().enumerate()).map(|(i, s)| html! {
                        <tr class={(i == 0).then_some("recommended")}>
                            <td>{ summary::role(p, s, i == 0) }</td>
                            <td><code>{ &s.host }</code></td>
                            <td>{ s.port }</td>
                            <td>{ s.security.label() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { source(p) }
            if let Some(host) = &p.hosted_by {
                <p>{ format!("This mail is now run by {host}.") }</p>
            }
            <dl class="facts">
                { for summary::facts(p).into_iter().map(|(label, text)| html! { <><dt>{ label }</dt><dd>{ text }</dd></> }) }
            </dl>
            if !p.notes.is_empty() {
                <h3>{ "From the provider" }</h3>
                <ul class="notes">{ for p.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            }
            if !wrong.is_empty() {
                <details class="wrong-hosts">
                    <summary>{ "Wrong in other guides" }</summary>
                    <ul class="notes">
                        { for wrong.into_iter().map(|w| html! {
                            <li class="wrong-host"><strong>{ "Do not use " }</strong><del><code>{ &w.host }</code></del>{ ": " }{ &w.why }</li>
                        }) }
                    </ul>
                </details>
            }
        </>
    }
}
