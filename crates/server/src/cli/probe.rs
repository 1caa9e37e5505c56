//! `mailcheck probe`: test a mail server for real (resolve, connect, TLS, greeting, capabilities,
//! STARTTLS) and explain what was found.

use crate::probe::report::{Detail, Finding};
use crate::probe::{Config, Outcome, Report, Request, Step, Verdict};
use mailcheck_engine::catalog::probe::explain;
use mailcheck_engine::{Protocol, Security};
use std::process::ExitCode;

/// Test a mail server: connect, read its greeting and capabilities, check its certificate. Never logs in.
#[derive(clap::Args)]
pub struct Args {
    /// The server name, e.g. imap.example.com.
    #[arg(long)]
    host: String,
    /// The port, e.g. 993.
    #[arg(long)]
    port: u16,
    /// imap, pop3 or smtp.
    #[arg(long, value_parser = ["imap", "pop3", "smtp"])]
    protocol: String,
    /// tls (SSL/TLS from the first byte), starttls, or none.
    #[arg(long, value_parser = ["tls", "starttls", "none"])]
    security: String,
    /// Print the whole report as JSON instead of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    targets: Targets,
}

/// Which targets the probe may test beyond public addresses on mail ports (shared with `serve`).
#[derive(clap::Args)]
pub struct Targets {
    /// Also test loopback, private and reserved addresses. Never on a public server.
    #[arg(long)]
    allow_private_targets: bool,
    /// Also test ports other than the mail ports 25, 465, 587, 110, 995, 143, 993. Never on a public server.
    #[arg(long)]
    allow_any_port: bool,
    /// Look host names up at this DNS server (IP:PORT) instead of the system's (/etc/resolv.conf): for
    /// tests, or a resolver of the probe's own. The deny list applies to its answers all the same.
    #[arg(long, value_name = "IP:PORT")]
    dns_server: Option<std::net::SocketAddr>,
}

impl Targets {
    /// The probe's configuration with these permissions; on failure the error is printed.
    pub fn config(&self) -> Result<Config, ExitCode> {
        let mut config = Config::new().map_err(|e| {
            eprintln!("mailcheck: cannot set up TLS: {e}");
            ExitCode::FAILURE
        })?;
        config.allow_private_targets = self.allow_private_targets;
        config.allow_any_port = self.allow_any_port;
        if let Some(server) = self.dns_server {
            config.resolver = std::sync::Arc::new(crate::dns::Resolver::at(server));
        }
        Ok(config)
    }
}

fn protocol(id: &str) -> Protocol {
    match id {
        "pop3" => Protocol::Pop3,
        "smtp" => Protocol::Smtp,
        _ => Protocol::Imap,
    }
}

fn security(id: &str) -> Security {
    match id {
        "starttls" => Security::Starttls,
        "none" => Security::None,
        _ => Security::Tls,
    }
}

/// Exit code 0 when the server works as configured (warnings included), 1 when it does not.
pub fn run(args: Args) -> ExitCode {
    let config = match args.targets.config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let request = Request {
        host: args.host,
        port: args.port,
        protocol: protocol(&args.protocol),
        security: security(&args.security),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mailcheck: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let json = args.json;
    let report = runtime.block_on(async {
        let (steps, mut received) = tokio::sync::mpsc::unbounded_channel();
        let printer = async {
            while let Some(step) = received.recv().await {
                if !json {
                    print_step(&step);
                }
            }
        };
        let (report, ()) = tokio::join!(crate::probe::run(request, &config, Some(steps)), printer);
        report
    });
    if json {
        super::print_json(&report);
    } else {
        print_verdict(&report);
    }
    if report.verdict == Verdict::Failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_step(step: &Step) {
    let mark = match step.outcome {
        Outcome::Ok => "ok  ",
        Outcome::Warning => "warn",
        Outcome::Failed => "FAIL",
    };
    let detail = match &step.detail {
        Some(Detail::Addresses(list)) => list.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
        Some(Detail::Connected(addr)) => addr.to_string(),
        Some(Detail::Tls(tls)) => {
            let cert = tls
                .certificate
                .as_ref()
                .map(|c| {
                    format!(
                        "; certificate for {} from {}, until {}",
                        c.names.join(", "),
                        c.issuer,
                        c.not_after
                    )
                })
                .unwrap_or_default();
            format!("{}, {}{cert}", tls.version, tls.cipher)
        }
        Some(Detail::Reply(lines)) => lines.first().cloned().unwrap_or_default(),
        Some(Detail::Capabilities(c)) => {
            let mut parts = vec![if c.starttls { "STARTTLS offered" } else { "no STARTTLS" }.to_owned()];
            if !c.auth.is_empty() {
                parts.push(format!("AUTH {}", c.auth.join(" ")));
            }
            if c.accepts_passwords {
                parts.push("takes passwords".into());
            }
            parts.join(", ")
        }
        None => String::new(),
    };
    let error = step.error.as_deref().map(|e| format!("  ({e})")).unwrap_or_default();
    println!("{mark} {:<13} {:>6} ms  {detail}{error}", step.name.id(), step.ms);
}

fn print_verdict(report: &Report) {
    println!();
    for f in &report.findings {
        print_finding(f);
    }
    let verdict = match report.verdict {
        Verdict::Ok => "Works as configured.",
        Verdict::Warnings => "Works, with warnings (above).",
        Verdict::Failed => "Does not work as configured (see above).",
    };
    println!("{verdict} ({} ms)", report.ms);
}

fn print_finding(f: &Finding) {
    let params: Vec<(&str, &str)> = f.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let severity = format!("{:?}", f.severity).to_lowercase();
    match explain(f.code.id(), &params) {
        Some(e) => println!("{severity}: {} [{}]\n  {}\n  {}\n", e.title, f.code.id(), e.why, e.fix),
        None => println!("{severity}: {}\n", f.code.id()),
    }
}
