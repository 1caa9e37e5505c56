//! Building settings for rule tests: start from settings that pass, change one thing, look at the result.

use super::Report;
use crate::account::Account;
use crate::database::embedded;
use crate::finding::{Finding, Severity};
use crate::settings::{Field, ServerSettings, Settings};
pub use crate::test_providers::UNUSUAL;

/// [`super::check`] against the database's provider of the address, as the app and the CLI call it.
pub fn check(settings: &Settings) -> Report {
    super::check(settings, embedded().lookup(&settings.email).provider)
}

/// Settings that pass every check for `email`: the provider's recommended servers, or for an unknown
/// provider the usual `imap.` / `smtp.` names of the domain on the implicit-TLS ports.
pub fn good(email: &str) -> Settings {
    let Some(provider) = embedded().lookup(email).provider else {
        let domain = email.split_once('@').map_or("example.org", |(_, d)| d);
        let server = |protocol: &str, host: String, port: &str| ServerSettings {
            protocol: protocol.into(),
            host,
            port: port.into(),
            security: "tls".into(),
            username: email.into(),
            auth: "password".into(),
        };
        return Settings {
            email: email.into(),
            incoming: server("imap", format!("imap.{domain}"), "993"),
            outgoing: server("smtp", format!("smtp.{domain}"), "465"),
        };
    };
    Account::recommended(provider, Some(email)).to_settings()
}

/// `settings` with the field at `path` (`incoming.host`) set to `value`.
pub fn with(settings: &Settings, path: &str, value: &str) -> Settings {
    let mut s = settings.clone();
    s.set(Field::parse(path).expect("a field path"), value);
    s
}

fn server(settings: &Settings, side: &str, fields: [&str; 4]) -> Settings {
    let mut s = settings.clone();
    for (name, value) in ["protocol", "host", "port", "security"].into_iter().zip(fields) {
        s = with(&s, &format!("{side}.{name}"), value);
    }
    s
}

/// `settings` with the incoming protocol, host, port and security replaced.
pub fn incoming(settings: &Settings, protocol: &str, host: &str, port: &str, security: &str) -> Settings {
    server(settings, "incoming", [protocol, host, port, security])
}

/// `settings` with the outgoing protocol, host, port and security replaced.
pub fn outgoing(settings: &Settings, protocol: &str, host: &str, port: &str, security: &str) -> Settings {
    server(settings, "outgoing", [protocol, host, port, security])
}

/// The codes of every finding, in report order.
pub fn codes(settings: &Settings) -> Vec<String> {
    check(settings).findings.into_iter().map(|f| f.code).collect()
}

/// The one finding with `code`; fails the test when there is none or more than one.
pub fn only(settings: &Settings, code: &str) -> Finding {
    let found: Vec<Finding> = check(settings)
        .findings
        .into_iter()
        .filter(|f| f.code == code)
        .collect();
    assert_eq!(found.len(), 1, "want one {code} in {:#?}", check(settings).findings);
    found.into_iter().next().expect("checked above")
}

/// The severity and fix value of the one finding with `code`.
pub fn found(settings: &Settings, code: &str) -> (Severity, Option<String>) {
    let f = only(settings, code);
    (f.severity, f.fix.map(|f| f.value))
}

/// The fix value of the one finding with `code`.
pub fn fix(settings: &Settings, code: &str) -> Option<String> {
    found(settings, code).1
}

/// `settings` with every fix of one check applied.
pub fn apply_fixes(settings: &Settings) -> Settings {
    let mut s = settings.clone();
    for fix in check(settings).findings.into_iter().filter_map(|f| f.fix) {
        s.set(fix.field, fix.value);
    }
    s
}

/// The one warning that may remain once every fix is applied: no encryption where the provider documents
/// nothing else (qwestoffice.net POP).
pub fn documented_none(f: &Finding) -> bool {
    f.code == "security.none" && f.severity == Severity::Warning && f.fix.is_none()
}

/// Settings that pass every check for [`UNUSUAL`], for `jane@unusual.example`.
pub fn good_unusual() -> Settings {
    Account::recommended(&UNUSUAL, Some("jane@unusual.example")).to_settings()
}

/// The findings for settings checked against [`UNUSUAL`].
pub fn check_unusual(settings: &Settings) -> Vec<Finding> {
    super::check(settings, Some(&UNUSUAL)).findings
}
