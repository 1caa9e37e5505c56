//! Findings where the typed settings contradict a sign-in requirement of a provider that offers mail apps
//! no servers of its own: a bridge on the person's computer (Proton Mail Bridge), or no mail apps at all.
//!
//! Such a record is never the `provider` of [`super::check`] (it lists no servers to check against; see
//! [`crate::Lookup::no_mail_apps`]), so these rules take it separately, as [`super::Record::NoServers`]. OAuth2-only sign-in needs no rule
//! here: a record whose requirement says so lists `oauth2` alone as its credential (the build checks it),
//! and the check's own auth rule already refuses a password for it.

use crate::finding::{Finding, Fix, Severity};
use crate::model::{Protocol, Provider};
use crate::read;
use crate::requirement::{whose, BridgePort, Kind};
use crate::settings::{Field, ServerField, ServerSettings, Settings};
use crate::texts::Texts;

/// The findings for `record`'s requirements (a record without servers) in `texts`' words, in field order.
pub(super) fn check(settings: &Settings, record: &Provider, texts: &Texts) -> Vec<Finding> {
    let mut out = Vec::new();
    let name = record.name.as_str();
    for r in &record.requirements {
        let by = r.by(texts);
        match &r.kind {
            Kind::NoMailApps { instead } => out.push(Finding {
                code: "requirement.no-mail-apps".into(),
                severity: Severity::Error,
                field: Field::Email,
                message: texts.fill(
                    "requirement.check.no-mail-apps",
                    &[("provider", name), ("by", &by), ("instead", instead)],
                ),
                fix: None,
            }),
            Kind::Bridge { host, ports } => {
                for (incoming, server) in [(true, &settings.incoming), (false, &settings.outgoing)] {
                    let side: fn(ServerField) -> Field = if incoming { Field::Incoming } else { Field::Outgoing };
                    let usual = if incoming { Protocol::Imap } else { Protocol::Smtp };
                    let typed = server.host.trim().trim_end_matches('.').to_ascii_lowercase();
                    // Proton's page: "on localhost or 127.0.0.1".
                    if typed.is_empty() || typed == *host || typed == "localhost" {
                        if let Some(f) = security(side, server, usual, ports, texts) {
                            out.push(f);
                        }
                        continue;
                    }
                    out.push(Finding {
                        code: "requirement.bridge-host".into(),
                        severity: Severity::Error,
                        field: side(ServerField::Host),
                        message: texts.fill(
                            "requirement.check.bridge-host",
                            &[
                                ("host", server.host.trim()),
                                ("provider", name),
                                ("by", &by),
                                ("bridge", host),
                            ],
                        ),
                        fix: Some(Fix {
                            field: side(ServerField::Host),
                            value: host.clone(),
                        }),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// A security setting other than the one the bridge uses on the port typed, when the port is one it tries
/// first for the protocol typed.
/// `usual` is the protocol of the side when none is typed.
fn security(
    side: fn(ServerField) -> Field,
    server: &ServerSettings,
    usual: Protocol,
    ports: &[BridgePort],
    texts: &Texts,
) -> Option<Finding> {
    let protocol = read::protocol(&server.protocol).valid().unwrap_or(usual);
    let port = read::port(&server.port).valid()?;
    let chosen = read::security(&server.security).valid()?;
    let bridge = ports.iter().find(|p| p.port == port && p.protocol == protocol)?;
    (chosen != bridge.security).then(|| {
        let port = port.to_string();
        let by = whose(&bridge.origin, texts);
        Finding {
            code: "requirement.bridge-security".into(),
            severity: Severity::Warning,
            field: side(ServerField::Security),
            message: texts.fill(
                "requirement.check.bridge-security",
                &[
                    ("port", &port),
                    ("expected", bridge.security.label()),
                    ("chosen", chosen.label()),
                    ("by", &by),
                ],
            ),
            fix: Some(Fix {
                field: side(ServerField::Security),
                value: bridge.security.id().to_owned(),
            }),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requirement::Requirement;

    fn proton(host: &str, port: &str, security: &str) -> Vec<Finding> {
        let db = crate::embedded();
        let record = db.lookup("jane@proton.me").no_mail_apps.unwrap();
        let server = |protocol: &str| ServerSettings {
            protocol: protocol.into(),
            host: host.into(),
            port: port.into(),
            security: security.into(),
            username: "jane@proton.me".into(),
            auth: "password".into(),
        };
        let settings = Settings {
            email: "jane@proton.me".into(),
            incoming: server("imap"),
            outgoing: ServerSettings {
                port: "1025".into(),
                ..server("smtp")
            },
        };
        check(&settings, record, db.texts())
    }

    #[test]
    fn the_check_of_a_provider_without_servers_goes_by_its_requirements_and_calls_it_known() {
        use crate::validate::{check_with, Record};
        let db = crate::embedded();
        let found = db.lookup("jane@proton.me");
        let settings = Settings {
            email: "jane@proton.me".into(),
            incoming: ServerSettings {
                host: "imap.proton.me".into(),
                ..ServerSettings::default()
            },
            ..Settings::default()
        };
        let codes = |record| -> Vec<String> {
            check_with(&settings, record)
                .findings
                .into_iter()
                .map(|f| f.code)
                .collect()
        };
        let known = codes(Record::of_lookup(found.provider, found.no_mail_apps, db.texts()));
        assert!(known.contains(&"requirement.bridge-host".to_owned()), "{known:?}");
        assert!(!known.contains(&"provider.unknown".to_owned()), "{known:?}");
        // Without the record, the same settings get the general rules and the note that the provider is unknown.
        let unknown = codes(Record::Unknown);
        assert!(unknown.contains(&"provider.unknown".to_owned()), "{unknown:?}");
        assert!(!unknown.iter().any(|c| c.starts_with("requirement.")), "{unknown:?}");
    }

    fn codes(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn a_proton_address_on_any_host_but_the_bridge_is_an_error_with_the_bridge_as_fix() {
        let findings = proton("imap.proton.me", "993", "tls");
        assert_eq!(codes(&findings), ["requirement.bridge-host"; 2]);
        assert_eq!(findings[0].field, Field::Incoming(ServerField::Host));
        assert_eq!(findings[0].fix.as_ref().map(|f| f.value.as_str()), Some("127.0.0.1"));
        assert!(
            findings[0]
                .message
                .contains("proton.me/support/macos-certificate-warning"),
            "{}",
            findings[0].message
        );
        for host in ["127.0.0.1", "localhost", " LOCALHOST. ", ""] {
            assert!(proton(host, "1143", "starttls").is_empty(), "{host:?}");
        }
    }

    #[test]
    fn a_bridge_port_with_another_security_is_a_warning() {
        let findings = proton("127.0.0.1", "1143", "tls");
        assert_eq!(
            codes(&findings),
            ["requirement.bridge-security"; 2],
            "IMAP 1143 and SMTP 1025"
        );
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(findings[0].fix.as_ref().map(|f| f.value.as_str()), Some("starttls"));
        assert!(
            findings[0].message.contains("github.com/ProtonMail/proton-bridge"),
            "{}",
            findings[0].message
        );
        // Another port: the bridge picked another one, nothing to say about its security.
        assert!(proton("127.0.0.1", "1144", "tls")
            .iter()
            .all(|f| f.field != Field::Incoming(ServerField::Security)));
    }

    #[test]
    fn no_mail_apps_is_an_error_on_the_address_whatever_the_settings() {
        let mut record = Provider::new(
            "none".into(),
            "None Mail".into(),
            crate::embedded().records()[0].origin.clone(),
        );
        record.requirements.push(Requirement {
            kind: Kind::NoMailApps {
                instead: "its own apps".into(),
            },
            url: None,
            origin: record.origin.clone(),
            quote: None,
        });
        let findings = check(&Settings::default(), &record, crate::embedded().texts());
        assert_eq!(codes(&findings), ["requirement.no-mail-apps"]);
        assert!(
            findings[0].message.ends_with("Use its own apps."),
            "{}",
            findings[0].message
        );
        // A record with servers and a sign-in requirement has nothing to say here (the check's rules do).
        let icloud = crate::embedded().lookup("icloud.com").provider.unwrap();
        assert!(check(&Settings::default(), icloud, crate::embedded().texts()).is_empty());
    }
}
