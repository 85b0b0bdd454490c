//! The demo page: the seed page's consult flow, replayed step by step through the
//! same reducer and components the widget uses.

use gws_types::{OperationRequest, OperationResponse, Target};
use serde_json::json;
use yew::prelude::*;

use crate::components::{Session, SessionView};
use crate::state::{Action, OpId, SessionState};

const SESSION: &str = "0000Na9B26EF006E";

fn notified(value: serde_json::Value) -> Action {
    match serde_json::from_value(value) {
        Ok(notification) => Action::Notified(notification),
        Err(error) => Action::NotificationUnreadable(error.to_string()),
    }
}

/// The steps, each with what it shows.
fn steps() -> Vec<(&'static str, Action)> {
    let capabilities = json!([
        "Transfer",
        "Leave",
        "Invite",
        "Consult",
        "SetInFocus",
        "SetDisposition",
        "AttachUserData",
        "DeleteUserData",
        "UpdateUserData",
        "Complete",
        "SendMessage",
        "SendStartTypingNotification",
        "SendStopTypingNotification"
    ]);
    let uri = format!("http://localhost:8080/api/v2/smssessions/{SESSION}");
    vec![
        (
            "The agent works a session with the customer.",
            notified(json!({
                "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
                "smssession": {"id": SESSION, "uri": uri, "state": "Chatting", "capabilities": capabilities,
                    "participants": [
                        {"nickname": "TestName", "type": "Agent", "participantId": "009052CB05C900EA"},
                        {"nickname": "FirstL", "type": "Customer", "participantId": "009052CB056C00E5"}]}
            })),
        ),
        (
            "The customer writes.",
            notified(json!({
                "messageType": "MessageLogUpdated", "notificationType": "NewMessages", "smssessionUri": uri,
                "messages": [{"index": 1, "type": "Text", "visibility": "All", "text": "Hi, my order <b>never</b> arrived",
                    "timestampSeconds": 1389039200000_i64,
                    "from": {"nickname": "FirstL", "type": "Customer", "participantId": "009052CB056C00E5"}},
                    {"index": 2, "type": "Text", "visibility": "All", "text": "Let me check that for you.",
                    "timestampSeconds": 1389039220000_i64,
                    "from": {"nickname": "TestName", "type": "Agent", "participantId": "009052CB05C900EA"}}]
            })),
        ),
        (
            "The agent asks to consult BFriend.",
            Action::Requested {
                id: OpId(1),
                request: OperationRequest::Consult {
                    target: Target::Uri(
                        "http://localhost:8080/api/v2/contacts/429a55994ef64991a77acb77c1cf9041"
                            .into(),
                    ),
                },
            },
        ),
        (
            "GWS accepts the request (referenceId 35).",
            Action::Answered {
                id: OpId(1),
                response: OperationResponse::accepted(Some(35)),
            },
        ),
        (
            "BFriend joins the session; the customer is not told.",
            notified(json!({
                "notificationType": "ParticipantsUpdated", "messageType": "SMSsessionStateChangeMessage",
                "smssession": {"id": SESSION, "uri": uri, "state": "Chatting",
                    "participants": [
                        {"nickname": "TestName", "type": "Agent", "participantId": "009052CB05C900EA"},
                        {"nickname": "BFriend", "type": "Agent", "participantId": "009052CB05CA00EB"},
                        {"nickname": "FirstL", "type": "Customer", "participantId": "009052CB056C00E5"}],
                    "capabilities": ["Transfer", "Leave", "Invite", "Consult", "SetInFocus", "SetDisposition",
                        "AttachUserData", "DeleteUserData", "UpdateUserData", "SendToAgents",
                        "SendStartTypingToAgentsNotification", "SendStopTypingToAgentsNotification",
                        "Complete", "SendMessage", "SendStartTypingNotification", "SendStopTypingNotification"]}
            })),
        ),
        (
            "BFriend's arrival is logged for agents only.",
            notified(json!({
                "messageType": "MessageLogUpdated", "notificationType": "NewMessages", "smssessionUri": uri,
                "messages": [{"index": 3, "type": "ParticipantJoined", "visibility": "Agents",
                    "timestamp": "2014-01-06 12:14:06.007-0800", "timestampSeconds": 1389039246007_i64,
                    "from": {"nickname": "BFriend", "type": "Agent", "participantId": "009052CB05CA00EB"}}]
            })),
        ),
    ]
}

#[component]
pub fn Demo() -> Html {
    let session = use_reducer(|| Session::new(SessionState::new(SESSION)));
    let script = use_memo((), |_| steps());
    let next = use_state(|| 0_usize);
    let caption = next
        .checked_sub(1)
        .and_then(|shown| script.get(shown))
        .map_or("Nothing has happened yet.", |(caption, _)| caption);
    let advance = {
        let (session, script, next) = (session.clone(), script.clone(), next.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((_, action)) = script.get(*next) {
                session.dispatch(action.clone());
                next.set(*next + 1);
            }
        })
    };
    let finished = *next >= script.len();
    html! {
        <main class="gws-demo">
            <h1 class="gws-demo__title">{ "SMS session widget" }</h1>
            <p class="gws-demo__caption" aria-live="polite">{ caption }</p>
            <button type="button" class="gws-demo__next" disabled={finished} onclick={advance}>
                { if finished { "End of the consult flow" } else { "Next step" } }
            </button>
            <SessionView session={(*session).clone()} />
        </main>
    }
}
