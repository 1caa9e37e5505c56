//! What to tell someone whose provider mailcheck does not know: honest, general guidance, never a guess at
//! their provider's host names.

/// Sentences shown in place of a provider's settings. The standards named are RFC 8314 (implicit TLS for
/// mail, 2018) and RFC 6409 (message submission on port 587).
pub const GUIDANCE: [&str; 4] = [
    "Your provider's own help pages list its mail servers: look there for its IMAP (or POP) and SMTP \
     settings, not on third-party lists, which are often out of date.",
    "Most providers receive on IMAP, port 993 with SSL/TLS (or POP3 on 995 with SSL/TLS), and send through \
     SMTP on port 465 with SSL/TLS or port 587 with STARTTLS, always with sign-in. The standards prefer \
     SSL/TLS from the first byte (ports 993, 995 and 465).",
    "Port 25 is for servers talking to servers; many internet providers block it for home connections, so \
     mail apps should not send on it.",
    "You can still check the settings you have under \"Check my settings\": mailcheck applies the general \
     rules (ports, encryption, typing mistakes) to any provider.",
];

/// The button under the guidance that opens the check: the way on when no settings are known.
pub const CHECK_ANYWAY: &str = "Check the settings you have";
