//! `mailcheck serve`: the web app and the probe API on one origin.

use crate::probe::api::Settings;
use crate::serve::headers::FrameAncestors;
use axum::http::HeaderValue;
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::process::ExitCode;

/// Serve the built web app (the `dist/` folder Trunk writes) and the probe API (`POST /api/probe`).
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
    let settings = Settings {
        per_client_per_minute: args.probes_per_client,
        per_target_per_minute: args.probes_per_target,
        max_in_flight: args.max_probes,
        cors_origins: args.cors_origins,
        ..Settings::default()
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mailcheck: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(crate::serve::run(
        args.addr,
        args.dist,
        args.frame_ancestors,
        config,
        settings,
    )) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mailcheck: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::origin;

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
