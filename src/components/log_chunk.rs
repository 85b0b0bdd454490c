//! A run of consecutive log entries rendered as one component, so that a new message
//! renders the last run of the log and leaves the others alone (Yew compares each run's
//! entries by pointer instead of reconciling every entry of the window).

use std::rc::Rc;

use gws_types::Message;
use yew::prelude::*;

use super::log_entry::LogEntry;
use super::log_window::is_shown;
use super::outgoing_entry::{outgoing_entry, OutgoingRun};
use crate::state::OpId;

/// The entries of one run, in log order.
#[derive(Clone, Debug)]
pub struct Entries(pub Rc<[Rc<Message>]>);

impl PartialEq for Entries {
    /// The same entries: the log hands out the same `Rc` for an entry it still holds,
    /// so pointers decide without comparing any text.
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(other.0.iter())
                .all(|(a, b)| Rc::ptr_eq(a, b))
    }
}

#[derive(Properties, PartialEq)]
pub struct LogChunkProps {
    pub entries: Entries,
    /// The signed-in agent's participantId, once known.
    #[prop_or_default]
    pub me: Option<AttrValue>,
    /// The agent's messages shown in this run, each after the entry it followed when
    /// written.
    #[prop_or_default]
    pub outgoing: OutgoingRun,
    #[prop_or_default]
    pub on_retry: Callback<OpId>,
    #[prop_or_default]
    pub on_edit: Callback<OpId>,
}

#[component]
pub fn LogChunk(props: &LogChunkProps) -> Html {
    let me = props.me.as_deref();
    let outgoing = |message| outgoing_entry(message, &props.on_retry, &props.on_edit);
    let mut waiting = props.outgoing.0.iter().peekable();
    let mut items = Vec::with_capacity(props.entries.0.len() + props.outgoing.0.len());
    for message in props.entries.0.iter().filter(|m| is_shown(m)) {
        while let Some(out) = waiting.next_if(|out| out.after < message.index) {
            items.push(outgoing(out));
        }
        let mine = me.is_some() && message.from.as_ref().map(|f| f.participant_id.as_str()) == me;
        items.push(html! { <LogEntry key={message.index} message={message.clone()} {mine} /> });
    }
    items.extend(waiting.map(outgoing));
    html! { <>{ for items }</> }
}
