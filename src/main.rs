//! The wasm module Trunk builds. It starts nothing itself: the page that loads it calls the `mount` export
//! (src/mount.rs, exported to JavaScript by wasm-bindgen) for each place the app should appear.
//!
//! A binary rather than a `cdylib` library, for size: built as a cdylib, the optimized wasm measured 490 KB
//! against 418 KB as a binary (wasm-bindgen 0.2.130; the cdylib's raw wasm exports a describe function for
//! every binding web-sys and js-sys declare, used or not).

// SAFETY: `TalckWasm::new_global` is made for exactly this: the one global allocator of a single-threaded
// wasm module, growing the wasm memory as it needs. Only in the wasm build: `cargo test --workspace` builds
// this binary natively too, where talc has no `TalckWasm` and the system allocator is right.
#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

// Links the library's `mount` export into the binary: without this use, the linker leaves the library out and
// the module has nothing to start (wasm-bindgen then fails to build it).
pub use mailcheck_app::mount;

fn main() {}
