//! One probe, from request to report: the steps in order, each recorded (and streamed) as it finishes,
//! with findings along the way. Whatever happens, the result is a report: errors are findings, and when
//! the whole probe's time runs out the report so far is returned.

use super::dialogue::{Dialogue, DialogueError, Greeting, Upgrade};
use super::limits::Limits;
use super::report::{Capabilities, Code, Detail, Finding, Outcome, Report, Request, Step, StepName, TlsInfo};
use super::tls::{looks_like_tls, HandshakeError, Sniff, Tls};
use super::wire::{Stream, Transcript, Wire, WireError};
use crate::dns::{self, Checked, ResolveError, Resolver};
use crate::guard::admission::RateLimit;
use crate::guard::deny::{self, BadHost, Host};
use crate::guard::dial::{self, ConnectError};
use mailcheck_engine::{Security, Severity};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;
use tokio::net::TcpStream;
use tokio::sync::mpsc::UnboundedSender;
use tokio_rustls::client::TlsStream;

/// Everything a probe needs besides the request.
#[derive(Clone, Debug)]
pub struct Config {
    pub limits: Limits,
    /// Allow loopback, private and other non-public addresses (tests and local use only).
    pub allow_private_targets: bool,
    /// Allow any port, not just the mail ports (tests and local use only).
    pub allow_any_port: bool,
    /// Addresses allowed although the deny list refuses them: tests only (their fake servers on one
    /// loopback address, while every other private address is still refused).
    pub allowed_addresses: Vec<IpAddr>,
    pub tls: Tls,
    /// The per-target rate limit (the API sets one; the command line does not).
    pub targets: Option<Arc<RateLimit>>,
    /// Where host names are looked up (the system's resolver unless told otherwise).
    pub resolver: Arc<Resolver>,
}

impl Config {
    /// The safe defaults: public targets on mail ports only, the default limits, Mozilla's roots.
    pub fn new() -> Result<Config, rustls::Error> {
        Ok(Config {
            limits: Limits::DEFAULT,
            allow_private_targets: false,
            allow_any_port: false,
            allowed_addresses: Vec::new(),
            tls: Tls::new(&[])?,
            targets: None,
            resolver: Arc::new(Resolver::system()),
        })
    }
}

/// Runs the probe. Each step is sent to `events` (if given) as it finishes; the report is returned.
pub async fn run(request: Request, config: &Config, events: Option<UnboundedSender<Step>>) -> Report {
    let started = Instant::now();
    let mut probe = Probe {
        request: &request,
        config,
        deadline: tokio::time::Instant::now() + config.limits.total,
        checked: None,
        events,
        steps: Vec::new(),
        findings: Vec::new(),
        current: None,
        last: StepName::Validate,
        transcript: Transcript::default(),
    };
    if tokio::time::timeout(config.limits.total, probe.steps()).await.is_err() {
        probe.cut_off();
    }
    let Probe {
        steps,
        findings,
        transcript,
        ..
    } = probe;
    Report {
        verdict: Report::verdict_of(&findings),
        request,
        steps,
        findings,
        ms: millis(started),
        transcript: transcript.lines(),
    }
}

struct Probe<'a> {
    request: &'a Request,
    config: &'a Config,
    /// When the whole probe's time runs out.
    deadline: tokio::time::Instant,
    /// The addresses that passed the deny list, once the check step has run: all that is ever dialled.
    checked: Option<Checked>,
    events: Option<UnboundedSender<Step>>,
    steps: Vec<Step>,
    findings: Vec<Finding>,
    /// The step in progress and when it began.
    current: Option<(StepName, Instant)>,
    /// The step findings are filed under (the one in progress, or the last one).
    last: StepName,
    transcript: Transcript,
}

fn millis(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

impl Probe<'_> {
    async fn steps(&mut self) {
        let Some(host) = self.validate() else { return };
        let Some(addresses) = self.resolve(&host).await else {
            return;
        };
        let Some(addresses) = self.check(&addresses) else {
            return;
        };
        let Some((tcp, peer)) = self.connect(&addresses).await else {
            return;
        };
        let security = self.request.security;
        let stream = if security == Security::Tls {
            let Some(tls) = self.tls(tcp, peer.ip(), false).await else {
                return;
            };
            Stream::Tls(Box::new(tls))
        } else {
            Stream::Plain(tcp)
        };
        let mut wire = Wire::new(stream, self.config.limits, self.transcript.clone());
        let mut dialogue = Dialogue::new(self.request.protocol);
        if !self.greeting(&mut dialogue, &mut wire).await {
            self.tls_after_silence(wire, peer.ip()).await;
            return;
        }
        if self
            .capabilities(&mut dialogue, &mut wire, security == Security::Tls)
            .await
            .is_none()
        {
            return;
        }
        if security == Security::Starttls {
            // After PREAUTH the session is logged in, and STARTTLS is no longer allowed (RFC 9051).
            if self.has(Code::StarttlsMissing) || self.has(Code::Preauth) {
                self.quit(&mut dialogue, &mut wire).await;
                return;
            }
            let Some(upgraded) = self.starttls(&mut dialogue, wire, peer.ip()).await else {
                return;
            };
            wire = upgraded;
            if self.capabilities(&mut dialogue, &mut wire, true).await.is_none() {
                return;
            }
            self.quit(&mut dialogue, &mut wire).await;
            drop(wire);
            if let Some(answered) = addresses.only(peer.ip()) {
                self.injection_test(&answered, peer).await;
            }
            return;
        }
        self.quit(&mut dialogue, &mut wire).await;
    }

    fn begin(&mut self, name: StepName) {
        self.current = Some((name, Instant::now()));
        self.last = name;
    }

    /// Ends the step in progress. `Ok` becomes `Warning` when the step produced a warning or an error.
    fn end(&mut self, outcome: Outcome, error: Option<String>, detail: Option<Detail>) {
        let Some((name, started)) = self.current.take() else {
            return;
        };
        let flagged = self
            .findings
            .iter()
            .any(|f| f.step == name && f.severity != Severity::Info);
        let outcome = match outcome {
            Outcome::Ok if flagged => Outcome::Warning,
            other => other,
        };
        let step = Step {
            name,
            outcome,
            ms: millis(started),
            error,
            detail,
        };
        if let Some(events) = &self.events {
            // A closed channel means nobody listens any more; the probe is being cancelled anyway.
            let _ = events.send(step.clone());
        }
        self.steps.push(step);
    }

    fn find(&mut self, code: Code, severity: Severity, params: &[(&str, String)]) {
        let params = params.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
        self.findings.push(Finding::new(code, severity, self.last, params));
    }

    fn has(&self, code: Code) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// The whole probe's time ran out: the step in progress fails with a timeout.
    fn cut_off(&mut self) {
        let seconds = self.config.limits.total.as_secs_f32().to_string();
        let step = self.last.id().to_owned();
        self.find(
            Code::Timeout,
            Severity::Error,
            &[("step", step), ("seconds", seconds.clone())],
        );
        self.end(
            Outcome::Failed,
            Some(format!("the whole probe's time limit ({seconds} s) ran out")),
            None,
        );
    }

    fn timeout(&mut self, seconds: f32) {
        let step = self.last.id().to_owned();
        self.find(
            Code::Timeout,
            Severity::Error,
            &[("step", step), ("seconds", seconds.to_string())],
        );
    }

    fn validate(&mut self) -> Option<Host> {
        self.begin(StepName::Validate);
        let port = self.request.port;
        if !self.config.allow_any_port && !deny::ALLOWED_PORTS.contains(&port) {
            let allowed = deny::ALLOWED_PORTS.map(|p| p.to_string()).join(", ");
            self.find(
                Code::PortNotAllowed,
                Severity::Error,
                &[("port", port.to_string()), ("allowed", allowed)],
            );
        }
        let host = deny::parse_host(&self.request.host);
        match host {
            Err(BadHost::Invalid) => self.find(Code::BadHost, Severity::Error, &[("host", self.request.host.clone())]),
            Err(BadHost::NumericSpelling) => self.find(
                Code::NumericHost,
                Severity::Error,
                &[("host", self.request.host.clone())],
            ),
            Ok(_) => {}
        }
        if self.findings.is_empty() {
            self.end(Outcome::Ok, None, None);
            host.ok()
        } else {
            self.end(Outcome::Failed, None, None);
            None
        }
    }

    async fn resolve(&mut self, host: &Host) -> Option<Vec<IpAddr>> {
        self.begin(StepName::Resolve);
        let name = match host {
            Host::Ip(ip) => {
                self.end(Outcome::Ok, None, Some(Detail::Addresses(vec![*ip])));
                return Some(vec![*ip]);
            }
            Host::Name(name) => name,
        };
        let limit = self.config.limits.dns;
        match self.config.resolver.addresses(name, limit).await {
            Ok(addresses) => {
                self.end(Outcome::Ok, None, Some(Detail::Addresses(addresses.clone())));
                Some(addresses)
            }
            Err(ResolveError::Timeout) => {
                self.timeout(limit.as_secs_f32());
                self.end(Outcome::Failed, Some("no answer from DNS in time".into()), None);
                None
            }
            Err(ResolveError::NotFound(e) | ResolveError::Failed(e)) => {
                self.find(Code::ResolveFailed, Severity::Error, &[("host", name.clone())]);
                self.end(Outcome::Failed, Some(e), None);
                None
            }
        }
    }

    fn check(&mut self, addresses: &[IpAddr]) -> Option<Checked> {
        self.begin(StepName::Check);
        let allowed = &self.config.allowed_addresses;
        let checked = match dns::check_allowing(addresses, self.config.allow_private_targets, allowed) {
            Ok(checked) => checked,
            Err((ip, range)) => {
                let params = [
                    ("address", ip.to_string()),
                    ("range", range.cidr.to_owned()),
                    ("kind", range.name.to_owned()),
                ];
                self.find(Code::DeniedAddress, Severity::Error, &params);
                let error = format!("{ip} is in {} ({})", range.cidr, range.name);
                self.end(
                    Outcome::Failed,
                    Some(error),
                    Some(Detail::Addresses(addresses.to_vec())),
                );
                return None;
            }
        };
        let list = checked.addresses().to_vec();
        if let Some(targets) = &self.config.targets {
            let busy = list.iter().find_map(|ip| targets.check(*ip).err());
            if let Some(wait) = busy {
                let secs = crate::guard::admission::retry_after_secs(wait).to_string();
                self.find(Code::TargetBusy, Severity::Error, &[("retry_after", secs)]);
                self.end(Outcome::Failed, None, Some(Detail::Addresses(list)));
                return None;
            }
        }
        self.end(Outcome::Ok, None, Some(Detail::Addresses(list)));
        self.checked = Some(checked.clone());
        Some(checked)
    }

    async fn connect(&mut self, addresses: &Checked) -> Option<(TcpStream, SocketAddr)> {
        self.begin(StepName::Connect);
        let limit = self.config.limits.connect;
        match dial::connect(addresses, self.request.port, limit).await {
            Ok((tcp, peer)) => {
                self.end(Outcome::Ok, None, Some(Detail::Connected(peer)));
                Some((tcp, peer))
            }
            Err(ConnectError::Refused(e)) => {
                self.find(
                    Code::Refused,
                    Severity::Error,
                    &[("port", self.request.port.to_string())],
                );
                self.end(Outcome::Failed, Some(e), None);
                None
            }
            Err(ConnectError::Timeout(e)) => {
                self.timeout(limit.as_secs_f32());
                self.end(Outcome::Failed, Some(e), None);
                None
            }
            Err(ConnectError::Other(e)) => {
                self.find(Code::Unreachable, Severity::Error, &[]);
                self.end(Outcome::Failed, Some(e), None);
                None
            }
        }
    }

    /// The TLS handshake; `after_starttls` when it follows an accepted STARTTLS, where anything but a TLS
    /// record from the server is injected plain text.
    async fn tls(&mut self, tcp: TcpStream, peer: IpAddr, after_starttls: bool) -> Option<TlsStream<Sniff>> {
        self.begin(StepName::Tls);
        let limit = self.config.limits.read;
        match self.config.tls.handshake(&self.request.host, peer, tcp, limit).await {
            Ok((stream, info)) => {
                self.transcript.record(
                    "",
                    format!("(TLS handshake: {}, {})", info.version, info.cipher).as_bytes(),
                );
                self.certificate_findings(&info);
                self.end(Outcome::Ok, None, Some(Detail::Tls(info)));
                Some(stream)
            }
            Err(e) if after_starttls && !e.received.is_empty() && !looks_like_tls(&e.received) => {
                // The data came after the STARTTLS reply (in a later TCP segment than the reply, or the check
                // in `starttls` would have seen it), where only TLS may follow.
                self.transcript.record("S: ", first_line(&e.received));
                self.find(Code::StarttlsInjection, Severity::Error, &[]);
                let error = "plain text after the STARTTLS reply, before any TLS record".to_owned();
                self.end(Outcome::Failed, Some(error), None);
                None
            }
            Err(mut e) => {
                if e.too_old == Some(super::tls::OLDER_THAN_1_2) && !after_starttls {
                    if let Some(version) = self.old_version(peer).await {
                        e.too_old = Some(version);
                    }
                }
                self.tls_failed(&e, limit.as_secs_f32());
                self.end(Outcome::Failed, Some(e.message), None);
                None
            }
        }
    }

    /// The old TLS version of the server at `peer` (one of the checked addresses), asked on a connection of
    /// its own ([`super::tls::old_version`]).
    async fn old_version(&self, peer: IpAddr) -> Option<&'static str> {
        let only = self.checked.as_ref()?.only(peer)?;
        let limits = self.config.limits;
        let (tcp, _) = dial::connect(&only, self.request.port, limits.connect).await.ok()?;
        super::tls::old_version(tcp, &self.request.host, limits.read).await
    }

    fn certificate_findings(&mut self, info: &TlsInfo) {
        let Some(cert) = &info.certificate else { return };
        if !cert.trusted {
            let error = cert.trust_error.clone().unwrap_or_default();
            self.find(
                Code::CertUntrusted,
                Severity::Error,
                &[("issuer", cert.issuer.clone()), ("error", error)],
            );
        }
        if !cert.name_matches {
            let params = [("host", self.request.host.clone()), ("names", cert.names.join(", "))];
            self.find(Code::CertNameMismatch, Severity::Error, &params);
        }
        if cert.expired {
            self.find(
                Code::CertExpired,
                Severity::Error,
                &[("not_after", cert.not_after.clone())],
            );
        }
        if cert.not_yet_valid {
            self.find(
                Code::CertNotYetValid,
                Severity::Error,
                &[("not_before", cert.not_before.clone())],
            );
        }
    }

    /// A failed handshake, explained by what the server sent instead, if anything.
    fn tls_failed(&mut self, e: &HandshakeError, seconds: f32) {
        if e.timed_out {
            return self.timeout(seconds);
        }
        if let Some(version) = e.too_old {
            return self.find(Code::TlsTooOld, Severity::Error, &[("version", version.to_owned())]);
        }
        let first_line = first_line(&e.received);
        let text = super::wire::printable(first_line);
        let protocol = super::dialogue::foreign(first_line, self.request.protocol)
            .or_else(|| super::dialogue::foreign(first_line, other_than(self.request.protocol)));
        match protocol {
            Some(p @ ("HTTP" | "SSH")) => self.find(Code::WrongProtocol, Severity::Error, &[("seen", p.to_owned())]),
            Some(_) => self.find(
                Code::TlsOnPlainPort,
                Severity::Error,
                &[("greeting", text.trim_end().to_owned())],
            ),
            None => self.find(Code::TlsFailed, Severity::Error, &[("error", e.message.clone())]),
        }
    }

    /// Reads the greeting; `false` when the probe cannot go on. A silent server on a plain connection is
    /// left for [`Probe::tls_after_silence`], with the greeting step still open.
    async fn greeting(&mut self, dialogue: &mut Dialogue, wire: &mut Wire) -> bool {
        self.begin(StepName::Greeting);
        let (kind, lines) = match dialogue.greeting(wire).await {
            Ok(reply) => reply,
            Err(DialogueError::Wire(WireError::Timeout)) if self.request.security != Security::Tls => return false,
            Err(e) => {
                self.dialogue_failed(e);
                return false;
            }
        };
        let reply = lines.join(" / ");
        let go_on = match kind {
            Greeting::Ready => true,
            Greeting::Preauth => {
                // Logged in without a password; over plain text that also rules out STARTTLS (RFC 9051).
                let severity = if self.request.security == Security::Tls {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                self.find(Code::Preauth, severity, &[]);
                true
            }
            Greeting::Refused => {
                self.find(Code::GreetingRefused, Severity::Error, &[("reply", reply)]);
                false
            }
            Greeting::Foreign(seen) => {
                self.find(Code::WrongProtocol, Severity::Error, &[("seen", seen.to_owned())]);
                false
            }
        };
        let outcome = if go_on { Outcome::Ok } else { Outcome::Failed };
        self.end(outcome, None, Some(Detail::Reply(lines)));
        if !go_on && self.has(Code::GreetingRefused) {
            self.quit(dialogue, wire).await;
        }
        go_on
    }

    /// Called after `greeting` returned `false`. If the greeting step is still open, the server said
    /// nothing: try a TLS handshake on the same connection to tell a TLS port (plain-on-TLS-port) or a web
    /// server from a silent one.
    async fn tls_after_silence(&mut self, wire: Wire, peer: IpAddr) {
        if self.current.is_none() {
            return;
        }
        let seconds = self.config.limits.read.as_secs_f32();
        let no_greeting = format!("no greeting within {seconds} s");
        let Some((tcp, _)) = wire.into_tcp() else {
            self.timeout(seconds);
            self.end(Outcome::Failed, Some(no_greeting), None);
            return;
        };
        match self
            .config
            .tls
            .handshake(&self.request.host, peer, tcp, self.config.limits.read)
            .await
        {
            Ok((_, info)) => {
                self.find(Code::PlainOnTlsPort, Severity::Error, &[]);
                let error = format!("{no_greeting}; the port answered a TLS handshake ({})", info.version);
                self.end(Outcome::Failed, Some(error), None);
            }
            Err(e) => {
                match super::dialogue::foreign(first_line(&e.received), self.request.protocol) {
                    Some(seen @ ("HTTP" | "SSH")) => {
                        self.find(Code::WrongProtocol, Severity::Error, &[("seen", seen.to_owned())])
                    }
                    _ => self.timeout(seconds),
                }
                self.end(Outcome::Failed, Some(no_greeting), None);
            }
        }
    }

    async fn capabilities(
        &mut self,
        dialogue: &mut Dialogue,
        wire: &mut Wire,
        encrypted: bool,
    ) -> Option<Capabilities> {
        self.begin(StepName::Capabilities);
        match dialogue.capabilities(wire, encrypted).await {
            Ok(mut caps) => {
                if self.has(Code::Preauth) {
                    // Logged in already: no password is asked for (and LOGIN is not allowed any more), so the
                    // password findings do not apply; the PREAUTH finding says what matters.
                    caps.accepts_passwords = false;
                } else if !encrypted {
                    self.judge_plain_capabilities(&caps);
                }
                self.end(Outcome::Ok, None, Some(Detail::Capabilities(caps.clone())));
                Some(caps)
            }
            Err(e) => {
                self.dialogue_failed(e);
                None
            }
        }
    }

    /// What the capabilities before encryption mean for the chosen security.
    fn judge_plain_capabilities(&mut self, caps: &Capabilities) {
        match self.request.security {
            Security::None => {
                if caps.starttls {
                    self.find(Code::StarttlsAvailable, Severity::Warning, &[]);
                }
                if caps.accepts_passwords {
                    self.find(Code::AuthBeforeTls, Severity::Error, &[]);
                } else {
                    self.find(Code::LoginNeedsTls, Severity::Error, &[]);
                }
            }
            Security::Starttls => {
                if caps.accepts_passwords {
                    self.find(Code::AuthBeforeTls, Severity::Warning, &[]);
                }
                if !caps.starttls {
                    self.find(Code::StarttlsMissing, Severity::Error, &[]);
                }
            }
            Security::Tls => {}
        }
    }

    /// STARTTLS, the injection check, and the TLS handshake; the upgraded connection.
    async fn starttls(&mut self, dialogue: &mut Dialogue, mut wire: Wire, peer: IpAddr) -> Option<Wire> {
        self.begin(StepName::Starttls);
        match dialogue.starttls(&mut wire).await {
            Ok(Upgrade::Accepted(lines)) => {
                if wire.has_unread_data() {
                    self.find(Code::StarttlsInjection, Severity::Error, &[]);
                    let error = "data after STARTTLS response".to_owned();
                    self.end(Outcome::Failed, Some(error), Some(Detail::Reply(lines)));
                    return None;
                }
                self.end(Outcome::Ok, None, Some(Detail::Reply(lines)));
                let (tcp, received) = wire.into_tcp()?;
                let tls = self.tls(tcp, peer, true).await?;
                let stream = Stream::Tls(Box::new(tls));
                Some(Wire::resume(
                    stream,
                    self.config.limits,
                    self.transcript.clone(),
                    received,
                ))
            }
            Ok(Upgrade::Refused(lines)) => {
                self.find(Code::StarttlsRefused, Severity::Error, &[("reply", lines.join(" / "))]);
                self.end(Outcome::Failed, None, Some(Detail::Reply(lines)));
                self.quit(dialogue, &mut wire).await;
                None
            }
            Err(e) => {
                self.dialogue_failed(e);
                None
            }
        }
    }

    async fn quit(&mut self, dialogue: &mut Dialogue, wire: &mut Wire) {
        self.begin(StepName::Quit);
        // A server that hangs up instead of answering is not a problem worth a finding.
        match dialogue.quit(wire).await {
            Ok(lines) => self.end(Outcome::Ok, None, Some(Detail::Reply(lines))),
            Err(e) => self.end(Outcome::Failed, Some(describe(&e)), None),
        }
    }

    /// A dialogue step that failed: the finding for its cause, and the step closed as failed.
    fn dialogue_failed(&mut self, e: DialogueError) {
        let step = self.last.id().to_owned();
        match &e {
            DialogueError::Wire(WireError::Timeout) => self.timeout(self.config.limits.read.as_secs_f32()),
            DialogueError::Wire(WireError::Slow(bytes)) => {
                let seconds = self.config.limits.read.as_secs_f32().to_string();
                let params = [("step", step), ("bytes", bytes.to_string()), ("seconds", seconds)];
                self.find(Code::SlowReply, Severity::Error, &params)
            }
            DialogueError::Wire(WireError::Closed | WireError::Io(_)) => {
                self.find(Code::Closed, Severity::Error, &[("step", step)])
            }
            DialogueError::Wire(WireError::LineTooLong) => {
                let limit = self.config.limits.line.to_string();
                self.find(Code::LineTooLong, Severity::Error, &[("step", step), ("bytes", limit)])
            }
            DialogueError::Wire(WireError::TooMuchData) => {
                let limit = self.config.limits.transcript.to_string();
                self.find(Code::TooMuchData, Severity::Error, &[("step", step), ("bytes", limit)])
            }
            DialogueError::BadReply(reply) => self.find(
                Code::BadReply,
                Severity::Error,
                &[("step", step), ("reply", reply.clone())],
            ),
            DialogueError::Refused(reply) => self.find(
                Code::CommandRefused,
                Severity::Error,
                &[("step", step), ("reply", reply.clone())],
            ),
        }
        self.end(Outcome::Failed, Some(describe(&e)), None);
    }
}

/// What the second connection of the injection test saw.
enum Injection {
    /// The command behind STARTTLS got no answer: what the server said to QUIT / LOGOUT instead.
    Ignored(Vec<String>),
    /// It was answered: the answer, and where (in plain text, or inside TLS).
    Answered(String),
}

impl Probe<'_> {
    /// The CVE-2011-0411 test, as testssl.sh does it: on a new connection to the address that worked, send
    /// STARTTLS with a harmless command (NOOP) behind it in the same packet, then after the handshake say
    /// goodbye. A correct server throws the NOOP away with the plain-text buffer; a vulnerable one answers
    /// it, before its TLS records or inside TLS ahead of the goodbye. Only a clear answer is a finding: a
    /// server that hangs up or refuses is not vulnerable, and whatever else goes wrong leaves the test
    /// inconclusive (the main probe already reported on the server). It never uses more than the time left.
    async fn injection_test(&mut self, answered: &Checked, peer: SocketAddr) {
        self.begin(StepName::InjectionTest);
        let margin = std::time::Duration::from_millis(50);
        let Some(until) = self
            .deadline
            .checked_sub(margin)
            .filter(|t| *t > tokio::time::Instant::now())
        else {
            return self.end(Outcome::Ok, Some("inconclusive: no time left".into()), None);
        };
        self.transcript
            .record("", b"(second connection: a NOOP sent right behind STARTTLS)");
        match tokio::time::timeout_at(until, self.try_injection(answered, peer)).await {
            Ok(Ok(Injection::Ignored(lines))) => self.end(Outcome::Ok, None, Some(Detail::Reply(lines))),
            Ok(Ok(Injection::Answered(reply))) => {
                self.find(Code::StarttlsCommandInjection, Severity::Warning, &[("reply", reply)]);
                self.end(Outcome::Ok, None, None);
            }
            Ok(Err(reason)) => self.end(Outcome::Ok, Some(format!("inconclusive: {reason}")), None),
            Err(_) => self.end(Outcome::Ok, Some("inconclusive: out of time".into()), None),
        }
    }

    async fn try_injection(&self, answered: &Checked, peer: SocketAddr) -> Result<Injection, String> {
        let limits = self.config.limits;
        let (tcp, _) = dial::connect(answered, peer.port(), limits.connect)
            .await
            .map_err(|e| format!("{e:?}"))?;
        let mut wire = Wire::new(Stream::Plain(tcp), limits, self.transcript.clone());
        let mut dialogue = Dialogue::new(self.request.protocol);
        let text = |e: DialogueError| describe(&e);
        match dialogue.greeting(&mut wire).await.map_err(text)? {
            (Greeting::Ready, _) => {}
            (_, lines) => return Err(format!("greeted with {}", lines.join(" / "))),
        }
        if self.request.protocol == mailcheck_engine::Protocol::Smtp {
            dialogue.capabilities(&mut wire, false).await.map_err(text)?;
        }
        match dialogue.starttls_pipelined(&mut wire).await.map_err(text)? {
            Upgrade::Accepted(_) => {}
            Upgrade::Refused(lines) => return Err(format!("STARTTLS refused: {}", lines.join(" / "))),
        }
        if wire.has_unread_data() {
            let lines = wire.reply(|_| true).await.map_err(|e| e.to_string())?;
            let answer = super::dialogue::texts(&lines).join(" / ");
            return Ok(Injection::Answered(format!("{answer}, in plain text")));
        }
        let (tcp, received) = wire.into_tcp().ok_or("not a plain connection")?;
        let tls = match self
            .config
            .tls
            .handshake(&self.request.host, peer.ip(), tcp, limits.read)
            .await
        {
            Ok((tls, _)) => tls,
            Err(e) if !e.received.is_empty() && !looks_like_tls(&e.received) => {
                let answer = super::wire::printable(first_line(&e.received));
                self.transcript.record("S: ", first_line(&e.received));
                return Ok(Injection::Answered(format!("{answer}, in plain text")));
            }
            // Dovecot's way: it hangs up when anything follows STARTTLS. The command was not run.
            Err(e) if e.received.is_empty() && !e.timed_out => {
                let note = format!("the server hung up instead of starting TLS ({})", e.message);
                return Ok(Injection::Ignored(vec![note]));
            }
            Err(e) => return Err(format!("TLS: {}", e.message)),
        };
        let mut wire = Wire::resume(Stream::Tls(Box::new(tls)), limits, self.transcript.clone(), received);
        let lines = dialogue.quit(&mut wire).await.map_err(text)?;
        Ok(if dialogue.answers_pipelined(&lines) {
            Injection::Answered(format!("{}, inside TLS", lines.join(" / ")))
        } else {
            Injection::Ignored(lines)
        })
    }
}

/// The first line of what a server sent, without its line ending.
fn first_line(bytes: &[u8]) -> &[u8] {
    let line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn describe(e: &DialogueError) -> String {
    match e {
        DialogueError::Wire(w) => w.to_string(),
        DialogueError::BadReply(r) => format!("unexpected reply: {r}"),
        DialogueError::Refused(r) => format!("refused: {r}"),
    }
}

/// Any protocol other than `p`, so that `foreign` also recognizes `p`'s own greeting (a plain greeting where
/// TLS was expected).
fn other_than(p: mailcheck_engine::Protocol) -> mailcheck_engine::Protocol {
    use mailcheck_engine::Protocol::*;
    match p {
        Imap => Smtp,
        Pop3 | Smtp => Imap,
    }
}
