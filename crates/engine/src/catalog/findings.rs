//! Texts of validation findings (see `crate::validate`), keyed by finding code.
