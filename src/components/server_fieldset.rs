//! One server (incoming or outgoing) as a mail app shows it: each field with its own findings below it.

use super::finding_list::{self, finding_list};
use mailcheck_engine::catalog::screens::{
    field_label, not_a_known_value, server_legend, AUTH_CHOICES, CHOOSE, INCOMING_CHOICES, OUTGOING_CHOICES,
    SECURITY_CHOICES,
};
use mailcheck_engine::validate::usual_port;
use mailcheck_engine::{Field, Finding, Fix, ServerField, ServerSettings, Severity, Side};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub struct Props {
    pub side: Side,
    pub server: ServerSettings,
    /// Findings about this server's fields.
    pub findings: Vec<Finding>,
    pub on_field: Callback<(Field, String)>,
    pub on_fix: Callback<Fix>,
}

/// How a field is edited: free text, or one of a few values (value, label).
enum Control {
    Text {
        inputmode: &'static str,
        placeholder: AttrValue,
    },
    Choice(&'static [(&'static str, &'static str)]),
}

/// How `field` is edited on `side`, with its example (the port's follows what is chosen so far).
fn control(side: Side, field: ServerField, server: &ServerSettings) -> Control {
    match field {
        ServerField::Protocol => Control::Choice(if side == Side::Incoming {
            INCOMING_CHOICES
        } else {
            OUTGOING_CHOICES
        }),
        ServerField::Host => Control::Text {
            inputmode: "url",
            placeholder: if side == Side::Incoming {
                "imap.example.com"
            } else {
                "smtp.example.com"
            }
            .into(),
        },
        ServerField::Port => Control::Text {
            inputmode: "numeric",
            placeholder: usual_port(side, server).to_string().into(),
        },
        ServerField::Security => Control::Choice(SECURITY_CHOICES),
        ServerField::Username => Control::Text {
            inputmode: "email",
            placeholder: "jane@example.com".into(),
        },
        ServerField::Auth => Control::Choice(AUTH_CHOICES),
    }
}

pub fn server_fieldset(props: Props) -> Html {
    html! {
        <fieldset class="server">
            <legend>{ server_legend(props.side) }</legend>
            { for ServerField::ALL.into_iter().filter(|f| props.server.asks(props.side, *f)).map(|field| {
                let (label, control) = (field_label(field), control(props.side, field, &props.server));
                let id = format!("{}-{}", props.side.id(), field.name());
                let findings: Vec<Finding> =
                    props.findings.iter().filter(|f| f.field == Field::on(props.side, field)).cloned().collect();
                let invalid = findings.iter().any(|f| f.severity == Severity::Error).then_some("true");
                let described = (!findings.is_empty()).then(|| format!("{id}-findings"));
                let target = Field::on(props.side, field);
                let value = props.server.get(field).to_owned();
                let input = match control {
                    Control::Text { inputmode, placeholder } => {
                        let oninput = props.on_field.reform(move |e: InputEvent| {
                            (target, e.target_unchecked_into::<HtmlInputElement>().value())
                        });
                        html! {
                            <input id={id.clone()} type="text" {inputmode} {placeholder} spellcheck="false"
                                autocapitalize="none" autocomplete="off" value={value}
                                aria-invalid={invalid} aria-describedby={described.clone()} {oninput} />
                        }
                    }
                    Control::Choice(options) => {
                        let onchange = props.on_field.reform(move |e: Event| {
                            (target, e.target_unchecked_into::<HtmlSelectElement>().value())
                        });
                        let unknown = !value.is_empty() && !options.iter().any(|(v, _)| *v == value);
                        html! {
                            <select id={id.clone()} aria-invalid={invalid} aria-describedby={described.clone()} {onchange}>
                                <option value="" selected={value.is_empty()}>{ CHOOSE }</option>
                                { for options.iter().map(|(v, text)| html! {
                                    <option value={*v} selected={*v == value}>{ *text }</option>
                                }) }
                                if unknown {
                                    <option value={value.clone()} selected=true>{ not_a_known_value(&value) }</option>
                                }
                            </select>
                        }
                    }
                };
                html! {
                    <div class="field">
                        <label for={id.clone()}>{ label }</label>
                        { input }
                        <div id={format!("{id}-findings")}>
                            { finding_list(finding_list::Props { findings, on_fix: props.on_fix.clone() }) }
                        </div>
                    </div>
                }
            }) }
        </fieldset>
    }
}
