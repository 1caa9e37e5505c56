//! The mailcheck web app. UI only: every fact it shows comes from `mailcheck_engine`.
//!
//! A library as well as a binary so browser tests can render [`App`] into an element of their own.

mod app;
mod browser;
mod components;
mod persist;
mod probe;
mod state;

pub use app::App;
