//! The boundary for text from other servers (`discover::clean`) on arbitrary text in every field of a
//! discovered record, and `discover::accept` on arbitrary text: what comes out never holds a control or
//! direction character, always goes through the data file's format, is read back the same by `accept`, and
//! keeps every server whose host is a host name (up to the cap).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailcheck_engine::discover::{accept, bare, clean, server};
use mailcheck_engine::model::{Doc, Origin, Protocol, Security, Source, UsernameForm, WrongHost};
use mailcheck_engine::requirement::{Kind, Requirement};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let _ = accept(&input, "example.org");
    // Up to 12 texts, separated by NUL; the missing ones are empty.
    let mut texts: Vec<&str> = input.split('\0').collect();
    texts.resize(12, "");
    let mut odd = server(Protocol::Imap, texts[0], 993, Security::Tls);
    odd.username = UsernameForm::Template(texts[1].to_owned());
    let good = server(Protocol::Imap, "imap.example.org", 993, Security::Tls);
    let out = server(Protocol::Smtp, "smtp.example.org", 465, Security::Tls);
    let mut p = bare("example.org", vec![odd, good], vec![out]);
    p.origin = Origin::Discovered {
        domain: "example.org".into(),
        found: "2026-12-01".into(),
        sources: vec![Source::Autoconfig, Source::Mx(texts[2].to_owned())],
    };
    p.name = texts[3].to_owned();
    p.hosted_by = Some(texts[4].to_owned());
    p.notes = vec![texts[5].to_owned()];
    p.docs = vec![Doc { url: texts[6].to_owned(), title: texts[7].to_owned() }];
    p.requirements = vec![Requirement {
        kind: Kind::EnableAccess,
        url: Some(texts[9].to_owned()),
        origin: p.origin.clone(),
        quote: Some(texts[8].to_owned()),
    }];
    p.wrong_hosts = vec![WrongHost { host: texts[10].to_owned(), why: texts[11].to_owned() }];
    let cleaned = clean::record(p).provider;
    let encoded = mailcheck_engine::data::encode(&[], std::slice::from_ref(&cleaned), None, &Default::default())
        .expect("a cleaned record always fits the data file");
    assert!(!encoded.chars().any(|c| clean::is_unwanted(c) && c != '\t' && c != '\n'), "{encoded:?}");
    assert_eq!(accept(&encoded, "example.org").as_ref(), Ok(&cleaned));
    assert!(cleaned.incoming.iter().any(|s| s.host == "imap.example.org"));
});
