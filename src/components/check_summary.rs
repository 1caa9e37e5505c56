//! The verdict on the settings: will they work? Announced to screen readers as it changes.

use mailcheck_engine::{Finding, Severity};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub findings: Vec<Finding>,
}

#[component]
pub fn CheckSummary(props: &Props) -> Html {
    let count = |s: Severity| props.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let (class, text) = match (errors, warnings) {
        (0, 0) => ("summary ok", "✓ These settings will work.".to_owned()),
        (0, w) => (
            "summary warning",
            format!(
                "⚠ These settings may work, but {} worth changing.",
                plural(w, "thing is", "things are")
            ),
        ),
        (e, 0) => (
            "summary error",
            format!(
                "✗ These settings will not work yet: {} to fix.",
                plural(e, "problem", "problems")
            ),
        ),
        (e, w) => (
            "summary error",
            format!(
                "✗ These settings will not work yet: {} to fix, and {} worth a look.",
                plural(e, "problem", "problems"),
                plural(w, "warning", "warnings")
            ),
        ),
    };
    html! {
        <p class={class} role="status" aria-live="polite" data-testid="check-summary">{ text }</p>
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
