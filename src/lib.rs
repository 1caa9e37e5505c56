//! The mailcheck web app. UI only: every fact it shows comes from `mailcheck_engine`.
//!
//! The app starts where a page calls [`mount`]: once on the app's own page, once per widget on a help site's
//! page. A library as well as a binary, so browser tests mount it the same way.

mod app;
mod browser;
mod components;
mod discover;
mod later;
mod lookup;
mod mount;
mod options;
mod persist;
mod probe;
mod provider_data;
mod state;
mod view;

pub use app::App;
pub use mount::{mount, Mounted};
pub use options::Options;
