//! `mailcheck guide`: step-by-step setup for one mail app, filled in from a provider's recommended settings
//! or from a settings file.

use mailcheck_engine::catalog::guide as words;
use mailcheck_engine::guide::{self, Client, Details, Guide};
use mailcheck_engine::Settings;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Show how to set up an account in one mail app, step by step, with the values filled in.
#[derive(clap::Args)]
pub struct Args {
    /// The mail app, e.g. thunderbird or ios-mail (an unknown id lists them all).
    #[arg(long)]
    client: String,
    /// A JSON settings file (as the app saves it) to fill the guide from, instead of the provider's
    /// recommended settings.
    #[arg(long, value_name = "FILE")]
    settings: Option<PathBuf>,
    /// An email address (jane@q.com): its provider's recommended settings fill the guide.
    address: Option<String>,
    /// Your name as others should see it on your mail.
    #[arg(long)]
    name: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let Some(client) = Client::from_id(&args.client) else {
        eprintln!("Unknown mail app {:?}. Choose one of:", args.client);
        for c in Client::all() {
            eprintln!("  {:<20} {}", c.id(), c.label());
        }
        return ExitCode::from(2);
    };
    let account = match account(&args) {
        Ok(account) => account,
        Err((message, code)) => {
            eprintln!("{message}");
            return ExitCode::from(code);
        }
    };
    let account = match &args.name {
        Some(name) => account.with_display_name(name),
        None => account,
    };
    let guide = guide::guide(client, &account, super::database().texts());
    if args.json {
        super::print_json(&guide);
    } else {
        print_text(&guide);
    }
    ExitCode::SUCCESS
}

/// The account to fill in, or the message and exit code saying why there is none.
fn account(args: &Args) -> Result<Details, (String, u8)> {
    let address = args.address.as_deref().map(str::trim).unwrap_or("");
    if let Some(path) = &args.settings {
        let mut settings = read_settings(path).map_err(|message| (message, 1))?;
        if settings.email.trim().is_empty() {
            settings.email = address.to_owned();
        }
        return Ok(Details::from_settings(&settings));
    }
    if address.is_empty() {
        return Err((
            "Give an email address, or your own settings with --settings FILE.".into(),
            2,
        ));
    }
    let found = super::database().lookup(address);
    match (found.domain, found.provider) {
        (_, Some(provider)) => Ok(Details::recommended(provider, address)),
        (None, None) => Err(("No domain in that input. Try an address like jane@q.com.".into(), 1)),
        (Some(domain), None) => Err((
            format!(
                "{domain}: provider not known yet, so there are no recommended settings to fill in. Give your \
                 own settings with --settings FILE."
            ),
            1,
        )),
    }
}

fn read_settings(path: &Path) -> Result<Settings, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not a settings file: {e}", path.display()))
}

fn print_text(g: &Guide) {
    println!("{}", g.title);
    println!("{}", words::for_version(&g.version));
    println!("{}", words::source(g.source));
    for (i, step) in g.steps.iter().enumerate() {
        println!();
        println!("{}. {}", i + 1, step.text);
        for e in &step.fields {
            println!("     {}: {}", e.label, words::value(&e.value));
        }
    }
    if !g.notes.is_empty() {
        println!();
        println!("{}", words::NOTES);
        for n in &g.notes {
            println!("  {} {}", words::note_mark(n.level), n.text);
        }
    }
}
