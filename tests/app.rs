//! Browser tests: the real `App` rendered in headless Chromium, driven as a person would.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// Renders the app into a fresh element of its own, as a host page would.
async fn render() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<mailcheck_app::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

/// Types `text` into the address field the way a browser reports typing: value set, `input` fired.
async fn type_address(root: &Element, text: &str) {
    let input: HtmlInputElement = root.query_selector("#address").unwrap().unwrap().unchecked_into();
    input.set_value(text);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector).unwrap().and_then(|e| e.text_content())
}

#[wasm_bindgen_test]
async fn the_address_field_is_labelled() {
    let root = render().await;
    let label = root.query_selector("label[for=address]").unwrap().unwrap();
    assert_eq!(label.text_content().unwrap(), "Your email address");
}

#[wasm_bindgen_test]
async fn typing_a_centurylink_address_shows_centurylink() {
    let root = render().await;
    assert_eq!(text_of(&root, "[data-testid=provider-name]"), None);
    type_address(&root, "jane@embarqmail.com").await;
    assert_eq!(
        text_of(&root, "[data-testid=provider-name]").as_deref(),
        Some("CenturyLink")
    );
    assert!(root.text_content().unwrap().contains("pop.centurylink.net"));
}

#[wasm_bindgen_test]
async fn qwestoffice_shows_its_own_settings() {
    let root = render().await;
    type_address(&root, "jane@qwestoffice.net").await;
    assert_eq!(
        text_of(&root, "[data-testid=provider-name]").as_deref(),
        Some("CenturyLink (Qwest Office)")
    );
    assert!(root.text_content().unwrap().contains("pop.qwestoffice.net"));
}

#[wasm_bindgen_test]
async fn an_unknown_domain_is_said_plainly_and_clears_the_provider() {
    let root = render().await;
    type_address(&root, "jane@q.com").await;
    type_address(&root, "jane@example.org").await;
    assert_eq!(text_of(&root, "[data-testid=provider-name]"), None);
    let unknown = text_of(&root, "[data-testid=provider-unknown]").unwrap();
    assert!(unknown.contains("don't know the provider of example.org"), "{unknown}");
}
