//! Made-up provider records for tests: shapes the real database does not have (yet), which the rules must
//! handle anyway.

use crate::model::{Auth, ImapSupport, Protocol, Provider, Security, Server, UsernameForm};

/// What no record in the database has (yet): the user name without the domain, servers on ports that are
/// not the well-known ones, and IMAP only (no POP3).
pub static UNUSUAL: Provider = Provider {
    id: "unusual",
    name: "Unusual Mail",
    source: "https://unusual.example/help",
    checked: "2026-01-01",
    domains: &["unusual.example"],
    username: UsernameForm::LocalPart,
    auth: &[Auth::Password],
    imap: ImapSupport::Supported,
    mailbox_mb: None,
    send_limit_mb: None,
    hosted_by: None,
    notes: &[],
    incoming: &[Server {
        protocol: Protocol::Imap,
        host: "imap.unusual.example",
        port: 1993,
        security: Security::Tls,
        recommended: true,
    }],
    outgoing: &[Server {
        protocol: Protocol::Smtp,
        host: "smtp.unusual.example",
        port: 2525,
        security: Security::Starttls,
        recommended: true,
    }],
    wrong_hosts: &[],
};
