//! Findings about one field, worst first, each with its fix as a button.

use mailcheck_engine::catalog::screens::{apply_fix, severity_word};
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
                let class = match f.severity {
                    Severity::Error => "finding error",
                    Severity::Warning => "finding warning",
                    Severity::Info => "finding info",
                };
                let fix = f.fix.clone().map(|fix| {
                    let label = apply_fix(&fix.value);
                    let onclick = props.on_fix.reform(move |_: MouseEvent| fix.clone());
                    html! { <button type="button" class="fix" {onclick}>{ label }</button> }
                });
                html! {
                    <li class={class} data-code={f.code.clone()}>
                        <strong>{ format!("{}: ", severity_word(f.severity)) }</strong>{ &f.message }
                        { for fix }
                    </li>
                }
            }) }
        </ul>
    }
}
