//! Which provider a domain's mail exchangers belong to: the one rule both discoveries follow, the server's
//! (crates/server/src/discover/sources.rs) and the browser's (src/lookup.rs), so that a domain hosted at
//! Google or Microsoft 365 gets the same answer with or without `mailcheck serve`.
//!
//! An MX host's names are tried longest first: `x.mail.protection.outlook.com` is Microsoft 365's
//! (`mail.protection.outlook.com`) before it is Outlook.com's (`outlook.com`). The data never names a public
//! suffix as a provider's MX domain (`cargo xtask data build` refuses one), so walking down to two labels finds
//! what walking down to the registrable domain finds, without the Public Suffix List in the wasm.

use crate::catalog::provenance;
use crate::client_config::is_domain_name;
use crate::database::Database;
use crate::model::Provider;

/// The MX hosts to map, most preferred first, from the hosts the records name ("" for the null MX of RFC
/// 7505) and how many records a DNS reader left out already; or, when none is usable, why, in words. A name
/// that is no host name could carry anything into the sentences: it is never quoted, only counted.
pub fn hosts(names: Vec<String>, skipped: usize) -> Result<Vec<String>, String> {
    let null = names.iter().any(String::is_empty);
    let (hosts, odd): (Vec<String>, Vec<String>) = names
        .into_iter()
        .filter(|h| !h.is_empty())
        .partition(|h| is_domain_name(h));
    if !hosts.is_empty() {
        return Ok(hosts);
    }
    Err(match (null, odd.len() + skipped) {
        (true, _) => "a null MX: the domain receives no mail".to_owned(),
        (false, 0) => NONE.to_owned(),
        (false, n) => format!("{n} MX record(s) that name no host name"),
    })
}

/// What the MX step says of a domain without MX records.
pub const NONE: &str = "no MX records";

/// `host` and each name above it with at least two labels, longest first.
pub fn suffixes(host: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = host;
    while rest.contains('.') {
        out.push(rest);
        match rest.split_once('.') {
            Some((_, tail)) => rest = tail,
            None => break,
        }
    }
    out
}

/// An MX host that the data knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known<'a> {
    pub provider: &'a Provider,
    /// The MX host, as the domain's records named it.
    pub host: &'a str,
    /// The name above it that the data lists.
    pub under: &'a str,
}

impl Known<'_> {
    /// The source line's detail: whose host it is, whose word that is (the record's tier, and the provider's
    /// own page where the data names one), and, for a provider without servers for mail apps (Proton), that
    /// it has none to give.
    pub fn detail(&self) -> String {
        let said = format!(
            "{}: the MX host {} is under {}, one of its mail hosts in mailcheck's database ({})",
            self.provider.name,
            self.host,
            self.under,
            provenance::mx_word(self.provider, self.under)
        );
        match self.provider.offers_mail_apps() {
            true => said,
            false => format!("{said}; it offers mail apps no IMAP or SMTP servers of its own"),
        }
    }
}

/// The first of `hosts` (most preferred first) that the data knows, by its longest known name; also a
/// provider without servers for mail apps, whose record then says what to do instead.
pub fn known<'a>(db: &'a Database, hosts: &'a [String]) -> Option<Known<'a>> {
    hosts.iter().find_map(|host| {
        suffixes(host).into_iter().find_map(|under| {
            db.any_by_mx_domain(under)
                .map(|provider| Known { provider, host, under })
        })
    })
}

/// The names the browser asks the Thunderbird ISPDB for when the data does not know an MX host: the names
/// above `host` with at least two labels, shortest first, at most `MAX_ASKED`, leaving out `domain` and the
/// names under it (the domain's own mail host says nothing more, and the domain was asked already). The
/// server asks only the registrable domain (by the Public Suffix List, which the wasm cannot afford); the
/// ISPDB has no file for a public suffix such as `co.uk`, so asking one costs a "not found" and sends nothing
/// about the person.
pub fn ispdb_names<'a>(host: &'a str, domain: &str) -> Vec<&'a str> {
    let own = |n: &str| n == domain || n.strip_suffix(domain).is_some_and(|head| head.ends_with('.'));
    let mut names: Vec<&str> = suffixes(host).into_iter().filter(|n| !own(n)).collect();
    names.reverse();
    names.truncate(MAX_ASKED);
    names
}

/// How many names of one MX host the browser asks the ISPDB for, at most.
pub const MAX_ASKED: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usable_hosts_keep_their_order_and_none_says_why() {
        let names = |l: &[&str]| l.iter().map(|h| h.to_string()).collect::<Vec<_>>();
        assert_eq!(
            hosts(names(&["mx1.a.example", "bad host", "mx2.a.example"]), 0).unwrap(),
            ["mx1.a.example", "mx2.a.example"]
        );
        assert_eq!(
            hosts(names(&[""]), 0).unwrap_err(),
            "a null MX: the domain receives no mail"
        );
        assert_eq!(
            hosts(names(&["bad host"]), 2).unwrap_err(),
            "3 MX record(s) that name no host name"
        );
        assert_eq!(hosts(Vec::new(), 0).unwrap_err(), NONE);
    }

    #[test]
    fn an_mx_host_is_walked_down_to_two_labels() {
        assert_eq!(
            suffixes("x.mail.protection.outlook.com"),
            [
                "x.mail.protection.outlook.com",
                "mail.protection.outlook.com",
                "protection.outlook.com",
                "outlook.com"
            ]
        );
        assert_eq!(suffixes("google.com"), ["google.com"]);
        assert!(suffixes("localhost").is_empty());
        assert!(suffixes("").is_empty());
    }

    #[test]
    fn the_longest_known_name_of_the_most_preferred_known_host_wins() {
        let db = crate::embedded();
        let hosts = |l: &[&str]| l.iter().map(|h| h.to_string()).collect::<Vec<_>>();
        let m365 = hosts(&["example-org.mail.protection.outlook.com"]);
        let found = known(db, &m365).unwrap();
        assert_eq!(found.provider.name, "Microsoft 365");
        assert_eq!(found.under, "mail.protection.outlook.com");
        assert!(found
            .detail()
            .contains("the MX host example-org.mail.protection.outlook.com is under"));
        let google = hosts(&["mx.unknown-host.example", "aspmx.l.google.com"]);
        let found = known(db, &google).unwrap();
        assert_eq!((found.host, found.under), ("aspmx.l.google.com", "google.com"));
        assert!(known(db, &hosts(&["mx.unknown-host.example"])).is_none());
        // Proton's MX hosts lead to its record, which offers mail apps only its Bridge: never merged as servers.
        let protons = hosts(&["mail.protonmail.ch"]);
        let proton = known(db, &protons).unwrap();
        assert_eq!(proton.provider.id, "proton");
        assert!(!proton.provider.offers_mail_apps());
        assert!(proton
            .detail()
            .ends_with("it offers mail apps no IMAP or SMTP servers of its own"));
        assert!(!found.detail().contains("no IMAP"));
        assert!(known(db, &[]).is_none());
    }

    #[test]
    fn the_ispdb_is_asked_for_the_names_above_a_host_but_never_the_domain_s_own() {
        assert_eq!(
            ispdb_names("mx1.mail.hoster.example", "family.org"),
            ["hoster.example", "mail.hoster.example", "mx1.mail.hoster.example"]
        );
        assert_eq!(
            ispdb_names("a.b.c.mx.hoster.example", "family.org"),
            ["hoster.example", "mx.hoster.example", "c.mx.hoster.example"]
        );
        assert!(ispdb_names("mail.family.org", "family.org").is_empty());
        assert!(ispdb_names("family.org", "family.org").is_empty());
        // Only whole labels are the domain's: notfamily.org is another domain.
        assert_eq!(
            ispdb_names("mx.notfamily.org", "family.org"),
            ["notfamily.org", "mx.notfamily.org"]
        );
    }
}
