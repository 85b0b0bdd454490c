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

/// Cleared when the owner of a read goes away: its retries stop.
type Alive = Rc<Cell<bool>>;

/// Waits before another try after `failures` transient failures in a row; false when
/// the owner went away meanwhile.
async fn pause_before_retry(alive: &Alive, failures: u32) -> bool {
    TimeoutFuture::new(resync::retry_delay_ms(failures)).await;
    alive.get()
}

/// Counts the session-state notifications of one session as they arrive: a read of the
/// session that one overtook may be older than what it said.
type Changes = Rc<Cell<u64>>;

/// How often a read of the session is repeated because a state notification arrived
/// while it was under way, before its answer is taken anyway.
const FRESH_READS: u32 = 5;

/// Reads the session and the log after what is held; a session GWS no longer knows
/// is over for this agent. Each read is tried again after a transient failure: a
/// re-read after an interruption that is given up leaves a hole nothing else fills.
///
/// A notification can overtake the answer to a read sent before it (the read was
/// answered first but travels slower), and that answer would put the session back
/// (Chatting → Invited). So an answer that a state notification arrived during is not
/// taken: the session is read again.
async fn read(
    client: GwsClient,
    session_id: String,
    after: u64,
    dispatch: UseReducerDispatcher<Session>,
    alive: Alive,
    changes: Changes,
) {
    let (mut failures, mut overtaken) = (0, 0);
    loop {
        let before = changes.get();
        match client.session(&session_id).await {
            Ok(_) if changes.get() != before && overtaken < FRESH_READS => {
                overtaken += 1;
                if !alive.get() {
                    return;
                }
                continue;
            }
            Ok(session) => dispatch.dispatch(Action::SessionLoaded(session)),
            Err(ApiError::Http { status: 404 })
            | Err(ApiError::Status {
                code: gws_types::StatusCode::NotFound,
                ..
            }) => dispatch.dispatch(Action::SessionGone),
            Err(error) => {
                dispatch.dispatch(Action::ReadFailed(error.to_string()));
                if error.is_transient() {
                    failures += 1;
                    if pause_before_retry(&alive, failures).await {
                        continue;
                    }
                    return;
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
        &alive,
    )
    .await;
}

/// Reads a slice of the log, again after each transient failure while `alive`;
/// whether it was read.
async fn read_messages(
    client: &GwsClient,
    session_id: &str,
    range: MessageRange,
    dispatch: &UseReducerDispatcher<Session>,
    alive: &Alive,
) -> bool {
    let mut failures = 0;
    loop {
        match client.messages(session_id, range).await {
            Ok(messages) => {
                dispatch.dispatch(Action::MessagesLoaded(messages));
                return true;
            }
            Err(error) => {
                dispatch.dispatch(Action::ReadFailed(error.to_string()));
                failures += 1;
                if !error.is_transient() || !pause_before_retry(alive, failures).await {
                    return false;
                }
            }
        }
    }
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

    {
        let (dispatch, connection, latest) =
            (session.dispatcher(), connection.clone(), latest.clone());
        use_effect_with(
            (client.clone(), session_id.to_owned()),
            move |(client, session_id)| {
                let alive: Alive = Rc::new(Cell::new(true));
                let changes: Changes = Rc::default();
                let (me_client, me_dispatch) = (client.clone(), dispatch.clone());
                spawn_local(async move {
                    match me_client.me().await {
                        Ok(user) => me_dispatch.dispatch(Action::SignedIn(user)),
                        Err(error) => me_dispatch.dispatch(Action::ReadFailed(error.to_string())),
                    }
                });
                spawn_local(read(
                    client.clone(),
                    session_id.clone(),
                    0,
                    dispatch.clone(),
                    alive.clone(),
                    changes.clone(),
                ));
                let (client, session_id, reading) =
                    (client.clone(), session_id.clone(), alive.clone());
                let subscription = subscribe_session(
                    &client.clone(),
                    session_id.clone(),
                    move |event| match event {
                        CometEvent::Notification(notification) => {
                            if matches!(
                                notification.event(),
                                Ok(NotificationEvent::SessionChanged { .. })
                            ) {
                                changes.set(changes.get() + 1);
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
                                changes.clone(),
                            ));
                        }
                    },
                );
                move || {
                    alive.set(false);
                    drop(subscription)
                }
            },
        );
    }

    let reading_holes = use_gap_filling(client, &session);

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
fn use_gap_filling(client: &GwsClient, session: &UseReducerHandle<Session>) -> bool {
    // Whether the hook's owner is still there, and the spans already read.
    let held = use_memo((), |_| -> (Alive, Rc<RefCell<Vec<RangeInclusive<u64>>>>) {
        (Rc::new(Cell::new(true)), Rc::default())
    });
    let (alive, tried) = (*held).clone();
    {
        let alive = alive.clone();
        use_effect_with((), move |_| move || alive.set(false));
    }
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
            spawn_local(async move {
                if read_messages(&client, &session_id, range, &dispatch, &alive).await {
                    dispatch.dispatch(Action::HoleRead(span));
                }
                set_reading.set(false);
            });
        }
    });
    not_whole
}
