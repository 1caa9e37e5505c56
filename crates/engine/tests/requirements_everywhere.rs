//! Every sign-in requirement of every record in the data (checked records, ISPDB records with a requirement
//! from the provider's own page, Delta Chat's provider database) reaches every answer the engine gives about
//! its provider, with whose word it is: the guide of every app, the text summary, the decoder's fixes for a
//! refused sign-in, and the check of a provider without servers. A provider without requirements gets none
//! of it.

use mailcheck_engine::account::Account;
use mailcheck_engine::decode::decode;
use mailcheck_engine::export::text::summary;
use mailcheck_engine::guide::{guide, Client, Details};
use mailcheck_engine::validate::{check_with, Record};
use mailcheck_engine::{embedded, Provider, Settings};

const REFUSED: &str = "535 5.7.8 Authentication failed";

/// An address of `p`'s own (a record lists its domains).
fn address(p: &Provider) -> String {
    format!("jane@{}", p.domains[0])
}

#[test]
fn every_requirement_of_a_record_with_servers_is_in_every_guide_the_summary_and_the_decoder() {
    let db = embedded();
    let texts = db.texts();
    let with: Vec<&Provider> = db.records().iter().filter(|p| !p.requirements.is_empty()).collect();
    let tiers: Vec<&str> = with
        .iter()
        .flat_map(|p| &p.requirements)
        .map(|r| r.origin.tier())
        .collect();
    for tier in ["checked", "provider-db"] {
        assert!(
            tiers.contains(&tier),
            "no requirement from the {tier} tier in the data: {tiers:?}"
        );
    }
    for p in with {
        let email = address(p);
        let guides: Vec<String> = Client::all()
            .iter()
            .map(|&c| {
                let g = guide(c, &Details::recommended(p, &email), texts);
                g.steps.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n")
            })
            .collect();
        let text = summary(&Account::recommended(p, Some(&email)), texts);
        let settings = Account::recommended(p, Some(&email)).to_settings();
        let fixes: Vec<String> = decode(REFUSED, Some(&settings), Some(p), db.decoder())
            .into_iter()
            .flat_map(|c| c.fixes)
            .collect();
        for r in &p.requirements {
            let what = r.what(&p.name, texts);
            let by = r.by(texts);
            for (client, steps) in Client::all().iter().zip(&guides) {
                assert!(
                    steps.contains(&what) && steps.contains(&by),
                    "{}: {client:?}: {what}",
                    p.id
                );
            }
            assert!(
                text.contains(&what) && text.contains(&by),
                "{}: summary: {what}\n{text}",
                p.id
            );
            if r.kind.is_about_sign_in() {
                assert!(
                    fixes.iter().any(|f| f.contains(&what) && f.contains(&by)),
                    "{}: decoder: {what}\n{fixes:#?}",
                    p.id
                );
            }
        }
    }
    // A record without requirements: none of it.
    let centurylink = db.by_id("centurylink").unwrap();
    let text = summary(&Account::recommended(centurylink, Some("jane@q.com")), texts);
    assert!(!text.contains(texts.get("requirement.before")), "{text}");
}

#[test]
fn every_provider_without_servers_is_known_and_its_check_says_what_it_requires() {
    let db = embedded();
    let texts = db.texts();
    assert!(!db.without_servers().is_empty());
    for p in db.without_servers() {
        let email = address(p);
        let found = db.lookup(&email);
        assert_eq!(
            (found.provider, found.no_mail_apps.map(|r| &r.id)),
            (None, Some(&p.id)),
            "{email}"
        );
        let settings = Settings {
            email: email.clone(),
            ..Settings::default()
        };
        let report = check_with(&settings, Record::of_lookup(found.provider, found.no_mail_apps, texts));
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
        assert!(!codes.contains(&"provider.unknown"), "{email}: {codes:?}");
        let requirement = |f: &&mailcheck_engine::Finding| f.code.starts_with("requirement.");
        if p.requirements.iter().any(|r| r.kind.id() == "no-mail-apps") {
            assert!(report.findings.iter().any(|f| requirement(&f)), "{email}: {codes:?}");
        }
    }
}
