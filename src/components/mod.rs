//! Yew components, one per file, rendered only from [`SessionState`].

mod action_bar;
mod audience_switch;
mod composer;
mod failed_sends;
mod log_entry;
mod log_window;
mod message_log;
mod roster;
mod session_view;
mod store;

pub use action_bar::{ActionBar, ActionBarProps};
pub use composer::{Composer, ComposerProps};
pub use message_log::{MessageLog, MessageLogProps};
pub use roster::{Roster, RosterProps, RosterRow};
pub use session_view::{SessionView, SessionViewProps};
pub use store::Session;

use crate::state::SessionState;
