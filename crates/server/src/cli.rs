//! The command line: one subcommand a file under `cli/`, each printing readable text by default and JSON
//! with `--json`.

mod check;
mod discover;
mod explain;
mod export;
mod guide;
mod import;
mod lookup;
mod probe;
mod recommend;
mod serve;

use clap::{Parser, Subcommand};
use mailcheck_engine::catalog::provenance;
use mailcheck_engine::discover::clean::is_unwanted;
use mailcheck_engine::{Database, Origin, Provider, Requirement, Settings};
use std::path::Path;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "mailcheck",
    version,
    about = "Check email settings: serve the web app, or ask the engine."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Serve(Box<serve::Args>),
    Lookup(lookup::Args),
    Check(check::Args),
    Guide(guide::Args),
    Export(export::Args),
    Import(import::Args),
    Probe(probe::Args),
    Discover(discover::Args),
    Explain(explain::Args),
    Recommend(recommend::Args),
}

impl Cli {
    /// Runs the subcommand; the exit code is the command's verdict.
    pub fn run(self) -> ExitCode {
        match self.command {
            Command::Serve(args) => serve::run(*args),
            Command::Lookup(args) => lookup::run(args),
            Command::Check(args) => check::run(args),
            Command::Guide(args) => guide::run(args),
            Command::Export(args) => export::run(args),
            Command::Import(args) => import::run(args),
            Command::Probe(args) => probe::run(args),
            Command::Discover(args) => discover::run(args),
            Command::Explain(args) => explain::run(args),
            Command::Recommend(args) => recommend::run(args),
        }
    }
}

/// A provider as JSON output names it: who, and where its settings come from (the tier, with its source or
/// the ISPDB file and commit, and the sentence the app shows).
#[derive(serde::Serialize)]
struct ProviderOut<'a> {
    id: &'a str,
    name: &'a str,
    origin: &'a Origin,
    provenance: String,
    page: Option<&'a str>,
}

impl<'a> From<&'a Provider> for ProviderOut<'a> {
    fn from(p: &'a Provider) -> Self {
        ProviderOut {
            id: &p.id,
            name: &p.name,
            origin: &p.origin,
            provenance: provenance::sentence(p),
            page: p.page(),
        }
    }
}

/// A sign-in requirement as JSON output names it: the requirement with its source, what to do in words, and
/// whose word it is.
#[derive(serde::Serialize)]
struct RequirementOut<'a> {
    #[serde(flatten)]
    requirement: &'a Requirement,
    says: String,
    by: String,
}

impl<'a> RequirementOut<'a> {
    fn list(p: &'a Provider) -> Vec<RequirementOut<'a>> {
        let texts = database().texts();
        p.requirements_in_order()
            .into_iter()
            .map(|r| RequirementOut {
                requirement: r,
                says: r.sentence(&p.name, texts),
                by: r.by(texts),
            })
            .collect()
    }

    /// The requirements as text: a heading, then each with its source and its quotation.
    fn print(list: &[RequirementOut]) {
        let texts = database().texts();
        if list.is_empty() {
            return;
        }
        println!("{}", texts.get("requirement.before"));
        for r in list {
            println!("  - {}", r.says);
            println!("    {}", texts.fill("requirement.source", &[("by", &r.by)]));
            if let Some(quote) = &r.requirement.quote {
                println!("    {}", texts.fill("requirement.quote", &[("quote", quote)]));
            }
        }
    }
}

/// The database compiled into this binary.
fn database() -> &'static Database {
    mailcheck_engine::embedded()
}

/// The provider of an address's domain, when the database knows it.
fn provider_of(email: &str) -> Option<&'static Provider> {
    database().lookup(email).provider
}

/// Prints a value as pretty JSON on stdout, with every character that could drive a terminal or reorder
/// what it shows written as a `\u` escape (the same value for a JSON reader; serde_json escapes C0 controls
/// only), so no `--json` answer writes a control character it did not mean to, whatever text it carries.
fn print_json(value: &impl serde::Serialize) {
    let json = serde_json::to_string_pretty(value).expect("CLI output types always serialize");
    println!("{}", json_for_terminal(&json));
}

/// `json` with the characters of [`is_unwanted`] but its line breaks escaped; only strings can hold them.
fn json_for_terminal(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unwanted(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Prints `message` on stderr and returns exit code `code`.
fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("mailcheck: {message}");
    ExitCode::from(code)
}

/// Reads a JSON settings file as the app saves it; the error says which file and what is wrong with it.
fn read_settings(path: &Path) -> Result<Settings, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not a settings file: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_answers_escape_what_could_drive_a_terminal_and_mean_the_same() {
        let value = serde_json::json!({ "name": "a\u{9b}b\u{2066}c\u{7f}\u{1b}" });
        let text = json_for_terminal(&serde_json::to_string_pretty(&value).unwrap());
        assert!(!text.chars().any(|c| is_unwanted(c) && c != '\n'), "{text:?}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
