//! Yew components, one per file, rendered only from [`SessionState`].

mod action_bar;
mod audience_switch;
mod composer;
mod connection_banner;
mod controls;
mod failed_sends;
mod log_chunk;
mod log_entry;
mod log_window;
mod message_log;
mod roster;
mod session_view;
mod store;
mod target_picker;
mod wrap_up;

pub use action_bar::{ActionBar, ActionBarProps};
pub use composer::{Composer, ComposerProps};
pub use connection_banner::connection_banner;
pub use controls::Controls;
pub use message_log::{MessageLog, MessageLogProps};
pub use roster::{Roster, RosterProps, RosterRow};
pub use session_view::{SessionView, SessionViewProps};
pub use store::Session;
pub use target_picker::{Search, TargetPicker, TargetPickerProps};
pub use wrap_up::{WrapUp, WrapUpProps};

use crate::state::SessionState;
