//! A reader that stops early (`mailcheck ... | head`) ends the command quietly, without a panic.

use std::process::{Command, Stdio};

#[test]
fn a_closed_pipe_ends_the_command_without_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mailcheck"))
        .args(["lookup", "jane@q.com", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before the first line
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
