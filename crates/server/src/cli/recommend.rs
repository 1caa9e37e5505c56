//! `mailcheck recommend`: IMAP or POP3 for the way someone reads their mail, with the reasons.

use mailcheck_engine::advice::{recommend, Answers, Keep, Recommendation, Section};
use mailcheck_engine::Provider;
use serde::Serialize;
use std::process::ExitCode;

/// Recommend IMAP or POP3 from a few answers, with the reasons and your provider's notes.
#[derive(clap::Args)]
pub struct Args {
    /// How many devices (computers, phones, tablets) read this mailbox.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    devices: u32,
    /// Where you want your mail kept, if you have a preference.
    #[arg(long, value_enum)]
    keep: Option<KeepArg>,
    /// You want an archive on this computer that stays even after the server deletes the mail.
    #[arg(long)]
    offline_archive: bool,
    /// Your mailbox quota in MB, if you know it (otherwise your provider's, when known).
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u32).range(1..))]
    quota_mb: Option<u32>,
    /// Your email address: your provider's servers, limits and notes are then taken into account.
    #[arg(long, value_name = "ADDRESS")]
    address: Option<String>,
    /// Print the explanation of IMAP and POP before the recommendation.
    #[arg(long)]
    explain: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum KeepArg {
    /// On the mail server, where every device can see it.
    Server,
    /// On this computer.
    Computer,
}

#[derive(Serialize)]
struct Output<'a> {
    protocol: &'static str,
    reasons: Vec<ReasonOut>,
    notes: Vec<NoteOut>,
    /// The provider's server for the recommended protocol.
    server: Option<ServerOut>,
    provider: Option<super::ProviderOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<&'static [Section]>,
}

#[derive(Serialize)]
struct ReasonOut {
    code: &'static str,
    favours: &'static str,
    text: String,
}

#[derive(Serialize)]
struct NoteOut {
    code: &'static str,
    text: String,
}

#[derive(Serialize)]
struct ServerOut {
    protocol: &'static str,
    host: String,
    port: u16,
    security: &'static str,
}

pub fn run(args: Args) -> ExitCode {
    let answers = Answers {
        devices: args.devices,
        keep: args.keep.map(|k| match k {
            KeepArg::Server => Keep::Server,
            KeepArg::Computer => Keep::Computer,
        }),
        offline_archive: args.offline_archive,
        quota_mb: args.quota_mb,
    };
    let found = args.address.as_deref().map(|a| super::database().lookup(a));
    let provider = found.as_ref().and_then(|l| l.provider);
    let r = recommend(&answers, provider, super::database().texts());
    if args.json {
        super::print_json(&output(r, provider, args.explain));
        return ExitCode::SUCCESS;
    }
    if args.explain {
        print_explanation();
    }
    if let (Some(l), None) = (&found, provider) {
        let domain = l.domain.as_deref().unwrap_or("That address");
        println!("{domain}: provider not known yet, so the recommendation leaves its servers and limits out.\n");
    }
    print_text(&r, provider);
    ExitCode::SUCCESS
}

fn output(r: Recommendation, provider: Option<&Provider>, explain: bool) -> Output<'_> {
    Output {
        protocol: r.protocol.id(),
        reasons: r
            .reasons
            .into_iter()
            .map(|reason| ReasonOut {
                code: reason.code,
                favours: reason.favours.id(),
                text: reason.text,
            })
            .collect(),
        notes: r
            .notes
            .into_iter()
            .map(|note| NoteOut {
                code: note.code,
                text: note.text,
            })
            .collect(),
        server: r.server.map(|s| ServerOut {
            protocol: s.protocol.id(),
            host: s.host,
            port: s.port,
            security: s.security.id(),
        }),
        provider: provider.map(super::ProviderOut::from),
        explanation: explain.then(|| super::database().explanation()),
    }
}

fn print_explanation() {
    for section in super::database().explanation() {
        println!("{}", section.heading);
        for paragraph in &section.paragraphs {
            println!("  {paragraph}");
        }
        println!();
    }
}

fn print_text(r: &Recommendation, provider: Option<&Provider>) {
    println!("Recommendation: {}", r.protocol.label());
    println!("Why:");
    for reason in &r.reasons {
        println!("  - For {}: {}", reason.favours.label(), reason.text);
    }
    if !r.notes.is_empty() {
        println!("Good to know:");
        for note in &r.notes {
            println!("  - {}", note.text);
        }
    }
    if let (Some(s), Some(p)) = (&r.server, provider) {
        println!(
            "Server for {}: {} {}, port {}, security {}",
            p.name,
            s.protocol.label(),
            s.host,
            s.port,
            s.security.label()
        );
    }
}
