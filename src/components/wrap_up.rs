//! Disposition, attached data and comment: what the agent records about the session.

use gws_types::{OperationRequest, UserData};
use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Session;
use crate::state::{AgentAction, Unavailable};

#[derive(Properties, PartialEq)]
pub struct WrapUpProps {
    pub session: Session,
    pub on_request: Callback<OperationRequest>,
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => "(none)".to_owned(),
        other => other.to_string(),
    }
}

fn read(input: &NodeRef) -> String {
    input
        .cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// A button that sends one operation when the server allows it, or says why not.
fn action_button(
    label: &str,
    data: &'static str,
    allowed: &Result<(), Unavailable>,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <button type="button" class="gws-sms-wrap-up__button" data-action={data}
            aria-disabled={allowed.is_err().to_string()}
            title={allowed.as_ref().err().map(ToString::to_string)}
            onclick={if allowed.is_ok() { onclick } else { Callback::noop() }}>
            { label.to_owned() }
        </button>
    }
}

#[component]
pub fn WrapUp(props: &WrapUpProps) -> Html {
    let (disposition, key, value, comment) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let session = &props.session;
    let send = |build: Box<dyn Fn() -> Option<OperationRequest>>| {
        let on_request = props.on_request.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(request) = build() {
                on_request.emit(request);
            }
        })
    };
    let set_disposition = send(Box::new({
        let disposition = disposition.clone();
        move || {
            Some(OperationRequest::SetDisposition {
                disposition: read(&disposition),
                disposition_key: None,
            })
            .filter(|_| !read(&disposition).trim().is_empty())
        }
    }));
    let pair = {
        let (key, value) = (key.clone(), value.clone());
        move || -> Option<UserData> {
            let name = read(&key);
            (!name.trim().is_empty())
                .then(|| UserData::from_iter([(name, Value::String(read(&value)))]))
        }
    };
    let attach = send(Box::new({
        let pair = pair.clone();
        move || pair().map(|user_data| OperationRequest::AttachUserData { user_data })
    }));
    let update = send(Box::new(move || {
        pair().map(|user_data| OperationRequest::UpdateUserData { user_data })
    }));
    let add_comment = send(Box::new({
        let comment = comment.clone();
        move || {
            Some(OperationRequest::AddComment {
                comment: read(&comment),
            })
            .filter(|_| !read(&comment).trim().is_empty())
        }
    }));
    let can_delete = session.availability(AgentAction::DeleteUserData);

    html! {
        <details class="gws-sms-wrap-up">
            <summary>{ "Disposition and data" }</summary>
            <div class="gws-sms-wrap-up__row">
                <label>{ "Disposition" }<input ref={disposition} type="text" /></label>
                { action_button("Set disposition", "SetDisposition", &session.availability(AgentAction::SetDisposition), set_disposition) }
            </div>
            <table class="gws-sms-wrap-up__data" aria-label="Attached data">
                <tbody>
                    { for session.user_data().iter().map(|(name, value)| {
                        let delete = send(Box::new({ let name = name.clone(); move || Some(OperationRequest::DeleteUserData { keys: vec![name.clone()] }) }));
                        html! {
                            <tr key={name.clone()}>
                                <th scope="row">{ name.clone() }</th>
                                <td>{ shown(value) }</td>
                                <td>{ action_button("Delete", "DeleteUserData", &can_delete, delete) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <div class="gws-sms-wrap-up__row">
                <label>{ "Key" }<input ref={key} type="text" /></label>
                <label>{ "Value" }<input ref={value} type="text" /></label>
                { action_button("Attach", "AttachUserData", &session.availability(AgentAction::AttachUserData), attach) }
                { action_button("Update", "UpdateUserData", &session.availability(AgentAction::UpdateUserData), update) }
            </div>
            <div class="gws-sms-wrap-up__row">
                <label>{ "Comment" }<input ref={comment} type="text" value={session.comment().unwrap_or_default().to_owned()} /></label>
                { action_button("Add comment", "AddComment", &session.availability(AgentAction::AddComment), add_comment) }
            </div>
        </details>
    }
}
