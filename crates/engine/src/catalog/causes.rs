//! Texts of error-decoder causes (see `crate::decode`), keyed by cause code.
