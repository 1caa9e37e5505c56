//! "Check my settings": the two servers as a mail app shows them, with findings next to each field.

use super::check_summary::{self, check_summary};
use super::finding_list::{self, finding_list};
use super::probe_panel::ProbePanel;
use super::server_fieldset::{self, server_fieldset};
use mailcheck_engine::catalog::screens::empty_fields;
use mailcheck_engine::probe_request::ProbeRequest;
use mailcheck_engine::validate::Report;
use mailcheck_engine::{Field, Finding, Fix, ServerSettings, Settings, Side};
use yew::prelude::*;

pub struct Props {
    pub settings: Settings,
    /// The provider's name and its recommended settings for the address (with the incoming protocol
    /// recommended or chosen), when the provider is known.
    pub fill: Option<(AttrValue, Settings)>,
    pub report: Report,
    /// How many fixes were applied, and what the last one changed while nothing else has.
    pub fixed: usize,
    pub fix_applied: Option<String>,
    pub on_field: Callback<(Field, String)>,
    pub on_fix: Callback<Fix>,
    /// Replaces the settings with the provider's recommended ones.
    pub on_fill: Callback<Settings>,
    /// Where the connection-test probe answers, if this copy of the app has one.
    pub probe_endpoint: Option<AttrValue>,
}

pub fn check_screen(props: Props) -> Html {
    let fill = props.fill.as_ref().map(|(name, recommended)| {
        let recommended = recommended.clone();
        let onclick = props.on_fill.reform(move |_: MouseEvent| recommended.clone());
        html! {
            <p class="fill">
                <button type="button" class="secondary" {onclick}>
                    { format!("Fill in {name}'s recommended settings") }
                </button>
            </p>
        }
    });
    // Before anything is typed into the servers, eleven problems would greet the person: the screen waits
    // for the first field instead (the address is checked at once, it is typed at the top).
    let started =
        props.settings.incoming != ServerSettings::default() || props.settings.outgoing != ServerSettings::default();
    // After the first field, the fields not reached yet wait in one line rather than a problem each.
    let empty = props.report.empty_fields(&props.settings);
    let shown: Vec<Finding> = props
        .report
        .findings
        .iter()
        .filter(|f| !empty.contains(&f.field))
        .cloned()
        .collect();
    let side_findings = |side: Side| -> Vec<Finding> {
        if !started {
            return Vec::new();
        }
        let of_side = |f: &&Finding| f.field.side() == Some(side);
        shown.iter().filter(of_side).cloned().collect()
    };
    let email_findings: Vec<_> = props
        .report
        .findings
        .iter()
        .filter(|f| f.field == Field::Email)
        .cloned()
        .collect();
    html! {
        <>
            <p class="intro">
                { "Type the settings exactly as your mail app shows them. Each problem appears next to its field, \
                   with a button that fixes it. Never type your password here: mailcheck does not need it." }
            </p>
            { for fill }
            // One live region: what a fix changed, then the verdict it leads to.
            <div role="status" aria-live="polite" data-testid="check-status">
                if let Some(applied) = props.fix_applied {
                    <p class="fix-applied" data-testid="fix-applied">{ applied }</p>
                }
                if started {
                    { check_summary(check_summary::Props {
                        findings: shown.clone(),
                        waiting: empty_fields(empty.len(), props.fill.as_ref().map(|(name, _)| name.as_str())),
                        fixed: props.fixed,
                    }) }
                } else {
                    <p class="summary" data-testid="check-summary">
                        { "Nothing to check yet: type the settings your mail app shows, field by field." }
                    </p>
                }
            </div>
            { finding_list(finding_list::Props { findings: email_findings, on_fix: props.on_fix.clone() }) }
            <div class="servers-form">
                { for Side::ALL.into_iter().map(|side| {
                    let server = props.settings.server(side);
                    html! {
                        <div class="server-column">
                            { server_fieldset(server_fieldset::Props {
                                side,
                                server: server.clone(),
                                findings: side_findings(side),
                                on_field: props.on_field.clone(),
                                on_fix: props.on_fix.clone(),
                            }) }
                            <ProbePanel
                                request={ProbeRequest::from_server(server, side)}
                                endpoint={props.probe_endpoint.clone()}
                                {side}
                            />
                        </div>
                    }
                }) }
            </div>
        </>
    }
}
