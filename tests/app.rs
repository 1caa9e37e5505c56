//! Browser tests: the real app, started by its `mount` export as pages start it, in headless Chromium, driven
//! as a person would.
//!
//! Each test mounts the app into a fresh element of its own, after clearing local storage, and drives it
//! with the DOM events a browser fires (`input` when typing, `change` when choosing, `click`), then lets Yew
//! finish rendering with `yew::scheduler::flush`.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{
    Document, Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
    InputEvent, InputEventInit, Storage,
};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------------------------
// Driving the app

/// The app mounted into an element of its own; dropping it unmounts the app and removes the element.
struct Mounted {
    root: Element,
    app: mailcheck_app::Mounted,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.app.unmount();
        self.root.remove();
    }
}

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A fresh app with nothing saved, as a first visit to the app's own page.
async fn mount() -> Mounted {
    storage().clear().unwrap();
    remount().await
}

/// A fresh app over whatever is saved, as a reload of the app's own page (which remembers).
async fn remount() -> Mounted {
    mount_with(&[("remember", JsValue::TRUE)]).await
}

thread_local! {
    /// The provider data as a page hands it to the app: one promise of the file's text for every mount,
    /// as the widgets of one page share it.
    static DATA: js_sys::Promise =
        js_sys::Promise::resolve(&JsValue::from_str(include_str!("../crates/engine/data/knowledge.txt")));
}

/// The app with the options a page passes to `mount` (static/start.js, static/widget.js), the provider
/// data among them unless `options` give their own `data`; returns once the data has been read.
async fn mount_with(options: &[(&str, JsValue)]) -> Mounted {
    let object = js_sys::Object::new();
    js_sys::Reflect::set(&object, &JsValue::from_str("data"), &DATA.with(|d| d.clone())).unwrap();
    for (key, value) in options {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), value).unwrap();
    }
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let app = mailcheck_app::mount(root.clone(), &object);
    settle().await;
    Mounted { root, app }
}

/// Lets pending promises (the provider data's) settle, then Yew render what followed.
async fn settle() {
    let timeout = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(timeout).await.unwrap();
    yew::scheduler::flush().await;
}

impl Mounted {
    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    fn text(&self, selector: &str) -> Option<String> {
        self.find(selector).and_then(|e| e.text_content())
    }

    /// Types `text` into a text field the way a browser reports typing: value set, `input` fired.
    async fn type_into(&self, selector: &str, text: &str) {
        let field = self.get(selector);
        match field.dyn_ref::<HtmlTextAreaElement>() {
            Some(area) => area.set_value(text),
            None => field.unchecked_ref::<HtmlInputElement>().set_value(text),
        }
        let init = InputEventInit::new();
        init.set_bubbles(true);
        field
            .dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
        yew::scheduler::flush().await;
    }

    /// Picks the option with `value` in a drop-down: value set, `change` fired.
    async fn choose(&self, selector: &str, value: &str) {
        let select: HtmlSelectElement = self.get(selector).unchecked_into();
        select.set_value(value);
        assert_eq!(select.value(), value, "{selector} has no option {value}");
        let init = EventInit::new();
        init.set_bubbles(true);
        select
            .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
            .unwrap();
        yew::scheduler::flush().await;
    }

    async fn click(&self, selector: &str) {
        self.get(selector).unchecked_into::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }

    /// Clicks the button whose text starts with `words`.
    async fn click_button(&self, words: &str) {
        let buttons = self.root.query_selector_all("button").unwrap();
        let button = (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .find(|b| b.text_content().unwrap_or_default().starts_with(words))
            .unwrap_or_else(|| panic!("no button reads {words:?}"));
        button.unchecked_into::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }

    fn value(&self, selector: &str) -> String {
        let field = self.get(selector);
        if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
            return select.value();
        }
        if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
            return area.value();
        }
        field.unchecked_into::<HtmlInputElement>().value()
    }

    /// The codes of the findings shown under the field with id `field`, in order.
    fn findings(&self, field: &str) -> Vec<String> {
        self.codes(&format!("#{field}-findings li.finding"))
    }

    fn codes(&self, selector: &str) -> Vec<String> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .filter_map(|e| e.get_attribute("data-code"))
            .collect()
    }

    fn summary(&self) -> String {
        self.text("[data-testid=check-summary]").unwrap_or_default()
    }

    /// A CenturyLink address with the provider's recommended settings filled in on the Check screen.
    async fn centurylink_filled_in(&self) {
        self.type_into("#address", "jane@q.com").await;
        self.click("#nav-check").await;
        self.click_button("Fill in CenturyLink's recommended settings").await;
    }
}

/// Makes the page's `confirm()` dialogs answer `yes` at once, as a person clicking OK or Cancel would.
fn answer_dialogs(yes: bool) {
    let answer = js_sys::Function::new_no_args(if yes { "return true" } else { "return false" });
    js_sys::Reflect::set(&web_sys::window().unwrap(), &JsValue::from_str("confirm"), &answer).unwrap();
}

fn saved_keys() -> Vec<String> {
    let s = storage();
    (0..s.length().unwrap()).filter_map(|i| s.key(i).unwrap()).collect()
}

// ---------------------------------------------------------------------------------------------------------
// The address and the provider

#[wasm_bindgen_test]
async fn the_address_field_is_labelled() {
    let app = mount().await;
    assert_eq!(app.text("label[for=address]").as_deref(), Some("Your email address"));
}

#[wasm_bindgen_test]
async fn typing_a_centurylink_address_shows_centurylink() {
    let app = mount().await;
    assert_eq!(app.text("[data-testid=provider-name]"), None);
    app.type_into("#address", "jane@embarqmail.com").await;
    assert_eq!(app.text("[data-testid=provider-name]").as_deref(), Some("CenturyLink"));
    assert!(app.root.text_content().unwrap().contains("pop.centurylink.net"));
}

#[wasm_bindgen_test]
async fn an_ispdb_address_shows_its_settings_and_says_where_they_come_from() {
    let app = mount().await;
    app.type_into("#address", "jane@yahoo.com").await;
    assert_eq!(app.text("[data-testid=provider-name]").as_deref(), Some("Yahoo! Mail"));
    let provenance = app.text("[data-testid=provenance]").unwrap();
    assert!(provenance.starts_with("Thunderbird ISPDB"), "{provenance}");
    assert!(
        provenance.contains("a community database (last changed"),
        "{provenance}"
    );
    assert!(
        provenance.contains("not checked against Yahoo! Mail's own page"),
        "{provenance}"
    );
    let text = app.root.text_content().unwrap();
    assert!(text.contains("imap.mail.yahoo.com"), "{text}");

    app.type_into("#address", "jane@q.com").await;
    let provenance = app.text("[data-testid=provenance]").unwrap();
    assert!(provenance.starts_with("Checked"), "{provenance}");
    assert!(
        provenance.contains("CenturyLink's own page on 2026-11-26"),
        "{provenance}"
    );
}

#[wasm_bindgen_test]
async fn an_address_typed_before_the_data_arrives_is_looked_up_when_it_lands() {
    storage().clear().unwrap();
    let resolve = std::rc::Rc::new(std::cell::RefCell::new(None::<js_sys::Function>));
    let pending = {
        let resolve = resolve.clone();
        js_sys::Promise::new(&mut move |yes, _| *resolve.borrow_mut() = Some(yes))
    };
    let app = mount_with(&[("data", pending.into())]).await;
    app.type_into("#address", "jane@comcast.net").await;
    let loading = app.text("[data-testid=provider-loading]").unwrap();
    assert!(loading.contains("Looking up the provider of comcast.net"), "{loading}");
    app.click("#nav-check").await;
    assert!(
        !app.codes("li.finding").contains(&"provider.unknown".to_owned()),
        "not unknown, only not looked up yet"
    );
    app.click("#nav-settings").await;

    let text = JsValue::from_str(include_str!("../crates/engine/data/knowledge.txt"));
    resolve.borrow().as_ref().unwrap().call1(&JsValue::NULL, &text).unwrap();
    settle().await;
    assert!(app.find("[data-testid=provider-loading]").is_none());
    assert_eq!(app.text("[data-testid=provider-name]").as_deref(), Some("Comcast"));
}

#[wasm_bindgen_test]
async fn without_the_data_the_app_says_so_and_still_checks() {
    storage().clear().unwrap();
    let failing = js_sys::Promise::reject(&js_sys::Error::new("Failed to fetch").into());
    let app = mount_with(&[("data", failing.into())]).await;
    app.type_into("#address", "jane@q.com").await;
    let said = app.text("[data-testid=provider-data-failed]").unwrap();
    assert!(said.contains("could not be loaded (Failed to fetch)"), "{said}");
    assert!(said.contains("general rules"), "{said}");
    app.click("#nav-check").await;
    app.type_into("#outgoing-port", "25").await;
    assert!(
        app.findings("outgoing-port").contains(&"smtp.port-25".to_owned()),
        "the general rules still run: {:?}",
        app.findings("outgoing-port")
    );
}

#[wasm_bindgen_test]
async fn qwestoffice_shows_its_own_settings() {
    let app = mount().await;
    app.type_into("#address", "jane@qwestoffice.net").await;
    assert_eq!(
        app.text("[data-testid=provider-name]").as_deref(),
        Some("CenturyLink (Qwest Office)")
    );
    assert!(app.root.text_content().unwrap().contains("pop.qwestoffice.net"));
}

#[wasm_bindgen_test]
async fn an_unknown_domain_is_said_plainly_and_clears_the_provider() {
    let app = mount().await;
    app.type_into("#address", "jane@q.com").await;
    app.type_into("#address", "jane@example.org").await;
    assert_eq!(app.text("[data-testid=provider-name]"), None);
    let unknown = app.text("[data-testid=provider-unknown]").unwrap();
    assert!(unknown.contains("don't know the provider of example.org"), "{unknown}");
}

// ---------------------------------------------------------------------------------------------------------
// Checking settings

#[wasm_bindgen_test]
async fn filling_in_the_recommended_settings_gives_a_clean_check() {
    let app = mount().await;
    app.type_into("#address", "jane@q.com").await;
    app.click("#nav-check").await;
    assert!(app.find("#screen-check").is_some());
    assert!(app.summary().starts_with("Nothing to check yet"), "{}", app.summary());
    assert_eq!(
        app.codes("li.finding"),
        Vec::<String>::new(),
        "no wall of problems before any field"
    );

    app.click_button("Fill in CenturyLink's recommended settings").await;
    assert_eq!(app.value("#outgoing-host"), "smtp.centurylink.net");
    assert_eq!(app.value("#outgoing-port"), "587");
    assert_eq!(app.value("#outgoing-security"), "starttls");
    assert_eq!(app.codes("li.finding"), Vec::<String>::new());
    assert_eq!(app.summary(), "✓ These settings will work.");
}

#[wasm_bindgen_test]
async fn port_25_on_outgoing_is_found_and_587_clears_it() {
    let app = mount().await;
    app.centurylink_filled_in().await;

    app.type_into("#outgoing-port", "25").await;
    assert_eq!(app.findings("outgoing-port"), ["smtp.port-25"]);
    // A warning: the field is not marked invalid, and the verdict says "may work".
    assert_eq!(app.get("#outgoing-port").get_attribute("aria-invalid"), None);
    assert!(app.summary().contains("may work"), "{}", app.summary());

    app.type_into("#outgoing-port", "587").await;
    assert_eq!(app.findings("outgoing-port"), Vec::<String>::new());
    assert_eq!(app.summary(), "✓ These settings will work.");
}

#[wasm_bindgen_test]
async fn port_25_on_incoming_is_not_the_smtp_finding() {
    let app = mount().await;
    app.centurylink_filled_in().await;
    app.type_into("#incoming-port", "25").await;
    assert!(!app.findings("incoming-port").iter().any(|c| c == "smtp.port-25"));
    assert_eq!(app.findings("outgoing-port"), Vec::<String>::new());
}

#[wasm_bindgen_test]
async fn apply_fix_sets_the_field_and_the_finding_disappears() {
    let app = mount().await;
    app.centurylink_filled_in().await;

    app.choose("#outgoing-auth", "none").await;
    assert_eq!(app.findings("outgoing-auth"), ["auth.smtp-off"]);
    assert_eq!(
        app.get("#outgoing-auth").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(app.summary(), "✗ These settings will not work yet: 1 problem to fix.");

    app.click("#outgoing-auth-findings li.finding[data-code='auth.smtp-off'] button.fix")
        .await;
    assert_eq!(app.value("#outgoing-auth"), "password");
    assert_eq!(app.findings("outgoing-auth"), Vec::<String>::new());
    assert_eq!(app.get("#outgoing-auth").get_attribute("aria-invalid"), None);
    assert_eq!(app.summary(), "✓ These settings will work.");
}

#[wasm_bindgen_test]
async fn fixing_both_smtp_problems_flips_the_verdict() {
    let app = mount().await;
    app.centurylink_filled_in().await;
    app.type_into("#outgoing-port", "25").await;
    app.choose("#outgoing-auth", "none").await;
    assert_eq!(app.findings("outgoing-port"), ["smtp.port-25"]);
    assert_eq!(app.findings("outgoing-auth"), ["auth.smtp-off"]);
    assert_eq!(
        app.summary(),
        "✗ These settings will not work yet: 1 problem to fix, and 1 warning worth a look."
    );

    app.click("#outgoing-port-findings .fix").await;
    assert_eq!(app.value("#outgoing-port"), "587");
    assert_eq!(app.summary(), "✗ These settings will not work yet: 1 problem to fix.");
    app.click("#outgoing-auth-findings .fix").await;
    assert_eq!(app.codes("li.finding"), Vec::<String>::new());
    assert_eq!(app.summary(), "✓ These settings will work.");
}

#[wasm_bindgen_test]
async fn no_screen_has_a_password_field() {
    let app = mount().await;
    app.type_into("#address", "jane@q.com").await;
    for screen in ["settings", "check", "decode", "protocol", "guide", "take-away"] {
        app.click(&format!("#nav-{screen}")).await;
        assert!(app.find(&format!("#screen-{screen}")).is_some(), "{screen} is shown");
        assert!(
            app.find("input[type=password]").is_none(),
            "{screen} has a password field"
        );
    }
}

// ---------------------------------------------------------------------------------------------------------
// The other screens

#[wasm_bindgen_test]
async fn a_pasted_error_code_gives_causes_and_clearing_it_removes_them() {
    let app = mount().await;
    app.click("#nav-decode").await;
    assert!(app.find("[data-testid=causes]").is_none());
    app.type_into(
        "#error-text",
        "Sending reported error (0x800CCC0E): Cannot connect to the server.",
    )
    .await;
    let causes = app.codes("[data-testid=causes] li.cause");
    assert_eq!(
        causes.first().map(String::as_str),
        Some("net.cannot-connect"),
        "{causes:?}"
    );
    app.type_into("#error-text", "  ").await;
    assert!(app.find("[data-testid=causes]").is_none());
}

#[wasm_bindgen_test]
async fn several_devices_turn_the_recommendation_to_imap() {
    let app = mount().await;
    app.type_into("#address", "jane@q.com").await;
    app.click("#nav-protocol").await;
    let heading = || app.text("[data-testid=recommendation] h3").unwrap_or_default();
    assert_eq!(heading(), "We recommend POP3");
    app.choose("#devices", "3").await;
    assert_eq!(heading(), "We recommend IMAP");
    assert!(app
        .codes("[data-testid=recommendation] li[data-code]")
        .iter()
        .any(|c| c == "provider.imap-self-help"));
}

// ---------------------------------------------------------------------------------------------------------
// Saved state

#[wasm_bindgen_test]
async fn settings_and_answers_survive_a_reload() {
    {
        let app = mount().await;
        app.centurylink_filled_in().await;
        app.type_into("#outgoing-port", "25").await;
        app.click("#nav-protocol").await;
        app.choose("#devices", "3").await;
        app.click("#nav-check").await;
    }
    let keys = saved_keys();
    assert!(keys.iter().all(|k| k.starts_with("mailcheck.")), "{keys:?}");
    assert!(keys.iter().any(|k| k == "mailcheck.settings"), "{keys:?}");

    let app = remount().await;
    assert_eq!(app.value("#address"), "jane@q.com");
    assert!(app.find("#screen-check").is_some(), "the screen last shown comes back");
    assert_eq!(app.value("#outgoing-port"), "25");
    assert_eq!(app.findings("outgoing-port"), ["smtp.port-25"]);
    app.click("#nav-protocol").await;
    assert_eq!(app.value("#devices"), "3");
}

#[wasm_bindgen_test]
async fn clear_everything_forgets_what_was_saved() {
    let app = mount().await;
    app.centurylink_filled_in().await;
    app.click("#nav-decode").await;
    app.type_into("#error-text", "0x800CCC0E").await;
    assert!(!saved_keys().is_empty());

    app.click("#nav-take-away").await;
    // "Clear everything" asks first, in the browser's own dialog: declined, nothing is cleared.
    answer_dialogs(false);
    app.click("#clear").await;
    assert!(!saved_keys().is_empty(), "declining keeps everything");
    assert_eq!(app.value("#address"), "jane@q.com");
    answer_dialogs(true);
    app.click("#clear").await;
    assert_eq!(saved_keys(), Vec::<String>::new());
    assert_eq!(app.value("#address"), "");
    drop(app);

    let app = remount().await;
    assert_eq!(app.value("#address"), "");
    assert!(app.find("#screen-settings").is_some());
}

#[wasm_bindgen_test]
async fn a_share_link_reopens_the_same_settings_and_findings() {
    let link = {
        let app = mount().await;
        app.centurylink_filled_in().await;
        app.type_into("#outgoing-port", "25").await;
        app.click("#nav-take-away").await;
        app.value("#share-link")
    };
    let fragment = link.split_once('#').map(|(_, f)| f.to_owned()).unwrap();
    storage().clear().unwrap();
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{fragment}")))
        .unwrap();

    let app = remount().await;
    assert_eq!(
        web_sys::window().unwrap().location().hash().unwrap(),
        "",
        "the link is read, then removed"
    );
    assert!(app.find("#screen-check").is_some());
    assert_eq!(app.value("#address"), "jane@q.com");
    assert_eq!(app.findings("outgoing-port"), ["smtp.port-25"]);
}

#[wasm_bindgen_test]
async fn a_damaged_share_link_says_so_and_keeps_the_app() {
    storage().clear().unwrap();
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#not-a-share-link"))
        .unwrap();
    let app = remount().await;
    let alert = app.text("[role=alert]").unwrap_or_default();
    assert!(alert.starts_with("The link could not be opened"), "{alert}");
    assert!(app.find("#address").is_some());
}

// ---------------------------------------------------------------------------------------------------------
// Options a help page sets (widget attributes, iframe query)

#[wasm_bindgen_test]
async fn a_help_pages_provider_is_shown_before_an_address_is_typed() {
    storage().clear().unwrap();
    let app = mount_with(&[("provider", "centurylink".into())]).await;
    assert_eq!(app.text("[data-testid=provider-name]").as_deref(), Some("CenturyLink"));
    let text = app.root.text_content().unwrap();
    assert!(text.contains("pop.centurylink.net"), "{text}");
    assert!(
        text.contains("@embarqmail.com"),
        "the addresses it is for are listed: {text}"
    );
    assert!(app.find(".other-provider").is_none());
    drop(app);

    let app = mount_with(&[]).await;
    assert_eq!(
        app.text("[data-testid=provider-name]"),
        None,
        "no provider without the option"
    );
}

#[wasm_bindgen_test]
async fn a_typed_address_of_another_provider_wins_and_the_note_says_so() {
    storage().clear().unwrap();
    let app = mount_with(&[("provider", "centurylink".into())]).await;
    app.type_into("#address", "jane@gmail.com").await;
    assert_eq!(app.text("[data-testid=provider-name]").as_deref(), Some("Gmail"));
    let note = app.text(".other-provider").unwrap_or_default();
    assert!(
        note.contains("not a CenturyLink address") && note.contains("Gmail"),
        "{note}"
    );

    app.type_into("#address", "jane@example.org").await;
    assert!(app.find("[data-testid=provider-unknown]").is_some());
    let note = app.text(".other-provider").unwrap_or_default();
    assert!(note.contains("does not know its provider"), "{note}");

    app.type_into("#address", "jane@q.com").await;
    assert!(
        app.find(".other-provider").is_none(),
        "a CenturyLink address needs no note"
    );
    assert_eq!(app.text("[data-testid=provider-name]").as_deref(), Some("CenturyLink"));
}

#[wasm_bindgen_test]
async fn the_client_option_opens_that_apps_guide() {
    storage().clear().unwrap();
    let app = mount_with(&[("provider", "centurylink".into()), ("client", "thunderbird".into())]).await;
    app.click("#nav-guide").await;
    assert_eq!(
        app.get("#client-thunderbird").get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let guide = app.text("[data-testid=guide]").unwrap_or_default();
    assert!(
        guide.contains("pop.centurylink.net"),
        "the guide has the host page's provider: {guide}"
    );
    drop(app);

    let app = mount_with(&[("provider", "centurylink".into())]).await;
    app.click("#nav-guide").await;
    assert!(
        app.find("[data-testid=guide] ol.steps").is_none(),
        "no app is chosen without the option"
    );
    assert!(app
        .text("[data-testid=guide]")
        .unwrap_or_default()
        .contains("Choose your mail app"));
}

#[wasm_bindgen_test]
async fn ids_that_name_nothing_are_left_out_and_the_app_still_starts() {
    storage().clear().unwrap();
    let app = mount_with(&[("provider", "no-such-isp".into()), ("client", "pigeon".into())]).await;
    assert!(app.find("#address").is_some());
    assert_eq!(app.text("[data-testid=provider-name]"), None);
}

#[wasm_bindgen_test]
async fn the_compact_option_gives_the_compact_layout() {
    storage().clear().unwrap();
    let app = mount_with(&[("compact", JsValue::TRUE)]).await;
    assert!(app.find("main.app.compact").is_some());
    drop(app);
    let app = mount_with(&[]).await;
    assert!(app.find("main.app").is_some() && app.find(".compact").is_none());
    assert_eq!(app.get("main.app").get_attribute("aria-label"), None);
}

#[wasm_bindgen_test]
async fn a_widget_keeps_nothing_in_the_host_sites_storage_and_links_to_the_app() {
    storage().clear().unwrap();
    let history = web_sys::window().unwrap().history().unwrap();
    // The host page's own fragment is not a share link, and a widget must not try to read it.
    history
        .replace_state_with_url(&JsValue::NULL, "", Some("#section-2"))
        .unwrap();
    let app = mount_with(&[
        ("appUrl", "https://mail.example/help/mail/".into()),
        ("widget", JsValue::TRUE),
    ])
    .await;
    // The host page has its own main landmark; the widget is a named region inside it.
    assert!(app.find("main").is_none());
    let region = app.get("section.app");
    assert_eq!(
        region.get_attribute("aria-label").as_deref(),
        Some("Email settings checker")
    );
    assert!(
        app.find("[role=alert]").is_none(),
        "the host's fragment was read as a link"
    );
    assert_eq!(web_sys::window().unwrap().location().hash().unwrap(), "#section-2");
    app.centurylink_filled_in().await;
    assert_eq!(saved_keys(), Vec::<String>::new());
    app.click("#nav-take-away").await;
    let link = app.value("#share-link");
    assert!(link.starts_with("https://mail.example/help/mail/#"), "{link}");
    history.replace_state_with_url(&JsValue::NULL, "", Some("#")).unwrap();
}

#[wasm_bindgen_test]
async fn unmounting_removes_the_app_and_several_run_side_by_side() {
    storage().clear().unwrap();
    let mut one = mount_with(&[("provider", "centurylink".into())]).await;
    let two = mount_with(&[("provider", "gmail".into())]).await;
    two.type_into("#address", "jane@gmail.com").await;
    assert_eq!(one.text("[data-testid=provider-name]").as_deref(), Some("CenturyLink"));
    assert_eq!(one.value("#address"), "", "typing in one app leaves the other alone");
    one.app.unmount();
    yew::scheduler::flush().await;
    assert_eq!(one.root.child_element_count(), 0);
    one.app.unmount();
    assert_eq!(two.text("[data-testid=provider-name]").as_deref(), Some("Gmail"));
}

#[wasm_bindgen_test]
async fn the_first_server_field_starts_the_check_of_every_field() {
    let app = mount().await;
    app.type_into("#address", "jane@q.com").await;
    app.click("#nav-check").await;
    assert!(app.summary().starts_with("Nothing to check yet"), "{}", app.summary());
    app.type_into("#incoming-host", "pop.centurylink.net").await;
    // The fields not reached yet wait in one line rather than a problem each.
    assert!(
        app.summary().starts_with("10 fields are still empty"),
        "{}",
        app.summary()
    );
    assert_eq!(app.findings("outgoing-host"), Vec::<String>::new());
    assert_eq!(app.findings("incoming-host"), Vec::<String>::new());
    // A field typed wrong is said at once, with the others still waiting.
    app.type_into("#incoming-port", "99999").await;
    assert_eq!(app.findings("incoming-port"), ["port.invalid"]);
    assert!(app.summary().contains("will not work yet"), "{}", app.summary());
    assert!(app
        .text("[data-testid=check-waiting]")
        .unwrap_or_default()
        .starts_with("9 fields are still empty"));
}

#[wasm_bindgen_test]
async fn an_unusable_address_is_said_before_any_server_field() {
    let app = mount().await;
    app.type_into("#address", "jane at q.com").await;
    app.click("#nav-check").await;
    assert_eq!(app.codes("li.finding"), ["email.invalid"]);
}
