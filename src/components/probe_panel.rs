//! "Test connection" for one server: the native probe's steps as they happen, then its verdict explained.

use crate::probe::{self, End, Event, Finding, Step};
use mailcheck_engine::catalog::probe::STEPS;
use mailcheck_engine::probe_request::ProbeRequest;
use mailcheck_engine::Side;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The server to test; `None` while its fields cannot be used yet.
    pub request: Option<ProbeRequest>,
    /// Where the probe answers; `None` where this copy of the app has none.
    pub endpoint: Option<AttrValue>,
    /// Which server: its id names the panel's elements.
    pub side: Side,
}

/// What the panel shows.
#[derive(Clone, Debug, Default, PartialEq)]
struct Run {
    running: bool,
    steps: Vec<Step>,
    verdict: Option<String>,
    findings: Vec<Finding>,
    /// A sentence saying why there is no verdict.
    problem: Option<String>,
}

#[component]
pub fn ProbePanel(props: &Props) -> Html {
    let run = use_state(Run::default);
    let Some(endpoint) = props.endpoint.clone() else {
        return html! {
            <p class="muted probe-off">{ "Connection tests need mailcheck's server; this copy of the app has none. Everything else works without it." }</p>
        };
    };
    let onclick = {
        let (run, request) = (run.clone(), props.request.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(request) = request.clone() else { return };
            run.set(Run {
                running: true,
                ..Run::default()
            });
            // Events arrive one by one; each replaces the shown state with one more line.
            let mut seen = Run {
                running: true,
                ..Run::default()
            };
            let run = run.clone();
            probe::run(&endpoint, &request, move |event| {
                match event {
                    Event::Step(step) => seen.steps.push(step),
                    Event::Finding(finding) => seen.findings.push(finding),
                    Event::Verdict(verdict) => seen.verdict = Some(verdict),
                    Event::Refused { message, retry_after } => {
                        seen.problem = Some(match retry_after {
                            Some(s) => format!("{message}. Try again in {s} seconds."),
                            None => message,
                        });
                    }
                    Event::End(end) => {
                        seen.running = false;
                        let problem = match end {
                            End::Complete => None,
                            End::Unreachable => Some("The connection test could not reach mailcheck's server (are you offline?). Everything else works without it."),
                            End::Interrupted => Some("The connection test stopped before it finished; what it saw so far is above."),
                        };
                        if seen.problem.is_none() {
                            seen.problem = problem.map(str::to_owned);
                        }
                    }
                }
                run.set(seen.clone());
            });
        })
    };
    // Read at each render: the page shows the note as soon as anything changes after the connection drops.
    let offline = web_sys::window().is_some_and(|w| !w.navigator().on_line());
    let disabled = props.request.is_none() || run.running || offline;
    html! {
        <div class="probe" aria-live="polite">
            <button type="button" class="secondary" id={format!("probe-{}", props.side.id())} {disabled} {onclick}>
                { if run.running { "Testing…" } else { "Test connection" } }
            </button>
            if offline {
                <span class="muted">{ " You are offline: testing a connection needs one. Everything else works offline." }</span>
            } else if props.request.is_none() {
                <span class="muted">{ " Fill in the server, port, account type and encryption first." }</span>
            }
            if !run.steps.is_empty() {
                <ol class="probe-steps" data-testid={format!("probe-steps-{}", props.side.id())}>
                    { for run.steps.iter().map(step) }
                </ol>
            }
            if let Some(verdict) = &run.verdict {
                { report(verdict, &run.findings) }
            }
            if let Some(problem) = &run.problem {
                <p class="summary warning">{ problem }</p>
            }
        </div>
    }
}

fn step(s: &Step) -> Html {
    let words = STEPS
        .iter()
        .find(|(id, _)| *id == s.name)
        .map_or(s.name.as_str(), |(_, w)| *w);
    let (mark, class) = match s.outcome.as_str() {
        "ok" => ("✓", "ok"),
        "warning" => ("⚠", "warning"),
        _ => ("✗", "error"),
    };
    html! {
        <li class={class}>{ format!("{mark} {words} ({} ms)", s.ms) }</li>
    }
}

fn report(verdict: &str, findings: &[Finding]) -> Html {
    let (class, text) = match verdict {
        "ok" => ("summary ok", "✓ The server answered as these settings expect."),
        "warnings" => ("summary warning", "⚠ The server answered, with something worth a look."),
        _ => ("summary error", "✗ The server does not work with these settings."),
    };
    html! {
        <>
            <p class={class} data-testid="probe-verdict">{ text }</p>
            <ul class="findings">
                { for findings.iter().map(|f| {
                    let class = match f.severity.as_str() { "error" => "finding error", "warning" => "finding warning", _ => "finding info" };
                    html! {
                        <li class={class} data-code={f.code.clone()}>
                            <strong>{ &f.title }</strong>{ ". " }{ &f.why }{ " " }{ &f.fix }
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}
