//! The app's components, one a file, each named after what it shows.

pub mod address_field;
pub mod provider_summary;
