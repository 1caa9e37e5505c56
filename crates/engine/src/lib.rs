//! mailcheck's settings engine: what the correct settings of a mail provider are and what a person must do
//! to sign in, with whose word each fact is; how to check what someone typed, decode their mail app's error,
//! recommend IMAP or POP3, write a guide for their app and export the settings as files.
//!
//! Pure Rust with no web, async or I/O dependencies: the same code runs in the browser (wasm) and in the
//! native `mailcheck` binary.

pub mod account;
pub mod advice;
pub mod catalog;
pub mod client_config;
pub mod data;
pub mod database;
pub mod decode;
pub mod discover;
/// The DNS-over-HTTPS query and answer reader (MX and SRV records): the browser app has no resolver of its own,
/// so it asks a DoH server, and the bytes it gets back are untrusted input to read here, bounded and without
/// a panic.
pub mod dns;
pub mod export;
pub mod finding;
pub mod guide;
pub mod import;
pub mod lookup;
pub mod model;
mod order;
pub mod probe_request;
pub mod read;
pub mod requirement;
pub mod settings;
pub mod share;
#[cfg(test)]
mod test_providers;
pub mod texts;
pub mod validate;

#[cfg(feature = "embedded")]
pub use database::embedded;
pub use database::Database;
pub use finding::{Finding, Fix, Severity};
pub use lookup::{normalize_domain, Lookup};
pub use model::{
    Auth, AuthMethod, Doc, ImapSupport, MxSource, Origin, Protocol, Provider, Security, Server, Side, Source,
    UsernameForm, WrongHost,
};
pub use requirement::Requirement;
pub use settings::{Field, ServerField, ServerSettings, Settings};
