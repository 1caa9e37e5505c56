//! Texts of the IMAP-versus-POP3 explanation and recommender (see `crate::advice`).
//!
//! The explanation (headings and paragraphs the app renders and the CLI prints) is plain data, in
//! crates/engine/texts/explanation.toml, read with the provider data ([`crate::Database::explanation`]). The
//! recommender's reasons and notes are [`ReasonText`] and [`NoteText`] variants, their templates data too
//! (texts/advice.toml, [`crate::Database::texts`]), filled in with the user's answers and the provider's
//! record.

use crate::catalog::provenance::Who;
use crate::model::Protocol;
use crate::texts::Texts;

/// Why the recommender leans one way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReasonText<'a> {
    SeveralDevices {
        devices: u32,
    },
    KeepOnServer,
    KeepOnComputer,
    OfflineArchive,
    /// A small mailbox; `provider` when the size is the provider's rather than the user's answer.
    SmallQuota {
        mb: u32,
        provider: Option<Who<'a>>,
    },
    /// Nothing tipped the balance.
    Balanced,
    /// The provider offers only `protocol` for fetching mail.
    OnlyOffers {
        provider: Who<'a>,
        protocol: Protocol,
    },
}

impl ReasonText<'_> {
    pub(crate) fn code(&self) -> &'static str {
        match self {
            ReasonText::SeveralDevices { .. } => "devices.several",
            ReasonText::KeepOnServer => "keep.server",
            ReasonText::KeepOnComputer => "keep.computer",
            ReasonText::OfflineArchive => "offline-archive",
            ReasonText::SmallQuota { .. } => "quota.small",
            ReasonText::Balanced => "balanced",
            ReasonText::OnlyOffers { .. } => "provider.only",
        }
    }
}

impl ReasonText<'_> {
    /// The reason in words, from its template in the data (crates/engine/texts/advice.toml).
    pub(crate) fn render(&self, t: &Texts) -> String {
        let number;
        match *self {
            ReasonText::SeveralDevices { devices } => {
                number = devices.to_string();
                t.fill("reason.devices", &[("devices", &number)])
            }
            ReasonText::KeepOnServer => t.get("reason.keep-server").to_owned(),
            ReasonText::KeepOnComputer => t.get("reason.keep-computer").to_owned(),
            ReasonText::OfflineArchive => t.get("reason.archive").to_owned(),
            ReasonText::SmallQuota { mb, provider } => {
                number = mb.to_string();
                match provider {
                    Some(p) => t.fill("reason.quota-provider", &[("provider", p.name), ("mb", &number)]),
                    None => t.fill("reason.quota", &[("mb", &number)]),
                }
            }
            ReasonText::Balanced => t.get("reason.balanced").to_owned(),
            ReasonText::OnlyOffers { provider, protocol } => {
                let source = format!("{:#}", provider.source());
                t.fill("reason.only", &[("source", &source), ("protocol", protocol.label())])
            }
        }
    }
}

/// Something to know with the recommendation: a provider's rule, a setting to choose, a risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoteText<'a> {
    /// The provider publishes IMAP settings but does not support IMAP.
    ImapSelfHelp { provider: Who<'a> },
    /// The provider's mailbox size, and what counts against it with `protocol`; `said` when a reason
    /// already names the size, so the note does not say it a second time.
    MailboxSize {
        provider: Who<'a>,
        mb: u32,
        protocol: Protocol,
        said: bool,
    },
    /// IMAP with a small mailbox the user gave (a reason has named its size).
    WatchQuota,
    /// POP on several devices, or with mail wanted on the server.
    LeaveCopy,
    /// POP: this computer may hold the only copy.
    Backup,
    /// IMAP, though mail was wanted on this computer.
    LocalFolders,
    /// One of the provider's own notes.
    Provider { provider: Who<'a>, note: &'a str },
}

impl NoteText<'_> {
    pub(crate) fn code(&self) -> &'static str {
        match self {
            NoteText::ImapSelfHelp { .. } => "provider.imap-self-help",
            NoteText::MailboxSize { .. } => "provider.mailbox-size",
            NoteText::WatchQuota => "imap.watch-quota",
            NoteText::LeaveCopy => "pop.leave-copy",
            NoteText::Backup => "pop.backup",
            NoteText::LocalFolders => "imap.local-folders",
            NoteText::Provider { .. } => "provider.note",
        }
    }
}

impl NoteText<'_> {
    /// The note in words, from its template in the data (crates/engine/texts/advice.toml).
    pub(crate) fn render(&self, t: &Texts) -> String {
        let number;
        match *self {
            NoteText::ImapSelfHelp { provider } => t.fill("note.imap-self-help", &[("provider", provider.name)]),
            NoteText::MailboxSize {
                said: true,
                protocol: Protocol::Pop3,
                ..
            } => t.get("note.size-pop3").to_owned(),
            NoteText::MailboxSize { said: true, .. } | NoteText::WatchQuota => t.get("note.size-imap").to_owned(),
            NoteText::MailboxSize {
                provider, mb, protocol, ..
            } => {
                number = mb.to_string();
                let key = if protocol == Protocol::Pop3 {
                    "note.mailbox-pop3"
                } else {
                    "note.mailbox-imap"
                };
                t.fill(key, &[("provider", provider.name), ("mb", &number)])
            }
            NoteText::LeaveCopy => t.get("note.leave-copy").to_owned(),
            NoteText::Backup => t.get("note.backup").to_owned(),
            NoteText::LocalFolders => t.get("note.local-folders").to_owned(),
            NoteText::Provider { provider, note } => {
                t.fill("note.provider", &[("provider", provider.name), ("note", note)])
            }
        }
    }
}
