//! The provider database, generated at build time from `providers/*.toml` (see `build.rs`).

use crate::model::{Auth, ImapSupport, Protocol, Provider, Security, Server, UsernameForm, WrongHost};

include!(concat!(env!("OUT_DIR"), "/providers.rs"));

/// Every provider record, in file order.
pub fn all() -> &'static [Provider] {
    &PROVIDERS
}

/// The provider whose id is `id`.
pub fn by_id(id: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| p.id == id)
}

/// The provider of a normalized domain (see [`crate::lookup::normalize_domain`]), in constant time.
pub fn by_domain(domain: &str) -> Option<&'static Provider> {
    DOMAINS.get(domain).map(|&i| &PROVIDERS[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_domain_maps_back_to_its_record() {
        for p in all() {
            for d in p.domains {
                assert_eq!(by_domain(d).map(|p| p.id), Some(p.id), "{d}");
            }
        }
    }

    #[test]
    fn recommended_servers_come_first() {
        for p in all() {
            assert!(p.recommended_incoming().recommended, "{}", p.id);
            assert!(p.recommended_outgoing().recommended, "{}", p.id);
            assert_eq!(p.incoming.iter().filter(|s| s.recommended).count(), 1, "{}", p.id);
        }
    }

    #[test]
    fn by_id_finds_records_and_nothing_else() {
        assert_eq!(by_id("centurylink").map(|p| p.name), Some("CenturyLink"));
        assert!(by_id("CenturyLink").is_none());
        assert!(by_id("").is_none());
    }

    #[test]
    fn unknown_domains_have_no_provider() {
        assert!(by_domain("example.org").is_none());
        assert!(by_domain("centurylink.net.evil.com").is_none());
        assert!(by_domain("").is_none());
    }
}
