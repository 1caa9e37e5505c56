//! The few browser services the app needs: local storage, the URL fragment, the clipboard, downloads.
//!
//! Plain `web-sys` calls rather than gloo's storage, which would bring serde_json into the wasm: the state is
//! stored as a share-link fragment (see `mailcheck_engine::share`), the one text format the app already has.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The saved value under `key`, if storage is available (it is not in some private modes).
pub fn load(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Saves `value` under `key`; silently does nothing where storage is unavailable.
pub fn save(key: &str, value: &str) {
    if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(key, value);
    }
}

/// Removes what is saved under `key`.
pub fn forget(key: &str) {
    if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item(key);
    }
}

/// The URL fragment without its `#`, when there is one.
pub fn fragment() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    let hash = hash.strip_prefix('#').unwrap_or(&hash);
    (!hash.is_empty()).then(|| hash.to_owned())
}

/// Removes the fragment from the address bar without reloading (after a share link has been read, so a
/// reload shows the saved state rather than the link's again).
pub fn clear_fragment() {
    let Some(w) = window() else { return };
    let (Ok(path), Ok(search)) = (w.location().pathname(), w.location().search()) else {
        return;
    };
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
}

/// `base` (or, without one, this page's address) with `fragment` as its fragment: a link that reopens the app
/// in the same state.
pub fn link_with_fragment(base: Option<&str>, fragment: &str) -> String {
    let here = || {
        let l = window()?.location();
        Some(format!(
            "{}{}{}",
            l.origin().ok()?,
            l.pathname().ok()?,
            l.search().ok()?
        ))
    };
    let base = base.map(str::to_owned).or_else(here).unwrap_or_default();
    format!("{base}#{fragment}")
}

/// Copies `text` to the clipboard. The promise is not awaited: the button shows "Copied" right away, and
/// where the clipboard is refused the text is still shown on screen to copy by hand.
pub fn copy(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offers `contents` as a file download named `file_name`.
pub fn download(file_name: &str, media_type: &str, contents: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document
        .create_element("a")
        .map(|e| e.unchecked_into::<HtmlAnchorElement>())
    {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    // Revoked a minute later: revoking at once can cancel the download in some browsers.
    after(
        60_000,
        Box::new(move || {
            let _ = Url::revoke_object_url(&url);
        }),
    );
}

/// Runs `f` once, `ms` milliseconds from now. Boxed, so every caller shares one JavaScript closure type.
pub fn after(ms: i32, f: Box<dyn FnOnce()>) {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms);
    }
}

/// Scrolls the page back to its top: a screen chosen further down starts from the top, below the
/// navigation, not where the last screen was scrolled to.
pub fn to_top() {
    if let Some(w) = window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Asks `question` in the browser's own dialog; `true` when the person confirms.
pub fn confirm(question: &str) -> bool {
    window().is_some_and(|w| w.confirm_with_message(question).unwrap_or(false))
}

/// Opens the browser's print dialog (the print stylesheet shows the guide alone).
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}
