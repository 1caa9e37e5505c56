//! The size report: raw and brotli size of every file in `dist/`, against the budget in size-budget.toml.
//!
//! Brotli is what a good static host serves, so the budget is on the brotli total: the bytes a phone on a
//! slow link actually waits for.

use crate::shell::{root, Result};
use std::fs;
use std::io::Write;
use std::path::Path;

/// Prints the report and fails when the brotli total is over the budget.
pub fn report(dist: &Path) -> Result {
    let budget_kb = budget_kb()?;
    let mut rows = Vec::new();
    collect(dist, dist, &mut rows)?;
    rows.sort();
    let (mut raw_total, mut br_total) = (0, 0);
    println!("    {:<44} {:>10} {:>10}", "file", "raw", "brotli");
    for (name, raw, br) in &rows {
        println!("    {name:<44} {:>10} {:>10}", kb(*raw), kb(*br));
        raw_total += raw;
        br_total += br;
    }
    println!(
        "    {:<44} {:>10} {:>10}   (budget {budget_kb} KB brotli)",
        "total",
        kb(raw_total),
        kb(br_total)
    );
    if br_total > budget_kb * 1024 {
        return Err(format!(
            "dist/ is {} brotli, over the {budget_kb} KB budget in size-budget.toml",
            kb(br_total)
        ));
    }
    Ok(())
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn collect(base: &Path, dir: &Path, rows: &mut Vec<(String, u64, u64)>) -> Result {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(base, &path, rows)?;
            continue;
        }
        if is_precompressed(&path) {
            continue;
        }
        let data = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path.strip_prefix(base).unwrap_or(&path).display().to_string();
        rows.push((name, data.len() as u64, brotli_len(&data)));
    }
    Ok(())
}

/// A `.br` or `.gz` copy that tools/compress.mjs wrote beside a file: the same bytes a second time, in the
/// form a server sends instead of the file, so not counted again.
fn is_precompressed(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "br" || e == "gz")
}

/// Compressed size at the highest quality, as a build step (not a server on the fly) would compress.
fn brotli_len(data: &[u8]) -> u64 {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(data).expect("writing to memory");
    }
    out.len() as u64
}

/// `brotli_total_kb = N` from size-budget.toml.
fn budget_kb() -> Result<u64> {
    let path = root().join("size-budget.toml");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| k.trim() == "brotli_total_kb")
        .and_then(|(_, v)| v.trim().parse().ok())
        .ok_or_else(|| format!("{}: no `brotli_total_kb = <number>` line", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brotli_shrinks_repetitive_data_and_not_to_nothing() {
        let data = "mail settings ".repeat(1000);
        let n = brotli_len(data.as_bytes());
        assert!(n > 0 && n < 200, "{n}");
    }

    #[test]
    fn precompressed_copies_are_not_counted_twice() {
        let dir = std::env::temp_dir().join(format!("mailcheck-size-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("app.js"), "x".repeat(100)).unwrap();
        fs::write(dir.join("app.js.br"), "y").unwrap();
        fs::write(dir.join("app.js.gz"), "z").unwrap();
        let mut rows = Vec::new();
        collect(&dir, &dir, &mut rows).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["app.js"]);
    }

    #[test]
    fn the_budget_file_is_readable_and_within_the_hard_cap() {
        let kb = budget_kb().unwrap();
        assert!((49..=150).contains(&kb), "{kb}");
    }
}
