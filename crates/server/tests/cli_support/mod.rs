//! Shared by the command-line tests: run the real `mailcheck` binary and read what it printed.
#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs `mailcheck` with `args` and waits for it.
pub fn mailcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mailcheck"))
        .args(args)
        .output()
        .expect("run mailcheck")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON a successful run printed.
pub fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

/// A settings file with `json` in it, removed when dropped.
pub fn settings_file(json: &str) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().expect("a temporary file");
    std::fs::write(file.path(), json).expect("write the settings file");
    file
}
