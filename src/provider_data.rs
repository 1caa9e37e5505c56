//! The provider database in the browser: fetched after the app's first paint (it is not in the wasm), once
//! per page for every copy of the app on it, and read by the engine into one [`Database`].
//!
//! The page that mounts the app starts the fetch and passes its promise of the file's text in the options
//! (static/start.js, static/widget.js: the file's hashed name and its integrity digest come from the build).
//! Until it arrives the app works with the general rules and says it is still looking the provider up.

use crate::options::DataSource;
use mailcheck_engine::texts::Texts;
use mailcheck_engine::Database;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// The provider database as this page has it.
#[derive(Clone)]
pub enum Data {
    /// On its way.
    Loading,
    Ready(Rc<Database>),
    /// Could not be fetched or read: why, in words for the person.
    Failed(Rc<str>),
}

impl PartialEq for Data {
    fn eq(&self, other: &Data) -> bool {
        match (self, other) {
            (Data::Loading, Data::Loading) => true,
            (Data::Ready(a), Data::Ready(b)) => Rc::ptr_eq(a, b),
            (Data::Failed(a), Data::Failed(b)) => a == b,
            _ => false,
        }
    }
}

impl Data {
    /// The database, once it is here.
    pub fn database(&self) -> Option<&Rc<Database>> {
        match self {
            Data::Ready(db) => Some(db),
            Data::Loading | Data::Failed(_) => None,
        }
    }

    /// The data's texts, or none while it is not here.
    pub fn texts(&self) -> &Texts {
        self.database().map_or(Texts::empty(), |db| db.texts())
    }
}

thread_local! {
    /// The database read from the page's promise: every copy of the app given the same promise (all widgets
    /// of a page) reads the file once.
    static LOADED: RefCell<Option<(DataSource, Rc<Database>)>> = const { RefCell::new(None) };
}

fn loaded(source: &DataSource) -> Option<Rc<Database>> {
    LOADED.with(|l| {
        l.borrow()
            .as_ref()
            .filter(|(s, _)| s == source)
            .map(|(_, db)| db.clone())
    })
}

/// The database from `source` (a promise of the data file's text), shared by every copy of the app given
/// the same promise; [`Data::Failed`] without a source.
#[hook]
pub fn use_provider_data(source: Option<DataSource>) -> Data {
    let data = use_state(|| match &source {
        Some(source) => loaded(source).map_or(Data::Loading, Data::Ready),
        None => Data::Failed("this page gives the app no provider list".into()),
    });
    {
        let data = data.clone();
        use_effect_with((), move |()| {
            if let (Data::Loading, Some(source)) = (&*data, source) {
                // Callbacks on the promise rather than a Rust future, which would cost the wasm a future's
                // machinery for one fetch. The promise settles once, so each callback runs at most once; both
                // live as long as the page (two small closures for each copy of the app, made once).
                let promise = source.0.clone();
                let failed = data.clone();
                let mut source = Some(source);
                let on_text = Closure::new(move |text: JsValue| {
                    if let Some(source) = source.take() {
                        data.set(read(source, text));
                    }
                });
                let on_error = Closure::new(move |e: JsValue| failed.set(Data::Failed(reason(&e).into())));
                let _ = promise.then2(&on_text, &on_error);
                on_text.forget();
                on_error.forget();
            }
        });
    }
    (*data).clone()
}

/// The database from the data file's text, or why there is none.
fn read(source: DataSource, text: JsValue) -> Data {
    let Some(text) = text.as_string() else {
        return Data::Failed("the provider list is not text".into());
    };
    match Database::decode(&text) {
        Ok(db) => {
            // Another copy of the app may have read the same promise meanwhile: one database a page.
            let db = loaded(&source).unwrap_or_else(|| Rc::new(db));
            LOADED.with(|l| *l.borrow_mut() = Some((source, db.clone())));
            Data::Ready(db)
        }
        Err(e) => Data::Failed(e.to_string().into()),
    }
}

/// What a failed fetch says: the message of a JavaScript error, else its text.
fn reason(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "it could not be loaded".to_owned())
}
