//! Installing the pinned tools, each only when it is missing or at another version.
//!
//! Versions are from ../shared/toolchain.md (verified offline on this kind of machine). The tests below
//! fail if they drift from Cargo.lock or package.json, and the app's build (src/split.rs) refuses a
//! wasm-bindgen or wasm-opt of another version on PATH, so a fresh machine always builds the same thing.

use crate::shell::{cmd, output, root, run, step, Result};
use std::fs;

/// Trunk 0.22 needs a newer rustc than 1.95.
pub const TRUNK: &str = "0.21.14";
/// Must equal the `wasm-bindgen` crate in Cargo.lock.
pub const WASM_BINDGEN: &str = "0.2.130";
/// npm's binaryen (package.json): Debian's 108 is too old for rustc 1.95's output.
pub const WASM_OPT: &str = "132";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's Chromium and its WebDriver, for the browser and end-to-end tests.
pub const BROWSER_PACKAGES: [&str; 2] = ["chromium", "chromium-driver"];
/// Dovecot and Postfix: the real mail servers the probe's tests start on loopback (../shared/mailservers.md).
pub const MAIL_SERVER_PACKAGES: [&str; 3] = ["dovecot-imapd", "dovecot-pop3d", "postfix"];
/// `systemd-analyze verify` checks the systemd unit in docs/ (crates/server/tests/systemd_unit.rs).
pub const SYSTEMD_PACKAGES: [&str; 1] = ["systemd"];
/// dnsmasq (without its system service): the real DNS server on loopback that the end-to-end discovery journey
/// asks (tests/e2e/discover-dns.test.mjs).
pub const DNS_SERVER_PACKAGES: [&str; 1] = ["dnsmasq-base"];
/// Answers Postfix's install question ahead of time, so a non-interactive install configures no mail system.
const POSTFIX_DEBCONF: &str = "postfix postfix/main_mailer_type select No configuration\n";

/// Everything the build needs: the wasm target, Trunk, wasm-bindgen-cli, npm packages (wasm-opt).
pub fn ensure_build_tools() -> Result {
    ensure_wasm_target()?;
    ensure_cargo_tool("trunk", TRUNK, &["install", "--locked", &format!("trunk@{TRUNK}")])?;
    // Without --locked: wasm-bindgen-cli's lock file names a crate version the registry here lacks.
    ensure_cargo_tool(
        "wasm-bindgen",
        WASM_BINDGEN,
        &["install", &format!("wasm-bindgen-cli@{WASM_BINDGEN}")],
    )?;
    ensure_npm_packages()
}

fn ensure_wasm_target() -> Result {
    let mut list = cmd("rustup");
    list.args(["target", "list", "--installed"]);
    if output(list).is_some_and(|o| o.lines().any(|l| l.trim() == WASM_TARGET)) {
        println!("    rust target {WASM_TARGET}: installed");
        return Ok(());
    }
    step(&format!("Installing the Rust target {WASM_TARGET}"));
    let mut add = cmd("rustup");
    add.args(["target", "add", WASM_TARGET]);
    run(add)
}

/// What `binary --version` prints, the first `binary` on the project's PATH; `None` when there is none.
fn version_of(binary: &str) -> Option<String> {
    let mut probe = cmd(binary);
    probe.arg("--version");
    output(probe)
}

/// Fails unless the first `tool` on the project's PATH says a version starting with `expected`: the app's
/// build (src/split.rs) runs wasm-bindgen and wasm-opt itself, and Trunk no longer checks them.
pub fn require(tool: &str, expected: &str) -> Result {
    match version_of(tool) {
        Some(out) if out.starts_with(expected) => Ok(()),
        Some(out) => Err(format!(
            "{tool} is `{}`, the build needs `{expected}` (cargo xtask run installs it)",
            out.trim()
        )),
        None => Err(format!("no {tool} on PATH (cargo xtask run installs it)")),
    }
}

fn ensure_cargo_tool(binary: &str, version: &str, install: &[&str]) -> Result {
    let found = version_of(binary);
    if found
        .as_deref()
        .is_some_and(|v| v.split_whitespace().any(|w| w == version))
    {
        println!("    {binary} {version}: installed");
        return Ok(());
    }
    step(&format!(
        "Installing {binary} {version} with cargo (a few minutes, once){}",
        found.map(|v| format!("; found {}", v.trim())).unwrap_or_default()
    ));
    let mut c = cmd("cargo");
    c.args(install).arg("--force");
    run(c)
}

/// `npm ci` when package-lock.json changed since the last install (a copy of it marks the install).
fn ensure_npm_packages() -> Result {
    let lock = fs::read(root().join("package-lock.json")).map_err(|e| format!("package-lock.json: {e}"))?;
    let stamp = root().join("node_modules/.mailcheck-installed-lock.json");
    if fs::read(&stamp).is_ok_and(|s| s == lock) {
        println!("    npm packages: installed");
        return Ok(());
    }
    let mut npm = cmd("npm");
    npm.arg("--version");
    if output(npm).is_none() {
        ensure_apt_packages(&["nodejs", "npm"])?;
    }
    step("Installing npm packages (npm ci: wasm-opt, Playwright)");
    let mut c = cmd("npm");
    c.arg("ci");
    run(c)?;
    fs::write(&stamp, lock).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// Installs the Debian packages that are missing (needs root, as on CI).
pub fn ensure_apt_packages(packages: &[&str]) -> Result {
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !apt_installed(p)).collect();
    if missing.is_empty() {
        println!("    Debian packages {}: installed", packages.join(", "));
        return Ok(());
    }
    step(&format!("Installing Debian packages: {}", missing.join(" ")));
    let mut update = cmd("apt-get");
    update.arg("update");
    run(update).map_err(|e| {
        format!(
            "{e}\n(installing Debian packages needs root; or install them yourself: {})",
            missing.join(" ")
        )
    })?;
    if missing.contains(&"postfix") {
        preseed_debconf(POSTFIX_DEBCONF)?;
    }
    let mut install = cmd("apt-get");
    install
        .env("DEBIAN_FRONTEND", "noninteractive")
        .args(["install", "-y", "--no-install-recommends"])
        .args(&missing);
    run(install)
}

/// Feeds answers to `debconf-set-selections` on its standard input.
fn preseed_debconf(selections: &str) -> Result {
    use std::io::Write;
    let mut c = cmd("debconf-set-selections");
    let mut child = c
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {c:?}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(selections.as_bytes())
            .map_err(|e| format!("debconf-set-selections: {e}"))?;
    }
    let status = child.wait().map_err(|e| format!("debconf-set-selections: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("debconf-set-selections failed ({status})"))
    }
}

fn apt_installed(package: &str) -> bool {
    let mut q = cmd("dpkg-query");
    q.args(["-W", "-f=${Status}", package]);
    output(q).is_some_and(|s| s.contains("install ok installed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &str) -> String {
        fs::read_to_string(root().join(path)).unwrap()
    }

    #[test]
    fn wasm_bindgen_cli_matches_the_crate_in_cargo_lock() {
        let lock = read("Cargo.lock");
        let entry = lock
            .split("[[package]]")
            .find(|p| p.contains("name = \"wasm-bindgen\"\n"))
            .unwrap();
        assert!(
            entry.contains(&format!("version = \"{WASM_BINDGEN}\"")),
            "Cargo.lock: {entry}"
        );
    }

    #[test]
    fn a_tool_of_another_version_or_none_is_refused() {
        assert!(require("cargo", "cargo ").is_ok());
        assert!(require("cargo", "cargo 0.0.0")
            .unwrap_err()
            .contains("the build needs `cargo 0.0.0`"));
        assert!(require("mailcheck-no-such-tool", "x")
            .unwrap_err()
            .contains("no mailcheck-no-such-tool on PATH"));
    }

    #[test]
    fn package_json_pins_the_wasm_opt_the_build_asks_for() {
        let package = read("package.json");
        let binaryen = package.lines().find(|l| l.contains("\"binaryen\"")).unwrap();
        let major = binaryen.split('"').nth(3).unwrap().split('.').next().unwrap();
        assert_eq!(major, WASM_OPT, "package.json's binaryen");
    }
}
