//! The data tools:
//!
//! - `cargo xtask data build`: our checked records (`crates/engine/providers/*.toml`) and the ISPDB import
//!   (`crates/engine/providers/ispdb/ispdb.txt`) merged, with the error decoder's phrases and texts
//!   (`crates/engine/texts/`), into the one data file the app fetches after its first paint and
//!   the native binary embeds (`crates/engine/data/knowledge.txt`), and docs/ispdb-differences.md;
//! - `cargo xtask data import-ispdb <checkout>`: the ISPDB of a github.com/thunderbird/autoconfig checkout
//!   imported again, what changed printed, then `build`;
//! - `cargo xtask data import-provider-db <checkout>`: the same for Delta Chat's provider database
//!   (github.com/chatmail/provider-db), a community tier below the ISPDB.
//!
//! Every generated file is committed, and a test fails when one is not what `build` would write now.

mod causes;
mod checked;
#[cfg(test)]
mod checkout;
mod differences;
mod ispdb;
mod merge;
mod provider_db;
mod texts;

use crate::shell::{root, step, Result};
use mailcheck_engine::{data, Database, Origin};
use std::collections::BTreeMap;
use std::path::Path;

const CHECKED_DIR: &str = "crates/engine/providers";
const ISPDB_FILE: &str = "crates/engine/providers/ispdb/ispdb.txt";
const PROVIDER_DB_FILE: &str = "crates/engine/providers/provider-db/provider-db.toml";
const CAUSES_FILE: &str = "crates/engine/texts/causes.toml";
const PHRASES_FILE: &str = "crates/engine/texts/phrases.toml";
const TEXT_FILES: [&str; 4] = [
    "crates/engine/texts/guides.toml",
    "crates/engine/texts/advice.toml",
    "crates/engine/texts/findings.toml",
    "crates/engine/texts/requirements.toml",
];
const EXPLANATION_FILE: &str = "crates/engine/texts/explanation.toml";
const DATA_FILE: &str = "crates/engine/data/knowledge.txt";
const DIFFERENCES_FILE: &str = "docs/ispdb-differences.md";

/// Runs `data <args>`.
pub fn command(args: &[&str]) -> Result {
    match args {
        ["build"] => build(),
        ["import-ispdb", checkout] => import_ispdb(Path::new(checkout)),
        ["import-provider-db", checkout] => import_provider_db(Path::new(checkout)),
        _ => Err(
            "usage: cargo xtask data build | cargo xtask data import-ispdb <autoconfig checkout> \
                  | cargo xtask data import-provider-db <provider-db checkout>"
                .into(),
        ),
    }
}

fn build() -> Result {
    step("Writing the data file from the checked records, the ISPDB import and the decoder's texts");
    let generated = generate()?;
    for (path, text) in [(DATA_FILE, &generated.data), (DIFFERENCES_FILE, &generated.differences)] {
        std::fs::write(root().join(path), text).map_err(|e| format!("{path}: {e}"))?;
        println!("    wrote {path}");
    }
    let db = Database::decode(&generated.data).map_err(|e| e.to_string())?;
    let tier = |t: &str| db.records().iter().filter(|p| p.origin.tier() == t).count();
    println!(
        "    {} records ({} checked, {} from the ISPDB, {} from provider-db) and {} without servers for mail apps, \
         {} mail domains",
        db.records().len(),
        tier("checked"),
        tier("ispdb"),
        tier("provider-db"),
        db.without_servers().len(),
        db.mail_domains()
    );
    let joined = &generated.provider_db;
    println!(
        "    provider-db: {} records with {} domains neither we nor the ISPDB know; requirements attached to \
         other tiers' records: {:?}",
        joined.records, joined.domains, joined.attached
    );
    for note in &joined.notes {
        println!("    {note}");
    }
    Ok(())
}

fn import_ispdb(checkout: &Path) -> Result {
    step(&format!("Importing the ISPDB from {}", checkout.display()));
    let import = ispdb::import(checkout)?;
    let old = std::fs::read_to_string(root().join(ISPDB_FILE))
        .ok()
        .and_then(|t| data::decode(&t).ok())
        .unwrap_or_default();
    let summary = format!(
        "commit {} ({}): {} records, {} left out or skipped",
        import.commit,
        import.date,
        import.records.len(),
        import.report.len()
    );
    let changes = ispdb::changes(&old.records, &import.records);
    finish_import(ISPDB_FILE, &import.report, &summary, &changes, &ispdb::write(&import)?)
}

fn import_provider_db(checkout: &Path) -> Result {
    step(&format!(
        "Importing Delta Chat's provider database from {}",
        checkout.display()
    ));
    let import = provider_db::import(checkout)?;
    let old = std::fs::read_to_string(root().join(PROVIDER_DB_FILE))
        .ok()
        .and_then(|t| provider_db::parse(&t).ok())
        .unwrap_or_default();
    let summary = format!(
        "commit {} ({}): {} entries, {} lines of things left out",
        import.imported.commit,
        import.imported.date,
        import.imported.entries.len(),
        import.report.len()
    );
    let changes = provider_db::changes(&old, &import.imported);
    finish_import(
        PROVIDER_DB_FILE,
        &import.report,
        &summary,
        &changes,
        &provider_db::write(&import.imported)?,
    )
}

/// The end of every import: what it left out, what changed since the last one, the imported file written
/// (at `file`, from the repository's root), then `build`.
fn finish_import(file: &str, report: &[String], summary: &str, changes: &[String], text: &str) -> Result {
    for line in report {
        println!("    {line}");
    }
    println!("    {summary}; {} domains changed", changes.len());
    for change in changes {
        println!("    {change}");
    }
    let path = root().join(file);
    std::fs::create_dir_all(path.parent().expect("a folder")).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{file}: {e}"))?;
    println!("    wrote {file}");
    build()
}

/// What changed between two imports, from each one's facts per domain: added, changed (other facts), removed.
fn changed_domains(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for (domain, facts) in new {
        match old.get(domain) {
            None => out.push(format!("added {domain}")),
            Some(before) if before != facts => out.push(format!("changed {domain}")),
            Some(_) => {}
        }
    }
    out.extend(
        old.keys()
            .filter(|d| !new.contains_key(*d))
            .map(|d| format!("removed {d}")),
    );
    out
}

/// The generated files' texts, and what provider-db added.
struct Generated {
    data: String,
    differences: String,
    provider_db: provider_db::tier::Joined,
}

/// What `build` writes, from the files as they are now.
fn generate() -> Result<Generated> {
    let checked = checked::read_dir(&root().join(CHECKED_DIR))?;
    let ispdb_text = std::fs::read_to_string(root().join(ISPDB_FILE)).map_err(|e| format!("{ISPDB_FILE}: {e}"))?;
    let ispdb = data::decode(&ispdb_text)
        .map_err(|e| format!("{ISPDB_FILE}: {e}"))?
        .records;
    let commit = ispdb.iter().find_map(|p| match &p.origin {
        Origin::Ispdb { commit, .. } => Some(commit.clone()),
        Origin::Checked { .. } | Origin::ProviderDb { .. } | Origin::Discovered { .. } => None,
    });
    let pdb_text =
        std::fs::read_to_string(root().join(PROVIDER_DB_FILE)).map_err(|e| format!("{PROVIDER_DB_FILE}: {e}"))?;
    let pdb = provider_db::parse(&pdb_text).map_err(|e| format!("{PROVIDER_DB_FILE}: {e}"))?;
    let disagreements = provider_db::tier::disagreements(&checked.records, &ispdb, &pdb)?;
    merge::check_mx_claims(&checked.records, &ispdb)?;
    let (mut records, comparisons) = merge::merge(checked.records, ispdb);
    merge::attach_all(&mut records, checked.attach)?;
    let joined = provider_db::tier::join(&mut records, &pdb)?;
    let causes_text = std::fs::read_to_string(root().join(CAUSES_FILE)).map_err(|e| format!("{CAUSES_FILE}: {e}"))?;
    let phrases_text =
        std::fs::read_to_string(root().join(PHRASES_FILE)).map_err(|e| format!("{PHRASES_FILE}: {e}"))?;
    let decoder = causes::read(&causes_text, &phrases_text).map_err(|e| format!("crates/engine/texts/: {e}"))?;
    let explanation_text =
        std::fs::read_to_string(root().join(EXPLANATION_FILE)).map_err(|e| format!("{EXPLANATION_FILE}: {e}"))?;
    let explanation = causes::explanation(&explanation_text).map_err(|e| format!("{EXPLANATION_FILE}: {e}"))?;
    let mut text_files = Vec::new();
    for path in TEXT_FILES {
        text_files.push((
            path,
            std::fs::read_to_string(root().join(path)).map_err(|e| format!("{path}: {e}"))?,
        ));
    }
    let files: Vec<(&str, &str)> = text_files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let texts = texts::read(&files)?;
    let header = [
        "mailcheck's data: the provider database, the error decoder's texts, the explanation of IMAP and POP and the",
        "guides' wording. Written by `cargo xtask data build`: do not edit by hand. Sources: crates/engine/texts/ (the",
        "decoder's phrases and texts, the explanation, the guides' and the recommender's words), our checked provider records",
        "(crates/engine/providers/*.toml, each compared with the provider's own page)",
        &format!(
            "the Thunderbird ISPDB (crates/engine/providers/ispdb/ispdb.txt, https://github.com/thunderbird/autoconfig at {}),",
            commit.as_deref().unwrap_or("no import")
        ),
        &format!(
            "and Delta Chat's provider database (crates/engine/providers/provider-db/provider-db.toml, \
             https://github.com/chatmail/provider-db at {}, archived).",
            pdb.commit
        ),
        "The records and requirements marked I are ISPDB data and those marked M provider-db data, both under the",
        "Mozilla Public License 2.0 (https://mozilla.org/MPL/2.0/), and so is this file as a whole.",
    ];
    let data = data::encode(&header, &records, Some((&decoder, &explanation)), &texts).map_err(|e| e.to_string())?;
    // The database refuses a domain in two records: fail here, not in the app.
    Database::decode(&data).map_err(|e| e.to_string())?;
    Ok(Generated {
        data,
        differences: differences::page(&comparisons, commit.as_deref(), &disagreements, &pdb),
        provider_db: joined,
    })
}

/// The id of a record imported from a community database's `file`: `prefix-` and the file's name without its
/// extension, in `[a-z0-9-]`.
fn record_id(prefix: &str, file: &str) -> String {
    let stem = file
        .rsplit_once('.')
        .map_or(file, |(stem, _)| stem)
        .to_ascii_lowercase();
    let stem: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{prefix}-{stem}")
}

/// `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_files_are_what_build_writes() {
        let generated = generate().unwrap();
        for (path, text) in [(DATA_FILE, &generated.data), (DIFFERENCES_FILE, &generated.differences)] {
            let on_disk = std::fs::read_to_string(root().join(path)).unwrap_or_default();
            assert!(
                on_disk == *text,
                "{path} is not what its sources give: run `cargo xtask data build` and commit it"
            );
        }
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2026-03-12"));
        for bad in ["2026-3-12", "2026/03/12", "20260312", "2026-03-1x", ""] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
