//! Made-up provider records for tests: shapes the real database does not have (yet), which the rules must
//! handle anyway.

use crate::model::{Auth, AuthMethod, Origin, Protocol, Provider, Security, Server, UsernameForm};
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
    let origin = Origin::Checked {
        source: "https://unusual.example/help".into(),
        checked: "2026-01-01".into(),
    };
    Provider {
        domains: vec!["unusual.example".into()],
        auth: vec![Auth::Password],
        incoming: vec![server(Protocol::Imap, "imap.unusual.example", 1993, Security::Tls)],
        outgoing: vec![server(Protocol::Smtp, "smtp.unusual.example", 2525, Security::Starttls)],
        ..Provider::new("unusual".into(), "Unusual Mail".into(), origin)
    }
});
