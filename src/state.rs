//! The app's state: one reducer holds everything a person entered or chose, and nothing the engine can
//! derive.
//!
//! Findings, causes, recommendations and guides are computed from this state on render, by the engine, so
//! they can never disagree with what is on screen.

use mailcheck_engine::advice::{Answers, Keep};
use mailcheck_engine::guide::Client;
use mailcheck_engine::model::by_id;
use mailcheck_engine::{Field, Fix, Protocol, Settings};
use std::rc::Rc;
use yew::Reducible;

/// The screens of the app, in the order a person usually needs them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Screen {
    /// The provider's correct settings.
    #[default]
    Settings,
    /// The person's own settings, checked field by field.
    Check,
    /// An error message, decoded.
    Decode,
    /// IMAP or POP3?
    Protocol,
    /// Step-by-step setup for their mail app.
    Guide,
    /// Downloads, summary, share link.
    TakeAway,
}

impl Screen {
    pub const ALL: [Screen; 6] = [
        Screen::Settings,
        Screen::Check,
        Screen::Decode,
        Screen::Protocol,
        Screen::Guide,
        Screen::TakeAway,
    ];

    /// The name in the navigation.
    pub const fn label(self) -> &'static str {
        match self {
            Screen::Settings => "Correct settings",
            Screen::Check => "Check my settings",
            Screen::Decode => "Decode an error",
            Screen::Protocol => "IMAP or POP3?",
            Screen::Guide => "Set up my mail app",
            Screen::TakeAway => "Save & share",
        }
    }

    /// A stable id, for element ids, storage and tests.
    pub const fn id(self) -> &'static str {
        match self {
            Screen::Settings => "settings",
            Screen::Check => "check",
            Screen::Decode => "decode",
            Screen::Protocol => "protocol",
            Screen::Guide => "guide",
            Screen::TakeAway => "take-away",
        }
    }

    pub fn from_id(id: &str) -> Option<Screen> {
        by_id(&Screen::ALL, Screen::id, id)
    }
}

/// Which values guides and downloads are filled in with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Values {
    /// The provider's recommended settings (when the provider is known).
    #[default]
    Recommended,
    /// The settings the person entered under "Check my settings".
    Mine,
}

/// Everything the person entered or chose.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// The address and the two servers as the person's mail app shows them.
    pub settings: Settings,
    pub screen: Screen,
    /// The error text pasted into the decoder.
    pub error_text: String,
    /// The answers to the IMAP-or-POP3 questions.
    pub answers: Answers,
    /// The mail app the guide is for.
    pub client: Option<Client>,
    pub values: Values,
    /// The incoming protocol of the provider's settings in guides and files when the person chose one;
    /// `None` follows the IMAP-or-POP3 recommendation.
    pub incoming: Option<Protocol>,
    /// How many fixes were applied, for the check to say where the person stands.
    pub fixed: usize,
    /// The fix applied last, said until the settings change otherwise.
    pub fix: Option<Fix>,
}

/// What can happen to the state.
pub enum Action {
    SetEmail(String),
    SetField(Field, String),
    /// A finding's fix, applied with its button.
    ApplyFix(Fix),
    /// Replace all settings at once ("Fill in the recommended settings").
    Fill(Box<Settings>),
    Show(Screen),
    SetErrorText(String),
    SetDevices(u32),
    SetKeep(Option<Keep>),
    SetOfflineArchive(bool),
    SetQuota(Option<u32>),
    ChooseClient(Option<Client>),
    UseValues(Values),
    /// Guides and files with the provider's server of this protocol; `None` follows the recommendation.
    UseIncoming(Option<Protocol>),
    /// Forget everything (the "Clear" button).
    Clear,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let fixing = matches!(action, Action::ApplyFix(_));
        match action {
            Action::SetEmail(email) => next.settings.email = email,
            Action::SetField(field, value) => next.settings.set(field, value),
            Action::ApplyFix(fix) => {
                next.settings.set(fix.field, fix.value.clone());
                next.fixed += 1;
                next.fix = Some(fix);
            }
            Action::Fill(settings) => next.settings = *settings,
            Action::Show(screen) => next.screen = screen,
            Action::SetErrorText(text) => next.error_text = text,
            Action::SetDevices(n) => next.answers.devices = n.max(1),
            Action::SetKeep(keep) => next.answers.keep = keep,
            Action::SetOfflineArchive(on) => next.answers.offline_archive = on,
            Action::SetQuota(mb) => next.answers.quota_mb = mb,
            Action::ChooseClient(client) => next.client = client,
            Action::UseValues(values) => next.values = values,
            Action::UseIncoming(protocol) => next.incoming = protocol,
            Action::Clear => next = State::default(),
        }
        // Outgoing mail is always SMTP: the form does not ask, the engine fills it in.
        next.settings.fill_sole_protocols();
        if !fixing && next.settings != self.settings {
            next.fix = None;
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mailcheck_engine::ServerField;

    #[test]
    fn outgoing_is_smtp_once_a_server_field_is_typed() {
        let state = Rc::new(State::default());
        let typed = state.reduce(Action::SetField(Field::Incoming(ServerField::Host), "pop.q.com".into()));
        assert_eq!(typed.settings.outgoing.protocol, "smtp");
        let email = Rc::new(State::default()).reduce(Action::SetEmail("jane@q.com".into()));
        assert_eq!(
            email.settings.outgoing.protocol, "",
            "nothing typed into the servers yet"
        );
        let other = typed.reduce(Action::SetField(Field::Outgoing(ServerField::Protocol), "imap".into()));
        assert_eq!(
            other.settings.outgoing.protocol, "imap",
            "what was given is kept, for the check to explain"
        );
        assert_eq!(other.reduce(Action::Clear).settings, Settings::default());
    }

    #[test]
    fn a_fix_is_counted_and_said_until_the_settings_change_otherwise() {
        let port = Field::Outgoing(ServerField::Port);
        let fix = Fix {
            field: port,
            value: "587".into(),
        };
        let fixed = Rc::new(State::default()).reduce(Action::ApplyFix(fix.clone()));
        assert_eq!((fixed.settings.outgoing.port.as_str(), fixed.fixed), ("587", 1));
        assert_eq!(fixed.fix.as_ref(), Some(&fix));
        let shown = fixed.reduce(Action::Show(Screen::Guide));
        assert_eq!(shown.fix.as_ref(), Some(&fix), "still said on coming back");
        let typed = shown.reduce(Action::SetField(port, "465".into()));
        assert_eq!((typed.fix.as_ref(), typed.fixed), (None, 1));
    }
}
