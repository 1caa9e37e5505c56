//! Running commands, with each step announced.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

pub type Result<T = ()> = std::result::Result<T, String>;

/// Announces a step, so a person watching knows what the long pause is.
pub fn step(what: &str) {
    println!("\n==> {what}");
}

/// The repository root (xtask lives one folder below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask has a parent folder")
        .to_owned()
}

/// A command run from the repository root, with the project's tool folders first on PATH:
/// `node_modules/.bin` (wasm-opt, pinned by package.json) and cargo's bin folder (trunk, wasm-bindgen).
pub fn cmd(program: impl AsRef<OsStr>) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root()).env("PATH", tool_path());
    c
}

fn tool_path() -> std::ffi::OsString {
    let mut dirs = vec![root().join("node_modules/.bin"), cargo_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries have no separator in them")
}

/// Where `cargo install` puts binaries.
pub fn cargo_bin() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo/bin"),
    }
}

/// Runs a command to completion, failing with its description if it fails.
pub fn run(mut c: Command) -> Result {
    let status = c.status().map_err(|e| format!("could not start {c:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{c:?} failed ({status})"))
    }
}

/// The standard output of a command that succeeded; `None` if it could not run or failed.
pub fn output(mut c: Command) -> Option<String> {
    let out = c.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
