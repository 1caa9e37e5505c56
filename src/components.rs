//! The app's screens and their parts, one a file, each named after what it shows.
//!
//! Only what keeps state of its own (a copy button's "Copied", a probe's answer, a guide's or a download's
//! choice) is a Yew component. The rest are view functions: `fn(Props) -> Html`, drawn afresh whenever the
//! app is. A component costs about half a kilobyte of brotli in Yew's lifecycle code, whose only gain is
//! skipping a redraw when the props are equal, and these get new findings or callbacks on every render anyway.

pub mod address_field;
pub mod check_screen;
pub mod check_summary;
pub mod copy_button;
pub mod decode_screen;
pub mod discovery;
pub mod finding_list;
pub mod guide_screen;
pub mod probe_panel;
pub mod protocol_screen;
pub mod provider_summary;
pub mod requirements;
pub mod screen_nav;
pub mod server_fieldset;
pub mod take_away_screen;
pub mod values_choice;

/// A value the app works out afresh on every render (a report, a guide, the causes of an error): never equal
/// to the last one, so a screen given it is drawn again instead of comparing the two field by field, which
/// would cost more code than the drawing.
pub struct Fresh<T>(pub T);

impl<T> PartialEq for Fresh<T> {
    fn eq(&self, _: &Fresh<T>) -> bool {
        false
    }
}
