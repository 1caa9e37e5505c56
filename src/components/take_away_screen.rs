//! "Save & share": the settings as files for one-tap setup, a text summary, a share link, and clearing.

use super::copy_button::CopyButton;
use super::values_choice::{self, values_choice};
use super::Fresh;
use crate::browser;
use mailcheck_engine::account::Account;
use mailcheck_engine::catalog::screens::{files_have_errors, CLEAR_QUESTION, USE_CORRECTED};
use mailcheck_engine::export::{self, Format};
use mailcheck_engine::texts::Texts;
use mailcheck_engine::{Database, Settings};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The account the files describe, or why there is none (a field that cannot be used yet).
    pub account: Fresh<Result<Account, String>>,
    /// The provider data, once here: its texts word what the summary says the provider requires.
    pub database: Fresh<Option<Rc<Database>>>,
    /// Whether an address has been typed yet.
    pub has_address: bool,
    /// Which values fill the files (see `values_choice`).
    pub choice: Option<values_choice::Props>,
    /// When the files are made from the person's own settings and the check finds errors in them.
    pub errors: Option<Errors>,
    /// The link that reopens this state.
    pub share_link: Option<String>,
    /// Replaces the settings (with the corrected ones).
    pub on_fill: Callback<Settings>,
    /// Switches the files to the provider's recommended settings.
    pub on_recommended: Callback<MouseEvent>,
    pub on_clear: Callback<()>,
}

/// What the check finds wrong in the person's own settings, and what works instead.
#[derive(Clone, PartialEq)]
pub struct Errors {
    pub count: usize,
    /// The settings with every fix applied, when that changes them.
    pub corrected: Option<Settings>,
    /// The words of the button that switches to the provider's recommended settings, when the provider is
    /// known.
    pub recommended: Option<AttrValue>,
}

/// The downloadable files, with what they are for.
const FILES: [(Format, &str, &str); 4] = [
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
    (
        Format::Text,
        "text summary",
        "The summary on this page, as a file to keep or attach to a support request.",
    ),
];

/// The data's texts, or none before it is here (the summary then says nothing of requirements).
fn texts(database: &Option<Rc<Database>>) -> &Texts {
    database.as_deref().map_or(Texts::empty(), Database::texts)
}

#[component]
pub fn TakeAwayScreen(props: &Props) -> Html {
    let problem = use_state(|| None::<String>);
    let warning = props.errors.as_ref().map(|e| {
        let corrected = e.corrected.clone().map(|settings| {
            let onclick = props.on_fill.reform(move |_: MouseEvent| settings.clone());
            html! { <button type="button" id="use-corrected" {onclick}>{ USE_CORRECTED }</button> }
        });
        let recommended = e.recommended.clone().map(|words| {
            let onclick = props.on_recommended.clone();
            html! { <button type="button" class="secondary" id="use-recommended" {onclick}>{ words }</button> }
        });
        html! {
            <div class="summary warning files-warning" role="status" data-testid="files-warning">
                <p>{ files_have_errors(e.count) }</p>
                <p class="actions">{ for corrected }{ for recommended }</p>
            </div>
        }
    });
    let (files, summary) = match &props.account.0 {
        // Before any address there is nothing wrong yet: a hint, not an error.
        Err(why) if !props.has_address => (html! { <p class="hint" role="status">{ why }</p> }, html! {}),
        Err(why) => (html! { <p class="summary error" role="status">{ why }</p> }, html! {}),
        Ok(account) => {
            let database = props.database.0.clone();
            let summary = export::export(account, Format::Text, "", texts(&database)).unwrap_or_default();
            let files = html! {
                <>
                    <h3>{ "Files for one-tap setup" }</h3>
                    <ul class="downloads">
                        { for FILES.iter().map(|&(format, name, what)| {
                            let (account, problem, database) = (account.clone(), problem.clone(), database.clone());
                            let onclick = Callback::from(move |_: MouseEvent| {
                                // Whole milliseconds: formatting an f64 would bring float printing into the wasm.
                                let salt = (js_sys::Date::now() as u64).to_string();
                                match export::export(&account, format, &salt, texts(&database)) {
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
                                    <span class="muted">{ what }</span>
                                </li>
                            }
                        }) }
                    </ul>
                    if let Some(p) = &*problem {
                        <p class="summary error" role="alert">{ p }</p>
                    }
                </>
            };
            let summary = html! {
                <section class="take-away-summary" aria-labelledby="summary-title">
                    <h3 id="summary-title">{ "Summary to print or paste" }</h3>
                    <pre class="summary-text printable" data-testid="summary-text">{ &summary }</pre>
                    <p><CopyButton value={summary} what="Summary" /></p>
                </section>
            };
            (files, summary)
        }
    };
    // "Clear everything" asks first.
    let clear = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| {
            if browser::confirm(CLEAR_QUESTION) {
                on_clear.emit(());
            }
        })
    };
    html! {
        <div class="take-away-layout">
            <div>
                if let Some(choice) = &props.choice {
                    { values_choice(choice.clone()) }
                }
                { for warning }
                { files }
            </div>
            // After the files on a phone, beside them on a wide screen.
            { summary }
            <div>
                <h3>{ "Share link" }</h3>
                if let Some(link) = &props.share_link {
                    <p class="muted">
                        { "This link opens mailcheck with the same settings and findings. It holds no password, and \
                           the part after # never reaches any server." }
                    </p>
                    <div class="field share">
                        <label for="share-link">{ "Link" }</label>
                        <input id="share-link" type="text" readonly=true value={link.clone()} />
                        <CopyButton value={link.clone()} what="Share link" />
                    </div>
                } else {
                    <p class="muted">{ "Nothing to share yet: enter your address first." }</p>
                }
                <h3>{ "Start over" }</h3>
                <p>
                    <button type="button" class="secondary danger" id="clear" onclick={clear}>
                        { "Clear everything" }
                    </button>
                    <span class="muted">{ " Removes what this browser saved, once you confirm." }</span>
                </p>
            </div>
        </div>
    }
}
