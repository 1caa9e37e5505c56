//! The provider's correct settings: every documented server, how to sign in, its notes, and where all of it
//! comes from (our checked record, or the Thunderbird ISPDB).

use crate::provider_data::Data;
use mailcheck_engine::account::Username;
use mailcheck_engine::catalog::provenance;
use mailcheck_engine::catalog::transfer::{sign_in_text, username_text};
use mailcheck_engine::catalog::unknown_provider::GUIDANCE;
use mailcheck_engine::{ImapSupport, Protocol, Provider, Server, UsernameForm};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The domain looked up, `None` while the field holds no domain.
    pub domain: Option<String>,
    /// The domain's provider, or before an address is typed the one the host page chose.
    pub provider: Option<Rc<Provider>>,
    /// Whether the provider list has arrived: without it an unknown domain may just not be looked up yet.
    pub data: Data,
}

#[component]
pub fn ProviderSummary(props: &Props) -> Html {
    let body = match (&props.domain, &props.provider, &props.data) {
        (_, Some(p), _) => provider(p),
        (None, None, _) => html! {
            <p class="hint">{ "Type your email address above to see your provider's correct settings." }</p>
        },
        (Some(domain), None, Data::Loading) => html! {
            <p class="loading" data-testid="provider-loading">
                { format!("Looking up the provider of {domain}…") }
            </p>
        },
        (Some(domain), None, Data::Failed(why)) => html! {
            <>
                <p class="unknown" data-testid="provider-data-failed">
                    { format!(
                        "The list of providers could not be loaded ({why}), so mailcheck cannot show {domain}'s \
                         exact settings. The checks still use the general rules; reload the page to try again."
                    ) }
                </p>
                <ul class="guidance">{ for GUIDANCE.iter().map(|g| html! { <li>{ *g }</li> }) }</ul>
            </>
        },
        (Some(domain), None, Data::Ready(_)) => html! {
            <>
                <p class="unknown" data-testid="provider-unknown">
                    { format!("We don't know the provider of {domain} yet, so we cannot show its exact settings.") }
                </p>
                <ul class="guidance">{ for GUIDANCE.iter().map(|g| html! { <li>{ *g }</li> }) }</ul>
            </>
        },
    };
    html! { <section class="provider" aria-live="polite">{ body }</section> }
}

fn provider(p: &Provider) -> Html {
    let checked = p.is_checked();
    html! {
        <>
            <h2 data-testid="provider-name">{ &p.name }</h2>
            <p class={classes!("provenance", if checked { "checked" } else { "ispdb" })} data-testid="provenance">
                <span class="tier">{ provenance::tier_label(p) }</span>
                { " " }{ provenance::sentence(p) }
            </p>
            if let Some(host) = &p.hosted_by {
                <p>{ format!("This mail is now run by {host}.") }</p>
            }
            if let Some(enable) = &p.enable {
                <p class="enable" data-testid="enable">
                    <strong>{ "First: " }</strong>{ &enable.instruction }
                    if let Some(url) = &enable.url {
                        { " " }<a href={url.clone()} rel="noopener noreferrer">{ "Where to switch it on" }</a>
                    }
                </p>
            }
            <table class="server-table">
                <caption class="visually-hidden">{ format!("{}'s mail servers", p.name) }</caption>
                <thead><tr><th scope="col">{ "Use" }</th><th scope="col">{ "Server" }</th><th scope="col">{ "Port" }</th><th scope="col">{ "Encryption" }</th></tr></thead>
                <tbody>
                    { for p.incoming.iter().enumerate().map(|(i, s)| row("Incoming", i == 0, s, p)) }
                    { for p.outgoing.iter().enumerate().map(|(i, s)| row("Outgoing", i == 0, s, p)) }
                </tbody>
            </table>
            <dl class="facts">
                if !p.domains.is_empty() {
                    <dt>{ "Addresses" }</dt><dd>{ addresses(p) }</dd>
                }
                <dt>{ "User name" }</dt><dd>{ usernames(p) }</dd>
                <dt>{ "Sign-in" }</dt><dd>{ sign_in(p) }</dd>
                if let Some(mb) = p.mailbox_mb { <dt>{ "Mailbox size" }</dt><dd>{ format!("{mb} MB") }</dd> }
                if let Some(mb) = p.send_limit_mb { <dt>{ "Largest message you can send" }</dt><dd>{ format!("{mb} MB") }</dd> }
                if let Some(leave) = p.incoming.iter().find_map(|s| s.leave_on_server) {
                    <dt>{ "POP3" }</dt>
                    <dd>{ if leave { "Leave a copy of messages on the server." } else { "Messages are removed from the server once downloaded." } }</dd>
                }
            </dl>
            if !p.notes.is_empty() {
                <h3>{ "From the provider" }</h3>
                <ul class="notes">{ for p.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            }
            if !p.wrong_hosts.is_empty() {
                <h3>{ "Wrong in other guides" }</h3>
                <ul class="notes">
                    { for p.wrong_hosts.iter().map(|w| html! {
                        <li class="wrong-host"><strong>{ "Do not use " }</strong><del><code>{ &w.host }</code></del>{ ": " }{ &w.why }</li>
                    }) }
                </ul>
            }
            if !checked {
                <p class="note">{ provenance::ISPDB_STALE }</p>
            }
            if let Some(url) = p.page() {
                <p class="source">
                    { "Source: " }<a href={url.to_owned()} rel="noopener noreferrer">{ provenance::page_label(p) }</a>
                </p>
            }
        </>
    }
}

/// `@a, @b and @c`: the domains these settings are for.
fn addresses(p: &Provider) -> String {
    let mut text = String::new();
    for (i, domain) in p.domains.iter().enumerate() {
        if i > 0 {
            text.push_str(if i + 1 == p.domains.len() { " and " } else { ", " });
        }
        text.push('@');
        text.push_str(domain);
    }
    text
}

/// The user name, once when every server takes the same form, else per server (iCloud: the part before
/// the @ for IMAP, the whole address for SMTP).
fn usernames(p: &Provider) -> String {
    let said = |form: &UsernameForm| {
        let form = match form {
            UsernameForm::Address => Username::Address,
            UsernameForm::LocalPart => Username::LocalPart,
            UsernameForm::Template(t) => Username::Template(t.clone()),
        };
        username_text(&form, None)
    };
    let first = &p.recommended_incoming().username;
    let servers = || p.incoming.iter().chain(&p.outgoing);
    if servers().all(|s| s.username == *first) {
        return said(first);
    }
    let mut parts: Vec<String> = Vec::new();
    for s in servers() {
        let part = format!("{}: {}", s.protocol.label(), said(&s.username));
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts.join("; ")
}

fn sign_in(p: &Provider) -> String {
    let auth = p.auth.first().copied();
    sign_in_text(p.auth_for(p.recommended_incoming()), auth)
}

fn row(direction: &'static str, first: bool, s: &Server, p: &Provider) -> Html {
    let mut role = format!("{direction} ({})", s.protocol.label());
    if first {
        role.push_str(", recommended");
    }
    if s.protocol == Protocol::Imap && p.imap == ImapSupport::SelfHelp {
        role.push_str(", self-help only");
    }
    html! {
        <tr class={first.then_some("recommended")}>
            <td>{ role }</td>
            <td><code>{ &s.host }</code></td>
            <td>{ s.port }</td>
            <td>{ s.security.label() }</td>
        </tr>
    }
}
