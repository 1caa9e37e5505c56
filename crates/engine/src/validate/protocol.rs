//! Rules for the protocol field: missing, unknown, on the wrong side, not offered by the provider; and
//! IMAP where the provider only publishes it for self-help.

use super::input::{Entry, ServerInput};
use super::Findings;
use crate::catalog::findings::FindingText;
use crate::catalog::provenance::Who;
use crate::finding::Severity;
use crate::model::{ImapSupport, Protocol};
use crate::settings::{Field, ServerField};

pub(super) fn check(server: &ServerInput, out: &mut Findings) {
    let side = server.side;
    let suggestion = match server.target {
        Some(target) => Some(target.server.protocol),
        None => server.service(),
    };
    let text = match (server.protocol, server.target) {
        (Entry::Empty, _) => FindingText::ProtocolEmpty { side, suggestion },
        (Entry::Invalid, _) => FindingText::ProtocolInvalid {
            side,
            value: server.raw.protocol.trim(),
            suggestion,
        },
        (Entry::Valid(chosen), _) if !side.accepts(chosen) => FindingText::ProtocolWrongDirection {
            side,
            chosen,
            suggestion,
        },
        (Entry::Valid(chosen), Some(target)) if chosen != target.server.protocol => FindingText::ProtocolNotProvider {
            provider: Who::of(target.provider),
            chosen,
            suggestion: target.server.protocol,
        },
        (Entry::Valid(_), _) => {
            self_help(server, out);
            return;
        }
    };
    out.add(
        Severity::Error,
        Field::on(side, ServerField::Protocol),
        text,
        suggestion.map(Protocol::id),
    );
}

/// IMAP chosen where the provider publishes it for self-help only: it works, but support will not help.
fn self_help(server: &ServerInput, out: &mut Findings) {
    let Some(target) = server.target else {
        return;
    };
    let provider = target.provider;
    if provider.imap == ImapSupport::SelfHelp && target.server.protocol == Protocol::Imap {
        let text = FindingText::ProviderImapUnsupported {
            provider: Who::of(provider),
            supported: provider.recommended_incoming(),
        };
        out.add(
            Severity::Info,
            Field::on(server.side, ServerField::Protocol),
            text,
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::finding::Severity;

    #[test]
    fn empty_protocol_is_fixed_to_the_documented_server_or_a_clear_guess() {
        let s = with(&good("jane@q.com"), "incoming.protocol", "");
        assert_eq!(fix(&s, "protocol.empty").as_deref(), Some("pop3"));
        let s = incoming(&good("jane@q.com"), "", "mail.centurylink.net", "993", "tls");
        assert_eq!(fix(&s, "protocol.empty").as_deref(), Some("imap"));
        let s = with(&good("jane@example.org"), "incoming.protocol", " ");
        assert_eq!(fix(&s, "protocol.empty").as_deref(), Some("imap"), "port 993 tells");
        let s = incoming(&good("jane@example.org"), "", "pop.example.org", "1995", "tls");
        assert_eq!(fix(&s, "protocol.empty").as_deref(), Some("pop3"), "the name tells");
        let s = incoming(&good("jane@example.org"), "", "mail.example.org", "1995", "tls");
        assert_eq!(fix(&s, "protocol.empty"), None, "nothing tells");
        let s = with(&good("jane@example.org"), "outgoing.protocol", "");
        assert_eq!(fix(&s, "protocol.empty").as_deref(), Some("smtp"));
    }

    #[test]
    fn unknown_protocol() {
        let s = with(&good("jane@gmail.com"), "incoming.protocol", "imap4");
        let f = only(&s, "protocol.invalid");
        assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("imap"));
        assert!(f.message.contains("imap4"), "{}", f.message);
        for near in ["IMAP", " imap ", "Pop", "POP3"] {
            let c = codes(&with(&good("jane@example.org"), "incoming.protocol", near));
            assert!(!c.iter().any(|c| c.starts_with("protocol.")), "{near}: {c:?}");
        }
    }

    #[test]
    fn protocol_on_the_wrong_side() {
        let s = with(&good("jane@gmail.com"), "outgoing.protocol", "imap");
        assert_eq!(fix(&s, "protocol.wrong-direction").as_deref(), Some("smtp"));
        let s = with(&good("jane@example.org"), "incoming.protocol", "smtp");
        assert_eq!(fix(&s, "protocol.wrong-direction").as_deref(), Some("imap"));
        assert!(!codes(&good("jane@gmail.com")).contains(&"protocol.wrong-direction".to_owned()));
    }

    #[test]
    fn protocol_the_provider_does_not_offer() {
        let s = incoming(
            &good("jane@qwestoffice.net"),
            "imap",
            "pop.qwestoffice.net",
            "110",
            "none",
        );
        let f = only(&s, "protocol.not-provider");
        assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("pop3"));
        assert!(f.message.contains("IMAP"), "{}", f.message);
        // The same protocol where the provider offers it.
        let s = incoming(&good("jane@q.com"), "imap", "mail.centurylink.net", "993", "tls");
        assert!(!codes(&s).contains(&"protocol.not-provider".to_owned()));
    }

    #[test]
    fn imap_published_for_self_help_only() {
        let s = incoming(&good("jane@q.com"), "imap", "mail.centurylink.net", "993", "tls");
        let f = only(&s, "provider.imap-unsupported");
        assert_eq!(
            (f.severity, f.field.path(), f.fix),
            (Severity::Info, "incoming.protocol".into(), None)
        );
        assert!(f.message.contains("pop.centurylink.net"), "{}", f.message);
        // POP at the same provider, and IMAP at a provider that supports it.
        assert!(!codes(&good("jane@q.com")).contains(&"provider.imap-unsupported".to_owned()));
        assert!(!codes(&good("jane@gmail.com")).contains(&"provider.imap-unsupported".to_owned()));
    }
}
