//! A run of consecutive log entries rendered as one component, so that a new message
//! renders the last run of the log and leaves the others alone (Yew compares each run's
//! entries by pointer instead of reconciling every entry of the window).

use std::rc::Rc;

use gws_types::{Message, MessageType};
use yew::prelude::*;

use super::log_entry::{day_separator, when, LogEntry};
use super::log_flow::{Author, Flow, Line};
use super::log_window::is_shown;
use super::outgoing_entry::{outgoing_entry, OutgoingMessage, OutgoingRun};
use crate::i18n::Catalogue;
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
    /// The words to speak.
    #[prop_or_default]
    pub t: Rc<Catalogue>,
    pub entries: Entries,
    /// The last entry shown above this run, which its first entry may go on from.
    #[prop_or_default]
    pub before: Option<Rc<Message>>,
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
    let t = &props.t;
    let outgoing =
        |message, continues| outgoing_entry(t, message, &props.on_retry, &props.on_edit, continues);
    let mut waiting = props.outgoing.0.iter().peekable();
    let mut items = Vec::with_capacity(props.entries.0.len() + props.outgoing.0.len());
    let mut flow = Flow::after(props.before.as_deref().map(|m| line(m, me)));
    for message in props.entries.0.iter().filter(|m| is_shown(m)) {
        while let Some(out) = waiting.next_if(|out| out.after < message.index) {
            let continues = flow.next(outgoing_line(out)).continues;
            items.push(outgoing(out, continues));
        }
        let mine = me.is_some() && author_id(message) == me;
        let join = flow.next(line(message, me));
        if join.new_day {
            if let Some(millis) = message.unix_millis() {
                items.push(day_separator(
                    t.lang(),
                    format!("day-{}", message.index),
                    millis as f64,
                ));
            }
        }
        items.push(html! {
            <LogEntry key={message.index} message={message.clone()} {mine} continues={join.continues} t={t.clone()} />
        });
    }
    for out in waiting {
        let continues = flow.next(outgoing_line(out)).continues;
        items.push(outgoing(out, continues));
    }
    html! { <>{ for items }</> }
}

fn author_id(message: &Message) -> Option<&str> {
    message.from.as_ref().map(|f| f.participant_id.as_str())
}

/// An entry of the log as grouping sees it.
fn line<'a>(message: &'a Message, me: Option<&str>) -> Line<'a> {
    let author = match (&message.kind, author_id(message)) {
        (
            MessageType::ParticipantJoined
            | MessageType::ParticipantLeft
            | MessageType::ParticipantRejoined
            | MessageType::Unknown(_),
            _,
        ) => Author::Event,
        (_, Some(id)) if me == Some(id) => Author::Me,
        (_, Some(id)) => Author::Other(id),
        (_, None) => Author::Other(""),
    };
    Line {
        author,
        agents_only: message.is_agents_only(),
        at: message.unix_millis().and_then(|millis| when(millis as f64)),
    }
}

/// A message the agent sent, not yet in the server's log: theirs, written just now.
fn outgoing_line(message: &OutgoingMessage) -> Line<'static> {
    Line {
        author: Author::Me,
        agents_only: message.to_agents,
        at: None,
    }
}
