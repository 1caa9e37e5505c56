//! The verdict on the settings: will they work? Announced to screen readers as it changes (the check's live
//! region holds it), and focused once the last fix shown is applied.

use mailcheck_engine::catalog::screens::standing;
use mailcheck_engine::{Finding, Severity};
use yew::prelude::*;

pub struct Props {
    /// The findings of the fields filled in.
    pub findings: Vec<Finding>,
    /// The line about the fields still empty, when there are any: nothing works yet, but nothing is wrong.
    pub waiting: Option<String>,
    /// How many fixes were applied: said while fields are still empty, so there is always a verdict.
    pub fixed: usize,
}

pub fn check_summary(props: Props) -> Html {
    let count = |s: Severity| props.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let (class, text) = match (errors, warnings, &props.waiting) {
        (0, 0, Some(waiting)) if props.fixed > 0 => ("summary", standing(props.fixed, waiting)),
        (0, 0, Some(waiting)) => ("summary", waiting.clone()),
        (0, 0, None) => ("summary ok", "✓ These settings will work.".to_owned()),
        (0, w, _) => (
            "summary warning",
            format!(
                "⚠ These settings may work, but {} worth changing.",
                plural(w, "thing is", "things are")
            ),
        ),
        (e, 0, _) => (
            "summary error",
            format!(
                "✗ These settings will not work yet: {} to fix.",
                plural(e, "problem", "problems")
            ),
        ),
        (e, w, _) => (
            "summary error",
            format!(
                "✗ These settings will not work yet: {} to fix, and {} worth a look.",
                plural(e, "problem", "problems"),
                plural(w, "warning", "warnings")
            ),
        ),
    };
    let also_waiting = props.waiting.as_ref().filter(|_| errors + warnings > 0);
    html! {
        <>
            <p class={class} tabindex="-1" data-testid="check-summary">{ text }</p>
            if let Some(waiting) = also_waiting {
                <p class="note" data-testid="check-waiting">{ waiting }</p>
            }
        </>
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
