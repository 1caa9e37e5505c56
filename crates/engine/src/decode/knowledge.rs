//! What the decoder knows that is data, not logic: the phrase rules and the plain texts of each cause.
//!
//! Both are written in crates/engine/texts/ (phrases.toml, causes.toml) and read from the data file with the
//! provider records (`crate::Database::decoder`): the web app fetches them after its first paint rather
//! than carrying them in the wasm, the native binary embeds the same file.

use super::CauseCode;
use crate::advice::Section;
use crate::catalog::causes::CauseText;

/// A cause the text points at when it holds any of `phrases` (lower case, as the decoder folds the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseRule {
    pub cause: CauseCode,
    /// How strongly: out of about 100; under 40 a hit only helps the ranking.
    pub weight: u16,
    pub phrases: Vec<String>,
}

/// The decoder's phrase rules and the texts of every cause.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Knowledge {
    /// One for each [`CauseCode`], in the order of [`CauseCode::ALL`].
    texts: Vec<CauseText>,
    rules: Vec<PhraseRule>,
    /// The explanation of IMAP and POP (crates/engine/texts/explanation.toml), which travels with the
    /// decoder's texts for the same reason: static text shown after the first paint.
    explanation: Vec<Section>,
}

impl Knowledge {
    /// `None` unless each cause of [`CauseCode::ALL`] has a title and a why: the decoder would show empty
    /// explanations.
    pub fn new(texts: Vec<(CauseCode, CauseText)>, rules: Vec<PhraseRule>) -> Option<Knowledge> {
        let mut out = vec![CauseText::default(); CauseCode::ALL.len()];
        for (code, text) in texts {
            out[code as usize] = text;
        }
        out.iter()
            .all(|t| !t.title.is_empty() && !t.why.is_empty())
            .then_some(Knowledge {
                texts: out,
                rules,
                explanation: Vec::new(),
            })
    }

    /// The texts of `code`; empty ones in an empty `Knowledge` (a database made without a data file).
    pub fn get(&self, code: CauseCode) -> &CauseText {
        const NONE: &CauseText = &CauseText {
            title: String::new(),
            why: String::new(),
            checklist: Vec::new(),
        };
        self.texts.get(code as usize).unwrap_or(NONE)
    }

    /// Every cause with its texts, in the order of [`CauseCode::ALL`].
    pub fn causes(&self) -> impl Iterator<Item = (CauseCode, &CauseText)> {
        CauseCode::ALL.iter().copied().zip(&self.texts)
    }

    /// The phrase rules, in their file's order.
    pub fn rules(&self) -> &[PhraseRule] {
        &self.rules
    }

    /// The same, with the explanation of IMAP and POP.
    pub fn with_explanation(self, explanation: Vec<Section>) -> Knowledge {
        Knowledge { explanation, ..self }
    }

    /// The explanation of IMAP and POP, section by section.
    pub fn explanation(&self) -> &[Section] {
        &self.explanation
    }
}
