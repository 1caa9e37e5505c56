//! Every screen but the first (the check with its connection test, the error decoder, IMAP or POP3, the
//! guides for eleven mail apps, Save & share with its files) and discovery's reader and view are drawn by
//! code that is not in the first load.
//!
//! Each `split_point!` below is a split point: the build (xtask/src/split.rs) cuts everything only
//! it reaches (the screen's components and the engine's decoder, guides or exports) out of the linked wasm
//! into a chunk of its own, fetched with its digest the first time the screen opens, or earlier, when the app
//! has drawn its first screen and its data ([`use_prefetch`]). Code two chunks share goes in a chunk of its
//! own. Natively (the tests) the functions are plain calls.
//!
//! A chunk's function hands back the `fn` that draws its screen, kept here once loaded: from then on the
//! screen is drawn on every render like any other, with nothing to wait for. A chunk that fails to load (a
//! connection lost, say) is said, with a button that tries again, never a blank screen.

use crate::components::{
    check_screen::{self, check_screen},
    decode_screen::{self, decode_screen},
    discovery,
    guide_screen::GuideScreen,
    protocol_screen::{self, protocol_screen},
    requirements::requirements,
    take_away_screen::TakeAwayScreen,
    values_choice, Fresh,
};
use crate::discover::{self, Discovery, Listen, Online};
use crate::options::Options;
use crate::provider_data::Data;
use crate::state::{Action, Values};
use crate::view::{self, Inputs, Later, View};
use mailcheck_engine::catalog::screens;
use mailcheck_engine::Database;
use std::cell::Cell;
use std::rc::Rc;
use wasm_split_helpers::SplitLoaderError;
use yew::platform::spawn_local;
use yew::prelude::*;

/// What a screen drawn later is drawn from: what the app's root holds.
pub struct Ctx<'a> {
    pub inputs: &'a Inputs<'a>,
    pub view: &'a View<'a>,
    pub dispatch: &'a Callback<Action>,
    /// The choice between the provider's values and the person's own, for guides and files.
    pub choice: values_choice::Props,
    pub options: &'a Options,
}

/// A split point of the build that splits (`--features split`, set by xtask/src/split.rs): an async `fn`
/// whose value comes with its chunk. Elsewhere (the browser tests' wasm, which nothing splits, and native
/// builds) the same `fn` without a chunk.
macro_rules! split_point {
    ($chunk:ident: fn $name:ident() -> $value:ty { $body:expr }) => {
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($chunk, fallible)]
        fn $name() -> Result<$value, SplitLoaderError> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        async fn $name() -> Result<$value, SplitLoaderError> {
            Ok($body)
        }
    };
}

// Five chunks, not one a function: each chunk costs the first load its digest in the link module, and code
// that two chunks share becomes a chunk of its own. IMAP or POP3 goes with the guides that follow its advice.
split_point!(check: fn check() -> Draw { draw_check });
split_point!(decode: fn decode() -> Draw { draw_decode });
split_point!(guide: fn protocol() -> Draw { draw_protocol });
split_point!(guide: fn guide() -> Draw { draw_guide });
split_point!(take_away: fn take_away() -> Draw { draw_take_away });
split_point!(discover: fn discoverer() -> Discoverer {
    Discoverer {
        listen: discover::listen,
        view: discovery::discovery,
        ask: discover::ask,
    }
});

/// The code that draws one screen, once its chunk is here.
type Draw = fn(&Ctx<'_>) -> Html;

/// The code of a discovery (src/discover.rs): what reads its answers and what shows them.
#[derive(Clone, Copy)]
pub struct Discoverer {
    pub listen: Listen,
    view: fn(&Discovery, &Online, &Callback<()>) -> Html,
    /// Looks the domain up from the browser, when the person asks (src/lookup.rs: in this chunk, not one of its
    /// own, which cost the first load 0.3 KB and this piece 1.4 KB in digests and code shared in small chunks).
    pub ask: fn(UseStateHandle<Discovery>, Online, Option<Rc<Database>>),
}

/// The code of a discovery, loaded with the first (or by [`use_prefetch`]).
pub async fn discovery() -> Result<Discoverer, SplitLoaderError> {
    if let Some(loaded) = DISCOVERER.get() {
        return Ok(loaded);
    }
    let loaded = discoverer().await?;
    DISCOVERER.set(Some(loaded));
    Ok(loaded)
}

/// A discovery as its code shows it once loaded; until then, only that it is running and how it ended (the
/// code may not have come: src/discover.rs says so).
pub fn discovery_view(d: &Discovery, online: &Online, on_ask: &Callback<()>) -> Html {
    match DISCOVERER.get() {
        Some(code) => (code.view)(d, online, on_ask),
        None => html! { <div class="discover" data-testid="discovery">{ discovery::progress(d) }</div> },
    }
}

thread_local! {
    /// The drawing code of each screen once loaded, by [`Later`]'s order. One wasm module serves every copy of
    /// the app on a page (widgets), so each chunk is fetched once for all of them.
    static LOADED: Cell<[Option<Draw>; 5]> = const { Cell::new([None; 5]) };
    /// A discovery's, once loaded.
    static DISCOVERER: Cell<Option<Discoverer>> = const { Cell::new(None) };
}

const fn slot(which: Later) -> usize {
    match which {
        Later::Check => 0,
        Later::Decode => 1,
        Later::Protocol => 2,
        Later::Guide => 3,
        Later::TakeAway => 4,
    }
}

fn loaded(which: Later) -> Option<Draw> {
    LOADED.with(|l| l.get()[slot(which)])
}

async fn load(which: Later) -> Result<(), SplitLoaderError> {
    let draw = match which {
        Later::Check => check().await?,
        Later::Decode => decode().await?,
        Later::Protocol => protocol().await?,
        Later::Guide => guide().await?,
        Later::TakeAway => take_away().await?,
    };
    LOADED.with(|l| {
        let mut all = l.get();
        all[slot(which)] = Some(draw);
        l.set(all);
    });
    Ok(())
}

/// Whether the chunk of the screen shown failed to load, and how to try again.
#[derive(Clone)]
pub struct Loader {
    failed: Option<Later>,
    retry: Callback<MouseEvent>,
}

/// Loads the chunk of the screen shown, `which`, unless it is here already.
#[hook]
pub fn use_later(which: Option<Later>) -> Loader {
    let failed = use_state(|| None::<Later>);
    let attempt = use_state(|| 0_u32);
    let redraw = use_force_update();
    {
        let failed = failed.clone();
        use_effect_with((which, *attempt), move |&(which, _)| {
            if let Some(which) = which.filter(|&w| loaded(w).is_none()) {
                spawn_local(async move {
                    match load(which).await {
                        Ok(()) => redraw.force_update(),
                        Err(_) => failed.set(Some(which)),
                    }
                });
            }
        });
    }
    let retry = {
        let failed = failed.clone();
        Callback::from(move |_: MouseEvent| {
            failed.set(None);
            attempt.set(*attempt + 1);
        })
    };
    Loader { failed: *failed, retry }
}

/// The screen `which`, drawn by its chunk's code once that is here; until then a line that it is coming, or
/// that it could not be loaded, with a button that tries again.
pub fn draw(which: Later, loader: &Loader, ctx: &Ctx<'_>) -> Html {
    match loaded(which) {
        Some(draw) => draw(ctx),
        None => loader.waiting(which),
    }
}

impl Loader {
    /// What stands where the screen `which` is drawn until its code is here: that it is coming, or that it
    /// could not be loaded, with a button that tries again.
    fn waiting(&self, which: Later) -> Html {
        if self.failed == Some(which) {
            html! {
                <div class="summary error" role="alert">
                    <p>{ screens::SCREEN_NOT_LOADED }</p>
                    <button type="button" onclick={self.retry.clone()}>{ screens::TRY_AGAIN }</button>
                </div>
            }
        } else {
            html! { <p class="loading" role="status">{ screens::SCREEN_LOADING }</p> }
        }
    }
}

/// Once the app has its data (its first screen is drawn and answers), fetches the chunks of the other screens
/// one after the other, so opening them later feels instant; a chunk that fails here is tried again when its
/// screen opens.
#[hook]
pub fn use_prefetch(data: &Data) {
    let ready = !matches!(data, Data::Loading);
    use_effect_with(ready, |&ready| {
        if ready {
            spawn_local(async {
                for which in [
                    Later::Check,
                    Later::Decode,
                    Later::Guide,
                    Later::Protocol,
                    Later::TakeAway,
                ] {
                    if loaded(which).is_none() {
                        let _ = load(which).await;
                    }
                }
                let _ = discovery().await;
            });
        }
    });
}

fn draw_check(ctx: &Ctx<'_>) -> Html {
    let view::Checked { report, fill } = view::check(ctx.inputs, ctx.view);
    let state = ctx.inputs.state;
    check_screen(check_screen::Props {
        settings: state.settings.clone(),
        fill,
        report,
        fixed: state.fixed,
        fix_applied: state.fix.as_ref().map(|f| screens::fix_applied(f.field, &f.value)),
        on_field: ctx.dispatch.reform(|(field, value)| Action::SetField(field, value)),
        on_fix: ctx.dispatch.reform(Action::ApplyFix),
        on_fill: ctx.dispatch.reform(|settings| Action::Fill(Box::new(settings))),
        probe_endpoint: ctx.options.probe.clone(),
    })
}

fn draw_decode(ctx: &Ctx<'_>) -> Html {
    let view::Decoded { causes, unavailable } = view::decode(ctx.inputs, ctx.view);
    decode_screen(decode_screen::Props {
        text: ctx.inputs.state.error_text.clone(),
        causes,
        unavailable,
        before: match (ctx.view.no_mail_apps, ctx.inputs.data.database()) {
            (Some(p), Some(db)) => requirements(p, db.texts()),
            _ => Html::default(),
        },
        on_text: ctx.dispatch.reform(Action::SetErrorText),
    })
}

fn draw_protocol(ctx: &Ctx<'_>) -> Html {
    let view::Advised {
        recommendation,
        explanation,
    } = view::advice(ctx.inputs, ctx.view);
    protocol_screen(protocol_screen::Props {
        answers: ctx.inputs.state.answers,
        explanation,
        recommendation: &recommendation,
        on_devices: ctx.dispatch.reform(Action::SetDevices),
        on_keep: ctx.dispatch.reform(Action::SetKeep),
        on_archive: ctx.dispatch.reform(Action::SetOfflineArchive),
        on_quota: ctx.dispatch.reform(Action::SetQuota),
    })
}

fn draw_guide(ctx: &Ctx<'_>) -> Html {
    let view::Guided { guide, unavailable } = view::guide(ctx.inputs, ctx.view);
    html! {
        <GuideScreen
            client={ctx.inputs.state.client}
            guide={Fresh(guide)}
            {unavailable}
            choice={Some(ctx.choice.clone())}
            on_client={ctx.dispatch.reform(Action::ChooseClient)}
        />
    }
}

fn draw_take_away(ctx: &Ctx<'_>) -> Html {
    let view::TakenAway { files, errors, share } = view::take_away(ctx.inputs, ctx.view);
    let typed = ctx.view.typed;
    let app_url = ctx.options.app_url.as_deref();
    html! {
        <TakeAwayScreen
            account={Fresh(files)}
            database={Fresh(ctx.inputs.data.database().cloned())}
            has_address={typed}
            choice={typed.then(|| ctx.choice.clone())}
            {errors}
            share_link={share.map(|f| crate::browser::link_with_fragment(app_url, &f))}
            on_fill={ctx.dispatch.reform(|settings| Action::Fill(Box::new(settings)))}
            on_recommended={ctx.dispatch.reform(|_: MouseEvent| Action::UseValues(Values::Recommended))}
            on_clear={ctx.dispatch.reform(|()| Action::Clear)}
        />
    }
}
