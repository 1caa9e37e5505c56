//! The provider data file reader on arbitrary text: the app fetches the file over the network, so a damaged
//! one must be an error, never a panic. Seeds: start from `crates/engine/data/knowledge.txt`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailcheck_engine::Database;

fuzz_target!(|data: &[u8]| {
    let _ = Database::decode(&String::from_utf8_lossy(data));
});
