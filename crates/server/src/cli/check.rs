//! `mailcheck check`: the engine's field-by-field check of account settings, read as JSON on stdin.
//!
//! Exit codes make it usable in scripts: 0 when nothing will stop the account from working (warnings and
//! notes allowed), 1 when there is an error, 2 when the input is not settings JSON.

use mailcheck_engine::validate::{check_with, Record};
use mailcheck_engine::{Finding, Settings, Severity};
use serde::Serialize;
use std::io::Read;
use std::process::ExitCode;

/// Check account settings field by field. Reads JSON on stdin:
/// {"email", "incoming": {"protocol", "host", "port", "security", "username", "auth"}, "outgoing": {...}}.
/// Exits 1 when a setting will not work, 2 when the input is not JSON.
#[derive(clap::Args)]
pub struct Args {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Output<'a> {
    provider: Option<super::ProviderOut<'a>>,
    findings: &'a [Finding],
}

pub fn run(args: Args) -> ExitCode {
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        return super::fail(&format!("cannot read the settings from standard input: {e}"), 2);
    }
    // serde_json's message ends with "at line L column C", which is what someone fixing the file needs.
    let settings: Settings = match serde_json::from_str(&input) {
        Ok(settings) => settings,
        Err(e) => return super::fail(&format!("the input is not settings JSON: {e}"), 2),
    };
    let found = super::database().lookup(&settings.email);
    let provider = found.provider;
    // A provider without servers for mail apps (Proton: only its Bridge) is checked against its requirements.
    let texts = super::database().texts();
    let report = check_with(&settings, Record::of_lookup(provider, found.no_mail_apps, texts));
    let out = Output {
        provider: provider.or(found.no_mail_apps).map(super::ProviderOut::from),
        findings: &report.findings,
    };
    if args.json {
        super::print_json(&out);
    } else {
        print_text(&out);
    }
    if report.findings.iter().any(|f| f.severity == Severity::Error) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_text(out: &Output) {
    match &out.provider {
        Some(p) => println!("Provider: {} ({})", p.name, p.provenance),
        None => println!("Provider: not known"),
    }
    if out.findings.is_empty() {
        println!("No problems found.");
        return;
    }
    for f in out.findings {
        let label = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        println!();
        println!("{label}: {} ({})", f.field.path(), f.code);
        println!("  {}", f.message);
        if let Some(fix) = &f.fix {
            println!("  Fix: set {} to \"{}\"", fix.field.path(), fix.value);
        }
    }
    let count = |severity| out.findings.iter().filter(|f| f.severity == severity).count();
    println!();
    println!(
        "{} error(s), {} warning(s), {} note(s).",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
}
