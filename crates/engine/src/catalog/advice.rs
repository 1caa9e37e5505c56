//! Texts of the IMAP-versus-POP3 explanation and recommender (see `crate::advice`).
//!
//! The explanation is plain data in crates/engine/texts/explanation.toml, read from the data file
//! ([`crate::Database::explanation`]). The recommender's reasons and notes are [`ReasonText`] and
//! [`NoteText`] variants, filled in with the user's answers and the provider's record.

use crate::model::Protocol;
use core::fmt::{self, Display, Formatter};

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
        provider: Option<&'a str>,
    },
    /// Nothing tipped the balance.
    Balanced,
    /// The provider offers only `protocol` for fetching mail.
    OnlyOffers {
        provider: &'a str,
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

impl Display for ReasonText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match *self {
            ReasonText::SeveralDevices { devices } => write!(
                f,
                "You read mail on {devices} devices. With IMAP all of them show the same mail and folders; with \
                 POP each one downloads on its own, and what you read or delete on one is not changed on the \
                 others."
            ),
            ReasonText::KeepOnServer => f.write_str(
                "You want your mail kept on the server. That is what IMAP does: the server holds it, safe when a \
                 device is lost or breaks.",
            ),
            ReasonText::KeepOnComputer => f.write_str(
                "You want your mail kept on this computer. POP downloads it here, and the server does not need to \
                 keep it.",
            ),
            ReasonText::OfflineArchive => f.write_str(
                "You want an archive on this computer. Mail downloaded with POP stays here even after it is gone \
                 from the server.",
            ),
            ReasonText::SmallQuota {
                mb,
                provider: Some(provider),
            } => write!(
                f,
                "{provider} mailboxes hold {mb} MB. With IMAP everything you keep stays there and can fill it; POP \
                 moves mail to this computer and frees the space."
            ),
            ReasonText::SmallQuota { mb, provider: None } => write!(
                f,
                "Your mailbox holds {mb} MB. With IMAP everything you keep stays there and can fill it; POP moves \
                 mail to this computer and frees the space."
            ),
            ReasonText::Balanced => f.write_str(
                "Your answers do not tip the balance either way. IMAP is then the safer choice: your mail stays on \
                 the server if this device is lost or breaks, and you can add another device at any time.",
            ),
            ReasonText::OnlyOffers { provider, protocol } => write!(
                f,
                "{provider} offers only {} for fetching mail, so that is the one to use.",
                protocol.label()
            ),
        }
    }
}

/// Something to know with the recommendation: a provider's rule, a setting to choose, a risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoteText<'a> {
    /// The provider publishes IMAP settings but does not support IMAP.
    ImapSelfHelp { provider: &'a str },
    /// The provider's mailbox size, and what counts against it with `protocol`.
    MailboxSize {
        provider: &'a str,
        mb: u32,
        protocol: Protocol,
    },
    /// IMAP with a small mailbox the user gave.
    WatchQuota { mb: u32 },
    /// POP on several devices, or with mail wanted on the server.
    LeaveCopy,
    /// POP: this computer may hold the only copy.
    Backup,
    /// IMAP, though mail was wanted on this computer.
    LocalFolders,
    /// One of the provider's own notes.
    Provider { provider: &'a str, note: &'a str },
}

impl NoteText<'_> {
    pub(crate) fn code(&self) -> &'static str {
        match self {
            NoteText::ImapSelfHelp { .. } => "provider.imap-self-help",
            NoteText::MailboxSize { .. } => "provider.mailbox-size",
            NoteText::WatchQuota { .. } => "imap.watch-quota",
            NoteText::LeaveCopy => "pop.leave-copy",
            NoteText::Backup => "pop.backup",
            NoteText::LocalFolders => "imap.local-folders",
            NoteText::Provider { .. } => "provider.note",
        }
    }
}

impl Display for NoteText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match *self {
            NoteText::ImapSelfHelp { provider } => write!(
                f,
                "{provider} publishes its IMAP settings for self-help only: IMAP works, but {provider}'s support \
                 will not help with it."
            ),
            NoteText::MailboxSize {
                provider,
                mb,
                protocol: Protocol::Pop3,
            } => write!(
                f,
                "{provider} mailboxes hold {mb} MB. Copies left on the server count against that: let the app \
                 remove them after some days."
            ),
            NoteText::MailboxSize { provider, mb, .. } => write!(
                f,
                "{provider} mailboxes hold {mb} MB. With IMAP, all the mail you keep, in every folder, counts \
                 against that: delete or move old mail now and then."
            ),
            NoteText::WatchQuota { mb } => write!(
                f,
                "Your mailbox holds {mb} MB. With IMAP, all the mail you keep counts against that: delete or move \
                 old mail now and then."
            ),
            NoteText::LeaveCopy => f.write_str(
                "Turn on \"Leave a copy of messages on the server\" (or your app's setting of that name) on every \
                 device, so that each one gets all your mail.",
            ),
            NoteText::Backup => f.write_str("With POP, this computer may hold the only copy of your mail: back it up."),
            NoteText::LocalFolders => f.write_str(
                "To keep mail on this computer as well, most desktop mail apps let you move it into folders on the \
                 computer itself; mail there stays even after it is deleted from the server.",
            ),
            NoteText::Provider { provider, note } => write!(f, "{provider}: {note}"),
        }
    }
}
