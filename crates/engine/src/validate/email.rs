//! Rules for the email address, and saying when the provider is unknown.

use super::{syntax, Findings, Record};
use crate::catalog::findings::FindingText;
use crate::finding::Severity;
use crate::settings::Field;

/// Checks the address; returns it trimmed when it is valid, for the user-name rules.
pub(super) fn check<'a>(raw: &'a str, record: Record<'_>, out: &mut Findings) -> Option<&'a str> {
    let email = raw.trim();
    if email.is_empty() {
        out.add(Severity::Error, Field::Email, FindingText::EmailEmpty, None);
        return None;
    }
    if let Some(problem) = syntax::email_problem(email) {
        let fix = syntax::clean_email(raw);
        let text = FindingText::EmailInvalid {
            problem,
            fix: fix.as_deref(),
        };
        out.add(Severity::Error, Field::Email, text, fix.as_deref());
        return None;
    }
    // Said only when the data has answered: before, the provider may well be known.
    if let Record::Unknown = record {
        let domain = email.rsplit_once('@').map_or(email, |(_, domain)| domain);
        out.add(
            Severity::Info,
            Field::Email,
            FindingText::ProviderUnknown { domain },
            None,
        );
    }
    Some(email)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::finding::Severity;

    #[test]
    fn empty_address() {
        let f = only(&with(&good("jane@q.com"), "email", "  "), "email.empty");
        assert_eq!(
            (f.severity, f.field.path(), f.fix),
            (Severity::Error, "email".into(), None)
        );
        assert!(!codes(&good("jane@q.com")).contains(&"email.empty".to_owned()));
    }

    #[test]
    fn invalid_address_with_a_fix_where_one_is_clear() {
        let f = only(
            &with(&good("jane@q.com"), "email", "mailto:jane@q.com"),
            "email.invalid",
        );
        assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("jane@q.com"));
        assert!(f.message.contains("jane@q.com"), "{}", f.message);
        let f = only(&with(&good("jane@q.com"), "email", "jane"), "email.invalid");
        assert_eq!(f.fix, None);
        assert!(f.message.contains("no @"), "{}", f.message);
    }

    #[test]
    fn near_misses_are_valid() {
        for email in [" jane@q.com ", "Jane@Q.COM", "jane.doe+x@q.com"] {
            let c = codes(&with(&good("jane@q.com"), "email", email));
            assert!(!c.iter().any(|c| c.starts_with("email.")), "{email}: {c:?}");
        }
    }

    #[test]
    fn unknown_provider_is_said_once_and_only_for_valid_addresses() {
        let f = only(&good("jane@example.org"), "provider.unknown");
        assert_eq!(f.severity, Severity::Info);
        assert!(f.message.contains("example.org"), "{}", f.message);
        assert_eq!(codes(&good("jane@example.org")), ["provider.unknown"]);
        assert!(!codes(&good("jane@q.com")).contains(&"provider.unknown".to_owned()));
        assert!(!codes(&with(&good("x@example.org"), "email", "x@")).contains(&"provider.unknown".to_owned()));
    }

    #[test]
    fn a_provider_is_not_called_unknown_before_the_data_is_here() {
        use crate::validate::{check_with, Record};
        let codes = |record| -> Vec<String> {
            let report = check_with(&good("jane@example.org"), record);
            report.findings.into_iter().map(|f| f.code).collect()
        };
        assert!(codes(Record::NotLoaded).is_empty());
        assert_eq!(codes(Record::Unknown), ["provider.unknown"]);
    }
}
