//! One live session: its view, the target picker, and every action sent to GWS.

use std::rc::Rc;

use gws_types::{OperationRequest, Target};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, Node};
use yew::prelude::*;

use super::live::use_live_session;
use crate::components::Session;
use crate::components::{connection_banner, Recall, Search, SessionView, TargetPicker};
use crate::state::host_events::{between, HostEvent};
use crate::state::{Action, AgentAction, Audience, OpId, Outgoing, SessionState};
use crate::transport::GwsClient;

#[derive(Properties, PartialEq)]
pub struct SessionPanelProps {
    pub client: GwsClient,
    pub session_id: AttrValue,
    /// The name Accept shows the customer.
    pub nickname: AttrValue,
    /// Told what happens, for the host page.
    #[prop_or_default]
    pub on_event: Callback<HostEvent>,
}

#[component]
pub fn SessionPanel(props: &SessionPanelProps) -> Html {
    let live = use_live_session(&props.client, &props.session_id);
    let picking = use_state(|| None::<AgentAction>);
    let root = use_node_ref();
    use_host_events(&live, &props.on_event);

    // Callbacks are built once (or when what they read changes), so that the composer,
    // the actions and the wrap-up, given the same callbacks and equal `Controls`, are not
    // rendered again for each new message.
    let operator = &live.operator;
    // Focus goes back to the button that opened the picker.
    let close_picker = {
        let root = root.clone();
        move |opener: Option<AgentAction>, picking: &UseStateSetter<Option<AgentAction>>| {
            picking.set(None);
            let button = opener.and_then(|action| {
                let root = root.cast::<HtmlElement>()?;
                root.query_selector(&format!("[data-action='{}']", action.operation_name()))
                    .ok()
                    .flatten()
            });
            if let Some(button) =
                button.and_then(|b| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(b).ok())
            {
                let _ = button.focus();
            }
        }
    };
    let on_action = use_callback(
        (operator.clone(), picking.setter(), props.nickname.clone()),
        |action: AgentAction, (operator, picking, nickname)| {
            if action.needs_target() {
                picking.set(Some(action));
            } else if let Some(request) = action.simple_request(nickname) {
                if action == AgentAction::Accept {
                    operator.dispatch(Action::KnownAs(nickname.to_string()));
                }
                operator.operate(request);
            }
        },
    );
    let on_send = use_callback(operator.clone(), |outgoing: Outgoing, operator| {
        operator.operate(match outgoing.audience {
            Audience::Customer => OperationRequest::SendMessage {
                text: outgoing.text,
            },
            Audience::Agents => OperationRequest::SendToAgents {
                text: outgoing.text,
            },
        })
    });
    let on_search = use_callback(
        (props.client.clone(), operator.clone()),
        |(pattern, reply): Search, (client, operator)| {
            let (client, operator) = (client.clone(), operator.clone());
            spawn_local(async move {
                let answer = client.search_contacts(&pattern, None).await;
                reply.emit(
                    answer
                        .map(|found| Rc::from(operator.others(found.contacts)))
                        .map_err(|e| e.to_string()),
                );
            });
        },
    );
    let on_choose = {
        let close = close_picker.clone();
        use_callback(
            (operator.clone(), *picking, picking.setter()),
            move |target: Target, (operator, opener, picking)| {
                if let Some(request) = opener.and_then(|action| action.targeted_request(target)) {
                    operator.operate(request);
                }
                close(*opener, picking);
            },
        )
    };
    let on_cancel = use_callback(
        (*picking, picking.setter()),
        move |(), (opener, picking)| close_picker(*opener, picking),
    );
    let on_request = use_callback(operator.clone(), |request: OperationRequest, operator| {
        operator.operate(request)
    });
    let on_retry = use_callback(operator.clone(), |failed: OpId, operator| {
        operator.retry(failed)
    });
    // Edit takes the message out of the log and gives its text to the composer.
    let recall = use_state(|| None::<Recall>);
    let on_edit = use_callback(
        (operator.clone(), recall.setter()),
        |failed: OpId, (operator, recall)| {
            if let Some(text) = operator.take_back(failed) {
                recall.set(Some(Recall {
                    seq: failed.0,
                    text: text.into(),
                }));
            }
        },
    );

    // Focus that comes from outside the widget tells GWS the agent works this session
    // now; moves within it, and a second focus while the first is told, do not.
    let onfocusin = {
        let (operator, root) = (operator.clone(), root.clone());
        Callback::from(move |event: FocusEvent| {
            let from = event
                .related_target()
                .and_then(|t| t.dyn_into::<Node>().ok());
            let within = root
                .get()
                .is_some_and(|root| from.is_some_and(|from| root.contains(Some(&from))));
            if !within {
                operator.focused();
            }
        })
    };

    html! {
        <div class="gws-sms-panel" ref={root} {onfocusin}>
            <SessionView session={live.session.clone()} {on_action} {on_send} {on_request}
                {on_retry} {on_edit} recall={(*recall).clone()} reading={live.reading_holes}>
                { connection_banner(live.connection) }
                if let Some(action) = *picking {
                    <TargetPicker {action} {on_search} {on_choose} {on_cancel} />
                }
            </SessionView>
        </div>
    }
}

/// Tells the host what changed since the last render: operations, the session, the
/// connection.
#[hook]
fn use_host_events(live: &super::LiveSession, on_event: &Callback<HostEvent>) {
    let told = use_mut_ref(|| Session::new(SessionState::new(live.session.session_id())));
    {
        let on_event = on_event.clone();
        use_effect_with(live.session.clone(), move |now| {
            for event in between(&told.borrow(), now) {
                on_event.emit(event);
            }
            *told.borrow_mut() = now.clone();
        });
    }
    let on_event = on_event.clone();
    let session_id = live.session.session_id().to_owned();
    use_effect_with(live.connection, move |state| {
        on_event.emit(HostEvent::ConnectionChanged {
            session_id,
            state: state.name(),
            description: state.to_string(),
        });
    });
}
