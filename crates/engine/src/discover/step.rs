//! A discovery's steps as a person follows them. The server's stream names each source by an id
//! (docs/discover.md: `autoconfig`, `ispdb`, `mx`, …) with its outcome; the app shows steps in plain words
//! instead ("Asking the Thunderbird database: nothing found"), while the sources' sentences with their URLs
//! stay folded. The ids are the server's (crates/server/src/discover/), so their meaning lives here, beside
//! the rest of discovery's pure part, not in the app.

use crate::catalog::screens;

/// One step: it gathers the server's sources of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Domain,
    Ispdb,
    Mx,
    Srv,
    Guess,
}

impl Step {
    /// The steps every discovery takes at once; the guesses come after them, only where they found nothing.
    pub const FIRST: [Step; 4] = [Step::Domain, Step::Ispdb, Step::Mx, Step::Srv];

    /// The step of a source's answer in the server's stream, "<source id> <outcome>", and whether it found
    /// servers; `None` for any other text (the stream is not ours to trust).
    pub fn of_answer(answer: &str) -> Option<(Step, bool)> {
        let (id, outcome) = answer.split_once(' ')?;
        Some((Step::of_source(id)?, outcome == "found"))
    }

    /// The step of a source id; `None` for any other text (a checked record found with `force` is no step).
    fn of_source(id: &str) -> Option<Step> {
        Some(match id {
            "autoconfig" | "well-known" | "autoconfig-http" | "well-known-http" => Step::Domain,
            "ispdb" => Step::Ispdb,
            "mx" => Step::Mx,
            "srv" => Step::Srv,
            "guess" => Step::Guess,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Step::Domain => screens::STEP_DOMAIN,
            Step::Ispdb => screens::STEP_ISPDB,
            Step::Mx => screens::STEP_MX,
            Step::Srv => screens::STEP_SRV,
            Step::Guess => screens::STEP_GUESS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Step;

    #[test]
    fn every_source_of_the_stream_is_one_step_and_any_other_text_none() {
        let steps: Vec<_> = [
            "autoconfig",
            "well-known",
            "autoconfig-http",
            "well-known-http",
            "ispdb",
            "mx",
            "srv",
            "guess",
        ]
        .map(Step::of_source)
        .to_vec();
        use Step::*;
        let expected = [Domain, Domain, Domain, Domain, Ispdb, Mx, Srv, Guess]
            .map(Some)
            .to_vec();
        assert_eq!(steps, expected);
        for other in ["database", "", "MX", "mx ", "<b>mx</b>"] {
            assert_eq!(Step::of_source(other), None, "{other:?}");
        }
        assert_eq!(Step::of_answer("mx found"), Some((Step::Mx, true)));
        assert_eq!(Step::of_answer("well-known nothing"), Some((Step::Domain, false)));
        assert_eq!(Step::of_answer("srv failed"), Some((Step::Srv, false)));
        for other in ["mx", "found mx", "database found", ""] {
            assert_eq!(Step::of_answer(other), None, "{other:?}");
        }
    }
}
