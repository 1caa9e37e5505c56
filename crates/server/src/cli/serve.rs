//! `mailcheck serve`: the web app and the probe API on one origin.

use crate::guard::intake::Intake;
use crate::guard::proxies::TrustedProxies;
use crate::probe::api::Settings;
use crate::serve::headers::FrameAncestors;
use crate::serve::{ConnectionLimits, Options};
use axum::http::HeaderValue;
use ipnet::IpNet;
use std::net::SocketAddr;
use std::num::{NonZeroU32, NonZeroUsize};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Serve the built web app (the `dist/` folder Trunk writes), the probe API (`POST /api/probe`) and discovery
/// (`POST /api/discover`).
#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on; port 0 picks a free port (the URL is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The folder holding the built app.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// Which pages may show the app in a frame (CSP frame-ancestors): 'self', 'none', or space-separated
    /// origins such as "'self' https://help.example".
    #[arg(long, value_name = "SOURCES", default_value = "'self'", value_parser = FrameAncestors::parse)]
    frame_ancestors: FrameAncestors,
    #[command(flatten)]
    targets: super::probe::Targets,
    /// A web origin allowed to call the probe API from a browser (repeatable), e.g. https://app.example.
    /// Without any, only pages served from this same origin can call it.
    #[arg(long = "cors-origin", value_name = "ORIGIN", value_parser = origin)]
    cors_origins: Vec<HeaderValue>,
    /// Probes allowed per client (IPv6: per /64) per minute.
    #[arg(long, default_value = "6")]
    probes_per_client: NonZeroU32,
    /// Probes allowed per target server per minute, from all clients together.
    #[arg(long, default_value = "6")]
    probes_per_target: NonZeroU32,
    /// Probes running at once; more are refused with 503 at once.
    #[arg(long, default_value = "64")]
    max_probes: usize,
    /// How log lines on standard error are written: text for people, or one JSON object a line.
    #[arg(long, value_enum, default_value_t)]
    log_format: crate::log::Format,
    /// Seconds a connection has to send a whole request header, counted from when it opens or finished its
    /// previous response (so also how long an idle keep-alive connection stays open).
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = seconds)]
    header_timeout: Duration,
    /// Seconds a response may wait for a client that does not read before the connection is closed.
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = seconds)]
    write_timeout: Duration,
    /// Connections open at once from all clients (lowered to what the open-file limit allows). More are
    /// closed at once.
    #[arg(long, default_value = "1024")]
    max_connections: NonZeroUsize,
    /// Connections open at once from one client address (IPv6: per /64); trusted proxies are exempt. More
    /// are closed at once.
    #[arg(long, default_value = "32")]
    max_connections_per_client: NonZeroUsize,
    /// A reverse proxy in front of this server, as an address or CIDR (repeatable), e.g. 127.0.0.1/32. For
    /// connections from it, and only those, the client is read from `Forwarded` or `X-Forwarded-For`.
    #[arg(long = "trusted-proxy", value_name = "CIDR", value_parser = cidr)]
    trusted_proxies: Vec<IpNet>,
    /// Serve Prometheus metrics at http://ADDR/metrics (off by default; keep it off the public internet).
    #[arg(long, value_name = "ADDR")]
    metrics_addr: Option<SocketAddr>,
    /// Discoveries (POST /api/discover) allowed per client (IPv6: per /64) per minute.
    #[arg(long, default_value = "6")]
    discoveries_per_client: NonZeroU32,
    /// Discoveries of one domain per minute, from all clients together (cached answers do not count).
    #[arg(long, default_value = "6")]
    discoveries_per_domain: NonZeroU32,
    /// Discoveries running at once; more are refused with 503 at once. 0 switches discovery off.
    #[arg(long, default_value = "16")]
    max_discoveries: usize,
    #[command(flatten)]
    discovery: super::discover::Options,
}

/// A duration in seconds, fractions allowed (`10`, `0.5`), more than zero.
fn seconds(text: &str) -> Result<Duration, String> {
    let value: f64 = text.parse().map_err(|_| format!("{text} is not a number of seconds"))?;
    Duration::try_from_secs_f64(value)
        .ok()
        .filter(|d| !d.is_zero() && *d <= Duration::from_secs(24 * 3600))
        .ok_or_else(|| format!("{text}: give more than 0 and at most 86400 seconds"))
}

/// A network (`10.0.0.0/8`, `2001:db8::/32`) or a single address (`127.0.0.1`, `::1`).
fn cidr(text: &str) -> Result<IpNet, String> {
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(IpNet::from))
        .map(|net| net.trunc())
        .map_err(|_| format!("{text} is not an address or CIDR network like 10.0.0.0/8"))
}

/// An origin as browsers send it: `http(s)://host[:port]`, no path, no wildcard.
fn origin(text: &str) -> Result<HeaderValue, String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or("an origin starts with https:// or http://")?;
    if rest.is_empty() || rest.contains(['/', '*', ' ', '?', '#']) {
        return Err("an origin is scheme://host[:port], without path or wildcard".into());
    }
    HeaderValue::from_str(text).map_err(|e| e.to_string())
}

pub fn run(args: Args) -> ExitCode {
    // Logs (one line per probe: client, target, outcome) go to standard error; stdout carries the URL.
    crate::log::init(args.log_format);
    let config = match args.targets.config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Both endpoints take requests alike: the same body limits, browser origins and proxies.
    let intake = Intake {
        cors_origins: args.cors_origins,
        trusted_proxies: TrustedProxies::new(args.trusted_proxies),
        ..Intake::default()
    };
    let discovery = match (args.max_discoveries, args.discovery.config(&args.targets)) {
        (0, _) => None,
        (_, Ok(config)) => Some(crate::serve::Discovery {
            config,
            settings: crate::discover::api::Settings {
                per_client_per_minute: args.discoveries_per_client,
                per_domain_per_minute: args.discoveries_per_domain,
                max_in_flight: args.max_discoveries,
                intake: intake.clone(),
                ..Default::default()
            },
        }),
        (_, Err(code)) => return code,
    };
    let settings = Settings {
        per_client_per_minute: args.probes_per_client,
        per_target_per_minute: args.probes_per_target,
        max_in_flight: args.max_probes,
        intake,
    };
    let options = Options {
        addr: args.addr,
        dist: args.dist,
        frame_ancestors: args.frame_ancestors,
        connections: ConnectionLimits {
            header_timeout: args.header_timeout,
            write_timeout: args.write_timeout,
            max_connections: args.max_connections.get(),
            max_per_client: args.max_connections_per_client.get(),
        },
        metrics_addr: args.metrics_addr,
        discovery,
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mailcheck: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(crate::serve::run(options, config, settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mailcheck: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{cidr, origin, seconds};
    use std::time::Duration;

    #[test]
    fn seconds_take_fractions_and_refuse_zero() {
        assert_eq!(seconds("10"), Ok(Duration::from_secs(10)));
        assert_eq!(seconds("0.25"), Ok(Duration::from_millis(250)));
        for bad in ["0", "-1", "ten", "", "1e9", "NaN"] {
            assert!(seconds(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn trusted_proxies_are_networks_or_addresses() {
        assert_eq!(cidr("10.0.0.0/8").unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(cidr("10.1.2.3/8").unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(cidr("127.0.0.1").unwrap().to_string(), "127.0.0.1/32");
        assert_eq!(cidr("::1").unwrap().to_string(), "::1/128");
        for bad in ["10.0.0.0/33", "localhost", "", "10.0.0/8"] {
            assert!(cidr(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        for ok in ["https://app.example", "http://127.0.0.1:8080"] {
            assert!(origin(ok).is_ok(), "{ok}");
        }
        for bad in [
            "*",
            "https://*.example",
            "app.example",
            "https://app.example/",
            "https://",
            "ftp://x",
        ] {
            assert!(origin(bad).is_err(), "{bad}");
        }
    }
}
