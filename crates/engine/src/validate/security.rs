//! Rules for connection security: missing, unknown, no encryption, not fitting the port, not what the
//! provider documents.

use super::input::{Entry, ServerInput, Target};
use super::port;
use super::Findings;
use crate::catalog::findings::{FindingText, Repair};
use crate::catalog::provenance::Who;
use crate::finding::Severity;
use crate::model::Security;
use crate::settings::{Field, ServerField};

pub(super) fn check(server: &ServerInput, out: &mut Findings) {
    let side = server.side;
    // For an unknown provider, the port as the port rule's fix leaves it; a known one's is its server's.
    let port = if server.target.is_none() {
        port::settled(server)
    } else {
        None
    };
    // What to set: the documented server's security, or what a well-known port implies.
    let suggestion = match server.target {
        Some(target) => Some(target.server.security),
        None => port.and_then(port::standard).map(|(_, implied)| implied),
    };
    let found = match server.security {
        Entry::Empty => Some((
            Severity::Error,
            FindingText::SecurityEmpty { side, suggestion },
            suggestion,
        )),
        Entry::Invalid => {
            let value = server.raw.security.trim();
            Some((
                Severity::Error,
                FindingText::SecurityInvalid { value, suggestion },
                suggestion,
            ))
        }
        Entry::Valid(chosen) => match server.target {
            Some(target) => known(chosen, target, server.port.valid()),
            None => generic(chosen, port),
        },
    };
    if let Some((severity, text, fix)) = found {
        out.add(
            severity,
            Field::on(side, ServerField::Security),
            text,
            fix.map(Security::id),
        );
    }
}

/// Security checked against the provider's server that the fixes lead to.
fn known<'a>(
    chosen: Security,
    target: Target<'a>,
    typed_port: Option<u16>,
) -> Option<(Severity, FindingText<'a>, Option<Security>)> {
    let (provider, wanted) = (Who::of(target.provider), target.server);
    if chosen == wanted.security {
        // Unencrypted, but that is all the provider publishes for this server: say so, nothing to fix.
        let text = FindingText::SecurityNoneDocumented { provider };
        return (chosen == Security::None).then_some((Severity::Warning, text, None));
    }
    let fix = Some(wanted.security);
    if chosen == Security::None {
        return Some((Severity::Error, FindingText::SecurityNone { suggestion: fix }, fix));
    }
    // Whether the choice cannot work on the documented port (where the port rule's fix leads, if the port
    // typed is another): said as a mismatch when that port is typed, else as what the provider publishes.
    let clash = port::mismatch(wanted.port, chosen);
    if let (Some(expected), Some(typed)) = (clash, typed_port.filter(|&p| p == wanted.port)) {
        let text = FindingText::PortSecurityMismatch {
            port: typed,
            chosen,
            expected,
            repair: Repair::Security(wanted.security),
        };
        return Some((Severity::Error, text, fix));
    }
    // More protection than the provider documents: it may fail, but never steer anyone to plain text,
    // unless the documented port cannot work with it at all.
    if wanted.security == Security::None && clash.is_none() {
        let text = FindingText::SecurityStrongerThanDocumented {
            provider,
            port: wanted.port,
            chosen,
        };
        return Some((Severity::Info, text, None));
    }
    let text = FindingText::SecurityNotProvider {
        provider,
        port: wanted.port,
        chosen,
        suggestion: wanted.security,
    };
    Some((Severity::Error, text, fix))
}

/// Security rules that need no provider: no encryption, and a mismatch with a well-known port (fixed here,
/// keeping the port).
fn generic(chosen: Security, port: Option<u16>) -> Option<(Severity, FindingText<'static>, Option<Security>)> {
    let implied = port.and_then(port::standard).map(|(_, implied)| implied);
    if chosen == Security::None {
        return Some((
            Severity::Error,
            FindingText::SecurityNone { suggestion: implied },
            implied,
        ));
    }
    let port = port?;
    let expected = port::mismatch(port, chosen)?;
    let text = FindingText::PortSecurityMismatch {
        port,
        chosen,
        expected,
        repair: Repair::Security(expected),
    };
    Some((Severity::Error, text, Some(expected)))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::finding::Severity;

    #[test]
    fn empty_and_unknown_security() {
        let s = with(&good("jane@q.com"), "outgoing.security", "");
        assert_eq!(fix(&s, "security.empty").as_deref(), Some("starttls"));
        let s = with(&good("jane@example.org"), "incoming.security", "auto");
        let f = only(&s, "security.invalid");
        assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("tls"), "port 993 implies it");
        assert!(f.message.contains("auto"), "{}", f.message);
        let s = incoming(&good("jane@example.org"), "imap", "imap.example.org", "1993", "");
        assert_eq!(fix(&s, "security.empty"), None, "nothing implies it");
        for near in ["SSL/TLS", "ssl", " TLS "] {
            let s = with(&good("jane@example.org"), "incoming.security", near);
            assert!(!codes(&s).iter().any(|c| c.starts_with("security.")), "{near}");
        }
    }

    #[test]
    fn no_encryption_is_an_error() {
        let s = with(&good("jane@gmail.com"), "incoming.security", "none");
        let f = only(&s, "security.none");
        assert_eq!(
            (f.severity, f.fix.map(|f| f.value)),
            (Severity::Error, Some("tls".into()))
        );
        assert!(f.message.contains("password"), "{}", f.message);
        assert!(
            !codes(&s).contains(&"port.security-mismatch".to_owned()),
            "one finding for the field"
        );
        let s = outgoing(&good("jane@example.org"), "smtp", "smtp.example.org", "587", "none");
        assert_eq!(fix(&s, "security.none").as_deref(), Some("starttls"));
        let s = outgoing(&good("jane@example.org"), "smtp", "smtp.example.org", "2525", "none");
        assert_eq!(fix(&s, "security.none"), None);
    }

    #[test]
    fn no_encryption_where_the_provider_documents_nothing_else_is_a_warning() {
        let s = good("jane@qwestoffice.net");
        let f = only(&s, "security.none");
        assert_eq!(
            (f.severity, f.field.path(), f.fix),
            (Severity::Warning, "incoming.security".into(), None)
        );
        assert!(f.message.contains("Qwest Office"), "{}", f.message);
        // Its outgoing server is encrypted: none there is an error.
        let s = with(&good("jane@qwestoffice.net"), "outgoing.security", "none");
        assert!(check_has(&s, "security.none", Severity::Error));
    }

    fn check_has(s: &crate::Settings, code: &str, severity: Severity) -> bool {
        check(s)
            .findings
            .iter()
            .any(|f| f.code == code && f.severity == severity)
    }

    #[test]
    fn more_protection_than_documented_is_only_mentioned() {
        let s = with(&good("jane@qwestoffice.net"), "incoming.security", "starttls");
        let f = only(&s, "security.not-provider");
        assert_eq!((f.severity, f.fix), (Severity::Info, None));
    }

    #[test]
    fn security_the_provider_does_not_document() {
        let s = incoming(&good("jane@gmail.com"), "imap", "imap.gmail.com", "143", "starttls");
        let f = only(&s, "security.not-provider");
        assert_eq!(
            (f.severity, f.fix.map(|f| f.value)),
            (Severity::Error, Some("tls".into()))
        );
        assert!(
            f.message.contains("port 993 with SSL/TLS, not STARTTLS"),
            "{}",
            f.message
        );
        // A server on a port that is not well known: the database has none, so a made-up record stands in.
        let s = with(&good_unusual(), "incoming.security", "starttls");
        let found = check_unusual(&s);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].code.as_str(), found[0].severity),
            ("security.not-provider", Severity::Error)
        );
        assert_eq!(found[0].fix.as_ref().map(|f| f.value.as_str()), Some("tls"));
        // The documented security is no finding.
        let s = outgoing(&good("jane@gmail.com"), "smtp", "smtp.gmail.com", "587", "starttls");
        assert!(!codes(&s).contains(&"security.not-provider".to_owned()));
    }

    #[test]
    fn security_that_will_not_fit_the_documented_port() {
        // The port is fixed to 110 (no encryption documented); SSL/TLS cannot work there.
        let s = incoming(
            &good("jane@qwestoffice.net"),
            "pop3",
            "pop.qwestoffice.net",
            "995",
            "tls",
        );
        let f = only(&s, "security.not-provider");
        assert_eq!(
            (f.severity, f.fix.map(|f| f.value)),
            (Severity::Error, Some("none".into()))
        );
        assert!(f.message.contains("port 110 with no encryption"), "{}", f.message);
        assert_eq!(fix(&s, "port.not-provider").as_deref(), Some("110"));
        // Typed on the documented port, the same slip is a mismatch with the port.
        let s = with(&s, "incoming.port", "110");
        assert_eq!(fix(&s, "port.security-mismatch").as_deref(), Some("none"));
    }

    #[test]
    fn implicit_port_with_starttls() {
        let s = with(&good("jane@gmail.com"), "incoming.security", "starttls");
        let f = only(&s, "port.security-mismatch");
        assert_eq!(
            (f.field.path(), f.fix.map(|f| f.value)),
            ("incoming.security".into(), Some("tls".into()))
        );
        assert!(f.message.contains("993"), "{}", f.message);
    }
}
