//! Where a provider record's facts come from, in the words every screen, guide, file and the CLI use: the
//! person always sees which tier a fact is from (our checked record or the Thunderbird ISPDB).

use crate::model::{Origin, Provider};
use core::fmt;

/// Whose word a finding or fix repeats: the provider's own page (a checked record) or the Thunderbird ISPDB's
/// entry for it. Shown as the provider's name; [`Who::source`] is the subject of sentences about what the
/// settings list, so a finding against an ISPDB record never passes for the provider's word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Who<'a> {
    pub name: &'a str,
    pub ispdb: bool,
}

impl<'a> Who<'a> {
    pub fn of(p: &'a Provider) -> Who<'a> {
        Who {
            name: &p.name,
            ispdb: !p.is_checked(),
        }
    }

    /// "CenturyLink's own page" or "the Thunderbird ISPDB's entry for Yahoo! Mail"; `{:#}` starts it with a
    /// capital letter.
    pub fn source(self) -> Source<'a> {
        Source(self)
    }
}

impl fmt::Display for Who<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// Where the settings a sentence repeats come from (see [`Who::source`]).
#[derive(Clone, Copy, Debug)]
pub struct Source<'a>(Who<'a>);

impl fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0.ispdb, f.alternate()) {
            (false, _) => write!(f, "{}'s own page", self.0.name),
            (true, false) => write!(f, "the Thunderbird ISPDB's entry for {}", self.0.name),
            (true, true) => write!(f, "The Thunderbird ISPDB's entry for {}", self.0.name),
        }
    }
}

/// The tier as a short label: `Checked` or `Thunderbird ISPDB`.
pub fn tier_label(p: &Provider) -> &'static str {
    match p.origin {
        Origin::Checked { .. } => "Checked",
        Origin::Ispdb { .. } => "Thunderbird ISPDB",
    }
}

/// One sentence on where the record's settings come from and how far to trust them.
pub fn sentence(p: &Provider) -> String {
    let name = &p.name;
    match &p.origin {
        Origin::Checked { checked, .. } => {
            format!("Checked by mailcheck against {name}'s own page on {checked}.")
        }
        Origin::Ispdb { changed, .. } => format!(
            "From the Thunderbird ISPDB, a community database (last changed {changed}), not checked against \
             {name}'s own page."
        ),
    }
}

/// The words of the link to the record's page ([`Provider::page`]): the provider's settings page, or the
/// ISPDB's description of the page it links to.
pub fn page_label(p: &Provider) -> String {
    match &p.origin {
        Origin::Checked { .. } => format!("{}'s settings page", p.name),
        Origin::Ispdb { .. } => match p.docs.first() {
            Some(doc) if !doc.title.is_empty() => doc.title.clone(),
            _ => format!("{}'s help page", p.name),
        },
    }
}

/// Said once with the settings of an ISPDB record: the database can be out of date.
pub const ISPDB_STALE: &str = "The Thunderbird ISPDB is kept by volunteers and is out of date in places. If \
     these settings do not work, check them on the provider's own help pages.";

/// What the app promises about every provider setting it shows.
pub const PROMISE: &str = "Every provider setting shown says where it comes from: checked by us against the \
     provider's own page, or taken from the Thunderbird ISPDB, a community database (MPL-2.0).";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::embedded;

    #[test]
    fn each_tier_says_where_it_comes_from() {
        let db = embedded();
        let checked = db.by_id("centurylink").unwrap();
        assert_eq!(tier_label(checked), "Checked");
        assert_eq!(
            sentence(checked),
            "Checked by mailcheck against CenturyLink's own page on 2026-11-26."
        );
        assert_eq!(page_label(checked), "CenturyLink's settings page");

        let yahoo = db.lookup("yahoo.com").provider.unwrap();
        assert_eq!(tier_label(yahoo), "Thunderbird ISPDB");
        let said = sentence(yahoo);
        assert!(
            said.starts_with("From the Thunderbird ISPDB, a community database (last changed 20"),
            "{said}"
        );
        assert!(said.ends_with("not checked against Yahoo! Mail's own page."), "{said}");
        assert!(yahoo.page().is_some_and(|u| u.starts_with("https://help.yahoo.com/")));
        assert!(page_label(yahoo).contains("Yahoo"), "{}", page_label(yahoo));
    }
}
