//! eM Client.
//!
//! eM Client's own manual names the fields Host, Port and Security policy; its current setup pages could not
//! be found with mailcheck's search tool, and the wording of the Security policy choices has changed between
//! versions, so the guide describes each choice instead of quoting one version's wording.

use super::{
    email_value, entry, host_value, name_value, password_value, port_value, protocol_value, step, username_value,
    Account, Entry, Parts, Side, Source, Value,
};
use crate::model::Security;

fn security_policy(side: Side, a: &Account) -> Value {
    match side.of(a).security {
        Some(Security::Tls) => Value::Choose("SSL/TLS from the start, on the special port (implicit TLS)"),
        Some(Security::Starttls) => Value::Choose("SSL/TLS started on the standard port (STARTTLS)"),
        Some(Security::None) => Value::Choose("no SSL/TLS"),
        None => Value::Yours("the encryption your provider names for this server".into()),
    }
}

pub(super) fn guide(a: &Account) -> Parts {
    let server = |side: Side| -> Vec<Entry> {
        vec![
            entry("Host", host_value(side, a)),
            entry("Port", port_value(side, a)),
            entry("Security policy", security_policy(side, a)),
            entry("User name", username_value(side, a)),
            entry("Password", password_value(side, a)),
        ]
    };
    let kind = protocol_value(a, "IMAP", "POP3");
    Parts {
        version: "eM Client for Windows and Mac, current versions",
        source: Source::None,
        steps: vec![
            step(
                "Open eM Client's account settings and add a mail account of the Other kind.",
                vec![entry("Email address", email_value(a))],
            ),
            step(
                "If eM Client does not find the settings by itself, choose to set the account up manually and \
                 pick the incoming server type.",
                vec![entry("Incoming server type", kind)],
            ),
            step(
                "Set the incoming server. The Security policy choices are worded differently between versions: \
                 pick the one that matches the description.",
                server(Side::Incoming),
            ),
            step("Set the outgoing (SMTP) server the same way:", server(Side::Outgoing)),
            step(
                "Enter your name as others should see it, then finish.",
                vec![entry("Name", name_value(a))],
            ),
        ],
        notes: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{guide, Client, Value};

    #[test]
    fn uses_security_policy_and_describes_each_choice() {
        let g = guide(Client::EmClient, &centurylink());
        let policies = values(&g, "Security policy");
        assert!(matches!(policies[0], Value::Choose(c) if c.contains("implicit TLS")));
        assert!(matches!(policies[1], Value::Choose(c) if c.contains("STARTTLS")));
        assert_eq!(
            values(&g, "Host"),
            [
                &Value::Text("pop.centurylink.net".into()),
                &Value::Text("smtp.centurylink.net".into())
            ]
        );
        assert_eq!(values(&g, "Incoming server type"), [&Value::Choose("POP3")]);
    }

    #[test]
    fn qwestoffice_gets_no_ssl_tls() {
        let g = guide(Client::EmClient, &qwestoffice());
        assert_eq!(values(&g, "Security policy")[0], &Value::Choose("no SSL/TLS"));
        assert_eq!(
            values(&g, "Port"),
            [&Value::Text("110".into()), &Value::Text("465".into())]
        );
    }
}
