//! `mailcheck serve`: the web app (and, with the probe, its API) on one origin.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Serve the built web app (the `dist/` folder Trunk writes).
#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on; port 0 picks a free port (the URL is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The folder holding the built app.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mailcheck: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(crate::serve::run(args.addr, args.dist)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mailcheck: {e}");
            ExitCode::FAILURE
        }
    }
}
