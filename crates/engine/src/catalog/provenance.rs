//! Where a provider record's facts come from, in the words every screen, guide, file and the CLI use: the
//! person always sees which tier a fact is from (our checked record, the Thunderbird ISPDB, Delta Chat's
//! provider database, or settings discovered for their domain, with the sources that agree).

use crate::model::{Origin, Provider, Source};
use core::fmt;

/// Whose word a finding or fix repeats: the provider's own page (a checked record), the Thunderbird ISPDB's
/// entry for it, or what was discovered for the person's domain. Shown as the provider's name; [`Who::source`]
/// is the subject of sentences about what the settings list, so a finding against an ISPDB or discovered
/// record never passes for the provider's word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Who<'a> {
    pub name: &'a str,
    pub tier: Tier,
}

/// The tier of a record, without its details (see [`Origin`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    Checked,
    Ispdb,
    ProviderDb,
    Discovered,
}

impl<'a> Who<'a> {
    pub fn of(p: &'a Provider) -> Who<'a> {
        Who {
            name: &p.name,
            tier: match p.origin {
                Origin::Checked { .. } => Tier::Checked,
                Origin::Ispdb { .. } => Tier::Ispdb,
                Origin::ProviderDb { .. } => Tier::ProviderDb,
                Origin::Discovered { .. } => Tier::Discovered,
            },
        }
    }

    /// "CenturyLink's own page", "the Thunderbird ISPDB's entry for Yahoo! Mail" or "the settings discovered
    /// for example.org"; `{:#}` starts it with a capital letter.
    pub fn source(self) -> Whose<'a> {
        Whose(self)
    }
}

impl fmt::Display for Who<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// Where the settings a sentence repeats come from (see [`Who::source`]).
#[derive(Clone, Copy, Debug)]
pub struct Whose<'a>(Who<'a>);

impl fmt::Display for Whose<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.0.name;
        match (self.0.tier, f.alternate()) {
            (Tier::Checked, _) => write!(f, "{name}'s own page"),
            (Tier::Ispdb, false) => write!(f, "the Thunderbird ISPDB's entry for {name}"),
            (Tier::Ispdb, true) => write!(f, "The Thunderbird ISPDB's entry for {name}"),
            (Tier::ProviderDb, _) => write!(f, "Delta Chat's provider database entry for {name}"),
            (Tier::Discovered, false) => write!(f, "the settings discovered for {name}"),
            (Tier::Discovered, true) => write!(f, "The settings discovered for {name}"),
        }
    }
}

/// The tier as a short label: `Checked`, `Thunderbird ISPDB`, `Delta Chat provider-db` or `Discovered`.
pub fn tier_label(p: &Provider) -> &'static str {
    match p.origin {
        Origin::Checked { .. } => "Checked",
        Origin::Ispdb { .. } => "Thunderbird ISPDB",
        Origin::ProviderDb { .. } => "Delta Chat provider-db",
        Origin::Discovered { .. } => "Discovered",
    }
}

/// Whose word it is that the MX-host domain `mx_domain` leads to `p`, for the discovery step that found it:
/// the record's tier, and the provider's own page that names those MX hosts where the data has one
/// ([`Provider::mx_source`]): `Thunderbird ISPDB; Microsoft 365's own page names them: <url>, read 2026-12-07`.
pub fn mx_word(p: &Provider, mx_domain: &str) -> String {
    match p.mx_source(mx_domain) {
        Some((url, checked)) => format!(
            "{}; {}'s own page names them: {url}, read {checked}",
            tier_label(p),
            p.name
        ),
        None => tier_label(p).to_owned(),
    }
}

/// A discovery source in words: `its own autoconfig file (https)`, `its MX records (Microsoft 365)`.
pub fn source_label(s: &Source) -> String {
    match s {
        Source::Checked => "mailcheck's checked record".into(),
        Source::Autoconfig => "its own autoconfig file (https)".into(),
        Source::Ispdb => "the Thunderbird ISPDB".into(),
        Source::Mx(name) => format!("its MX records ({name})"),
        Source::Srv => "its SRV records".into(),
        Source::AutoconfigHttp => "its own autoconfig file over plain http (unauthenticated)".into(),
        Source::Guess => "a guess confirmed by the server".into(),
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " and " } else { ", " });
        }
        out.push_str(item);
    }
    out
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
        Origin::ProviderDb {
            last_checked,
            committed,
            ..
        } => format!(
            "From Delta Chat's provider database, a chat app's community database, archived (last maintained \
             {committed}; this entry last checked {last_checked}), not checked against {name}'s own page."
        ),
        Origin::Discovered { domain, found, sources } => {
            let said: Vec<String> = sources.iter().map(source_label).collect();
            let agree = if said.len() > 1 { " agree" } else { "" };
            format!(
                "Found for {domain} on {found}: {}{agree}. Not checked by mailcheck.",
                and_list(&said)
            )
        }
    }
}

/// The words of the link to the record's page ([`Provider::page`]): the provider's settings page, or the
/// ISPDB's description of the page it links to.
pub fn page_label(p: &Provider) -> String {
    match &p.origin {
        // A provider without servers for mail apps has a page saying so, not a settings page.
        Origin::Checked { .. } if !p.offers_mail_apps() => format!("{}'s own page", p.name),
        Origin::Checked { .. } => format!("{}'s settings page", p.name),
        Origin::Ispdb { .. } | Origin::ProviderDb { .. } | Origin::Discovered { .. } => match p.docs.first() {
            Some(doc) if !doc.title.is_empty() => doc.title.clone(),
            _ => format!("{}'s help page", p.name),
        },
    }
}

/// Said once with the settings of an ISPDB record: the database can be out of date.
pub const ISPDB_STALE: &str = "The Thunderbird ISPDB is kept by volunteers and is out of date in places. If \
     these settings do not work, check them on the provider's own help pages.";

/// Said once with a provider-db record: the database is archived and most entries are years old. Some of its
/// records have no settings at all (a provider it says offers no IMAP), so the words are about what it says.
pub const PROVIDER_DB_STALE: &str = "Delta Chat's provider database was written for a chat app by its community \
     and is no longer maintained. Check what it says against the provider's own help pages.";

/// The caution said once with a record's settings: none for a checked record, else how far its tier can be
/// out of date or unchecked.
pub fn caution(p: &Provider) -> Option<&'static str> {
    match p.origin {
        Origin::Checked { .. } => None,
        Origin::Ispdb { .. } => Some(ISPDB_STALE),
        Origin::ProviderDb { .. } => Some(PROVIDER_DB_STALE),
        Origin::Discovered { .. } => Some(DISCOVERED_CAUTION),
    }
}

/// Said once with discovered settings: nobody checked them.
pub const DISCOVERED_CAUTION: &str = "These settings were found automatically for your domain and nobody has \
     checked them. If they do not work, check them on your provider's own help pages.";

/// What the app promises about every provider setting it shows.
pub const PROMISE: &str = "Every provider setting shown says where it comes from: checked by us against the \
     provider's own page, taken from a community database (the Thunderbird ISPDB or Delta Chat's provider \
     database, both MPL-2.0), or found for your domain and marked so.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::embedded;

    #[test]
    fn an_mx_mapping_names_the_providers_page_where_there_is_one() {
        let db = crate::database::embedded();
        let m365 = db.by_mx_domain("mail.protection.outlook.com").unwrap();
        let said = mx_word(m365, "mail.protection.outlook.com");
        assert!(
            said.starts_with(
                "Thunderbird ISPDB; Microsoft 365's own page names them: https://github.com/MicrosoftDocs/"
            ),
            "{said}"
        );
        assert!(said.ends_with(", read 2026-12-07"), "{said}");
        let google = db.by_mx_domain("google.com").unwrap();
        assert_eq!(
            mx_word(google, "google.com"),
            "Thunderbird ISPDB",
            "the ISPDB file's word alone"
        );
    }

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

    #[test]
    fn a_provider_db_record_says_it_is_a_chat_apps_archived_list_and_its_entrys_month() {
        let mut p = embedded().by_id("centurylink").unwrap().clone();
        assert_eq!(caution(&p), None, "a checked record needs no caution");
        p.origin = Origin::ProviderDb {
            file: "web.de.md".into(),
            last_checked: "2020-01".into(),
            commit: "a".repeat(40),
            committed: "2026-04-21".into(),
        };
        assert_eq!(tier_label(&p), "Delta Chat provider-db");
        assert_eq!(
            sentence(&p),
            "From Delta Chat's provider database, a chat app's community database, archived (last maintained \
             2026-04-21; this entry last checked 2020-01), not checked against CenturyLink's own page."
        );
        assert_eq!(caution(&p), Some(PROVIDER_DB_STALE));
        assert_eq!(
            Who::of(&p).source().to_string(),
            "Delta Chat's provider database entry for CenturyLink"
        );
        let by = crate::requirement::whose(&p.origin, embedded().texts());
        assert_eq!(
            by,
            "Delta Chat's provider database (a chat app's community list, archived; last maintained 2026-04-21), \
             entry web.de.md, last checked 2020-01"
        );
    }

    #[test]
    fn discovered_settings_name_every_source_that_agrees() {
        let mut p = embedded().by_id("centurylink").unwrap().clone();
        p.origin = Origin::Discovered {
            domain: "example.org".into(),
            found: "2026-12-01".into(),
            sources: vec![Source::Autoconfig, Source::Mx("Microsoft 365".into())],
        };
        assert_eq!(tier_label(&p), "Discovered");
        assert_eq!(
            sentence(&p),
            "Found for example.org on 2026-12-01: its own autoconfig file (https) and its MX records \
             (Microsoft 365) agree. Not checked by mailcheck."
        );
        p.origin = Origin::Discovered {
            domain: "example.org".into(),
            found: "2026-12-01".into(),
            sources: vec![Source::Srv],
        };
        assert_eq!(
            sentence(&p),
            "Found for example.org on 2026-12-01: its SRV records. Not checked by mailcheck."
        );
        assert_eq!(and_list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }

    #[test]
    fn a_finding_says_whose_word_it_repeats() {
        let db = embedded();
        let checked = db.by_id("centurylink").unwrap();
        assert_eq!(Who::of(checked).source().to_string(), "CenturyLink's own page");
        let yahoo = db.lookup("yahoo.com").provider.unwrap();
        assert_eq!(
            format!("{:#}", Who::of(yahoo).source()),
            "The Thunderbird ISPDB's entry for Yahoo! Mail"
        );
        // A discovered record is neither the provider's word nor the ISPDB's.
        let mut found = checked.clone();
        found.name = "example.org".into();
        found.origin = Origin::Discovered {
            domain: "example.org".into(),
            found: "2026-12-01".into(),
            sources: vec![Source::Srv],
        };
        assert_eq!(
            Who::of(&found).source().to_string(),
            "the settings discovered for example.org"
        );
    }
}
