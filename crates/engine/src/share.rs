//! Share links: settings (and the chosen mail client) packed into the fragment of a URL, the part after
//! `#`, which browsers never send to a server. A support agent sends the link; the person opening it sees
//! the same settings and findings.
//!
//! A fragment is `v<version>.<body>`. Every version ever published keeps decoding: [`decode`] dispatches on
//! the version, and a new layout gets a new version and its own module next to [`v1`], leaving old links
//! working. A link from a newer version than this code knows says so instead of guessing.
//!
//! There is no password field in [`Settings`] and none in the format, and a link carrying a part that
//! the format does not define (`pw:…`, `password:…`) is refused as a whole rather than half-read.

use crate::settings::Settings;

/// What a link carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shared {
    pub settings: Settings,
    /// The mail client (guide) chosen by the sender, by id, when one was chosen.
    pub client: Option<String>,
}

/// The version [`encode`] writes.
pub const CURRENT_VERSION: u32 = 1;

/// Links longer than this are refused before decoding. Generous: real settings take a few hundred.
pub const MAX_CHARS: usize = 64 * 1024;

/// The fragment for `shared` (without the `#`), using only characters that need no escaping in a URL.
pub fn encode(shared: &Shared) -> Result<String, ShareError> {
    let link = format!("v{CURRENT_VERSION}.{}", v1::encode(shared));
    if link.len() > MAX_CHARS {
        return Err(ShareError::TooLong { limit: MAX_CHARS });
    }
    Ok(link)
}

/// What a fragment (with or without its leading `#`) carries.
pub fn decode(fragment: &str) -> Result<Shared, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_CHARS {
        return Err(ShareError::TooLong { limit: MAX_CHARS });
    }
    if fragment.is_empty() {
        return Err(ShareError::Empty);
    }
    let (version, body) = fragment.split_once('.').ok_or(ShareError::NotALink)?;
    let version = version
        .strip_prefix('v')
        .and_then(crate::read::number)
        .ok_or(ShareError::NotALink)?;
    match version {
        1 => v1::decode(body),
        v if v > CURRENT_VERSION => Err(ShareError::NewerVersion(v)),
        _ => Err(ShareError::NotALink),
    }
}

/// Version 1: thirteen settings fields in a fixed order, then optional named parts, separated by `~`.
///
/// Field order: email, then protocol, host, port, security, username, auth of the incoming and then of the
/// outgoing server. A username of `*` means "the same as the email" (the most common case, and the
/// longest field). Named parts are `name:value`; the only one is `client`. Values keep `A-Z a-z 0-9 - . _ @`
/// as they are and write every other byte of their UTF-8 as `%XX`, so `~`, `*` and `:` never occur inside
/// a value.
pub mod v1 {
    use super::{ShareError, Shared};
    use crate::settings::{ServerSettings, Settings};

    const FIELDS: usize = 13;
    const SAME_AS_EMAIL: &str = "*";
    const CLIENT: &str = "client";

    pub(super) fn encode(shared: &Shared) -> String {
        let s = &shared.settings;
        let mut parts = vec![escape(&s.email)];
        for server in [&s.incoming, &s.outgoing] {
            let username = if !s.email.is_empty() && server.username == s.email {
                SAME_AS_EMAIL.to_owned()
            } else {
                escape(&server.username)
            };
            parts.extend([
                escape(&server.protocol),
                escape(&server.host),
                escape(&server.port),
                escape(&server.security),
                username,
                escape(&server.auth),
            ]);
        }
        if let Some(client) = &shared.client {
            parts.push(format!("{CLIENT}:{}", escape(client)));
        }
        parts.join("~")
    }

    pub(super) fn decode(body: &str) -> Result<Shared, ShareError> {
        let parts: Vec<&str> = body.split('~').collect();
        let (fields, named) = parts.split_at_checked(FIELDS).ok_or(ShareError::Damaged)?;
        let email = unescape(fields[0])?;
        let server = |f: &[&str]| -> Result<ServerSettings, ShareError> {
            let username = match f[4] {
                SAME_AS_EMAIL => email.clone(),
                other => unescape(other)?,
            };
            Ok(ServerSettings {
                protocol: unescape(f[0])?,
                host: unescape(f[1])?,
                port: unescape(f[2])?,
                security: unescape(f[3])?,
                username,
                auth: unescape(f[5])?,
            })
        };
        let settings = Settings {
            incoming: server(&fields[1..7])?,
            outgoing: server(&fields[7..13])?,
            email,
        };
        let mut client = None;
        for part in named {
            let (name, value) = part.split_once(':').ok_or(ShareError::Damaged)?;
            match name {
                CLIENT if client.is_none() => client = Some(unescape(value)?),
                CLIENT => return Err(ShareError::Damaged),
                // Only the name is reported, never the value: it could be anything, a password included.
                other => return Err(ShareError::UnknownPart(unescape(other).unwrap_or_default())),
            }
        }
        Ok(Shared { settings, client })
    }

    fn is_literal(b: u8) -> bool {
        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'@')
    }

    fn escape(value: &str) -> String {
        let mut out = String::with_capacity(value.len());
        for b in value.bytes() {
            if is_literal(b) {
                out.push(char::from(b));
            } else {
                out.push('%');
                out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
                out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 0xF)]));
            }
        }
        out
    }

    fn unescape(value: &str) -> Result<String, ShareError> {
        let mut bytes = Vec::with_capacity(value.len());
        let mut rest = value.bytes();
        while let Some(b) = rest.next() {
            match b {
                b'%' => {
                    let hi = rest.next().and_then(hex_digit).ok_or(ShareError::Damaged)?;
                    let lo = rest.next().and_then(hex_digit).ok_or(ShareError::Damaged)?;
                    bytes.push(hi << 4 | lo);
                }
                b if is_literal(b) => bytes.push(b),
                _ => return Err(ShareError::Damaged),
            }
        }
        String::from_utf8(bytes).map_err(|_| ShareError::Damaged)
    }

    fn hex_digit(b: u8) -> Option<u8> {
        char::from(b).to_digit(16).and_then(|d| u8::try_from(d).ok())
    }
}

/// Why a link cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    Empty,
    /// No `v<number>.` at the start, or a version that never existed.
    NotALink,
    /// Made by a newer mailcheck than this one.
    NewerVersion(u32),
    /// Cut short, wrongly escaped or otherwise changed.
    Damaged,
    /// A part the format does not define; only its name is kept.
    UnknownPart(String),
    TooLong {
        limit: usize,
    },
}

impl ShareError {
    /// Stable code, e.g. `share.newer-version`.
    pub const fn code(&self) -> &'static str {
        match self {
            ShareError::Empty => "share.empty",
            ShareError::NotALink => "share.not-a-link",
            ShareError::NewerVersion(_) => "share.newer-version",
            ShareError::Damaged => "share.damaged",
            ShareError::UnknownPart(_) => "share.unknown-part",
            ShareError::TooLong { .. } => "share.too-long",
        }
    }
}

impl std::error::Error for ShareError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::ServerSettings;
    use proptest::prelude::*;

    fn centurylink() -> Settings {
        Settings {
            email: "jane@q.com".into(),
            incoming: ServerSettings::from(["pop3", "pop.centurylink.net", "995", "tls", "jane@q.com", "password"]),
            outgoing: ServerSettings::from([
                "smtp",
                "smtp.centurylink.net",
                "587",
                "starttls",
                "jane@q.com",
                "password",
            ]),
        }
    }

    /// Links as version 1 writes them. They are published the moment someone shares one: these strings
    /// must keep decoding to these settings for as long as mailcheck exists.
    const V1_CENTURYLINK: &str =
        "v1.jane@q.com~pop3~pop.centurylink.net~995~tls~*~password~smtp~smtp.centurylink.net~587~starttls~*~password";
    const V1_WITH_CLIENT: &str = "v1.bob@riseup.net~imap~mail.riseup.net~993~tls~bob~password~smtp~mail.riseup.net~465~tls~bob~password~client:thunderbird";
    const V1_ESCAPED: &str = "v1.j%C3%BCrgen%26co@ex%C3%A4mple.com~IMAP%20~mail.x~99%2399~SSL~%2A~~smtp~~~~%3D%25~none";

    #[test]
    fn v1_samples_keep_decoding() {
        assert_eq!(
            decode(V1_CENTURYLINK),
            Ok(Shared {
                settings: centurylink(),
                client: None
            })
        );
        assert_eq!(
            decode(&format!("#{V1_CENTURYLINK}")),
            Ok(Shared {
                settings: centurylink(),
                client: None
            })
        );

        let riseup = decode(V1_WITH_CLIENT).unwrap();
        assert_eq!(riseup.client.as_deref(), Some("thunderbird"));
        assert_eq!(
            riseup.settings.incoming,
            ServerSettings::from(["imap", "mail.riseup.net", "993", "tls", "bob", "password"])
        );
        assert_eq!(riseup.settings.outgoing.port, "465");

        let odd = decode(V1_ESCAPED).unwrap().settings;
        assert_eq!(odd.email, "jürgen&co@exämple.com");
        assert_eq!(
            odd.incoming,
            ServerSettings::from(["IMAP ", "mail.x", "99#99", "SSL", "*", ""])
        );
        assert_eq!(odd.outgoing, ServerSettings::from(["smtp", "", "", "", "=%", "none"]));
    }

    #[test]
    fn encode_writes_the_samples() {
        assert_eq!(
            encode(&Shared {
                settings: centurylink(),
                client: None
            })
            .unwrap(),
            V1_CENTURYLINK
        );
        let riseup = decode(V1_WITH_CLIENT).unwrap();
        assert_eq!(encode(&riseup).unwrap(), V1_WITH_CLIENT);
        assert_eq!(encode(&decode(V1_ESCAPED).unwrap()).unwrap(), V1_ESCAPED);
    }

    #[test]
    fn other_versions_and_garbage_are_refused() {
        let body = V1_CENTURYLINK.trim_start_matches("v1.");
        let cases: Vec<(String, ShareError)> = vec![
            (String::new(), ShareError::Empty),
            ("#".into(), ShareError::Empty),
            (format!("v2.{body}"), ShareError::NewerVersion(2)),
            (format!("v4294967295.{body}"), ShareError::NewerVersion(u32::MAX)),
            (format!("v0.{body}"), ShareError::NotALink),
            (format!("v99999999999.{body}"), ShareError::NotALink),
            (format!("v+1.{body}"), ShareError::NotALink),
            (format!("V1.{body}"), ShareError::NotALink),
            ("hello".into(), ShareError::NotALink),
            ("https://example.com/".into(), ShareError::NotALink),
            (
                V1_CENTURYLINK.rsplit_once('~').unwrap().0.to_owned(),
                ShareError::Damaged,
            ),
            (V1_CENTURYLINK.replace("995", "9%G5"), ShareError::Damaged),
            (V1_CENTURYLINK.replace("995", "99%"), ShareError::Damaged),
            (V1_CENTURYLINK.replace("995", "%FF"), ShareError::Damaged),
            (V1_CENTURYLINK.replace("995", "9 5"), ShareError::Damaged),
            (V1_CENTURYLINK.replace("995", "9#5"), ShareError::Damaged),
            (format!("{V1_WITH_CLIENT}~client:k9"), ShareError::Damaged),
            (format!("{V1_CENTURYLINK}~thunderbird"), ShareError::Damaged),
            (
                format!("v1.{}", "~".repeat(MAX_CHARS)),
                ShareError::TooLong { limit: MAX_CHARS },
            ),
        ];
        for (link, expected) in cases {
            assert_eq!(decode(&link), Err(expected), "{link}");
        }
    }

    #[test]
    fn password_parts_are_refused_and_never_surface() {
        for part in ["pw:hunter2", "password:hunter2", "pass:hunter2", "client2:hunter2"] {
            let link = format!("{V1_WITH_CLIENT}~{part}");
            let e = decode(&link).unwrap_err();
            assert!(matches!(e, ShareError::UnknownPart(_)), "{part}: {e:?}");
            assert!(!format!("{e} {e:?}").contains("hunter2"), "{part}: {e}");
        }
        let sneaky = V1_CENTURYLINK.replace("~password~smtp", "~password%7Epw%3Ahunter2~smtp");
        let s = decode(&sneaky).unwrap().settings;
        assert_eq!(
            s.incoming.auth, "password~pw:hunter2",
            "an escaped separator stays inside its field"
        );
        assert_eq!(s.outgoing, centurylink().outgoing);
    }

    #[test]
    fn username_shorthand_only_when_equal() {
        let mut s = centurylink();
        s.outgoing.username = "jane".into();
        let link = encode(&Shared {
            settings: s.clone(),
            client: None,
        })
        .unwrap();
        assert!(
            link.contains("~*~password~smtp~") && link.contains("~jane~password"),
            "{link}"
        );
        s.email = String::new();
        s.incoming.username = String::new();
        let link = encode(&Shared {
            settings: s.clone(),
            client: None,
        })
        .unwrap();
        assert!(!link.contains('*'), "{link}");
        assert_eq!(decode(&link).unwrap().settings, s);
    }

    #[test]
    fn oversized_settings_are_refused_when_encoding() {
        let mut s = centurylink();
        s.incoming.host = "é".repeat(MAX_CHARS);
        assert_eq!(
            encode(&Shared {
                settings: s,
                client: None
            }),
            Err(ShareError::TooLong { limit: MAX_CHARS })
        );
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[#&%=~*:@ .a-z]{0,20}",
            "\\PC{0,300}",
            Just("*".to_owned()),
            Just(String::new()),
        ]
    }

    prop_compose! {
        fn server_settings()(protocol in text(), host in text(), port in text(), security in text(), username in text(), auth in text()) -> ServerSettings {
            ServerSettings { protocol, host, port, security, username, auth }
        }
    }

    prop_compose! {
        fn shared()(email in text(), incoming in server_settings(), outgoing in server_settings(), same in any::<bool>(), client in proptest::option::of(text())) -> Shared {
            let mut settings = Settings { email, incoming, outgoing };
            if same {
                settings.outgoing.username = settings.email.clone();
            }
            Shared { settings, client }
        }
    }

    proptest! {
        #[test]
        fn round_trip(shared in shared()) {
            let link = encode(&shared).unwrap();
            prop_assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~@%*:".contains(&b)), "{}", link);
            prop_assert_eq!(decode(&link), Ok(shared));
        }

        #[test]
        fn arbitrary_fragments_never_panic(fragment in any::<String>()) {
            let _ = decode(&fragment);
        }

        #[test]
        fn damaged_links_never_panic(cut in 0..V1_WITH_CLIENT.len(), junk in "[~%*:a-z0-9]{0,4}") {
            let mut link = V1_WITH_CLIENT.to_owned();
            link.insert_str(cut, &junk);
            let _ = decode(&link);
            let _ = decode(&V1_WITH_CLIENT[..cut]);
        }
    }
}
