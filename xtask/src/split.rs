//! `cargo xtask app-wasm`: the app's wasm, built in pieces. Trunk runs it as the first post-build hook
//! (Trunk.toml), in place of its own Rust pipeline, which knows nothing of splitting.
//!
//! 1. `cargo build` the app for wasm32 with the linker's relocations kept (`--emit-relocs`): they say which
//!    function and data each piece of code refers to.
//! 2. `wasm_split_cli_support` cuts the linked wasm at the app's `#[wasm_split]` points (src/later.rs): the
//!    main module keeps what the first screen reaches; each lazily loaded screen gets a chunk with the code
//!    only it reaches, and code several of them share gets a chunk of its own. A small JavaScript module (the
//!    link module) fetches and instantiates a chunk when the app first asks for it.
//! 3. wasm-bindgen makes the main module's glue, as Trunk did, keeping the exports the linker made (the
//!    function table, which the chunks share); in release builds wasm-opt shrinks every piece
//!    with the flags Trunk used.
//! 4. Every file gets this build's name (`-<digest of the linked wasm and of how it was built>`), the link module fetches each chunk
//!    with its sha256 digest (the loader it is generated with has none; [`chunk_integrity`] says why not
//!    sha384), and index.html preloads the glue,
//!    the link module, the snippets and the main wasm with theirs, where static/start.js and tools/widget.mjs
//!    read them as they read Trunk's.
//!
//! Anything not as expected (no chunk, a fetch of another shape in the link module) stops the build: an app
//! half split, or a chunk fetched unchecked, never ships.

use crate::shell::{cmd, root, run, step, Result};
use crate::tools;
use base64::Engine;
use sha2::{Digest, Sha256, Sha384};
use std::fs;
use std::path::{Path, PathBuf};

/// The features rustc 1.95 emits, which wasm-opt 132 must be told of (../shared/toolchain.md).
pub const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The optimization Trunk's `data-wasm-opt="z"` ran with the app's `data-wasm-opt-params`, measured smallest
/// for this app (docs/benchmarks.md).
const WASM_OPT_FLAGS: &[&str] = &["--low-memory-unused", "--flatten", "--rereloop", "-Oz", "-Oz"];

/// The app's binary (src/main.rs) and the name its files take.
const APP: &str = "mailcheck-app";

/// Builds the pieces into Trunk's staging folder and names them in its index.html.
pub fn app_wasm() -> Result {
    let staging = PathBuf::from(
        std::env::var_os("TRUNK_STAGING_DIR").ok_or("run by Trunk as a post_build hook (TRUNK_STAGING_DIR)")?,
    );
    let release = std::env::var("TRUNK_PROFILE").as_deref() == Ok("release");
    tools::require("wasm-bindgen", &format!("wasm-bindgen {}", tools::WASM_BINDGEN))?;
    if release {
        tools::require("wasm-opt", &format!("wasm-opt version {} ", tools::WASM_OPT))?;
    }
    let linked = build(release)?;
    let input = fs::read(&linked).map_err(|e| format!("{}: {e}", linked.display()))?;
    let id = build_id(&input, release);
    let work = work_dir(release);
    let _ = fs::remove_dir_all(&work);
    let (split_dir, bindgen_dir) = (work.join("split"), work.join("bindgen"));
    fs::create_dir_all(&split_dir).map_err(|e| e.to_string())?;

    step("Splitting the wasm at the app's split points (wasm_split_cli_support)");
    let glue = format!("{APP}-{id}.js");
    let link = format!("{APP}-split-{id}.js");
    let main_path = split_dir.join("main.wasm");
    let (link_import, main_import) = (format!("./{link}"), format!("./{glue}"));
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &split_dir;
    options.main_out_path = &main_path;
    options.link_name = &link_import;
    options.main_module = &main_import;
    let split = wasm_split_cli_support::transform(options).map_err(|e| format!("wasm-split: {e:?}"))?;
    if split.split_modules.is_empty() {
        return Err("wasm-split made no chunk: the app has lost its split points (src/later.rs)".into());
    }

    step("Making the main module's glue (wasm-bindgen)");
    let mut bindgen = cmd("wasm-bindgen");
    bindgen
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--keep-lld-exports",
            "--out-name",
            &format!("{APP}-{id}"),
            "--out-dir",
        ])
        .arg(&bindgen_dir)
        .arg(&main_path);
    run(bindgen)?;
    let main_wasm = bindgen_dir.join(format!("{APP}-{id}_bg.wasm"));
    let glue_text = read_text(&bindgen_dir.join(&glue))?;
    if !glue_text.contains(&format!("'{link_import}'")) && !glue_text.contains(&format!("\"{link_import}\"")) {
        return Err(format!("the glue does not import the link module {link_import}"));
    }

    let mut chunks = Vec::new();
    for chunk in &split.split_modules {
        let stem = chunk
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or("a chunk without a name")?
            .to_owned();
        chunks.push((stem, chunk.clone()));
    }
    if release {
        step("Optimizing the main module and each chunk (wasm-opt)");
        optimize(&main_wasm)?;
        for (_, chunk) in &chunks {
            optimize(chunk)?;
        }
    }

    let link_text = checked_link_module(read_text(&split_dir.join(&link))?, &chunks, &id, &staging)?;
    fs::write(staging.join(&link), &link_text).map_err(|e| e.to_string())?;
    fs::write(staging.join(&glue), &glue_text).map_err(|e| e.to_string())?;
    let main_name = format!("{APP}-{id}_bg.wasm");
    let main_bytes = fs::read(&main_wasm).map_err(|e| e.to_string())?;
    fs::write(staging.join(&main_name), &main_bytes).map_err(|e| e.to_string())?;
    let snippets = copy_snippets(&bindgen_dir.join("snippets"), &staging)?;

    let mut modules = vec![
        (glue.clone(), glue_text.into_bytes()),
        (link.clone(), link_text.into_bytes()),
    ];
    modules.extend(snippets);
    name_in_index(&staging.join("index.html"), &modules, (&main_name, &main_bytes))?;
    write_pieces(&split.prefetch_map, &id, &work.join(PIECES))?;
    println!(
        "app wasm {id}: main {} bytes, {} chunks ({}), link module {} bytes",
        main_bytes.len(),
        chunks.len(),
        chunks.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>().join(", "),
        modules[1].1.len()
    );
    Ok(())
}

/// The file in which a build lists, for each piece loaded later, its name and the files it fetches
/// (tab-separated lines).
const PIECES: &str = "pieces.tsv";

/// Where the last release build listed its pieces, for the size report.
pub fn pieces_path() -> PathBuf {
    work_dir(true).join(PIECES)
}

/// Where a build of the app's wasm works: one folder per profile, so a debug build leaves the release
/// build's list of pieces alone.
fn work_dir(release: bool) -> PathBuf {
    root()
        .join("target/app-wasm")
        .join(if release { "release" } else { "debug" })
}

/// The link module with each chunk's file of this build fetched with its sha256 digest (the generated loader
/// fetches without one), the chunks written into the build beside it. A fetch of another shape stops the build.
fn checked_link_module(mut link: String, chunks: &[(String, PathBuf)], id: &str, staging: &Path) -> Result<String> {
    for (stem, chunk) in chunks {
        let bytes = fs::read(chunk).map_err(|e| e.to_string())?;
        let name = format!("{stem}-{id}.wasm");
        let fetch = format!("fetch(new URL(\"./{stem}.wasm\", import.meta.url))");
        if link.matches(&fetch).count() != 1 {
            return Err(format!("the link module does not fetch {stem}.wasm once as `{fetch}`"));
        }
        let checked = format!(
            "fetch(new URL(\"./{name}\", import.meta.url), {{ integrity: \"{}\" }})",
            chunk_integrity(&bytes)
        );
        link = link.replace(&fetch, &checked);
        fs::write(staging.join(&name), bytes).map_err(|e| e.to_string())?;
    }
    Ok(link)
}

/// Writes into index.html what the page preloads, each with its digest: the JavaScript modules in their order
/// (the glue first: static/start.js and tools/widget.mjs take the first module that is not a snippet), then the
/// main wasm.
fn name_in_index(index_path: &Path, modules: &[(String, Vec<u8>)], (wasm, wasm_bytes): (&str, &[u8])) -> Result {
    let mut links: Vec<String> = modules.iter().map(|(name, bytes)| modulepreload(name, bytes)).collect();
    links.push(format!(
        "<link rel=\"preload\" href=\"./{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin integrity=\"{}\">",
        integrity(wasm_bytes)
    ));
    let index = read_text(index_path)?;
    if index.matches("</head>").count() != 1 {
        return Err("index.html has no single </head>".into());
    }
    let index = index.replace("</head>", &format!("{}</head>", links.concat()));
    fs::write(index_path, index).map_err(|e| e.to_string())
}

/// Lists which files each piece loaded later fetches (its own chunk and the shared chunks it needs), for the
/// size report's budgets (xtask/src/size.rs).
fn write_pieces(prefetch: &std::collections::HashMap<String, Vec<String>>, id: &str, to: &Path) -> Result {
    let mut pieces: Vec<String> = prefetch
        .iter()
        .map(|(piece, stems)| {
            let files: Vec<String> = stems.iter().map(|stem| format!("{stem}-{id}.wasm")).collect();
            format!("{piece}\t{}\n", files.join("\t"))
        })
        .collect();
    pieces.sort();
    fs::write(to, pieces.concat()).map_err(|e| e.to_string())
}

/// The name every file of this build carries: a digest of what makes them, the linked wasm and how it is
/// split, bound, optimized and rewritten (this file, the tools' versions, the lock file with the splitter's,
/// the hooks that minify and rename), so that a change of the build alone also gives new names. Files with such names are cached for good (README:
/// Deploy); the same name with other bytes would fail its integrity check in every browser that kept it.
fn build_id(linked: &[u8], release: bool) -> String {
    let mut digest = Sha256::new();
    digest.update(linked);
    for part in [
        include_str!("split.rs"),
        include_str!("../../Cargo.lock"),
        // The hooks after this one that rewrite these files.
        include_str!("../../tools/minify.mjs"),
        include_str!("../../tools/wasm-names.mjs"),
        tools::WASM_BINDGEN,
        tools::WASM_OPT,
        &WASM_FEATURES.concat(),
        &WASM_OPT_FLAGS.concat(),
        if release { "release" } else { "debug" },
    ] {
        digest.update(part.len().to_le_bytes());
        digest.update(part);
    }
    hex(&digest.finalize())[..16].to_owned()
}

/// `cargo build`s the app for wasm32 with relocations, returning the linked wasm.
fn build(release: bool) -> Result<PathBuf> {
    step("Building the app's wasm with relocations (cargo build --target wasm32-unknown-unknown)");
    let mut cargo = cmd("cargo");
    // `--locked`: the crates of Cargo.lock, which `cargo fetch` brought (the build runs offline).
    cargo.args([
        "build",
        "--locked",
        "--package",
        APP,
        "--bin",
        APP,
        "--features",
        "split",
        "--target",
        tools::WASM_TARGET,
    ]);
    if release {
        cargo.arg("--release");
    }
    // Only this build's: the browser tests build without them.
    cargo.env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
        "-Clink-args=--emit-relocs",
    );
    run(cargo)?;
    let profile = if release { "release" } else { "debug" };
    // Where cargo put it: CARGO_TARGET_DIR when it is set, else target/.
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    Ok(target.join(format!("{}/{profile}/{APP}.wasm", tools::WASM_TARGET)))
}

fn optimize(wasm: &Path) -> Result {
    let mut opt = cmd("wasm-opt");
    opt.args(WASM_FEATURES)
        .args(WASM_OPT_FLAGS)
        .arg(wasm)
        .arg("-o")
        .arg(wasm);
    run(opt)
}

/// Copies wasm-bindgen's `snippets/` (the app's own JavaScript, src/probe.js) into the build, returning each
/// file's path in it and its bytes.
fn copy_snippets(from: &Path, staging: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut found = Vec::new();
    let mut stack = vec![from.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(from.parent().unwrap_or(from))
                .map_err(|e| e.to_string())?;
            let name = relative.to_string_lossy().replace('\\', "/");
            let bytes = fs::read(&path).map_err(|e| e.to_string())?;
            let to = staging.join(relative);
            fs::create_dir_all(to.parent().unwrap_or(staging)).map_err(|e| e.to_string())?;
            fs::write(&to, &bytes).map_err(|e| e.to_string())?;
            found.push((name, bytes));
        }
    }
    found.sort();
    Ok(found)
}

fn modulepreload(name: &str, bytes: &[u8]) -> String {
    format!(
        "<link rel=\"modulepreload\" href=\"./{name}\" crossorigin integrity=\"{}\">",
        integrity(bytes)
    )
}

fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// A chunk's digest, in the link module: sha256, not the sha384 of the files index.html names. The link module
/// is part of the first load and carries one digest a chunk (26 on 2026-12-07), and digests do not compress:
/// sha256's 44 characters in place of 64 saved 0.5 KB brotli of it. SHA-256 is one of the three algorithms
/// Subresource Integrity defines, and what it guards against (a file changed after the build) needs a second
/// preimage, far beyond reach at 256 bits.
fn chunk_integrity(bytes: &[u8]) -> String {
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("mailcheck-split-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_chunk_s_digest_is_sha256_in_base64() {
        // printf 'abc' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            chunk_integrity(b"abc"),
            "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
    }

    #[test]
    fn each_chunk_is_fetched_under_the_builds_name_with_its_digest() {
        let dir = folder("link");
        fs::write(dir.join("split_guide.wasm"), b"\0asm chunk").unwrap();
        let link =
            "const a = () => { const src = fetch(new URL(\"./split_guide.wasm\", import.meta.url)); };".to_owned();
        let chunks = [("split_guide".to_owned(), dir.join("split_guide.wasm"))];
        let staging = folder("link-staging");
        let checked = checked_link_module(link, &chunks, "0123456789abcdef", &staging).unwrap();
        assert!(checked.contains(&format!(
            "fetch(new URL(\"./split_guide-0123456789abcdef.wasm\", import.meta.url), {{ integrity: \"{}\" }})",
            chunk_integrity(b"\0asm chunk")
        )));
        assert!(!checked.contains("\"./split_guide.wasm\""));
        assert_eq!(
            fs::read(staging.join("split_guide-0123456789abcdef.wasm")).unwrap(),
            b"\0asm chunk"
        );
    }

    #[test]
    fn a_loader_of_another_shape_stops_the_build() {
        let dir = folder("shape");
        fs::write(dir.join("split_guide.wasm"), b"\0asm").unwrap();
        let chunks = [("split_guide".to_owned(), dir.join("split_guide.wasm"))];
        for link in ["fetch(\"./split_guide.wasm\")", "", "fetch(new URL(\"./split_guide.wasm\", import.meta.url)) fetch(new URL(\"./split_guide.wasm\", import.meta.url))"] {
            let refused = checked_link_module(link.to_owned(), &chunks, "0123456789abcdef", &dir).unwrap_err();
            assert!(refused.contains("does not fetch split_guide.wasm once"), "{refused}");
        }
    }

    #[test]
    fn the_pieces_list_names_each_file_of_this_build_in_a_stable_order() {
        let dir = folder("pieces");
        let prefetch = std::collections::HashMap::from([
            ("guide".to_owned(), vec!["chunk_5".to_owned(), "split_guide".to_owned()]),
            ("decode".to_owned(), vec!["split_decode".to_owned()]),
        ]);
        write_pieces(&prefetch, "ab", &dir.join(PIECES)).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join(PIECES)).unwrap(),
            "decode\tsplit_decode-ab.wasm\nguide\tchunk_5-ab.wasm\tsplit_guide-ab.wasm\n"
        );
    }

    #[test]
    fn the_name_changes_with_the_wasm_and_with_the_profile() {
        let release = build_id(b"one", true);
        assert_eq!(release.len(), 16);
        assert_eq!(release, build_id(b"one", true));
        assert_ne!(release, build_id(b"two", true));
        assert_ne!(release, build_id(b"one", false));
    }
}
