//! `mailcheck`: serve the app, and a command line over the settings engine.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    restore_default_sigpipe();
    mailcheck::cli::Cli::parse().run()
}

/// Rust ignores SIGPIPE, so `println!` panics when the reader goes away (`mailcheck explain ... | head`).
/// A command-line tool should end quietly instead, as other Unix tools do.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
