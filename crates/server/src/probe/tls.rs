//! TLS for the probe: a handshake that accepts any certificate, followed by our own verification with
//! webpki, so that a bad certificate becomes a finding (and the rest of the probe still runs) instead of an
//! aborted handshake. Signatures in the handshake are still checked: the server must hold the key of the
//! certificate it shows.

use super::report::{CertInfo, TlsInfo};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{verify_server_cert_signed_by_trust_anchor, verify_server_name};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{CertificateError, ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

/// The client side of TLS, built once and shared by every probe.
#[derive(Clone)]
pub struct Tls {
    connector: TlsConnector,
    roots: Arc<RootCertStore>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tls {{ {} trust anchors }}", self.roots.roots.len())
    }
}

/// How a handshake failed, with the first bytes the server sent (to tell a plain-text greeting or an HTTP
/// answer from a genuine TLS problem).
#[derive(Debug)]
pub struct HandshakeError {
    pub timed_out: bool,
    pub message: String,
    pub received: Vec<u8>,
    /// The server wants a TLS version older than 1.2 (which rustls, like current mail programs, refuses):
    /// the version its ServerHello named, or a general description when it only said "protocol version".
    pub too_old: Option<&'static str>,
    /// The server hung up on our hello without a byte, not even an alert. Some servers that know nothing
    /// newer than TLS 1.1 do that with a hello they cannot read, but so does a server that is broken in
    /// any other way: by itself it is no evidence of an old version ([`old_version`] asks for that).
    pub hung_up: bool,
}

impl Tls {
    /// Trusts the Mozilla roots from `webpki-roots`, plus `extra_roots` (tests use a CA made with rcgen).
    /// Fails only if the crypto provider lacks TLS 1.2 and 1.3, which `ring` has.
    pub fn new(extra_roots: &[CertificateDer<'static>]) -> Result<Tls, rustls::Error> {
        let mut roots = RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        roots.add_parsable_certificates(extra_roots.iter().cloned());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let algorithms = provider.signature_verification_algorithms;
        let verifier = Arc::new(CheckLater { algorithms });
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        Ok(Tls {
            connector: TlsConnector::from(Arc::new(config)),
            roots: Arc::new(roots),
            algorithms,
        })
    }

    /// Runs a handshake over `tcp` to `peer` with `host` as SNI (no SNI for an IP address), then verifies
    /// what the server showed. The handshake as a whole must finish within `limit`.
    pub async fn handshake(
        &self,
        host: &str,
        peer: IpAddr,
        tcp: TcpStream,
        limit: Duration,
    ) -> Result<(TlsStream<Sniff>, TlsInfo), HandshakeError> {
        let name = server_name(host, peer);
        let connecting = self.connector.connect(name.clone(), Sniff::new(tcp)).into_fallible();
        match tokio::time::timeout(limit, connecting).await {
            Ok(Ok(stream)) => {
                let info = self.inspect(stream.get_ref().1, &name);
                Ok((stream, info))
            }
            Ok(Err((e, sniff))) => Err(HandshakeError {
                timed_out: false,
                message: e.to_string(),
                too_old: too_old(&e, &sniff.received),
                hung_up: e.kind() == io::ErrorKind::UnexpectedEof && sniff.received.is_empty(),
                received: sniff.received,
            }),
            Err(_) => Err(HandshakeError {
                timed_out: true,
                message: format!("no TLS handshake within {} s", limit.as_secs_f32()),
                received: Vec::new(),
                too_old: None,
                hung_up: false,
            }),
        }
    }

    fn inspect(&self, conn: &ClientConnection, name: &ServerName<'static>) -> TlsInfo {
        let chain = conn.peer_certificates().unwrap_or_default();
        TlsInfo {
            version: conn
                .protocol_version()
                .map(|v| format!("{v:?}").replace("TLSv1_", "TLS 1."))
                .unwrap_or_default(),
            cipher: conn
                .negotiated_cipher_suite()
                .map(|s| format!("{:?}", s.suite()))
                .unwrap_or_default(),
            chain_length: chain.len(),
            certificate: chain.split_first().map(|(leaf, rest)| self.check(leaf, rest, name)),
        }
    }

    /// Describes and verifies the server's certificate: chain to a trusted root, name, and dates, each
    /// recorded separately.
    fn check(
        &self,
        leaf: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        name: &ServerName<'_>,
    ) -> CertInfo {
        let mut info = describe(leaf);
        let parsed = match ParsedCertificate::try_from(leaf) {
            Ok(p) => p,
            Err(e) => {
                info.trust_error = Some(e.to_string());
                return info;
            }
        };
        info.name_matches = verify_server_name(&parsed, name).is_ok();
        let now = UnixTime::now();
        let verify = |at: UnixTime| {
            verify_server_cert_signed_by_trust_anchor(&parsed, &self.roots, intermediates, at, self.algorithms.all)
        };
        // webpki checks dates before it looks for an issuer; to report trust and dates separately, a chain
        // that fails only on dates is checked again at a moment inside the certificate's validity.
        let result = match verify(now) {
            Err(rustls::Error::InvalidCertificate(e)) if is_date_error(&e) => {
                let inside = if info.expired {
                    info.not_after_unix - 1
                } else {
                    info.not_before_unix + 1
                };
                verify(UnixTime::since_unix_epoch(Duration::from_secs(
                    inside.max(0).unsigned_abs(),
                )))
            }
            other => other,
        };
        info.trusted = result.is_ok();
        info.trust_error = result.err().map(|e| e.to_string());
        info
    }
}

/// Whether `bytes` start like a TLS record: a content type of TLS 1.0 to 1.3 (change cipher spec, alert,
/// handshake, application data, heartbeat) and major version 3. Anything else a server sends where TLS must
/// begin is plain text.
pub fn looks_like_tls(bytes: &[u8]) -> bool {
    matches!(bytes, [0x14..=0x18, 0x03, ..])
}

/// The old TLS version a failed handshake ran into, if that is why it failed: the version in the server's
/// ServerHello (record type 22, handshake type 2, its version at byte 9), or the server's "protocol version"
/// alert, which it sends when it has no version in common with ours (1.2 and 1.3; OpenSSL does this), which
/// names no version ([`old_version`] then asks).
fn too_old(error: &io::Error, received: &[u8]) -> Option<&'static str> {
    let rustls_error = error.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>());
    let incompatible = matches!(
        rustls_error,
        Some(rustls::Error::PeerIncompatible(
            rustls::PeerIncompatible::ServerDoesNotSupportTls12Or13
        ))
    );
    let hello_version = match received {
        [0x16, _, _, _, _, 0x02, _, _, _, 0x03, minor, ..] => version_name(*minor),
        _ => None,
    };
    let refused_version = matches!(
        rustls_error,
        Some(rustls::Error::AlertReceived(rustls::AlertDescription::ProtocolVersion))
    );
    match (hello_version, incompatible || refused_version) {
        (Some(version), _) => Some(version),
        (None, true) => Some(OLDER_THAN_1_2),
        (None, false) => None,
    }
}

/// The version generic answer of [`too_old`], when the server's alert did not say which version it has.
pub const OLDER_THAN_1_2: &str = "a TLS version older than 1.2";

/// Which old version a server that refused TLS 1.2 and 1.3, or hung up on them, speaks: on `tcp`, a new
/// connection to it, a ClientHello that offers up to TLS 1.1 (written here: rustls has no such versions),
/// and the version of the ServerHello that answers it. Nothing is encrypted or sent after it; `None` if the
/// answer says no version (or there is none).
pub async fn old_version(mut tcp: TcpStream, host: &str, limit: Duration) -> Option<&'static str> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let ask = async {
        tcp.write_all(&old_client_hello(host)).await.ok()?;
        let mut head = [0u8; 11];
        tcp.read_exact(&mut head).await.ok()?;
        match head {
            [0x16, _, _, _, _, 0x02, _, _, _, 0x03, minor] => version_name(minor),
            _ => None,
        }
    };
    tokio::time::timeout(limit, ask).await.ok().flatten()
}

fn version_name(minor: u8) -> Option<&'static str> {
    match minor {
        0 => Some("SSL 3.0"),
        1 => Some("TLS 1.0"),
        2 => Some("TLS 1.1"),
        _ => None,
    }
}

/// A TLS 1.1 ClientHello (RFC 4346): the usual RSA and ECDHE-RSA CBC suites of that time, no compression,
/// and the server name (for a name, not an address) and the curves ECDHE needs as extensions.
fn old_client_hello(host: &str) -> Vec<u8> {
    let suites: [u16; 6] = [0xc013, 0xc014, 0xc009, 0xc00a, 0x002f, 0x0035];
    let mut body = vec![0x03, 0x02];
    body.extend(std::iter::repeat_n(0x2a, 32)); // "random": nothing is ever encrypted with it
    body.push(0); // no session id
    body.extend_from_slice(&u16::try_from(suites.len() * 2).unwrap_or(0).to_be_bytes());
    for suite in suites {
        body.extend_from_slice(&suite.to_be_bytes());
    }
    body.extend_from_slice(&[1, 0]); // compression: null only
    let mut extensions = Vec::new();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if bare.parse::<IpAddr>().is_err() && bare.len() < 256 {
        let name = bare.as_bytes();
        let len = |n: usize| u16::try_from(n).unwrap_or(0).to_be_bytes();
        extensions.extend_from_slice(&[0x00, 0x00]);
        extensions.extend_from_slice(&len(name.len() + 5));
        extensions.extend_from_slice(&len(name.len() + 3));
        extensions.push(0);
        extensions.extend_from_slice(&len(name.len()));
        extensions.extend_from_slice(name);
    }
    // supported groups: secp256r1, secp384r1; point formats: uncompressed.
    extensions.extend_from_slice(&[0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x17, 0x00, 0x18]);
    extensions.extend_from_slice(&[0x00, 0x0b, 0x00, 0x02, 0x01, 0x00]);
    body.extend_from_slice(&u16::try_from(extensions.len()).unwrap_or(0).to_be_bytes());
    body.extend_from_slice(&extensions);
    let body_len = u32::try_from(body.len()).unwrap_or(0).to_be_bytes();
    let mut handshake = vec![0x01, body_len[1], body_len[2], body_len[3]];
    handshake.extend_from_slice(&body);
    let mut record = vec![0x16, 0x03, 0x01];
    record.extend_from_slice(&u16::try_from(handshake.len()).unwrap_or(0).to_be_bytes());
    record.extend_from_slice(&handshake);
    record
}

fn is_date_error(e: &CertificateError) -> bool {
    matches!(
        e,
        CertificateError::Expired
            | CertificateError::ExpiredContext { .. }
            | CertificateError::NotValidYet
            | CertificateError::NotValidYetContext { .. }
    )
}

/// The SNI name: the host as given. An IP address is carried as such (rustls then sends no SNI); a name
/// rustls cannot take (none should reach here after `deny::parse_host`) falls back to the dialled address.
fn server_name(host: &str, peer: IpAddr) -> ServerName<'static> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    ServerName::try_from(bare.to_owned()).unwrap_or_else(|_| ServerName::IpAddress(peer.into()))
}

/// Subject, names, issuer and dates of a certificate, read with x509-parser.
fn describe(der: &CertificateDer<'_>) -> CertInfo {
    let mut info = CertInfo::default();
    let Ok((_, cert)) = x509_parser::parse_x509_certificate(der.as_ref()) else {
        info.trust_error = Some("the certificate cannot be parsed".into());
        return info;
    };
    info.subject = cert.subject().to_string();
    info.issuer = cert.issuer().to_string();
    if let Ok(Some(san)) = cert.subject_alternative_name() {
        info.names = san.value.general_names.iter().filter_map(general_name).collect();
    }
    let validity = cert.validity();
    info.not_before_unix = validity.not_before.timestamp();
    info.not_after_unix = validity.not_after.timestamp();
    info.not_before = rfc3339(validity.not_before.to_datetime());
    info.not_after = rfc3339(validity.not_after.to_datetime());
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    info.expired = now > info.not_after_unix;
    info.not_yet_valid = now < info.not_before_unix;
    info
}

fn general_name(name: &x509_parser::extensions::GeneralName<'_>) -> Option<String> {
    use x509_parser::extensions::GeneralName;
    match name {
        GeneralName::DNSName(dns) => Some((*dns).to_owned()),
        GeneralName::IPAddress(bytes) => match bytes.len() {
            4 => <[u8; 4]>::try_from(*bytes)
                .ok()
                .map(|b| std::net::Ipv4Addr::from(b).to_string()),
            16 => <[u8; 16]>::try_from(*bytes)
                .ok()
                .map(|b| std::net::Ipv6Addr::from(b).to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Accepts any certificate during the handshake (it is verified afterwards by [`Tls::check`]) but checks
/// the handshake signatures properly.
#[derive(Debug)]
struct CheckLater {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for CheckLater {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// A TCP stream that keeps a copy of the first bytes it reads, so a failed handshake can say what the server
/// sent instead (a mail greeting, an HTTP response).
#[derive(Debug)]
pub struct Sniff {
    tcp: TcpStream,
    received: Vec<u8>,
}

/// How many bytes [`Sniff`] keeps.
const SNIFF_BYTES: usize = 256;

impl Sniff {
    fn new(tcp: TcpStream) -> Sniff {
        Sniff {
            tcp,
            received: Vec::new(),
        }
    }
}

impl AsyncRead for Sniff {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.tcp).poll_read(cx, buf);
        let room = SNIFF_BYTES.saturating_sub(self.received.len());
        if room > 0 {
            let new = buf.filled().get(before..).unwrap_or_default();
            let keep = new.len().min(room);
            let copy = new.get(..keep).unwrap_or_default().to_vec();
            self.received.extend_from_slice(&copy);
        }
        polled
    }
}

impl AsyncWrite for Sniff {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.tcp).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.tcp).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.tcp).poll_shutdown(cx)
    }
}
