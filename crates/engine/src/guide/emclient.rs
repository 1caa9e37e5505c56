//! eM Client.
//!
//! eM Client's own manual names the fields Host, Port and Security policy; its current setup pages could not
//! be found with mailcheck's search tool, and the wording of the Security policy choices has changed between
//! versions, so the guide describes each choice instead of quoting one version's wording.

use super::details::Details;
use super::toolkit::{steps, Fill as F, Parts, SecurityWords, Source, StepSpec};
use crate::model::Side;
use crate::texts::Texts;
use Side::{Incoming as In, Outgoing as Out};

/// Each Security policy choice described, not quoted: the wording changes between versions.
const WORDS: SecurityWords = SecurityWords {
    tls: "SSL/TLS from the start, on the special port (implicit TLS)",
    starttls: "SSL/TLS started on the standard port (STARTTLS)",
    none: "no SSL/TLS",
};

const STEPS: &[StepSpec] = &[
    ("e1", &[("l1", F::Email)]),
    ("e2", &[("l56", F::Protocol("IMAP", "POP3"))]),
    (
        "e3",
        &[
            ("l57", F::Host(In)),
            ("l31", F::Port(In)),
            ("l58", F::Security(In, &WORDS)),
            ("l16", F::Username(In)),
            ("l9", F::Password(In)),
        ],
    ),
    (
        "e4",
        &[
            ("l57", F::Host(Out)),
            ("l31", F::Port(Out)),
            ("l58", F::Security(Out, &WORDS)),
            ("l16", F::Username(Out)),
            ("l9", F::Password(Out)),
        ],
    ),
    ("e5", &[("l23", F::Name)]),
];

pub(super) fn guide(a: &Details, t: &Texts) -> Parts {
    Parts {
        version: "e6",
        source: Source::None,
        steps: steps(a, STEPS, t),
        notes: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Client, Value};

    #[test]
    fn uses_security_policy_and_describes_each_choice() {
        let g = guide(Client::EmClient, &centurylink());
        let policies = values(&g, "Security policy");
        assert!(matches!(policies[0], Value::Choose(c) if c.contains("implicit TLS")));
        assert!(matches!(policies[1], Value::Choose(c) if c.contains("STARTTLS")));
        assert_eq!(
            values(&g, "Host"),
            [
                &Value::Text("pop.centurylink.net".into()),
                &Value::Text("smtp.centurylink.net".into())
            ]
        );
        assert_eq!(values(&g, "Incoming server type"), [&Value::Choose("POP3")]);
    }

    #[test]
    fn qwestoffice_gets_no_ssl_tls() {
        let g = guide(Client::EmClient, &qwestoffice());
        assert_eq!(values(&g, "Security policy")[0], &Value::Choose("no SSL/TLS"));
        assert_eq!(
            values(&g, "Port"),
            [&Value::Text("110".into()), &Value::Text("465".into())]
        );
    }
}
