//! Sends the agent's operations to GWS and records each from intent to outcome.
//!
//! Messages go out one after another, each once the one written before it has its
//! HTTP answer, so they reach GWS in the order written, while the agent writes on.
//! Every operation gets a timer for the end of its wait, counted from its post (a
//! message's time in the outbox is not counted: a long burst or a slow answer ahead
//! of it does not make it fail unsent), so none waits forever.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use gws_types::{Contact, OperationRequest, OperationResponse};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::Session;
use crate::i18n::{Msg, Said};
use crate::state::echo::Wrote;
use crate::state::{wait_ms, Action, AgentAction, Millis, OpId, OpStatus};
use crate::transport::{resync, Accepted, ApiError, GwsClient};

/// Acts on one session: the same value for the session's whole life, so callbacks built
/// on it are built once, and the components given them are not rendered again for it.
#[derive(Clone)]
pub struct Operator {
    client: GwsClient,
    session_id: AttrValue,
    dispatcher: UseReducerDispatcher<Session>,
    next_op: Rc<Cell<u64>>,
    outbox: Rc<RefCell<Outbox>>,
    /// The state as last rendered: what a retry checks before sending again.
    latest: Rc<RefCell<Session>>,
}

/// Messages waiting for the one before them to be answered.
#[derive(Default)]
struct Outbox {
    waiting: VecDeque<(OpId, OperationRequest)>,
    /// A message's request is in flight.
    busy: bool,
}

impl PartialEq for Operator {
    /// The same operator: the same client, session, reducer and queues (not merely a
    /// counter that happens to hold the same number).
    fn eq(&self, other: &Self) -> bool {
        self.client == other.client
            && self.session_id == other.session_id
            && self.dispatcher == other.dispatcher
            && Rc::ptr_eq(&self.next_op, &other.next_op)
            && Rc::ptr_eq(&self.outbox, &other.outbox)
    }
}

fn now() -> Millis {
    js_sys::Date::now()
}

impl Operator {
    pub fn new(
        client: GwsClient,
        session_id: AttrValue,
        dispatcher: UseReducerDispatcher<Session>,
        next_op: Rc<Cell<u64>>,
        latest: Rc<RefCell<Session>>,
    ) -> Operator {
        Operator {
            client,
            session_id,
            dispatcher,
            next_op,
            outbox: Rc::default(),
            latest,
        }
    }

    pub fn dispatch(&self, action: Action) {
        self.dispatcher.dispatch(action);
    }

    /// Sends an operation and records it from intent to outcome.
    pub fn operate(&self, request: OperationRequest) {
        // The agent acts: a connection backing off tries again now.
        crate::transport::wake(&self.client);
        let id = self.next_id();
        self.dispatch(Action::Requested {
            id,
            request: request.clone(),
            at: now(),
        });
        self.send(id, request);
    }

    /// Leaves the signed-in agent out of a directory search: not a target for them.
    pub fn others(&self, contacts: Vec<Contact>) -> Vec<Contact> {
        let latest = self.latest.borrow();
        contacts.into_iter().filter(|c| !latest.is_me(c)).collect()
    }

    /// The agent focused the widget: GWS is told, where the session grants it, and
    /// the log counts as read.
    pub fn focused(&self) {
        let newest = self.latest.borrow().log().last_index();
        if let Some(newest) = newest {
            self.dispatch(Action::Read(newest));
        }
        let granted = self
            .latest
            .borrow()
            .availability(AgentAction::SetInFocus)
            .is_ok();
        if granted {
            self.operate(OperationRequest::SetInFocus);
        }
    }

    /// Sends a failed message again, in its place in the log. When it may have reached
    /// GWS after all (no answer, a network error), the log after it is read first, and
    /// it is sent again only if no copy of it is there.
    pub fn retry(&self, failed: OpId) {
        crate::transport::wake(&self.client);
        let Some(op) = self.latest.borrow().operations().get(failed).cloned() else {
            return;
        };
        if !matches!(op.status, OpStatus::Failed(_)) || op.wrote().is_none() {
            return;
        }
        let this = self.clone();
        spawn_local(async move {
            if op.uncertain() {
                let range = resync::after(op.after());
                match this.client.messages(&this.session_id, range).await {
                    Ok(messages) => this.dispatch(Action::MessagesLoaded(messages)),
                    Err(error) => {
                        let why = Said::from(Msg::CheckFailed).with("reason", error.said());
                        return this.dispatch(Action::ReadFailed(why));
                    }
                }
                // The log read is reduced and rendered before the next task.
                TimeoutFuture::new(0).await;
                let still_failed = this
                    .latest
                    .borrow()
                    .operations()
                    .get(failed)
                    .is_some_and(|op| matches!(op.status, OpStatus::Failed(_)));
                if !still_failed {
                    return;
                }
            }
            let id = this.next_id();
            this.dispatch(Action::Retried { failed, id });
            this.send(id, op.request);
        });
    }

    /// Takes a failed message out of the log, to be edited: its text.
    pub fn take_back(&self, failed: OpId) -> Option<String> {
        let text = self
            .latest
            .borrow()
            .operations()
            .get(failed)
            .filter(|op| matches!(op.status, OpStatus::Failed(_)))
            .and_then(|op| op.wrote().map(|wrote| wrote.text.to_owned()))?;
        self.dispatch(Action::Withdrawn(failed));
        Some(text)
    }

    fn next_id(&self) -> OpId {
        let id = OpId(self.next_op.get() + 1);
        self.next_op.set(id.0);
        id
    }

    fn send(&self, id: OpId, request: OperationRequest) {
        if Wrote::of(&request).is_some() {
            self.outbox.borrow_mut().waiting.push_back((id, request));
            self.send_next_message();
        } else {
            self.post(id, request, false);
        }
    }

    /// Sends the oldest waiting message unless one is in flight; the next follows its
    /// answer. A message that is no longer sending (settled or withdrawn meanwhile) is
    /// not sent.
    fn send_next_message(&self) {
        let next = {
            let mut outbox = self.outbox.borrow_mut();
            if outbox.busy {
                return;
            }
            let latest = self.latest.borrow();
            let still_sending = |id: OpId| {
                latest
                    .operations()
                    .get(id)
                    .is_none_or(|op| op.status == OpStatus::Sending)
            };
            let mut next = outbox.waiting.pop_front();
            while next.as_ref().is_some_and(|(id, _)| !still_sending(*id)) {
                next = outbox.waiting.pop_front();
            }
            outbox.busy = next.is_some();
            next
        };
        if let Some((id, request)) = next {
            self.dispatch(Action::Posted { id, at: now() });
            self.post(id, request, true);
        }
    }

    /// Posts the request and records its answer; a message then lets the next one go.
    fn post(&self, id: OpId, request: OperationRequest, message: bool) {
        self.end_wait_after(wait_ms(&request));
        let this = self.clone();
        spawn_local(async move {
            let answer = this.client.operate(&this.session_id, &request).await;
            this.answered(id, answer);
            if message {
                this.outbox.borrow_mut().busy = false;
                this.send_next_message();
            }
        });
    }

    fn answered(&self, id: OpId, answer: Result<Accepted, ApiError>) {
        let action = match answer {
            Ok(accepted) => Action::Answered {
                id,
                response: OperationResponse::from(accepted),
            },
            Err(ApiError::Status { code, message }) => Action::Answered {
                id,
                response: OperationResponse {
                    status_code: code,
                    reference_id: None,
                    status_message: message,
                },
            },
            Err(error) => Action::RequestFailed {
                id,
                error: error.said(),
            },
        };
        self.dispatch(action);
    }

    /// Tells the state the time once the wait of an operation posted now is over
    /// (a little after, so the operation is past it on any clock).
    fn end_wait_after(&self, wait: Millis) {
        let dispatcher = self.dispatcher.clone();
        Timeout::new(wait as u32 + 100, move || {
            dispatcher.dispatch(Action::Tick(now()))
        })
        .forget();
    }
}
