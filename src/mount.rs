//! The app's one entry point from JavaScript: `mount(element, options)` renders it into `element` and returns
//! a handle whose `unmount()` removes it again. The app's own page (static/start.js), the iframe mode and
//! every widget on a host page (static/widget.js) start it this way, so several can run on one page.

use crate::options::Options;
use crate::App;
use wasm_bindgen::prelude::*;
use yew::AppHandle;

/// One running copy of the app.
#[wasm_bindgen]
pub struct Mounted(Option<AppHandle<App>>);

#[wasm_bindgen]
impl Mounted {
    /// Removes the app from its element and frees what it holds; calling it again does nothing.
    pub fn unmount(&mut self) {
        if let Some(handle) = self.0.take() {
            handle.destroy();
        }
    }
}

/// Renders the app into `root` with the options in the JavaScript object `options` (see [`Options::read`]).
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, options: &JsValue) -> Mounted {
    Mounted(Some(
        yew::Renderer::<App>::with_root_and_props(root, Options::read(options)).render(),
    ))
}
