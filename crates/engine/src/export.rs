//! Files that set up an [`Account`] in a mail client, and a plain-text summary.
//!
//! None of them ever holds a password: there is no password anywhere in the engine's types, and each
//! format leaves the password for the client to ask.

pub mod autoconfig;
pub mod autodiscover;
pub mod mobileconfig;
pub mod text;

use crate::account::Account;
use crate::model::by_id;
use crate::texts::Texts;

/// A kind of export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Apple configuration profile for iPhone, iPad and Mac.
    Mobileconfig,
    /// Thunderbird autoconfig (`config-v1.1.xml`).
    Autoconfig,
    /// Outlook Autodiscover (POX response).
    Autodiscover,
    /// A plain-text summary to print or paste.
    Text,
}

impl Format {
    pub const ALL: [Format; 4] = [
        Format::Mobileconfig,
        Format::Autoconfig,
        Format::Autodiscover,
        Format::Text,
    ];

    /// The id used on the command line and in the app.
    pub const fn id(self) -> &'static str {
        match self {
            Format::Mobileconfig => "mobileconfig",
            Format::Autoconfig => "autoconfig",
            Format::Autodiscover => "autodiscover",
            Format::Text => "text",
        }
    }

    /// The format with this id.
    pub fn parse(id: &str) -> Option<Format> {
        by_id(&Format::ALL, Format::id, id)
    }

    /// The name to save the file under.
    pub const fn file_name(self) -> &'static str {
        match self {
            Format::Mobileconfig => "mail.mobileconfig",
            Format::Autoconfig => "config-v1.1.xml",
            Format::Autodiscover => "autodiscover.xml",
            Format::Text => "mail-settings.txt",
        }
    }

    /// The media type to serve or download the file with.
    pub const fn media_type(self) -> &'static str {
        match self {
            // The type Apple devices open as a profile to install.
            Format::Mobileconfig => "application/x-apple-aspen-config",
            Format::Autoconfig | Format::Autodiscover => "application/xml",
            Format::Text => "text/plain; charset=utf-8",
        }
    }
}

/// Writes `account` in `format`.
///
/// `salt` only matters for the Apple profile: it makes its payload UUIDs unique (see
/// [`mobileconfig::profile`]); pass something that differs between downloads, such as the time.
/// `texts` (the data file's, [`crate::Database::texts`]) word what the text summary says of the provider.
pub fn export(account: &Account, format: Format, salt: &str, texts: &Texts) -> Result<String, ExportError> {
    match format {
        Format::Mobileconfig => mobileconfig::profile(account, salt),
        Format::Autoconfig => autoconfig::config(account),
        Format::Autodiscover => autodiscover::response(account),
        Format::Text => Ok(text::summary(account, texts)),
    }
}

/// Why an account cannot be written in a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// The account signs in with OAuth2, which the format cannot express, and no password is accepted.
    NeedsOAuth2(Format),
    /// The format names the mail domain, and neither an address nor a provider gives one.
    NeedsDomain(Format),
}

impl ExportError {
    /// Stable code, e.g. `export.needs-oauth2`.
    pub const fn code(self) -> &'static str {
        match self {
            ExportError::NeedsOAuth2(_) => "export.needs-oauth2",
            ExportError::NeedsDomain(_) => "export.needs-domain",
        }
    }
}

impl std::error::Error for ExportError {}

/// `text` escaped for XML element content and attribute values.
///
/// Besides the five markup characters, carriage return, tab and line feed are written as character
/// references so that a parser's line-end and attribute normalization gives back the same text. Characters
/// XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF) become U+FFFD: no valid setting contains
/// them, and a file that parsers reject would help nobody.
fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#xD;"),
            '\n' => out.push_str("&#xA;"),
            '\t' => out.push_str("&#x9;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push(char::REPLACEMENT_CHARACTER),
        }
    }
    out
}

/// Writes `<name>text</name>` and a line end, `depth` levels of two spaces in, with `text` escaped: one
/// writer for every element of the XML formats (it also keeps the wasm smaller than a `format!` each).
fn element(out: &mut String, depth: usize, name: &str, text: &str) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push('<');
    out.push_str(name);
    out.push('>');
    out.push_str(&escape_xml(text));
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

/// Whether XML 1.0 allows `c` in a document (tab, line feed and carriage return are handled before).
fn is_xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_ids_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.id()), Some(f));
        }
        assert_eq!(Format::parse("Mobileconfig"), None);
        assert_eq!(Format::parse(""), None);
    }

    #[test]
    fn escaping_covers_markup_line_ends_and_forbidden_characters() {
        assert_eq!(
            escape_xml(r#"a&b<c>"d"'e'"#),
            "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;"
        );
        assert_eq!(escape_xml("a\r\n\tb"), "a&#xD;&#xA;&#x9;b");
        assert_eq!(escape_xml("a\u{0}b\u{1B}c\u{FFFF}"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
        assert_eq!(escape_xml("Jürgen 日本 %EMAILADDRESS%"), "Jürgen 日本 %EMAILADDRESS%");
    }

    #[test]
    fn an_element_is_indented_and_its_text_escaped() {
        let mut out = String::new();
        element(&mut out, 2, "hostname", "a<b");
        element(&mut out, 0, "port", "993");
        assert_eq!(out, "    <hostname>a&lt;b</hostname>\n<port>993</port>\n");
    }
}
