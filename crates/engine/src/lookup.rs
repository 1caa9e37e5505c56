//! Finding the provider behind an email address or a domain (the search itself is
//! [`Database::lookup`](crate::Database::lookup)).

use crate::model::Provider;

/// The answer to "who provides mail for this address?".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookup<'db> {
    /// The domain as looked up: trimmed, without a trailing dot, lower case. `None` when the input holds none.
    pub domain: Option<String>,
    /// The provider's record, when the domain is known and its provider has servers for mail apps: every
    /// code path that sets up, checks or explains servers reads this one.
    pub provider: Option<&'db Provider>,
    /// The provider's record when the domain is known but its provider offers mail apps no IMAP/POP of its
    /// own (at all, or only through a bridge on the person's computer): knowledge, not a miss. Its
    /// requirements say what to do instead; it lists no servers, so it is never in `provider`.
    pub no_mail_apps: Option<&'db Provider>,
}

/// The domain part of an address or domain, normalized for lookup; `None` when nothing is left.
///
/// Only ASCII letters are folded: every domain in the database is ASCII (IDNs are stored in punycode), so
/// folding others could never find a provider, and leaving them out keeps Unicode case tables out of the wasm.
pub fn normalize_domain(address_or_domain: &str) -> Option<String> {
    let s = address_or_domain.trim();
    let s = s.rsplit_once('@').map_or(s, |(_, domain)| domain).trim();
    let s = s.strip_suffix('.').unwrap_or(s);
    (!s.is_empty()).then(|| s.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::embedded;

    fn lookup(input: &str) -> Lookup<'static> {
        embedded().lookup(input)
    }

    fn provider_id(input: &str) -> Option<&'static str> {
        lookup(input).provider.map(|p| p.id.as_str())
    }

    #[test]
    fn all_eighteen_centurylink_domains_are_known() {
        let family = [
            "centurylink.net",
            "centurytel.net",
            "clds.net",
            "coastalnow.net",
            "cochill.net",
            "cswnet.com",
            "elpasotel.net",
            "embarqmail.com",
            "emadisonriver.com",
            "emadisonriver.net",
            "gallatinriver.net",
            "grics.net",
            "gulftel.com",
            "madisonriver.biz",
            "mebtel.net",
            "qwest.net",
            "q.com",
        ];
        for d in family {
            assert_eq!(provider_id(&format!("jane@{d}")), Some("centurylink"), "{d}");
        }
        assert_eq!(provider_id("jane@qwestoffice.net"), Some("centurylink-qwestoffice"));
    }

    #[test]
    fn centurylink_settings_match_the_official_page() {
        let p = lookup("q.com").provider.unwrap();
        let incoming = p.recommended_incoming();
        assert_eq!((incoming.host.as_str(), incoming.port), ("pop.centurylink.net", 995));
        assert!(p
            .incoming
            .iter()
            .any(|s| s.host == "mail.centurylink.net" && s.port == 993));
        assert_eq!(p.recommended_outgoing().host, "smtp.centurylink.net");
        assert_eq!(p.recommended_outgoing().port, 587);
        assert!(p.wrong_hosts.iter().any(|w| w.host == "imap.centurylink.net"));
    }

    #[test]
    fn forgives_case_spaces_and_trailing_dot() {
        for input in [
            "  Jane@Q.COM  ",
            "q.com.",
            "Q.Com",
            "jane@q.com.",
            "\tjane@ q.com\n",
            "a@b@q.com",
        ] {
            assert_eq!(provider_id(input), Some("centurylink"), "{input:?}");
        }
    }

    #[test]
    fn near_misses_are_unknown() {
        for input in [
            "jane@q.co",
            "jane@qq.com.evil",
            "jane@sub.q.com",
            "jane@q.com..",
            "q.com@evil.example",
        ] {
            assert_eq!(provider_id(input), None, "{input:?}");
        }
    }

    #[test]
    fn internationalized_domains_are_accepted_with_ascii_letters_folded() {
        let l = lookup("Jürgen@MÜNCHEN.DE");
        assert_eq!(l.domain.as_deref(), Some("mÜnchen.de"));
        assert!(l.provider.is_none());
    }

    #[test]
    fn empty_input_has_no_domain() {
        for input in ["", "   ", "jane@", "@", "."] {
            assert_eq!(
                lookup(input),
                Lookup {
                    domain: None,
                    provider: None,
                    no_mail_apps: None
                },
                "{input:?}"
            );
        }
    }
}
