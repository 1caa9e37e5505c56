//! What the decoder knows that is data, not logic: the phrase rules and the plain texts of each cause.
//!
//! Both are written in crates/engine/texts/ (phrases.toml, causes.toml) and read from the data file with the
//! provider records (`crate::Database::decoder`): the web app fetches them after its first paint rather
//! than carrying them in the wasm, the native binary embeds the same file.

use super::CauseCode;
use crate::catalog::causes::CauseText;
use crate::texts::Texts;

/// A cause the text points at when it holds any of `phrases` (lower case, as the decoder folds the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseRule {
    pub cause: CauseCode,
    /// How strongly: out of about 100; under 40 a hit only helps the ranking.
    pub weight: u16,
    pub phrases: Vec<String>,
}

/// The decoder's phrase rules, the texts of every cause and the templates of the fixes it writes from the
/// settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Knowledge {
    /// One for each [`CauseCode`], in the order of [`CauseCode::ALL`].
    texts: Vec<CauseText>,
    rules: Vec<PhraseRule>,
    /// `{name}` templates by key (see `crate::catalog::causes::FixText`).
    fixes: Texts,
    /// The words of the sign-in requirements (`requirement.*` of crates/engine/texts/requirements.toml): a
    /// refused sign-in names the provider's requirement first, in the words every other screen uses.
    requirement_words: Texts,
}

impl Knowledge {
    /// `None` unless each cause of [`CauseCode::ALL`] has a title and a why: the decoder would show empty
    /// explanations.
    pub fn new(texts: Vec<(CauseCode, CauseText)>, rules: Vec<PhraseRule>, fixes: Texts) -> Option<Knowledge> {
        let mut out = vec![CauseText::default(); CauseCode::ALL.len()];
        for (code, text) in texts {
            out[code as usize] = text;
        }
        out.iter()
            .all(|t| !t.title.is_empty() && !t.why.is_empty())
            .then_some(Knowledge {
                texts: out,
                rules,
                fixes,
                requirement_words: Texts::default(),
            })
    }

    /// The same knowledge with the words of the sign-in requirements, from the data file's texts.
    pub fn with_requirement_words(self, requirement_words: Texts) -> Knowledge {
        Knowledge {
            requirement_words,
            ..self
        }
    }

    /// The words of the sign-in requirements (empty unless given with [`Knowledge::with_requirement_words`]).
    pub fn requirement_words(&self) -> &Texts {
        &self.requirement_words
    }

    /// The fix template under `key` with its `{name}`s filled in.
    pub(crate) fn fix(&self, key: &str, values: &[(&str, &str)]) -> String {
        self.fixes.fill(key, values)
    }

    /// The fix templates (for the data file).
    pub fn fixes(&self) -> &Texts {
        &self.fixes
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
}
