//! Encryption errors: TLS spoken to a plain port, untrusted, misnamed and expired certificates, and
//! certificates issued by antivirus programs that scan mail.
//!
//! The phrases are those of OpenSSL (`wrong version number`, `self signed certificate`), NSS as in
//! Thunderbird (`SSL_ERROR_BAD_CERT_DOMAIN`, `SEC_ERROR_UNKNOWN_ISSUER`), Node.js, Windows and Outlook
//! ("The target principal name is incorrect") and Apple Mail ("Cannot Verify Server Identity").

use super::text::Text;
use super::Scan;

/// Antivirus makers whose mail scanning replaces the server's certificate with its own.
const PRODUCTS: [&str; 6] = ["avast", "avg", "kaspersky", "eset", "bitdefender", "norton"];

pub(super) fn scan(t: &Text, s: &mut Scan) {
    if PRODUCTS.iter().any(|p| t.has_word(p)) {
        s.security_product = true;
    }
}

#[cfg(test)]
pub(super) fn phrases() -> impl Iterator<Item = &'static str> {
    PRODUCTS.into_iter()
}
