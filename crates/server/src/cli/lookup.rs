//! `mailcheck lookup`: the provider and servers for an address or domain, with where they come from; or,
//! with `--all`, every domain the database knows.

use mailcheck_engine::catalog::provenance;
use mailcheck_engine::{AuthMethod, Doc, Provider, Server, WrongHost};
use serde::Serialize;
use std::process::ExitCode;

/// Show the provider and its servers for an address or domain, and where the settings come from.
#[derive(clap::Args)]
pub struct Args {
    /// An email address (jane@q.com) or a domain (q.com).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    address: Option<String>,
    /// List every domain the database knows, with its provider and the tier of its settings.
    #[arg(long)]
    all: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Output<'a> {
    domain: Option<String>,
    provider: Option<super::ProviderOut<'a>>,
    /// Whether the provider offers mail apps no IMAP/POP of its own (its requirements say what instead; no
    /// servers are listed).
    no_mail_apps: bool,
    /// What to do before signing in, each with whose word it is: shown before the servers.
    requirements: Vec<super::RequirementOut<'a>>,
    incoming: Vec<ServerOut<'a>>,
    outgoing: Vec<ServerOut<'a>>,
    notes: &'a [String],
    docs: &'a [Doc],
    wrong_hosts: &'a [WrongHost],
}

#[derive(Serialize)]
struct ServerOut<'a> {
    #[serde(flatten)]
    server: &'a Server,
    /// The user name for the address given, or a description of it for a bare domain.
    username_for_address: String,
    /// The sign-in method to set up.
    sign_in: AuthMethod,
}

/// One line of `--all`.
#[derive(Serialize)]
struct DomainOut<'a> {
    domain: &'a str,
    /// `mail` for an address's domain, `mx` for a mail host's domain (used to find hosted domains' provider).
    kind: &'static str,
    provider: &'a str,
    tier: &'static str,
}

pub fn run(args: Args) -> ExitCode {
    if args.all {
        return list_all(args.json);
    }
    let address = args.address.as_deref().unwrap_or_default().trim();
    let found = super::database().lookup(address);
    let servers = |list: &'static [Server], p: &'static Provider| {
        list.iter().map(|s| server_out(s, p, address)).collect::<Vec<_>>()
    };
    // A provider without servers for mail apps is known too: its requirements say what to do instead.
    let record = found.provider.or(found.no_mail_apps);
    let out = Output {
        domain: found.domain.clone(),
        provider: record.map(super::ProviderOut::from),
        no_mail_apps: found.no_mail_apps.is_some(),
        requirements: record.map(super::RequirementOut::list).unwrap_or_default(),
        incoming: found.provider.map(|p| servers(&p.incoming, p)).unwrap_or_default(),
        outgoing: found.provider.map(|p| servers(&p.outgoing, p)).unwrap_or_default(),
        notes: record.map_or(&[], |p| &p.notes),
        docs: record.map_or(&[], |p| &p.docs),
        wrong_hosts: record.map_or(&[], |p| &p.wrong_hosts),
    };
    if args.json {
        super::print_json(&out);
    } else {
        print_text(&out, record);
    }
    ExitCode::SUCCESS
}

fn list_all(json: bool) -> ExitCode {
    let mut all: Vec<DomainOut> = Vec::new();
    let db = super::database();
    for p in db.records().iter().chain(db.without_servers()) {
        let tier = p.origin.tier();
        let kinds = p
            .domains
            .iter()
            .map(|d| (d, "mail"))
            .chain(p.mx_domains.iter().map(|d| (d, "mx")));
        all.extend(kinds.map(|(domain, kind)| DomainOut {
            domain,
            kind,
            provider: &p.id,
            tier,
        }));
    }
    all.sort_by(|a, b| a.domain.cmp(b.domain));
    if json {
        super::print_json(&all);
    } else {
        for d in &all {
            println!("{:<32} {:<4} {:<8} {}", d.domain, d.kind, d.tier, d.provider);
        }
        let mail = all.iter().filter(|d| d.kind == "mail").count();
        println!("{mail} mail domains, {} mail-host (MX) domains", all.len() - mail);
    }
    ExitCode::SUCCESS
}

/// The user name to type, filled in when an address was given (a bare domain gives a description).
fn username(s: &Server, address: &str) -> String {
    s.username
        .resolve(address)
        .unwrap_or_else(|| match s.username.template() {
            "%EMAILADDRESS%" => "your full email address".into(),
            "%EMAILLOCALPART%" => "the part of your address before @".into(),
            template => format!("{template} (made from your address)"),
        })
}

fn server_out<'a>(s: &'a Server, p: &Provider, address: &str) -> ServerOut<'a> {
    ServerOut {
        server: s,
        username_for_address: username(s, address),
        sign_in: p.auth_for(s),
    }
}

fn print_text(out: &Output, provider: Option<&Provider>) {
    let Some(domain) = &out.domain else {
        println!("No domain in that input. Try an address like jane@q.com.");
        return;
    };
    let (Some(p), Some(record)) = (&out.provider, provider) else {
        println!("{domain}: provider not known yet. Its settings are on your provider's help pages.");
        return;
    };
    println!("{domain}: {} [{}]", p.name, provenance::tier_label(record));
    println!("{}", p.provenance);
    super::RequirementOut::print(&out.requirements);
    if out.no_mail_apps {
        let texts = super::database().texts();
        println!(
            "{}",
            texts.fill("requirement.no-servers", &[("provider", &record.name)])
        );
    }
    for (title, list) in [("Incoming", &out.incoming), ("Outgoing", &out.outgoing)] {
        if out.no_mail_apps {
            break;
        }
        println!("{title}:");
        for (i, s) in list.iter().enumerate() {
            let mark = if i == 0 { "recommended" } else { "alternative" };
            println!(
                "  {:<5} {}:{} {:<8} user {}  sign-in {}  ({mark})",
                s.server.protocol.label(),
                s.server.host,
                s.server.port,
                s.server.security.id(),
                s.username_for_address,
                s.sign_in.id()
            );
        }
    }
    for note in out.notes {
        println!("Note: {note}");
    }
    for w in out.wrong_hosts {
        println!("Not {}: {}", w.host, w.why);
    }
    if let Some(url) = p.page {
        println!("{}: {url}", provenance::page_label(record));
    }
    if let Some(caution) = provenance::caution(record) {
        println!("{caution}");
    }
}
