//! The widget's keyboard shortcuts. They act only while the focus is inside the widget
//! (the listener is on its panel), so a host page keeps every key outside it.
//!
//! | keys | does |
//! |---|---|
//! | Ctrl+Enter (⌘+Enter) | sends the message, from anywhere in the widget |
//! | Alt+Shift+M | switches between writing to the customer and to agents only |
//! | Alt+Shift+C | opens Consult |
//! | Alt+Shift+A | accepts the offered session |
//!
//! Keys are read by their place on the keyboard (`code`), not the character they type:
//! Alt+Shift+letter types other characters on some layouts and systems.

use crate::state::AgentAction;

/// What a shortcut presses: the widget's own control, so it is allowed exactly when
/// that control is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    Send,
    SwitchAudience,
    Consult,
    Accept,
}

/// The keys as the keyboard event gives them.
pub struct Keys<'a> {
    pub code: &'a str,
    pub alt: bool,
    pub shift: bool,
    pub ctrl: bool,
    pub meta: bool,
}

impl Shortcut {
    pub fn of(keys: &Keys) -> Option<Shortcut> {
        let command = keys.ctrl || keys.meta;
        match (keys.code, command, keys.alt, keys.shift) {
            ("Enter" | "NumpadEnter", true, false, false) => Some(Shortcut::Send),
            ("KeyM", false, true, true) => Some(Shortcut::SwitchAudience),
            ("KeyC", false, true, true) => Some(Shortcut::Consult),
            ("KeyA", false, true, true) => Some(Shortcut::Accept),
            _ => None,
        }
    }

    /// The control it presses, inside the widget.
    pub fn control(self) -> &'static str {
        match self {
            Shortcut::Send => ".gws-sms-composer__send",
            Shortcut::SwitchAudience => ".gws-sms-composer__mode[aria-checked='false']",
            Shortcut::Consult => "[data-action='Consult']",
            Shortcut::Accept => "[data-action='Accept']",
        }
    }

    /// The shortcut of an action bar button, if it has one.
    pub fn for_action(action: AgentAction) -> Option<Shortcut> {
        match action {
            AgentAction::Consult => Some(Shortcut::Consult),
            AgentAction::Accept => Some(Shortcut::Accept),
            _ => None,
        }
    }

    /// The keys as `aria-keyshortcuts` names them, for the control's markup.
    pub fn aria(self) -> &'static str {
        match self {
            Shortcut::Send => "Control+Enter Meta+Enter",
            Shortcut::SwitchAudience => "Alt+Shift+M",
            Shortcut::Consult => "Alt+Shift+C",
            Shortcut::Accept => "Alt+Shift+A",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(code: &str, modifiers: &str) -> Keys<'static> {
        Keys {
            code: Box::leak(code.to_owned().into_boxed_str()),
            alt: modifiers.contains('a'),
            shift: modifiers.contains('s'),
            ctrl: modifiers.contains('c'),
            meta: modifiers.contains('m'),
        }
    }

    #[test]
    fn each_shortcut_takes_its_keys_and_no_others() {
        assert_eq!(Shortcut::of(&keys("Enter", "c")), Some(Shortcut::Send));
        assert_eq!(Shortcut::of(&keys("Enter", "m")), Some(Shortcut::Send));
        assert_eq!(
            Shortcut::of(&keys("NumpadEnter", "c")),
            Some(Shortcut::Send)
        );
        assert_eq!(
            Shortcut::of(&keys("KeyM", "as")),
            Some(Shortcut::SwitchAudience)
        );
        assert_eq!(Shortcut::of(&keys("KeyC", "as")), Some(Shortcut::Consult));
        assert_eq!(Shortcut::of(&keys("KeyA", "as")), Some(Shortcut::Accept));
        // Plain typing, and the same letters with other modifiers, stay the page's.
        for (code, modifiers) in [
            ("Enter", ""),
            ("Enter", "s"),
            ("Enter", "cs"),
            ("KeyA", ""),
            ("KeyA", "s"),
            ("KeyA", "a"),
            ("KeyA", "cs"),
            ("KeyC", "c"),
            ("KeyC", "asc"),
            ("KeyM", "am"),
        ] {
            assert_eq!(
                Shortcut::of(&keys(code, modifiers)),
                None,
                "{code} {modifiers}"
            );
        }
    }
}
