//! Share links from arbitrary text: decoding never panics, and what decodes encodes back to a link that
//! decodes to the same thing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailcheck_engine::share;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(shared) = share::decode(&text) {
        let link = share::encode(&shared).expect("what decoded fits in a link");
        assert_eq!(share::decode(&link).ok(), Some(shared));
    }
});
