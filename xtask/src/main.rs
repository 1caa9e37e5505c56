//! The project's two commands (see README):
//!
//! - `cargo xtask run [--addr ADDR]`: install what is missing, build the app in release mode, serve it.
//! - `cargo xtask test`: install what is missing (Chromium too), then run every layer of tests.
//! - `cargo xtask data build | import-ispdb <checkout>`: the data tools (see `data`).
//! - `cargo xtask app-wasm`: the app's wasm, split for the first load (run by Trunk's build: see `split`).
//! - `cargo xtask size`: the size report of the last build in `dist/` against size-budget.toml.
//!
//! Each step prints what it is doing; a second run skips what is already installed.

mod data;
mod shell;
mod size;
mod split;
mod tools;
mod workflow;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask run [--addr 127.0.0.1:8080] | cargo xtask test | cargo xtask data build | \
                     cargo xtask data import-ispdb <autoconfig checkout> | cargo xtask size | cargo xtask app-wasm (run by Trunk)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["run"] => workflow::run("127.0.0.1:8080"),
        ["run", "--addr", addr] => workflow::run(addr),
        ["test"] => workflow::test(),
        ["data", rest @ ..] => data::command(rest),
        ["app-wasm"] => split::app_wasm(),
        ["size"] => size::report(&shell::root().join("dist")),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}
