//! Reading the typed fields of [`ServerSettings`](crate::ServerSettings) into values: one vocabulary for every
//! part of the engine (the checks, the files and guides, the probe request, the error decoder), so that a value
//! one of them accepts is never refused by another.
//!
//! Forgiving about case and surrounding spaces and about the usual client labels (`SSL` is implicit TLS,
//! `POP` is POP3), never about meaning: `imap4`, `auto` or `+993` are not guessed at. Host names are read by
//! the checks themselves (`validate`), which explain what is wrong with them.

use crate::model::AuthMethod;
use crate::model::{Protocol, Security};

/// A field as read: not filled in, filled in with something unusable, or a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry<T> {
    Empty,
    Invalid,
    Valid(T),
}

impl<T: Copy> Entry<T> {
    /// The value, when there is one.
    pub fn valid(self) -> Option<T> {
        match self {
            Entry::Valid(v) => Some(v),
            Entry::Empty | Entry::Invalid => None,
        }
    }
}

/// Reads a field with a fixed vocabulary: each pair is an accepted spelling (compared without case) and
/// its value.
fn one_of<T: Copy>(raw: &str, spellings: &[(&str, T)]) -> Entry<T> {
    let text = raw.trim();
    if text.is_empty() {
        return Entry::Empty;
    }
    spellings
        .iter()
        .find(|(spelling, _)| spelling.eq_ignore_ascii_case(text))
        .map_or(Entry::Invalid, |&(_, value)| Entry::Valid(value))
}

/// `imap`, `pop3` (also `pop`) or `smtp`.
pub fn protocol(raw: &str) -> Entry<Protocol> {
    one_of(
        raw,
        &[
            ("imap", Protocol::Imap),
            ("pop3", Protocol::Pop3),
            ("pop", Protocol::Pop3),
            ("smtp", Protocol::Smtp),
        ],
    )
}

/// `tls` (also `ssl`, `ssl/tls`: implicit TLS), `starttls` or `none`.
pub fn security(raw: &str) -> Entry<Security> {
    one_of(
        raw,
        &[
            ("tls", Security::Tls),
            ("ssl", Security::Tls),
            ("ssl/tls", Security::Tls),
            ("starttls", Security::Starttls),
            ("none", Security::None),
        ],
    )
}

/// `password`, `encrypted-password`, `oauth2` or `none`.
pub fn auth(raw: &str) -> Entry<AuthMethod> {
    one_of(
        raw,
        &[
            ("password", AuthMethod::Password),
            ("encrypted-password", AuthMethod::EncryptedPassword),
            ("oauth2", AuthMethod::OAuth2),
            ("none", AuthMethod::None),
        ],
    )
}

/// A whole number written in ASCII digits only (no sign, no spaces), when it fits in a `u32`.
///
/// The one number reader of the engine and the app: `str::parse` also takes a leading `+`, and its generic
/// code is more of the web app than this.
pub fn number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u32, |n, b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        } else {
            None
        }
    })
}

/// A port number from 1 to 65535, in ASCII digits only.
pub fn port(raw: &str) -> Entry<u16> {
    let text = raw.trim();
    if text.is_empty() {
        return Entry::Empty;
    }
    match number(text).and_then(|n| u16::try_from(n).ok()) {
        Some(port) if port != 0 => Entry::Valid(port),
        _ => Entry::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ids_and_common_spellings_without_case_or_spaces() {
        assert_eq!(protocol(" IMAP "), Entry::Valid(Protocol::Imap));
        assert_eq!(protocol("pop"), Entry::Valid(Protocol::Pop3));
        assert_eq!(protocol("Pop3"), Entry::Valid(Protocol::Pop3));
        assert_eq!(security("SSL/TLS"), Entry::Valid(Security::Tls));
        assert_eq!(security("ssl"), Entry::Valid(Security::Tls));
        assert_eq!(security("StartTLS"), Entry::Valid(Security::Starttls));
        assert_eq!(auth("OAuth2"), Entry::Valid(AuthMethod::OAuth2));
        assert_eq!(port(" 993 "), Entry::Valid(993));
    }

    #[test]
    fn near_misses_are_invalid_not_guessed() {
        for p in ["imap4", "imaps", "pop 3", "http"] {
            assert_eq!(protocol(p), Entry::Invalid, "{p}");
        }
        for s in ["auto", "ssl tls", "tls1.2", "yes", "stls"] {
            assert_eq!(security(s), Entry::Invalid, "{s}");
        }
        for a in ["oauth", "app password", "plain"] {
            assert_eq!(auth(a), Entry::Invalid, "{a}");
        }
        for p in ["0", "65536", "+993", "99 3", "993.0", "-1", "١٢٣"] {
            assert_eq!(port(p), Entry::Invalid, "{p}");
        }
        assert_eq!(port("65535"), Entry::Valid(65535));
        assert_eq!(port("1"), Entry::Valid(1));
    }

    #[test]
    fn numbers_are_digits_only_and_fit() {
        assert_eq!(number("0"), Some(0));
        assert_eq!(number("4294967295"), Some(u32::MAX));
        for bad in ["", "+1", "-1", " 1", "1 ", "4294967296", "1.0", "١"] {
            assert_eq!(number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn blank_is_empty() {
        assert_eq!(protocol(" \t"), Entry::Empty);
        assert_eq!(security(""), Entry::Empty);
        assert_eq!(auth("\n"), Entry::Empty);
        assert_eq!(port("  "), Entry::Empty);
    }
}
