//! Encryption errors: TLS spoken to a plain port, untrusted, misnamed and expired certificates, and
//! certificates issued by antivirus programs that scan mail.
//!
//! The phrases are those of OpenSSL (`wrong version number`, `self signed certificate`), NSS as in
//! Thunderbird (`SSL_ERROR_BAD_CERT_DOMAIN`, `SEC_ERROR_UNKNOWN_ISSUER`), Node.js, Windows and Outlook
//! ("The target principal name is incorrect"), Apple Mail ("Cannot Verify Server Identity") and Java's
//! exceptions as Android mail apps show them (`CertPathValidatorException: Trust anchor for certification path
//! not found.`, `SSLPeerUnverifiedException`; crates/engine/texts/phrases.toml names the sources).

use super::text::Text;
use super::{
    CauseCode::{TlsNameMismatch, TlsNotOffered},
    Scan,
};

/// Antivirus makers whose mail scanning replaces the server's certificate with its own.
const PRODUCTS: [&str; 6] = ["avast", "avg", "kaspersky", "eset", "bitdefender", "norton"];

pub(super) fn scan(t: &Text, s: &mut Scan) {
    if PRODUCTS.iter().any(|p| t.has_word(p)) {
        s.security_product = true;
    }
    // "Does not support" with encryption in the same text, in the words of apps the phrase rules do not
    // quote: the AOSP Email app's "TLS required but not supported by server", Outlook's "does not support the
    // connection encryption type" (0x800CCC1A, which its own rule ranks above this) and "The server does not
    // support secure connections", as reported in issue 14.
    let encryption = t.has_any(&ENCRYPTION) || ENCRYPTION_WORDS.iter().any(|w| t.has_word(w));
    if encryption && t.has(NOT_SUPPORTED) {
        s.hit(TlsNotOffered, 80);
    }
    if hostname_not_verified(t) {
        s.hit(TlsNameMismatch, 90);
    }
}

/// OkHttp, the HTTP client of many Android apps (square/okhttp, ConnectPlan.kt): "javax.net.ssl.
/// SSLPeerUnverifiedException: Hostname mail.example.com not verified:", the host name between the words.
fn hostname_not_verified(t: &Text) -> bool {
    let text = t.as_str();
    text.match_indices(HOSTNAME).any(|(at, _)| {
        let host_and_rest = text[at + HOSTNAME.len()..].strip_prefix(' ');
        host_and_rest
            .and_then(|rest| rest.split_once(' '))
            .is_some_and(|(_, after)| after.starts_with(NOT_VERIFIED))
    })
}

const ENCRYPTION: [&str; 2] = ["secure connection", "encryption"];
const ENCRYPTION_WORDS: [&str; 3] = ["ssl", "tls", "starttls"];
const NOT_SUPPORTED: &str = "not support";
const HOSTNAME: &str = "hostname";
const NOT_VERIFIED: &str = "not verified";

#[cfg(test)]
pub(super) fn phrases() -> impl Iterator<Item = &'static str> {
    PRODUCTS
        .into_iter()
        .chain(ENCRYPTION)
        .chain(ENCRYPTION_WORDS)
        .chain([NOT_SUPPORTED, HOSTNAME, NOT_VERIFIED])
}
