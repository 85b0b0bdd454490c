//! What needs the agent, kept current: unread messages and how long the customer has
//! waited, told to the host whenever it changes, the level also as time passes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::components::Session;
use crate::state::attention::{Level, Thresholds};
use crate::state::host_events::HostEvent;
use crate::state::Millis;

/// A customer waiting: since when (Unix ms, this browser's clock), and how urgent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Waiting {
    pub since: Millis,
    pub level: Level,
}

fn now() -> Millis {
    js_sys::Date::now()
}

/// The entry the wait counts from, and since when on this browser's clock: a message
/// that arrived while the widget was open counts from then (the server's clock may
/// differ from the browser's); one in the log as first read, from its timestamp.
#[derive(Default)]
struct Since {
    entry: Option<(u64, Millis)>,
    /// The log has been read once: what arrives later arrives live.
    loaded: bool,
    /// Re-renders when the level next rises.
    timer: Option<Timeout>,
}

#[hook]
pub fn use_attention(
    session: &Session,
    thresholds: Thresholds,
    on_event: &Callback<HostEvent>,
) -> Option<Waiting> {
    let since = use_mut_ref(Since::default);
    let redraw = use_force_update();
    let waiting = {
        let mut since = since.borrow_mut();
        let unanswered = session.unanswered().map(|m| (m.index, m.unix_millis()));
        since.entry = match (unanswered, since.entry) {
            (None, _) => None,
            (Some((index, _)), Some((held, at))) if held == index => Some((index, at)),
            (Some((index, stamp)), _) => {
                let arrived = now();
                let at = match stamp {
                    Some(stamp) if !since.loaded => (stamp as Millis).min(arrived),
                    _ => arrived,
                };
                Some((index, at))
            }
        };
        since.loaded |= !session.log().is_empty();
        since.entry.map(|(_, at)| Waiting {
            since: at,
            level: Level::of(now() - at, &thresholds),
        })
    };

    // Told to the host when it changes; the next threshold re-renders the widget, for
    // the level to rise on time. One effect for both: each is code of its own.
    let unread = session.unread();
    {
        let (on_event, session_id) = (on_event.clone(), session.session_id().to_owned());
        let since: Rc<RefCell<Since>> = since.clone();
        use_effect_with((unread, waiting), move |(unread, waiting)| {
            let next = waiting.and_then(|w| {
                let waited = now() - w.since;
                Level::next_change(waited, &thresholds).map(|at| at - waited)
            });
            since.borrow_mut().timer =
                next.map(|ms| Timeout::new(ms as u32 + 50, move || redraw.force_update()));
            on_event.emit(HostEvent::Attention {
                session_id,
                unread: *unread,
                waiting_since: waiting.map(|w| w.since),
                level: waiting.map_or(Level::Calm, |w| w.level).name(),
            });
        });
    }
    waiting
}
