//! Texts of the app's screens that no rule of the engine writes: the app's frame, the form's labels and
//! choices, the check while it is being filled in, findings' words and fix buttons, copy buttons, the choice
//! of IMAP or POP3 for guides and files, the warnings of "Save & share", addresses that cannot be real, and
//! where a guide's wording comes from.

use crate::finding::Severity;
use crate::guide::Source;
use crate::model::{Protocol, Provider, Side};
use crate::settings::{Field, ServerField};
use crate::share::ShareError;

/// The line under the app's name (not in the compact layout).
pub const TAGLINE: &str = "The correct email settings for your address, from your provider's own pages.";

/// The app's name as a landmark inside another site's page (a widget), which has its own main landmark.
pub const WIDGET_LABEL: &str = "Email settings checker";

/// The footer's promise before the one about where the settings come from (`provenance::PROMISE`).
pub const NO_PASSWORD: &str = "mailcheck never asks for your password. ";

/// Said when a share link (or the state kept in this browser) cannot be read; `problem` says why.
pub fn link_not_opened(problem: &ShareError) -> String {
    format!("The link could not be opened: {problem}")
}

/// Said when a help page about the provider `preset` meets an address of another (`found`, when known): the
/// settings shown follow the address.
pub fn other_provider(preset: &str, found: Option<&str>) -> String {
    match found {
        Some(found) => {
            format!("This is not a {preset} address: the settings below are {found}'s, the provider of your address.")
        }
        None => format!(
            "This is not a {preset} address, and mailcheck does not know its provider: only the general checks apply."
        ),
    }
}

/// Why "Save & share" has no files yet: no address, or settings the files cannot be made from (`why`).
pub const FILES_NEED_ADDRESS: &str = "Type your email address at the top first: the files are made for it.";

pub fn files_need_settings(why: &str) -> String {
    format!("These files need complete settings: fill them in under \"Check my settings\". {why}")
}

/// The legend of one server's fields on the form.
pub const fn server_legend(side: Side) -> &'static str {
    match side {
        Side::Incoming => "Incoming mail server",
        Side::Outgoing => "Outgoing mail server (SMTP)",
    }
}

/// The choices of the form's choice fields, as (value in the settings, label).
pub const SECURITY_CHOICES: &[(&str, &str)] = &[
    ("tls", "SSL/TLS"),
    ("starttls", "STARTTLS"),
    ("none", "None (no encryption)"),
];
pub const AUTH_CHOICES: &[(&str, &str)] = &[
    ("password", "Normal password"),
    ("oauth2", "OAuth2 (sign in on the provider's page)"),
    ("none", "None"),
];
pub const INCOMING_CHOICES: &[(&str, &str)] = &[("imap", "IMAP"), ("pop3", "POP3")];
pub const OUTGOING_CHOICES: &[(&str, &str)] = &[("smtp", "SMTP")];

/// The empty choice of a choice field.
pub const CHOOSE: &str = "Choose…";

/// A value of a choice field that none of its choices has (typed into a saved file, say), shown as it is.
pub fn not_a_known_value(value: &str) -> String {
    format!("{value} (not a known value)")
}

/// The word before a finding's text.
pub const fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Problem",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

/// The button of a fix that sets its field to `value`: a choice reads as the form labels it (`starttls`
/// reads "STARTTLS").
pub fn apply_fix(value: &str) -> String {
    if value.is_empty() {
        return "Apply fix: clear this field".to_owned();
    }
    format!("Apply fix: use {}", choice_label(value))
}

/// `value` as the form labels it when it is one of a choice field's values, else as it is.
fn choice_label(value: &str) -> &str {
    [SECURITY_CHOICES, AUTH_CHOICES, INCOMING_CHOICES, OUTGOING_CHOICES]
        .into_iter()
        .flatten()
        .find(|(v, _)| *v == value)
        .map_or(value, |(_, label)| *label)
}

/// What the check says once a fix has set `field` to `value` ("Outgoing port set to 587."), so a fix that
/// worked is seen and heard, not only missed.
pub fn fix_applied(field: Field, value: &str) -> String {
    let name = match field {
        Field::Email => "Email address".to_owned(),
        Field::Incoming(f) => format!("Incoming {}", field_label(f).to_ascii_lowercase()),
        Field::Outgoing(f) => format!("Outgoing {}", field_label(f).to_ascii_lowercase()),
    };
    if value.is_empty() {
        format!("{name} cleared.")
    } else {
        format!("{name} set to {}.", choice_label(value))
    }
}

/// The verdict once fixes were applied while fields are still empty (`waiting`, from [`empty_fields`]) and
/// nothing filled in is wrong: where the person stands, rather than no verdict at all.
pub fn standing(fixed: usize, waiting: &str) -> String {
    format!("Fixed so far: {fixed}. Nothing filled in is wrong. {waiting}")
}

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

/// One line for the fields a check waits for, instead of a problem under each of them; `provider` when its
/// recommended settings can be filled in with the button above. `None` when no field is empty.
pub fn empty_fields(count: usize, provider: Option<&str>) -> Option<String> {
    let (fields, them) = match count {
        0 => return None,
        1 => ("1 field is still empty".to_owned(), "it"),
        n => (format!("{n} fields are still empty"), "them"),
    };
    let mut text = format!("{fields}: fill {them} in as your mail app shows {them}");
    if let Some(name) = provider {
        text.push_str(&format!(", or fill in {name}'s settings with the button above"));
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

/// Said while the texts that come with the provider data are on their way, or when they could not be loaded
/// (`{why}` is the reason).
pub const CAUSES_LOADING: &str = "Loading the explanations of errors…";
pub const CAUSES_FAILED: &str = "The explanations of errors could not be loaded ({why}). Reload the page to try again.";
/// Said while the code of a screen not in the first load (src/later.rs in the app) is on its way.
pub const SCREEN_LOADING: &str = "Loading this screen…";
/// Said when that code could not be fetched, above a button that tries again.
pub const SCREEN_NOT_LOADED: &str = "This screen could not be loaded. Check your internet connection, then try again.";
pub const TRY_AGAIN: &str = "Try again";
/// Said while the settings of an unknown domain are looked for.
pub fn looking_for(domain: &str) -> String {
    format!("Looking for the settings of {}…", echo(domain))
}

/// A discovery's plain steps (the app's `discover::Step`): each gathers the sources of one kind
/// (docs/discover.md), named as a person follows them, not by their URLs.
pub const STEP_DOMAIN: &str = "Asking your domain for its settings file";
pub const STEP_ISPDB: &str = "Asking the Thunderbird database";
pub const STEP_MX: &str = "Looking at who receives your mail";
pub const STEP_SRV: &str = "Looking for the mail services your domain announces";
pub const STEP_GUESS: &str = "Trying the usual server names, by talking to them";
/// After a step's words: it found servers, it answered without any (nothing there, or it failed: the folded
/// sentences say which), it is still running, or the search ended without its answer.
pub const STEP_FOUND: &str = ": found servers";
pub const STEP_NOTHING: &str = ": nothing found";
pub const STEP_RUNNING: &str = "…";
pub const STEP_NO_ANSWER: &str = ": no answer";

/// Said when the code that reads a discovery's answers could not be fetched.
pub const DISCOVERY_NOT_LOADED: &str =
    "The search for these settings could not start: part of mailcheck could not be loaded. Check your internet connection, then type the address again.";
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
    fn empty_fields_in_one_line() {
        assert_eq!(empty_fields(0, Some("X")), None);
        assert_eq!(
            empty_fields(1, None).as_deref(),
            Some("1 field is still empty: fill it in as your mail app shows it.")
        );
        assert_eq!(
            empty_fields(5, Some("CenturyLink")).as_deref(),
            Some(
                "5 fields are still empty: fill them in as your mail app shows them, or fill in CenturyLink's \
                 settings with the button above."
            )
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
    fn a_fix_names_a_choice_by_its_label() {
        assert_eq!(apply_fix("starttls"), "Apply fix: use STARTTLS");
        assert_eq!(apply_fix("smtp.q.com"), "Apply fix: use smtp.q.com");
        assert_eq!(apply_fix(""), "Apply fix: clear this field");
    }

    #[test]
    fn an_applied_fix_says_what_changed_and_the_standing_what_is_left() {
        assert_eq!(
            fix_applied(Field::Outgoing(ServerField::Port), "587"),
            "Outgoing port set to 587."
        );
        assert_eq!(
            fix_applied(Field::Incoming(ServerField::Security), "starttls"),
            "Incoming encryption set to STARTTLS."
        );
        assert_eq!(
            fix_applied(Field::Email, "jane@gmail.com"),
            "Email address set to jane@gmail.com."
        );
        assert_eq!(
            fix_applied(Field::Outgoing(ServerField::Username), ""),
            "Outgoing user name cleared."
        );
        let waiting = empty_fields(2, None).unwrap();
        assert_eq!(
            standing(2, &waiting),
            "Fixed so far: 2. Nothing filled in is wrong. 2 fields are still empty: fill them in as your mail app \
             shows them."
        );
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
