//! SMTP replies: reply codes (RFC 5321, e.g. `535`) and enhanced status codes (RFC 3463, e.g. `5.7.8`), as
//! servers send them and clients quote them ("The server responded: 535 5.7.8 ...").
//!
//! A number is only read as a reply code where it stands like one: three digits on their own, not part of a
//! port (`port 535`, `host:535`), a time, a date or a version number, and either followed by an enhanced
//! code or introduced by words such as "error", "response" or "server".
//!
//! The enhanced code's subject and detail name the cause where they can (RFC 3463 section 3), the words
//! decide where the code covers several causes, and the class has the last word on permanence: under a
//! temporary reply (class 4, or a 4xx code) a cause that says the refusal stands ranks below waiting.

use super::text::Text;
use super::{CauseCode, Scan};

/// An enhanced status code `class.subject.detail`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Enhanced {
    class: u8,
    subject: u16,
    detail: u16,
}

/// One reply found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Reply {
    basic: Option<u16>,
    enhanced: Option<Enhanced>,
    /// Found with an enhanced code or right after words that introduce a server reply.
    firm: bool,
}

/// Words that introduce a server reply in clients' messages, in English and a few localized forms.
const CUES: [&str; 19] = [
    "error",
    "response",
    "responded",
    "reply",
    "replied",
    "code",
    "said",
    "smtp",
    "server",
    "status",
    "rejected",
    "failed",
    "fehler",
    "antwort",
    "erreur",
    "réponse",
    "serveur",
    "respuesta",
    "servidor",
];
/// Words before a number that make it something else than a reply code.
const NOT_BEFORE: [&str; 6] = ["port", "version", "ver", "v", "build", "release"];

const RELAY: [&str; 2] = ["relay", "rcpthosts"];
const SENDER: [&str; 6] = [
    "sender address rejected",
    "sender rejected",
    "not owned by",
    "send as this sender",
    "rejected the sender",
    "sender's email address",
];
const RECIPIENT: [&str; 8] = [
    "user unknown",
    "unknown user",
    "no such user",
    "does not exist",
    "recipient not found",
    "mailbox not found",
    "invalid recipient",
    "mailbox unavailable",
];
const POLICY: [&str; 9] = [
    "spam",
    "blocked",
    "blacklist",
    "blocklist",
    "block list",
    "spamhaus",
    "policy",
    "reputation",
    "dmarc",
];
const FULL: [&str; 4] = ["mailbox full", "mailbox is full", "quota", "storage allocation"];

pub(super) fn scan(t: &Text, s: &mut Scan) {
    let replies = replies(t.as_str());
    for reply in &replies {
        classify(reply, t, s);
    }
    if !replies.is_empty() {
        s.outgoing += 3;
    }
}

/// Every reply code and enhanced code in the text that stands like one.
fn replies(text: &str) -> Vec<Reply> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let run = digits(b, i);
        if let Some((basic, after)) = basic_at(text, i, run) {
            // "535 5.7.8" and "535-5.7.8" (a multi-line reply) carry their enhanced code along.
            let enhanced = match b.get(after) {
                Some(b' ' | b'-') => enhanced_at(b, after + 1),
                _ => None,
            };
            let firm = enhanced.is_some() || introduced(text, i);
            if firm || at_quote(b, i) {
                out.push(Reply {
                    basic: Some(basic),
                    enhanced: enhanced.map(|(e, _)| e),
                    firm,
                });
            }
            i = enhanced.map_or(after, |(_, end)| end);
            continue;
        }
        if let Some((enhanced, end)) = enhanced_at(b, i) {
            let prev = i.checked_sub(1).map(|p| b[p]);
            let marked = matches!(prev, Some(b'#' | b'('));
            if (marked || introduced(text, i)) && !after_word(text, i, &NOT_BEFORE) && prev != Some(b'.') {
                out.push(Reply {
                    basic: None,
                    enhanced: Some(enhanced),
                    firm: true,
                });
            }
            i = end;
            continue;
        }
        i += run;
    }
    out
}

fn digits(b: &[u8], from: usize) -> usize {
    b[from..].iter().take_while(|c| c.is_ascii_digit()).count()
}

/// A reply code starting at `i`: three digits, 4xx or 5xx, standing alone. Returns the code and the index
/// after it.
fn basic_at(text: &str, i: usize, run: usize) -> Option<(u16, usize)> {
    let b = text.as_bytes();
    if run != 3 || !matches!(b[i], b'4' | b'5') || !matches!(b[i + 1], b'0'..=b'5') {
        return None;
    }
    let prev = i.checked_sub(1).map(|p| b[p]);
    if !matches!(prev, None | Some(b' ' | b'(' | b'\'' | b'"' | b'[' | b'<' | b'=')) {
        return None;
    }
    let after = i + 3;
    let next_is_digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let standalone = match b.get(after) {
        None | Some(b' ' | b')' | b'\'' | b'"' | b']' | b',' | b';') => true,
        Some(b'.' | b':') => !next_is_digit(after + 1),
        Some(b'-') => enhanced_at(b, after + 1).is_some(),
        _ => false,
    };
    if !standalone || after_word(text, i, &NOT_BEFORE) {
        return None;
    }
    let code = crate::read::number(&text[i..after])?.try_into().ok()?;
    Some((code, after))
}

/// An enhanced status code starting at `i` (`5.7.8`, `4.5.3`, `5.7.139`). Returns it and the index after it.
fn enhanced_at(b: &[u8], i: usize) -> Option<(Enhanced, usize)> {
    let class = *b.get(i)?;
    if !matches!(class, b'4' | b'5') || b.get(i + 1) != Some(&b'.') || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let (subject, at) = number(b, i + 2)?;
    if b.get(at) != Some(&b'.') {
        return None;
    }
    let (detail, end) = number(b, at + 1)?;
    // Not the start of a longer dotted number such as an address or a version (5.7.8.1).
    let longer = b.get(end).is_some_and(|c| c.is_ascii_alphanumeric())
        || (b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit));
    (!longer).then_some((
        Enhanced {
            class: class - b'0',
            subject,
            detail,
        },
        end,
    ))
}

/// One to three digits at `i`.
fn number(b: &[u8], i: usize) -> Option<(u16, usize)> {
    let n = digits(b, i);
    if !(1..=3).contains(&n) {
        return None;
    }
    let value = b[i..i + n].iter().fold(0u16, |v, c| v * 10 + u16::from(c - b'0'));
    Some((value, i + n))
}

/// Whether one of [`CUES`] appears in the few words before `i`.
fn introduced(text: &str, i: usize) -> bool {
    let from = text[..i].char_indices().rev().nth(47).map_or(0, |(k, _)| k);
    let window = &text[from..i];
    CUES.iter().any(|cue| window.contains(cue))
}

/// Whether the number at `i` opens the text or a quotation: `'535 Authentication failed'`.
fn at_quote(b: &[u8], i: usize) -> bool {
    i == 0 || matches!(b[i - 1], b'(' | b'\'' | b'"' | b'[' | b'<')
}

/// Whether the word right before `i` (skipping a space, `:` or `=`) is one of `words`.
fn after_word(text: &str, i: usize, words: &[&str]) -> bool {
    let before = text[..i].trim_end_matches([' ', ':', '=', '#']);
    let word = before
        .rsplit(|c: char| !super::text::word_char(c))
        .next()
        .unwrap_or_default();
    words.contains(&word)
}

fn classify(r: &Reply, t: &Text, s: &mut Scan) {
    // A bare number found only by its position weighs less than one with a server's words around it.
    let weaken = if r.firm { 0 } else { 10 };
    let mut found: Vec<(CauseCode, u16)> = Vec::new();
    let mut hit = |cause, weight: u16| found.push((cause, weight));
    if !r.enhanced.is_some_and(|e| classify_enhanced(e, t, &mut hit)) {
        if let Some(code) = r.basic {
            classify_basic(code, t, &mut hit);
        }
    }
    if temporary(r) {
        // A temporary reply is never shown as a final refusal: the causes that say the refusal stands (an
        // address that does not exist, a rule that refused the message) rank below waiting, which the
        // reply's class says may be enough.
        let mut refusal = false;
        for (cause, weight) in &mut found {
            if FINAL.contains(cause) {
                *weight = (*weight).min(FINAL_WHEN_TEMPORARY);
                refusal = true;
            }
        }
        if refusal || found.is_empty() {
            found.push((CauseCode::SmtpTryLater, TEMPORARY));
        }
    }
    for (cause, weight) in found {
        s.hit(cause, weight - weaken);
    }
}

/// Whether the reply says the failure is temporary: class 4 of the enhanced code, "persistent transient
/// failure" (RFC 3463 section 2: "sending in the future may be successful"), or a 4xx reply code (RFC 5321
/// section 4.2.1). A server that sends both should make them agree; where they differ, the milder reading is
/// taken, since calling a temporary failure final sends people after the wrong fix.
fn temporary(r: &Reply) -> bool {
    r.enhanced.is_some_and(|e| e.class == 4) || r.basic.is_some_and(|b| b / 100 == 4)
}

/// Causes whose texts say that the refusal stands: under a temporary reply they are weighed below waiting.
const FINAL: [CauseCode; 2] = [CauseCode::SmtpRecipientUnknown, CauseCode::SmtpPolicyRejected];
/// What a temporary reply gives "try later", and the most a final cause gets under one.
const TEMPORARY: u16 = 80;
const FINAL_WHEN_TEMPORARY: u16 = 70;

/// Causes from the reply code alone, or with the words of the reply where the code covers several.
fn classify_basic(code: u16, t: &Text, hit: &mut impl FnMut(CauseCode, u16)) {
    use CauseCode::*;
    match code {
        421 => hit(SmtpUnavailable, 90),
        450 | 451 => {
            hit(SmtpTryLater, TEMPORARY);
            // "450 <bob@example.com>: Recipient address rejected: User unknown in local recipient table": a
            // server that defers what it would otherwise refuse. The words are weighed, and the class keeps
            // them below waiting.
            by_words(t, hit);
        }
        452 if t.has("too many recipients") => hit(SmtpTooManyRecipients, 85),
        452 => hit(SmtpTryLater, 70),
        454 if t.has("tls") => hit(SmtpTlsUnavailable, 85),
        454 => hit(AuthTemporary, 85),
        530 if t.has("starttls") => hit(SmtpStarttlsRequired, 95),
        530 => hit(SmtpAuthRequired, 90),
        534 if t.has_any(&["application-specific", "app password"]) => hit(AppPasswordRequired, 95),
        534 if t.has("web browser") => hit(WebLoginRequired, 95),
        534 | 535 => hit(SmtpAuthFailed, 95),
        552 if t.has_any(&FULL) => hit(SmtpRecipientMailboxFull, 85),
        552 => hit(SmtpMessageTooBig, 85),
        550 | 551 | 553 | 554 => classify_rejection(code, t, hit),
        _ => {}
    }
}

/// Causes from an enhanced code (RFC 3463 section 3 and the IANA registry of RFC 5248); `false` when the code
/// alone says too little and the reply code decides.
fn classify_enhanced(e: Enhanced, t: &Text, hit: &mut impl FnMut(CauseCode, u16)) -> bool {
    use CauseCode::*;
    match (e.subject, e.detail) {
        (7, 8) => hit(SmtpAuthFailed, 95),
        (7, 9) if t.has("web browser") => hit(WebLoginRequired, 95),
        (7, 9) => {
            hit(AppPasswordRequired, 85);
            hit(SmtpAuthFailed, 60);
        }
        (7, 14) if t.has("web browser") => hit(WebLoginRequired, 95),
        (7, 139) => hit(SmtpAuthFailed, 85),
        (7, 57) => hit(SmtpAuthRequired, 90),
        (7, 60) => hit(SmtpSenderRejected, 90),
        (7, 1) if t.has_any(&RELAY) => hit(SmtpRelayDenied, 90),
        (7, 1) if t.has_any(&SENDER) => hit(SmtpSenderRejected, 85),
        (7, 1) => hit(SmtpPolicyRejected, 75),
        (1, 1..=3) => hit(SmtpRecipientUnknown, 90),
        (1, 7 | 8) => hit(SmtpSenderRejected, 85),
        // X.2.1 "Mailbox disabled, not accepting messages": the mailbox exists. Permanent when it stays
        // disabled, which for the person sending is as good as an address that is gone; transient when it
        // is disabled for a while, as when Gmail's "450 4.2.1" says the recipient receives mail too fast.
        (2, 1) if e.class == 4 => hit(SmtpTryLater, 85),
        (2, 1) => hit(SmtpRecipientUnknown, 70),
        (2, 2) => hit(SmtpRecipientMailboxFull, 90),
        (2, 3) | (3, 4) => hit(SmtpMessageTooBig, 90),
        // X.4.4 "Unable to route": no routing information for the recipient's domain, such as a domain with
        // no mail servers; the recipient's address is what to check, not a spam rule.
        (4, 4) => hit(SmtpRecipientUnknown, 80),
        (5, 3) => hit(SmtpTooManyRecipients, 90),
        // 5.7.0 and 4.7.0 are shared by "authentication required", "must issue STARTTLS" and "try later":
        // the reply code tells them apart.
        _ => return false,
    }
    true
}

/// Causes named by the words of a refusal; `false` when none is.
fn by_words(t: &Text, hit: &mut impl FnMut(CauseCode, u16)) -> bool {
    use CauseCode::*;
    if t.has_any(&RELAY) {
        hit(SmtpRelayDenied, 90);
    } else if t.has_any(&SENDER) {
        hit(SmtpSenderRejected, 85);
    } else if t.has_any(&RECIPIENT) {
        hit(SmtpRecipientUnknown, 85);
    } else if t.has_any(&POLICY) {
        hit(SmtpPolicyRejected, 80);
    } else {
        return false;
    }
    true
}

/// 550, 551, 553 and 554 cover relaying, sender, recipient and policy refusals: the words decide.
fn classify_rejection(code: u16, t: &Text, hit: &mut impl FnMut(CauseCode, u16)) {
    use CauseCode::*;
    if by_words(t, hit) {
        return;
    }
    match code {
        550 => {
            hit(SmtpRecipientUnknown, 60);
            hit(SmtpPolicyRejected, 55);
        }
        551 => hit(SmtpRelayDenied, 60),
        553 => {
            hit(SmtpSenderRejected, 65);
            hit(SmtpRelayDenied, 55);
        }
        _ => hit(SmtpPolicyRejected, 65),
    }
}

#[cfg(test)]
pub(super) fn phrases() -> impl Iterator<Item = &'static str> {
    SENDER.into_iter().chain(RECIPIENT).chain(POLICY).chain(FULL)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reply code and an enhanced code as `(class, subject, detail)`.
    type Found = (Option<u16>, Option<(u8, u16, u16)>);

    fn found(text: &str) -> Vec<Found> {
        replies(Text::new(text).as_str())
            .into_iter()
            .map(|r| (r.basic, r.enhanced.map(|e| (e.class, e.subject, e.detail))))
            .collect()
    }

    #[test]
    fn reads_replies_as_clients_quote_them() {
        assert_eq!(
            found("The server responded: 535 5.7.8 Error: authentication failed"),
            [(Some(535), Some((5, 7, 8)))]
        );
        assert_eq!(
            found("534-5.7.9 Application-specific password required."),
            [(Some(534), Some((5, 7, 9)))]
        );
        assert_eq!(
            found("Server Response: '530 Authentication required'"),
            [(Some(530), None)]
        );
        assert_eq!(found("SMTP error (552): too big"), [(Some(552), None)]);
        assert_eq!(found("Delivery failed (#5.7.1)"), [(None, Some((5, 7, 1)))]);
        assert_eq!(
            found("535 5.7.139 Authentication unsuccessful"),
            [(Some(535), Some((5, 7, 139)))]
        );
    }

    #[test]
    fn numbers_that_are_not_replies_are_ignored() {
        for text in [
            "Connecting to smtp.example.com:535 failed",
            "port 535 is closed",
            "Port: 535",
            "Date: Mon, 12 May 2025 10:05:35 +0530",
            "smtp.example.com:5350 refused",
            "Thunderbird 115.7.8 on Windows",
            "server 10.5.7.8 answered",
            "error 15350 occurred",
            "server version 5.7.8",
            "The server holds 1535 messages",
            "error code 2500",
            "server said 250 OK",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }
}
