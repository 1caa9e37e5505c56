//! Which documented server the fixes of one side lead to.
//!
//! Fixing fields one by one towards different servers would leave a mix that matches none (the IMAP host
//! with the POP3 port), so every fix of a side points at one server: the documented server that agrees
//! with most of what the user chose, weighing the protocol first (they picked IMAP: keep IMAP), then the
//! host, the port and the security, and otherwise the provider's recommendation.

use super::input::ServerInput;
use super::Side;
use crate::model::{Protocol, Provider, Server};

/// The documented server closest to the user's choice; `None` only for a provider without servers on this
/// side, which the database build rules out.
///
/// Called while `input.target` is still unset.
pub(super) fn choose<'a>(provider: &'a Provider, input: &ServerInput) -> Option<&'a Server> {
    let protocol = input.chosen_protocol();
    let host = input.host.valid();
    // Port 25 is never a reason to keep a server: many networks block it (see `smtp.port-25`), so it
    // should lead to the provider's submission port, not to its port-25 entry.
    let port = input
        .port
        .valid()
        .filter(|&p| !(p == 25 && input.side == Side::Outgoing));
    let security = input.security.valid();
    let servers = input.side.servers(provider);
    // `max_by_key` keeps the last of equals; reversed, the first (recommended) server wins ties.
    servers.iter().rev().max_by_key(|s| {
        (
            protocol == Some(s.protocol),
            host.is_some_and(|h| h.eq_ignore_ascii_case(&s.host)),
            port == Some(s.port),
            security == Some(s.security),
        )
    })
}

/// The protocol of the documented servers a host name belongs to, on either side.
pub(super) fn documented_protocol(provider: &Provider, host: &str) -> Option<Protocol> {
    provider
        .incoming
        .iter()
        .chain(&provider.outgoing)
        .find(|s| s.host.eq_ignore_ascii_case(host))
        .map(|s| s.protocol)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::Side;

    fn target_of(s: &crate::Settings, side: Side) -> (String, String, String, String) {
        // The target shows through the fixes: apply them and read the side back.
        let server = apply_fixes(s).server(side).clone();
        (server.protocol, server.host, server.port, server.security)
    }

    fn t(p: &str, h: &str, n: &str, s: &str) -> (String, String, String, String) {
        (p.into(), h.into(), n.into(), s.into())
    }

    #[test]
    fn the_chosen_protocol_wins() {
        let s = incoming(&good("jane@q.com"), "imap", "pop.centurylink.net", "995", "tls");
        assert_eq!(
            target_of(&s, Side::Incoming),
            t("imap", "mail.centurylink.net", "993", "tls")
        );
        let s = incoming(&good("jane@q.com"), "pop3", "mail.centurylink.net", "993", "tls");
        assert_eq!(
            target_of(&s, Side::Incoming),
            t("pop3", "pop.centurylink.net", "995", "tls")
        );
    }

    #[test]
    fn without_a_protocol_the_host_then_the_port_decide() {
        let s = incoming(&good("jane@q.com"), "", "mail.centurylink.net", "", "");
        assert_eq!(
            target_of(&s, Side::Incoming),
            t("imap", "mail.centurylink.net", "993", "tls")
        );
        let s = incoming(&good("jane@gmail.com"), "", "", "995", "");
        assert_eq!(target_of(&s, Side::Incoming), t("pop3", "pop.gmail.com", "995", "tls"));
    }

    #[test]
    fn the_port_beats_the_security_then_the_recommendation_breaks_ties() {
        let s = outgoing(&good("jane@gmail.com"), "smtp", "smtp.gmail.com", "587", "tls");
        assert_eq!(
            target_of(&s, Side::Outgoing),
            t("smtp", "smtp.gmail.com", "587", "starttls")
        );
        let s = outgoing(&good("jane@gmail.com"), "smtp", "smtp.gmail.com", "", "starttls");
        assert_eq!(
            target_of(&s, Side::Outgoing),
            t("smtp", "smtp.gmail.com", "587", "starttls")
        );
        let s = outgoing(&good("jane@gmail.com"), "", "", "", "");
        assert_eq!(target_of(&s, Side::Outgoing), t("smtp", "smtp.gmail.com", "465", "tls"));
    }

    #[test]
    fn port_25_leads_to_a_submission_port_even_where_documented() {
        let s = outgoing(&good("jane@mail.ch"), "smtp", "smtp.mail.ch", "25", "starttls");
        assert_eq!(
            target_of(&s, Side::Outgoing),
            t("smtp", "smtp.mail.ch", "587", "starttls")
        );
        assert!(codes(&s).contains(&"smtp.port-25".to_owned()));
        let fixed = apply_fixes(&s);
        assert!(check(&fixed).findings.is_empty(), "{:#?}", check(&fixed).findings);
    }
}
