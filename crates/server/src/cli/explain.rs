//! `mailcheck explain`: what an error message from a mail app most likely means, and what to do about it.

use mailcheck_engine::decode::{decode, Cause};
use serde::Serialize;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

/// Explain an error message from a mail app: the likely causes, most likely first, each with its fixes.
#[derive(clap::Args)]
pub struct Args {
    /// The error text as the mail app showed it, in quotes; `-` reads it from standard input.
    #[arg(allow_hyphen_values = true)]
    text: String,
    /// A JSON settings file (as the app saves it): causes and fixes then use your servers and provider.
    #[arg(long, value_name = "FILE")]
    settings: Option<PathBuf>,
    /// An email address (instead of a settings file): causes and fixes then use its provider, such as the
    /// provider's sign-in requirements for a refused sign-in.
    #[arg(long, value_name = "ADDRESS", conflicts_with = "settings")]
    email: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Output<'a> {
    /// For a provider that offers mail apps no servers of its own (Proton: only its Bridge), what to do
    /// instead, with whose word it is: the causes cannot weigh settings against servers it does not have.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    requirements: Vec<super::RequirementOut<'a>>,
    causes: &'a [Cause],
}

pub fn run(args: Args) -> ExitCode {
    let settings = match args.settings.as_deref().map(super::read_settings).transpose() {
        Ok(settings) => settings,
        Err(message) => return super::fail(&message, 2),
    };
    let mut text = args.text;
    if text == "-" {
        text.clear();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            return super::fail(&format!("cannot read the error text from standard input: {e}"), 2);
        }
    }
    let email = settings.as_ref().map(|s| s.email.as_str()).or(args.email.as_deref());
    let found = email.map(|e| super::database().lookup(e));
    let provider = found.as_ref().and_then(|f| f.provider);
    let causes = decode(&text, settings.as_ref(), provider, super::database().decoder());
    let out = Output {
        requirements: found
            .and_then(|f| f.no_mail_apps)
            .map(super::RequirementOut::list)
            .unwrap_or_default(),
        causes: &causes,
    };
    if args.json {
        super::print_json(&out);
    } else {
        super::RequirementOut::print(&out.requirements);
        if !out.requirements.is_empty() {
            println!();
        }
        print_text(&causes);
    }
    ExitCode::SUCCESS
}

fn print_text(causes: &[Cause]) {
    for (i, cause) in causes.iter().enumerate() {
        if i > 0 {
            println!();
        }
        println!("{}. {} [{}]", i + 1, cause.title, cause.code);
        println!("   {}", cause.why);
        if !cause.fixes.is_empty() {
            println!("   What to do:");
            for fix in &cause.fixes {
                println!("   - {fix}");
            }
        }
    }
}
