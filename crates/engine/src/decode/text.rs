//! The pasted error text, normalized once so every pattern can be a plain lower-case substring.
//!
//! People paste what their client showed: mixed case, wrapped over several lines, with curly quotes,
//! non-breaking spaces (French punctuation), full-width digits (East Asian input methods), zero-width
//! characters from web pages and `×` where a blog typeset `0x`. All of that is folded away here, so the
//! patterns in the sibling modules never need to care.

/// Only the start of a very long paste is read: error texts are short, and the cost must stay bounded in
/// the browser whatever is pasted.
pub(super) const MAX_CHARS: usize = 100_000;

/// Normalized error text: lower case, every run of whitespace one space, look-alike punctuation folded.
pub(super) struct Text {
    s: String,
}

impl Text {
    pub(super) fn new(raw: &str) -> Text {
        let mut s = String::with_capacity(raw.len().min(MAX_CHARS));
        let mut space = false;
        for c in raw.chars().take(MAX_CHARS).filter_map(fold) {
            if c.is_whitespace() {
                space = !s.is_empty();
                continue;
            }
            if space {
                s.push(' ');
                space = false;
            }
            // ASCII folding is enough: every pattern is ASCII, and it keeps Unicode case tables out of the wasm.
            s.push(c.to_ascii_lowercase());
        }
        Text { s }
    }

    pub(super) fn as_str(&self) -> &str {
        &self.s
    }

    /// Whether the text holds `phrase` (already lower case) anywhere.
    pub(super) fn has(&self, phrase: &str) -> bool {
        self.s.contains(phrase)
    }

    pub(super) fn has_any(&self, phrases: &[&str]) -> bool {
        phrases.iter().any(|p| self.has(p))
    }

    /// Whether `word` occurs with no letter or digit directly before or after it ("avg" but not "average").
    pub(super) fn has_word(&self, word: &str) -> bool {
        self.s.match_indices(word).any(|(at, _)| {
            let before = self.s[..at].chars().next_back();
            let after = self.s[at + word.len()..].chars().next();
            !before.is_some_and(word_char) && !after.is_some_and(word_char)
        })
    }

    /// The runs of letters and digits, in order ("0x800ccc0e", "port", "25", ...).
    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        self.s.split(|c: char| !word_char(c)).filter(|w| !w.is_empty())
    }

    /// Port numbers the text names: `port 25`, `Port: 465`, `port=587` and `host:993`.
    pub(super) fn ports(&self) -> Vec<u16> {
        let mut ports = Vec::new();
        let b = self.s.as_bytes();
        for (at, _) in self.s.match_indices("port") {
            let word_start = at == 0 || !b[at - 1].is_ascii_alphanumeric();
            let word_end = !b.get(at + 4).is_some_and(u8::is_ascii_alphanumeric);
            if word_start && word_end {
                push_port(&mut ports, self.s[at + 4..].trim_start_matches([' ', ':', '=']));
            }
        }
        for (at, _) in self.s.match_indices(':') {
            let host = self.s[..at]
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                .next()
                .unwrap_or_default();
            // A host name (`mail.q.com`) or an IPv4 address, not a time of day (`10:30`).
            let dots = host.matches('.').count();
            if dots > 0 && (host.bytes().any(|c| c.is_ascii_alphabetic()) || dots == 3) {
                push_port(&mut ports, &self.s[at + 1..]);
            }
        }
        ports
    }
}

/// Reads the number at the start of `rest` when it is a whole number (not the start of `5353` or `25.1`).
fn push_port(ports: &mut Vec<u16>, rest: &str) {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let next = rest.as_bytes().get(digits);
    let whole = !next.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.');
    let port = crate::read::number(&rest[..digits]).and_then(|n| u16::try_from(n).ok());
    if let (true, Some(port)) = (whole, port) {
        if port != 0 && !ports.contains(&port) && ports.len() < 16 {
            ports.push(port);
        }
    }
}

/// One character as the patterns expect it, or `None` for characters that only add noise.
fn fold(c: char) -> Option<char> {
    Some(match c {
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return None,
        // Full-width ASCII (U+FF01..U+FF5E) to ASCII; the subtraction cannot underflow in this range.
        '\u{FF01}'..='\u{FF5E}' => return char::from_u32(c as u32 - 0xFEE0),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{00D7}' => 'x',
        c => c,
    })
}

/// Whether `c` belongs to a word: an ASCII letter or digit, or any character beyond ASCII. Every pattern is
/// ASCII, so this tells words apart as well as Unicode's letter classes would, without their tables in the wasm.
pub(super) fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || !c.is_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_space_quotes_and_width() {
        let t = Text::new("  Username\u{00A0}and\r\n\tPassword  NOT\u{200B} accepted ’ “x” ０ｘ８００ＣＣＣ０Ｅ 0×1 ");
        assert_eq!(t.as_str(), "username and password not accepted ' \"x\" 0x800ccc0e 0x1");
    }

    #[test]
    fn long_input_is_cut_at_a_character_boundary() {
        let t = Text::new(&"é".repeat(MAX_CHARS + 10));
        assert_eq!(t.as_str().chars().count(), MAX_CHARS);
    }

    #[test]
    fn words_respect_boundaries() {
        let t = Text::new("AVG Web/Mail Shield; average");
        assert!(t.has_word("avg"));
        assert!(!Text::new("average: 12").has_word("avg"));
        assert!(!Text::new("savg").has_word("avg"));
    }

    #[test]
    fn ports_are_read_from_common_forms() {
        let t = Text::new(
            "Server: 'smtp.q.com', Protocol: SMTP, Port: 25, Secure(SSL): No; tried mail.q.com:993 and port=587",
        );
        assert_eq!(t.ports(), vec![25, 587, 993]);
    }

    #[test]
    fn port_near_misses_are_ignored() {
        for s in [
            "report 25 issues",
            "port 5353x",
            "port 25.5",
            "at 10:30",
            "12.05.2024 10:30",
            "support: 465",
            "ports 25",
            "port 99999",
            "port:",
        ] {
            let ports = Text::new(s).ports();
            assert!(
                !ports.contains(&25) && !ports.contains(&465) && !ports.contains(&30),
                "{s}: {ports:?}"
            );
        }
    }
}
