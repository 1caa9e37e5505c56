//! What the page that starts the app chooses: the app's own page (static/start.js), the iframe mode (its query
//! string) and the widget (its element's attributes) all pass the same options to [`crate::mount`].

use mailcheck_engine::guide::Client;
use wasm_bindgen::{JsCast, JsValue};
use yew::{AttrValue, Properties};

/// The options, read and checked: ids that name nothing are dropped with a console warning for the host
/// page's developer, and the app starts without them rather than not at all.
#[derive(Properties, Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// A help page about one provider shows that provider's settings before an address is typed; a typed
    /// address of another provider wins, with a note saying so. The id of a record of the provider data,
    /// checked once the data has arrived ([`warn_unknown`]).
    pub provider: Option<AttrValue>,
    /// The page's promise of the provider data file's text (src/provider_data.rs).
    pub data: Option<DataSource>,
    /// The mail app whose guide is chosen when the app opens.
    pub client: Option<Client>,
    /// The smaller layout for frames and widgets: no tagline, less space.
    pub compact: bool,
    /// The app runs inside another site's page (static/widget.js), not in a document of its own.
    pub widget: bool,
    /// Whether the state is kept in this origin's storage and a share link in the address is opened. The
    /// app's own page (and its frame) does; a widget does not, since its page is the host's: its storage and
    /// its address belong to the host site.
    pub remember: bool,
    /// Where "Test connection" sends its probes; `None` for no probe.
    pub probe: Option<AttrValue>,
    /// Where the settings of a domain the data does not know are looked for (`POST /api/discover`); `None`
    /// for no server.
    pub discover: Option<AttrValue>,
    /// The Thunderbird ISPDB's address, which the browser may ask for a domain's settings; `None`: never.
    pub ispdb: Option<AttrValue>,
    /// A DNS-over-HTTPS resolver (RFC 8484) the browser may ask for a domain's MX and SRV records; `None`:
    /// never.
    pub doh: Option<AttrValue>,
    /// The app's own page, for share links: a widget's page is the host's article, which cannot open them.
    /// `None` means this page.
    pub app_url: Option<AttrValue>,
}

impl Options {
    /// Reads `{provider, client, compact, widget, remember, probe, discover, ispdb, doh, appUrl, data}` from a
    /// JavaScript object;
    /// missing or empty keys are the defaults.
    pub fn read(js: &JsValue) -> Options {
        let text = |key: &str| {
            js_sys::Reflect::get(js, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let flag = |key: &str| js_sys::Reflect::get(js, &JsValue::from_str(key)).is_ok_and(|v| v.is_truthy());
        Options {
            provider: text("provider").map(AttrValue::from),
            data: js_sys::Reflect::get(js, &JsValue::from_str("data"))
                .ok()
                .and_then(|v| v.dyn_into::<js_sys::Promise>().ok())
                .map(DataSource),
            client: text("client").and_then(|id| known(Client::from_id(&id), "client", &id)),
            compact: flag("compact"),
            widget: flag("widget"),
            remember: flag("remember"),
            probe: text("probe").map(AttrValue::from),
            discover: text("discover").map(AttrValue::from),
            ispdb: text("ispdb").map(AttrValue::from),
            doh: text("doh").map(AttrValue::from),
            app_url: text("appUrl").map(AttrValue::from),
        }
    }
}

/// The page's promise of the provider data, equal only to itself (options compare for Yew's props).
#[derive(Clone, Debug)]
pub struct DataSource(pub js_sys::Promise);

impl PartialEq for DataSource {
    fn eq(&self, other: &DataSource) -> bool {
        js_sys::Object::is(&self.0, &other.0)
    }
}

/// `found`, or a warning naming the option that names nothing.
fn known<T>(found: Option<T>, option: &str, id: &str) -> Option<T> {
    if found.is_none() {
        warn_unknown(option, id);
    }
    found
}

/// Tells the host page's developer that an option names nothing; the app goes on without it.
pub fn warn_unknown(option: &str, id: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!(
        "mailcheck: there is no {option} \"{id}\"; starting without it (README: Embed lists the ids)"
    )));
}
