//! The error decoder's data: its phrase rules (crates/engine/texts/phrases.toml) and a title, an
//! explanation and general fixes for every cause of `decode::CauseCode` (crates/engine/texts/causes.toml),
//! checked here and written into the data file.

use mailcheck_engine::advice::Section;
use mailcheck_engine::catalog::causes::CauseText;
use mailcheck_engine::decode::{CauseCode, Knowledge, PhraseRule};
use mailcheck_engine::texts::Texts;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    cause: Vec<Entry>,
    /// The templates of the fixes the decoder writes from the settings, by key.
    fix: toml::Table,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    title: String,
    why: String,
    checklist: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rules {
    rule: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    cause: String,
    weight: u16,
    phrases: Vec<String>,
}

/// The decoder's data from the two files' texts; the first problem is the error: an unknown or repeated
/// cause, an empty text, a cause without an entry, a rule without phrases or with a phrase the decoder's
/// lower-case text can never hold.
pub fn read(causes_toml: &str, phrases_toml: &str) -> Result<Knowledge, String> {
    let (texts, fixes) = texts(causes_toml)?;
    let file: Rules = toml::from_str(phrases_toml).map_err(|e| format!("phrases: {e}"))?;
    let mut rules = Vec::new();
    for r in file.rule {
        let cause = CauseCode::from_id(&r.cause)
            .ok_or_else(|| format!("phrases: cause {:?} is not one the decoder names", r.cause))?;
        if r.phrases.is_empty() {
            return Err(format!("phrases: a rule of {} has no phrases", r.cause));
        }
        if let Some(p) = r
            .phrases
            .iter()
            .find(|p| p.trim().is_empty() || p.to_lowercase() != **p)
        {
            return Err(format!("phrases: {p:?} of {} is empty or not lower case", r.cause));
        }
        rules.push(PhraseRule {
            cause,
            weight: r.weight,
            phrases: r.phrases,
        });
    }
    Ok(Knowledge::new(texts, rules, fixes).expect("every cause was checked"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Explanation {
    section: Vec<ExplanationSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExplanationSection {
    heading: String,
    paragraphs: Vec<String>,
}

/// The IMAP-or-POP3 explanation (crates/engine/texts/explanation.toml): sections with a heading and at least
/// one paragraph each.
pub fn explanation(toml_text: &str) -> Result<Vec<Section>, String> {
    let file: Explanation = toml::from_str(toml_text).map_err(|e| format!("explanation: {e}"))?;
    if file.section.is_empty() {
        return Err("explanation: no sections".into());
    }
    file.section
        .into_iter()
        .map(|s| {
            let empty = s.heading.trim().is_empty()
                || s.paragraphs.is_empty()
                || s.paragraphs.iter().any(|p| p.trim().is_empty());
            if empty {
                Err(format!(
                    "explanation: section {:?} has an empty heading or paragraph",
                    s.heading
                ))
            } else {
                Ok(Section {
                    heading: s.heading,
                    paragraphs: s.paragraphs,
                })
            }
        })
        .collect()
}

/// The texts of every cause, and the fix templates.
fn texts(toml_text: &str) -> Result<(Vec<(CauseCode, CauseText)>, Texts), String> {
    let file: File = toml::from_str(toml_text).map_err(|e| e.to_string())?;
    let mut fixes = Vec::new();
    for (key, value) in file.fix {
        match value.as_str() {
            Some(t) if !t.trim().is_empty() && !t.contains(['\t', '\n', '\r']) => fixes.push((key, t.to_owned())),
            _ => return Err(format!("fix {key} is not a text on one line")),
        }
    }
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
    Ok((texts, Texts::new(fixes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> String {
        format!("[[cause]]\nid = \"{id}\"\ntitle = \"T\"\nwhy = \"W\"\nchecklist = [\"F\"]\n")
    }

    fn all() -> String {
        let causes: String = CauseCode::ALL.iter().map(|c| entry(c.id())).collect();
        format!("{causes}[fix]\nset-field = \"Set {{field}}.\"\n")
    }

    const RULE: &str = "[[rule]]\ncause = \"net.timeout\"\nweight = 80\nphrases = [\"timed out\"]\n";

    #[test]
    fn the_explanation_needs_headings_and_paragraphs() {
        let good = "[[section]]\nheading = \"H\"\nparagraphs = [\"P\"]\n";
        assert_eq!(explanation(good).unwrap()[0].paragraphs, ["P"]);
        for (bad, expected) in [
            ("", "missing field"),
            (good.replace("[\"P\"]", "[]").as_str(), "empty heading or paragraph"),
            (good.replace("\"H\"", "\" \"").as_str(), "empty heading or paragraph"),
        ] {
            let e = explanation(bad).unwrap_err();
            assert!(e.contains(expected), "{expected}: {e}");
        }
    }

    #[test]
    fn every_cause_needs_one_entry_with_texts() {
        let knowledge = read(&all(), RULE).unwrap();
        assert_eq!(knowledge.get(CauseCode::Timeout).title, "T");
        assert_eq!(knowledge.rules()[0].phrases, ["timed out"]);
        let cases = [
            (all() + &entry("no.such-cause"), "not one the decoder names"),
            (all() + &entry("net.timeout"), "listed twice"),
            (all().replacen("title = \"T\"", "title = \" \"", 1), "empty text"),
            (all().replacen(&entry("net.timeout"), "", 1), "net.timeout has no entry"),
            (all().replacen("why = ", "reason = ", 1), "unknown field"),
        ];
        for (text, expected) in cases {
            let e = read(&text, RULE).err().unwrap();
            assert!(e.contains(expected), "{expected}: {e}");
        }
        let rules = [
            (RULE.replace("net.timeout", "net.nothing"), "not one the decoder names"),
            (RULE.replace("[\"timed out\"]", "[]"), "has no phrases"),
            (RULE.replace("timed out", "Timed Out"), "not lower case"),
            (RULE.replace("weight", "strength"), "unknown field"),
        ];
        for (text, expected) in rules {
            let e = read(&all(), &text).err().unwrap();
            assert!(e.contains(expected), "{expected}: {e}");
        }
    }
}
