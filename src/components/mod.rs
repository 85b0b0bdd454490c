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

pub use action_bar::{action_bar, use_action_bar_state, ActionBarState};
pub use composer::{Composer, ComposerProps, Recall};
pub use connection_banner::{connection_banner, connection_words};
pub use controls::Controls;
pub use customer_waiting::{CustomerWaiting, CustomerWaitingProps};
pub use log_view::{LogView, LogViewProps};
pub use roster::roster;
pub use session_view::{session_view, SessionView, SessionViewProps};
pub use store::Session;
pub use target_picker::{Search, TargetPicker, TargetPickerProps};
pub use wrap_up::{LoadCodes, WrapUp, WrapUpProps};

use std::borrow::Cow;

use wasm_bindgen::JsValue;
use yew::AttrValue;

use crate::state::SessionState;

/// An ARIA state ("true" or "false") as a static string: no formatting, no allocation.
fn flag(on: bool) -> AttrValue {
    AttrValue::Static(if on { "true" } else { "false" })
}

/// A class that changes with the state, set as the element's `className` property
/// (`~className={class_names(…)}`): Yew reads a dynamic `class` attribute into a
/// `Classes` set on every render, splitting and joining the string again, where the
/// DOM takes the string as it is. An element that takes its class this way takes it so
/// in every render: Yew removes a property by setting it to `undefined`, which would
/// undo a `class` attribute set in the same render.
fn class_names(base: &'static str, modifiers: &[(bool, &'static str)]) -> JsValue {
    JsValue::from_str(&joined(base, modifiers))
}

/// A block's class and those of its modifiers that apply.
fn joined(base: &'static str, modifiers: &[(bool, &'static str)]) -> Cow<'static, str> {
    if modifiers.iter().all(|&(on, _)| !on) {
        return Cow::Borrowed(base);
    }
    let mut names = String::from(base);
    for &(_, modifier) in modifiers.iter().filter(|(on, _)| *on) {
        names.push(' ');
        names.push_str(modifier);
    }
    Cow::Owned(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_modifiers_that_apply_follow_the_block() {
        assert_eq!(joined("log", &[(false, "log--mine")]), "log");
        assert_eq!(
            joined(
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
