//! Disposition, attached data and comment: what the agent records about the session.

use std::rc::Rc;

use gws_types::{Disposition, OperationRequest, UserData, UserValue};
use yew::prelude::*;

use super::{flag, Controls};
use crate::i18n::{Catalogue, Msg, Said};
use crate::state::{AgentAction, OpStatus};
use crate::transport::json::write;

/// Asks for the disposition codes GWS offers; the answer comes back through the reply.
pub type LoadCodes = Callback<Result<Rc<[Disposition]>, Said>>;

#[derive(Properties, PartialEq)]
pub struct WrapUpProps {
    /// The words to speak.
    #[prop_or_default]
    pub t: Rc<Catalogue>,
    pub controls: Controls,
    pub on_request: Callback<OperationRequest>,
    /// Loads the disposition codes; none given, the disposition is typed.
    #[prop_or_default]
    pub on_load_codes: Callback<LoadCodes>,
}

/// The disposition field: GWS's codes to choose from (`name` sent, `displayName`
/// shown), or free text while they load, or when they cannot be read.
fn disposition_field(
    t: &Catalogue,
    codes: &Option<Result<Rc<[Disposition]>, Said>>,
    field: &NodeRef,
) -> Html {
    match codes {
        Some(Ok(codes)) if !codes.is_empty() => html! {
            <label>{ t.attr(Msg::Disposition) }
                <select ref={field.clone()}>
                    <option value="">{ t.attr(Msg::ChooseCode) }</option>
                    { for codes.iter().filter_map(|code| {
                        let name = code.name.clone()?;
                        let shown = code.display_name.clone().unwrap_or_else(|| name.clone());
                        Some(html! { <option key={name.clone()} value={name}>{ shown }</option> })
                    }) }
                </select>
            </label>
        },
        _ => html! {
            <>
                <label>{ t.attr(Msg::Disposition) }<input ref={field.clone()} type="text" /></label>
                if let Some(Err(why)) = codes {
                    <span class="gws-sms-wrap-up__note">{ t.say(&Said::from(Msg::NoCodes).with("reason", why.clone())) }</span>
                }
            </>
        },
    }
}

fn shown(t: &Catalogue, value: &UserValue) -> String {
    match value {
        UserValue::Text(text) => text.clone(),
        UserValue::Null => t.text(Msg::NoValue).to_owned(),
        other => write::value_text(other),
    }
}

/// The value of an input or a select.
fn read(field: &NodeRef) -> String {
    field
        .get()
        .and_then(|field| js_sys::Reflect::get(&field, &"value".into()).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

/// A button that sends one operation when the server allows it, or says why not.
fn action_button(
    t: &Catalogue,
    label: Msg,
    action: AgentAction,
    controls: &Controls,
    onclick: Callback<MouseEvent>,
) -> Html {
    let allowed = controls.availability(action);
    let busy = latest(controls, action).is_some_and(OpStatus::is_open);
    html! {
        <button type="button" class="gws-sms-wrap-up__button" data-action={action.operation().as_str()}
            aria-disabled={flag(allowed.is_err())} aria-busy={flag(busy)}
            title={allowed.as_ref().err().map(|why| t.say(&why.said()))}
            onclick={if allowed.is_ok() { onclick } else { Callback::noop() }}>
            { t.attr(label) }
        </button>
    }
}

/// Where the latest operation of `action` stands.
fn latest(controls: &Controls, action: AgentAction) -> Option<&OpStatus> {
    controls
        .operations()
        .latest(action.operation())
        .map(|op| &op.status)
}

/// Where the latest operation of `action` stands: in progress, failed and why, or
/// past its wait and what it lacks.
fn outcome(t: &Catalogue, label: Msg, action: AgentAction, controls: &Controls) -> Html {
    let data = action.operation().as_str();
    let said = |msg: Msg| Said::from(msg).with("action", label);
    match latest(controls, action) {
        Some(status) if status.is_open() => html! {
            <span class="gws-sms-wrap-up__status" role="status">{ t.attr(Msg::WorkInProgress) }</span>
        },
        Some(OpStatus::Failed(why)) => html! {
            <span class="gws-sms-wrap-up__error" role="alert" data-error-for={data}>
                { t.say(&said(Msg::ActionFailed).with("reason", why.clone())) }
            </span>
        },
        Some(OpStatus::Unconfirmed(words)) => html! {
            <span class="gws-sms-wrap-up__unconfirmed" role="status" data-unconfirmed-for={data}>
                { t.say(&said(Msg::ActionSays).with("reason", words.clone())) }
            </span>
        },
        _ => Html::default(),
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
    let codes = use_state(|| None::<Result<Rc<[Disposition]>, Said>>);
    let t = &props.t;
    {
        let (codes, load) = (codes.setter(), props.on_load_codes.clone());
        use_effect_with((), move |_| {
            load.emit(Callback::from(move |answer| codes.set(Some(answer))))
        });
    }
    let controls = &props.controls;
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
                .then(|| UserData::from_iter([(name, UserValue::Text(read(&value)))]))
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
    use AgentAction::{AddComment, AttachUserData, DeleteUserData, SetDisposition, UpdateUserData};

    html! {
        <details class="gws-sms-wrap-up">
            <summary>{ t.attr(Msg::WrapUp) }</summary>
            <div class="gws-sms-wrap-up__row">
                { disposition_field(t, &codes, &disposition) }
                { action_button(t, Msg::SetDisposition, SetDisposition, controls, set_disposition) }
                { outcome(t, Msg::SetDisposition, SetDisposition, controls) }
            </div>
            <table class="gws-sms-wrap-up__data" aria-label={t.attr(Msg::AttachedData)}>
                <tbody>
                    { for controls.user_data().iter().map(|(name, value)| {
                        let delete = send(Box::new({ let name = name.clone(); move || Some(OperationRequest::DeleteUserData { keys: vec![name.clone()] }) }));
                        html! {
                            <tr key={name.clone()}>
                                <th scope="row">{ name.clone() }</th>
                                <td>{ shown(t, value) }</td>
                                <td>{ action_button(t, Msg::Delete, DeleteUserData, controls, delete) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            { outcome(t, Msg::Delete, DeleteUserData, controls) }
            <div class="gws-sms-wrap-up__row">
                <label>{ t.attr(Msg::Key) }<input ref={key} type="text" /></label>
                <label>{ t.attr(Msg::Value) }<input ref={value} type="text" /></label>
                { action_button(t, Msg::Attach, AttachUserData, controls, attach) }
                { action_button(t, Msg::Update, UpdateUserData, controls, update) }
                { outcome(t, Msg::Attach, AttachUserData, controls) }
                { outcome(t, Msg::Update, UpdateUserData, controls) }
            </div>
            <div class="gws-sms-wrap-up__row">
                <label>{ t.attr(Msg::Comment) }<input ref={comment} type="text" value={controls.comment().unwrap_or_default().to_owned()} /></label>
                { action_button(t, Msg::AddComment, AddComment, controls, add_comment) }
                { outcome(t, Msg::AddComment, AddComment, controls) }
            </div>
        </details>
    }
}
