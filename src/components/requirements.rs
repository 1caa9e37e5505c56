//! "Before you sign in": what a provider requires before a mail app can sign in (an app password, access to
//! switch on, its bridge, …), each with where to do it and whose word it is. A requirement often comes from
//! another page than the servers (an ISPDB record with a requirement from the provider's own help page), so
//! each says its own source. The words come with the provider data (crates/engine/texts/requirements.toml),
//! as does every record that has requirements.

use mailcheck_engine::texts::Texts;
use mailcheck_engine::{Provider, Requirement};
use yew::prelude::*;

/// The requirements of `p`, or nothing when it has none.
pub fn requirements(p: &Provider, texts: &Texts) -> Html {
    if p.requirements.is_empty() {
        return Html::default();
    }
    html! {
        <section class="before-sign-in" data-testid="before-sign-in" aria-labelledby="before-sign-in-title">
            <h3 id="before-sign-in-title">{ texts.get("requirement.heading") }</h3>
            <ul>{ for p.requirements_in_order().into_iter().map(|r| requirement(r, &p.name, texts)) }</ul>
        </section>
    }
}

fn requirement(r: &Requirement, provider: &str, texts: &Texts) -> Html {
    html! {
        <li class="requirement" data-kind={r.kind.id()}>
            <p>{ linked(&r.what(provider, texts)) }</p>
            if let Some(url) = &r.url {
                <p>{ linked(&texts.fill("requirement.where", &[("url", url)])) }</p>
            }
            if let Some(quote) = &r.quote {
                <blockquote>{ texts.fill("requirement.quote", &[("quote", quote)]) }</blockquote>
            }
            <p class="muted by">{ linked(&texts.fill("requirement.source", &[("by", &r.by(texts))])) }</p>
        </li>
    }
}

/// `text` with every web address in it as a link: the data's sentences name pages by their address (whose
/// word a fact is, where to do a step), ending at a space or comma, never on a closing bracket or full stop.
pub fn linked(text: &str) -> Html {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("https://") {
        let tail = &rest[start..];
        let end = tail.find(|c: char| c.is_whitespace() || c == ',').unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ')']);
        parts.push(html! { <>{ &rest[..start] }<a href={url.to_owned()} rel="noopener noreferrer">{ url }</a></> });
        rest = &tail[url.len()..];
    }
    parts.push(html! { rest });
    parts.into_iter().collect()
}
