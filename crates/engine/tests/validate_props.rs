//! Properties of `validate::check` over generated settings: it never panics, its report keeps its
//! promises (sorted, one finding a field, fixes on their own field), for every provider in the database
//! applying the fixes leads to settings without errors or warnings, and settings the check finds no error in
//! can always be made into files.

use mailcheck_engine::account::Account;
use mailcheck_engine::validate::Report;
use mailcheck_engine::{embedded, Field, Provider, ServerSettings, Settings, Severity};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// The check against the database's provider of the address, as the app and the CLI call it.
fn check(settings: &Settings) -> Report {
    mailcheck_engine::validate::check(settings, embedded().lookup(&settings.email).provider)
}

/// The check against one record, whatever the address: MX-only records (a host for other domains' mail)
/// are reached through discovery, not through an address of theirs.
fn check_with(settings: &Settings, provider: Option<&Provider>) -> Report {
    mailcheck_engine::validate::check(settings, provider)
}

/// Any text: every Unicode scalar (control characters included), sometimes very long.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::collection::vec(any::<char>(), 0..40).prop_map(String::from_iter),
        1 => proptest::collection::vec(any::<char>(), 0..3000).prop_map(String::from_iter),
    ]
}

/// Text for one field: often a value people really type (right, nearly right, or another provider's),
/// sometimes anything at all.
fn field(typical: Vec<String>) -> impl Strategy<Value = String> {
    prop_oneof![3 => proptest::sample::select(typical), 1 => any_text()]
}

fn texts(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// Host names from the whole database, plus the ways people mangle them.
fn hosts() -> Vec<String> {
    let mut all = vec![
        String::new(),
        "mail.example.org".into(),
        "mail".into(),
        "mail_x.com".into(),
    ];
    for p in embedded().records() {
        for s in p.incoming.iter().chain(&p.outgoing) {
            let h = s.host.as_str();
            all.extend([
                h.to_owned(),
                h.to_uppercase(),
                format!("{h}."),
                format!(" {h} "),
                format!("https://{h}/"),
                format!("{h}:{}", s.port),
                h.replacen('.', "..", 1),
                // One letter dropped: a typo.
                h.char_indices().nth(h.len() / 2).map_or(h.to_owned(), |(i, _)| {
                    let mut t = h.to_owned();
                    t.remove(i);
                    t
                }),
            ]);
        }
        all.extend(p.wrong_hosts.iter().map(|w| w.host.to_owned()));
    }
    all
}

fn server(email: &str, local: &str) -> impl Strategy<Value = ServerSettings> {
    let usernames = vec![
        String::new(),
        email.to_owned(),
        email.to_uppercase(),
        local.to_owned(),
        "someone@example.org".into(),
    ];
    (
        field(texts(&["", "imap", "pop3", "pop", "smtp", "IMAP", "http"])),
        field(hosts()),
        prop_oneof![
            3 => field(texts(&["", "0", "25", "110", "143", "465", "587", "993", "995", "2525", "70000", "abc", " 993 "])),
            1 => any::<u16>().prop_map(|p| p.to_string()),
        ],
        field(texts(&["", "tls", "ssl", "SSL/TLS", "starttls", "STARTTLS", "none", "auto"])),
        field(usernames),
        field(texts(&["", "password", "oauth2", "none", "OAuth2", "plain"])),
    )
        .prop_map(|(a, b, c, d, e, f)| ServerSettings::from([a, b, c, d, e, f]))
}

fn settings_for(provider: &'static Provider) -> impl Strategy<Value = Settings> {
    let domains = if provider.domains.is_empty() {
        vec!["hosted.example".to_owned()]
    } else {
        provider.domains.clone()
    };
    (proptest::sample::select(domains), "[a-z][a-z0-9.]{0,10}", any::<bool>()).prop_flat_map(
        |(domain, local, shout)| {
            let email = format!("{local}@{domain}");
            let typed = if shout {
                format!("  {} ", email.to_uppercase())
            } else {
                email.clone()
            };
            (Just(typed), server(&email, &local), server(&email, &local)).prop_map(|(email, incoming, outgoing)| {
                Settings {
                    email,
                    incoming,
                    outgoing,
                }
            })
        },
    )
}

fn settings_for_unknown() -> impl Strategy<Value = Settings> {
    let email = "jane@example.org";
    (server(email, "jane"), server(email, "jane")).prop_map(move |(incoming, outgoing)| Settings {
        email: email.into(),
        incoming,
        outgoing,
    })
}

/// Sets every fix of one report against `provider`; `false` when there was none.
fn apply_fixes(settings: &mut Settings, provider: Option<&Provider>) -> bool {
    let fixes: Vec<_> = check_with(settings, provider)
        .findings
        .into_iter()
        .filter_map(|f| f.fix)
        .collect();
    for fix in &fixes {
        settings.set(fix.field, fix.value.clone());
    }
    !fixes.is_empty()
}

/// The one warning allowed to remain: no encryption where that is all the provider publishes (it has no
/// fix, because there is nothing better to set).
fn unavoidable(code: &str, severity: Severity, has_fix: bool) -> bool {
    code == "security.none" && severity == Severity::Warning && !has_fix
}

/// Runs `test` on generated settings for each provider in the database, so that every record is covered
/// however many there are; a failure names the provider. Checked records get more cases: the ISPDB's two
/// hundred share their few shapes, and the whole run stays about a minute in a debug build.
fn for_every_provider(test: impl Fn(&'static Provider, Settings) -> Result<(), TestCaseError>) {
    for provider in embedded().records() {
        let mut runner = TestRunner::new(Config {
            cases: if provider.is_checked() { 64 } else { 16 },
            ..Config::default()
        });
        if let Err(e) = runner.run(&settings_for(provider), |settings| test(provider, settings)) {
            panic!("{}: {e}", provider.id);
        }
    }
}

#[test]
fn applying_the_fixes_ends_without_errors_or_warnings_for_every_provider() {
    for_every_provider(|provider, mut settings| {
        let original = settings.clone();
        for _ in 0..4 {
            if !apply_fixes(&mut settings, Some(provider)) {
                break;
            }
        }
        let report = check_with(&settings, Some(provider));
        if !provider.domains.is_empty() {
            prop_assert_eq!(
                embedded().lookup(&settings.email).provider.map(|p| &p.id),
                Some(&provider.id)
            );
        }
        for f in &report.findings {
            prop_assert!(
                f.severity == Severity::Info || unavoidable(&f.code, f.severity, f.fix.is_some()),
                "left {:?} after fixing\n  from {:?}\n  to {:?}",
                f,
                original,
                settings
            );
        }
        Ok(())
    });
}

/// What the check accepts, the files accept: settings without an error finding always make an [`Account`]
/// (the files and guides), so "Save & share" never refuses what "Check my settings" called fine.
fn without_errors_the_files_can_be_made(settings: &Settings, provider: Option<&Provider>) -> Result<(), TestCaseError> {
    if check_with(settings, provider)
        .findings
        .iter()
        .all(|f| f.severity != Severity::Error)
    {
        let account = Account::from_settings(settings, provider);
        prop_assert!(account.is_ok(), "{:?} for {:?}", account.err(), settings);
    }
    Ok(())
}

#[test]
fn settings_the_check_accepts_make_files() {
    for_every_provider(|provider, mut settings| {
        without_errors_the_files_can_be_made(&settings, Some(provider))?;
        apply_fixes(&mut settings, Some(provider));
        without_errors_the_files_can_be_made(&settings, Some(provider))
    });
    let mut runner = TestRunner::new(Config {
        cases: 512,
        ..Config::default()
    });
    let unknown = runner.run(&settings_for_unknown(), |mut settings| {
        apply_fixes(&mut settings, None);
        without_errors_the_files_can_be_made(&settings, None)
    });
    if let Err(e) = unknown {
        panic!("{e}");
    }
}

#[test]
fn one_round_of_fixes_is_enough() {
    // "Apply all fixes" in the app is one click: the fixes of one report must already agree.
    for_every_provider(|provider, mut settings| {
        apply_fixes(&mut settings, Some(provider));
        let after: Vec<_> = check_with(&settings, Some(provider))
            .findings
            .into_iter()
            .filter(|f| f.severity != Severity::Info && !unavoidable(&f.code, f.severity, f.fix.is_some()))
            .collect();
        prop_assert!(after.is_empty(), "{:?} in {:?}", after, settings);
        Ok(())
    });
}

#[test]
fn fixes_for_an_unknown_provider_are_final() {
    // Without a provider some fields cannot be fixed, but the fixes given must agree with each other: after
    // one round, nothing is left that a fix could repair.
    let unknown = settings_for_unknown();
    let mut runner = TestRunner::new(Config {
        cases: 512,
        ..Config::default()
    });
    let result = runner.run(&unknown, |mut settings| {
        let original = settings.clone();
        apply_fixes(&mut settings, None);
        let left: Vec<_> = check(&settings)
            .findings
            .into_iter()
            .filter(|f| f.fix.is_some())
            .collect();
        prop_assert!(
            left.is_empty(),
            "{:?}\n  from {:?}\n  to {:?}",
            left,
            original,
            settings
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

fn any_server() -> impl Strategy<Value = ServerSettings> {
    (any_text(), any_text(), any_text(), any_text(), any_text(), any_text())
        .prop_map(|(a, b, c, d, e, f)| ServerSettings::from([a, b, c, d, e, f]))
}

proptest! {
    #![proptest_config(Config { cases: 512, ..Config::default() })]

    #[test]
    fn any_text_is_checked_without_panic_and_the_report_keeps_its_promises(
        email in prop_oneof![any_text(), any_text().prop_map(|s| format!("{s}@gmail.com"))],
        incoming in any_server(),
        outgoing in any_server(),
    ) {
        let settings = Settings { email, incoming, outgoing };
        let report = check(&settings);
        let keys: Vec<_> = report.findings.iter().map(|f| (f.severity, f.field)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(&keys, &sorted, "worst first, then by field");
        let mut fields: Vec<Field> = report.findings.iter().map(|f| f.field).collect();
        fields.sort();
        let count = fields.len();
        fields.dedup();
        prop_assert_eq!(fields.len(), count, "one finding a field: {:?}", report.findings);
        for f in &report.findings {
            prop_assert!(!f.code.is_empty() && !f.message.is_empty());
            if let Some(fix) = &f.fix {
                prop_assert_eq!(fix.field, f.field);
                prop_assert!(f.severity != Severity::Info, "an info has nothing to fix: {:?}", f);
            }
        }
    }

    #[test]
    fn applying_fixes_to_any_text_never_panics(incoming in any_server(), outgoing in any_server()) {
        let mut settings = Settings { email: "jane@q.com".into(), incoming, outgoing };
        for _ in 0..4 {
            if !apply_fixes(&mut settings, embedded().by_id("centurylink")) {
                break;
            }
        }
    }
}
