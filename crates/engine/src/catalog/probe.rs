//! Texts explaining probe findings (`probe.*` codes reported by the native probe, `mailcheck probe` and
//! `POST /api/probe`), and the API's own refusals. Each text has `{name}` placeholders for the finding's
//! parameters; [`explain`] fills them in.

/// The plain-language explanation of one code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProbeText {
    /// What is wrong, in a few words.
    pub title: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// What to do.
    pub fix: &'static str,
}

/// An explanation with its parameters filled in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    pub title: String,
    pub why: String,
    pub fix: String,
}

const fn t(title: &'static str, why: &'static str, fix: &'static str) -> ProbeText {
    ProbeText { title, why, fix }
}

const CHECK_SERVER: &str = "Check the server name and port against your provider's settings.";

/// Every code with its text. The probe's codes first, then the API's refusals.
pub const TEXTS: [(&str, ProbeText); 36] = [
    (
        "probe.bad-host",
        t(
            "That server name is not valid",
            "\u{201c}{host}\u{201d} is not a server name or address a mail program can use.",
            "Type the server name exactly as your provider gives it, like mail.example.com: no \u{201c}https://\u{201d}, spaces, @ or port number.",
        ),
    ),
    (
        "probe.numeric-host",
        t(
            "That server address is written in an unusual way",
            "\u{201c}{host}\u{201d} is a number in disguise. For safety the tester only accepts server names, or addresses written as four numbers with dots (like 192.0.2.10).",
            "Use the server name your provider gives you.",
        ),
    ),
    (
        "probe.port-not-allowed",
        t(
            "The tester only checks mail ports",
            "Port {port} is not a port for receiving or sending mail, so the tester does not connect to it.",
            "Use one of the mail ports: {allowed}.",
        ),
    ),
    (
        "probe.resolve-failed",
        t(
            "That server name was not found",
            "No address was found for \u{201c}{host}\u{201d}, so no mail program can reach it.",
            "Check the spelling against your provider's instructions.",
        ),
    ),
    (
        "probe.denied-address",
        t(
            "That server is on a private or reserved network",
            "{address} is a {kind} address ({range}). The tester only connects to servers on the public internet, so it cannot check this one.",
            "If this is a server on your own or your company's network, test it from a device on that network.",
        ),
    ),
    (
        "probe.target-busy",
        t(
            "That server was tested many times just now",
            "To avoid flooding anyone's server, the tester limits how often one server is tested.",
            "Try again in {retry_after} seconds.",
        ),
    ),
    (
        "probe.refused",
        t(
            "The server turned the connection away",
            "Nothing accepts connections on port {port} of this server. Usually the port number is wrong, or the service is switched off.",
            "Check the port against your provider's settings. Common ports: 993 (IMAP), 995 (POP3), 465 or 587 (sending).",
        ),
    ),
    (
        "probe.unreachable",
        t(
            "The server could not be reached",
            "The network reported an error before the server answered: the server may be down, or a firewall is in the way.",
            "Check the server name, and try again later.",
        ),
    ),
    (
        "probe.timeout",
        t(
            "The server did not answer in time",
            "While {step}, nothing came back within {seconds} seconds. A firewall may be silently blocking the port, or the server is overloaded.",
            "Check the server name and port; if they are right, try again later.",
        ),
    ),
    (
        "probe.slow-reply",
        t(
            "The server answers far too slowly",
            "While {step}, only {bytes} bytes arrived within {seconds} seconds, not a whole answer (what came is in the transcript). The server is overloaded or broken, or something on the way holds the connection back.",
            "Try again later; if it keeps happening, tell your provider.",
        ),
    ),
    (
        "probe.closed",
        t(
            "The server hung up",
            "The server closed the connection while {step}. It may refuse connections from unknown places, or it is not the kind of server expected.",
            "Check the server name, the port and the protocol (IMAP, POP3 or SMTP).",
        ),
    ),
    (
        "probe.line-too-long",
        t(
            "The server sent a line far too long",
            "While {step}, one line was longer than {bytes} bytes. Mail servers never send that: this is not a mail server, or it is broken.",
            CHECK_SERVER,
        ),
    ),
    (
        "probe.too-much-data",
        t(
            "The server sent far too much",
            "While {step}, the server sent more than {bytes} bytes in all. A mail server's answers are much shorter: this is not a mail server, or it is broken.",
            CHECK_SERVER,
        ),
    ),
    (
        "probe.bad-reply",
        t(
            "The server's answer made no sense",
            "While {step}, the server answered \u{201c}{reply}\u{201d}, which the protocol does not allow.",
            "Check that the protocol (IMAP, POP3 or SMTP) matches the port.",
        ),
    ),
    (
        "probe.wrong-protocol",
        t(
            "Another kind of server answered",
            "This port answered like a {seen} server, not the mail protocol you chose.",
            "Check the port and protocol: IMAP usually uses 993 or 143, POP3 995 or 110, sending (SMTP) 465 or 587.",
        ),
    ),
    (
        "probe.tls-on-plain-port",
        t(
            "This port does not start with encryption",
            "Your setting expects encryption from the first byte (SSL/TLS), but the server greeted in plain text: \u{201c}{greeting}\u{201d}.",
            "Choose STARTTLS for this port, or keep SSL/TLS and use its port: 993 for IMAP, 995 for POP3, 465 for sending.",
        ),
    ),
    (
        "probe.plain-on-tls-port",
        t(
            "This port expects encryption from the start",
            "The server said nothing in plain text, but it answered an encrypted (TLS) connection: this port wants SSL/TLS.",
            "Choose SSL/TLS as the security setting for this port.",
        ),
    ),
    (
        "probe.tls-failed",
        t(
            "The encrypted connection could not be set up",
            "The server and the tester could not agree on encryption ({error}). Servers that only offer TLS versions older than 1.2 cause this; many mail programs refuse them too.",
            "Ask your provider whether the server supports TLS 1.2 or newer.",
        ),
    ),
    (
        "probe.tls-too-old",
        t(
            "The server only offers outdated encryption",
            "The server answered with {version}, and nothing newer. TLS versions before 1.2 have known weaknesses, and current mail programs (and this tester) refuse them.",
            "Nothing in your settings can fix this: ask your provider to switch on TLS 1.2 or 1.3.",
        ),
    ),
    (
        "probe.cert-untrusted",
        t(
            "The server's certificate is not from a trusted authority",
            "The certificate was issued by \u{201c}{issuer}\u{201d}, which does not lead to a recognized certificate authority ({error}). Mail programs warn about this or refuse to connect, and it can mean someone is intercepting the connection.",
            "Use the server name your provider documents. If it is your own server, install a certificate from a public authority such as Let's Encrypt.",
        ),
    ),
    (
        "probe.cert-name-mismatch",
        t(
            "The certificate is for a different name",
            "You asked for \u{201c}{host}\u{201d}, but the certificate covers: {names}. Mail programs warn about this or refuse to connect.",
            "Use a server name the certificate covers (often your provider's own name rather than your domain).",
        ),
    ),
    (
        "probe.cert-expired",
        t(
            "The server's certificate has expired",
            "It was valid until {not_after}. Mail programs warn about this or refuse to connect.",
            "Nothing in your settings can fix this: the server's operator must renew the certificate. Tell your provider.",
        ),
    ),
    (
        "probe.cert-not-yet-valid",
        t(
            "The server's certificate is not valid yet",
            "It is valid only from {not_before}. Mail programs warn about this or refuse to connect.",
            "Nothing in your settings can fix this: the server's operator must fix the certificate. Tell your provider.",
        ),
    ),
    (
        "probe.greeting-refused",
        t(
            "The server refused to talk",
            "It answered \u{201c}{reply}\u{201d} straight away. Servers do this when they are overloaded or when they block some networks.",
            "Try again later; if it keeps happening, ask your provider.",
        ),
    ),
    (
        "probe.preauth",
        t(
            "The server logged in without asking for a password",
            "The IMAP server greeted with PREAUTH: the session is logged in before any password, and encryption can no longer be switched on with STARTTLS.",
            "Use SSL/TLS on port 993 if the server offers it, and tell the server's operator.",
        ),
    ),
    (
        "probe.starttls-missing",
        t(
            "The server does not offer STARTTLS",
            "Your setting asks to switch on encryption with STARTTLS, but the server does not offer it on this port, so your password would travel unencrypted.",
            "Use SSL/TLS on the encrypted port instead (993 for IMAP, 995 for POP3, 465 for sending), if your provider offers it.",
        ),
    ),
    (
        "probe.starttls-available",
        t(
            "Encryption is available but not used",
            "The server offers STARTTLS, but your setting uses no encryption, so your password and mail would travel readable by anyone on the way.",
            "Choose STARTTLS as the security setting.",
        ),
    ),
    (
        "probe.starttls-refused",
        t(
            "The server refused to switch on encryption",
            "It answered STARTTLS with \u{201c}{reply}\u{201d}.",
            "Use SSL/TLS on the encrypted port if your provider offers it, or ask your provider.",
        ),
    ),
    (
        "probe.starttls-injection",
        t(
            "Extra data arrived when encryption was switched on",
            "Right after agreeing to switch on encryption, more data arrived that the server should not have sent. An attacker between you and the server can slip commands in this way (the flaw known as CVE-2011-0411); a broken server or firewall can cause it too.",
            "Prefer SSL/TLS on the encrypted port over STARTTLS on this network, and tell your provider.",
        ),
    ),
    (
        "probe.starttls-command-injection",
        t(
            "The server runs commands slipped in before encryption",
            "A command sent in plain text right behind STARTTLS was answered (\u{201c}{reply}\u{201d}), though the server must throw away everything sent before encryption starts. An attacker between you and the server can slip in commands this way that then run inside your encrypted session (the flaw known as CVE-2011-0411).",
            "Prefer SSL/TLS on the encrypted port over STARTTLS with this server (993 for IMAP, 995 for POP3, 465 for sending), and tell your provider: their server needs an update.",
        ),
    ),
    (
        "probe.auth-before-tls",
        t(
            "The server accepts passwords without encryption",
            "Before encryption is switched on, the server already offers to take a password. A mail program set to no encryption sends the password readable by anyone on the way.",
            "Make sure your mail program's security setting is SSL/TLS or STARTTLS, never None.",
        ),
    ),
    (
        "probe.login-needs-tls",
        t(
            "The server only takes passwords over encryption",
            "Without encryption this server does not accept your password, so logging in would fail.",
            "Choose STARTTLS, or SSL/TLS on the encrypted port.",
        ),
    ),
    (
        "probe.command-refused",
        t(
            "The server refused a harmless command",
            "While {step}, the server answered \u{201c}{reply}\u{201d}.",
            "Check that the protocol matches the port; if it does, ask your provider.",
        ),
    ),
    (
        "probe.rate-limited",
        t(
            "Too many tests from your connection",
            "To keep the tester from being misused, each connection may run only a few tests a minute.",
            "Try again in {retry_after} seconds.",
        ),
    ),
    (
        "probe.busy",
        t(
            "The tester is busy",
            "Many tests are running right now, and the tester runs only so many at once.",
            "Try again in {retry_after} seconds.",
        ),
    ),
    (
        "probe.bad-request",
        t(
            "The test request was not understood",
            "The app sent something the tester cannot read: a bug, or an app and tester of different versions.",
            "Reload the page and try again.",
        ),
    ),
];

/// What the probe was doing in each step, for the `{step}` parameter ("While {step}, …").
pub const STEPS: [(&str, &str); 10] = [
    ("validate", "checking the request"),
    ("resolve", "looking up the server name"),
    ("check", "checking the server's address"),
    ("connect", "connecting"),
    ("tls", "setting up encryption"),
    ("greeting", "waiting for the server's greeting"),
    ("capabilities", "asking what the server supports"),
    ("starttls", "switching on encryption"),
    ("quit", "saying goodbye"),
    (
        "injection-test",
        "checking that commands slipped in before encryption are ignored",
    ),
];

/// The text of a code, if known.
pub fn text(code: &str) -> Option<&'static ProbeText> {
    TEXTS.iter().find(|(c, _)| *c == code).map(|(_, t)| t)
}

/// The text of a code with `{name}` placeholders filled from `params`; a `step` parameter given as a step
/// id (`greeting`) is worded for people. Unknown placeholders stay as they are.
pub fn explain(code: &str, params: &[(&str, &str)]) -> Option<Explanation> {
    let text = text(code)?;
    let fill = |template: &str| {
        params.iter().fold(template.to_owned(), |out, (name, value)| {
            let value = match *name {
                "step" => STEPS
                    .iter()
                    .find(|(id, _)| id == value)
                    .map_or(*value, |(_, words)| *words),
                _ => *value,
            };
            out.replace(&format!("{{{name}}}"), value)
        })
    };
    Some(Explanation {
        title: fill(text.title),
        why: fill(text.why),
        fix: fill(text.fix),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_namespaced() {
        let mut codes: Vec<&str> = TEXTS.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), TEXTS.len());
        assert!(codes.iter().all(|c| c.starts_with("probe.")));
    }

    #[test]
    fn every_text_is_complete_and_ends_its_sentences() {
        for (code, t) in TEXTS {
            assert!(!t.title.is_empty() && !t.title.ends_with('.'), "{code}");
            for s in [t.why, t.fix] {
                assert!(s.ends_with('.'), "{code}: {s}");
            }
        }
    }

    #[test]
    fn explain_fills_parameters_and_words_steps() {
        let e = explain("probe.timeout", &[("step", "greeting"), ("seconds", "10")]).unwrap();
        assert_eq!(
            e.why,
            "While waiting for the server's greeting, nothing came back within 10 seconds. A firewall may be silently blocking the port, or the server is overloaded."
        );
        let unknown_step = explain("probe.closed", &[("step", "dance")]).unwrap();
        assert!(unknown_step.why.contains("while dance."), "{}", unknown_step.why);
        let missing = explain("probe.refused", &[]).unwrap();
        assert!(missing.why.contains("{port}"));
        assert_eq!(explain("probe.no-such-code", &[]), None);
    }

    #[test]
    fn placeholders_use_only_known_parameter_names() {
        let known = [
            "host",
            "port",
            "allowed",
            "address",
            "kind",
            "range",
            "retry_after",
            "step",
            "seconds",
            "bytes",
            "reply",
            "seen",
            "greeting",
            "error",
            "issuer",
            "names",
            "not_after",
            "not_before",
            "version",
        ];
        for (code, t) in TEXTS {
            for s in [t.title, t.why, t.fix] {
                for part in s.split('{').skip(1) {
                    let name = part.split('}').next().unwrap_or_default();
                    assert!(known.contains(&name), "{code}: {{{name}}}");
                }
            }
        }
    }
}
