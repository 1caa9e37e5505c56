//! The strict autoconfig reader (the ISPDB import, and the autoconfig files discovery fetches from the
//! internet) on arbitrary text: errors and skipped parts, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailcheck_engine::{client_config, Origin};

fuzz_target!(|data: &[u8]| {
    let origin = Origin::Checked { source: "https://example.org/".into(), checked: "2026-01-01".into() };
    let _ = client_config::read(&String::from_utf8_lossy(data), "fuzz", &origin);
});
