//! The one boundary for text from other servers: what a discovered record may hold, decided where a record
//! from outside is accepted (each source of the native server's discovery, and [`super::accept`] in the
//! app). Whatever breaks a rule is dropped or replaced, never refused whole, so the servers are never lost
//! to a bad link; and every change is said ([`Change`], in words by `catalog::discover::cleaned`).
//!
//! The rules, per kind of text:
//! - **a host** (a server's, a wrong host, a domain): lower-case ASCII LDH labels
//!   ([`is_domain_name`]); a server whose host is not one is left out;
//! - **a URL**: `http://` or `https://`, then printable ASCII only: no space, no control, none of
//!   `"<>\^`{|}` that a URL must escape; at most [`URL_BYTES`]. A URL that breaks this is left out: cut or
//!   mended, it would lead somewhere else;
//! - **a name** (the provider's, an MX provider's, where the mail is hosted) and **a sentence** (a note, a
//!   link's title, an instruction, a report's detail): printable text. Tabs and line breaks (also U+0085,
//!   U+2028, U+2029) become spaces; every other control character (C0, DEL, C1, such as the 8-bit CSI
//!   U+009B) and the bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069),
//!   which could make a name read as another, are removed; runs of spaces become one; at most
//!   [`NAME_CHARS`] or [`SENTENCE_CHARS`] characters, cut with "…". Markup stays as written: the app renders
//!   text only, never HTML, so `<b>` shows as the three characters it is, and nothing runs;
//! - **a user-name template**: the characters of a name, at most [`TEMPLATE_CHARS`]. A server whose template
//!   breaks that is left out, since a cleaned user name would be another setting;
//! - at most [`SERVERS_PER_SIDE`] servers on each side and [`TEXTS`] notes and links: a real provider lists a
//!   handful (the most in mailcheck's data is 4 incoming, 3 outgoing, 7 links), and each of them travels in
//!   a discovery's answer several times.

use crate::client_config::is_domain_name;
use crate::model::{Doc, Origin, Provider, Server, Side, Source, UsernameForm};
use crate::requirement::Kind;

/// The longest name, in characters.
pub const NAME_CHARS: usize = 100;
/// The longest sentence, in characters.
pub const SENTENCE_CHARS: usize = 500;
/// The longest URL, in bytes (a URL is ASCII).
pub const URL_BYTES: usize = 1000;
/// The longest user-name template, in characters.
pub const TEMPLATE_CHARS: usize = 100;
/// The most servers kept on each side.
pub const SERVERS_PER_SIDE: usize = 8;
/// The most notes, and the most links, kept.
pub const TEXTS: usize = 8;

/// Which text of a record (or of a report) a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    HostedBy,
    MxProvider,
    Note,
    Link,
    LinkTitle,
    Instruction,
    InstructionLink,
    WrongHost,
    Detail,
}

/// One change the boundary made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Control or direction characters removed from a text, or made spaces (line breaks, tabs): how many.
    Removed { field: Field, count: usize },
    /// A text cut to its longest, in characters.
    Shortened { field: Field, to: usize },
    /// A URL, or a wrong host, that breaks its rule, left out.
    Dropped(Field),
    /// Servers of one side left out: `unusable` ones (a host that is not a host name, a user name that breaks
    /// its rule) and those `beyond` the first [`SERVERS_PER_SIDE`].
    Servers { side: Side, unusable: usize, beyond: usize },
    /// Sign-in requirements a discovered record cannot carry (another kind than a switch to turn on, another
    /// origin than the record's, a second one), or one without words, left out: how many.
    Requirements(usize),
    /// Notes or links beyond the first [`TEXTS`], left out.
    Beyond { field: Field, count: usize },
}

/// A record after the boundary, and what it changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cleaned {
    pub provider: Provider,
    pub changes: Vec<Change>,
}

/// The bidirectional controls: they reorder what is shown, so "moc.elpmaxe" can read as "example.com".
const BIDI: [char; 12] = [
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}',
    '\u{2067}', '\u{2068}', '\u{2069}',
];

/// A character no text from outside may carry: a control (C0, DEL, C1), a line or paragraph separator, or
/// a bidirectional control. The CLI's printer uses the same test as its last line of defence.
pub fn is_unwanted(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}' || BIDI.contains(&c)
}

/// A name under the rules above, with what was changed; may come out empty.
pub fn name(raw: &str, field: Field, changes: &mut Vec<Change>) -> String {
    text(raw, NAME_CHARS, field, changes)
}

/// A sentence under the rules above, with what was changed; may come out empty.
pub fn sentence(raw: &str, field: Field, changes: &mut Vec<Change>) -> String {
    text(raw, SENTENCE_CHARS, field, changes)
}

/// The rules of names and sentences, at most `max` characters.
fn text(raw: &str, max: usize, field: Field, changes: &mut Vec<Change>) -> String {
    let mut out = String::with_capacity(raw.len().min(max));
    let (mut removed, mut chars, mut space, mut cut) = (0, 0, false, false);
    for c in raw.chars() {
        if is_unwanted(c) {
            removed += 1;
            space |= c.is_whitespace() && chars > 0;
            continue;
        }
        if c.is_whitespace() {
            space |= chars > 0;
            continue;
        }
        if chars + usize::from(space) + 1 > max {
            cut = true;
            break;
        }
        if space {
            out.push(' ');
            chars += 1;
            space = false;
        }
        out.push(c);
        chars += 1;
    }
    if removed > 0 {
        changes.push(Change::Removed { field, count: removed });
    }
    if cut {
        while out.chars().count() >= max {
            out.pop();
        }
        out.push('…');
        changes.push(Change::Shortened { field, to: max });
    }
    out
}

/// A URL under the rules above, or `None` (said in `changes`).
pub fn url(raw: &str, field: Field, changes: &mut Vec<Change>) -> Option<String> {
    let u = raw.trim_matches(|c: char| c == ' ');
    let rest = ["https://", "http://"].iter().find_map(|scheme| {
        u.get(..scheme.len())
            .filter(|s| s.eq_ignore_ascii_case(scheme))
            .map(|s| &u[s.len()..])
    });
    let allowed = |b: u8| b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b);
    let fine = u.len() <= URL_BYTES && rest.is_some_and(|r| !r.is_empty() && r.bytes().all(allowed));
    if !fine {
        changes.push(Change::Dropped(field));
    }
    fine.then(|| u.to_owned())
}

/// Whether a server's host and user name keep the rules (a template also reads back as itself, so the data
/// file's reader takes it).
fn usable(s: &Server) -> bool {
    let template_fine = match &s.username {
        UsernameForm::Template(t) => {
            t.chars().count() <= TEMPLATE_CHARS
                && !t.chars().any(is_unwanted)
                && UsernameForm::from_template(t).as_ref() == Some(&s.username)
        }
        UsernameForm::Address | UsernameForm::LocalPart => true,
    };
    is_domain_name(&s.host) && template_fine
}

/// Keeps the first `TEXTS` of `list`, saying how many more were left out.
fn at_most<T>(list: &mut Vec<T>, field: Field, changes: &mut Vec<Change>) {
    if list.len() > TEXTS {
        changes.push(Change::Beyond {
            field,
            count: list.len() - TEXTS,
        });
        list.truncate(TEXTS);
    }
}

/// A record from outside under the rules above: every text cleaned, what cannot be cleaned left out, and
/// every change said. A name that comes out empty becomes the record's first domain.
pub fn record(mut p: Provider) -> Cleaned {
    let mut changes = Vec::new();
    let c = &mut changes;
    p.domains.retain(|d| is_domain_name(d));
    p.mx_domains.retain(|d| is_domain_name(d));
    p.name = name(&p.name, Field::Name, c);
    if p.name.is_empty() {
        p.name = p.domains.first().or(p.mx_domains.first()).cloned().unwrap_or_default();
    }
    p.hosted_by = p
        .hosted_by
        .take()
        .map(|h| name(&h, Field::HostedBy, c))
        .filter(|h| !h.is_empty());
    if let Origin::Discovered { sources, .. } = &mut p.origin {
        let cleaned: Vec<Source> = std::mem::take(sources)
            .into_iter()
            .filter_map(|s| match s {
                Source::Mx(n) => {
                    let n = name(&n, Field::MxProvider, c);
                    (!n.is_empty()).then_some(Source::Mx(n))
                }
                other => Some(other),
            })
            .collect();
        *sources = cleaned;
    }
    at_most(&mut p.notes, Field::Note, c);
    p.notes = std::mem::take(&mut p.notes)
        .iter()
        .map(|n| sentence(n, Field::Note, c))
        .filter(|n| !n.is_empty())
        .collect();
    at_most(&mut p.docs, Field::Link, c);
    p.docs = std::mem::take(&mut p.docs)
        .into_iter()
        .filter_map(|d| {
            let url = url(&d.url, Field::Link, c)?;
            Some(Doc {
                url,
                title: sentence(&d.title, Field::LinkTitle, c),
            })
        })
        .collect();
    // What discovery can find of signing in is a switch to turn on, in the source's words (autoconfig's
    // `<enable>`), and it is the record's own word: any other kind, or another origin, is not a discovered
    // fact (a record from outside could otherwise claim to be checked by mailcheck).
    let given = p.requirements.len();
    let origin = p.origin.clone();
    p.requirements = std::mem::take(&mut p.requirements)
        .into_iter()
        .filter(|r| r.kind == Kind::EnableAccess && r.origin == origin)
        .filter_map(|mut r| {
            r.quote = r
                .quote
                .map(|q| sentence(&q, Field::Instruction, c))
                .filter(|q| !q.is_empty());
            r.url = r.url.and_then(|u| url(&u, Field::InstructionLink, c));
            r.quote.is_some().then_some(r)
        })
        .take(1)
        .collect();
    if p.requirements.len() < given {
        c.push(Change::Requirements(given - p.requirements.len()));
    }
    let before = p.wrong_hosts.len();
    p.wrong_hosts.retain(|w| is_domain_name(&w.host));
    for _ in p.wrong_hosts.len()..before {
        c.push(Change::Dropped(Field::WrongHost));
    }
    for w in &mut p.wrong_hosts {
        w.why = sentence(&w.why, Field::WrongHost, c);
    }
    for (side, servers) in [(Side::Incoming, &mut p.incoming), (Side::Outgoing, &mut p.outgoing)] {
        let given = servers.len();
        servers.retain(usable);
        let unusable = given - servers.len();
        let beyond = servers.len().saturating_sub(SERVERS_PER_SIDE);
        servers.truncate(SERVERS_PER_SIDE);
        if unusable + beyond > 0 {
            c.push(Change::Servers { side, unusable, beyond });
        }
    }
    Cleaned { provider: p, changes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;
    use crate::discover::{accept, bare, server};
    use crate::model::{Protocol, Security, WrongHost};
    use crate::requirement::Requirement;
    use proptest::prelude::*;

    #[test]
    fn names_and_sentences_lose_controls_and_direction_marks_and_keep_markup() {
        let mut changes = Vec::new();
        let spoof = name(
            "Bank\u{202E}moc.elpmaxe\u{202C} \u{1b}[31mred\u{9b}2J",
            Field::Name,
            &mut changes,
        );
        assert_eq!(spoof, "Bankmoc.elpmaxe [31mred2J");
        assert_eq!(
            changes,
            [Change::Removed {
                field: Field::Name,
                count: 4
            }]
        );
        let mut changes = Vec::new();
        assert_eq!(
            sentence("Turn <b>IMAP</b>\non,\r\n\tthen   wait", Field::Note, &mut changes),
            "Turn <b>IMAP</b> on, then wait"
        );
        assert_eq!(changes.len(), 1, "the line breaks and the tab, not the spaces");
        let mut changes = Vec::new();
        assert_eq!(sentence("  plain  words ", Field::Note, &mut changes), "plain words");
        assert!(changes.is_empty());
        let long = name(&"é".repeat(300), Field::Name, &mut changes);
        assert_eq!(long.chars().count(), NAME_CHARS);
        assert!(long.ends_with('…'));
        assert_eq!(
            changes,
            [Change::Shortened {
                field: Field::Name,
                to: NAME_CHARS
            }]
        );
    }

    #[test]
    fn urls_are_web_addresses_without_spaces_or_controls_or_nothing() {
        let mut changes = Vec::new();
        for fine in ["https://example.org/help?a=1&b=%20", "HTTP://example.org/"] {
            assert_eq!(url(fine, Field::Link, &mut changes).as_deref(), Some(fine));
        }
        assert!(changes.is_empty());
        for bad in [
            "https://example.org/\nx",
            "javascript:alert(1)",
            "https://",
            "https://example.org/a b",
            "https://exämple.org/",
            "https://example.org/\"><script>",
            "ftp://example.org/",
            &format!("https://example.org/{}", "a".repeat(URL_BYTES)),
        ] {
            assert_eq!(url(bad, Field::Link, &mut changes), None, "{bad:?}");
        }
        assert_eq!(changes.len(), 8);
    }

    fn hostile() -> Provider {
        let mut p = bare(
            "example.org",
            (0..400)
                .map(|i| server(Protocol::Imap, &format!("imap{i}.example.org"), 993, Security::Tls))
                .collect(),
            vec![server(Protocol::Smtp, "smtp.example.org", 465, Security::Tls)],
        );
        p.origin = Origin::Discovered {
            domain: "example.org".into(),
            found: "2026-12-01".into(),
            sources: vec![Source::Autoconfig],
        };
        p.name = "\u{2067}Example\u{2069}".into();
        p.docs = vec![
            Doc {
                url: "https://example.org/help\n".into(),
                title: "Help".into(),
            },
            Doc {
                url: "https://example.org/ok".into(),
                title: "Fine".into(),
            },
        ];
        p.incoming
            .insert(0, server(Protocol::Imap, "imap.example.org\u{1b}", 993, Security::Tls));
        p
    }

    #[test]
    fn a_hostile_record_keeps_its_good_servers_up_to_the_cap_and_says_what_went() {
        let Cleaned { provider, changes } = record(hostile());
        assert_eq!(provider.name, "Example");
        assert_eq!(provider.incoming.len(), SERVERS_PER_SIDE);
        assert_eq!(provider.incoming[0].host, "imap0.example.org");
        assert_eq!(provider.outgoing.len(), 1);
        assert_eq!(provider.docs.len(), 1);
        assert!(changes.contains(&Change::Dropped(Field::Link)), "{changes:?}");
        assert!(
            changes.contains(&Change::Servers {
                side: Side::Incoming,
                unusable: 1,
                beyond: 400 - SERVERS_PER_SIDE
            }),
            "{changes:?}"
        );
        let encoded = data::encode(&[], std::slice::from_ref(&provider), None, &Default::default()).unwrap();
        assert_eq!(accept(&encoded, "example.org").unwrap(), provider);
    }

    /// A discovered record whose every text is `t(i)`, with servers whose hosts are good or not.
    fn filled(t: &[String], good: usize) -> Provider {
        let at = |i: usize| t[i % t.len()].clone();
        let mut servers: Vec<Server> = (0..good)
            .map(|i| server(Protocol::Imap, &format!("imap{i}.example.org"), 993, Security::Tls))
            .collect();
        servers.push(server(Protocol::Imap, &at(0), 993, Security::Tls));
        let mut templated = server(Protocol::Smtp, "smtp.example.org", 587, Security::Starttls);
        templated.username = UsernameForm::Template(at(1));
        let mut p = bare(
            "example.org",
            servers,
            vec![
                templated,
                server(Protocol::Smtp, "smtp.example.org", 465, Security::Tls),
            ],
        );
        p.origin = Origin::Discovered {
            domain: "example.org".into(),
            found: "2026-12-01".into(),
            sources: vec![Source::Autoconfig, Source::Mx(at(2))],
        };
        p.name = at(3);
        p.hosted_by = Some(at(4));
        p.notes = vec![at(5), at(6)];
        p.docs = vec![
            Doc {
                url: at(7),
                title: at(8),
            },
            Doc {
                url: format!("https://example.org/{}", at(9)),
                title: at(10),
            },
        ];
        p.requirements = vec![Requirement {
            kind: Kind::EnableAccess,
            url: Some(at(12)),
            origin: p.origin.clone(),
            quote: Some(at(11)),
        }];
        p.wrong_hosts = vec![WrongHost {
            host: at(13),
            why: at(14),
        }];
        p.mx_domains = vec![at(15)];
        p
    }

    #[test]
    fn a_found_record_keeps_only_its_own_switch_to_turn_on() {
        let mut p = filled(&vec!["text".to_owned(); 16], 1);
        let own = Requirement {
            url: Some("https://example.org/settings".into()),
            ..p.requirements[0].clone()
        };
        let claimed = Requirement {
            origin: Origin::Checked {
                source: "https://example.org/".into(),
                checked: "2026-12-01".into(),
            },
            ..own.clone()
        };
        let other_kind = Requirement {
            kind: Kind::OAuthOnly,
            ..own.clone()
        };
        p.requirements = vec![claimed, other_kind, own.clone()];
        let Cleaned { provider, changes } = record(p);
        assert_eq!(provider.requirements, [own]);
        assert!(changes.contains(&Change::Requirements(2)), "{changes:?}");

        // Its own switch alone is kept as it is, and nothing is said.
        let Cleaned { provider, changes } = record(provider);
        assert_eq!(provider.requirements.len(), 1);
        assert!(
            !changes.iter().any(|c| matches!(c, Change::Requirements(_))),
            "{changes:?}"
        );
    }

    proptest! {
        #[test]
        fn any_text_in_any_field_leaves_no_control_or_direction_mark_and_no_good_server_behind(
            texts in proptest::collection::vec(any::<String>(), 16),
            good in 1usize..12,
        ) {
            let Cleaned { provider, changes } = record(filled(&texts, good));
            let encoded = data::encode(&[], std::slice::from_ref(&provider), None, &Default::default());
            let encoded = encoded.map_err(|e| TestCaseError::fail(format!("{e}: {provider:?}")))?;
            prop_assert!(
                !encoded.chars().any(|c| is_unwanted(c) && c != '\t' && c != '\n'),
                "{encoded:?}"
            );
            prop_assert_eq!(accept(&encoded, "example.org").map_err(|e| TestCaseError::fail(e.to_string()))?, provider.clone());
            let kept: Vec<String> = provider.incoming.iter().map(|s| s.host.clone()).collect();
            let wanted: Vec<String> = (0..good.min(SERVERS_PER_SIDE))
                .map(|i| format!("imap{i}.example.org"))
                .collect();
            prop_assert_eq!(&kept[..wanted.len()], wanted.as_slice());
            prop_assert!(provider.outgoing.iter().any(|s| s.port == 465));
            prop_assert!(record(provider).changes.is_empty(), "cleaning twice changes nothing more: {:?}", changes);
        }
    }
}
