//! Made-up provider records for tests: shapes the real database does not have (yet), which the rules must
//! handle anyway.

use crate::model::{Auth, AuthMethod, ImapSupport, Origin, Protocol, Provider, Security, Server, UsernameForm};
use std::sync::LazyLock;

/// What no record in the database has (yet): the user name without the domain, servers on ports that are
/// not the well-known ones, and IMAP only (no POP3).
pub static UNUSUAL: LazyLock<Provider> = LazyLock::new(|| {
    let server = |protocol, host: &str, port, security| Server {
        protocol,
        host: host.into(),
        port,
        security,
        username: UsernameForm::LocalPart,
        auth: vec![AuthMethod::Password],
        leave_on_server: None,
    };
    Provider {
        id: "unusual".into(),
        name: "Unusual Mail".into(),
        origin: Origin::Checked {
            source: "https://unusual.example/help".into(),
            checked: "2026-01-01".into(),
        },
        domains: vec!["unusual.example".into()],
        mx_domains: Vec::new(),
        auth: vec![Auth::Password],
        imap: ImapSupport::Supported,
        mailbox_mb: None,
        send_limit_mb: None,
        hosted_by: None,
        notes: Vec::new(),
        docs: Vec::new(),
        enable: None,
        incoming: vec![server(Protocol::Imap, "imap.unusual.example", 1993, Security::Tls)],
        outgoing: vec![server(Protocol::Smtp, "smtp.unusual.example", 2525, Security::Starttls)],
        wrong_hosts: Vec::new(),
    }
});
