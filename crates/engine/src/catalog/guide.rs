//! The words around a guide's steps in plain text (`mailcheck guide`): for which version of the app, where
//! its wording was checked, its notes, and how each kind of value reads. The steps' own words come with the
//! data (texts/guides.toml).

use crate::guide::{Level, Source, Value};

/// The line naming the versions of the app the guide was written for.
pub fn for_version(version: &str) -> String {
    format!("For: {version}")
}

/// Where the guide's menus and labels were checked, with the address.
pub fn source(source: Source) -> String {
    match source {
        Source::MakerDocs(url) => format!("Checked against the maker's documentation: {url}"),
        Source::AppSource(url) => format!("Checked against the app's own interface text: {url}"),
        Source::None => "Not checked against the maker's documentation (see the notes).".to_owned(),
    }
}

/// The heading of the notes after the steps.
pub const NOTES: &str = "Notes:";

/// The mark before a note.
pub const fn note_mark(level: Level) -> &'static str {
    match level {
        Level::Warning => "Warning:",
        Level::Info => "-",
    }
}

/// A step's value as text: what to type or pick as it is, a switch as on or off, what only the person knows
/// in angle brackets.
pub fn value(value: &Value) -> String {
    match value {
        Value::Text(text) => text.clone(),
        Value::Choose(choice) => (*choice).to_owned(),
        Value::Switch(true) => "on".into(),
        Value::Switch(false) => "off".into(),
        Value::Yours(what) => format!("<{what}>"),
    }
}
