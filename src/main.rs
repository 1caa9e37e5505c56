//! The browser entry point: mounts the app into `#mailcheck`.

// SAFETY: `TalckWasm::new_global` is made for exactly this: the one global allocator of a single-threaded
// wasm module, growing the wasm memory as it needs. Only in the wasm build: `cargo test --workspace` builds
// this binary natively too, where talc has no `TalckWasm` and the system allocator is right.
#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

fn main() {
    let root = app_root();
    yew::Renderer::<mailcheck_app::App>::with_root(root).render();
}

/// The element the page reserves for the app (index.html has `<div id="mailcheck">`).
fn app_root() -> web_sys::Element {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("mailcheck"))
        .expect("index.html has an element with id=\"mailcheck\"")
}
