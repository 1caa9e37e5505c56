//! Every sentence the engine shows a person, in one place, keyed by stable code and filled in with
//! parameters, so the rules never hold prose and the texts can be translated without touching them.

pub mod advice;
pub mod causes;
pub mod discover;
pub mod findings;
pub mod probe;
pub mod provenance;
pub mod summary;
pub mod transfer;
pub mod unknown_provider;
