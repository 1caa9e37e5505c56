//! The two commands, as sequences of announced steps.

use crate::shell::{cmd, root, run as run_cmd, step, Result};
use crate::{size, tools};
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

/// Install, build the app in release mode, and serve it in the foreground until Ctrl-C.
pub fn run(addr: &str) -> Result {
    step("Checking tools");
    tools::ensure_build_tools()?;
    build_release_app()?;
    step("Building the mailcheck server (release)");
    let mut build = cmd("cargo");
    build.args(["build", "--release", "--package", "mailcheck"]);
    run_cmd(build)?;
    step(&format!("Serving the app on http://{addr}/ (Ctrl-C stops it)"));
    let mut serve = cmd(root().join("target/release/mailcheck"));
    serve.args(["serve", "--addr", addr, "--dist", "dist"]);
    run_cmd(serve)
}

/// Install, then every layer of tests: native, browser, release build with size budget, end to end.
pub fn test() -> Result {
    step("Checking tools");
    tools::ensure_build_tools()?;
    tools::ensure_apt_packages(&tools::BROWSER_PACKAGES)?;
    tools::ensure_apt_packages(&tools::MAIL_SERVER_PACKAGES)?;
    tools::ensure_apt_packages(&tools::SYSTEMD_PACKAGES)?;
    tools::ensure_apt_packages(&tools::DNS_SERVER_PACKAGES)?;

    step("Native tests: cargo test --workspace");
    let mut native = cmd("cargo");
    native.args(["test", "--workspace"]);
    run_cmd(native)?;

    step("Browser tests: wasm-bindgen-test in headless Chromium");
    let mut browser = cmd("cargo");
    browser
        .args([
            "test",
            "--package",
            "mailcheck-app",
            "--target",
            tools::WASM_TARGET,
            "--tests",
        ])
        .env("CHROMEDRIVER", "/usr/bin/chromedriver");
    run_cmd(browser)?;

    build_release_app()?;
    step("Size report");
    size::report(&root().join("dist"))?;

    step("End-to-end tests: Playwright + Chromium against the release build");
    let mut build = cmd("cargo");
    build.args(["build", "--package", "mailcheck"]);
    run_cmd(build)?;
    let server = Server::start()?;
    let mut e2e = cmd("node");
    e2e.args(["--test", "--test-reporter=spec", "tests/e2e/"])
        .env("MAILCHECK_URL", &server.url);
    let result = run_cmd(e2e);
    drop(server);
    result?;

    println!("\nAll test layers passed.");
    Ok(())
}

fn build_release_app() -> Result {
    step("Fetching crates (Trunk builds offline)");
    let mut fetch = cmd("cargo");
    fetch.arg("fetch");
    run_cmd(fetch)?;
    step("Building the app in release mode: trunk build --release -> dist/");
    let mut trunk = cmd("trunk");
    trunk
        .args(["build", "--release"])
        .env("TRUNK_OFFLINE", "true")
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    run_cmd(trunk)
}

/// The debug `mailcheck` binary serving `dist/` on a free loopback port, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start() -> Result<Server> {
        let mut c = cmd(root().join("target/debug/mailcheck"));
        // The probe journey tests a mail server on this machine, which the safe default refuses.
        c.args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--dist",
            "dist",
            "--allow-private-targets",
            "--allow-any-port",
            // Discovery asks nothing outside this machine: DNS goes to a loopback port where nothing answers
            // (the browser tests fake the endpoint they need), and no test is slowed by its rate limits.
            "--dns-server",
            "127.0.0.1:1",
            "--discoveries-per-client",
            "10000",
            "--discoveries-per-domain",
            "10000",
        ])
        .stdout(Stdio::piped());
        let mut child = c.spawn().map_err(|e| format!("could not start mailcheck: {e}"))?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped"))
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let url = line.trim().strip_prefix("mailcheck serving ").map(str::to_owned);
        match url {
            Some(url) => {
                println!("    serving on {url}");
                Ok(Server { child, url })
            }
            None => {
                let _ = child.kill();
                Err(format!("mailcheck serve printed {line:?} instead of its URL"))
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
