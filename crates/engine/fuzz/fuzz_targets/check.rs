//! `validate::check` on settings made of arbitrary text: it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailcheck_engine::{embedded, validate, ServerField, Settings};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Thirteen fields separated by newlines; missing ones stay empty.
    let mut parts = text.split('\n').map(str::to_owned);
    let mut settings = Settings { email: parts.next().unwrap_or_default(), ..Settings::default() };
    for side in [&mut settings.incoming, &mut settings.outgoing] {
        for field in ServerField::ALL {
            *side.get_mut(field) = parts.next().unwrap_or_default();
        }
    }
    let provider = embedded().lookup(&settings.email).provider;
    let report = validate::check(&settings, provider);
    // Applying a fix must not panic either.
    for finding in report.findings {
        if let Some(fix) = finding.fix {
            let mut fixed = settings.clone();
            fixed.set(fix.field, fix.value);
            validate::check(&fixed, provider);
        }
    }
});
