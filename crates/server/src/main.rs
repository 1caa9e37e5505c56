//! `mailcheck`: serve the app, and (growing) a command line over the settings engine.

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "mailcheck", version, about = "Check email settings: serve the web app, or ask the engine.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the built web app (the `dist/` folder Trunk writes).
    Serve {
        /// Address to listen on; port 0 picks a free port (the URL is printed).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// The folder holding the built app.
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Serve { addr, dist } => match mailcheck::serve::run(addr, dist).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("mailcheck: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
