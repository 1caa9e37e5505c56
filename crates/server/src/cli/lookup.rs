//! `mailcheck lookup`: the provider and recommended servers for an address or domain.

use mailcheck_engine::{lookup, Provider, Server, UsernameForm};
use serde::Serialize;
use std::process::ExitCode;

/// Show the provider and its servers for an address or domain.
#[derive(clap::Args)]
pub struct Args {
    /// An email address (jane@q.com) or a domain (q.com).
    address: String,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Output {
    domain: Option<String>,
    provider: Option<super::ProviderOut>,
    incoming: Vec<ServerOut>,
    outgoing: Vec<ServerOut>,
}

#[derive(Serialize)]
struct ServerOut {
    protocol: &'static str,
    host: &'static str,
    port: u16,
    security: &'static str,
    username: String,
    auth: &'static str,
}

pub fn run(args: Args) -> ExitCode {
    let found = lookup(&args.address);
    let address = args.address.trim();
    let servers =
        |list: &'static [Server], p: &Provider| list.iter().map(|s| server_out(s, p, address)).collect::<Vec<_>>();
    let out = Output {
        domain: found.domain.clone(),
        provider: found.provider.map(super::ProviderOut::from),
        incoming: found.provider.map(|p| servers(p.incoming, p)).unwrap_or_default(),
        outgoing: found.provider.map(|p| servers(p.outgoing, p)).unwrap_or_default(),
    };
    if args.json {
        super::print_json(&out);
    } else {
        print_text(&out);
    }
    ExitCode::SUCCESS
}

/// The user name to type, filled in when an address was given (a bare domain gives a placeholder).
fn username(form: UsernameForm, address: &str) -> String {
    let local = address
        .split_once('@')
        .map(|(local, _)| local.trim())
        .filter(|l| !l.is_empty());
    match (form, local) {
        (UsernameForm::Address, Some(_)) => address.to_owned(),
        (UsernameForm::LocalPart, Some(local)) => local.to_owned(),
        (UsernameForm::Address, None) => "your full email address".into(),
        (UsernameForm::LocalPart, None) => "the part of your address before @".into(),
    }
}

fn server_out(s: &Server, p: &Provider, address: &str) -> ServerOut {
    ServerOut {
        protocol: s.protocol.id(),
        host: s.host,
        port: s.port,
        security: s.security.id(),
        username: username(p.username, address),
        auth: p.auth[0].id(),
    }
}

fn print_text(out: &Output) {
    let Some(domain) = &out.domain else {
        println!("No domain in that input. Try an address like jane@q.com.");
        return;
    };
    let Some(p) = &out.provider else {
        println!("{domain}: provider not known yet. Its settings are on your provider's help pages.");
        return;
    };
    println!("{domain}: {}", p.name);
    for (title, list) in [("Incoming", &out.incoming), ("Outgoing", &out.outgoing)] {
        println!("{title}:");
        for (i, s) in list.iter().enumerate() {
            let mark = if i == 0 { "recommended" } else { "alternative" };
            println!(
                "  {:<5} {}:{} {:<8} user {}  ({mark})",
                s.protocol.to_uppercase(),
                s.host,
                s.port,
                s.security,
                s.username
            );
        }
    }
    println!("Source: {} (checked {})", p.source, p.checked);
}
