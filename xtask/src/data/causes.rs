//! The error decoder's texts (crates/engine/texts/causes.toml): a title, an explanation and general fixes
//! for every cause of `decode::CauseCode`, checked here and written into the data file.

use mailcheck_engine::catalog::causes::{CauseText, CauseTexts};
use mailcheck_engine::decode::CauseCode;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    cause: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    title: String,
    why: String,
    checklist: Vec<String>,
}

/// The texts of every cause; the first problem is the error: an unknown or repeated id, an empty text, a
/// cause without an entry.
pub fn read(toml_text: &str) -> Result<CauseTexts, String> {
    let file: File = toml::from_str(toml_text).map_err(|e| e.to_string())?;
    let mut texts = Vec::new();
    for e in file.cause {
        let code = CauseCode::from_id(&e.id).ok_or_else(|| format!("cause {:?} is not one the decoder names", e.id))?;
        if texts.iter().any(|(c, _)| *c == code) {
            return Err(format!("cause {} is listed twice", e.id));
        }
        if e.title.trim().is_empty() || e.why.trim().is_empty() || e.checklist.iter().any(|c| c.trim().is_empty()) {
            return Err(format!("cause {} has an empty text", e.id));
        }
        texts.push((
            code,
            CauseText {
                title: e.title,
                why: e.why,
                checklist: e.checklist,
            },
        ));
    }
    if let Some(missing) = CauseCode::ALL.iter().find(|c| !texts.iter().any(|(t, _)| t == *c)) {
        return Err(format!("cause {} has no entry", missing.id()));
    }
    Ok(CauseTexts::new(texts).expect("every cause was checked above"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> String {
        format!("[[cause]]\nid = \"{id}\"\ntitle = \"T\"\nwhy = \"W\"\nchecklist = [\"F\"]\n")
    }

    fn all() -> String {
        CauseCode::ALL.iter().map(|c| entry(c.id())).collect()
    }

    #[test]
    fn every_cause_needs_one_entry_with_texts() {
        let texts = read(&all()).unwrap();
        assert_eq!(texts.get(CauseCode::Timeout).title, "T");
        let cases = [
            (all() + &entry("no.such-cause"), "not one the decoder names"),
            (all() + &entry("net.timeout"), "listed twice"),
            (all().replacen("title = \"T\"", "title = \" \"", 1), "empty text"),
            (all().replacen(&entry("net.timeout"), "", 1), "net.timeout has no entry"),
            (all().replacen("why = ", "reason = ", 1), "unknown field"),
        ];
        for (text, expected) in cases {
            let e = read(&text).err().unwrap();
            assert!(e.contains(expected), "{expected}: {e}");
        }
    }
}
