//! The hardened systemd unit in docs/ (mailcheck.service) as systemd itself reads it: `systemd-analyze
//! verify` (Debian's systemd package; `cargo xtask test` installs it) must find nothing to say about it, with
//! ExecStart pointed at the binary under test.

use std::path::Path;
use std::process::Command;

fn documented_unit() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/mailcheck.service");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What `systemd-analyze verify` says about `unit` (empty when all is well), and whether it succeeded.
fn verify(unit: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mailcheck.service");
    let unit = unit.replace("/usr/local/bin/mailcheck", env!("CARGO_BIN_EXE_mailcheck"));
    std::fs::write(&path, unit).unwrap();
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run systemd-analyze: {e}; install Debian's systemd package (cargo xtask test does)")
        });
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said.trim().to_owned())
}

#[test]
fn the_unit_is_hardened_and_systemd_accepts_every_line_of_it() {
    let unit = documented_unit();
    for line in [
        "DynamicUser=yes",
        "User=mailcheck",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "LimitNOFILE=65536",
        "CapabilityBoundingSet=",
    ] {
        assert!(unit.lines().any(|l| l == line), "{line} missing");
    }
    let exec = unit.lines().find(|l| l.starts_with("ExecStart=")).unwrap();
    assert!(exec.contains(" serve ") && exec.contains("--dist "), "{exec}");
    assert_eq!(verify(&unit), (true, String::new()));
}

#[test]
fn verify_does_complain_about_a_broken_unit() {
    // The near miss, so that the silence above means something: a misspelt key and a bad value.
    let unit = documented_unit()
        .replace("NoNewPrivileges=yes", "NoNewPrivilegs=yes")
        .replace("ProtectSystem=strict", "ProtectSystem=strictest");
    let (_, said) = verify(&unit);
    assert!(said.contains("NoNewPrivilegs"), "{said}");
    assert!(said.contains("strictest"), "{said}");
}

#[test]
fn the_options_in_the_unit_are_options_of_the_binary() {
    let unit = documented_unit();
    let exec = unit.lines().find(|l| l.starts_with("ExecStart=")).unwrap();
    let args: Vec<&str> = exec.split_whitespace().skip(1).collect();
    let help = Command::new(env!("CARGO_BIN_EXE_mailcheck"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for option in args.iter().filter(|a| a.starts_with("--")) {
        assert!(help.contains(option), "{option} is not a `mailcheck serve` option");
    }
}
