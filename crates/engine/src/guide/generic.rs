//! Any other mail app: the usual field names, and the other names the same choices go by.

use super::details::Details;
use super::toolkit::{steps, Fill as F, Parts, SecurityWords, Source, StepSpec};
use crate::model::Side;
use crate::texts::Texts;
use Side::{Incoming as In, Outgoing as Out};

/// The usual name of each mode, with the other names it goes by.
const WORDS: SecurityWords = SecurityWords {
    tls: "SSL/TLS (some apps say SSL or TLS; encrypted from the start)",
    starttls: "STARTTLS (some apps say TLS)",
    none: "None (no encryption)",
};

const STEPS: &[StepSpec] = &[
    ("g1", &[("l23", F::Name), ("l1", F::Email)]),
    (
        "g2",
        &[
            ("l2", F::Protocol("IMAP", "POP3")),
            ("l46", F::Host(In)),
            ("l31", F::Port(In)),
            ("l59", F::Security(In, &WORDS)),
            ("l16", F::Username(In)),
            ("l9", F::Password(In)),
        ],
    ),
    (
        "g3",
        &[
            ("l46", F::Host(Out)),
            ("l31", F::Port(Out)),
            ("l59", F::Security(Out, &WORDS)),
            ("l16", F::Username(Out)),
            ("l9", F::Password(Out)),
        ],
    ),
    ("g4", &[]),
];

pub(super) fn guide(a: &Details, t: &Texts) -> Parts {
    Parts {
        version: "g5",
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
    fn names_each_mode_with_its_other_names() {
        let g = guide(Client::Generic, &own_starttls());
        let modes = values(&g, "Encryption");
        assert!(matches!(modes[0], Value::Choose(c) if c.starts_with("STARTTLS")));
        assert!(matches!(modes[1], Value::Choose(c) if c.starts_with("SSL/TLS")));
        assert_eq!(
            values(&g, "Server"),
            [
                &Value::Text("imap.example.org".into()),
                &Value::Text("smtp.example.org".into())
            ]
        );
        assert_eq!(values(&g, "Account type"), [&Value::Choose("IMAP")]);
    }

    #[test]
    fn qwestoffice_shows_no_encryption() {
        let g = guide(Client::Generic, &qwestoffice());
        assert_eq!(values(&g, "Encryption")[0], &Value::Choose("None (no encryption)"));
        assert_eq!(values(&g, "Port")[0], &Value::Text("110".into()));
    }
}
