//! Rules for how the mail app signs in: missing, unknown, switched off, and what the provider accepts
//! (`Provider::auth`: OAuth2 only, app passwords only).

use super::input::{Entry, ServerInput, Target};
use super::{Findings, Side};
use crate::catalog::findings::FindingText;
use crate::catalog::provenance::Who;
use crate::finding::Severity;
use crate::model::AuthMethod;
use crate::model::{Auth, Provider};
use crate::settings::{Field, ServerField};

/// The setting that signs in the way the record says for the server the fixes lead to; a password for
/// unknown providers, as almost every server takes one.
fn recommended(target: Option<Target>) -> AuthMethod {
    target.map_or(AuthMethod::Password, |t| t.provider.auth_for(t.server))
}

/// The kind of password the provider takes in the password field, when it takes one at all: the normal
/// password first, else an app password or secure mail key.
fn password_kind(provider: &Provider) -> Option<Auth> {
    let takes = |kind| provider.auth.contains(&kind);
    [Auth::Password, Auth::AppPassword, Auth::SecureMailKey]
        .into_iter()
        .find(|&kind| takes(kind))
}

pub(super) fn check(server: &ServerInput, out: &mut Findings) {
    let side = server.side;
    let provider = server.target.map(|t| t.provider);
    let listed = |method| server.target.is_some_and(|t| t.server.auth.contains(&method));
    let suggestion = recommended(server.target);
    let fix = Some(suggestion);
    let found = match (server.auth, provider) {
        (Entry::Empty, _) => (Severity::Error, FindingText::AuthEmpty { side, suggestion }, fix),
        (Entry::Invalid, _) => {
            let value = server.raw.auth.trim();
            (Severity::Error, FindingText::AuthInvalid { value, suggestion }, fix)
        }
        // No sign-in where the record lists exactly that (some ISPs' own networks).
        (Entry::Valid(AuthMethod::None), _) if listed(AuthMethod::None) => return,
        (Entry::Valid(AuthMethod::None), _) if side == Side::Incoming => {
            (Severity::Error, FindingText::AuthIncomingOff { suggestion }, fix)
        }
        (Entry::Valid(AuthMethod::None), _) => {
            // Submission ports need sign-in by standard (RFC 6409); elsewhere an unknown server might not.
            let submission = server.port.valid().is_some_and(|p| p == 587 || p == 465);
            let severity = if provider.is_some() || submission {
                Severity::Error
            } else {
                Severity::Warning
            };
            (severity, FindingText::AuthSmtpOff { suggestion }, fix)
        }
        (Entry::Valid(AuthMethod::Password), Some(provider)) => match password_kind(provider) {
            None => {
                let text = FindingText::AuthOAuthRequired {
                    provider: Who::of(provider),
                };
                (Severity::Error, text, Some(AuthMethod::OAuth2))
            }
            Some(kind @ (Auth::AppPassword | Auth::SecureMailKey)) => {
                let text = FindingText::AuthAppPassword {
                    provider: Who::of(provider),
                    kind,
                    oauth2: provider.auth.contains(&Auth::OAuth2),
                };
                // The setting is right; what goes in the password field is the news.
                (Severity::Info, text, None)
            }
            // A normal password where the record lists only the challenge-response kind.
            Some(_) if listed(AuthMethod::EncryptedPassword) && !listed(AuthMethod::Password) => {
                let text = FindingText::AuthEncryptedListed {
                    provider: Who::of(provider),
                };
                (Severity::Warning, text, Some(AuthMethod::EncryptedPassword))
            }
            Some(_) => return,
        },
        (Entry::Valid(AuthMethod::EncryptedPassword), Some(provider)) if !listed(AuthMethod::EncryptedPassword) => {
            let text = FindingText::AuthEncryptedNotListed {
                provider: Who::of(provider),
            };
            (Severity::Warning, text, Some(suggestion))
        }
        (Entry::Valid(AuthMethod::OAuth2), Some(provider)) if !provider.auth.contains(&Auth::OAuth2) => {
            let text = FindingText::AuthOAuthNotProvider {
                provider: Who::of(provider),
                kind: password_kind(provider).unwrap_or(Auth::Password),
            };
            (Severity::Warning, text, Some(suggestion))
        }
        (Entry::Valid(_), _) => return,
    };
    let (severity, text, fix) = found;
    out.add(
        severity,
        Field::on(side, ServerField::Auth),
        text,
        fix.map(AuthMethod::id),
    );
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::finding::Severity;

    #[test]
    fn empty_and_unknown_auth_get_the_recommended_setting() {
        let s = with(&good("jane@outlook.com"), "incoming.auth", "");
        assert_eq!(found(&s, "auth.empty"), (Severity::Error, Some("oauth2".into())));
        let s = with(&good("jane@q.com"), "outgoing.auth", "plain");
        assert_eq!(found(&s, "auth.invalid"), (Severity::Error, Some("password".into())));
        assert!(only(&s, "auth.invalid").message.contains("plain"));
    }

    #[test]
    fn encrypted_passwords_follow_what_the_record_lists() {
        // clio.ne.jp (ISPDB) lists only password-encrypted for sending, normal passwords for fetching.
        let good = good("jane@clio.ne.jp");
        assert_eq!(good.outgoing.auth, "encrypted-password");
        assert!(
            !codes(&good).iter().any(|c| c.starts_with("auth.")),
            "{:?}",
            codes(&good)
        );
        let s = with(&good, "outgoing.auth", "password");
        assert_eq!(
            found(&s, "auth.encrypted-listed"),
            (Severity::Warning, Some("encrypted-password".into()))
        );
        let s = with(&good, "incoming.auth", "encrypted-password");
        assert_eq!(
            found(&s, "auth.encrypted-not-listed"),
            (Severity::Warning, Some("password".into()))
        );
        // Unknown providers: either is fine.
        let s = with(
            &super::super::test_support::good("jane@example.org"),
            "incoming.auth",
            "encrypted-password",
        );
        assert!(!codes(&s).iter().any(|c| c.starts_with("auth.")));
    }

    #[test]
    fn incoming_without_sign_in() {
        let s = with(&good("jane@example.org"), "incoming.auth", "none");
        assert_eq!(
            found(&s, "auth.incoming-off"),
            (Severity::Error, Some("password".into()))
        );
    }

    #[test]
    fn sending_without_sign_in() {
        let s = with(&good("jane@q.com"), "outgoing.auth", "none");
        assert_eq!(found(&s, "auth.smtp-off"), (Severity::Error, Some("password".into())));
        // Unknown provider: an error on a submission port, a warning elsewhere.
        let s = with(&good("jane@example.org"), "outgoing.auth", "none");
        assert_eq!(found(&s, "auth.smtp-off").0, Severity::Error);
        let s = outgoing(&good("jane@example.org"), "smtp", "smtp.example.org", "2525", "tls");
        let s = with(&s, "outgoing.auth", "none");
        assert_eq!(found(&s, "auth.smtp-off").0, Severity::Warning);
        assert!(!codes(&good("jane@q.com")).contains(&"auth.smtp-off".to_owned()));
    }

    #[test]
    fn oauth2_required() {
        let s = with(&good("jane@outlook.com"), "outgoing.auth", "password");
        let f = only(&s, "auth.oauth-required");
        assert_eq!(
            (f.severity, f.fix.map(|f| f.value)),
            (Severity::Error, Some("oauth2".into()))
        );
        assert!(f.message.contains("Outlook.com"), "{}", f.message);
        // Gmail also takes app passwords, so a password is no error there.
        let s = with(&good("jane@gmail.com"), "outgoing.auth", "password");
        assert!(!codes(&s).contains(&"auth.oauth-required".to_owned()));
    }

    #[test]
    fn app_password_needed() {
        let s = with(&good("jane@gmail.com"), "incoming.auth", "password");
        let f = only(&s, "auth.app-password");
        assert_eq!((f.severity, f.fix), (Severity::Info, None));
        assert!(
            f.message.contains("app password") && f.message.contains("OAuth2"),
            "{}",
            f.message
        );
        let f = only(&good("jane@fastmail.com"), "auth.app-password");
        assert!(!f.message.contains("OAuth2"), "{}", f.message);
        // Where the normal password works (also with an app password as an option), nothing to say.
        assert!(!codes(&good("jane@mailbox.org")).contains(&"auth.app-password".to_owned()));
        assert!(!codes(&good("jane@q.com")).contains(&"auth.app-password".to_owned()));
    }

    #[test]
    fn oauth2_where_the_provider_does_not_document_it() {
        let s = with(&good("jane@fastmail.com"), "incoming.auth", "oauth2");
        assert_eq!(
            found(&s, "auth.oauth-not-provider"),
            (Severity::Warning, Some("password".into()))
        );
        assert!(!codes(&good("jane@gmail.com")).contains(&"auth.oauth-not-provider".to_owned()));
        let s = with(&good("jane@example.org"), "incoming.auth", "oauth2");
        assert!(!codes(&s).iter().any(|c| c.starts_with("auth.")));
    }
}
