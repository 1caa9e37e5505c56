//! The error decoder on arbitrary text, with and without settings: it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailcheck_engine::account::Account;
use mailcheck_engine::{decode, embedded};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let texts = embedded().decoder();
    decode::decode(&text, None, None, texts);
    // The same text against a known provider's settings, so the settings-aware ranking runs too.
    let provider = embedded().by_id("centurylink");
    let settings = provider
        .map(|p| Account::recommended(p, Some("jane@q.com")).to_settings())
        .unwrap_or_default();
    decode::decode(&text, Some(&settings), provider, texts);
    let _ = embedded().lookup(&text);
});
