//! Keeping the state across reloads, and opening share links.
//!
//! Settings and the chosen app are stored as a share-link fragment (`mailcheck_engine::share`), so a
//! saved state and a shared link are the same thing; the other answers sit beside it under their own keys.
//! Nothing secret exists in the state to store: the app has no password field.

use crate::browser;
use crate::state::{Screen, State, Values};
use mailcheck_engine::advice::{Answers, Keep};
use mailcheck_engine::guide::Client;
use mailcheck_engine::read::{self, number};
use mailcheck_engine::share::{self, Shared};

const SETTINGS: &str = "mailcheck.settings";
const ANSWERS: &str = "mailcheck.answers";
const ERROR_TEXT: &str = "mailcheck.error";
const SCREEN: &str = "mailcheck.screen";
const VALUES: &str = "mailcheck.values";
const INCOMING: &str = "mailcheck.incoming";

/// The state to start with: a share link in the URL wins over what was saved; a link that cannot be read
/// is reported in `Err` with the saved state, so the app can say why the link did not open.
pub fn load() -> (State, Option<share::ShareError>) {
    let mut state = saved();
    let mut problem = None;
    if let Some(fragment) = browser::fragment() {
        match share::decode(&fragment) {
            Ok(shared) => {
                state.settings = shared.settings;
                state.client = shared.client.as_deref().and_then(Client::from_id);
                state.screen = Screen::Check;
                state.values = Values::Mine;
            }
            Err(e) => problem = Some(e),
        }
        browser::clear_fragment();
    }
    (state, problem)
}

fn saved() -> State {
    let mut state = State::default();
    if let Some(shared) = browser::load(SETTINGS).and_then(|f| share::decode(&f).ok()) {
        state.settings = shared.settings;
        state.client = shared.client.as_deref().and_then(Client::from_id);
    }
    if let Some(answers) = browser::load(ANSWERS).and_then(|a| decode_answers(&a)) {
        state.answers = answers;
    }
    state.error_text = browser::load(ERROR_TEXT).unwrap_or_default();
    state.screen = browser::load(SCREEN)
        .and_then(|s| Screen::from_id(&s))
        .unwrap_or_default();
    state.values = match browser::load(VALUES).as_deref() {
        Some("mine") => Values::Mine,
        _ => Values::Recommended,
    };
    state.incoming = browser::load(INCOMING).and_then(|p| read::protocol(&p).valid());
    state
}

/// Saves everything; an empty state removes what was saved (the "Clear" button).
pub fn save(state: &State) {
    if *state == State::default() {
        for key in [SETTINGS, ANSWERS, ERROR_TEXT, SCREEN, VALUES, INCOMING] {
            browser::forget(key);
        }
        return;
    }
    if let Ok(fragment) = share::encode(&shared(state)) {
        browser::save(SETTINGS, &fragment);
    }
    browser::save(ANSWERS, &encode_answers(&state.answers));
    browser::save(ERROR_TEXT, &state.error_text);
    browser::save(SCREEN, state.screen.id());
    browser::save(
        VALUES,
        if state.values == Values::Mine {
            "mine"
        } else {
            "recommended"
        },
    );
    match state.incoming {
        Some(protocol) => browser::save(INCOMING, protocol.id()),
        None => browser::forget(INCOMING),
    }
}

/// What a share link carries: the settings and the chosen app.
pub fn shared(state: &State) -> Shared {
    Shared {
        settings: state.settings.clone(),
        client: state.client.map(|c| c.id().to_owned()),
    }
}

/// `devices;keep;archive;quota`, e.g. `2;server;0;700` (empty parts for "no answer").
fn encode_answers(a: &Answers) -> String {
    let keep = match a.keep {
        Some(Keep::Server) => "server",
        Some(Keep::Computer) => "computer",
        None => "",
    };
    let quota = a.quota_mb.map(|q| q.to_string()).unwrap_or_default();
    format!("{};{keep};{};{quota}", a.devices, u8::from(a.offline_archive))
}

fn decode_answers(text: &str) -> Option<Answers> {
    let mut parts = text.split(';');
    let devices = number(parts.next()?)?;
    let keep = match parts.next()? {
        "server" => Some(Keep::Server),
        "computer" => Some(Keep::Computer),
        _ => None,
    };
    let offline_archive = parts.next()? == "1";
    let quota_mb = parts.next().and_then(number);
    Some(Answers {
        devices,
        keep,
        offline_archive,
        quota_mb,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip() {
        for a in [
            Answers::default(),
            Answers {
                devices: 3,
                keep: Some(Keep::Server),
                offline_archive: true,
                quota_mb: Some(700),
            },
            Answers {
                devices: 1,
                keep: Some(Keep::Computer),
                offline_archive: false,
                quota_mb: None,
            },
        ] {
            assert_eq!(decode_answers(&encode_answers(&a)), Some(a));
        }
        assert_eq!(decode_answers("garbage"), None);
        assert_eq!(decode_answers(""), None);
    }
}
