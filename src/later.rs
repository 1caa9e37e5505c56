//! The screens a person may never open (the error decoder, IMAP or POP3, the guides for eleven mail apps,
//! Save & share with its files) and the check screen's connection test are drawn by code that is not in the
//! first load.
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
    decode_screen::{self, decode_screen},
    discovery,
    guide_screen::GuideScreen,
    probe_panel::{self, ProbePanel},
    protocol_screen::{self, protocol_screen},
    take_away_screen::TakeAwayScreen,
    values_choice, Fresh,
};
use crate::discover::{self, Discovery, Listen};
use crate::options::Options;
use crate::provider_data::Data;
use crate::state::{Action, Values};
use crate::view::{self, Inputs, Later, View};
use mailcheck_engine::catalog::screens;
use std::cell::Cell;
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

// Four chunks, not one a function: each chunk costs the first load its digest in the link module, and code
// that two chunks share becomes a chunk of its own. IMAP or POP3 goes with the guides that follow its advice;
// the connection test with discovery, both talking to servers.
split_point!(decode: fn decode() -> Draw { draw_decode });
split_point!(guide: fn protocol() -> Draw { draw_protocol });
split_point!(guide: fn guide() -> Draw { draw_guide });
split_point!(take_away: fn take_away() -> Draw { draw_take_away });
split_point!(network: fn probe() -> DrawProbe { draw_probe });
split_point!(network: fn discoverer() -> Discoverer {
    Discoverer {
        listen: discover::listen,
        view: discovery::discovery,
    }
});

/// The code that draws one screen, once its chunk is here.
type Draw = fn(&Ctx<'_>) -> Html;

/// The code that draws a connection test panel of the check screen, once its chunk is here.
type DrawProbe = fn(probe_panel::Props) -> Html;

/// A piece of the app loaded later: a screen's code, or the check screen's connection test (the first load
/// draws the check screen itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    Screen(Later),
    Probe,
}

/// The code of a discovery (src/discover.rs): what reads its answers and what shows them.
#[derive(Clone, Copy)]
pub struct Discoverer {
    pub listen: Listen,
    view: fn(&Discovery, Option<&str>, &Callback<()>) -> Html,
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
pub fn discovery_view(d: &Discovery, ispdb: Option<&str>, on_ask: &Callback<()>) -> Html {
    match DISCOVERER.get() {
        Some(code) => (code.view)(d, ispdb, on_ask),
        None => html! { <div class="discover" data-testid="discovery">{ discovery::progress(d) }</div> },
    }
}

thread_local! {
    /// The drawing code of each screen once loaded, by [`Later`]'s order. One wasm module serves every copy of
    /// the app on a page (widgets), so each chunk is fetched once for all of them.
    static LOADED: Cell<[Option<Draw>; 4]> = const { Cell::new([None; 4]) };
    /// The connection test's, once loaded.
    static PROBE: Cell<Option<DrawProbe>> = const { Cell::new(None) };
    /// A discovery's, once loaded.
    static DISCOVERER: Cell<Option<Discoverer>> = const { Cell::new(None) };
}

const fn slot(which: Later) -> usize {
    match which {
        Later::Decode => 0,
        Later::Protocol => 1,
        Later::Guide => 2,
        Later::TakeAway => 3,
    }
}

fn loaded(which: Later) -> Option<Draw> {
    LOADED.with(|l| l.get()[slot(which)])
}

fn is_loaded(piece: Piece) -> bool {
    match piece {
        Piece::Screen(which) => loaded(which).is_some(),
        Piece::Probe => PROBE.get().is_some(),
    }
}

async fn load(piece: Piece) -> Result<(), SplitLoaderError> {
    let which = match piece {
        Piece::Screen(which) => which,
        Piece::Probe => {
            PROBE.set(Some(probe().await?));
            return Ok(());
        }
    };
    let draw = match which {
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

/// Whether the chunk of what is shown failed to load, and how to try again.
#[derive(Clone)]
pub struct Loader {
    failed: Option<Piece>,
    retry: Callback<MouseEvent>,
}

/// Loads the chunk of `piece` (what the screen shown needs from one) unless it is here already.
#[hook]
pub fn use_later(piece: Option<Piece>) -> Loader {
    let failed = use_state(|| None::<Piece>);
    let attempt = use_state(|| 0_u32);
    let redraw = use_force_update();
    {
        let failed = failed.clone();
        use_effect_with((piece, *attempt), move |&(piece, _)| {
            if let Some(piece) = piece.filter(|&p| !is_loaded(p)) {
                spawn_local(async move {
                    match load(piece).await {
                        Ok(()) => redraw.force_update(),
                        Err(_) => failed.set(Some(piece)),
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
        None => loader.waiting(Piece::Screen(which), screens::SCREEN_LOADING),
    }
}

/// A connection test panel of the check screen (see [`draw`]).
pub fn probe_panel(props: probe_panel::Props, loader: &Loader) -> Html {
    match PROBE.get() {
        Some(draw) => draw(props),
        None => loader.waiting(Piece::Probe, screens::PROBE_LOADING),
    }
}

impl Loader {
    /// What stands where `piece` is drawn until its code is here: `loading`, or that it could not be
    /// loaded, with a button that tries again.
    fn waiting(&self, piece: Piece, loading: &'static str) -> Html {
        if self.failed == Some(piece) {
            html! {
                <div class="summary error" role="alert">
                    <p>{ screens::SCREEN_NOT_LOADED }</p>
                    <button type="button" onclick={self.retry.clone()}>{ screens::TRY_AGAIN }</button>
                </div>
            }
        } else {
            html! { <p class="loading" role="status">{ loading }</p> }
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
                let screens = [Later::Decode, Later::Guide, Later::Protocol, Later::TakeAway].map(Piece::Screen);
                for piece in [Piece::Probe].into_iter().chain(screens) {
                    if !is_loaded(piece) {
                        let _ = load(piece).await;
                    }
                }
                let _ = discovery().await;
            });
        }
    });
}

fn draw_probe(props: probe_panel::Props) -> Html {
    html! { <ProbePanel ..props /> }
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
