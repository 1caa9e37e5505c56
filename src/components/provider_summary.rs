//! The provider's correct settings: every documented server, how to sign in, its notes, and the source.

use mailcheck_engine::account::{AuthMethod, Username};
use mailcheck_engine::catalog::transfer::{sign_in_text, username_text};
use mailcheck_engine::catalog::unknown_provider::GUIDANCE;
use mailcheck_engine::{ImapSupport, Provider, Server, UsernameForm};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The domain looked up, `None` while the field holds no domain.
    pub domain: Option<String>,
    /// The domain's provider, or before an address is typed the one the host page chose.
    pub provider: Option<&'static Provider>,
}

#[component]
pub fn ProviderSummary(props: &Props) -> Html {
    let body = match (&props.domain, props.provider) {
        (_, Some(p)) => provider(p),
        (None, None) => html! {
            <p class="hint">{ "Type your email address above to see your provider's correct settings." }</p>
        },
        (Some(domain), None) => html! {
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

fn provider(p: &'static Provider) -> Html {
    let username = match p.username {
        UsernameForm::Address => Username::Address,
        UsernameForm::LocalPart => Username::LocalPart,
    };
    let username = username_text(&username, None);
    let auth = p.auth.first().copied();
    let sign_in = sign_in_text(auth.map_or(AuthMethod::Password, AuthMethod::from_provider), auth);
    html! {
        <>
            <h2 data-testid="provider-name">{ p.name }</h2>
            if let Some(host) = p.hosted_by {
                <p>{ format!("This mail is now run by {host}.") }</p>
            }
            <table class="server-table">
                <caption class="visually-hidden">{ format!("{}'s mail servers", p.name) }</caption>
                <thead><tr><th scope="col">{ "Use" }</th><th scope="col">{ "Server" }</th><th scope="col">{ "Port" }</th><th scope="col">{ "Encryption" }</th></tr></thead>
                <tbody>
                    { for p.incoming.iter().map(|s| row("Incoming", s, p)) }
                    { for p.outgoing.iter().map(|s| row("Outgoing", s, p)) }
                </tbody>
            </table>
            <dl class="facts">
                <dt>{ "Addresses" }</dt><dd>{ addresses(p) }</dd>
                <dt>{ "User name" }</dt><dd>{ username }</dd>
                <dt>{ "Sign-in" }</dt><dd>{ sign_in }</dd>
                if let Some(mb) = p.mailbox_mb { <dt>{ "Mailbox size" }</dt><dd>{ format!("{mb} MB") }</dd> }
                if let Some(mb) = p.send_limit_mb { <dt>{ "Largest message you can send" }</dt><dd>{ format!("{mb} MB") }</dd> }
            </dl>
            if !p.notes.is_empty() {
                <h3>{ "From the provider" }</h3>
                <ul class="notes">{ for p.notes.iter().map(|n| html! { <li>{ *n }</li> }) }</ul>
            }
            if !p.wrong_hosts.is_empty() {
                <h3>{ "Wrong in other guides" }</h3>
                <ul class="notes">
                    { for p.wrong_hosts.iter().map(|w| html! {
                        <li class="wrong-host"><strong>{ "Do not use " }</strong><del><code>{ w.host }</code></del>{ ": " }{ w.why }</li>
                    }) }
                </ul>
            }
            <p class="source">
                { "Source: " }<a href={p.source} rel="noopener noreferrer">{ "the provider's official help page" }</a>
                { format!(", checked {}.", p.checked) }
            </p>
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

fn row(direction: &'static str, s: &Server, p: &Provider) -> Html {
    let mut role = format!("{direction} ({})", s.protocol.label());
    if s.recommended {
        role.push_str(", recommended");
    }
    if s.protocol == mailcheck_engine::Protocol::Imap && p.imap == ImapSupport::SelfHelp {
        role.push_str(", self-help only");
    }
    html! {
        <tr class={s.recommended.then_some("recommended")}>
            <td>{ role }</td>
            <td><code>{ s.host }</code></td>
            <td>{ s.port }</td>
            <td>{ s.security.label() }</td>
        </tr>
    }
}
