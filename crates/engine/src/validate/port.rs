//! Rules for the port: missing, not a number, another service's, not fitting the security, not the
//! provider's, and port 25 for sending. Also the well-known mail ports every rule reasons with.

use super::input::{Entry, ServerInput, Target};
use super::{Findings, Side};
use crate::catalog::findings::{FindingText, Repair};
use crate::catalog::provenance::Who;
use crate::finding::Severity;
use crate::model::{Protocol, Security};
use crate::settings::{Field, ServerField};

/// The service a well-known mail port belongs to and the security it implies: implicit TLS on 993, 995
/// and 465 (RFC 8314); a plain start upgraded with STARTTLS on 143, 110, 587 and 25.
pub(super) fn standard(port: u16) -> Option<(Protocol, Security)> {
    Some(match port {
        993 => (Protocol::Imap, Security::Tls),
        143 => (Protocol::Imap, Security::Starttls),
        995 => (Protocol::Pop3, Security::Tls),
        110 => (Protocol::Pop3, Security::Starttls),
        465 => (Protocol::Smtp, Security::Tls),
        587 | 25 => (Protocol::Smtp, Security::Starttls),
        _ => return None,
    })
}

/// The well-known port of a protocol for a security: 993 for IMAP with SSL/TLS, 587 for SMTP with STARTTLS.
/// Without encryption the STARTTLS port is the one (the same port, never upgraded).
pub(super) fn usual(protocol: Protocol, security: Security) -> u16 {
    match (protocol, security) {
        (Protocol::Imap, Security::Tls) => 993,
        (Protocol::Imap, _) => 143,
        (Protocol::Pop3, Security::Tls) => 995,
        (Protocol::Pop3, _) => 110,
        (Protocol::Smtp, Security::Tls) => 465,
        (Protocol::Smtp, _) => 587,
    }
}

/// The port a form shows as the example for a server of `side`: the usual one for the protocol and security
/// chosen so far (IMAP and SSL/TLS for an incoming server with neither, STARTTLS for an outgoing one), so a
/// hint never shows an incoming port on the outgoing server.
pub fn usual_port(side: Side, server: &crate::settings::ServerSettings) -> u16 {
    let protocol = match (side, crate::read::protocol(&server.protocol).valid()) {
        (Side::Outgoing, _) => Protocol::Smtp,
        (Side::Incoming, Some(Protocol::Pop3)) => Protocol::Pop3,
        (Side::Incoming, _) => Protocol::Imap,
    };
    let default = if side == Side::Incoming {
        Security::Tls
    } else {
        Security::Starttls
    };
    let security = crate::read::security(&server.security).valid().unwrap_or(default);
    usual(protocol, security)
}

/// The security a well-known port needs when `security` does not fit it: SSL/TLS on an implicit-TLS port
/// set to STARTTLS or none, STARTTLS on a plain port set to SSL/TLS (the "wrong version number" error).
pub(super) fn mismatch(port: u16, security: Security) -> Option<Security> {
    let (_, implied) = standard(port)?;
    match (implied, security) {
        (Security::Tls, Security::Starttls | Security::None) | (Security::Starttls, Security::Tls) => Some(implied),
        _ => None,
    }
}

pub(super) fn check(server: &ServerInput, out: &mut Findings) {
    let side = server.side;
    let suggestion = match server.target {
        Some(target) => Some(target.server.port),
        None => settled(server),
    };
    let found = match server.port {
        Entry::Empty => Some((Severity::Error, FindingText::PortEmpty { side, suggestion }, suggestion)),
        Entry::Invalid => {
            let value = server.raw.port.trim();
            Some((
                Severity::Error,
                FindingText::PortInvalid { value, suggestion },
                suggestion,
            ))
        }
        Entry::Valid(port) => match server.target {
            Some(target) => known(port, target, server),
            None => generic(port, suggestion, server),
        },
    };
    if let Some((severity, text, fix)) = found {
        out.add(
            severity,
            Field::on(side, ServerField::Port),
            text,
            fix.map(|p| p.to_string()).as_deref(),
        );
    }
}

/// For an unknown provider: the port once this rule's fix is applied (the typed port when it needs none).
/// The security rule reasons with this port, so that the two fixes agree with each other.
///
/// A replacement port is the well-known one for the server's protocol and the chosen security; where the
/// security is missing or none, the kind of port typed (implicit TLS or not) decides.
pub(super) fn settled(server: &ServerInput) -> Option<u16> {
    let protocol = server.service();
    let security = server.security.valid();
    let Entry::Valid(port) = server.port else {
        return protocol.zip(security).map(|(p, s)| usual(p, s));
    };
    let Some((serves, implied)) = standard(port) else {
        return Some(port);
    };
    let encrypted = security.filter(|&s| s != Security::None).unwrap_or(implied);
    if wrong_service(serves, server) || (port == 25 && server.side == Side::Outgoing) {
        protocol.map(|p| usual(p, encrypted))
    } else {
        Some(port)
    }
}

/// Whether a well-known port of `serves` is another service's for this server.
fn wrong_service(serves: Protocol, server: &ServerInput) -> bool {
    match server.service() {
        Some(wanted) => wanted != serves,
        None => !server.side.accepts(serves),
    }
}

/// A port checked against the provider's server that the fixes lead to.
fn known<'a>(port: u16, target: Target<'a>, server: &ServerInput) -> Option<(Severity, FindingText<'a>, Option<u16>)> {
    let wanted = target.server;
    if port == wanted.port {
        return None;
    }
    let fix = Some(wanted.port);
    if let Some((serves, _)) = standard(port).filter(|&(serves, _)| serves != wanted.protocol) {
        let text = FindingText::PortWrongService {
            port,
            serves,
            wanted: Some(wanted.protocol),
            suggestion: fix,
        };
        return Some((Severity::Error, text, fix));
    }
    let chosen = server.security.valid();
    if let Some((chosen, expected)) = chosen.and_then(|s| Some((s, mismatch(port, s)?))) {
        let text = FindingText::PortSecurityMismatch {
            port,
            chosen,
            expected,
            repair: Repair::Port(wanted.port, wanted.security),
        };
        return Some((Severity::Error, text, fix));
    }
    if port == 25 && server.side == Side::Outgoing {
        return Some((Severity::Warning, FindingText::SmtpPort25 { suggestion: fix }, fix));
    }
    let text = FindingText::PortNotProvider {
        port,
        provider: Who::of(target.provider),
        protocol: wanted.protocol,
        suggestion: wanted.port,
        security: wanted.security,
    };
    Some((Severity::Error, text, fix))
}

/// Port rules that need no provider, with the fix [`settled`] found. A mismatch with the security is left to
/// the security field here: providers publish ports, so the port is the likelier one to be right.
fn generic(
    port: u16,
    suggestion: Option<u16>,
    server: &ServerInput,
) -> Option<(Severity, FindingText<'static>, Option<u16>)> {
    let (serves, _) = standard(port)?;
    if wrong_service(serves, server) {
        let text = FindingText::PortWrongService {
            port,
            serves,
            wanted: server.service(),
            suggestion,
        };
        Some((Severity::Error, text, suggestion))
    } else if port == 25 && server.side == Side::Outgoing {
        Some((Severity::Warning, FindingText::SmtpPort25 { suggestion }, suggestion))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::finding::Severity;

    #[test]
    fn the_usual_port_of_what_is_chosen_so_far() {
        use super::{usual_port, Side};
        use crate::settings::ServerSettings;
        let server = |protocol: &str, security: &str| ServerSettings {
            protocol: protocol.into(),
            security: security.into(),
            ..Default::default()
        };
        assert_eq!(usual_port(Side::Incoming, &server("", "")), 993);
        assert_eq!(usual_port(Side::Incoming, &server("pop3", "")), 995);
        assert_eq!(usual_port(Side::Incoming, &server("POP", "starttls")), 110);
        assert_eq!(usual_port(Side::Incoming, &server("imap", "none")), 143);
        assert_eq!(usual_port(Side::Outgoing, &server("", "")), 587);
        assert_eq!(usual_port(Side::Outgoing, &server("smtp", "tls")), 465);
        // An incoming protocol typed on the outgoing side does not make it an incoming port.
        assert_eq!(usual_port(Side::Outgoing, &server("imap", "")), 587);
    }

    #[test]
    fn empty_and_malformed_ports() {
        let s = with(&good("jane@gmail.com"), "incoming.port", "");
        assert_eq!(fix(&s, "port.empty").as_deref(), Some("993"));
        let s = with(&good("jane@example.org"), "outgoing.port", "");
        assert_eq!(fix(&s, "port.empty").as_deref(), Some("465"), "SMTP with SSL/TLS");
        for bad in ["0", "70000", "99a", "-993"] {
            let s = with(&good("jane@q.com"), "incoming.port", bad);
            let f = only(&s, "port.invalid");
            assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("995"), "{bad}");
            assert!(f.message.contains(bad.trim()), "{}", f.message);
        }
        assert!(!codes(&with(&good("jane@q.com"), "incoming.port", " 995 "))
            .iter()
            .any(|c| c.starts_with("port.")));
    }

    #[test]
    fn another_services_port() {
        let s = with(&good("jane@gmail.com"), "outgoing.port", "993");
        assert_eq!(fix(&s, "port.wrong-service").as_deref(), Some("465"));
        let s = with(&good("jane@gmail.com"), "incoming.port", "587");
        let f = only(&s, "port.wrong-service");
        assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("993"));
        assert!(f.message.contains("587") && f.message.contains("SMTP"), "{}", f.message);
        // Unknown provider: the same kind of port for the right service.
        let s = with(&good("jane@example.org"), "outgoing.port", "993");
        assert_eq!(fix(&s, "port.wrong-service").as_deref(), Some("465"));
        let s = incoming(&good("jane@example.org"), "imap", "imap.example.org", "110", "starttls");
        assert_eq!(fix(&s, "port.wrong-service").as_deref(), Some("143"));
        // Near miss: the other port of the same service is no wrong service.
        let s = incoming(&good("jane@example.org"), "imap", "imap.example.org", "143", "starttls");
        assert!(!codes(&s).iter().any(|c| c.starts_with("port.")), "{:?}", codes(&s));
    }

    #[test]
    fn port_that_does_not_fit_the_security() {
        // Known provider, port not documented: the port is fixed, to the documented one.
        let s = incoming(&good("jane@gmail.com"), "imap", "imap.gmail.com", "143", "tls");
        let f = only(&s, "port.security-mismatch");
        assert_eq!(f.field.path(), "incoming.port");
        assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("993"));
        // Known provider, documented port: the security is fixed (see the security rules).
        let s = outgoing(&good("jane@gmail.com"), "smtp", "smtp.gmail.com", "587", "tls");
        let f = only(&s, "port.security-mismatch");
        assert_eq!(
            (f.field.path(), f.fix.map(|f| f.value)),
            ("outgoing.security".into(), Some("starttls".into()))
        );
        assert!(f.message.contains("wrong version number"), "{}", f.message);
        // Unknown provider: the port stays, the security follows it.
        let s = outgoing(&good("jane@example.org"), "smtp", "smtp.example.org", "465", "starttls");
        let f = only(&s, "port.security-mismatch");
        assert_eq!(
            (f.field.path(), f.fix.map(|f| f.value)),
            ("outgoing.security".into(), Some("tls".into()))
        );
        for (port, security) in [
            ("465", "tls"),
            ("587", "starttls"),
            ("143", "starttls"),
            ("2525", "tls"),
        ] {
            let s = outgoing(&good("jane@example.org"), "smtp", "smtp.example.org", port, security);
            assert!(
                !codes(&s).contains(&"port.security-mismatch".to_owned()),
                "{port} {security}"
            );
        }
    }

    #[test]
    fn port_the_provider_does_not_document() {
        let s = incoming(&good("jane@gmail.com"), "imap", "imap.gmail.com", "143", "starttls");
        let f = only(&s, "port.not-provider");
        assert_eq!(f.fix.map(|f| f.value).as_deref(), Some("993"));
        assert!(f.message.contains("Gmail"), "{}", f.message);
        let s = outgoing(&good("jane@gmail.com"), "smtp", "smtp.gmail.com", "2525", "tls");
        assert_eq!(fix(&s, "port.not-provider").as_deref(), Some("465"));
        // Documented alternatives are fine.
        let s = outgoing(&good("jane@gmail.com"), "smtp", "smtp.gmail.com", "587", "starttls");
        assert!(codes(&s).is_empty(), "{:?}", codes(&s));
        // Unknown providers may use any port.
        let s = outgoing(&good("jane@example.org"), "smtp", "smtp.example.org", "2525", "tls");
        assert!(!codes(&s).iter().any(|c| c.starts_with("port.")));
    }

    #[test]
    fn port_25_for_sending() {
        let s = outgoing(&good("jane@example.org"), "smtp", "smtp.example.org", "25", "starttls");
        let f = only(&s, "smtp.port-25");
        assert_eq!(
            (f.severity, f.fix.map(|f| f.value)),
            (Severity::Warning, Some("587".into()))
        );
        let s = outgoing(&good("jane@q.com"), "smtp", "smtp.centurylink.net", "25", "starttls");
        assert_eq!(fix(&s, "smtp.port-25").as_deref(), Some("587"));
        assert!(
            !codes(&s).contains(&"port.not-provider".to_owned()),
            "one finding for one cause"
        );
        // Port 25 on the incoming side is another service's port, and 587 is not port 25.
        let s = with(&good("jane@example.org"), "incoming.port", "25");
        assert_eq!(codes(&s), ["port.wrong-service", "provider.unknown"]);
        assert_eq!(fix(&s, "port.wrong-service").as_deref(), Some("993"), "keeps SSL/TLS");
        let s = outgoing(&good("jane@example.org"), "smtp", "smtp.example.org", "25", "tls");
        assert_eq!(
            codes(&s),
            ["smtp.port-25", "provider.unknown"],
            "465 fits SSL/TLS: one finding"
        );
        assert_eq!(fix(&s, "smtp.port-25").as_deref(), Some("465"));
        let s = outgoing(&good("jane@example.org"), "smtp", "smtp.example.org", "587", "starttls");
        assert!(!codes(&s).contains(&"smtp.port-25".to_owned()));
    }
}
