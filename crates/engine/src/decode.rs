//! The error decoder: from the text a mail client showed to ranked likely causes and fixes.
//!
//! The text is normalized once ([`text`]), then each pattern group reads it and records *hits*: a cause and
//! how strongly the text points at it ([`smtp`] reply codes, [`outlook`] error numbers, [`tls`] certificate
//! and handshake errors, [`network`] connection errors, [`auth`] sign-in failures in each client's wording),
//! after the phrase rules of [`Knowledge`] (crates/engine/texts/phrases.toml, read with the provider data).
//! The hits are then weighed against the user's settings and their provider's record ([`context`]): a
//! timeout means little on its own, but a timeout on port 25 almost always means the internet provider blocks
//! that port. Every sentence shown comes from the decoder's data (crates/engine/texts/causes.toml: the
//! causes' texts and the templates of the fixes written from the settings), filled in by
//! [`crate::catalog::causes`]; a fix that a more likely cause already lists is said once.
//!
//! Matching is plain substring and word search on lower-case text: no regex engine, so the wasm stays small,
//! and the cost is linear in the (capped) input.

mod auth;
mod context;
mod knowledge;
mod network;
mod outlook;
mod smtp;
mod text;
mod tls;

use crate::catalog::causes::{self, FixText};
use crate::catalog::provenance::{Tier, Who};
use crate::model::{Provider, Side, WrongHost};
use crate::settings::{ServerField, Settings};
use context::{Context, Difference, Facts};
use serde::Serialize;
use text::Text;

pub use knowledge::{Knowledge, PhraseRule};

/// One likely cause of an error, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cause {
    /// Stable id, e.g. `smtp.auth-failed`; tests and the app key on it, texts may change.
    pub code: &'static str,
    pub title: String,
    /// Plain language: what this means and why it happens.
    pub why: String,
    /// What to do, most specific first; may name fields and values from the settings.
    pub fixes: Vec<String>,
}

/// Writes [`CauseCode`] from one list: each variant with its stable id, in tie-break order, so the enum,
/// [`CauseCode::ALL`] and [`CauseCode::id`] cannot drift apart.
macro_rules! cause_codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $id:literal,)*) => {
        /// Every cause the decoder can name. The order is the tie-break when two causes score the same.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CauseCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl CauseCode {
            /// Every cause, in tie-break order.
            pub const ALL: &[CauseCode] = &[$(CauseCode::$variant,)*];

            /// The stable code, e.g. `smtp.auth-failed`.
            pub const fn id(self) -> &'static str {
                match self {
                    $(CauseCode::$variant => $id,)*
                }
            }

            /// The cause whose code is `id`.
            pub fn from_id(id: &str) -> Option<CauseCode> {
                crate::model::by_id(&CauseCode::ALL, CauseCode::id, id)
            }
        }
    };
}

cause_codes! {
    /// Port 25 fails to connect: the internet provider blocks it.
    Port25Blocked => "net.port25-blocked",
    /// Implicit TLS spoken to a STARTTLS port, or the other way round.
    TlsWrongVersion => "tls.wrong-version",
    /// The certificate was issued by an antivirus or firewall that scans mail.
    TlsInterception => "tls.interception",
    TlsNameMismatch => "tls.name-mismatch",
    TlsExpired => "tls.expired",
    TlsUntrusted => "tls.untrusted",
    TlsHandshake => "tls.handshake-failed",
    /// Encryption asked for, and the server does not offer it (no STARTTLS there).
    TlsNotOffered => "tls.not-offered",
    /// The server takes a password only over an encrypted connection.
    TlsRequired => "tls.required",
    /// The settings differ from the provider's documented server.
    ServerDiffers => "settings.server-differs",
    HostNotFound => "net.host-not-found",
    Refused => "net.refused",
    Timeout => "net.timeout",
    CannotConnect => "net.cannot-connect",
    Dropped => "net.connection-dropped",
    Offline => "net.offline",
    /// A firewall or antivirus program on the computer blocks or breaks the connection.
    Firewall => "net.firewall",
    TooManyConnections => "server.too-many-connections",
    BasicAuthDisabled => "auth.basic-disabled",
    /// The server does not offer the sign-in method the app uses (on this connection).
    AuthMethodUnsupported => "auth.method-unsupported",
    AppPasswordRequired => "auth.app-password-required",
    WebLoginRequired => "auth.web-login-required",
    SmtpAuthFailed => "smtp.auth-failed",
    AuthFailed => "auth.failed",
    AuthTemporary => "auth.temporary",
    SmtpAuthRequired => "smtp.auth-required",
    SmtpStarttlsRequired => "smtp.starttls-required",
    SmtpTlsUnavailable => "smtp.tls-unavailable",
    SmtpRelayDenied => "smtp.relay-denied",
    SmtpSenderRejected => "smtp.sender-rejected",
    SmtpMessageTooBig => "smtp.message-too-big",
    SmtpRecipientUnknown => "smtp.recipient-unknown",
    SmtpRecipientMailboxFull => "smtp.recipient-mailbox-full",
    SmtpTooManyRecipients => "smtp.too-many-recipients",
    SmtpPolicyRejected => "smtp.policy-rejected",
    SmtpUnavailable => "smtp.unavailable",
    SmtpTryLater => "smtp.try-later",
    PopMailboxLocked => "pop.mailbox-locked",
    MailboxOverQuota => "mailbox.over-quota",
    /// Nothing in the text was recognised.
    NotRecognised => "decode.not-recognised",
}

impl CauseCode {
    /// Causes about reaching the server at all: the ones where the port, the host and the network matter.
    const fn is_connection(self) -> bool {
        matches!(
            self,
            CauseCode::HostNotFound
                | CauseCode::Refused
                | CauseCode::Timeout
                | CauseCode::CannotConnect
                | CauseCode::Dropped
                | CauseCode::SmtpUnavailable
        )
    }

    const fn is_tls(self) -> bool {
        matches!(
            self,
            CauseCode::TlsWrongVersion
                | CauseCode::TlsInterception
                | CauseCode::TlsNameMismatch
                | CauseCode::TlsExpired
                | CauseCode::TlsUntrusted
                | CauseCode::TlsHandshake
                | CauseCode::TlsNotOffered
                | CauseCode::TlsRequired
        )
    }
}

/// At most this many causes are returned: past that, a list stops helping.
const MAX_CAUSES: usize = 6;
/// Hits weaker than this are hints for ranking only, not causes to show.
const MIN_SCORE: u16 = 40;

/// What the pattern groups found in the text.
#[derive(Default)]
struct Scan {
    hits: Vec<(CauseCode, u16)>,
    /// Evidence that the error came from sending (SMTP) or from fetching (IMAP/POP).
    outgoing: u16,
    incoming: u16,
    /// An antivirus or firewall product named in the text, without its certificate: it explains a TLS error
    /// if there is one, otherwise a blocked connection.
    security_product: bool,
}

impl Scan {
    fn hit(&mut self, cause: CauseCode, weight: u16) {
        self.hits.push((cause, weight));
    }

    fn score(&self, cause: CauseCode) -> Option<u16> {
        self.hits.iter().filter(|(c, _)| *c == cause).map(|(_, w)| *w).max()
    }

    fn has(&self, pred: impl Fn(CauseCode) -> bool) -> bool {
        self.hits.iter().any(|(c, w)| pred(*c) && *w >= MIN_SCORE)
    }

    fn best(&self, pred: impl Fn(CauseCode) -> bool) -> Option<u16> {
        self.hits.iter().filter(|(c, _)| pred(*c)).map(|(_, w)| *w).max()
    }
}

/// The likely causes of the error in `text`, most likely first; never empty.
///
/// `settings`, when given, sharpens the ranking and the fixes: the port and security mode in use, and with
/// `provider` (the provider of `settings.email`) its documented servers, limits and notes. The phrase rules
/// and the causes' plain texts come from `knowledge` ([`crate::Database::decoder`]).
pub fn decode(
    text: &str,
    settings: Option<&Settings>,
    provider: Option<&Provider>,
    knowledge: &Knowledge,
) -> Vec<Cause> {
    let text = Text::new(text);
    let mut scan = Scan::default();
    for rule in knowledge.rules() {
        if rule.phrases.iter().any(|p| text.has(p)) {
            scan.hit(rule.cause, rule.weight);
        }
    }
    for group in [smtp::scan, outlook::scan, tls::scan, network::scan, auth::scan] {
        group(&text, &mut scan);
    }
    let ctx = Context::new(&text, &scan, settings, provider);
    weigh(&mut scan, &ctx);

    let mut ranked: Vec<(CauseCode, u16)> = Vec::new();
    for &(cause, _) in &scan.hits {
        if !ranked.iter().any(|(c, _)| *c == cause) {
            ranked.push((cause, scan.score(cause).unwrap_or_default()));
        }
    }
    ranked.retain(|(_, score)| *score >= MIN_SCORE);
    crate::order::sort_by_key(&mut ranked, |&(cause, score)| (core::cmp::Reverse(score), cause));
    ranked.truncate(MAX_CAUSES);
    if ranked.is_empty() {
        ranked.push((CauseCode::NotRecognised, 0));
        // A security setting that does not fit the port is already the wrong-version cause; only other
        // differences make a cause of their own.
        let mismatch = ctx.security_mismatch(ctx.side).is_some();
        let differences = ctx.differences(ctx.side);
        if differences
            .iter()
            .any(|d| !(mismatch && d.field == ServerField::Security))
        {
            ranked.push((CauseCode::ServerDiffers, 0));
        }
    }
    let mut causes: Vec<Cause> = ranked
        .into_iter()
        .map(|(cause, _)| render(cause, &ctx.facts(cause), knowledge))
        .collect();
    // Causes often share their remedies: each fix is said once, under the most likely cause that has it.
    for i in 1..causes.len() {
        let (said, rest) = causes.split_at_mut(i);
        let cause = &mut rest[0];
        let before = cause.fixes.len();
        cause.fixes.retain(|fix| !said.iter().any(|c| c.fixes.contains(fix)));
        if cause.fixes.is_empty() && before > 0 {
            cause.fixes.push(causes::SEE_ABOVE.to_owned());
        }
    }
    causes
}

/// A cause with its texts: the fixes drawn from the settings and provider first, then the general ones.
fn render(code: CauseCode, f: &Facts, knowledge: &Knowledge) -> Cause {
    use CauseCode::*;
    let mut fixes: Vec<String> = Vec::new();
    let mut add = |fix: FixText| {
        let fix = fix.render(knowledge);
        if !fixes.contains(&fix) {
            fixes.push(fix);
        }
    };
    // Every fix naming the provider has one (its server, credential, limits or notes are what it says).
    let name = f.provider.map_or(
        Who {
            name: "",
            tier: Tier::Checked,
        },
        Who::of,
    );
    let mismatch = |add: &mut dyn FnMut(FixText)| {
        if let Some(m) = f.mismatch {
            add(FixText::SecurityForPort {
                side: m.side,
                port: m.port,
                now: m.now,
                expected: m.expected,
            });
        }
    };
    let differences = |add: &mut dyn FnMut(FixText)| {
        let covered = |d: &&Difference| f.mismatch.is_some() && d.field == ServerField::Security;
        // A host the record calls wrong is said once: its reason goes with the fix that replaces it.
        let replaces =
            |d: &Difference, w: &WrongHost| d.field == ServerField::Host && w.host.eq_ignore_ascii_case(&d.now);
        for d in f.differences.iter().filter(|d| !covered(d)) {
            add(match f.wrong_hosts.iter().find(|w| replaces(d, w)) {
                Some(w) => FixText::ReplaceWrongHost {
                    side: d.side,
                    now: &d.now,
                    expected: &d.expected,
                    why: &w.why,
                },
                None => FixText::SetField {
                    side: d.side,
                    field: d.field,
                    now: &d.now,
                    expected: &d.expected,
                },
            });
        }
        for w in f
            .wrong_hosts
            .iter()
            .filter(|w| !f.differences.iter().any(|d| replaces(d, w)))
        {
            add(FixText::WrongHost {
                host: &w.host,
                why: &w.why,
            });
        }
        if let (Some(server), true) = (f.expected, f.differences.is_empty()) {
            add(FixText::ProviderServer { provider: name, server });
        }
    };
    match code {
        Port25Blocked => {
            if let Some(server) = f.expected {
                add(FixText::ProviderServer { provider: name, server });
            }
        }
        TlsWrongVersion | SmtpStarttlsRequired | TlsNotOffered | TlsRequired | AuthMethodUnsupported => {
            mismatch(&mut add);
            differences(&mut add);
        }
        ServerDiffers | HostNotFound | TlsNameMismatch | TlsUntrusted => {
            differences(&mut add);
            if let (ServerDiffers, Some(p)) = (code, f.provider) {
                if let Some(url) = p.page() {
                    add(FixText::Source {
                        provider: Who::of(p),
                        url,
                        tier: p.origin.tier(),
                    });
                }
            }
        }
        Refused | Timeout | CannotConnect | Dropped | TlsHandshake | SmtpUnavailable | SmtpRelayDenied => {
            mismatch(&mut add);
            differences(&mut add);
        }
        AuthFailed | SmtpAuthFailed | AppPasswordRequired | WebLoginRequired | BasicAuthDisabled | SmtpAuthRequired => {
            // The provider's own sign-in requirements come first: skipped, they make every password fail.
            let requirements = f.provider.iter().flat_map(|p| &p.requirements);
            for requirement in requirements.filter(|r| r.kind.is_about_sign_in()) {
                add(FixText::ProviderRequirement {
                    provider: name,
                    requirement,
                });
            }
            if let (Some(expected), Some(p), Some(server)) = (&f.username, f.provider, f.expected) {
                add(FixText::Username {
                    provider: Who::of(p),
                    form: &server.username,
                    expected,
                });
            }
            if let Some(&auth) = f
                .provider
                .and_then(|p| p.auth.first())
                .filter(|a| **a != crate::model::Auth::Password)
            {
                add(FixText::ProviderAuth { provider: name, auth });
            }
        }
        SmtpMessageTooBig => {
            if let Some(mb) = f.provider.and_then(|p| p.send_limit_mb) {
                add(FixText::SendLimit { provider: name, mb });
            }
        }
        MailboxOverQuota => {
            if let Some(mb) = f.provider.and_then(|p| p.mailbox_mb) {
                add(FixText::MailboxSize { provider: name, mb });
            }
        }
        NotRecognised => {
            if let Some(p) = f.provider {
                add(FixText::ProviderServer {
                    provider: name,
                    server: p.recommended_incoming(),
                });
                add(FixText::ProviderServer {
                    provider: name,
                    server: p.recommended_outgoing(),
                });
            }
        }
        _ => {}
    }
    for note in &f.notes {
        add(FixText::ProviderNote { provider: name, note });
    }
    // With the provider's own server named above, its general port advice would only blur it.
    let general_ports = usize::from(code == Port25Blocked && f.expected.is_some());
    let text = knowledge.get(code);
    fixes.extend(text.checklist.iter().skip(general_ports).cloned());
    Cause {
        code: code.id(),
        title: causes::title(code, f.provider, knowledge),
        why: text.why.clone(),
        fixes,
    }
}

/// Adjusts the hits with what the settings, the provider and the text as a whole say.
fn weigh(scan: &mut Scan, ctx: &Context) {
    // A sign-in failure while sending is the outgoing server refusing the password.
    if ctx.side == Some(Side::Outgoing) {
        for hit in &mut scan.hits {
            if hit.0 == CauseCode::AuthFailed {
                hit.0 = CauseCode::SmtpAuthFailed;
            }
        }
    }
    if scan.security_product {
        let cause = if scan.has(CauseCode::is_tls) {
            CauseCode::TlsInterception
        } else {
            CauseCode::Firewall
        };
        scan.hit(cause, 60);
    }
    let connection = scan.best(CauseCode::is_connection);
    if let (Some(best), true) = (connection, ctx.port25()) {
        scan.hit(CauseCode::Port25Blocked, best + 10);
    }
    let mismatch = ctx.security_mismatch(ctx.side).is_some();
    if mismatch {
        let trouble = scan.best(|c| c.is_connection() || c.is_tls());
        if let Some(best) = trouble {
            let own = scan.score(CauseCode::TlsWrongVersion).unwrap_or(75);
            scan.hit(CauseCode::TlsWrongVersion, own.max(best) + 5);
        }
    }
    // A security setting that does not fit the port is already the wrong-version cause; only other
    // differences make a cause of their own.
    let differences = ctx.differences(ctx.side);
    if differences
        .iter()
        .any(|d| !(mismatch && d.field == ServerField::Security))
    {
        let wrong_host = ctx.host_differs(ctx.side);
        if wrong_host && scan.has(|c| c == CauseCode::HostNotFound || c == CauseCode::TlsNameMismatch) {
            scan.hit(CauseCode::ServerDiffers, 100);
        } else if scan.has(|c| c.is_connection() || c.is_tls()) {
            scan.hit(CauseCode::ServerDiffers, 72);
        }
    }
    if ctx.username_fix(ctx.side).is_some() {
        for hit in &mut scan.hits {
            if matches!(hit.0, CauseCode::AuthFailed | CauseCode::SmtpAuthFailed) {
                hit.1 += 10;
            }
        }
    }
}

#[cfg(test)]
mod tests;
