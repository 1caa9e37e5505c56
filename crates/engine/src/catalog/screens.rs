//! Texts of the app's screens that no rule of the engine writes: the form's labels, the check while it is
//! being filled in, copy buttons, the choice of IMAP or POP3 for guides and files, the warnings of "Save &
//! share", addresses that cannot be real, and where a guide's wording comes from.

use crate::guide::Source;
use crate::model::{Protocol, Provider};
use crate::settings::{Field, ServerField};

/// A server field's label, as the form and the line about empty fields name it.
pub const fn field_label(field: ServerField) -> &'static str {
    match field {
        ServerField::Protocol => "Account type",
        ServerField::Host => "Server",
        ServerField::Port => "Port",
        ServerField::Security => "Encryption",
        ServerField::Username => "User name",
        ServerField::Auth => "Sign-in method",
    }
}

/// One line for the fields a check waits for, instead of a problem under each of them: "5 fields still
/// empty: incoming Port and Encryption; outgoing Server, Port and User name." `None` when none is empty.
pub fn empty_fields(fields: &[Field]) -> Option<String> {
    if fields.is_empty() {
        return None;
    }
    let mut text = match fields.len() {
        1 => "1 field still empty:".to_owned(),
        n => format!("{n} fields still empty:"),
    };
    let of_side = |incoming: bool| -> Vec<ServerField> {
        let side = |f: &Field| match (f, incoming) {
            (Field::Incoming(s), true) | (Field::Outgoing(s), false) => Some(*s),
            _ => None,
        };
        fields.iter().filter_map(side).collect()
    };
    let sides = [("incoming", of_side(true)), ("outgoing", of_side(false))];
    for (i, (side, list)) in sides.iter().filter(|(_, list)| !list.is_empty()).enumerate() {
        text.push_str(if i == 0 { " " } else { "; " });
        text.push_str(side);
        for (j, f) in list.iter().enumerate() {
            text.push_str(match j {
                0 => " ",
                j if j + 1 == list.len() => " and ",
                _ => ", ",
            });
            text.push_str(field_label(*f));
        }
    }
    text.push('.');
    Some(text)
}

/// The words of a copy button, before and after a click.
pub const COPY: &str = "Copy";
pub const COPIED: &str = "Copied";

/// What the live region says once a copy button has copied `what`.
pub fn copied(what: &str) -> String {
    format!("{what} copied to the clipboard.")
}

/// The choice of incoming protocol for guides and files: its legend, and each option's words.
pub const PROTOCOL_LEGEND: &str = "Incoming mail";

/// An option of the protocol choice; `recommended` for the one the IMAP-or-POP3 screen recommends.
pub fn protocol_option(protocol: Protocol, recommended: bool) -> String {
    if recommended {
        format!("{}, as \"IMAP or POP3?\" recommends for you", protocol.label())
    } else {
        protocol.label().to_owned()
    }
}

/// Where a guide's menus and labels were checked: the words before the link and the link's own words (never
/// the bare address), or the sentence alone when nothing could be checked.
pub const fn guide_source(source: Source) -> (&'static str, &'static str) {
    match source {
        Source::MakerDocs(_) => ("Checked against ", "the maker's help page"),
        Source::AppSource(_) => ("Checked against ", "the app's own wording, in its source code"),
        Source::None => (
            "The maker's documentation could not be checked; where unsure the steps stay general.",
            "",
        ),
    }
}

/// Save & share with the person's own settings when the check finds errors in them: the files would not
/// work as they are.
pub fn files_have_errors(errors: usize) -> String {
    let problems = if errors == 1 {
        "1 problem".to_owned()
    } else {
        format!("{errors} problems")
    };
    format!(
        "The check finds {problems} in the settings you entered, so files made from them will not work as they \
         are. Use the corrected settings, or see each problem under \"Check my settings\"."
    )
}

/// The buttons that offer settings that work instead.
pub const USE_CORRECTED: &str = "Use the corrected settings";

pub fn switch_to_recommended(provider: &Provider) -> String {
    format!("Use {}'s recommended settings", provider.name)
}

/// "Clear everything" asks first.
pub const CLEAR_QUESTION: &str =
    "Clear your address, settings, answers and chosen app from this browser? This cannot be undone.";
pub const CLEAR_YES: &str = "Yes, clear everything";
pub const CLEAR_NO: &str = "Keep everything";

/// Said while the texts that come with the provider data are on their way, or when they could not be loaded
/// (`{why}` is the reason).
pub const CAUSES_LOADING: &str = "Loading the explanations of errors…";
pub const CAUSES_FAILED: &str = "The explanations of errors could not be loaded ({why}). Reload the page to try again.";
pub const GUIDES_LOADING: &str = "Loading the guide…";
pub const GUIDES_FAILED: &str = "The guides could not be loaded ({why}). Reload the page to try again.";

/// The longest part of what was typed that a screen repeats: an address is at most 254 characters, and a
/// longer paste would only push everything else down.
const ECHO_CHARS: usize = 60;

/// `text` as a screen repeats it: whole when short, else its start and end around an ellipsis.
pub fn echo(text: &str) -> String {
    let n = text.chars().count();
    if n <= ECHO_CHARS {
        return text.to_owned();
    }
    let head: String = text.chars().take(ECHO_CHARS - 16).collect();
    let tail: String = text.chars().skip(n - 15).collect();
    format!("{head}…{tail}")
}

/// Said instead of looking up a provider when what was typed cannot be an address or a domain.
pub fn not_an_address(typed: &str) -> String {
    format!(
        "\"{}\" is not an email address. An address has a name, one @ and a domain, like jane@example.com.",
        echo(typed.trim())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_in_one_line_per_side() {
        use ServerField::*;
        assert_eq!(empty_fields(&[]), None);
        assert_eq!(
            empty_fields(&[Field::Outgoing(Port)]).as_deref(),
            Some("1 field still empty: outgoing Port.")
        );
        assert_eq!(
            empty_fields(&[
                Field::Incoming(Port),
                Field::Incoming(Security),
                Field::Outgoing(Host),
                Field::Outgoing(Port),
                Field::Outgoing(Username),
            ])
            .as_deref(),
            Some("5 fields still empty: incoming Port and Encryption; outgoing Server, Port and User name.")
        );
    }

    #[test]
    fn echoes_are_short_and_whole_characters() {
        assert_eq!(echo("jane@q.com"), "jane@q.com");
        let long = "a".repeat(10_000);
        assert!(echo(&long).chars().count() <= ECHO_CHARS, "{}", echo(&long));
        let emoji = "📧".repeat(500);
        assert!(echo(&emoji).starts_with("📧📧") && echo(&emoji).contains('…'));
        assert!(not_an_address("📧📧📧").contains("\"📧📧📧\" is not an email address"));
    }

    #[test]
    fn the_recommended_protocol_says_so() {
        assert_eq!(
            protocol_option(Protocol::Imap, true),
            "IMAP, as \"IMAP or POP3?\" recommends for you"
        );
        assert_eq!(protocol_option(Protocol::Pop3, false), "POP3");
        assert!(files_have_errors(1).contains("1 problem in"));
        assert!(files_have_errors(2).contains("2 problems in"));
    }
}
