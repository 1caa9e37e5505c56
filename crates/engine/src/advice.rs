//! IMAP or POP3: a plain explanation of both and a recommender.
//!
//! The explanation ([`Section`]s, from the data file) is structured text (sections with headings and paragraphs) for the app to render and the
//! CLI to print. [`recommend`] weighs a few answers and the provider's record and picks one protocol, with its
//! reasons and the notes that go with it. It never picks a protocol the provider does not offer.

use crate::catalog::advice::{NoteText, ReasonText};
use crate::catalog::provenance::Who;
use crate::model::{ImapSupport, Protocol, Provider, Server};
use crate::texts::Texts;
use serde::Serialize;

/// One part of the explanation of IMAP and POP (where mail lives, a second device, "leave a copy on the
/// server", quotas), read from the data file ([`crate::Database::explanation`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// Where the user wants their mail kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    Server,
    Computer,
}

/// The recommender's questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answers {
    /// How many devices read this mailbox (0 is taken as 1).
    pub devices: u32,
    /// Where the mail should be kept, if the user has a preference.
    pub keep: Option<Keep>,
    /// An archive on this computer that stays even when the server deletes the mail.
    pub offline_archive: bool,
    /// The mailbox quota in MB, if the user knows it; else the provider's is used.
    pub quota_mb: Option<u32>,
}

impl Default for Answers {
    fn default() -> Self {
        Answers {
            devices: 1,
            keep: None,
            offline_archive: false,
            quota_mb: None,
        }
    }
}

/// A mailbox this size or smaller counts as small: small enough that IMAP, which keeps everything on the
/// server, fills it in ordinary use. The line is drawn so that the small mailboxes some internet providers
/// still give (CenturyLink: 700 MB) count, and today's multi-gigabyte ones do not.
pub const SMALL_QUOTA_MB: u32 = 1024;

/// How much each answer weighs. Several devices weighs most: POP on several devices scatters mail across them,
/// which nothing else in the answers can make up for on its own.
const SEVERAL_DEVICES: u8 = 3;
const KEEP: u8 = 2;
const ARCHIVE: u8 = 1;
const SMALL_QUOTA: u8 = 1;

/// One consideration behind a recommendation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// Stable id, e.g. `devices.several`.
    pub code: &'static str,
    /// The protocol this consideration speaks for.
    pub favours: Protocol,
    pub text: String,
}

/// Something to know with the recommendation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Stable id, e.g. `pop.leave-copy`.
    pub code: &'static str,
    pub text: String,
}

/// The recommender's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recommendation {
    /// [`Protocol::Imap`] or [`Protocol::Pop3`].
    pub protocol: Protocol,
    /// Everything weighed, the deciding considerations first.
    pub reasons: Vec<Reason>,
    pub notes: Vec<Note>,
    /// The provider's server for the recommended protocol, when the provider is known.
    pub server: Option<Server>,
}

/// Recommends IMAP or POP3 from the user's answers and, when known, their provider's record; the reasons and
/// notes in the words of `texts` (the data file's, [`crate::Database::texts`]; empty words without them).
pub fn recommend(answers: &Answers, provider: Option<&Provider>, texts: &Texts) -> Recommendation {
    let Weighed {
        protocol,
        quota,
        considered,
    } = weigh(answers, provider);
    let mut reasons: Vec<Reason> = considered
        .into_iter()
        .map(|(text, favours)| reason(text, favours, texts))
        .collect();
    // The considerations that won first, in the order they were weighed.
    crate::order::sort_by_key(&mut reasons, |r| r.favours != protocol);

    Recommendation {
        protocol,
        reasons,
        notes: notes(answers, provider, protocol, quota, texts),
        server: provider
            .and_then(|p| p.incoming.iter().find(|s| s.protocol == protocol))
            .cloned(),
    }
}

/// The protocol [`recommend`] recommends, without its reasons and notes: what settings, guides and files
/// follow, without the words only the IMAP-or-POP3 screen shows (the app's first load leaves them out).
pub fn recommended_protocol(answers: &Answers, provider: Option<&Provider>) -> Protocol {
    weigh(answers, provider).protocol
}

/// The answers weighed: the protocol they speak for, the quota that counted, and each consideration with the
/// protocol it favours, not yet in words.
struct Weighed<'p> {
    protocol: Protocol,
    quota: Option<(u32, Option<Who<'p>>)>,
    considered: Vec<(ReasonText<'p>, Protocol)>,
}

fn weigh<'p>(answers: &Answers, provider: Option<&'p Provider>) -> Weighed<'p> {
    let mut considered: Vec<(ReasonText<'p>, Protocol)> = Vec::new();
    let (mut imap, mut pop) = (0u8, 0u8);
    let mut weigh = |text: ReasonText<'p>, favours: Protocol, weight: u8| {
        match favours {
            Protocol::Pop3 => pop += weight,
            _ => imap += weight,
        }
        considered.push((text, favours));
    };
    if answers.devices >= 2 {
        weigh(
            ReasonText::SeveralDevices {
                devices: answers.devices,
            },
            Protocol::Imap,
            SEVERAL_DEVICES,
        );
    }
    match answers.keep {
        Some(Keep::Server) => weigh(ReasonText::KeepOnServer, Protocol::Imap, KEEP),
        Some(Keep::Computer) => weigh(ReasonText::KeepOnComputer, Protocol::Pop3, KEEP),
        None => {}
    }
    if answers.offline_archive {
        weigh(ReasonText::OfflineArchive, Protocol::Pop3, ARCHIVE);
    }
    let provider_quota = provider.and_then(|p| p.mailbox_mb.map(|mb| (mb, Some(Who::of(p)))));
    let quota = answers.quota_mb.map(|mb| (mb, None)).or(provider_quota);
    if let Some((mb, from)) = quota.filter(|(mb, _)| *mb <= SMALL_QUOTA_MB) {
        weigh(
            ReasonText::SmallQuota { mb, provider: from },
            Protocol::Pop3,
            SMALL_QUOTA,
        );
    }

    let mut protocol = if pop > imap { Protocol::Pop3 } else { Protocol::Imap };
    if pop == imap {
        considered.push((ReasonText::Balanced, Protocol::Imap));
    }
    if let Some(p) = provider {
        let offers = |wanted| p.incoming.iter().any(|s| s.protocol == wanted);
        let other = if protocol == Protocol::Imap {
            Protocol::Pop3
        } else {
            Protocol::Imap
        };
        if !offers(protocol) && offers(other) {
            protocol = other;
            considered.insert(
                0,
                (
                    ReasonText::OnlyOffers {
                        provider: Who::of(p),
                        protocol,
                    },
                    protocol,
                ),
            );
        }
    }
    Weighed {
        protocol,
        quota,
        considered,
    }
}

fn reason(text: ReasonText, favours: Protocol, texts: &Texts) -> Reason {
    Reason {
        code: text.code(),
        favours,
        text: text.render(texts),
    }
}

/// What goes with the chosen protocol: the provider's rules, the settings to choose, the risks.
fn notes(
    answers: &Answers,
    provider: Option<&Provider>,
    protocol: Protocol,
    quota: Option<(u32, Option<Who>)>,
    texts: &Texts,
) -> Vec<Note> {
    let mut out = Vec::new();
    let mut note = |text: NoteText| {
        out.push(Note {
            code: text.code(),
            text: text.render(texts),
        })
    };
    if let Some(p) = provider {
        if protocol == Protocol::Imap && p.imap == ImapSupport::SelfHelp {
            note(NoteText::ImapSelfHelp { provider: Who::of(p) });
        }
        // The person's own answer about the quota wins over the provider's figure; a small one has been
        // named by a reason already.
        if let (Some(mb), None) = (p.mailbox_mb, answers.quota_mb) {
            note(NoteText::MailboxSize {
                provider: Who::of(p),
                mb,
                protocol,
                said: mb <= SMALL_QUOTA_MB,
            });
        }
    }
    match protocol {
        Protocol::Pop3 => {
            if answers.devices >= 2 || answers.keep == Some(Keep::Server) {
                note(NoteText::LeaveCopy);
            }
            note(NoteText::Backup);
        }
        _ => {
            if let Some((_, None)) = quota.filter(|(mb, _)| *mb <= SMALL_QUOTA_MB) {
                note(NoteText::WatchQuota);
            }
            if answers.offline_archive || answers.keep == Some(Keep::Computer) {
                note(NoteText::LocalFolders);
            }
        }
    }
    // The provider's own notes about the chosen protocol ("With POP, accept the option to leave a copy ...").
    if let Some(p) = provider {
        let word = if protocol == Protocol::Pop3 { "POP" } else { "IMAP" };
        for text in p.notes.iter().filter(|n| mentions(n, word)) {
            note(NoteText::Provider {
                provider: Who::of(p),
                note: text,
            });
        }
    }
    out
}

/// Whether `text` holds `word` as a word of its own (`POP` in "With POP," but not in "POPULAR").
pub(crate) fn mentions(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == word || w == format!("{word}3"))
}

#[cfg(test)]
mod tests;
