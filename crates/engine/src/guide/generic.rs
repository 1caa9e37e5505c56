//! Any other mail app: the usual field names, and the other names the same choices go by.

use super::{
    email_value, entry, host_value, name_value, password_value, port_value, protocol_value, step, username_value,
    Account, Entry, Parts, Side, Source, Value,
};
use crate::model::Security;

fn encryption(side: Side, a: &Account) -> Value {
    match side.of(a).security {
        Some(Security::Tls) => Value::Choose("SSL/TLS (some apps say SSL or TLS; encrypted from the start)"),
        Some(Security::Starttls) => Value::Choose("STARTTLS (some apps say TLS)"),
        Some(Security::None) => Value::Choose("None (no encryption)"),
        None => Value::Yours("the encryption your provider names for this server".into()),
    }
}

pub(super) fn guide(a: &Account) -> Parts {
    let server = |side: Side| -> Vec<Entry> {
        let mut fields = Vec::new();
        if side == Side::Incoming {
            fields.push(entry("Account type", protocol_value(a, "IMAP", "POP3")));
        }
        fields.extend([
            entry("Server", host_value(side, a)),
            entry("Port", port_value(side, a)),
            entry("Encryption", encryption(side, a)),
            entry("User name", username_value(side, a)),
            entry("Password", password_value(side, a)),
        ]);
        fields
    };
    Parts {
        version: "Any mail app that lets you enter the settings yourself",
        source: Source::None,
        steps: vec![
            step(
                "In your app's account settings, add a new account and choose to enter the settings yourself \
                 (often called manual setup or advanced setup).",
                vec![entry("Name", name_value(a)), entry("Email address", email_value(a))],
            ),
            step("Set the incoming server:", server(Side::Incoming)),
            step(
                "Set the outgoing (SMTP) server, and turn on sign-in for it if the app asks:",
                server(Side::Outgoing),
            ),
            step("Save the account; the app checks the settings.", vec![]),
        ],
        notes: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{guide, Client, Value};

    #[test]
    fn names_each_mode_with_its_other_names() {
        let g = guide(Client::Generic, &own_starttls());
        let modes = values(&g, "Encryption");
        assert!(matches!(modes[0], Value::Choose(c) if c.starts_with("STARTTLS")));
        assert!(matches!(modes[1], Value::Choose(c) if c.starts_with("SSL/TLS")));
        assert_eq!(
            values(&g, "Server"),
            [
                &Value::Text("imap.example.org".into()),
                &Value::Text("smtp.example.org".into())
            ]
        );
        assert_eq!(values(&g, "Account type"), [&Value::Choose("IMAP")]);
    }

    #[test]
    fn qwestoffice_shows_no_encryption() {
        let g = guide(Client::Generic, &qwestoffice());
        assert_eq!(values(&g, "Encryption")[0], &Value::Choose("None (no encryption)"));
        assert_eq!(values(&g, "Port")[0], &Value::Text("110".into()));
    }
}
