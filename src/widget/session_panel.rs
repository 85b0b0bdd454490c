//! One live session: its view, the target picker, and every action sent to GWS.

use std::rc::Rc;

use gws_types::{OperationRequest, Target};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, Node};
use yew::prelude::*;

use super::attention::{use_attention, Waiting};
use super::live::use_live_session;
use super::operator::Operator;
use crate::components::shortcuts::{Keys, Shortcut};
use crate::components::{
    connection_banner, session_view, use_action_bar_state, CustomerWaiting, LoadCodes, Recall,
    Search, SessionViewProps, TargetPicker,
};
use crate::components::{connection_words, Session};
use crate::i18n::Catalogue;
use crate::state::attention::Thresholds;
use crate::state::host_events::{between, HostEvent};
use crate::state::{Action, AgentAction, Audience, OpId, Outgoing, SessionState};
use crate::transport::{ConnectionState, GwsClient};

#[derive(Properties, PartialEq)]
pub struct SessionPanelProps {
    /// The words to speak.
    #[prop_or_default]
    pub t: Rc<Catalogue>,
    pub client: GwsClient,
    pub session_id: AttrValue,
    /// The name Accept shows the customer.
    pub nickname: AttrValue,
    /// Complete waits for a disposition.
    #[prop_or_default]
    pub disposition_required: bool,
    /// When a customer's wait turns to a warning, then an alarm.
    #[prop_or_default]
    pub waiting: Thresholds,
    /// Told what happens, for the host page.
    #[prop_or_default]
    pub on_event: Callback<HostEvent>,
}

#[component]
pub fn SessionPanel(props: &SessionPanelProps) -> Html {
    let live = use_live_session(&props.client, &props.session_id);
    let picking = use_state(|| None::<AgentAction>);
    let root = use_node_ref();
    let t = &props.t;
    use_host_events(&live, &props.on_event, t);
    let waiting = use_attention(&live.session, props.waiting, &props.on_event);
    {
        let operator = live.operator.clone();
        use_effect_with(props.disposition_required, move |required| {
            operator.dispatch(Action::DispositionRequired(*required))
        });
    }

    let recall = use_state(|| None::<Recall>);
    let bar = use_action_bar_state();
    // Built once per session (the operator is the session's for its whole life), so that
    // the composer, the actions and the wrap-up, given the same callbacks and equal
    // `Controls`, are not rendered again for each new message. One memo for all of them:
    // each hook call site is code of its own in the module.
    let handlers = use_memo(
        (
            live.operator.clone(),
            props.client.clone(),
            props.nickname.clone(),
        ),
        |(operator, client, nickname)| {
            Handlers::new(
                operator,
                client,
                nickname,
                Picking {
                    shown: picking.setter(),
                    root: root.clone(),
                },
                recall.setter(),
            )
        },
    );
    let h = &*handlers;

    html! {
        <div class="gws-sms-panel" ref={root} onfocusin={h.onfocusin.clone()} onkeydown={h.onkeydown.clone()}>
            { session_view(&SessionViewProps {
                t: t.clone(),
                session: live.session.clone(),
                on_action: h.on_action.clone(),
                on_send: h.on_send.clone(),
                on_request: h.on_request.clone(),
                on_retry: h.on_retry.clone(),
                on_edit: h.on_edit.clone(),
                reading: live.reading_holes,
                on_read: h.on_read.clone(),
                on_load_codes: h.on_load_codes.clone(),
                recall: (*recall).clone(),
                children: html! {
                    <>
                        { connection_banner(t, live.connection) }
                        if let Some(Waiting { since, level }) = waiting {
                            <CustomerWaiting t={t.clone()} {since} {level} />
                        }
                        if let Some(action) = *picking {
                            // The picker says which action it was opened for: the one chosen for.
                            <TargetPicker t={t.clone()} {action} on_search={h.on_search.clone()}
                                on_choose={h.on_choose.reform(move |target| (action, target))}
                                on_cancel={h.on_cancel.reform(move |()| action)} />
                        }
                    </>
                },
            }, &bar) }
        </div>
    }
}

/// The target picker: whether it is shown, the action that opened it, and where the
/// button to give the focus back to is.
struct Picking {
    shown: UseStateSetter<Option<AgentAction>>,
    root: NodeRef,
}

impl Picking {
    fn open(&self, action: AgentAction) {
        self.shown.set(Some(action));
    }

    /// Closes it and gives the focus back to the button of the action it was opened for.
    fn close(&self, opener: AgentAction) {
        self.shown.set(None);
        let button = self
            .root
            .cast::<HtmlElement>()
            .and_then(|root| {
                let css = format!("[data-action='{}']", opener.operation().as_str());
                root.query_selector(&css).ok().flatten()
            })
            .and_then(|b| b.dyn_into::<HtmlElement>().ok());
        if let Some(button) = button {
            let _ = button.focus();
        }
    }
}

/// Every callback the session's view is given.
#[derive(Clone)]
struct Handlers {
    on_action: Callback<AgentAction>,
    on_send: Callback<Outgoing>,
    on_request: Callback<OperationRequest>,
    on_retry: Callback<OpId>,
    on_edit: Callback<OpId>,
    on_search: Callback<Search>,
    on_choose: Callback<(AgentAction, Target)>,
    on_cancel: Callback<AgentAction>,
    onfocusin: Callback<FocusEvent>,
    onkeydown: Callback<KeyboardEvent>,
    on_read: Callback<u64>,
    on_load_codes: Callback<LoadCodes>,
}

impl Handlers {
    fn new(
        operator: &Operator,
        client: &GwsClient,
        nickname: &AttrValue,
        picking: Picking,
        recall: UseStateSetter<Option<Recall>>,
    ) -> Handlers {
        let picking = Rc::new(picking);
        let on_action = {
            let (operator, picking, nickname) =
                (operator.clone(), picking.clone(), nickname.clone());
            Callback::from(move |action: AgentAction| {
                if action.needs_target() {
                    picking.open(action);
                } else if let Some(request) = action.simple_request(&nickname) {
                    if action == AgentAction::Accept {
                        operator.dispatch(Action::KnownAs(nickname.to_string()));
                    }
                    operator.operate(request);
                }
            })
        };
        let on_send = {
            let operator = operator.clone();
            Callback::from(move |outgoing: Outgoing| {
                operator.operate(match outgoing.audience {
                    Audience::Customer => OperationRequest::SendMessage {
                        text: outgoing.text,
                    },
                    Audience::Agents => OperationRequest::SendToAgents {
                        text: outgoing.text,
                    },
                })
            })
        };
        let on_search = {
            let (client, operator) = (client.clone(), operator.clone());
            Callback::from(move |(pattern, reply): Search| {
                let (client, operator) = (client.clone(), operator.clone());
                spawn_local(async move {
                    let answer = client.search_contacts(&pattern, None).await;
                    reply.emit(
                        answer
                            .map(|found| Rc::from(operator.others(found.contacts)))
                            .map_err(|e| e.said()),
                    );
                });
            })
        };
        let on_choose = {
            let (operator, picking) = (operator.clone(), picking.clone());
            Callback::from(move |(action, target): (AgentAction, Target)| {
                picking.close(action);
                if let Some(request) = action.targeted_request(target) {
                    operator.operate(request);
                }
            })
        };
        let on_cancel = {
            let picking = picking.clone();
            Callback::from(move |action: AgentAction| picking.close(action))
        };
        let on_request = {
            let operator = operator.clone();
            Callback::from(move |request: OperationRequest| operator.operate(request))
        };
        let on_retry = {
            let operator = operator.clone();
            Callback::from(move |failed: OpId| operator.retry(failed))
        };
        // Edit takes the message out of the log and gives its text to the composer.
        let on_edit = {
            let operator = operator.clone();
            Callback::from(move |failed: OpId| {
                if let Some(text) = operator.take_back(failed) {
                    recall.set(Some(Recall {
                        seq: failed.0,
                        text: text.into(),
                    }));
                }
            })
        };
        // Focus that comes from outside the widget tells GWS the agent works this
        // session now; moves within it, and a second focus while the first is told, do
        // not.
        let onfocusin = {
            let (operator, root) = (operator.clone(), picking.root.clone());
            Callback::from(move |event: FocusEvent| {
                // The panel itself: Yew delegates events, so `currentTarget` is not it.
                let within = root
                    .get()
                    .zip(
                        event
                            .related_target()
                            .and_then(|t| t.dyn_into::<Node>().ok()),
                    )
                    .is_some_and(|(root, from)| root.contains(Some(&from)));
                if !within {
                    operator.focused();
                }
            })
        };
        // A shortcut presses the widget's own control, which acts only if enabled.
        let onkeydown = {
            let root = picking.root.clone();
            Callback::from(move |event: KeyboardEvent| {
                // A control that handled the key (the message box's Enter) keeps it.
                if event.default_prevented() {
                    return;
                }
                let keys = Keys {
                    code: &event.code(),
                    alt: event.alt_key(),
                    shift: event.shift_key(),
                    ctrl: event.ctrl_key(),
                    meta: event.meta_key(),
                };
                let Some(shortcut) = Shortcut::of(&keys) else {
                    return;
                };
                let control = root
                    .cast::<HtmlElement>()
                    .and_then(|root| root.query_selector(shortcut.control()).ok().flatten())
                    .and_then(|control| control.dyn_into::<HtmlElement>().ok());
                if let Some(control) = control {
                    event.prevent_default();
                    control.click();
                }
            })
        };
        let on_read = {
            let operator = operator.clone();
            Callback::from(move |index: u64| operator.dispatch(Action::Read(index)))
        };
        let on_load_codes = {
            let client = client.clone();
            Callback::from(move |reply: LoadCodes| {
                let client = client.clone();
                spawn_local(async move {
                    let answer = client.dispositions().await;
                    reply.emit(answer.map(Rc::from).map_err(|e| e.said()));
                });
            })
        };
        Handlers {
            on_load_codes,
            on_read,
            onkeydown,
            on_action,
            on_send,
            on_request,
            on_retry,
            on_edit,
            on_search,
            on_choose,
            on_cancel,
            onfocusin,
        }
    }
}

/// Tells the host what changed since the last render: operations, the session, the
/// connection.
#[hook]
fn use_host_events(live: &super::LiveSession, on_event: &Callback<HostEvent>, t: &Rc<Catalogue>) {
    let told = use_mut_ref(|| {
        let before = Session::new(SessionState::new(live.session.session_id()));
        (before, None::<ConnectionState>)
    });
    let (on_event, t) = (on_event.clone(), t.clone());
    use_effect_with(
        (live.session.clone(), live.connection),
        move |(now, connection)| {
            let events = between(&told.borrow().0, now, &t);
            for event in events {
                on_event.emit(event);
            }
            let connection_told = told.borrow().1;
            *told.borrow_mut() = (now.clone(), Some(*connection));
            if connection_told != Some(*connection) {
                on_event.emit(HostEvent::ConnectionChanged {
                    session_id: now.session_id().to_owned(),
                    state: connection.name(),
                    description: connection_words(&t, *connection),
                });
            }
        },
    );
}
