//! Outlook's error numbers (`0x800CCC0E`), which stay the same in every language Outlook is shown in.
//!
//! The `0x800CCCxx` numbers are the Internet Mail transport errors of Outlook and Outlook Express
//! (`IXP_E_*` in Windows' `imnxport.h`); `0x80042109` to `0x8004210B` are the ones Outlook's send/receive
//! shows when a server does not answer ("The operation timed out waiting for a response from the sending
//! (SMTP) server"). Each number is matched as a whole word, so `0x800CCC0E` never matches `0x800CCC0F` or a
//! longer hex string, with or without the `0x` (people drop it, and blogs print `0×`).

use super::text::Text;
use super::{CauseCode, Scan};
use crate::model::Side;

struct Number {
    /// The number without `0x`, lower case.
    hex: &'static str,
    /// Which server Outlook was talking to when it reports this number, when that is known.
    side: Option<Side>,
    causes: &'static [(CauseCode, u16)],
}

use CauseCode::*;

const NUMBERS: [Number; 15] = [
    // IXP_E_FAILED_TO_CONNECT: no connection at all.
    Number {
        hex: "800ccc0e",
        side: None,
        causes: &[(CannotConnect, 90), (Firewall, 70)],
    },
    // IXP_E_CONNECTION_DROPPED: "Your server has unexpectedly terminated the connection."
    Number {
        hex: "800ccc0f",
        side: None,
        causes: &[(Dropped, 90), (Firewall, 75)],
    },
    // IXP_E_CANT_FIND_HOST: "The server could not be found."
    Number {
        hex: "800ccc0d",
        side: None,
        causes: &[(HostNotFound, 95)],
    },
    // IXP_E_SECURE_CONNECT_FAILED: "Your server does not support the connection encryption type you have
    // specified."
    Number {
        hex: "800ccc1a",
        side: None,
        causes: &[(TlsWrongVersion, 85), (TlsHandshake, 60)],
    },
    // IXP_E_TIMEOUT.
    Number {
        hex: "800ccc19",
        side: None,
        causes: &[(Timeout, 85), (Firewall, 65)],
    },
    // IXP_E_SMTP_421_NOT_AVAILABLE: the server answered 421.
    Number {
        hex: "800ccc67",
        side: Some(Side::Outgoing),
        causes: &[(SmtpUnavailable, 90), (Firewall, 55)],
    },
    // IXP_E_SMTP_552_STORAGE_OVERFLOW.
    Number {
        hex: "800ccc6d",
        side: Some(Side::Outgoing),
        causes: &[(SmtpMessageTooBig, 75), (SmtpRecipientMailboxFull, 65)],
    },
    // IXP_E_SMTP_REJECTED_SENDER: "The message could not be sent because the server rejected the sender's
    // email address", most often because the outgoing server needs authentication.
    Number {
        hex: "800ccc78",
        side: Some(Side::Outgoing),
        causes: &[(SmtpAuthRequired, 90), (SmtpSenderRejected, 75)],
    },
    // IXP_E_SMTP_REJECTED_RECIPIENTS.
    Number {
        hex: "800ccc79",
        side: Some(Side::Outgoing),
        causes: &[(SmtpRelayDenied, 80), (SmtpRecipientUnknown, 70)],
    },
    // IXP_E_POP3_RESPONSE_ERROR: the POP server answered -ERR, most often to the login.
    Number {
        hex: "800ccc90",
        side: Some(Side::Incoming),
        causes: &[(AuthFailed, 75), (PopMailboxLocked, 55)],
    },
    // IXP_E_POP3_INVALID_USER_NAME.
    Number {
        hex: "800ccc91",
        side: Some(Side::Incoming),
        causes: &[(AuthFailed, 90)],
    },
    // IXP_E_POP3_INVALID_PASSWORD: "Your e-mail server rejected your login."
    Number {
        hex: "800ccc92",
        side: Some(Side::Incoming),
        causes: &[(AuthFailed, 95)],
    },
    // "Outlook cannot connect to your outgoing (SMTP) e-mail server."
    Number {
        hex: "80042109",
        side: Some(Side::Outgoing),
        causes: &[(CannotConnect, 90), (Firewall, 70)],
    },
    // "The operation timed out waiting for a response from the receiving (POP) server."
    Number {
        hex: "8004210a",
        side: Some(Side::Incoming),
        causes: &[(Timeout, 90), (Firewall, 70)],
    },
    // "The operation timed out waiting for a response from the sending (SMTP) server."
    Number {
        hex: "8004210b",
        side: Some(Side::Outgoing),
        causes: &[(Timeout, 90), (Firewall, 70)],
    },
];

pub(super) fn scan(t: &Text, s: &mut Scan) {
    for word in t.words() {
        let hex = word.strip_prefix("0x").unwrap_or(word);
        let Some(number) = NUMBERS.iter().find(|n| n.hex == hex) else {
            continue;
        };
        for &(cause, weight) in number.causes {
            s.hit(cause, weight);
        }
        match number.side {
            Some(Side::Outgoing) => s.outgoing += 4,
            Some(Side::Incoming) => s.incoming += 4,
            None => {}
        }
    }
}
