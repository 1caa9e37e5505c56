//! Rules for the user name, compared with the email address in the form the provider wants for the server
//! the fixes lead to (`Server::username`: the whole address, the part before `@`, or another form).

use super::input::ServerInput;
use super::Findings;
use crate::catalog::findings::FindingText;
use crate::catalog::provenance::Who;
use crate::finding::Severity;
use crate::model::UsernameForm;
use crate::settings::{Field, ServerField};

/// Checks the user name against `email` (trimmed and valid; nothing is checked without one).
pub(super) fn check(server: &ServerInput, email: Option<&str>, out: &mut Findings) {
    let Some(email) = email else {
        return;
    };
    let provider = server.target.map(|t| t.provider);
    let form = server.target.map_or(&UsernameForm::Address, |t| &t.server.username);
    let Some(expected) = form.resolve(email) else {
        return;
    };
    let expected = expected.as_str();
    let name = provider.map(Who::of);
    // Unknown providers differ (some want only the part before @): a warning, not an error.
    let severity = if provider.is_some() {
        Severity::Error
    } else {
        Severity::Warning
    };
    let username = server.raw.username.trim();
    let text = if username.is_empty() {
        FindingText::UsernameEmpty {
            expected,
            provider: name,
            form,
        }
    } else if username.eq_ignore_ascii_case(expected) {
        return;
    } else {
        let has_at = username.contains('@');
        match (form, name) {
            (UsernameForm::Address, Some(provider)) if !has_at => {
                FindingText::UsernameNotFullAddress { provider, expected }
            }
            // An unknown provider may well want just this part.
            (UsernameForm::Address, None) if !has_at => return,
            (UsernameForm::LocalPart, Some(provider)) if username.eq_ignore_ascii_case(email) => {
                FindingText::UsernameNotLocalPart { provider, expected }
            }
            _ => FindingText::UsernameMismatch {
                username,
                expected,
                provider: name,
                form,
            },
        }
    };
    out.add(
        severity,
        Field::on(server.side, ServerField::Username),
        text,
        Some(expected),
    );
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::finding::Severity;

    #[test]
    fn empty_user_name() {
        let s = with(&good("jane@q.com"), "incoming.username", "");
        assert_eq!(
            found(&s, "username.empty"),
            (Severity::Error, Some("jane@q.com".into()))
        );
        let s = with(&good("jane@example.org"), "outgoing.username", " ");
        assert_eq!(
            found(&s, "username.empty"),
            (Severity::Warning, Some("jane@example.org".into()))
        );
        // Without a valid address there is nothing to compare with.
        let s = with(&with(&good("jane@q.com"), "email", "jane"), "incoming.username", "");
        assert!(!codes(&s).contains(&"username.empty".to_owned()));
    }

    #[test]
    fn only_the_part_before_the_at() {
        let s = with(&good("jane@q.com"), "outgoing.username", "jane");
        let (severity, fix) = found(&s, "username.not-full-address");
        assert_eq!((severity, fix.as_deref()), (Severity::Error, Some("jane@q.com")));
        // Unknown providers may want exactly that.
        let s = with(&good("jane@example.org"), "outgoing.username", "jane");
        assert!(!codes(&s).iter().any(|c| c.starts_with("username.")), "{:?}", codes(&s));
    }

    #[test]
    fn another_address() {
        let s = with(&good("jane@q.com"), "incoming.username", "john@q.com");
        let f = only(&s, "username.mismatch");
        assert_eq!(
            (f.severity, f.fix.map(|f| f.value)),
            (Severity::Error, Some("jane@q.com".into()))
        );
        assert!(f.message.contains("john@q.com"), "{}", f.message);
        let s = with(&good("jane@example.org"), "incoming.username", "jane@example.com");
        assert_eq!(found(&s, "username.mismatch").0, Severity::Warning);
        for near in ["JANE@Q.COM", " jane@q.com "] {
            let s = with(&good("jane@q.com"), "incoming.username", near);
            assert!(!codes(&s).iter().any(|c| c.starts_with("username.")), "{near}");
        }
    }

    #[test]
    fn providers_that_want_the_part_before_the_at() {
        assert!(check_unusual(&good_unusual()).is_empty());
        let found = |username: &str| check_unusual(&with(&good_unusual(), "incoming.username", username));
        let f = found("jane@unusual.example");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "username.not-local-part");
        assert_eq!(f[0].fix.as_ref().map(|f| f.value.as_str()), Some("jane"));
        assert!(f[0].message.contains("Unusual Mail"), "{}", f[0].message);
        let f = found("john");
        assert_eq!((f.len(), f[0].code.as_str()), (1, "username.mismatch"));
        assert!(found("Jane").is_empty());
        assert_eq!(found("").first().map(|f| f.code.as_str()), Some("username.empty"));
    }
}
