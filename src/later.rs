//! The screens a person may never open (the error decoder, the guides for eleven mail apps, Save & share with
//! its files) are drawn by code that is not in the first load.
//!
//! Each `#[wasm_split]` function below is a split point: the build (xtask/src/split.rs) cuts everything only
//! it reaches (the screen's components and the engine's decoder, guides or exports) out of the linked wasm
//! into a chunk of its own, fetched with its digest the first time the screen opens, or earlier, when the app
//! has drawn its first screen and its data ([`use_prefetch`]). Code two chunks share goes in a chunk of its
//! own. Natively (the tests) the functions are plain calls.
//!
//! A chunk's function hands back the `fn` that draws its screen, kept here once loaded: from then on the
//! screen is drawn on every render like any other, with nothing to wait for. A chunk that fails to load (a
//! connection lost, say) is said, with a button that tries again, never a blank screen.

use crate::components::{
    decode_screen::{self, decode_screen},
    guide_screen::GuideScreen,
    take_away_screen::TakeAwayScreen,
    values_choice, Fresh,
};
use crate::options::Options;
use crate::provider_data::Data;
use crate::state::{Action, Values};
use crate::view::{self, Inputs, Later, View};
use mailcheck_engine::catalog::screens;
use std::cell::Cell;
use wasm_split_helpers::{wasm_split, SplitLoaderError};
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

/// The code that draws one screen, once its chunk is here.
type Draw = fn(&Ctx<'_>) -> Html;

#[wasm_split(decode, fallible, preload(preload_decode))]
fn decode() -> Result<Draw, SplitLoaderError> {
    Ok(draw_decode)
}

#[wasm_split(guide, fallible, preload(preload_guide))]
fn guide() -> Result<Draw, SplitLoaderError> {
    Ok(draw_guide)
}

#[wasm_split(take_away, fallible, preload(preload_take_away))]
fn take_away() -> Result<Draw, SplitLoaderError> {
    Ok(draw_take_away)
}

thread_local! {
    /// The drawing code of each screen once loaded, by [`Later`]'s order. One wasm module serves every copy of
    /// the app on a page (widgets), so each chunk is fetched once for all of them.
    static LOADED: Cell<[Option<Draw>; 3]> = const { Cell::new([None; 3]) };
}

const fn slot(which: Later) -> usize {
    match which {
        Later::Decode => 0,
        Later::Guide => 1,
        Later::TakeAway => 2,
    }
}

fn loaded(which: Later) -> Option<Draw> {
    LOADED.with(|l| l.get()[slot(which)])
}

async fn load(which: Later) -> Result<(), SplitLoaderError> {
    let draw = match which {
        Later::Decode => decode().await?,
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
pub struct Loader {
    failed: Option<Later>,
    retry: Callback<MouseEvent>,
}

/// Loads the chunk of the screen `which` (when one drawn later is shown) unless it is here already.
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
    Loader {
        failed: *failed,
        retry,
    }
}

/// The screen `which`, drawn by its chunk's code once that is here; until then a line that it is coming, or
/// that it could not be loaded, with a button that tries again.
pub fn draw(which: Later, loader: &Loader, ctx: &Ctx<'_>) -> Html {
    match loaded(which) {
        Some(draw) => draw(ctx),
        None if loader.failed == Some(which) => html! {
            <div class="summary error" role="alert">
                <p>{ screens::SCREEN_NOT_LOADED }</p>
                <button type="button" onclick={loader.retry.clone()}>{ screens::TRY_AGAIN }</button>
            </div>
        },
        None => html! { <p class="loading" role="status">{ screens::SCREEN_LOADING }</p> },
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
                for which in [Later::Decode, Later::Guide, Later::TakeAway] {
                    if loaded(which).is_none() {
                        let _ = load(which).await;
                    }
                }
            });
        }
    });
}

fn draw_decode(ctx: &Ctx<'_>) -> Html {
    let view::Decoded { causes, unavailable } = view::decode(ctx.inputs, ctx.view);
    decode_screen(decode_screen::Props {
        text: ctx.inputs.state.error_text.clone(),
        causes,
        unavailable,
        on_text: ctx.dispatch.reform(Action::SetErrorText),
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
