//! "Save & share": the settings as files for one-tap setup, a text summary, a share link, and clearing.

use super::copy_button::CopyButton;
use super::values_choice::ValuesChoice;
use crate::browser;
use crate::state::Values;
use mailcheck_engine::account::Account;
use mailcheck_engine::export::{self, Format};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The account the files describe, or why there is none (a field that cannot be used yet).
    pub account: Result<Account, String>,
    /// The provider's name when its recommended values can be used.
    pub provider: Option<AttrValue>,
    /// Whether an address has been typed yet.
    pub has_address: bool,
    pub values: Values,
    /// The link that reopens this state.
    pub share_link: Option<String>,
    pub on_values: Callback<Values>,
    pub on_clear: Callback<()>,
}

/// The downloadable files, with what they are for.
const FILES: [(Format, &str, &str); 3] = [
    (
        Format::Mobileconfig,
        "Apple profile",
        "Installs the account on iPhone, iPad or Mac in one tap. It holds no password: the device asks for it.",
    ),
    (
        Format::Autoconfig,
        "Thunderbird autoconfig",
        "The config-v1.1.xml file Thunderbird reads to set up an account.",
    ),
    (
        Format::Autodiscover,
        "Outlook Autodiscover",
        "The autodiscover.xml answer Outlook reads, for administrators who publish one.",
    ),
];

#[component]
pub fn TakeAwayScreen(props: &Props) -> Html {
    let problem = use_state(|| None::<String>);
    let body = match &props.account {
        // Before any address there is nothing wrong yet: a hint, not an error.
        Err(why) if !props.has_address => html! { <p class="hint" role="status">{ why }</p> },
        Err(why) => html! { <p class="summary error" role="status">{ why }</p> },
        Ok(account) => {
            let summary = export::export(account, Format::Text, "").unwrap_or_default();
            html! {
                <>
                    <h3>{ "Files for one-tap setup" }</h3>
                    <ul class="downloads">
                        { for FILES.iter().map(|&(format, name, what)| {
                            let (account, problem) = (account.clone(), problem.clone());
                            let onclick = Callback::from(move |_: MouseEvent| {
                                // Whole milliseconds: formatting an f64 would bring float printing into the wasm.
                                let salt = (js_sys::Date::now() as u64).to_string();
                                match export::export(&account, format, &salt) {
                                    Ok(file) => {
                                        browser::download(format.file_name(), format.media_type(), &file);
                                        problem.set(None);
                                    }
                                    Err(e) => problem.set(Some(e.to_string())),
                                }
                            });
                            html! {
                                <li>
                                    <button type="button" id={format!("download-{}", format.id())} {onclick}>
                                        { format!("Download {name} ({})", format.file_name()) }
                                    </button>
                                    <span class="muted">{ " " }{ what }</span>
                                </li>
                            }
                        }) }
                    </ul>
                    if let Some(p) = &*problem {
                        <p class="summary error" role="alert">{ p }</p>
                    }
                    <h3>{ "Summary to print or paste" }</h3>
                    <pre class="summary-text printable" data-testid="summary-text">{ &summary }</pre>
                    <p><CopyButton value={summary} what="summary" /></p>
                </>
            }
        }
    };
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <>
            if props.has_address {
                <ValuesChoice provider={props.provider.clone()} values={props.values} on_values={props.on_values.clone()} />
            }
            { body }
            <h3>{ "Share link" }</h3>
            if let Some(link) = &props.share_link {
                <p class="muted">
                    { "This link opens mailcheck with the same settings and findings. It holds no password, and \
                       the part after # never reaches any server." }
                </p>
                <div class="field share">
                    <label for="share-link">{ "Link" }</label>
                    <input id="share-link" type="text" readonly=true value={link.clone()} />
                    <CopyButton value={link.clone()} what="share link" />
                </div>
            } else {
                <p class="muted">{ "Nothing to share yet: enter your address first." }</p>
            }
            <h3>{ "Start over" }</h3>
            <p>
                <button type="button" class="secondary danger" id="clear" onclick={on_clear}>
                    { "Clear everything" }
                </button>
                <span class="muted">{ " Removes what this browser saved." }</span>
            </p>
        </>
    }
}
