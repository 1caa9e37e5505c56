//! `mailcheck discover`: find the settings of a domain the database does not know, every source's answer
//! as it arrives, then the merged record with who agrees and who does not.

use crate::discover::{self, Config, Report, Request, SourceReport, Target};
use mailcheck_engine::discover::clean::is_unwanted;
use std::path::PathBuf;
use std::process::ExitCode;

/// Find the settings of any domain: its own autoconfig file, the ISPDB online, MX and SRV records, and
/// guesses confirmed by talking to the servers. Exit code 0 when settings were found (or the database knows
/// the domain), 1 when not.
#[derive(clap::Args)]
pub struct Args {
    /// An email address (jane@example.org; the address goes only to the domain's own autoconfig file over
    /// https) or a domain (example.org).
    address: String,
    /// Discover even when mailcheck's database knows the domain (its record then takes part as a source).
    #[arg(long)]
    force: bool,
    /// Print the whole report as JSON instead of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    targets: super::probe::Targets,
    #[command(flatten)]
    options: Options,
}

/// Discovery's own options, shared with `serve`.
#[derive(clap::Args, Clone, Debug)]
pub struct Options {
    /// Where the Thunderbird ISPDB online is asked (the domain is added at the end); an empty value leaves
    /// it out.
    #[arg(long, value_name = "URL", default_value = discover::ISPDB)]
    ispdb_url: String,
    /// Tests only: also trust the CA certificates in this PEM file for discovery's https fetches and guesses.
    #[arg(long, value_name = "FILE", hide = true)]
    test_ca: Option<PathBuf>,
    /// Tests only: dial port TO instead of FROM (e.g. 443=8443), repeatable.
    #[arg(long, value_name = "FROM=TO", hide = true, value_parser = port_pair)]
    test_port: Vec<(u16, u16)>,
    /// Tests only: an address allowed although the deny list refuses it, repeatable.
    #[arg(long, value_name = "IP", hide = true)]
    test_allow_address: Vec<std::net::IpAddr>,
}

fn port_pair(text: &str) -> Result<(u16, u16), String> {
    let (from, to) = text.split_once('=').ok_or("give FROM=TO, e.g. 443=8443")?;
    Ok((
        from.parse().map_err(|_| "FROM is a port")?,
        to.parse().map_err(|_| "TO is a port")?,
    ))
}

impl Options {
    /// Discovery's configuration with these options and `targets`' permissions; on failure the error is
    /// printed.
    pub fn config(&self, targets: &super::probe::Targets) -> Result<Config, ExitCode> {
        let fail = |e: String| {
            eprintln!("mailcheck: {e}");
            ExitCode::FAILURE
        };
        let mut roots = Vec::new();
        if let Some(path) = &self.test_ca {
            let pem = std::fs::read(path).map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
            for cert in rustls_pemfile_certs(&pem) {
                roots.push(cert);
            }
        }
        let probe = targets.config()?;
        let mut config = Config::new(&roots).map_err(|e| fail(format!("cannot set up TLS: {e}")))?;
        config.resolver = probe.resolver;
        config.allow_private = probe.allow_private_targets;
        config.allowed_addresses = self.test_allow_address.clone();
        config.ports = discover::PortMap(self.test_port.clone());
        config.ispdb = match self.ispdb_url.trim() {
            "" => None,
            url => Some(url::Url::parse(url).map_err(|e| fail(format!("--ispdb-url {url}: {e}")))?),
        };
        Ok(config)
    }
}

/// The certificates of a PEM file, read with rustls's own PEM reader.
fn rustls_pemfile_certs(pem: &[u8]) -> Vec<rustls::pki_types::CertificateDer<'static>> {
    use rustls::pki_types::pem::PemObject;
    rustls::pki_types::CertificateDer::pem_slice_iter(pem)
        .filter_map(Result::ok)
        .collect()
}

pub fn run(args: Args) -> ExitCode {
    let config = match args.options.config(&args.targets) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let request = Request {
        address: Some(args.address.clone()),
        domain: None,
        force: args.force,
    };
    let target = match Target::parse(&request) {
        Ok(t) => t,
        Err(e) => return super::fail(&e, 2),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return super::fail(&format!("cannot start the async runtime: {e}"), 1),
    };
    let json = args.json;
    let report = runtime.block_on(async {
        let (events, mut received) = tokio::sync::mpsc::unbounded_channel();
        let printer = async {
            while let Some(source) = received.recv().await {
                if !json {
                    print_source(&source);
                }
            }
        };
        let (report, ()) = tokio::join!(discover::run(&target, &config, Some(events)), printer);
        report
    });
    if json {
        super::print_json(&report);
    } else {
        print_report(&report);
    }
    if report.found || report.known.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print_source(s: &SourceReport) {
    let mark = match s.outcome {
        "found" => "found  ",
        "nothing" => "nothing",
        "refused" => "REFUSED",
        "skipped" => "skipped",
        _ => "failed ",
    };
    println!("{mark} {:>6} ms  {}", s.ms, for_terminal(&s.text));
}

fn print_report(r: &Report) {
    println!();
    let Some(p) = &r.provider else {
        println!("{}", for_terminal(&r.summary));
        return;
    };
    println!("{}: {} [Discovered]", r.domain, for_terminal(&p.name));
    if let Some(provenance) = &r.provenance {
        println!("{}", for_terminal(provenance));
    }
    for a in &r.servers {
        println!("  {}", for_terminal(&a.text));
    }
    for o in &r.others {
        println!("  {}", for_terminal(&o.text));
    }
    println!("{}", for_terminal(&r.summary));
}

/// A text without the characters that could drive a terminal or reorder what it shows (controls, 8-bit
/// CSI, direction marks): the last line of defence behind the boundary every text from outside passed
/// (`discover::clean`), so the command never writes a control character it did not mean to.
fn for_terminal(text: &str) -> String {
    text.chars().filter(|&c| !is_unwanted(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_reaches_the_terminal_that_could_drive_it() {
        assert_eq!(
            for_terminal("Bank\u{202e}lapyap\u{1b}[2J\u{9b}31m ok"),
            "Banklapyap[2J31m ok"
        );
    }
}
