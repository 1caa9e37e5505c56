//! Encryption errors: TLS spoken to a plain port, untrusted, misnamed and expired certificates, and
//! certificates issued by antivirus programs that scan mail.
//!
//! The phrases are those of OpenSSL (`wrong version number`, `self signed certificate`), NSS as in
//! Thunderbird (`SSL_ERROR_BAD_CERT_DOMAIN`, `SEC_ERROR_UNKNOWN_ISSUER`), Node.js, Windows and Outlook
//! ("The target principal name is incorrect") and Apple Mail ("Cannot Verify Server Identity").

use super::text::Text;
use super::{apply, CauseCode::*, Rule, Scan};

const RULES: [Rule; 9] = [
    Rule {
        cause: TlsWrongVersion,
        weight: 90,
        phrases: &[
            "wrong version number",
            "wrong_version_number",
            "ssl_error_rx_record_too_long",
            "tls_validate_record_header",
            // Outlook.
            "does not support the connection encryption type",
        ],
    },
    Rule {
        cause: TlsWrongVersion,
        weight: 75,
        phrases: &["unknown protocol", "packet length too long"],
    },
    // The certificate names of antivirus mail and web shields, as they appear as the issuer.
    Rule {
        cause: TlsInterception,
        weight: 95,
        phrases: &[
            "web/mail shield",
            "kaspersky anti-virus personal root",
            "eset ssl filter",
            "bitdefender personal ca",
            "for ssl/tls scanning",
        ],
    },
    Rule {
        cause: TlsNameMismatch,
        weight: 90,
        phrases: &[
            "hostname mismatch",
            "host name mismatch",
            "name mismatch",
            "certificate mismatch",
            "target principal name is incorrect",
            "ssl_error_bad_cert_domain",
            "does not match certificate",
            "does not match the certificate",
            "err_tls_cert_altname_invalid",
            "name on the security certificate is invalid",
        ],
    },
    Rule {
        cause: TlsExpired,
        weight: 90,
        phrases: &[
            "certificate has expired",
            "certificate expired",
            "cert_has_expired",
            "certificate_expired",
            "sec_error_expired_certificate",
            "expired certificate",
            "not within its validity period",
            "certificate is not yet valid",
        ],
    },
    Rule {
        cause: TlsUntrusted,
        weight: 85,
        phrases: &[
            "self signed",
            "self-signed",
            "self_signed",
            "unable to get local issuer",
            "alert unknown ca",
            "unknown_ca",
            "sec_error_unknown_issuer",
            "unknownissuer",
            "unknown issuer",
            "untrusted root",
            "authority that is not trusted",
            "certificate is not trusted",
            "unable to verify the first certificate",
        ],
    },
    // General certificate complaints: any of the specific causes above may be behind them.
    Rule {
        cause: TlsUntrusted,
        weight: 70,
        phrases: &[
            "certificate verify failed",
            "certificate_verify_failed",
            "certificate that cannot be verified",
            "certificate that could not be verified",
            "cannot verify server identity",
            "invalid certificate",
            "certificate is invalid",
            "certificate for this server is invalid",
        ],
    },
    Rule {
        cause: TlsHandshake,
        weight: 65,
        phrases: &[
            "handshake failure",
            "handshake failed",
            "handshake_failure",
            "sslv3 alert",
            "tlsv1 alert",
            "unsupported protocol",
            "no protocols available",
            "no shared cipher",
            "unable to establish tls",
            "unable to establish a secure",
            "could not establish a secure",
            "secure connection failed",
        ],
    },
    Rule {
        cause: TlsHandshake,
        weight: 55,
        phrases: &["ssl handshake", "tls handshake", "ssl error"],
    },
];

/// Antivirus makers whose mail scanning replaces the server's certificate with its own.
const PRODUCTS: [&str; 6] = ["avast", "avg", "kaspersky", "eset", "bitdefender", "norton"];

pub(super) fn scan(t: &Text, s: &mut Scan) {
    apply(&RULES, t, s);
    if PRODUCTS.iter().any(|p| t.has_word(p)) {
        s.security_product = true;
    }
}

#[cfg(test)]
pub(super) fn phrases() -> impl Iterator<Item = &'static str> {
    RULES.iter().flat_map(|r| r.phrases.iter().copied()).chain(PRODUCTS)
}
