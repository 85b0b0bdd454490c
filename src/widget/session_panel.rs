//! One live session: its view, the target picker, and every action sent to GWS.

use std::rc::Rc;

use gws_types::{OperationRequest, Target};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::live::use_live_session;
use crate::components::Session;
use crate::components::{ConnectionBanner, Search, SessionView, TargetPicker};
use crate::state::host_events::{between, HostEvent};
use crate::state::{Action, AgentAction, Audience, Outgoing, SessionState};
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

    // Focus goes back to the button that opened the picker.
    let close_picker = {
        let (picking, root) = (picking.clone(), root.clone());
        move || {
            let opener = picking.map(AgentAction::operation_name);
            picking.set(None);
            let button = opener.and_then(|name| {
                let root = root.cast::<HtmlElement>()?;
                root.query_selector(&format!("[data-action='{name}']"))
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
    let on_action = {
        let (live, picking, nickname) = (live.clone(), picking.clone(), props.nickname.clone());
        Callback::from(move |action: AgentAction| {
            if action.needs_target() {
                picking.set(Some(action));
            } else if let Some(request) = action.simple_request(&nickname) {
                if action == AgentAction::Accept {
                    live.dispatch(Action::KnownAs(nickname.to_string()));
                }
                live.operate(request);
            }
        })
    };
    let on_send = {
        let live = live.clone();
        Callback::from(move |outgoing: Outgoing| {
            live.operate(match outgoing.audience {
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
        let client = props.client.clone();
        Callback::from(move |(pattern, reply): Search| {
            let client = client.clone();
            spawn_local(async move {
                let answer = client.search_contacts(&pattern, None).await;
                reply.emit(
                    answer
                        .map(|found| Rc::from(found.contacts))
                        .map_err(|e| e.to_string()),
                );
            });
        })
    };
    let on_choose = {
        let (live, picking, close) = (live.clone(), picking.clone(), close_picker.clone());
        Callback::from(move |target: Target| {
            if let Some(request) = picking.and_then(|action| action.targeted_request(target)) {
                live.operate(request);
            }
            close();
        })
    };
    let on_cancel = Callback::from(move |()| close_picker());
    let on_request = {
        let live = live.clone();
        Callback::from(move |request: OperationRequest| live.operate(request))
    };

    html! {
        <div class="gws-sms-panel" ref={root}>
            <SessionView session={live.session.clone()} {on_action} {on_send} {on_request}>
                <ConnectionBanner state={live.connection} />
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
