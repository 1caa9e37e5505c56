//! The shape of host names and email addresses, and cleaning up what people paste into them.

/// Why some text is not a host name, the first reason found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostProblem {
    /// A web address: `https://mail.example.com/`.
    Url,
    /// An email address where the server name belongs.
    Address,
    /// A `/` and what follows it.
    Path,
    /// A port pasted on: `mail.example.com:993`.
    Port,
    Spaces,
    /// Characters no host name has (`_`, `,`, control characters, ...).
    Characters,
    /// A part of the name starting or ending with `-`.
    Hyphen,
    /// Two dots in a row, or a dot at the start.
    Dots,
    /// Over 253 characters, or a part over 63.
    TooLong,
    /// A single word such as `mail`: not a name that can be found on the internet.
    Incomplete,
}

/// Why some text is not an email address, the first reason found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailProblem {
    MissingAt,
    ManyAt,
    Spaces,
    NoLocalPart,
    NoDomain,
    TooLong,
    Characters,
    TrailingDot,
    /// The part after `@` is not a host name.
    Domain,
}

/// What is wrong with a host name (trimmed, trailing dot removed), or `None` when it is fine.
///
/// Internationalized names are allowed (any letter or digit); IP addresses too. One pass over the bytes
/// notes what the name holds; the problems are then named in the order worth telling first.
pub fn host_problem(host: &str) -> Option<HostProblem> {
    let bytes = host.as_bytes();
    let (mut url, mut address, mut path, mut colon, mut spaces, mut characters) =
        (false, false, false, false, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' => {}
            b':' => {
                colon = true;
                url |= bytes.get(i + 1..i + 3) == Some(b"//");
            }
            b'@' => address = true,
            b'/' | b'\\' | b'?' | b'#' => path = true,
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => spaces = true,
            // The first byte of a character beyond ASCII: judge the whole character.
            0xc0.. => match host.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) if c.is_whitespace() => spaces = true,
                Some(c) if idn_letter(c) => {}
                _ => characters = true,
            },
            // The other bytes of such a character.
            0x80..=0xbf => {}
            _ => characters = true,
        }
    }
    if url {
        return Some(HostProblem::Url);
    }
    if address {
        return Some(HostProblem::Address);
    }
    if path {
        return Some(HostProblem::Path);
    }
    if colon {
        if is_ipv6(host) {
            return None;
        }
        return Some(match host.split_once(':') {
            Some((_, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => HostProblem::Port,
            _ => HostProblem::Characters,
        });
    }
    if spaces {
        return Some(HostProblem::Spaces);
    }
    if characters {
        return Some(HostProblem::Characters);
    }
    if host.len() > 253 {
        return Some(HostProblem::TooLong);
    }
    let mut labels = 0;
    for label in host.split('.') {
        labels += 1;
        if label.is_empty() {
            return Some(HostProblem::Dots);
        }
        if label.len() > 63 {
            return Some(HostProblem::TooLong);
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some(HostProblem::Hyphen);
        }
    }
    // Without a dot only an IPv6 address is a whole server name (an IPv4 one has three).
    if labels < 2 && !host.eq_ignore_ascii_case("localhost") && !is_ipv6(host) {
        return Some(HostProblem::Incomplete);
    }
    None
}

/// Whether `text` is an IPv6 address in its text form (RFC 4291 2.2: eight groups of one to four hex digits,
/// one `::` for a run of zero groups, the last two groups may be a dotted IPv4 address), exactly as
/// `core::net::Ipv6Addr` reads it. Written out because the standard parser, IPv4 and all, costs more than
/// a kilobyte of the web app for this one question (a property test holds the two to the same answers).
pub(crate) fn is_ipv6(text: &str) -> bool {
    let (head, tail) = match text.split_once("::") {
        Some((head, tail)) => (head, Some(tail)),
        None => (text, None),
    };
    // Groups on each side of `::`, or of the whole address; the last may be IPv4 and counts as two.
    let groups = |part: &str, last: bool| -> Option<usize> {
        if part.is_empty() {
            return Some(0);
        }
        let pieces: Vec<&str> = part.split(':').collect();
        let mut count = 0;
        for (i, piece) in pieces.iter().enumerate() {
            if last && i + 1 == pieces.len() && piece.contains('.') {
                is_ipv4(piece).then_some(())?;
                count += 2;
            } else {
                let hex = !piece.is_empty() && piece.len() <= 4 && piece.bytes().all(|b| b.is_ascii_hexdigit());
                hex.then_some(())?;
                count += 1;
            }
        }
        Some(count)
    };
    match tail {
        None => groups(head, true) == Some(8),
        Some(tail) => match (groups(head, false), groups(tail, true)) {
            (Some(a), Some(b)) => a + b < 8 && !tail.contains("::"),
            _ => false,
        },
    }
}

/// Four decimal numbers from 0 to 255, without leading zeros, separated by dots.
fn is_ipv4(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && !(p.len() > 1 && p.starts_with('0'))
                && crate::read::number(p).is_some_and(|n| n <= 255)
        })
}

/// The host name inside what was pasted (a web address, a `:port` suffix, stray spaces), lower case, when
/// taking those away leaves a valid name different from the input.
pub fn clean_host(raw: &str) -> Option<String> {
    let mut text = raw.trim();
    if let Some((_, rest)) = text.split_once("://") {
        text = rest;
    }
    if let Some(end) = text.find(['/', '\\', '?', '#']) {
        text = &text[..end];
    }
    if let Some((name, port)) = text.rsplit_once(':') {
        if !name.contains(':') && port.trim().bytes().all(|b| b.is_ascii_digit()) {
            text = name;
        }
    }
    let mut name: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    name.make_ascii_lowercase();
    if name.ends_with('.') {
        name.pop();
    }
    let changed = name != raw.trim().trim_end_matches('.');
    (changed && !name.is_empty() && host_problem(&name).is_none()).then_some(name)
}

/// What is wrong with an email address (trimmed), or `None` when it is fine.
///
/// Deliberately simple: one `@`, a plain local part (no quoting), a host name after it. Addresses in
/// other scripts are allowed.
pub fn email_problem(email: &str) -> Option<EmailProblem> {
    let Some((local, domain)) = email.split_once('@') else {
        return Some(EmailProblem::MissingAt);
    };
    if domain.contains('@') {
        return Some(EmailProblem::ManyAt);
    }
    if email.contains(char::is_whitespace) {
        return Some(EmailProblem::Spaces);
    }
    if local.is_empty() {
        return Some(EmailProblem::NoLocalPart);
    }
    if domain.is_empty() {
        return Some(EmailProblem::NoDomain);
    }
    if email.len() > 254 || local.len() > 64 {
        return Some(EmailProblem::TooLong);
    }
    let special = |c: char| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | ':' | '\\' | '"');
    if local.chars().any(|c| c.is_control() || special(c)) {
        return Some(EmailProblem::Characters);
    }
    if domain.ends_with('.') {
        return Some(EmailProblem::TrailingDot);
    }
    host_problem(domain).map(|_| EmailProblem::Domain)
}

/// The address inside what was pasted (`mailto:`, `Jane <jane@example.com>`, stray spaces, a final dot),
/// when taking those away leaves a valid address different from the input.
pub fn clean_email(raw: &str) -> Option<String> {
    let mut text = raw.trim();
    if text.len() >= 7 && text.is_char_boundary(7) && text[..7].eq_ignore_ascii_case("mailto:") {
        text = &text[7..];
    }
    if let Some((_, rest)) = text.split_once('<') {
        text = rest.split_once('>').map_or(rest, |(inside, _)| inside);
    }
    let address: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let address = address.trim_end_matches('.');
    (address != raw.trim() && email_problem(address).is_none()).then(|| address.to_owned())
}

/// Whether `c`, a character beyond ASCII, may stand in an internationalized host name: letters and digits of
/// any script may, while punctuation, symbols, emoji and invisible joiners may not (IDNA refuses them).
///
/// A few blocks of the Unicode table stand in for Unicode's letter classes, whose tables would cost the wasm
/// more than this whole check; a letter outside these blocks is accepted, like any letter.
fn idn_letter(c: char) -> bool {
    !matches!(c,
        '\u{80}'..='\u{BF}'           // Latin-1 controls, punctuation and symbols
        | '\u{D7}' | '\u{F7}'         // × ÷
        | '\u{2000}'..='\u{2BFF}'     // punctuation, currency, arrows, maths, shapes, dingbats
        | '\u{3000}'..='\u{303F}'     // CJK punctuation
        | '\u{FE00}'..='\u{FE0F}'     // variation selectors
        | '\u{FE30}'..='\u{FE6F}'     // CJK compatibility and small forms
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'
        | '\u{1F000}'..='\u{1FAFF}'   // emoji and pictographs
        | '\u{E0000}'..='\u{E007F}'   // tags
    ) && !c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internationalized_names_take_letters_of_any_script_but_no_symbols() {
        for h in [
            "mail.münchen.de",
            "почта.рф",
            "邮件.中国",
            "mail.ελλάδα.gr",
            "mail.مثال.com",
            "café-ü.example",
        ] {
            assert_eq!(host_problem(h), None, "{h}");
        }
        for h in [
            "mail.😀.com",
            "mail→x.com",
            "mail。example.com",
            "ma\u{200D}il.example.com",
            "mail.€uro.com",
            "mail.x×y.com",
        ] {
            assert_eq!(host_problem(h), Some(HostProblem::Characters), "{h}");
        }
    }

    #[test]
    fn valid_host_names() {
        for h in [
            "mail.centurylink.net",
            "IMAP.Gmail.com",
            "smtp-mail.outlook.com",
            "127.0.0.1",
            "::1",
            "localhost",
            "mail.münchen.de",
            "a.b",
            &format!("{}.com", "a".repeat(63)),
        ] {
            assert_eq!(host_problem(h), None, "{h}");
        }
    }

    #[test]
    fn each_host_problem_is_named() {
        for (h, problem) in [
            ("https://mail.x.com/", HostProblem::Url),
            ("imaps://mail.x.com", HostProblem::Url),
            ("jane@q.com", HostProblem::Address),
            ("mail.x.com/inbox", HostProblem::Path),
            ("mail.x.com:993", HostProblem::Port),
            ("mail.x.com:", HostProblem::Characters),
            ("mail.x.com:99a", HostProblem::Characters),
            ("mail. x.com", HostProblem::Spaces),
            ("mail_x.com", HostProblem::Characters),
            ("mail,x.com", HostProblem::Characters),
            ("mail\u{7}.x.com", HostProblem::Characters),
            ("mail.x.com\u{a0}", HostProblem::Spaces),
            ("mail.\u{2603}.com", HostProblem::Characters),
            ("mail.x.com:993/inbox", HostProblem::Path),
            ("-mail.x.com", HostProblem::Hyphen),
            ("mail-.x.com", HostProblem::Hyphen),
            ("mail..x.com", HostProblem::Dots),
            (".x.com", HostProblem::Dots),
            ("", HostProblem::Dots),
            (&format!("{}.com", "a".repeat(64)), HostProblem::TooLong),
            (&"a.".repeat(127), HostProblem::TooLong),
            ("mail", HostProblem::Incomplete),
            ("993", HostProblem::Incomplete),
        ] {
            assert_eq!(host_problem(h), Some(problem), "{h:?}");
        }
    }

    #[test]
    fn cleaning_keeps_only_the_name() {
        for (raw, clean) in [
            ("https://Mail.X.com/", "mail.x.com"),
            ("imaps://mail.x.com:993/INBOX", "mail.x.com"),
            ("mail.x.com:587", "mail.x.com"),
            ("mail. x.com", "mail.x.com"),
            ("http://mail.x.com?x=1", "mail.x.com"),
        ] {
            assert_eq!(clean_host(raw).as_deref(), Some(clean), "{raw}");
        }
        // Nothing to strip, or nothing usable left: no fix is better than a guess.
        for raw in [
            "mail.x.com",
            "mail_x.com",
            "https://",
            "jane@q.com",
            "mail",
            " mail.x.com. ",
        ] {
            assert_eq!(clean_host(raw), None, "{raw}");
        }
    }

    #[test]
    fn valid_addresses() {
        for e in ["jane@q.com", "Jane.Doe+tag@Gmail.COM", "jürgen@münchen.de", "a@b.c"] {
            assert_eq!(email_problem(e), None, "{e}");
        }
    }

    #[test]
    fn each_address_problem_is_named() {
        for (e, problem) in [
            ("jane.q.com", EmailProblem::MissingAt),
            ("jane@q@com", EmailProblem::ManyAt),
            ("jane @q.com", EmailProblem::Spaces),
            ("@q.com", EmailProblem::NoLocalPart),
            ("jane@", EmailProblem::NoDomain),
            (&format!("{}@q.com", "j".repeat(65)), EmailProblem::TooLong),
            ("ja,ne@q.com", EmailProblem::Characters),
            ("jane@q.com.", EmailProblem::TrailingDot),
            ("jane@q", EmailProblem::Domain),
            ("jane@q_x.com", EmailProblem::Domain),
        ] {
            assert_eq!(email_problem(e), Some(problem), "{e:?}");
        }
    }

    #[test]
    fn cleaning_addresses() {
        for (raw, clean) in [
            ("mailto:jane@q.com", "jane@q.com"),
            ("MAILTO:jane@q.com", "jane@q.com"),
            ("Jane Doe <jane@q.com>", "jane@q.com"),
            ("jane @ q.com", "jane@q.com"),
            ("jane@q.com.", "jane@q.com"),
        ] {
            assert_eq!(clean_email(raw).as_deref(), Some(clean), "{raw}");
        }
        for raw in ["jane@q.com", "jane", "jane@q", "mailto:", "ü", "<>"] {
            assert_eq!(clean_email(raw), None, "{raw}");
        }
    }

    #[test]
    fn ipv6_addresses_are_told_from_everything_else() {
        for yes in [
            "::",
            "::1",
            "1::",
            "fe80::1",
            "2001:db8::8a2e:370:7334",
            "1:2:3:4:5:6:7:8",
            "::ffff:192.0.2.1",
            "64:ff9b::1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
        ] {
            assert!(is_ipv6(yes), "{yes}");
        }
        for no in [
            "",
            ":",
            ":::",
            "1:2:3:4:5:6:7:8:9",
            "1::2::3",
            "12345::",
            "g::1",
            "::1.2.3",
            "::01.2.3.4",
            "::256.1.1.1",
            "1.2.3.4",
            "mail.example.com",
            "::1:",
            ":1::",
            "1:2:3:4:5:6:7::8",
        ] {
            assert!(!is_ipv6(no), "{no}");
        }
    }

    proptest::proptest! {
        /// The same answer as the standard library, on text made of what addresses are made of.
        #[test]
        fn ipv6_agrees_with_the_standard_parser(text in "[0-9a-fA-F:.]{0,45}") {
            proptest::prop_assert_eq!(is_ipv6(&text), text.parse::<core::net::Ipv6Addr>().is_ok(), "{}", text);
        }

        #[test]
        fn ipv6_agrees_on_real_addresses(bytes in proptest::prelude::any::<[u8; 16]>(), v4 in proptest::prelude::any::<bool>()) {
            let addr = core::net::Ipv6Addr::from(bytes);
            let text = if v4 {
                let [.., a, b, c, d] = bytes;
                format!("{}:{a}.{b}.{c}.{d}", addr.segments()[..6].iter().map(|s| format!("{s:x}")).collect::<Vec<_>>().join(":"))
            } else {
                addr.to_string()
            };
            proptest::prop_assert!(is_ipv6(&text), "{}", text);
            proptest::prop_assert!(text.parse::<core::net::Ipv6Addr>().is_ok());
        }
    }
}
