//! What discovery says about each source it asked and about the servers it found. The native server
//! renders these and streams the sentences, so the web app shows them without carrying a copy.

use super::provenance::{and_list, source_label};
use crate::discover::clean::{self, Change, Field};
use crate::model::{Server, Source};

/// What was asked, in words, for each source id the stream uses.
pub fn asked(id: &str, target: &str) -> String {
    match id {
        "autoconfig" | "well-known" => format!("The domain's own autoconfig file at {target}"),
        "autoconfig-http" | "well-known-http" => {
            format!("The domain's own autoconfig file over plain http (unauthenticated) at {target}")
        }
        "ispdb" => format!("The Thunderbird ISPDB, asked for {target} (only the domain is sent)"),
        "mx" => format!("The MX records of {target}"),
        "srv" => format!("The SRV records of {target}"),
        "guess" => format!("Guessed servers of {target}, each tried"),
        "database" => format!("mailcheck's own record of {target}"),
        _ => target.to_owned(),
    }
}

/// One source's line: what was asked and what came of it (`outcome`: `found`, `nothing`, `failed`,
/// `refused`, `skipped`), with the detail the server gives.
pub fn source_line(id: &str, target: &str, outcome: &str, detail: &str) -> String {
    let result = match outcome {
        "found" => format!("found {detail}"),
        "nothing" => format!("nothing there ({detail})"),
        "refused" => format!("not asked further, for safety: {detail}"),
        "skipped" => format!("not asked: {detail}"),
        _ => format!("no answer that can be used: {detail}"),
    };
    format!("{}: {result}.", asked(id, target))
}

/// A server in a line: `IMAP imap.example.org:993 (SSL/TLS)`.
pub fn server(s: &Server) -> String {
    s.to_string()
}

/// A list of servers in a line, or `no servers`.
pub fn servers(list: &[Server]) -> String {
    if list.is_empty() {
        return "no servers".into();
    }
    and_list(&list.iter().map(server).collect::<Vec<_>>())
}

/// Who agrees on one server of the merged record.
pub fn agreement(s: &Server, sources: &[Source]) -> String {
    let said: Vec<String> = sources.iter().map(source_label).collect();
    match said.len() {
        0 | 1 => format!("{}: from {} only.", server(s), and_list(&said)),
        _ => format!("{}: {} agree.", server(s), and_list(&said)),
    }
}

/// A server that another source gives and the merged record does not have.
pub fn other(source: &Source, s: &Server) -> String {
    format!("Another server, from {}: {}.", source_label(source), server(s))
}

/// What the boundary for text from outside changed in a source's answer (`discover::clean`), said so that
/// nobody takes a cleaned record for the source's own words.
pub fn cleaned(change: &Change) -> String {
    let of = |field: &Field| match field {
        Field::Name => "the provider's name",
        Field::HostedBy => "where the mail is hosted",
        Field::MxProvider => "the name of the MX hosts' provider",
        Field::Note => "a note",
        Field::Link => "a documentation link",
        Field::LinkTitle => "a documentation link's title",
        Field::Instruction => "what to switch on first",
        Field::InstructionLink => "the link of what to switch on first",
        Field::WrongHost => "a wrong host",
        Field::Detail => "this answer",
    };
    match change {
        Change::Removed { field, count: 1 } => {
            format!("mailcheck removed a control or direction character from {}.", of(field))
        }
        Change::Removed { field, count } => {
            format!(
                "mailcheck removed {count} control or direction characters from {}.",
                of(field)
            )
        }
        Change::Shortened { field, to } => format!("mailcheck shortened {} to {to} characters.", of(field)),
        Change::Dropped(field) => format!(
            "mailcheck left out {}: not a web address or host name it can show safely.",
            of(field)
        ),
        Change::Servers { side, unusable, beyond } => {
            let mut parts = Vec::new();
            if *unusable > 0 {
                parts.push(format!(
                    "{unusable} {} server(s) whose host or user name cannot be used",
                    side.id()
                ));
            }
            if *beyond > 0 {
                parts.push(format!(
                    "{beyond} {} server(s) beyond the first {}",
                    side.id(),
                    clean::SERVERS_PER_SIDE
                ));
            }
            format!("mailcheck left out {}.", and_list(&parts))
        }
        Change::Requirements(count) => format!(
            "mailcheck left out {count} sign-in step(s) that a found record cannot carry: only a switch to turn \
             on, in the source's own words."
        ),
        Change::Beyond { field, count } => format!(
            "mailcheck left out {count} more of {} beyond the first {}.",
            match field {
                Field::Note => "the notes",
                _ => "the documentation links",
            },
            clean::TEXTS
        ),
    }
}

/// The host a resolver's URL names, for sentences: `cloudflare-dns.com` for
/// `https://cloudflare-dns.com/dns-query`; the URL itself when it names none (a relative one).
pub fn resolver_host(url: &str) -> &str {
    url.split_once("://")
        .map_or(url, |(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// Why a question to the DNS-over-HTTPS resolver at `resolver` (its host) gave nothing usable; `why` is the
/// browser's reason (`timeout`, `too large`, `status <n>`, `unreachable`) or the DNS reader's.
pub fn resolver_failure(why: &str, resolver: &str) -> String {
    match why {
        "timeout" => format!("the DNS resolver at {resolver} did not answer within 5 seconds"),
        "too large" => format!("the DNS resolver at {resolver} sent more than a DNS answer can hold"),
        "unreachable" => format!("the DNS resolver at {resolver} could not be reached"),
        _ => match why.strip_prefix("status ") {
            Some(code) => format!("the DNS resolver at {resolver} answered with HTTP status {code}"),
            None => format!("the DNS resolver at {resolver} gave no answer that can be used ({why})"),
        },
    }
}

/// What the browser's look-up sends, and to whom, said before it is sent: only the domain.
pub fn online_offer(domain: &str, ispdb: Option<&str>, resolver: Option<&str>) -> String {
    let to: Vec<String> = ispdb
        .map(|base| format!("Thunderbird's server ({base})"))
        .into_iter()
        .chain(resolver.map(|r| format!("the DNS resolver at {}", resolver_host(r))))
        .collect();
    let names = if resolver.is_some() {
        " (and the names of its mail hosts)"
    } else {
        ""
    };
    format!("Sends {domain}{names}, and nothing else, to {}.", and_list(&to))
}

/// What the browser's DNS answers are worth: the resolver's word, not checked, not tried.
pub fn as_resolver_answered(resolver: &str, probe: bool) -> String {
    let confirm = if probe {
        " \"Test connection\" on \"Check my settings\" confirms a server."
    } else {
        ""
    };
    format!(
        "The DNS records are as the resolver at {resolver} answered: mailcheck did not check their DNSSEC \
         signatures, and has not connected to these servers.{confirm}"
    )
}

/// Why a provider without servers for mail apps (Proton) is shown for a domain of someone's own: its MX records.
/// `resolver`: the browser's DNS-over-HTTPS resolver, whose word the records are; `None` for the server's DNS.
pub fn mx_without_servers(domain: &str, provider: &str, resolver: Option<&str>) -> String {
    let said = resolver.map_or(String::new(), |r| format!(" (as the resolver at {r} answered)"));
    format!(
        "{domain}'s mail is received by {provider}'s servers, as its MX records say{said}, so {provider}'s way in \
         for mail apps applies to it."
    )
}

/// Without a connection the browser cannot look anything up.
pub const OFFLINE: &str = "Looking settings up needs a connection, and this device is offline. Try again once it \
                           is online, or ask your provider for its settings.";

/// The MX step's detail when the ISPDB online knows a name above the most preferred MX host.
pub fn mx_in_ispdb(name: &str, host: &str, under: &str) -> String {
    format!("{name}: the MX host {host} is under {under}, which the Thunderbird ISPDB knows")
}

/// The MX step's detail when the most preferred MX host is the domain's own.
pub fn mx_own(host: &str) -> String {
    format!("the MX host {host} is the domain's own, which tells nothing more")
}

/// The MX step's detail when the data does not know the most preferred MX host and the ISPDB is not asked.
pub fn mx_ispdb_off(host: &str) -> String {
    format!("the MX host {host} is not in mailcheck's database (the ISPDB online is off)")
}

/// The MX step's detail when neither the data nor the ISPDB knows the most preferred MX host.
pub fn mx_unknown(host: &str, asked: &str) -> String {
    format!("neither mailcheck's database nor the ISPDB knows the MX host {host} ({asked})")
}

/// The closing sentence of a discovery.
pub fn summary(domain: &str, found: bool) -> String {
    if found {
        format!("Settings found for {domain}: the most trusted source wins, and every disagreement is listed.")
    } else {
        format!(
            "No settings found for {domain}: no source gave both an incoming and an outgoing server that can be \
             used. To find out who hosts its mail, ask whoever gave you the address or runs the domain (an \
             employer's or school's IT, or the company the domain was registered with), and ask them for the \
             incoming server (IMAP or POP3), the outgoing server (SMTP), the port and encryption of each, and the \
             user name to sign in with."
        )
    }
}

/// Said instead of discovering when the database knows the domain already.
pub fn known(domain: &str, provider: &str, tier: &str) -> String {
    format!("{domain} is in mailcheck's database ({provider}, {tier}): no discovery is needed.")
}

/// The title of a refusal of `POST /api/discover` (its `error` code), shown by the app.
pub fn refusal(code: &str) -> &'static str {
    match code {
        "discover.rate-limited" => "Too many look-ups from your connection",
        "discover.domain-busy" => "This domain was looked up too often just now",
        "discover.busy" => "The look-up service is busy",
        _ => "The look-up request was not understood",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::server as make;
    use crate::model::{Protocol, Security, Side};

    #[test]
    fn the_browser_s_look_up_names_who_is_asked_and_why_a_resolver_gave_nothing() {
        assert_eq!(resolver_host("https://dns.google/dns-query"), "dns.google");
        assert_eq!(
            resolver_host("http://127.0.0.1:8053/ok/dns-query?x=1"),
            "127.0.0.1:8053"
        );
        assert_eq!(resolver_host("dns-query"), "dns-query");
        let both = online_offer(
            "family.org",
            Some("https://autoconfig.thunderbird.net/v1.1/"),
            Some("https://dns.google/dns-query"),
        );
        assert_eq!(
            both,
            "Sends family.org (and the names of its mail hosts), and nothing else, to Thunderbird's server \
             (https://autoconfig.thunderbird.net/v1.1/) and the DNS resolver at dns.google."
        );
        let ispdb_only = online_offer("family.org", Some("https://autoconfig.thunderbird.net/v1.1/"), None);
        assert!(
            !ispdb_only.contains("resolver") && !ispdb_only.contains("mail hosts"),
            "{ispdb_only}"
        );
        for (why, said) in [
            ("timeout", "did not answer within 5 seconds"),
            ("too large", "sent more than a DNS answer can hold"),
            ("unreachable", "could not be reached"),
            ("status 503", "answered with HTTP status 503"),
            (
                "not a DNS answer: header cut short",
                "gave no answer that can be used (not a DNS answer",
            ),
        ] {
            let sentence = resolver_failure(why, "dns.google");
            assert!(sentence.starts_with("the DNS resolver at dns.google "), "{sentence}");
            assert!(sentence.contains(said), "{sentence}");
        }
        assert!(as_resolver_answered("dns.google", true).ends_with("confirms a server."));
        assert!(as_resolver_answered("dns.google", false).ends_with("connected to these servers."));
    }

    #[test]
    fn lines_say_what_was_asked_and_what_came_of_it() {
        assert_eq!(
            source_line("ispdb", "example.org", "nothing", "HTTP 404"),
            "The Thunderbird ISPDB, asked for example.org (only the domain is sent): nothing there (HTTP 404)."
        );
        let imap = make(Protocol::Imap, "imap.example.org", 993, Security::Tls);
        assert_eq!(
            agreement(&imap, &[Source::Autoconfig, Source::Srv]),
            "IMAP imap.example.org:993 (SSL/TLS): its own autoconfig file (https) and its SRV records agree."
        );
        assert_eq!(
            agreement(&imap, &[Source::Guess]),
            "IMAP imap.example.org:993 (SSL/TLS): from a guess confirmed by the server only."
        );
        assert_eq!(
            other(&Source::Srv, &imap),
            "Another server, from its SRV records: IMAP imap.example.org:993 (SSL/TLS)."
        );
        assert_eq!(servers(&[]), "no servers");
        assert_eq!(
            cleaned(&Change::Servers {
                side: Side::Incoming,
                unusable: 1,
                beyond: 392
            }),
            "mailcheck left out 1 incoming server(s) whose host or user name cannot be used and 392 incoming \
             server(s) beyond the first 8."
        );
        assert_eq!(
            cleaned(&Change::Dropped(Field::Link)),
            "mailcheck left out a documentation link: not a web address or host name it can show safely."
        );
    }

    #[test]
    fn nothing_found_says_who_to_ask_and_what_for() {
        let none = summary("example.org", false);
        assert!(none.starts_with("No settings found for example.org"), "{none}");
        assert!(
            none.contains("who hosts its mail") && none.contains("the port and encryption of each"),
            "{none}"
        );
    }
}
