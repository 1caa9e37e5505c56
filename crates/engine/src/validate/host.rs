//! Rules for the server name: missing, malformed, mistyped, another service's, not the provider's.

use super::input::{named_for, Entry, ServerInput, Target};
use super::{syntax, target, typo, Findings, Side};
use crate::catalog::findings::FindingText;
use crate::catalog::provenance::Who;
use crate::finding::Severity;
use crate::settings::{Field, ServerField};

pub(super) fn check(server: &ServerInput, out: &mut Findings) {
    let field = Field::on(server.side, ServerField::Host);
    let suggestion = server.target.map(|t| t.server.host.as_str());
    match server.host {
        Entry::Valid(host) => match server.target {
            Some(target) => documented(host, target, server.side, out),
            None => looks_like_other_service(host, server, out),
        },
        Entry::Empty => {
            let text = FindingText::HostEmpty {
                side: server.side,
                suggestion,
            };
            out.add(Severity::Error, field, text, suggestion);
        }
        Entry::Invalid => {
            let raw = server.raw.host.trim();
            let Some(problem) = syntax::host_problem(raw.strip_suffix('.').unwrap_or(raw)) else {
                return;
            };
            // A known provider's server is a better fix than whatever is left of the paste.
            let cleaned = syntax::clean_host(raw);
            let fix = suggestion.or(cleaned.as_deref());
            out.add(Severity::Error, field, FindingText::HostInvalid { problem, fix }, fix);
        }
    }
}

/// A well-formed name checked against what the provider documents.
fn documented(host: &str, target: Target, side: Side, out: &mut Findings) {
    let (provider, wanted) = (target.provider, target.server);
    if host.eq_ignore_ascii_case(&wanted.host) {
        return;
    }
    let text = if let Some(serves) = target::documented_protocol(provider, host) {
        FindingText::HostWrongService {
            host,
            serves,
            provider: Who::of(provider),
            wanted: wanted.protocol,
            suggestion: &wanted.host,
        }
    } else if let Some(wrong) = provider.wrong_hosts.iter().find(|w| w.host.eq_ignore_ascii_case(host)) {
        FindingText::HostNotProvider {
            host,
            provider: Who::of(provider),
            why: Some(&wrong.why),
            protocol: wanted.protocol,
            suggestion: &wanted.host,
        }
    } else if provider
        .incoming
        .iter()
        .chain(&provider.outgoing)
        .any(|s| typo::is_typo_of(host, &s.host))
    {
        FindingText::HostTypo {
            host,
            provider: Who::of(provider),
            protocol: wanted.protocol,
            suggestion: &wanted.host,
        }
    } else {
        FindingText::HostNotProvider {
            host,
            provider: Who::of(provider),
            why: None,
            protocol: wanted.protocol,
            suggestion: &wanted.host,
        }
    };
    out.add(
        Severity::Error,
        Field::on(side, ServerField::Host),
        text,
        Some(&wanted.host),
    );
}

/// With an unknown provider only the name itself can tell: `smtp.` as the incoming server, `pop.` with
/// IMAP. A warning without a fix, since the right name cannot be known.
fn looks_like_other_service(host: &str, server: &ServerInput, out: &mut Findings) {
    let Some(serves) = named_for(host) else {
        return;
    };
    let wanted = server.chosen_protocol();
    let mismatch = match wanted {
        Some(wanted) => wanted != serves,
        None => !server.side.accepts(serves),
    };
    if mismatch {
        let text = FindingText::HostNamedForOtherService {
            host,
            serves,
            side: server.side,
            wanted,
        };
        out.add(Severity::Warning, Field::on(server.side, ServerField::Host), text, None);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::finding::Severity;

    #[test]
    fn empty_host() {
        let s = with(&good("jane@q.com"), "outgoing.host", " ");
        assert_eq!(fix(&s, "host.empty").as_deref(), Some("smtp.centurylink.net"));
        assert!(
            !codes(&s).contains(&"host.not-provider".to_owned()),
            "one root cause, one finding"
        );
        let s = with(&good("jane@example.org"), "incoming.host", "");
        assert_eq!(fix(&s, "host.empty"), None);
    }

    #[test]
    fn pasted_web_address_is_stripped_or_replaced() {
        let s = with(&good("jane@example.org"), "incoming.host", "https://Mail.Example.org/");
        assert_eq!(fix(&s, "host.invalid").as_deref(), Some("mail.example.org"));
        let s = with(&good("jane@example.org"), "incoming.host", "imap.example.org:993");
        let f = only(&s, "host.invalid");
        assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("imap.example.org"));
        assert!(f.message.contains("port"), "{}", f.message);
        // With a known provider the fix is its server, even when the paste held a wrong one.
        let s = with(&good("jane@q.com"), "incoming.host", "https://imap.centurylink.net/");
        assert_eq!(fix(&s, "host.invalid").as_deref(), Some("pop.centurylink.net"));
        assert!(!codes(&s).contains(&"host.not-provider".to_owned()));
    }

    #[test]
    fn malformed_names_without_anything_to_strip() {
        for bad in ["mail_x.org", "mail..example.org", "mail", &"a".repeat(300)] {
            let s = with(&good("jane@example.org"), "incoming.host", bad);
            assert_eq!(fix(&s, "host.invalid"), None, "{bad}");
        }
        for near in [
            "IMAP.EXAMPLE.ORG",
            "imap.example.org.",
            " imap.example.org ",
            "127.0.0.1",
            "localhost",
        ] {
            let s = with(&good("jane@example.org"), "incoming.host", near);
            assert!(!codes(&s).iter().any(|c| c.starts_with("host.")), "{near}");
        }
    }

    #[test]
    fn typo_of_a_documented_host() {
        let s = with(&good("jane@q.com"), "outgoing.host", "smtp.centurylnk.net");
        let f = only(&s, "host.typo");
        assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("smtp.centurylink.net"));
        assert!(f.message.contains("smtp.centurylnk.net"), "{}", f.message);
        // Far from every documented host: not a typo, just not theirs.
        let s = with(&good("jane@q.com"), "outgoing.host", "smtp.example.org");
        assert!(codes(&s).contains(&"host.not-provider".to_owned()));
        assert!(!codes(&s).contains(&"host.typo".to_owned()));
    }

    #[test]
    fn wrong_host_in_circulation_uses_the_records_why() {
        let s = incoming(&good("jane@q.com"), "imap", "imap.centurylink.net", "993", "tls");
        let f = only(&s, "host.not-provider");
        assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("mail.centurylink.net"));
        assert!(f.message.contains("Many third-party guides"), "{}", f.message);
        assert!(!codes(&s).contains(&"host.typo".to_owned()));
    }

    #[test]
    fn another_services_host() {
        let s = incoming(&good("jane@q.com"), "imap", "pop.centurylink.net", "993", "tls");
        let f = only(&s, "host.wrong-service");
        assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("mail.centurylink.net"));
        assert!(
            f.message.contains("POP3") && f.message.contains("IMAP"),
            "{}",
            f.message
        );
        let s = with(&good("jane@q.com"), "incoming.host", "smtp.centurylink.net");
        assert_eq!(fix(&s, "host.wrong-service").as_deref(), Some("pop.centurylink.net"));
        // One host for everything: nothing wrong.
        let s = incoming(&good("jane@runbox.com"), "pop3", "mail.runbox.com", "995", "tls");
        assert!(!codes(&s).iter().any(|c| c.starts_with("host.")), "{:?}", codes(&s));
    }

    #[test]
    fn unknown_provider_names_that_announce_another_service() {
        let s = with(&good("jane@example.org"), "incoming.host", "smtp.example.org");
        let f = only(&s, "host.wrong-service");
        assert_eq!((f.severity, f.fix), (Severity::Warning, None));
        let s = with(&good("jane@example.org"), "incoming.host", "pop.example.org");
        assert!(codes(&s).contains(&"host.wrong-service".to_owned()), "pop. with IMAP");
        let s = with(&good("jane@example.org"), "outgoing.host", "imap.example.org");
        assert!(codes(&s).contains(&"host.wrong-service".to_owned()));
        for near in ["mail.example.org", "smtps.example.org", "imap.example.org"] {
            let s = with(&good("jane@example.org"), "incoming.host", near);
            assert!(!codes(&s).contains(&"host.wrong-service".to_owned()), "{near}");
        }
    }
}
