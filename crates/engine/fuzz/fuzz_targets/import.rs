//! Thunderbird autoconfig import on arbitrary documents: a clear error or settings, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailcheck_engine::import;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = import::autoconfig(&text, Some("jane@example.org"));
    let _ = import::autoconfig(&text, None);
});
