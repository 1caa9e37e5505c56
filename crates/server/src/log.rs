//! What `mailcheck serve` writes to standard error: one line per event, as text for people or as JSON for
//! log collectors (`--log-format`). Whatever a request carries (a host name, a header) is attacker's text:
//! it is logged only through [`quoted`], so it can never start a line of its own, move the cursor or hide
//! behind terminal escapes.

use std::fmt::Write;
use std::io::IsTerminal;

/// How log lines are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `2026-01-01T00:00:00Z  INFO probe client=… host="…"`, for people.
    #[default]
    Text,
    /// One JSON object a line, for log collectors.
    Json,
}

/// Sends the process's log events to standard error in `format` (stdout carries the URL). Colours only on a
/// terminal: a journal or a file gets plain text.
pub fn init(format: Format) {
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false);
    match format {
        Format::Text => builder.init(),
        Format::Json => builder.json().flatten_event(true).init(),
    }
}

/// Text from a request, made safe for a log line: in double quotes, with `"` and `\` escaped, and every
/// character that is not plainly visible written as an escape: control characters (newline, CR, ESC, NUL,
/// DEL…), line and paragraph separators, and the format characters that reorder or hide text (bidi
/// overrides, zero-width characters).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_invisible(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Control characters, separators other than the plain space, and format characters (Unicode category Cf,
/// the ranges in use).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_invisible_characters_are_escaped() {
        let cases = [
            ("mail.example.com", r#""mail.example.com""#),
            ("a\nb", r#""a\u{a}b""#),
            ("a\r\nb", r#""a\u{d}\u{a}b""#),
            ("\u{1b}[2J", r#""\u{1b}[2J""#),
            ("nul\0", r#""nul\u{0}""#),
            ("del\u{7f}", r#""del\u{7f}""#),
            ("tab\there", r#""tab\u{9}here""#),
            ("line\u{2028}sep", r#""line\u{2028}sep""#),
            ("\u{202e}moc.elpmaxe", r#""\u{202e}moc.elpmaxe""#),
            ("zero\u{200b}width", r#""zero\u{200b}width""#),
            (r#"quote" host="x"#, r#""quote\" host=\"x""#),
            (r"back\u{a}slash", r#""back\\u{a}slash""#),
            // Visible text that is not ASCII stays as it is.
            ("müller.de", r#""müller.de""#),
            ("two words", r#""two words""#),
        ];
        for (raw, logged) in cases {
            assert_eq!(quoted(raw), logged, "{raw:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn nothing_quoted_breaks_a_line_or_the_quotes(text in proptest::prelude::any::<String>()) {
            let q = quoted(&text);
            proptest::prop_assert!(!q.chars().any(|c| c.is_control() || is_invisible(c)), "{q}");
            let inner = &q[1..q.len() - 1];
            // Every quote inside is escaped: it cannot end the value early.
            let unescaped = inner.replace("\\\\", "").replace("\\\"", "");
            proptest::prop_assert!(!unescaped.contains('"'), "{q}");
        }
    }
}
