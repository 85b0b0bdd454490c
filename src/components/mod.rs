//! Yew components, one per file, rendered only from [`SessionState`].

mod action_bar;
mod audience_switch;
mod composer;
mod connection_banner;
mod controls;
mod customer_waiting;
mod dom_id;
mod log_chunk;
mod log_entry;
mod log_flow;
mod log_view;
mod log_viewport;
mod log_window;
mod outgoing_entry;
mod roster;
mod session_view;
pub mod shortcuts;
mod store;
mod target_picker;
mod wrap_up;

pub use action_bar::{ActionBar, ActionBarProps};
pub use composer::{Composer, ComposerProps, Recall};
pub use connection_banner::{connection_banner, connection_words};
pub use controls::Controls;
pub use customer_waiting::{CustomerWaiting, CustomerWaitingProps};
pub use log_view::{LogView, LogViewProps};
pub use roster::{Roster, RosterProps, RosterRow};
pub use session_view::{SessionView, SessionViewProps};
pub use store::Session;
pub use target_picker::{Search, TargetPicker, TargetPickerProps};
pub use wrap_up::{LoadCodes, WrapUp, WrapUpProps};

use crate::state::SessionState;
use yew::AttrValue;

/// An ARIA state ("true" or "false") as a static string: no formatting, no allocation.
fn flag(on: bool) -> AttrValue {
    AttrValue::Static(if on { "true" } else { "false" })
}

/// A `class` attribute: a block's class and those of its modifiers that apply. A plain
/// string, not Yew's `classes!`, which builds a set per element on every render.
fn class_names(base: &'static str, modifiers: &[(bool, &'static str)]) -> AttrValue {
    if modifiers.iter().all(|&(on, _)| !on) {
        return AttrValue::Static(base);
    }
    let mut names = String::from(base);
    for &(_, modifier) in modifiers.iter().filter(|(on, _)| *on) {
        names.push(' ');
        names.push_str(modifier);
    }
    names.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_modifiers_that_apply_follow_the_block() {
        assert_eq!(class_names("log", &[(false, "log--mine")]), "log");
        assert_eq!(
            class_names(
                "log",
                &[
                    (true, "log--mine"),
                    (false, "log--system"),
                    (true, "log--x")
                ]
            ),
            "log log--mine log--x"
        );
    }
}
