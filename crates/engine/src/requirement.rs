//! What a person must do before a mail app can sign in, beyond typing the right servers: create an app
//! password, switch IMAP/POP access on, use the provider's sign-in page, run its bridge, and so on.
//!
//! After hosts and ports this is the commonest reason mail "doesn't work", and the facts often come from a
//! different page than the servers (a record can take its servers from the ISPDB and a requirement from the
//! provider's own help page), so each [`Requirement`] carries its own [`Origin`]: every screen can say whose
//! word each fact is. The kinds form a small closed set that code acts on (the check, the decoder, the
//! guides); their words are in the data file's texts (crates/engine/texts/requirements.toml).

use crate::model::{Origin, Protocol, Security};
use crate::texts::Texts;
use serde::Serialize;

/// One step a provider requires before mail apps can sign in, with where we have it from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Requirement {
    #[serde(flatten)]
    pub kind: Kind,
    /// Where to do it (the page to create the app password on, the settings with the switch, the bridge's
    /// download page), when the source says.
    pub url: Option<String>,
    /// Whose word this is: the provider's page we checked, the ISPDB entry, ...
    pub origin: Origin,
    /// The source's own words, shown only as a quotation attributed to it (never as ours).
    pub quote: Option<String>,
}

/// What kind of step it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Kind {
    /// Mail apps need a separately generated password, not the account's own.
    AppPassword {
        /// What it looks like ("16 characters"), only where the source says.
        looks: Option<String>,
        /// Needed only once the person turned two-factor authentication on (GMX, WEB.DE, mail.com: "to use
        /// application-specific passwords, two-factor authentication must be activated", and then the
        /// original password is no longer accepted); without it the account password is what apps use.
        if_second_factor: bool,
    },
    /// IMAP/POP access must first be switched on in webmail or the account's settings.
    EnableAccess,
    /// A separate authorization code generated in webmail goes in the password field (QQ, NetEase).
    AuthorizationCode,
    /// Only the provider's own sign-in page (OAuth2) works for mail apps; a password is refused.
    OAuthOnly,
    /// A program on the person's own computer serves IMAP and SMTP; the mail app connects to it, never to
    /// the provider (Proton Mail Bridge).
    Bridge {
        /// The host the bridge listens on, as the provider's page states it.
        host: String,
        /// The ports the bridge uses where nothing else has taken them, each with its own source: the
        /// bridge shows the ones it actually uses, and those win.
        ports: Vec<BridgePort>,
    },
    /// No IMAP/POP for mail apps at all.
    NoMailApps {
        /// What to use instead, in the source's terms.
        instead: String,
    },
    /// The app-password option exists only once two-step verification is on.
    SecondFactorFirst,
}

/// A port a bridge tries first for one protocol, and whose word that is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BridgePort {
    pub protocol: Protocol,
    pub port: u16,
    pub security: Security,
    pub origin: Origin,
}

impl Kind {
    /// Every kind's stable id, as the data file and JSON write it.
    pub const IDS: [&'static str; 8] = [
        "app-password",
        "app-password-if-2fa",
        "enable-access",
        "authorization-code",
        "oauth-only",
        "bridge",
        "no-mail-apps",
        "second-factor-first",
    ];

    /// The kind's stable id, one of [`Kind::IDS`] (an app password needed only with two-factor
    /// authentication has an id of its own); also the key of its words in the data file's texts
    /// (`requirement.<id>`).
    pub fn id(&self) -> &'static str {
        Kind::IDS[match self {
            Kind::AppPassword { if_second_factor, .. } => usize::from(*if_second_factor),
            Kind::EnableAccess => 2,
            Kind::AuthorizationCode => 3,
            Kind::OAuthOnly => 4,
            Kind::Bridge { .. } => 5,
            Kind::NoMailApps { .. } => 6,
            Kind::SecondFactorFirst => 7,
        }]
    }

    /// The kind of `id`, with its one detail (what an app password looks like, the bridge's host, what to
    /// use instead; empty when there is none). `None` for an unknown id, or a bridge or no-mail-apps kind
    /// without its detail.
    pub fn from_id(id: &str, detail: &str) -> Option<Kind> {
        let some = || (!detail.is_empty()).then(|| detail.to_owned());
        Some(match id {
            "app-password" | "app-password-if-2fa" => Kind::AppPassword {
                looks: some(),
                if_second_factor: id != "app-password",
            },
            "enable-access" => Kind::EnableAccess,
            "authorization-code" => Kind::AuthorizationCode,
            "oauth-only" => Kind::OAuthOnly,
            "bridge" => Kind::Bridge {
                host: some()?,
                ports: Vec::new(),
            },
            "no-mail-apps" => Kind::NoMailApps { instead: some()? },
            "second-factor-first" => Kind::SecondFactorFirst,
            _ => return None,
        })
    }

    /// The kind's one detail, as [`Kind::from_id`] reads it.
    pub fn detail(&self) -> &str {
        match self {
            Kind::AppPassword { looks, .. } => looks.as_deref().unwrap_or(""),
            Kind::Bridge { host, .. } => host,
            Kind::NoMailApps { instead } => instead,
            Kind::EnableAccess | Kind::AuthorizationCode | Kind::OAuthOnly | Kind::SecondFactorFirst => "",
        }
    }

    /// Whether mail apps cannot reach the provider's own servers at all with this requirement (a bridge, or
    /// no mail apps): a record with it may list no servers.
    pub fn replaces_servers(&self) -> bool {
        matches!(self, Kind::Bridge { .. } | Kind::NoMailApps { .. })
    }

    /// Where in a setup the step falls: what makes another possible comes first (two-factor authentication
    /// before the app password it unlocks, access switched on before any password is typed).
    pub fn order(&self) -> u8 {
        match self {
            Kind::SecondFactorFirst => 0,
            Kind::EnableAccess => 1,
            Kind::AppPassword { .. } | Kind::AuthorizationCode => 2,
            Kind::OAuthOnly => 3,
            Kind::Bridge { .. } | Kind::NoMailApps { .. } => 4,
        }
    }

    /// Whether the requirement is about what goes in the password field: the ones to rank first when a
    /// sign-in fails.
    pub fn is_about_sign_in(&self) -> bool {
        !matches!(self, Kind::NoMailApps { .. })
    }
}

impl Requirement {
    /// What to do, in words from the data file's texts: [`Requirement::what`], then where to do it.
    pub fn sentence(&self, provider: &str, texts: &Texts) -> String {
        let mut out = self.what(provider, texts);
        if let Some(url) = &self.url {
            out.push(' ');
            out.push_str(&texts.fill("requirement.where", &[("url", url)]));
        }
        out
    }

    /// What to do without where (the screens make that a link): the kind's sentence, and what an app
    /// password looks like and the bridge's first ports where the source says.
    pub fn what(&self, provider: &str, texts: &Texts) -> String {
        let kind = &self.kind;
        let mut out = texts.fill(
            &format!("requirement.{}", kind.id()),
            &[
                ("provider", provider),
                ("host", kind.detail()),
                ("instead", kind.detail()),
            ],
        );
        let mut add = |key: &str, values: &[(&str, &str)]| {
            out.push(' ');
            out.push_str(&texts.fill(key, values));
        };
        match kind {
            Kind::AppPassword { looks: Some(looks), .. } => add("requirement.looks", &[("looks", looks)]),
            Kind::Bridge { ports, .. } if !ports.is_empty() => {
                let listed: Vec<String> = ports
                    .iter()
                    .map(|p| format!("{} {} ({})", p.protocol.label(), p.port, p.security.label()))
                    .collect();
                let by = whose(&ports[0].origin, texts);
                add(
                    "requirement.bridge-ports",
                    &[("ports", &crate::catalog::provenance::and_list(&listed)), ("by", &by)],
                );
            }
            _ => {}
        }
        out
    }

    /// Whose word the requirement is: "https://support.apple.com/…, checked by mailcheck on 2026-12-07", "the
    /// Thunderbird ISPDB's entry gmx.net.xml, last changed …".
    pub fn by(&self, texts: &Texts) -> String {
        whose(&self.origin, texts)
    }
}

/// Whose word a fact of `origin` is, in the data file's words.
pub fn whose(origin: &Origin, texts: &Texts) -> String {
    match origin {
        Origin::Checked { source, checked } => {
            texts.fill("requirement.by.checked", &[("source", source), ("checked", checked)])
        }
        Origin::Ispdb { file, changed, .. } => {
            texts.fill("requirement.by.ispdb", &[("file", file), ("changed", changed)])
        }
        Origin::ProviderDb {
            file,
            last_checked,
            committed,
            ..
        } => texts.fill(
            "requirement.by.provider-db",
            &[("file", file), ("last_checked", last_checked), ("committed", committed)],
        ),
        Origin::Discovered { domain, .. } => texts.fill("requirement.by.discovered", &[("domain", domain)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_id_and_detail() {
        let kinds = [
            Kind::AppPassword {
                looks: Some("16 characters".into()),
                if_second_factor: false,
            },
            Kind::AppPassword {
                looks: None,
                if_second_factor: true,
            },
            Kind::EnableAccess,
            Kind::AuthorizationCode,
            Kind::OAuthOnly,
            Kind::Bridge {
                host: "127.0.0.1".into(),
                ports: Vec::new(),
            },
            Kind::NoMailApps {
                instead: "its own apps".into(),
            },
            Kind::SecondFactorFirst,
        ];
        for k in &kinds {
            assert_eq!(Kind::from_id(k.id(), k.detail()).as_ref(), Some(k));
        }
        assert!(Kind::IDS.iter().all(|id| kinds.iter().any(|k| k.id() == *id)));
        assert_eq!(Kind::from_id("bridge", ""), None, "a bridge has a host");
        assert_eq!(
            Kind::from_id("no-mail-apps", ""),
            None,
            "and no mail apps, what instead"
        );
        assert_eq!(Kind::from_id("magic", ""), None);
        assert!(kinds.iter().filter(|k| k.replaces_servers()).count() == 2);
    }

    #[test]
    fn the_data_has_words_for_every_kind_and_each_requirement_says_whose_word_it_is() {
        let db = crate::embedded();
        for id in Kind::IDS {
            assert!(!db.texts().get(&format!("requirement.{id}")).is_empty(), "{id}");
        }
        let icloud = db.lookup("jane@icloud.com").provider.unwrap();
        assert_eq!(icloud.origin.tier(), "ispdb", "servers from the ISPDB");
        let app = &icloud.requirements[0];
        assert_eq!(app.kind.id(), "app-password");
        let by = app.by(db.texts());
        assert!(
            by.starts_with("https://support.apple.com/en-mt/HT204397, checked by mailcheck on "),
            "{by}"
        );
        let sentence = app.sentence(&icloud.name, db.texts());
        assert!(
            sentence.contains("app password") && sentence.ends_with("Where: https://appleid.apple.com"),
            "{sentence}"
        );
        let gmx = db.lookup("jane@gmx.com").provider.unwrap();
        assert!(gmx.requirements.iter().any(|r| r.kind.id() == "app-password-if-2fa"));
        // The ISPDB's own instruction to switch access on stays, with the ISPDB as its source.
        let gmx_de = db.lookup("jane@gmx.de").provider.unwrap();
        let ispdb = gmx_de.requirements.iter().find(|r| r.origin.tier() == "ispdb").unwrap();
        assert!(ispdb
            .by(db.texts())
            .starts_with("the Thunderbird ISPDB's entry gmx.net.xml"));
        for address in ["jane@proton.me", "jane@protonmail.com"] {
            let found = db.lookup(address);
            assert!(found.provider.is_none(), "{address}");
            let proton = found.no_mail_apps.unwrap();
            let bridge = &proton.requirements[0];
            let sentence = bridge.sentence(&proton.name, db.texts());
            assert!(
                sentence.contains("(127.0.0.1)") && sentence.contains("IMAP 1143 (STARTTLS)"),
                "{sentence}"
            );
            assert!(sentence.contains("use what the bridge shows"), "{sentence}");
            assert!(
                sentence.contains("github.com/ProtonMail/proton-bridge"),
                "the ports' own source: {sentence}"
            );
        }
    }
}
