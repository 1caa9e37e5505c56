//! `mailcheck export`: a file that sets up the account in a mail client, written to stdout.

use mailcheck_engine::account::Account;
use mailcheck_engine::export::{export, Format};
use mailcheck_engine::{lookup, Settings};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

/// Write an Apple profile, a Thunderbird autoconfig file, an Outlook Autodiscover file or a text summary.
#[derive(clap::Args)]
pub struct Args {
    /// mobileconfig, autoconfig, autodiscover or text.
    #[arg(long, value_parser = parse_format)]
    format: Format,
    /// Export these settings (a JSON file as `mailcheck import` prints) instead of a provider's.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "address",
        required_unless_present = "address"
    )]
    settings: Option<PathBuf>,
    /// An email address (jane@q.com) or a domain (q.com) whose provider's recommended settings to export.
    address: Option<String>,
}

fn parse_format(id: &str) -> Result<Format, String> {
    Format::parse(id).ok_or_else(|| {
        let ids: Vec<&str> = Format::ALL.iter().map(|f| f.id()).collect();
        format!("choose one of {}", ids.join(", "))
    })
}

pub fn run(args: Args) -> ExitCode {
    let account = match (&args.settings, &args.address) {
        (Some(path), _) => match settings_account(path) {
            Ok(account) => account,
            Err(message) => return super::fail(&message, 2),
        },
        (None, Some(address)) => match provider_account(address) {
            Ok(account) => account,
            Err(message) => return super::fail(&message, 1),
        },
        // clap requires one of the two.
        (None, None) => return super::fail("Give an address or --settings FILE.", 2),
    };
    match export(&account, args.format, &salt()) {
        Ok(file) => {
            print!("{file}");
            ExitCode::SUCCESS
        }
        Err(e) => super::fail(&e.to_string(), 1),
    }
}

fn provider_account(address: &str) -> Result<Account, String> {
    let found = lookup(address);
    let Some(domain) = found.domain else {
        return Err("No domain in that input. Give an address like jane@q.com, or --settings FILE.".into());
    };
    let Some(provider) = found.provider else {
        return Err(format!(
            "{domain}: provider not known yet, so there are no recommended settings to export. \
             Export your own settings instead with --settings FILE."
        ));
    };
    let address = address.trim();
    Ok(Account::recommended(provider, address.contains('@').then_some(address)))
}

fn settings_account(path: &PathBuf) -> Result<Account, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let settings: Settings = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{} is not a settings JSON file ({e}). `mailcheck import` prints one.",
            path.display()
        )
    })?;
    Account::from_settings(&settings).map_err(|e| e.to_string())
}

/// Makes the Apple profile's payload UUIDs differ between runs (see `mobileconfig::profile`).
fn salt() -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    format!("{}-{}", now.as_nanos(), std::process::id())
}
