//! Every sentence the engine shows a person, in one place, keyed by stable code and filled in with
//! parameters, so the rules never hold prose and the texts can be translated without touching them.
//!
//! The words shown only after the first paint live as data instead (crates/engine/texts/, read with the
//! provider data: [`crate::texts`], the decoder's [`crate::decode::Knowledge`]); the modules here pick the
//! key and fill in the values.

pub mod advice;
pub mod causes;
pub mod discover;
pub mod findings;
pub mod guide;
pub mod probe;
pub mod provenance;
pub mod screens;
pub mod summary;
pub mod transfer;
pub mod unknown_provider;
