//! What a probe reports: the request, each step as it finished, the findings (stable `probe.*` codes that
//! the engine's catalog explains in plain language), and a verdict. Serialized as JSON for the API and
//! `mailcheck probe --json`; the stream format is described in docs/probe.md.

use mailcheck_engine::model::by_id;
use mailcheck_engine::{Protocol, Security, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};

/// What to probe, as the API and the command line take it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub host: String,
    pub port: u16,
    #[serde(with = "protocol_id")]
    pub protocol: Protocol,
    #[serde(with = "security_id")]
    pub security: Security,
}

/// The steps, in the order they run. `tls` and `capabilities` appear twice with STARTTLS, and
/// `injection-test` follows `quit` then.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepName {
    /// Host name and port are acceptable.
    Validate,
    Resolve,
    /// Every resolved address is checked against the deny list.
    Check,
    Connect,
    Tls,
    Greeting,
    Capabilities,
    Starttls,
    Quit,
    /// After a successful STARTTLS probe: a second connection checks that the server ignores a command sent
    /// in plain text right behind STARTTLS (CVE-2011-0411).
    InjectionTest,
}

impl StepName {
    pub fn id(self) -> &'static str {
        match self {
            StepName::Validate => "validate",
            StepName::Resolve => "resolve",
            StepName::Check => "check",
            StepName::Connect => "connect",
            StepName::Tls => "tls",
            StepName::Greeting => "greeting",
            StepName::Capabilities => "capabilities",
            StepName::Starttls => "starttls",
            StepName::Quit => "quit",
            StepName::InjectionTest => "injection-test",
        }
    }
}

/// How a step went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Ok,
    /// Done, with something worth a warning (e.g. an untrusted certificate).
    Warning,
    Failed,
}

/// One finished step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub name: StepName,
    pub outcome: Outcome,
    /// How long the step took, in milliseconds.
    pub ms: u64,
    /// The technical reason a step failed (an OS or TLS error text), for experts; findings carry the plain
    /// language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Detail>,
}

/// What a step learned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Detail {
    /// Resolved (or checked) addresses.
    Addresses(Vec<IpAddr>),
    /// The address the connection was made to.
    Connected(SocketAddr),
    Tls(TlsInfo),
    /// The server's reply lines, as text (non-text bytes replaced).
    Reply(Vec<String>),
    Capabilities(Capabilities),
}

/// The negotiated TLS session and the server's certificate.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TlsInfo {
    /// e.g. `TLS 1.3`.
    pub version: String,
    /// e.g. `TLS13_AES_256_GCM_SHA384`.
    pub cipher: String,
    /// How many certificates the server sent.
    pub chain_length: usize,
    pub certificate: Option<CertInfo>,
}

/// The server's certificate and the result of verifying it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CertInfo {
    pub subject: String,
    /// Subject alternative names (DNS names and IP addresses).
    pub names: Vec<String>,
    pub issuer: String,
    /// RFC 3339.
    pub not_before: String,
    pub not_after: String,
    #[serde(skip)]
    pub not_before_unix: i64,
    #[serde(skip)]
    pub not_after_unix: i64,
    /// The chain leads to a trusted root (Mozilla's list), judged apart from the dates.
    pub trusted: bool,
    /// Why the chain is not trusted, as webpki says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust_error: Option<String>,
    /// The certificate is valid for the host name that was probed.
    pub name_matches: bool,
    pub expired: bool,
    pub not_yet_valid: bool,
}

/// What the server says it can do.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capabilities {
    /// Whether the connection was encrypted when the server said this.
    pub encrypted: bool,
    /// The capabilities as listed (SMTP EHLO keywords, IMAP CAPABILITY, POP3 CAPA).
    pub list: Vec<String>,
    /// STARTTLS (or POP3 STLS) is offered.
    pub starttls: bool,
    /// Advertised SASL mechanisms, upper case.
    pub auth: Vec<String>,
    /// A password could be sent now (LOGIN, USER or AUTH PLAIN/LOGIN available).
    pub accepts_passwords: bool,
}

/// Stable finding codes. The engine's `catalog::probe` holds the plain-language text of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    BadHost,
    NumericHost,
    PortNotAllowed,
    ResolveFailed,
    DeniedAddress,
    TargetBusy,
    Refused,
    Unreachable,
    Timeout,
    SlowReply,
    Closed,
    LineTooLong,
    TooMuchData,
    BadReply,
    WrongProtocol,
    TlsOnPlainPort,
    PlainOnTlsPort,
    TlsFailed,
    TlsTooOld,
    CertUntrusted,
    CertNameMismatch,
    CertExpired,
    CertNotYetValid,
    GreetingRefused,
    Preauth,
    StarttlsMissing,
    StarttlsAvailable,
    StarttlsRefused,
    StarttlsInjection,
    StarttlsCommandInjection,
    AuthBeforeTls,
    LoginNeedsTls,
    CommandRefused,
}

impl Code {
    pub const ALL: [Code; 33] = [
        Code::BadHost,
        Code::NumericHost,
        Code::PortNotAllowed,
        Code::ResolveFailed,
        Code::DeniedAddress,
        Code::TargetBusy,
        Code::Refused,
        Code::Unreachable,
        Code::Timeout,
        Code::SlowReply,
        Code::Closed,
        Code::LineTooLong,
        Code::TooMuchData,
        Code::BadReply,
        Code::WrongProtocol,
        Code::TlsOnPlainPort,
        Code::PlainOnTlsPort,
        Code::TlsFailed,
        Code::TlsTooOld,
        Code::CertUntrusted,
        Code::CertNameMismatch,
        Code::CertExpired,
        Code::CertNotYetValid,
        Code::GreetingRefused,
        Code::Preauth,
        Code::StarttlsMissing,
        Code::StarttlsAvailable,
        Code::StarttlsRefused,
        Code::StarttlsInjection,
        Code::StarttlsCommandInjection,
        Code::AuthBeforeTls,
        Code::LoginNeedsTls,
        Code::CommandRefused,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Code::BadHost => "probe.bad-host",
            Code::NumericHost => "probe.numeric-host",
            Code::PortNotAllowed => "probe.port-not-allowed",
            Code::ResolveFailed => "probe.resolve-failed",
            Code::DeniedAddress => "probe.denied-address",
            Code::TargetBusy => "probe.target-busy",
            Code::Refused => "probe.refused",
            Code::Unreachable => "probe.unreachable",
            Code::Timeout => "probe.timeout",
            Code::SlowReply => "probe.slow-reply",
            Code::Closed => "probe.closed",
            Code::LineTooLong => "probe.line-too-long",
            Code::TooMuchData => "probe.too-much-data",
            Code::BadReply => "probe.bad-reply",
            Code::WrongProtocol => "probe.wrong-protocol",
            Code::TlsOnPlainPort => "probe.tls-on-plain-port",
            Code::PlainOnTlsPort => "probe.plain-on-tls-port",
            Code::TlsFailed => "probe.tls-failed",
            Code::TlsTooOld => "probe.tls-too-old",
            Code::CertUntrusted => "probe.cert-untrusted",
            Code::CertNameMismatch => "probe.cert-name-mismatch",
            Code::CertExpired => "probe.cert-expired",
            Code::CertNotYetValid => "probe.cert-not-yet-valid",
            Code::GreetingRefused => "probe.greeting-refused",
            Code::Preauth => "probe.preauth",
            Code::StarttlsMissing => "probe.starttls-missing",
            Code::StarttlsAvailable => "probe.starttls-available",
            Code::StarttlsRefused => "probe.starttls-refused",
            Code::StarttlsInjection => "probe.starttls-injection",
            Code::StarttlsCommandInjection => "probe.starttls-command-injection",
            Code::AuthBeforeTls => "probe.auth-before-tls",
            Code::LoginNeedsTls => "probe.login-needs-tls",
            Code::CommandRefused => "probe.command-refused",
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = String::deserialize(d)?;
        by_id(&Code::ALL, Code::id, &id).ok_or_else(|| serde::de::Error::custom(format!("unknown finding code {id}")))
    }
}

/// Something the probe found, with the step it was found in, parameters for the catalog text, and that text
/// filled in: the app shows `title`, `why` and `fix` as they are, so the browser needs no copy of the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub step: StepName,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub fix: String,
}

impl Finding {
    /// A finding with its explanation from the engine's catalog.
    pub fn new(code: Code, severity: Severity, step: StepName, params: BTreeMap<String, String>) -> Finding {
        let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let text = mailcheck_engine::catalog::probe::explain(code.id(), &pairs).unwrap_or_default();
        Finding {
            code,
            severity,
            step,
            params,
            title: text.title,
            why: text.why,
            fix: text.fix,
        }
    }
}

/// The overall result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Everything worked as configured.
    Ok,
    /// It works, with warnings.
    Warnings,
    /// It does not work as configured (or the probe refused to try).
    Failed,
}

/// The whole report: the last line of the stream and the output of `mailcheck probe --json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub request: Request,
    pub steps: Vec<Step>,
    pub findings: Vec<Finding>,
    pub verdict: Verdict,
    /// The whole probe, in milliseconds.
    pub ms: u64,
    /// The conversation, `C: ` for what the probe sent and `S: ` for what the server sent (shortened).
    pub transcript: Vec<String>,
}

impl Report {
    /// The verdict the findings add up to: any error fails, any warning warns.
    pub fn verdict_of(findings: &[Finding]) -> Verdict {
        if findings.iter().any(|f| f.severity == Severity::Error) {
            Verdict::Failed
        } else if findings.iter().any(|f| f.severity == Severity::Warning) {
            Verdict::Warnings
        } else {
            Verdict::Ok
        }
    }

    /// Whether a finding with this code is present (used by tests and the command line).
    pub fn has(&self, code: Code) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }
}

/// One line of the NDJSON stream: each step as it finishes, then the whole report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Event {
    Step(Step),
    Report(Report),
}

/// `imap`, `pop3`, `smtp`, as the engine names them.
mod protocol_id {
    use mailcheck_engine::model::by_id;
    use mailcheck_engine::Protocol;
    use serde::{Deserialize, Deserializer, Serializer};

    const ALL: [Protocol; 3] = [Protocol::Imap, Protocol::Pop3, Protocol::Smtp];

    pub fn serialize<S: Serializer>(p: &Protocol, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(p.id())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Protocol, D::Error> {
        let id = String::deserialize(d)?;
        by_id(&ALL, Protocol::id, &id).ok_or_else(|| serde::de::Error::custom("protocol must be imap, pop3 or smtp"))
    }
}

/// `tls`, `starttls`, `none`, as the engine names them.
mod security_id {
    use mailcheck_engine::model::by_id;
    use mailcheck_engine::Security;
    use serde::{Deserialize, Deserializer, Serializer};

    const ALL: [Security; 3] = [Security::Tls, Security::Starttls, Security::None];

    pub fn serialize<S: Serializer>(p: &Security, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(p.id())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Security, D::Error> {
        let id = String::deserialize(d)?;
        by_id(&ALL, Security::id, &id).ok_or_else(|| serde::de::Error::custom("security must be tls, starttls or none"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_parse_from_the_documented_json() {
        let r: Request =
            serde_json::from_str(r#"{"host":"imap.example.com","port":993,"protocol":"imap","security":"tls"}"#)
                .unwrap();
        assert_eq!(r.protocol, Protocol::Imap);
        assert_eq!(r.security, Security::Tls);
        for bad in [
            r#"{"host":"h","port":993,"protocol":"http","security":"tls"}"#,
            r#"{"host":"h","port":993,"protocol":"imap","security":"ssl"}"#,
            r#"{"host":"h","port":70000,"protocol":"imap","security":"tls"}"#,
            r#"{"host":"h","port":993,"protocol":"imap","security":"tls","password":"x"}"#,
            r#"{"host":"h","port":993,"protocol":"imap"}"#,
        ] {
            assert!(serde_json::from_str::<Request>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn codes_round_trip_and_are_unique() {
        let ids: std::collections::BTreeSet<_> = Code::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        for code in Code::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
        }
    }

    #[test]
    fn findings_carry_their_text_filled_in() {
        let params = BTreeMap::from([("port".to_owned(), "993".to_owned())]);
        let f = Finding::new(Code::Refused, Severity::Error, StepName::Connect, params);
        let text = mailcheck_engine::catalog::probe::text("probe.refused").unwrap();
        assert_eq!(f.title, text.title);
        assert!(!f.why.is_empty() && !f.fix.is_empty());
        assert!(!f.why.contains("{port}") && !f.fix.contains("{port}"), "{f:?}");
    }

    #[test]
    fn every_code_has_a_plain_language_text_in_the_engine() {
        for code in Code::ALL {
            assert!(
                mailcheck_engine::catalog::probe::text(code.id()).is_some(),
                "{}",
                code.id()
            );
        }
    }

    #[test]
    fn the_verdict_follows_the_worst_finding() {
        let f = |severity| Finding::new(Code::Closed, severity, StepName::Quit, BTreeMap::new());
        assert_eq!(Report::verdict_of(&[]), Verdict::Ok);
        assert_eq!(Report::verdict_of(&[f(Severity::Info)]), Verdict::Ok);
        assert_eq!(
            Report::verdict_of(&[f(Severity::Info), f(Severity::Warning)]),
            Verdict::Warnings
        );
        assert_eq!(
            Report::verdict_of(&[f(Severity::Warning), f(Severity::Error)]),
            Verdict::Failed
        );
    }

    proptest::proptest! {
        #[test]
        fn any_json_is_parsed_or_rejected_without_panicking(raw in "\\PC{0,200}") {
            let _ = serde_json::from_str::<Request>(&raw);
        }
    }
}
