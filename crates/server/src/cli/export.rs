//! `mailcheck export`: a file that sets up the account in a mail client, written to stdout.

use mailcheck_engine::account::Account;
use mailcheck_engine::export::{export, Format};
use mailcheck_engine::{Protocol, Settings};
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
    /// The provider's incoming server of this protocol instead of the recommended one (an autoconfig file
    /// lists every server either way, this one first).
    #[arg(long, value_enum, conflicts_with = "settings")]
    protocol: Option<ProtocolArg>,
    /// With --settings: apply every fix `mailcheck check` gives before writing the file (the corrected
    /// settings); a field without a fix stays as it is.
    #[arg(long)]
    fix: bool,
}

/// An incoming protocol.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ProtocolArg {
    Imap,
    Pop3,
}

impl ProtocolArg {
    fn protocol(self) -> Protocol {
        match self {
            ProtocolArg::Imap => Protocol::Imap,
            ProtocolArg::Pop3 => Protocol::Pop3,
        }
    }
}

fn parse_format(id: &str) -> Result<Format, String> {
    Format::parse(id).ok_or_else(|| {
        let ids: Vec<&str> = Format::ALL.iter().map(|f| f.id()).collect();
        format!("choose one of {}", ids.join(", "))
    })
}

pub fn run(args: Args) -> ExitCode {
    if args.fix && args.settings.is_none() {
        return super::fail("--fix corrects your own settings: give them with --settings FILE.", 2);
    }
    let account = match (&args.settings, &args.address) {
        (Some(path), _) => match settings_account(path, args.fix) {
            Ok(account) => account,
            Err(message) => return super::fail(&message, 2),
        },
        (None, Some(address)) => match provider_account(address, args.protocol.map(ProtocolArg::protocol)) {
            Ok(account) => account,
            Err(message) => return super::fail(&message, 1),
        },
        // clap requires one of the two.
        (None, None) => return super::fail("Give an address or --settings FILE.", 2),
    };
    match export(&account, args.format, &salt(), super::database().texts()) {
        Ok(file) => {
            print!("{file}");
            ExitCode::SUCCESS
        }
        Err(e) => super::fail(&e.to_string(), 1),
    }
}

fn provider_account(address: &str, protocol: Option<Protocol>) -> Result<Account, String> {
    let found = super::database().lookup(address);
    let Some(domain) = found.domain else {
        return Err("No domain in that input. Give an address like jane@q.com, or --settings FILE.".into());
    };
    let Some(provider) = found.provider else {
        return Err(format!(
            "{domain}: provider not known yet, so there are no recommended settings to export. \
             Export your own settings instead with --settings FILE."
        ));
    };
    let address = address.trim().contains('@').then_some(address.trim());
    let Some(protocol) = protocol else {
        return Ok(Account::recommended(provider, address));
    };
    let incoming = provider
        .incoming
        .iter()
        .find(|s| s.protocol == protocol)
        .ok_or_else(|| {
            format!(
                "{domain}: {} lists no {} server; its incoming servers are {}.",
                mailcheck_engine::catalog::provenance::Who::of(provider).source(),
                protocol.label(),
                provider
                    .incoming
                    .iter()
                    .map(|s| s.protocol.label())
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        })?;
    Ok(Account::with_servers(
        provider,
        address,
        incoming,
        provider.recommended_outgoing(),
    ))
}

fn settings_account(path: &PathBuf, fix: bool) -> Result<Account, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let settings: Settings = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{} is not a settings JSON file ({e}). `mailcheck import` prints one.",
            path.display()
        )
    })?;
    let provider = super::provider_of(&settings.email);
    let settings = if fix {
        mailcheck_engine::validate::corrected(&settings, provider)
    } else {
        settings
    };
    let account = Account::from_settings(&settings, provider).map_err(|e| e.to_string())?;
    let report = mailcheck_engine::validate::check(&settings, provider);
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == mailcheck_engine::Severity::Error)
        .collect();
    if !errors.is_empty() {
        eprintln!(
            "mailcheck: warning: these settings have {} problem(s) the check calls errors, so the file will not work \
             as it is (`mailcheck check` explains them):",
            errors.len()
        );
        for f in &errors {
            eprintln!("  {}: {}", f.field.path(), f.message);
        }
        if !fix && errors.iter().any(|f| f.fix.is_some()) {
            eprintln!("mailcheck: add --fix to write the file with the corrected settings.");
        }
    }
    Ok(account)
}

/// Makes the Apple profile's payload UUIDs differ between runs (see `mobileconfig::profile`).
fn salt() -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    format!("{}-{}", now.as_nanos(), std::process::id())
}
