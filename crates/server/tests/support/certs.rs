//! Test certificates made with rcgen: a test CA the probe is told to trust, and server certificates that
//! are fine, self-signed, expired, not yet valid, for the wrong name, or from an unknown CA.

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::sync::{Arc, OnceLock};
use time::{Duration, OffsetDateTime};

pub type Ca = CertifiedIssuer<'static, KeyPair>;

fn new_ca(name: &str) -> Ca {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap()
}

/// The CA the probe trusts in tests (one per test process).
pub fn test_ca() -> &'static Ca {
    static CA: OnceLock<Ca> = OnceLock::new();
    CA.get_or_init(|| new_ca("mailcheck test CA"))
}

/// A CA nobody trusts.
pub fn unknown_ca() -> &'static Ca {
    static CA: OnceLock<Ca> = OnceLock::new();
    CA.get_or_init(|| new_ca("Unknown test CA"))
}

/// A server certificate with its key.
pub struct Leaf {
    pub cert: CertificateDer<'static>,
    pub cert_pem: String,
    pub key: KeyPair,
}

impl Leaf {
    pub fn key_der(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::try_from(self.key.serialize_der()).unwrap()
    }

    /// A rustls server configuration presenting this certificate (ring provider, TLS 1.2 and 1.3).
    pub fn server_config(&self) -> Arc<rustls::ServerConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![self.cert.clone()], self.key_der())
            .unwrap();
        Arc::new(config)
    }
}

/// Which certificate a test server shows.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// For localhost, 127.0.0.1 and 127.0.0.2, from the test CA, valid now.
    Good,
    SelfSigned,
    Expired,
    NotYetValid,
    WrongName,
    UnknownCa,
}

pub fn leaf(kind: Kind) -> Leaf {
    let names = match kind {
        Kind::WrongName => vec!["mail.other.invalid".to_owned()],
        _ => vec!["localhost".to_owned(), "127.0.0.1".to_owned(), "127.0.0.2".to_owned()],
    };
    let mut params = CertificateParams::new(names).unwrap();
    params.distinguished_name.push(DnType::CommonName, "localhost");
    let now = OffsetDateTime::now_utc();
    (params.not_before, params.not_after) = match kind {
        Kind::Expired => (now - Duration::days(30), now - Duration::days(1)),
        Kind::NotYetValid => (now + Duration::days(1), now + Duration::days(30)),
        _ => (now - Duration::days(1), now + Duration::days(30)),
    };
    let key = KeyPair::generate().unwrap();
    let cert = match kind {
        Kind::SelfSigned => params.self_signed(&key).unwrap(),
        Kind::UnknownCa => params.signed_by(&key, unknown_ca()).unwrap(),
        _ => params.signed_by(&key, test_ca()).unwrap(),
    };
    Leaf {
        cert: cert.der().clone(),
        cert_pem: cert.pem(),
        key,
    }
}

/// A server certificate from the test CA, valid now, for exactly these names.
pub fn leaf_for(names: &[&str]) -> Leaf {
    let mut params = CertificateParams::new(names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>()).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, names.first().copied().unwrap_or("test"));
    let now = OffsetDateTime::now_utc();
    (params.not_before, params.not_after) = (now - Duration::days(1), now + Duration::days(30));
    let key = KeyPair::generate().unwrap();
    let cert = params.signed_by(&key, test_ca()).unwrap();
    Leaf {
        cert: cert.der().clone(),
        cert_pem: cert.pem(),
        key,
    }
}
