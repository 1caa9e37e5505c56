//! Field-by-field validation of settings: findings with exact fixes.
//!
//! [`check`] reads what the user typed ([`Settings`]) and says, field by field, what will not work and how
//! to repair it. It runs on every keystroke in the browser, so it does no work beyond building the findings.
//!
//! # How text is read
//! Forgiving where the meaning is clear, so that nobody is told off for what their mail app would accept:
//! - Surrounding white space is ignored in every field.
//! - Protocol, security and auth ignore case. Protocol: `imap`, `pop3` (also `pop`), `smtp`.
//!   Security: `tls` (also `ssl` and `ssl/tls`, the labels mail apps give implicit TLS), `starttls`, `none`.
//!   A bare "TLS" is taken as the id `tls` (implicit TLS), as the settings format defines it. Auth:
//!   `password`, `oauth2`, `none`.
//! - Host names ignore case and may end in a dot. Internationalized names (letters beyond ASCII) are
//!   accepted.
//! - A port is a decimal number from 1 to 65535.
//!
//! # Fixes
//! Every fix sets the field of its finding, so "apply all fixes" never has two fixes fight over one field,
//! and each field gets at most one finding (the most telling one). With a known provider every fix of one
//! server leads to the same documented server, chosen (module `target`) as the one closest to what the user
//! picked: applying them all gives one consistent, documented combination. For an unknown provider the
//! fixes are worked out from one another in the same way (the port from the protocol and the security, the
//! security from the port), so one round of fixes leaves nothing a fix could still repair.

mod auth;
mod email;
mod host;
mod input;
mod port;
mod protocol;
mod requirement;
mod security;
mod syntax;
mod target;
mod typo;
mod username;

use crate::catalog::findings::{FindingText, Worded};
use crate::finding::{Finding, Fix, Severity};
use crate::model::{Provider, Side};
use crate::settings::{Field, Settings};
use crate::texts::Texts;
use core::fmt::Write as _;
use input::ServerInput;

pub use port::usual_port;
pub use syntax::{EmailProblem, HostProblem};

/// What [`check`] found: the findings, worst first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Sorted by severity (errors first), then by field in the order the settings list them.
    pub findings: Vec<Finding>,
}

/// Checks every field of `settings` against `provider`, the record of the address's provider when there is
/// one (from the database or found by discovery), with the words of the embedded data; never panics,
/// whatever the text.
#[cfg(feature = "embedded")]
pub fn check(settings: &Settings, provider: Option<&Provider>) -> Report {
    check_with(settings, Record::of(provider, crate::embedded().texts()))
}

/// What the check has to go on about the address's provider: the provider data's answer, or that the data
/// is not here to ask. The web app checks from its first paint, before its data arrives (and on if it never
/// does); until then nobody can say whether the provider is known, so the check does not call it unknown.
#[derive(Clone, Copy, Debug)]
pub enum Record<'a> {
    /// The provider data is not here: still on its way, or it could not be loaded.
    NotLoaded,
    /// The data has no record of the address's provider, nor was one discovered: only the general rules
    /// apply, and the check says so.
    Unknown,
    /// The provider's record (from the data or found by discovery) and the texts of the data it came with,
    /// which word the findings about the record.
    Known(&'a Provider, &'a Texts),
    /// The record of a provider that offers mail apps no servers of its own ([`crate::Lookup::no_mail_apps`]:
    /// no IMAP/POP at all, or only through a bridge on the person's computer): the settings are checked
    /// against its requirements ([`requirement`]), and its domain is known, not unknown.
    NoServers(&'a Provider, &'a Texts),
}

impl<'a> Record<'a> {
    /// The data's answer: `provider` when it has one, with the data's `texts`.
    pub fn of(provider: Option<&'a Provider>, texts: &'a Texts) -> Record<'a> {
        provider.map_or(Record::Unknown, |p| Record::Known(p, texts))
    }

    /// The data's answer for a lookup: the record with servers, or else the one without
    /// ([`Record::NoServers`]), or else unknown.
    pub fn of_lookup(provider: Option<&'a Provider>, no_mail_apps: Option<&'a Provider>, texts: &'a Texts) -> Self {
        match (provider, no_mail_apps) {
            (None, Some(record)) => Record::NoServers(record, texts),
            _ => Record::of(provider, texts),
        }
    }
}

/// [`check`] against `record`: the web app's, whose data (with the words of findings about a record) is
/// fetched after its first paint.
pub fn check_with(settings: &Settings, record: Record<'_>) -> Report {
    // Without a record no finding needs the data's texts.
    let (provider, texts) = match record {
        Record::Known(provider, texts) => (Some(provider), texts),
        Record::NoServers(_, texts) => (None, texts),
        Record::NotLoaded | Record::Unknown => (None, Texts::empty()),
    };
    let mut out = Findings(Vec::new(), texts);
    let email = email::check(&settings.email, record, &mut out);
    if let Record::NoServers(record, texts) = record {
        out.0.extend(requirement::check(settings, record, texts));
    }
    for side in Side::ALL {
        let server = ServerInput::read(side, settings, provider);
        protocol::check(&server, &mut out);
        host::check(&server, &mut out);
        port::check(&server, &mut out);
        security::check(&server, &mut out);
        username::check(&server, email, &mut out);
        auth::check(&server, &mut out);
    }
    // The same note for both servers (an app password for each) is said once.
    let mut findings: Vec<Finding> = Vec::with_capacity(out.0.len());
    for finding in out.0 {
        let said = |f: &Finding| f.code == finding.code && f.message == finding.message;
        if finding.severity != Severity::Info || !findings.iter().any(said) {
            findings.push(finding);
        }
    }
    // Stable: within one field the order of the rules above is kept.
    crate::order::sort_by_key(&mut findings, |f| (f.severity, f.field));
    Report { findings }
}

/// Whether what was typed in the address field can be looked up: an address whose part after the last `@`
/// could be a domain, or a bare domain (`q.com`). Emoji, a single word or 10,000 characters cannot, and the
/// settings screen says it is not an email address rather than that its provider is unknown.
pub fn is_address_or_domain(typed: &str) -> bool {
    let typed = typed.trim();
    let domain = typed.rsplit_once('@').map_or(typed, |(_, domain)| domain);
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    (typed.contains('@') || domain.contains('.')) && !domain.is_empty() && syntax::host_problem(domain).is_none()
}

/// `settings` with every fix of the check applied: the corrected settings that "Save & share" offers and
/// `mailcheck export --fix` writes. One round leaves nothing a fix could still repair (see Fixes above;
/// tests/validate_props.rs holds every provider to it). Fields without a fix keep what was typed.
#[cfg(feature = "embedded")]
pub fn corrected(settings: &Settings, provider: Option<&Provider>) -> Settings {
    corrected_with(settings, Record::of(provider, crate::embedded().texts()))
}

/// [`corrected`] against `record` (see [`check_with`]).
pub fn corrected_with(settings: &Settings, record: Record<'_>) -> Settings {
    let mut out = settings.clone();
    for fix in check_with(settings, record).findings.into_iter().filter_map(|f| f.fix) {
        out.set(fix.field, fix.value);
    }
    out
}

impl Report {
    /// The number of errors: what will not work.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    /// The server fields still empty in `settings` that a finding asks for, in form order: the check screen
    /// folds their findings into one line instead of a wall of problems for fields not reached yet.
    pub fn empty_fields(&self, settings: &Settings) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        for f in &self.findings {
            let server = f.field != Field::Email;
            if server && settings.get(f.field).trim().is_empty() && !out.contains(&f.field) {
                out.push(f.field);
            }
        }
        crate::order::sort_by_key(&mut out, |f| *f);
        out
    }
}

/// The findings collected so far, and the texts their words about a provider's record come from. A fix
/// always sets the finding's own field.
struct Findings<'t>(Vec<Finding>, &'t Texts);

impl Findings<'_> {
    fn add(&mut self, severity: Severity, field: Field, text: FindingText<'_>, fix: Option<&str>) {
        // Room for a typical message up front: growing the string step by step costs more than the rules.
        let mut message = String::with_capacity(320);
        // Writing into a String cannot fail.
        let _ = write!(message, "{}", Worded(text, self.1));
        if message.split(' ').any(|w| w.len() > LONGEST_WORD) {
            message = shorten_long_words(&message);
        }
        self.0.push(Finding {
            code: text.code().into(),
            severity,
            field,
            message,
            fix: fix.map(|value| Fix {
                field,
                value: value.into(),
            }),
        });
    }
}

/// The longest word (in bytes) a message shows whole. Messages quote what was typed, and a pasted
/// 10,000-character value would drown the sentence around it; no word of our own texts comes near this.
const LONGEST_WORD: usize = 80;

/// `message` with every word longer than [`LONGEST_WORD`] cut to its start and end around an ellipsis.
/// Links (`https://…`) come from the provider records, never from the user, and stay whole.
fn shorten_long_words(message: &str) -> String {
    let words: Vec<String> = message
        .split(' ')
        .map(|w| {
            let n = w.chars().count();
            if w.len() <= LONGEST_WORD || w.starts_with("https://") || n <= 24 {
                return w.to_owned();
            }
            let head: String = w.chars().take(48).collect();
            let tail: String = w.chars().skip(n - 12).collect();
            format!("{head}…{tail}")
        })
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod test_support;

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::{shorten_long_words, Severity};
    use crate::settings::{Field, ServerField, Settings};

    #[test]
    fn recommended_settings_of_every_provider_pass() {
        for p in crate::database::embedded().records() {
            for domain in &p.domains {
                let email = format!("jane@{domain}");
                assert_eq!(crate::database::embedded().lookup(&email).provider, Some(p));
                let report = check(&good(&email));
                assert!(
                    report
                        .findings
                        .iter()
                        .all(|f| f.severity == Severity::Info || documented_none(f)),
                    "{domain}: {:#?}",
                    report.findings
                );
            }
        }
    }

    #[test]
    fn findings_against_an_ispdb_record_say_they_are_the_databases_word() {
        let s = with(&good("jane@yahoo.com"), "incoming.port", "2993");
        let port = only(&s, "port.not-provider").message;
        assert!(
            port.starts_with("The Thunderbird ISPDB's entry for Yahoo! Mail lists no port 2993"),
            "{port}"
        );
        let s = with(&good("jane@yahoo.com"), "outgoing.host", "smtp.mail.yaho.com");
        let typo = only(&s, "host.typo").message;
        assert!(
            typo.contains("the servers the Thunderbird ISPDB's entry for Yahoo! Mail lists"),
            "{typo}"
        );
        // A checked record speaks with the provider's own page.
        let s = with(&good("jane@q.com"), "incoming.port", "2993");
        let port = only(&s, "port.not-provider").message;
        assert!(port.starts_with("CenturyLink's own page lists no port 2993"), "{port}");
    }

    #[test]
    fn findings_are_sorted_worst_first_then_by_field() {
        let s = outgoing(&good("jane@gmail.com"), "smtp", "smtp.gmail.com", "25", "starttls");
        let s = with(&s, "incoming.host", "imap.gmail.co");
        let s = with(&s, "incoming.auth", "password");
        let keys: Vec<_> = check(&s).findings.iter().map(|f| (f.severity, f.field)).collect();
        assert_eq!(
            keys,
            [
                (Severity::Error, Field::Incoming(ServerField::Host)),
                (Severity::Warning, Field::Outgoing(ServerField::Port)),
                (Severity::Info, Field::Incoming(ServerField::Auth)),
            ]
        );
    }

    #[test]
    fn empty_settings_ask_for_every_field_once() {
        let report = check(&Settings::default());
        let mut fields: Vec<_> = report.findings.iter().map(|f| f.field).collect();
        let before = fields.len();
        fields.dedup();
        assert_eq!(fields.len(), before, "one finding a field: {:#?}", report.findings);
        assert!(codes(&Settings::default()).contains(&"email.empty".to_owned()));
        assert!(report.findings.iter().all(|f| f.severity == Severity::Error));
    }

    #[test]
    fn long_pasted_values_are_shortened_in_messages() {
        let s = with(&good("jane@gmail.com"), "incoming.port", &"9x".repeat(5_000));
        let f = check(&s)
            .findings
            .into_iter()
            .find(|f| f.field == Field::Incoming(ServerField::Port))
            .unwrap();
        assert!(f.message.len() < 1_000, "{} bytes", f.message.len());
        assert!(f.message.contains('…'), "{}", f.message);
        // A short value is quoted whole.
        let s = with(&good("jane@gmail.com"), "incoming.port", "99x");
        let f = check(&s)
            .findings
            .into_iter()
            .find(|f| f.field == Field::Incoming(ServerField::Port))
            .unwrap();
        assert!(f.message.contains("99x") && !f.message.contains('…'), "{}", f.message);
        // Emoji count as characters, never cut in half.
        assert_eq!(
            shorten_long_words(&"🙂".repeat(100))
                .chars()
                .filter(|&c| c == '🙂')
                .count(),
            60
        );
    }

    #[test]
    fn what_can_be_looked_up_and_what_is_no_address() {
        for typed in [
            "jane@q.com",
            " q.com ",
            "jane@@q.com",
            "Jane@Q.COM.",
            "jane@bücher.example",
            "jane@localhost",
        ] {
            assert!(super::is_address_or_domain(typed), "{typed:?}");
        }
        let long = format!("jane@{}.com", "a".repeat(10_000));
        let emoji = "\u{1F4E7}".repeat(3);
        for typed in [
            "",
            "  ",
            "@",
            "jane",
            emoji.as_str(),
            "\u{1F600}@\u{1F600}.com",
            long.as_str(),
            &"a".repeat(10_000),
        ] {
            assert!(
                !super::is_address_or_domain(typed),
                "{:?}",
                &typed[..typed.len().min(20)]
            );
        }
    }

    #[test]
    fn corrected_settings_apply_every_fix_and_keep_what_has_none() {
        let db = crate::database::embedded();
        // Port 25 without sign-in, and a host of another CenturyLink domain: each has its fix.
        let wrong = with(
            &with(&good("jane@q.com"), "outgoing.port", "25"),
            "outgoing.auth",
            "none",
        );
        let wrong = with(&wrong, "incoming.host", "pop.centurytel.net");
        let provider = db.lookup("jane@q.com").provider;
        assert!(check(&wrong).errors() > 0);
        let fixed = super::corrected(&wrong, provider);
        assert_eq!(fixed.outgoing.port, "587");
        assert_eq!(fixed.outgoing.auth, "password");
        assert_eq!(fixed.incoming.host, "pop.centurylink.net");
        assert_eq!(check(&fixed).errors(), 0, "{:#?}", check(&fixed).findings);
        // Settings that pass come back as they were; an empty user name has no fix to give.
        assert_eq!(super::corrected(&good("jane@q.com"), provider), good("jane@q.com"));
        let no_host = with(&good("jane@example.org"), "incoming.host", "");
        assert_eq!(super::corrected(&no_host, None).incoming.host, "");
    }

    #[test]
    fn empty_fields_are_the_ones_findings_wait_for_in_form_order() {
        let mut s = Settings {
            email: "jane@q.com".into(),
            ..Settings::default()
        };
        s.incoming.host = "pop.centurylink.net".into();
        let report = check(&s);
        let empty = report.empty_fields(&s);
        assert!(
            !empty.contains(&Field::Incoming(ServerField::Host)),
            "a filled field is not waiting"
        );
        assert!(!empty.contains(&Field::Email));
        assert_eq!(empty[0], Field::Incoming(ServerField::Protocol));
        assert_eq!(empty.last(), Some(&Field::Outgoing(ServerField::Auth)));
        let mut sorted = empty.clone();
        sorted.sort();
        assert_eq!(empty, sorted);
        assert!(check(&good("jane@q.com")).empty_fields(&good("jane@q.com")).is_empty());
    }

    #[test]
    fn fixes_set_their_own_field() {
        let s = with(&with(&good("jane@q.com"), "incoming.port", "587"), "outgoing.host", "");
        for f in check(&s).findings {
            if let Some(fix) = f.fix {
                assert_eq!(fix.field, f.field, "{}", f.code);
            }
        }
    }
}
