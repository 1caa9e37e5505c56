//! Findings about one field, worst first, each with its fix as a button.

use mailcheck_engine::{Finding, Fix, Severity};
use yew::prelude::*;

pub struct Props {
    pub findings: Vec<Finding>,
    pub on_fix: Callback<Fix>,
}

pub fn finding_list(props: Props) -> Html {
    if props.findings.is_empty() {
        return html! {};
    }
    html! {
        <ul class="findings">
            { for props.findings.iter().map(|f| {
                let (class, word) = match f.severity {
                    Severity::Error => ("finding error", "Problem"),
                    Severity::Warning => ("finding warning", "Warning"),
                    Severity::Info => ("finding info", "Note"),
                };
                let fix = f.fix.clone().map(|fix| {
                    let label = if fix.value.is_empty() {
                        "Apply fix: clear this field".to_owned()
                    } else {
                        format!("Apply fix: use {}", option_label(&fix.value))
                    };
                    let onclick = props.on_fix.reform(move |_: MouseEvent| fix.clone());
                    html! { <button type="button" class="fix" {onclick}>{ label }</button> }
                });
                html! {
                    <li class={class} data-code={f.code.clone()}>
                        <strong>{ format!("{word}: ") }</strong>{ &f.message }
                        { for fix }
                    </li>
                }
            }) }
        </ul>
    }
}

/// How a fix's value reads on its button: the label the form shows for a choice, the text itself otherwise.
fn option_label(value: &str) -> &str {
    super::server_fieldset::label_of(value).unwrap_or(value)
}
