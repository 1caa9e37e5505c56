//! What the native probe needs to test one server, read from the settings the person entered.
//!
//! The app sends it to `POST /api/probe` (see docs/probe.md). The body is written here by hand: it is four
//! fixed fields, and a JSON library would cost the wasm more than the app's whole probe screen.

use crate::account::{read_port, read_protocol, read_security};
use crate::model::{Protocol, Security, Side};
use crate::settings::ServerSettings;

/// One server to probe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeRequest {
    pub host: String,
    pub port: u16,
    pub protocol: Protocol,
    pub security: Security,
}

impl ProbeRequest {
    /// The request for `server`, or `None` while its protocol, host, port or security cannot be used yet.
    pub fn from_server(server: &ServerSettings, side: Side) -> Option<ProbeRequest> {
        let host = server.host.trim().trim_end_matches('.');
        if host.is_empty() || host.len() > 253 || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        Some(ProbeRequest {
            host: host.to_owned(),
            port: read_port(&server.port).ok()?,
            protocol: read_protocol(&server.protocol, side).ok()?,
            security: read_security(&server.security).ok()?,
        })
    }

    /// The API's request body: `{"host":…,"port":…,"protocol":…,"security":…}`.
    pub fn to_json(&self) -> String {
        let mut host = String::with_capacity(self.host.len() + 2);
        for c in self.host.chars() {
            match c {
                '"' => host.push_str("\\\""),
                '\\' => host.push_str("\\\\"),
                c => host.push(c),
            }
        }
        format!(
            r#"{{"host":"{host}","port":{},"protocol":"{}","security":"{}"}}"#,
            self.port,
            self.protocol.id(),
            self.security.id()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(protocol: &str, host: &str, port: &str, security: &str) -> ServerSettings {
        ServerSettings::from([protocol, host, port, security, "", ""])
    }

    #[test]
    fn reads_a_usable_server_forgivingly() {
        let r = ProbeRequest::from_server(
            &server(" IMAP ", " mail.centurylink.net. ", "993 ", "TLS"),
            Side::Incoming,
        )
        .unwrap();
        assert_eq!(r.host, "mail.centurylink.net");
        assert_eq!((r.port, r.protocol, r.security), (993, Protocol::Imap, Security::Tls));
        assert_eq!(
            r.to_json(),
            r#"{"host":"mail.centurylink.net","port":993,"protocol":"imap","security":"tls"}"#
        );
    }

    #[test]
    fn refuses_what_cannot_be_probed_yet() {
        for (s, side) in [
            (server("imap", "", "993", "tls"), Side::Incoming),
            (server("imap", "mail.x.com", "", "tls"), Side::Incoming),
            (server("imap", "mail.x.com", "99999", "tls"), Side::Incoming),
            (server("imap", "mail.x.com", "993", "ssl3"), Side::Incoming),
            (server("smtp", "mail.x.com", "993", "tls"), Side::Incoming),
            (server("imap", "smtp.x.com", "587", "starttls"), Side::Outgoing),
            (server("smtp", "smtp x.com", "587", "starttls"), Side::Outgoing),
        ] {
            assert_eq!(ProbeRequest::from_server(&s, side), None, "{s:?}");
        }
        assert!(ProbeRequest::from_server(&server("smtp", "smtp.x.com", "587", "starttls"), Side::Outgoing).is_some());
    }

    #[test]
    fn the_body_is_valid_json_whatever_the_host() {
        let r = ProbeRequest::from_server(&server("pop3", r#"a"b\c.example"#, "995", "tls"), Side::Incoming).unwrap();
        assert_eq!(
            r.to_json(),
            r#"{"host":"a\"b\\c.example","port":995,"protocol":"pop3","security":"tls"}"#
        );
    }
}
