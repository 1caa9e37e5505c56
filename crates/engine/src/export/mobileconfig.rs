//! Apple configuration profile (`.mobileconfig`): installs the account in Mail on iPhone, iPad and Mac.
//!
//! The profile is an XML property list with one payload of type `com.apple.mail.managed`. Key names and
//! values follow Apple's device-management reference (the `Mail` payload, `TopLevel` and
//! `CommonPayloadKeys` in Apple's published schema). No password is written: `IncomingPassword` and
//! `OutgoingPassword` are left out, so the device asks for it while installing.
//!
//! Security: Apple's payload has one switch per server, `…UseSSL`, documented only as "enables SSL", with no
//! separate STARTTLS choice. Apple's own iCloud Mail page lists its submission server on port 587 (a
//! STARTTLS port) as "SSL required", and profile generators of mail servers set the switch on for
//! STARTTLS ports, so both `tls` and `starttls` are written as `true` and the device picks implicit TLS or
//! STARTTLS for the port; `none` is written as `false`. A profile therefore cannot say which of the two
//! encrypted modes to use, only that the connection must be encrypted.
//!
//! Sign-in: the payload knows passwords (`EmailAuthPassword`) but not OAuth2, so OAuth2 accounts are
//! written with a password only when the provider accepts one (an app password, say).

use super::{escape_xml, ExportError, Format};
use crate::account::{Account, AccountServer, Username};
use crate::catalog::transfer;
use crate::model::AuthMethod;
use crate::model::{Protocol, Security, Side};
use core::fmt::Write as _;

/// The profile for `account`.
///
/// Payload UUIDs must be globally unique, and the engine has no random numbers (it runs in the browser
/// too, and a random source would be a dependency with a JavaScript binding). So they are name-based
/// UUIDs (version 8, RFC 9562) hashed from `salt` and the account's settings: the caller passes a salt that
/// differs between downloads (the time, a random value of its own), and the same salt and settings give the
/// same profile, which keeps tests exact. The `PayloadIdentifier` is derived from the address alone, so a
/// corrected profile for the same address replaces the installed one instead of adding a second account.
pub fn profile(account: &Account, salt: &str) -> Result<String, ExportError> {
    let account = account
        .with_password_sign_in()
        .ok_or(ExportError::NeedsOAuth2(Format::Mobileconfig))?;
    let email = account.email.as_deref();
    let provider = account.provider().map(|p| p.name.as_str());
    let fingerprint = fingerprint(&account);
    let identifier = format!(
        "mailcheck.email.{}",
        &hex(hash(&[email.unwrap_or(&account.incoming.host)]))[..16]
    );
    let display_name = transfer::profile_name(email, provider);
    let source = account.recommended_by().map(crate::catalog::provenance::sentence);
    let description = transfer::profile_description(email, source.as_deref());

    let incoming_username = account.incoming.username.resolve(email);
    let outgoing_username = account.outgoing.username.resolve(email);
    let mut mail = vec![
        (
            "EmailAccountDescription",
            Value::Str(transfer::account_description(email, provider)),
        ),
        (
            "EmailAccountType",
            Value::Str(account_type(account.incoming.protocol).into()),
        ),
    ];
    if let Some(email) = email {
        mail.push(("EmailAddress", Value::Str(email.into())));
    }
    server_keys(&mut mail, Side::Incoming, &account.incoming, incoming_username.clone());
    server_keys(&mut mail, Side::Outgoing, &account.outgoing, outgoing_username.clone());
    let same_password = account.incoming.auth == AuthMethod::Password
        && account.outgoing.auth == AuthMethod::Password
        && incoming_username == outgoing_username;
    mail.extend([
        ("OutgoingPasswordSameAsIncomingPassword", Value::Bool(same_password)),
        ("PayloadDescription", Value::Str(description.clone())),
        ("PayloadDisplayName", Value::Str(display_name.clone())),
        ("PayloadIdentifier", Value::Str(format!("{identifier}.mail"))),
        ("PayloadType", Value::Str("com.apple.mail.managed".into())),
        ("PayloadUUID", Value::Str(uuid(&[salt, "mail", &fingerprint]))),
        ("PayloadVersion", Value::Int(1)),
    ]);

    let top = vec![
        ("PayloadContent", Value::Array(vec![Value::Dict(mail)])),
        ("PayloadDescription", Value::Str(description)),
        ("PayloadDisplayName", Value::Str(display_name)),
        ("PayloadIdentifier", Value::Str(identifier)),
        ("PayloadType", Value::Str("Configuration".into())),
        ("PayloadUUID", Value::Str(uuid(&[salt, "profile", &fingerprint]))),
        ("PayloadVersion", Value::Int(1)),
    ];
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n",
        "<plist version=\"1.0\">\n",
    ));
    Value::Dict(top).write(&mut out, 0);
    out.push_str("</plist>\n");
    Ok(out)
}

fn server_keys(keys: &mut Vec<(&'static str, Value)>, side: Side, s: &AccountServer, username: Option<String>) {
    let [auth, host, port, ssl, user] = match side {
        Side::Incoming => [
            "IncomingMailServerAuthentication",
            "IncomingMailServerHostName",
            "IncomingMailServerPortNumber",
            "IncomingMailServerUseSSL",
            "IncomingMailServerUsername",
        ],
        Side::Outgoing => [
            "OutgoingMailServerAuthentication",
            "OutgoingMailServerHostName",
            "OutgoingMailServerPortNumber",
            "OutgoingMailServerUseSSL",
            "OutgoingMailServerUsername",
        ],
    };
    keys.extend([
        (auth, Value::Str(auth_value(s.auth).into())),
        (host, Value::Str(s.host.clone())),
        (port, Value::Int(s.port.into())),
        (ssl, Value::Bool(use_ssl(s.security))),
    ]);
    // Without a user name the device asks for one while installing (Apple's documented behaviour).
    if let Some(name) = username.filter(|_| s.username != Username::Unset) {
        keys.push((user, Value::Str(name)));
    }
}

/// `EmailAccountType` for the incoming protocol.
pub const fn account_type(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Pop3 => "EmailTypePOP",
        Protocol::Imap | Protocol::Smtp => "EmailTypeIMAP",
    }
}

/// `…UseSSL`: on for both encrypted modes (see the module notes).
pub const fn use_ssl(security: Security) -> bool {
    !matches!(security, Security::None)
}

/// `…Authentication` (Apple's values: EmailAuthNone, EmailAuthPassword, EmailAuthCRAMMD5, EmailAuthNTLM,
/// EmailAuthHTTPMD5). OAuth2 never reaches here ([`Account::with_password_sign_in`] runs first).
const fn auth_value(auth: AuthMethod) -> &'static str {
    match auth {
        AuthMethod::None => "EmailAuthNone",
        AuthMethod::EncryptedPassword => "EmailAuthCRAMMD5",
        AuthMethod::Password | AuthMethod::OAuth2 => "EmailAuthPassword",
    }
}

/// The settings that go into the profile, as one string for hashing.
fn fingerprint(account: &Account) -> String {
    let s = account.to_settings();
    [
        &s.email,
        &s.incoming.protocol,
        &s.incoming.host,
        &s.incoming.port,
        &s.incoming.security,
    ]
    .into_iter()
    .chain([
        &s.incoming.username,
        &s.incoming.auth,
        &s.outgoing.protocol,
        &s.outgoing.host,
    ])
    .chain([
        &s.outgoing.port,
        &s.outgoing.security,
        &s.outgoing.username,
        &s.outgoing.auth,
    ])
    .fold(String::new(), |acc, field| acc + field + "\u{1F}")
}

/// 128-bit FNV-1a over the parts, each closed by a 0xFF byte (which UTF-8 never contains), so that
/// `["ab", "c"]` and `["a", "bc"]` differ. Not cryptographic: it only has to make accidental clashes
/// between different inputs vanishingly unlikely.
fn hash(parts: &[&str]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h = OFFSET;
    for part in parts {
        for b in part.bytes().chain([0xFF]) {
            h ^= u128::from(b);
            h = h.wrapping_mul(PRIME);
        }
    }
    h
}

fn hex(n: u128) -> String {
    format!("{n:032x}")
}

/// A version-8 UUID (RFC 9562 section 5.8) from the hash of `parts`, upper case as Apple writes them.
fn uuid(parts: &[&str]) -> String {
    let mut bytes = hash(parts).to_be_bytes();
    bytes[6] = (bytes[6] & 0x0F) | 0x80;
    bytes[8] = (bytes[8] & 0x3F) | 0x80;
    let h = hex(u128::from_be_bytes(bytes)).to_ascii_uppercase();
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// The property-list values a profile uses.
enum Value {
    Str(String),
    Int(u32),
    Bool(bool),
    Array(Vec<Value>),
    Dict(Vec<(&'static str, Value)>),
}

impl Value {
    fn write(&self, out: &mut String, depth: usize) {
        let pad = "\t".repeat(depth);
        // Writing to a String cannot fail.
        let _ = match self {
            Value::Str(s) => writeln!(out, "{pad}<string>{}</string>", escape_xml(s)),
            Value::Int(n) => writeln!(out, "{pad}<integer>{n}</integer>"),
            Value::Bool(b) => writeln!(out, "{pad}<{b}/>"),
            Value::Array(items) => {
                let _ = writeln!(out, "{pad}<array>");
                items.iter().for_each(|v| v.write(out, depth + 1));
                writeln!(out, "{pad}</array>")
            }
            Value::Dict(entries) => {
                let _ = writeln!(out, "{pad}<dict>");
                for (key, value) in entries {
                    let _ = writeln!(out, "{pad}\t<key>{key}</key>");
                    value.write(out, depth + 1);
                }
                writeln!(out, "{pad}</dict>")
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::embedded;
    use crate::settings::Settings;
    use plist::Dictionary;

    fn parse(xml: &str) -> Dictionary {
        plist::from_bytes::<plist::Value>(xml.as_bytes())
            .expect("a valid plist")
            .into_dictionary()
            .expect("a dictionary at the top")
    }

    fn mail_payload(top: &Dictionary) -> Dictionary {
        let content = top
            .get("PayloadContent")
            .and_then(|v| v.as_array())
            .expect("PayloadContent");
        assert_eq!(content.len(), 1);
        content[0].as_dictionary().expect("a payload dictionary").clone()
    }

    fn string<'a>(d: &'a Dictionary, key: &str) -> Option<&'a str> {
        d.get(key).and_then(|v| v.as_string())
    }

    #[test]
    fn the_profile_says_where_provider_settings_come_from() {
        let yahoo = embedded().lookup("yahoo.com").provider.unwrap();
        let top = parse(&profile(&Account::recommended(yahoo, Some("jane@yahoo.com")), "x").unwrap());
        let description = string(&top, "PayloadDescription").unwrap();
        assert!(
            description.contains("Settings: From the Thunderbird ISPDB"),
            "{description}"
        );
        let centurylink = embedded().by_id("centurylink").unwrap();
        let top = parse(&profile(&Account::recommended(centurylink, Some("jane@q.com")), "x").unwrap());
        assert!(string(&top, "PayloadDescription")
            .unwrap()
            .contains("Settings: Checked by mailcheck"));
        let own = Account::from_settings(
            &Account::recommended(centurylink, Some("jane@q.com")).to_settings(),
            Some(centurylink),
        )
        .unwrap();
        let top = parse(&profile(&own, "x").unwrap());
        assert!(
            !string(&top, "PayloadDescription").unwrap().contains("Settings:"),
            "the user's own settings"
        );
    }

    fn int(d: &Dictionary, key: &str) -> Option<u64> {
        d.get(key).and_then(|v| v.as_unsigned_integer())
    }

    fn boolean(d: &Dictionary, key: &str) -> Option<bool> {
        d.get(key).and_then(|v| v.as_boolean())
    }

    /// Reads a profile back into settings, the way a device would interpret it.
    fn settings_from(mail: &Dictionary, side: &str) -> (String, String, u64, bool, Option<String>, String) {
        let key = |k: &str| format!("{side}MailServer{k}");
        (
            string(mail, "EmailAccountType").unwrap().to_owned(),
            string(mail, &key("HostName")).unwrap().to_owned(),
            int(mail, &key("PortNumber")).unwrap(),
            boolean(mail, &key("UseSSL")).unwrap(),
            string(mail, &key("Username")).map(str::to_owned),
            string(mail, &key("Authentication")).unwrap().to_owned(),
        )
    }

    #[test]
    fn centurylink_profile_round_trips_field_by_field() {
        let account = Account::recommended(embedded().by_id("centurylink").unwrap(), Some("jane@q.com"));
        let xml = profile(&account, "salt").unwrap();
        let top = parse(&xml);
        assert_eq!(string(&top, "PayloadType"), Some("Configuration"));
        assert_eq!(int(&top, "PayloadVersion"), Some(1));
        assert_eq!(
            string(&top, "PayloadDisplayName"),
            Some("Email: jane@q.com (CenturyLink)")
        );
        let mail = mail_payload(&top);
        assert_eq!(string(&mail, "PayloadType"), Some("com.apple.mail.managed"));
        assert_eq!(int(&mail, "PayloadVersion"), Some(1));
        assert_eq!(string(&mail, "EmailAddress"), Some("jane@q.com"));
        assert_eq!(
            settings_from(&mail, "Incoming"),
            (
                "EmailTypePOP".into(),
                "pop.centurylink.net".into(),
                995,
                true,
                Some("jane@q.com".into()),
                "EmailAuthPassword".into()
            )
        );
        assert_eq!(
            settings_from(&mail, "Outgoing"),
            (
                "EmailTypePOP".into(),
                "smtp.centurylink.net".into(),
                587,
                true,
                Some("jane@q.com".into()),
                "EmailAuthPassword".into()
            )
        );
        assert_eq!(boolean(&mail, "OutgoingPasswordSameAsIncomingPassword"), Some(true));
        assert!(string(&top, "PayloadIdentifier")
            .unwrap()
            .starts_with("mailcheck.email."));
        assert!(string(&mail, "PayloadIdentifier").unwrap().ends_with(".mail"));
    }

    #[test]
    fn security_modes_map_to_use_ssl() {
        let mut settings =
            Account::recommended(embedded().by_id("centurylink").unwrap(), Some("jane@q.com")).to_settings();
        for (security, expected) in [("tls", true), ("starttls", true), ("none", false)] {
            settings.incoming.security = security.into();
            let account = Account::from_settings(&settings, None).unwrap();
            let mail = mail_payload(&parse(&profile(&account, "s").unwrap()));
            assert_eq!(boolean(&mail, "IncomingMailServerUseSSL"), Some(expected), "{security}");
        }
    }

    #[test]
    fn imap_and_local_part_usernames() {
        let account = Account::recommended(embedded().by_id("riseup").unwrap(), Some("jane@riseup.net"));
        let mail = mail_payload(&parse(&profile(&account, "s").unwrap()));
        assert_eq!(string(&mail, "EmailAccountType"), Some("EmailTypeIMAP"));
        assert_eq!(string(&mail, "IncomingMailServerUsername"), Some("jane"));
    }

    #[test]
    fn without_an_address_the_device_asks() {
        let account = Account::recommended(embedded().by_id("centurylink").unwrap(), None);
        let top = parse(&profile(&account, "s").unwrap());
        let mail = mail_payload(&top);
        for key in [
            "EmailAddress",
            "IncomingMailServerUsername",
            "OutgoingMailServerUsername",
        ] {
            assert!(!mail.contains_key(key), "{key}");
        }
        assert_eq!(string(&top, "PayloadDisplayName"), Some("Email (CenturyLink)"));
    }

    #[test]
    fn special_characters_survive_the_round_trip() {
        let mut s = Account::recommended(embedded().by_id("centurylink").unwrap(), None).to_settings();
        s.email = "a&b<c>\"d'@exämple.com".into();
        s.incoming.username = "Jürgen & <Söhne> \"quoted\" 日本".into();
        s.outgoing.username = s.incoming.username.clone();
        let account = Account::from_settings(&s, None).unwrap();
        let top = parse(&profile(&account, "s").unwrap());
        let mail = mail_payload(&top);
        assert_eq!(string(&mail, "EmailAddress"), Some(s.email.as_str()));
        assert_eq!(
            string(&mail, "IncomingMailServerUsername"),
            Some(s.incoming.username.as_str())
        );
        assert_eq!(
            string(&top, "PayloadDisplayName").map(|n| n.contains(&s.email)),
            Some(true)
        );
    }

    #[test]
    fn oauth_only_accounts_cannot_be_profiles_and_oauth_with_app_passwords_uses_a_password() {
        let outlook = Account::recommended(embedded().by_id("outlook").unwrap(), Some("jane@outlook.com"));
        assert_eq!(
            profile(&outlook, "s"),
            Err(ExportError::NeedsOAuth2(Format::Mobileconfig))
        );
        let gmail = Account::recommended(embedded().by_id("gmail").unwrap(), Some("jane@gmail.com"));
        let mail = mail_payload(&parse(&profile(&gmail, "s").unwrap()));
        assert_eq!(
            string(&mail, "IncomingMailServerAuthentication"),
            Some("EmailAuthPassword")
        );
    }

    #[test]
    fn no_password_anywhere() {
        for p in embedded().records() {
            let account = Account::recommended(p, Some("jane.password@example.com"));
            let Ok(xml) = profile(&account, "s") else { continue };
            let mail = mail_payload(&parse(&xml));
            for key in mail.keys() {
                assert!(
                    !key.contains("Password") || key == "OutgoingPasswordSameAsIncomingPassword",
                    "{}: {key}",
                    p.id
                );
            }
        }
    }

    #[test]
    fn uuids_are_unique_per_payload_and_salt_and_stable_otherwise() {
        let account = Account::recommended(embedded().by_id("centurylink").unwrap(), Some("jane@q.com"));
        let uuids = |salt: &str| {
            let top = parse(&profile(&account, salt).unwrap());
            let mail = mail_payload(&top);
            (
                string(&top, "PayloadUUID").unwrap().to_owned(),
                string(&mail, "PayloadUUID").unwrap().to_owned(),
            )
        };
        let (profile_a, mail_a) = uuids("2026-11-26T10:00:00Z");
        assert_ne!(profile_a, mail_a);
        assert_eq!(uuids("2026-11-26T10:00:00Z"), (profile_a.clone(), mail_a.clone()));
        let (profile_b, mail_b) = uuids("2026-11-26T10:00:01Z");
        assert_ne!(profile_a, profile_b);
        assert_ne!(mail_a, mail_b);
        for u in [&profile_a, &mail_a] {
            let groups: Vec<usize> = u.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{u}");
            assert!(u.chars().all(|c| c == '-' || c.is_ascii_hexdigit()), "{u}");
            assert_eq!(u.as_bytes()[14], b'8', "version 8: {u}");
            assert!(
                matches!(u.as_bytes()[19], b'8' | b'9' | b'A' | b'B'),
                "RFC variant: {u}"
            );
        }
    }

    #[test]
    fn identifier_follows_the_address_not_the_servers() {
        let mut s = Account::recommended(embedded().by_id("centurylink").unwrap(), Some("jane@q.com")).to_settings();
        let id = |s: &Settings| {
            string(
                &parse(&profile(&Account::from_settings(s, None).unwrap(), "x").unwrap()),
                "PayloadIdentifier",
            )
            .unwrap()
            .to_owned()
        };
        let before = id(&s);
        s.incoming.host = "mail.centurylink.net".into();
        assert_eq!(id(&s), before, "a corrected profile replaces the old one");
        s.email = "john@q.com".into();
        assert_ne!(id(&s), before);
    }

    #[test]
    fn hash_separates_parts() {
        assert_ne!(hash(&["ab", "c"]), hash(&["a", "bc"]));
        assert_ne!(hash(&[""]), hash(&[]));
    }
}
