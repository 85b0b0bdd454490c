//! Words kept to be said later, in whatever language the widget then speaks: what the
//! state holds (reasons, outcomes, errors) is a message with its values, not text, so
//! a language switch translates what is already on screen.

use super::Msg;

/// A message and its named values, text as it came (from the server or the agent),
/// or a count (which picks a plural form).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Said {
    Msg(Msg, Vec<(&'static str, Said)>),
    Text(String),
    Count(u64),
}

impl Said {
    /// `msg` with `{name}` to be filled with `value`.
    pub fn with(self, name: &'static str, value: impl Into<Said>) -> Said {
        self.with_said(name, value.into())
    }

    /// [`Said::with`] once for every type of value, not once per type.
    fn with_said(self, name: &'static str, value: Said) -> Said {
        match self {
            Said::Msg(msg, mut args) => {
                args.push((name, value));
                Said::Msg(msg, args)
            }
            other => other,
        }
    }
}

impl From<Msg> for Said {
    fn from(msg: Msg) -> Said {
        Said::Msg(msg, Vec::new())
    }
}

impl From<String> for Said {
    fn from(text: String) -> Said {
        Said::Text(text)
    }
}

impl From<&str> for Said {
    fn from(text: &str) -> Said {
        Said::Text(text.to_owned())
    }
}

impl From<u64> for Said {
    fn from(count: u64) -> Said {
        Said::Count(count)
    }
}

/// In English, for the tests' assertions and failure messages.
#[cfg(test)]
impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::Catalogue::default().say(self))
    }
}
