//! The recommender: each answer that flips the outcome, the provider constraints, and the explanation.

use super::{mentions, Answers, Keep, Protocol, Provider, Recommendation, SMALL_QUOTA_MB};

use crate::database::embedded;
use crate::test_providers::UNUSUAL;

fn answers(devices: u32, keep: Option<Keep>, offline_archive: bool, quota_mb: Option<u32>) -> Answers {
    Answers {
        devices,
        keep,
        offline_archive,
        quota_mb,
    }
}

/// [`super::recommend`] in the words of the embedded data, as the CLI and the app (once the data is in) call it.
fn recommend(answers: &Answers, provider: Option<&Provider>) -> Recommendation {
    super::recommend(answers, provider, embedded().texts())
}

fn provider(address: &str) -> &'static Provider {
    embedded().lookup(address).provider.expect("a provider in the database")
}

fn codes<T>(items: &[T], code: impl Fn(&T) -> &'static str) -> Vec<&'static str> {
    items.iter().map(code).collect()
}

#[test]
fn each_answer_can_flip_the_outcome() {
    use Keep::*;
    use Protocol::*;
    let large = Some(15_000);
    let cases = [
        // Nothing said: IMAP, the safer default.
        (answers(1, None, false, None), Imap),
        (answers(1, Some(Computer), false, None), Pop3),
        (answers(1, Some(Server), false, None), Imap),
        (answers(1, None, true, None), Pop3),
        (answers(1, None, false, Some(700)), Pop3),
        (answers(1, None, false, large), Imap),
        // Several devices outweigh keeping mail here, or an archive, but not all three answers for POP.
        (answers(2, Some(Computer), false, None), Imap),
        (answers(2, None, true, None), Imap),
        (answers(2, Some(Computer), true, None), Imap),
        (answers(2, Some(Computer), true, Some(500)), Pop3),
        (answers(2, Some(Computer), true, large), Imap),
        // Mail wanted on the server holds against an archive and a small mailbox together.
        (answers(1, Some(Server), true, Some(500)), Imap),
        (answers(1, Some(Server), true, None), Imap),
        // 0 devices is taken as one.
        (answers(0, Some(Computer), false, None), Pop3),
    ];
    for (a, expected) in cases {
        assert_eq!(recommend(&a, None).protocol, expected, "{a:?}");
        assert_eq!(super::recommended_protocol(&a, None), expected, "{a:?} without words");
    }
}

/// The protocol alone (what the app's first load works out) is always the one the full recommendation names,
/// with providers that offer POP only, IMAP only, or both, for every combination of answers.
#[test]
fn the_protocol_alone_is_the_recommendations() {
    let unusual: &Provider = &UNUSUAL;
    for p in [
        None,
        Some(provider("jane@gmail.com")),
        Some(provider("jane@centurylink.net")),
        Some(unusual),
    ] {
        for devices in [1, 2] {
            for keep in [None, Some(Keep::Server), Some(Keep::Computer)] {
                for archive in [false, true] {
                    for quota in [None, Some(500), Some(15_000)] {
                        let a = answers(devices, keep, archive, quota);
                        assert_eq!(
                            super::recommended_protocol(&a, p),
                            recommend(&a, p).protocol,
                            "{a:?} with {:?}",
                            p.map(|p| &p.id)
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_small_quota_line_is_inclusive() {
    assert_eq!(
        recommend(&answers(1, None, false, Some(SMALL_QUOTA_MB)), None).protocol,
        Protocol::Pop3
    );
    assert_eq!(
        recommend(&answers(1, None, false, Some(SMALL_QUOTA_MB + 1)), None).protocol,
        Protocol::Imap
    );
}

#[test]
fn reasons_speak_for_the_winner_first() {
    let r = recommend(&answers(3, Some(Keep::Computer), false, None), None);
    assert_eq!(r.protocol, Protocol::Imap);
    assert_eq!(codes(&r.reasons, |r| r.code), ["devices.several", "keep.computer"]);
    assert!(r.reasons[0].text.contains("3 devices"));
    assert_eq!(r.reasons[1].favours, Protocol::Pop3);
    assert_eq!(codes(&r.notes, |n| n.code), ["imap.local-folders"]);

    let nothing = recommend(&Answers::default(), None);
    assert_eq!(codes(&nothing.reasons, |r| r.code), ["balanced"]);
    assert!(nothing.notes.is_empty() && nothing.server.is_none());
}

#[test]
fn centurylink_brings_its_mailbox_size_self_help_imap_and_copy_advice() {
    let centurylink = provider("jane@q.com");
    let pop = recommend(&Answers::default(), Some(centurylink));
    assert_eq!(pop.protocol, Protocol::Pop3, "700 MB is a small mailbox");
    assert!(
        pop.reasons[0].text.contains("CenturyLink mailboxes hold 700 MB"),
        "{:?}",
        pop.reasons
    );
    let notes = codes(&pop.notes, |n| n.code);
    assert_eq!(notes, ["provider.mailbox-size", "pop.backup", "provider.note"]);
    assert!(pop.notes[2].text.contains("leave a copy"), "{:?}", pop.notes);
    assert_eq!(
        pop.server.as_ref().map(|s| s.host.clone()).as_deref(),
        Some("pop.centurylink.net")
    );

    let imap = recommend(&answers(2, None, false, None), Some(centurylink));
    assert_eq!(imap.protocol, Protocol::Imap);
    assert_eq!(
        codes(&imap.notes, |n| n.code),
        ["provider.imap-self-help", "provider.mailbox-size"]
    );
    assert!(imap.notes[0].text.contains("self-help only"));
    assert!(imap.notes[1].text.contains("mailbox size"), "{:?}", imap.notes);
    // The size is said once on the screen: by the reason for POP3, not again by the note.
    let said = |r: &Recommendation| {
        let texts = r.reasons.iter().map(|x| &x.text).chain(r.notes.iter().map(|n| &n.text));
        texts.filter(|t| t.contains("700 MB")).count()
    };
    assert_eq!(said(&imap), 1, "{imap:#?}");
    assert_eq!(said(&pop), 1, "{pop:#?}");
    assert_eq!(
        imap.server.map(|s| (s.host, s.port)),
        Some(("mail.centurylink.net".to_owned(), 993))
    );

    // The user's own answer about the quota wins over the provider's figure.
    assert_eq!(
        recommend(&answers(1, None, false, Some(5000)), Some(centurylink)).protocol,
        Protocol::Imap
    );
}

#[test]
fn a_pop_only_provider_gets_pop_whatever_the_answers() {
    let qwestoffice = provider("jane@qwestoffice.net");
    let r = recommend(&answers(3, Some(Keep::Server), false, Some(50_000)), Some(qwestoffice));
    assert_eq!(r.protocol, Protocol::Pop3);
    assert_eq!(r.reasons[0].code, "provider.only");
    assert!(
        r.reasons[0]
            .text
            .starts_with("CenturyLink (Qwest Office)'s own page lists only POP3"),
        "{}",
        r.reasons[0].text
    );
    assert!(
        codes(&r.notes, |n| n.code).contains(&"pop.leave-copy"),
        "several devices on POP need the copy"
    );
    assert_eq!(r.server.map(|s| s.host.clone()).as_deref(), Some("pop.qwestoffice.net"));
}

#[test]
fn an_imap_only_provider_gets_imap_whatever_the_answers() {
    let r = recommend(&answers(1, Some(Keep::Computer), true, Some(100)), Some(&UNUSUAL));
    assert_eq!(r.protocol, Protocol::Imap);
    assert_eq!(r.reasons[0].code, "provider.only");
    assert!(codes(&r.notes, |n| n.code).contains(&"imap.local-folders"));
    assert_eq!(
        r.server.map(|s| s.host.clone()).as_deref(),
        Some("imap.unusual.example")
    );
}

#[test]
fn never_recommends_what_the_provider_does_not_offer() {
    let keeps = [None, Some(Keep::Server), Some(Keep::Computer)];
    for p in embedded().records().iter().chain([&*UNUSUAL]) {
        for devices in [1, 2] {
            for keep in keeps {
                for archive in [false, true] {
                    for quota in [None, Some(100), Some(20_000)] {
                        let r = recommend(&answers(devices, keep, archive, quota), Some(p));
                        assert!(p.incoming.iter().any(|s| s.protocol == r.protocol), "{} {r:?}", p.id);
                        assert_eq!(r.server.map(|s| s.protocol), Some(r.protocol));
                        assert!(!r.reasons.is_empty());
                    }
                }
            }
        }
    }
}

#[test]
fn provider_notes_are_picked_by_the_protocol_they_name() {
    assert!(mentions("With POP, accept the option to leave a copy.", "POP"));
    assert!(mentions("Use POP3 on port 995.", "POP"));
    assert!(!mentions("The most POPULAR choice", "POP"));
    assert!(!mentions("With POP, accept the option", "IMAP"));
}

#[test]
fn the_explanation_covers_what_people_ask() {
    let text: String = embedded()
        .explanation()
        .iter()
        .flat_map(|s| std::iter::once(s.heading.as_str()).chain(s.paragraphs.iter().map(String::as_str)))
        .collect::<Vec<_>>()
        .join(" ");
    for topic in [
        "Where your mail lives",
        "second device",
        "Leave a copy of messages on the server",
        "quota",
    ] {
        assert!(text.contains(topic), "{topic}");
    }
    assert!(embedded()
        .explanation()
        .iter()
        .all(|s| !s.heading.is_empty() && !s.paragraphs.is_empty()));
}

#[test]
fn every_reason_and_note_has_its_words() {
    let centurylink = provider("jane@q.com");
    let qwestoffice = provider("jane@qwestoffice.net");
    let mut said = 0;
    for p in [None, Some(centurylink), Some(qwestoffice), Some(&UNUSUAL)] {
        for devices in [1, 3] {
            for keep in [None, Some(Keep::Server), Some(Keep::Computer)] {
                for archive in [false, true] {
                    for quota in [None, Some(500), Some(50_000)] {
                        let r = recommend(&answers(devices, keep, archive, quota), p);
                        let texts = r.reasons.iter().map(|x| &x.text).chain(r.notes.iter().map(|n| &n.text));
                        for text in texts {
                            assert!(!text.is_empty() && !text.contains(['{', '}']), "{text:?} in {r:#?}");
                            said += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(said > 100);
    // Without the data's words the decision is the same; only the words are missing.
    let bare = super::recommend(&answers(3, None, false, None), Some(centurylink), &Default::default());
    assert_eq!(bare.protocol, Protocol::Imap);
    assert!(bare.reasons.iter().all(|r| r.text.is_empty()));
}
