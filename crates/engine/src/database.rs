//! The provider database: every record of the data file, loaded once, with a domain index.
//!
//! One value owns every record. The native binary decodes the copy embedded in it once ([`embedded`]); the
//! web app fetches the same file after its first paint and keeps the decoded value for every widget of the
//! page. Lookups borrow from it and cost the same however many domains it knows: a small open-addressing
//! hash table over the domains, written here rather than taken from `std` because the generic hash map
//! costs several kilobytes of wasm for what is one table of strings built once.

use crate::advice::Section;
use crate::data::{self, DataError};
use crate::decode::Knowledge;
use crate::lookup::{normalize_domain, Lookup};
use crate::model::Provider;
use crate::texts::Texts;

/// Every known provider record and the domains that lead to them.
#[derive(Debug, Default)]
pub struct Database {
    /// The records with servers first (`..served`), then those that offer mail apps none (see
    /// [`Lookup::no_mail_apps`]): every accessor but [`Database::lookup`] sees only the first.
    records: Vec<Provider>,
    served: usize,
    /// Every domain of every record: mail domains, then MX-host domains.
    entries: Vec<Entry>,
    /// The hash table: 0 for an empty slot, else 1 + an index into `entries`. A power of two, at least
    /// twice as long as `entries`, so probe runs stay short.
    slots: Vec<u32>,
    decoder: Knowledge,
    texts: Texts,
    explanation: Vec<Section>,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    record: u32,
    /// The index in the record's `domains`, or in its `mx_domains` when `mx`.
    domain: u32,
    mx: bool,
}

impl Database {
    /// The records of a data file (see [`crate::data`]).
    pub fn decode(text: &str) -> Result<Database, DataError> {
        let decoded = data::decode(text)?;
        let requirement_words = decoded
            .texts
            .iter()
            .filter(|(key, _)| key.starts_with("requirement."))
            .cloned()
            .collect();
        let decoder = Knowledge::new(decoded.causes, decoded.rules, Texts::new(decoded.fixes))
            .ok_or_else(|| DataError::new(0, "a cause of the error decoder has no title or no explanation", ""))?
            .with_requirement_words(Texts::new(requirement_words));
        if decoded.explanation.is_empty() || decoded.explanation.iter().any(|s| s.paragraphs.is_empty()) {
            return Err(DataError::new(0, "the explanation of IMAP and POP3 is missing", ""));
        }
        Ok(Database {
            decoder,
            texts: Texts::new(decoded.texts),
            explanation: decoded.explanation,
            ..Database::new(decoded.records)?
        })
    }

    /// A database of these records. Fails when two records claim one domain or one id: a domain must lead
    /// to one answer.
    pub fn new(records: Vec<Provider>) -> Result<Database, DataError> {
        // Records with servers at the front, each part in its order. A partition rather than a sort: the
        // standard library's sort costs the wasm kilobytes (see `crate::order`).
        let (mut records, without): (Vec<Provider>, Vec<Provider>) =
            records.into_iter().partition(Provider::offers_mail_apps);
        let served = records.len();
        records.extend(without);
        for (i, p) in records.iter().enumerate() {
            if records[..i].iter().any(|q| q.id == p.id) {
                return Err(duplicate("an id is in two records", &p.id));
            }
        }
        let mut entries = Vec::new();
        for (record, p) in records.iter().enumerate() {
            let mail = (0..p.domains.len()).map(|d| (d, false));
            for (domain, mx) in mail.chain((0..p.mx_domains.len()).map(|d| (d, true))) {
                entries.push(Entry {
                    record: record as u32,
                    domain: domain as u32,
                    mx,
                });
            }
        }
        let mut db = Database {
            slots: vec![0; (entries.len() * 2).next_power_of_two().max(2)],
            records,
            served,
            entries: Vec::with_capacity(entries.len()),
            decoder: Knowledge::default(),
            texts: Texts::default(),
            explanation: Vec::new(),
        };
        for entry in entries {
            let domain = db.name(entry);
            if db.find(domain).is_some() {
                return Err(duplicate("a domain is in two records", domain));
            }
            let slot = db
                .probe(domain)
                .find(|&s| db.slots[s] == 0)
                .expect("the table is never full");
            db.entries.push(entry);
            db.slots[slot] = db.entries.len() as u32;
        }
        Ok(db)
    }

    fn name(&self, e: Entry) -> &str {
        let p = &self.records[e.record as usize];
        let list = if e.mx { &p.mx_domains } else { &p.domains };
        &list[e.domain as usize]
    }

    /// The slots to look at for `domain`, in order: linear probing from its hash (FNV-1a).
    fn probe(&self, domain: &str) -> impl Iterator<Item = usize> {
        let hash = domain
            .bytes()
            .fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        let mask = self.slots.len() - 1;
        (0..self.slots.len()).map(move |i| (hash as usize + i) & mask)
    }

    fn find(&self, domain: &str) -> Option<Entry> {
        self.probe(domain)
            .map(|s| self.slots[s])
            .take_while(|&slot| slot != 0)
            .map(|slot| self.entries[slot as usize - 1])
            .find(|&e| self.name(e) == domain)
    }

    /// Every record with servers, in file order (checked records first).
    pub fn records(&self) -> &[Provider] {
        &self.records[..self.served]
    }

    /// Every record of a provider that offers mail apps no IMAP/POP of its own, in file order.
    pub fn without_servers(&self) -> &[Provider] {
        &self.records[self.served..]
    }

    /// The record with servers whose id is `id`.
    pub fn by_id(&self, id: &str) -> Option<&Provider> {
        self.records().iter().find(|p| p.id == id)
    }

    /// The record of a normalized mail domain (see [`normalize_domain`]), with servers or without.
    fn any_by_domain(&self, domain: &str) -> Option<&Provider> {
        self.find(domain)
            .filter(|e| !e.mx)
            .map(|e| &self.records[e.record as usize])
    }

    /// The provider of a normalized mail domain (see [`normalize_domain`]), when it has servers.
    pub fn by_domain(&self, domain: &str) -> Option<&Provider> {
        self.any_by_domain(domain).filter(|p| p.offers_mail_apps())
    }

    /// The provider whose mail exchangers live under `domain` (the registrable domain of an MX host, e.g.
    /// `google.com`): an MX-host domain of a record, or one of its mail domains; only one with servers.
    pub fn by_mx_domain(&self, domain: &str) -> Option<&Provider> {
        self.any_by_mx_domain(domain).filter(|p| p.offers_mail_apps())
    }

    /// The provider whose mail exchangers live under `domain`, as [`Database::by_mx_domain`], with servers or
    /// without: a custom domain whose mail is at Proton leads to its record, whose requirements say what
    /// mail apps need instead (its Bridge).
    pub fn any_by_mx_domain(&self, domain: &str) -> Option<&Provider> {
        self.find(domain).map(|e| &self.records[e.record as usize])
    }

    /// Finds the provider of an email address (`jane@q.com`) or a bare domain (`q.com`).
    ///
    /// Forgiving about what people paste: surrounding spaces, upper case and a trailing dot are ignored,
    /// and internationalized domains are accepted as typed (see [`normalize_domain`]).
    pub fn lookup(&self, address_or_domain: &str) -> Lookup<'_> {
        let domain = normalize_domain(address_or_domain);
        let record = domain.as_deref().and_then(|d| self.any_by_domain(d));
        let (provider, no_mail_apps) = match record {
            Some(p) if !p.offers_mail_apps() => (None, Some(p)),
            other => (other, None),
        };
        Lookup {
            domain,
            provider,
            no_mail_apps,
        }
    }

    /// What the error decoder reads from the data file: its phrase rules and the texts of each cause
    /// (empty in a database made with [`Database::new`]).
    pub fn decoder(&self) -> &Knowledge {
        &self.decoder
    }

    /// The texts of the guides and the recommender (see [`Texts`]).
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// IMAP and POP3 explained for someone choosing between them, in sections (empty in a database made with
    /// [`Database::new`]).
    pub fn explanation(&self) -> &[Section] {
        &self.explanation
    }

    /// How many mail domains lead to a record (with servers or without).
    pub fn mail_domains(&self) -> usize {
        self.entries.iter().filter(|e| !e.mx).count()
    }
}

fn duplicate(what: &'static str, value: &str) -> DataError {
    DataError::new(0, what, value)
}

/// The data file as `cargo xtask data build` wrote it, embedded in native builds.
#[cfg(feature = "embedded")]
pub const EMBEDDED: &str = include_str!("../data/knowledge.txt");

/// The embedded database, decoded on first use.
#[cfg(feature = "embedded")]
pub fn embedded() -> &'static Database {
    static DB: std::sync::OnceLock<Database> = std::sync::OnceLock::new();
    DB.get_or_init(|| Database::decode(EMBEDDED).expect("the embedded provider data is checked by its tests"))
}

#[cfg(all(test, feature = "embedded"))]
mod tests {
    use super::*;
    use crate::model::Origin;

    #[test]
    fn every_domain_maps_back_to_its_record() {
        let db = embedded();
        for p in db.records() {
            for d in &p.domains {
                assert_eq!(db.by_domain(d).map(|p| &p.id), Some(&p.id), "{d}");
            }
            for d in &p.mx_domains {
                assert!(db.by_domain(d).is_none(), "{d} is an MX host, not an address's domain");
                assert_eq!(db.by_mx_domain(d).map(|p| &p.id), Some(&p.id), "{d}");
            }
        }
    }

    #[test]
    fn knows_the_ispdb_and_our_checked_records() {
        let db = embedded();
        assert!(db.mail_domains() >= 960, "{}", db.mail_domains());
        for (address, tier) in [
            ("jane@yahoo.com", "ispdb"),
            ("jane@icloud.com", "ispdb"),
            ("jane@comcast.net", "ispdb"),
            ("jane@att.net", "ispdb"),
            ("jane@gmx.de", "ispdb"),
            ("jane@web.de", "ispdb"),
            ("jane@orange.fr", "ispdb"),
            ("jane@t-online.de", "ispdb"),
            ("jane@aol.com", "ispdb"),
            ("jane@q.com", "checked"),
            ("jane@centurytel.net", "checked"),
            ("jane@gmail.com", "checked"),
        ] {
            let p = db.lookup(address).provider.unwrap_or_else(|| panic!("{address}"));
            assert_eq!(p.origin.tier(), tier, "{address}");
        }
        // The ISPDB's old CenturyLink hosts are known wrong hosts of the checked record.
        let centurylink = db.by_id("centurylink").unwrap();
        for old in [
            "pop.centurytel.net",
            "smtpauth.centurytel.net",
            "mail.q.com",
            "smtp.q.com",
            "mail.elpasotel.net",
        ] {
            assert!(centurylink.wrong_hosts.iter().any(|w| w.host == old), "{old}");
        }
        assert!(
            matches!(&db.lookup("yahoo.com").provider.unwrap().origin, Origin::Ispdb { commit, .. } if commit.len() == 40)
        );
    }

    #[test]
    fn mx_host_domains_lead_to_their_provider() {
        let db = embedded();
        assert_eq!(
            db.by_mx_domain("google.com").map(|p| p.id.as_str()),
            Some("ispdb-googlemail-com")
        );
        assert_eq!(
            db.by_mx_domain("secureserver.net").map(|p| p.id.as_str()),
            Some("ispdb-wildwestdomains-com")
        );
        assert_eq!(
            db.by_mx_domain("gmail.com").map(|p| p.id.as_str()),
            Some("gmail"),
            "mail domains count too"
        );
        assert!(db.lookup("jane@secureserver.net").provider.is_none());
        assert!(db.by_mx_domain("example.org").is_none());
        assert_eq!(
            db.by_mx_domain("google.com").unwrap().mx_source("google.com"),
            None,
            "the ISPDB file's word"
        );
    }

    #[test]
    fn mx_host_domains_from_a_providers_own_page_say_which_page() {
        let db = embedded();
        // The MX-host domain (the registrable domain or the longer name discovery tries first), the record, and
        // the start of the page that names its MX hosts.
        for (mx, id, page) in [
            (
                "mail.protection.outlook.com",
                "ispdb-office365-com",
                "https://github.com/MicrosoftDocs/microsoft-365-docs/",
            ),
            ("zoho.com", "ispdb-zoho-com", "https://www.zoho.com/jp/mail/help/"),
            ("mail.ovh.net", "ispdb-ovh-net", "https://github.com/ovh/docs/"),
            ("yandex.net", "ispdb-yandex-ru", "https://yandex.com.tr/support/kurum/"),
        ] {
            let p = db.by_mx_domain(mx).unwrap_or_else(|| panic!("{mx}"));
            assert_eq!(p.id, id, "{mx}");
            let (url, checked) = p.mx_source(mx).unwrap_or_else(|| panic!("{mx} has no page"));
            assert!(url.starts_with(page), "{mx}: {url}");
            assert_eq!(checked, "2026-12-07", "{mx}");
            assert_eq!(p.origin.tier(), "ispdb", "{mx}: the servers stay the ISPDB's");
        }
        // A mail domain named as an MX domain is not a second entry: addresses at it still find the record.
        assert_eq!(
            db.lookup("jane@zoho.com").provider.map(|p| p.id.as_str()),
            Some("ispdb-zoho-com")
        );
        assert!(db.lookup("jane@mail.protection.outlook.com").provider.is_none());
    }

    #[test]
    fn a_provider_without_servers_is_found_by_its_mx_domain_only_where_asked_for() {
        let db = embedded();
        // protonmail.ch is a mail domain of Proton's record, which lists no servers (its Bridge instead).
        assert!(
            db.by_mx_domain("protonmail.ch").is_none(),
            "never where servers are expected"
        );
        let proton = db.any_by_mx_domain("protonmail.ch").expect("Proton's record");
        assert_eq!(proton.id, "proton");
        assert!(!proton.offers_mail_apps());
        let (page, _) = proton
            .mx_source("protonmail.ch")
            .expect("Proton's own page for its MX hosts");
        assert!(page.starts_with("https://github.com/ProtonMail/WebClients/"), "{page}");
        assert_eq!(
            db.any_by_mx_domain("google.com").map(|p| p.id.as_str()),
            Some("ispdb-googlemail-com")
        );
        assert!(db.any_by_mx_domain("example.org").is_none());
    }

    #[test]
    fn two_records_may_not_claim_one_domain_or_id() {
        let mut records = embedded().records().to_vec();
        let mut twin = records[0].clone();
        twin.id = "twin".into();
        records.push(twin);
        assert!(Database::new(records.clone()).unwrap_err().problem.contains("domain"));
        let last = records.len() - 1;
        records[last].domains = vec!["twin.example".into()];
        records[last].id = records[0].id.clone();
        assert!(Database::new(records).unwrap_err().problem.contains("id"));
    }

    #[test]
    fn a_provider_without_servers_is_known_but_never_served() {
        use crate::requirement::{Kind, Requirement};
        let mut records = embedded().records().to_vec();
        let mut none = Provider::new("none".into(), "None Mail".into(), records[0].origin.clone());
        none.domains = vec!["none.example".into()];
        none.requirements.push(Requirement {
            kind: Kind::NoMailApps {
                instead: "its own app".into(),
            },
            url: None,
            origin: none.origin.clone(),
            quote: None,
        });
        records.insert(0, none);
        let db = Database::new(records).unwrap();
        let found = db.lookup("jane@none.example");
        assert_eq!(found.provider, None, "no code path that reads servers gets it");
        assert_eq!(found.no_mail_apps.map(|p| p.id.as_str()), Some("none"));
        assert!(db.by_domain("none.example").is_none() && db.by_id("none").is_none());
        assert!(db.records().iter().all(Provider::offers_mail_apps));
        assert_eq!(db.without_servers().len(), 1);
        assert_eq!(
            db.records()[0].id,
            embedded().records()[0].id,
            "the others keep their order"
        );
        assert_eq!(db.lookup("jane@q.com").no_mail_apps, None);
        assert!(db.lookup("jane@q.com").provider.is_some());
    }

    #[test]
    fn unknown_domains_have_no_provider() {
        let db = embedded();
        assert!(db.by_domain("example.org").is_none());
        assert!(db.by_domain("centurylink.net.evil.com").is_none());
        assert!(db.by_domain("").is_none());
        assert!(db.by_id("CenturyLink").is_none());
        assert_eq!(db.by_id("centurylink").map(|p| p.name.as_str()), Some("CenturyLink"));
    }
}
