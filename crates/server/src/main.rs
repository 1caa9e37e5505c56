//! `mailcheck`: serve the app, and a command line over the settings engine.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    mailcheck::cli::Cli::parse().run()
}
