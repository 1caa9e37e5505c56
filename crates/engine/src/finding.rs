//! What a check says about the settings: findings, each with a severity, the field and an exact fix.

use crate::settings::Field;
use serde::{Deserialize, Serialize};

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Will not work, or is unsafe.
    Error,
    /// May fail, or is not recommended.
    Warning,
    /// Worth knowing; nothing to change.
    Info,
}

/// The exact change that repairs a finding: set `field` to `value`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub field: Field,
    pub value: String,
}

/// One thing a check found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable id, e.g. `host.typo`; the UI and tests key on it, messages may change.
    pub code: String,
    pub severity: Severity,
    pub field: Field,
    /// Plain language for a non-expert: what is wrong, why it matters, what to do.
    pub message: String,
    pub fix: Option<Fix>,
}
