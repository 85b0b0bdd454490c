//! A session kept live: read once, then kept current by notifications, re-read after
//! every interruption, holes in the log filled, operations sent and tracked.

use std::cell::{Cell, RefCell};
use std::ops::RangeInclusive;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use gws_types::NotificationEvent;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

pub use super::operator::Operator;
use crate::components::Session;
use crate::state::{Action, SessionState};
use crate::transport::{
    resync, subscribe_session, ApiError, CometEvent, ConnectionState, GwsClient, MessageRange,
};

/// What a component needs to show a live session and act on it.
#[derive(Clone)]
pub struct LiveSession {
    pub session: Session,
    pub connection: ConnectionState,
    pub client: GwsClient,
    pub operator: Operator,
    /// Entries missed are being read: the log is not yet whole.
    pub reading_holes: bool,
}

/// The one guard against late answers. A read notes the epoch it was sent in and
/// compares it when its answer comes:
/// - every session-state notification starts a new epoch: a read of the session sent
///   before it may answer with an older session (the read was answered first but
///   travelled slower; taken, it would put the session back, Chatting → Invited), so
///   that read is sent again;
/// - the owner going away (unmounted, or given another session) ends the epochs for
///   good: no answer is taken and nothing is tried again.
///
/// Log reads only check the end: entries are merged by index and never go back.
#[derive(Clone)]
struct Epoch(Rc<Cell<Option<u64>>>);

impl Epoch {
    fn new() -> Self {
        Epoch(Rc::new(Cell::new(Some(0))))
    }

    /// `None` once the owner has gone.
    fn current(&self) -> Option<u64> {
        self.0.get()
    }

    fn advance(&self) {
        if let Some(epoch) = self.0.get() {
            self.0.set(Some(epoch + 1));
        }
    }

    fn end(&self) {
        self.0.set(None);
    }
}

/// How often a read of the session is sent again because a state notification
/// overtook it; under a stream of notifications its answer is then taken anyway.
const FRESH_READS: u32 = 5;

/// Reads the session and the log after what is held; a session GWS no longer knows
/// is over for this agent. Each read is tried again after a transient failure: a
/// re-read after an interruption that is given up leaves a hole nothing else fills.
async fn read(
    client: GwsClient,
    session_id: String,
    after: u64,
    dispatch: UseReducerDispatcher<Session>,
    epoch: Epoch,
) {
    let (mut failures, mut overtaken) = (0, 0);
    loop {
        let Some(sent_in) = epoch.current() else {
            return;
        };
        let answer = client.session(&session_id).await;
        let Some(now) = epoch.current() else {
            return;
        };
        match answer {
            Ok(_) if now != sent_in && overtaken < FRESH_READS => {
                overtaken += 1;
                continue;
            }
            Ok(session) => dispatch.dispatch(Action::SessionLoaded(session)),
            Err(ApiError::Http { status: 404 })
            | Err(ApiError::Status {
                code: gws_types::StatusCode::NotFound,
                ..
            }) => dispatch.dispatch(Action::SessionGone),
            Err(error) => {
                dispatch.dispatch(Action::ReadFailed(error.said()));
                if error.is_transient() {
                    failures += 1;
                    TimeoutFuture::new(resync::retry_delay_ms(failures)).await;
                    continue;
                }
            }
        }
        break;
    }
    read_messages(
        &client,
        &session_id,
        resync::after(after),
        &dispatch,
        &epoch,
    )
    .await;
}

/// Reads a slice of the log, again after each transient failure until the owner goes
/// away; whether it was read.
async fn read_messages(
    client: &GwsClient,
    session_id: &str,
    range: MessageRange,
    dispatch: &UseReducerDispatcher<Session>,
    epoch: &Epoch,
) -> bool {
    let mut failures = 0;
    while epoch.current().is_some() {
        let answer = client.messages(session_id, range).await;
        if epoch.current().is_none() {
            break;
        }
        match answer {
            Ok(messages) => {
                dispatch.dispatch(Action::MessagesLoaded(messages));
                return true;
            }
            Err(error) => {
                dispatch.dispatch(Action::ReadFailed(error.said()));
                if !error.is_transient() {
                    break;
                }
                failures += 1;
                TimeoutFuture::new(resync::retry_delay_ms(failures)).await;
            }
        }
    }
    false
}

#[hook]
pub fn use_live_session(client: &GwsClient, session_id: &str) -> LiveSession {
    let session = use_reducer(|| Session::new(SessionState::new(session_id)));
    let connection = use_state(|| ConnectionState::Connecting);
    // The latest state, for callbacks that outlive a render.
    let latest = use_mut_ref(|| (*session).clone());
    *latest.borrow_mut() = (*session).clone();
    // Operation ids stay unique for as long as the hook lives, whatever session it is given.
    let next_op = use_memo((), |_| Cell::new(0));
    let operator = {
        let (client, session_id, dispatcher, latest) = (
            client.clone(),
            AttrValue::from(session_id.to_owned()),
            session.dispatcher(),
            latest.clone(),
        );
        use_memo((client, session_id), |(client, session_id)| {
            Operator::new(
                client.clone(),
                session_id.clone(),
                dispatcher,
                next_op,
                latest,
            )
        })
    };

    // The epoch of the session being read; a new one for each session given.
    let epoch = use_mut_ref(Epoch::new);
    {
        let (dispatch, connection, latest, current) = (
            session.dispatcher(),
            connection.clone(),
            latest.clone(),
            epoch.clone(),
        );
        use_effect_with(
            (client.clone(), session_id.to_owned()),
            move |(client, session_id)| {
                let epoch = Epoch::new();
                *current.borrow_mut() = epoch.clone();
                let (me_client, me_dispatch) = (client.clone(), dispatch.clone());
                spawn_local(async move {
                    match me_client.me().await {
                        Ok(user) => me_dispatch.dispatch(Action::SignedIn(user)),
                        Err(error) => me_dispatch.dispatch(Action::ReadFailed(error.said())),
                    }
                });
                spawn_local(read(
                    client.clone(),
                    session_id.clone(),
                    0,
                    dispatch.clone(),
                    epoch.clone(),
                ));
                let (client, session_id, reading) =
                    (client.clone(), session_id.clone(), epoch.clone());
                let subscription = subscribe_session(
                    &client.clone(),
                    session_id.clone(),
                    move |event| match event {
                        CometEvent::Notification(notification) => {
                            if matches!(
                                notification.event(),
                                Ok(NotificationEvent::SessionChanged { .. })
                            ) {
                                reading.advance();
                            }
                            dispatch.dispatch(Action::Notified((**notification).clone()))
                        }
                        CometEvent::Unreadable(unreadable) => dispatch
                            .dispatch(Action::NotificationUnreadable(unreadable.reason.clone())),
                        CometEvent::State(state) => connection.set(*state),
                        CometEvent::Resync => {
                            let after = latest.borrow().log().contiguous_through();
                            spawn_local(read(
                                client.clone(),
                                session_id.clone(),
                                after,
                                dispatch.clone(),
                                reading.clone(),
                            ));
                        }
                    },
                );
                move || {
                    epoch.end();
                    drop(subscription)
                }
            },
        );
    }

    let reading_holes = use_gap_filling(client, &session, &epoch);

    LiveSession {
        session: (*session).clone(),
        connection: *connection,
        client: client.clone(),
        operator: (*operator).clone(),
        reading_holes,
    }
}

/// Reads the holes in the log (entries missed between two notifications), all of
/// them in one read, one read at a time; each span once (tried again only after
/// transient failures). What the read does not fill is given up: GWS's indexes may
/// skip numbers, and entries this agent may not see leave holes no read fills, so
/// nothing reads them again, not even the re-read after an interruption. Returns
/// whether the log is not yet whole: a read under way, or one about to start.
#[hook]
fn use_gap_filling(
    client: &GwsClient,
    session: &UseReducerHandle<Session>,
    epoch: &Rc<RefCell<Epoch>>,
) -> bool {
    // The spans already read.
    let tried: Rc<RefCell<Vec<RangeInclusive<u64>>>> = use_memo((), |_| RefCell::default());
    let epoch = epoch.clone();
    // A state, not a ref: a read that ends must run the effect again for the holes
    // found while it was under way, whether or not its answer changed the session.
    let reading = use_state_eq(|| false);
    let client = client.clone();
    let dispatch = session.dispatcher();
    let busy = *reading;
    let set_reading = reading.setter();
    let untried = {
        let tried = tried.clone();
        move |session: &Session| {
            let span = session.log().missing_span();
            span.filter(|span| !tried.borrow().contains(span))
        }
    };
    // Told from this render on, not from the effect's: the log is not whole until read.
    let not_whole = busy || untried(session).is_some();
    use_effect_with(((**session).clone(), busy), move |(current, busy)| {
        if let (Some(span), false) = (untried(current), *busy) {
            tried.borrow_mut().push(span.clone());
            set_reading.set(true);
            let session_id = current.session_id().to_owned();
            let range = MessageRange {
                start_index: *span.start(),
                count: Some(span.end() - span.start() + 1),
            };
            // The epoch of now, after the session's own effect has begun its epoch.
            let epoch = epoch.borrow().clone();
            spawn_local(async move {
                if read_messages(&client, &session_id, range, &dispatch, &epoch).await {
                    dispatch.dispatch(Action::HoleRead(span));
                }
                set_reading.set(false);
            });
        }
    });
    not_whole
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_epoch_moves_on_with_each_state_notification_and_ends_for_good() {
        let epoch = Epoch::new();
        let sent_in = epoch.current();
        epoch.advance();
        assert_ne!(epoch.current(), sent_in, "a read sent before is overtaken");
        epoch.end();
        epoch.advance();
        assert_eq!(
            epoch.current(),
            None,
            "nothing is taken once the owner has gone"
        );
    }
}
