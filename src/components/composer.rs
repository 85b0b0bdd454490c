//! Writing to the customer or to agents only.

use yew::prelude::*;

use super::audience_switch::{audience_switch, AudienceSwitch};
use super::failed_sends::{failed_sends, FailedSend};
use super::{class_names, Controls};
use crate::sms::{Encoding, Segments};
use crate::state::{AgentAction, Audience, OpId, OpStatus, Outgoing};
use gws_types::OperationRequest;

#[derive(Properties, PartialEq)]
pub struct ComposerProps {
    pub controls: Controls,
    pub on_send: Callback<Outgoing>,
    /// An action the composer takes on its own: the typing notifications.
    #[prop_or_default]
    pub on_action: Callback<AgentAction>,
}

/// Sends that failed, newest first, with what was written, so nothing typed is lost.
fn failures(controls: &Controls, dismissed: &[OpId]) -> Vec<FailedSend> {
    controls
        .operations()
        .iter()
        .rev()
        .filter(|op| !dismissed.contains(&op.id))
        .filter_map(|op| {
            let OpStatus::Failed(why) = &op.status else {
                return None;
            };
            let (audience, text) = match &op.request {
                OperationRequest::SendMessage { text } => (Audience::Customer, text),
                OperationRequest::SendToAgents { text } => (Audience::Agents, text),
                _ => return None,
            };
            Some(FailedSend {
                op: op.id,
                outgoing: Outgoing {
                    audience,
                    text: text.clone(),
                },
                reason: why.clone(),
            })
        })
        .collect()
}

fn counter_text(draft: &str) -> String {
    let segments = Segments::of(draft);
    let encoding = match segments.encoding {
        Encoding::Gsm7 => "GSM-7",
        Encoding::Ucs2 => "Unicode",
    };
    let plural = if segments.segments == 1 { "" } else { "s" };
    format!(
        "{} SMS{plural} · {} left · {encoding}",
        segments.segments, segments.remaining
    )
}

#[component]
pub fn Composer(props: &ComposerProps) -> Html {
    let draft = use_state(String::new);
    let chosen = use_state(|| Audience::Customer);
    // Whether the customer was told the agent is typing: it renders nothing.
    let typing = use_mut_ref(|| false);
    let dismissed = use_state(Vec::<OpId>::new);

    let can_agents = props.controls.availability(AgentAction::SendToAgents);
    let audience = if *chosen == Audience::Agents && can_agents.is_ok() {
        Audience::Agents
    } else {
        Audience::Customer
    };
    let can_send = props.controls.availability(audience.send_action());
    let typing_allowed = |on: bool| {
        props
            .controls
            .availability(audience.typing_action(on))
            .is_ok()
    };

    let set_typing = {
        let (typing, on_action) = (typing.clone(), props.on_action.clone());
        let (start_ok, stop_ok) = (typing_allowed(true), typing_allowed(false));
        move |on: bool| {
            if *typing.borrow() != on {
                *typing.borrow_mut() = on;
                if (on && start_ok) || (!on && stop_ok) {
                    on_action.emit(audience.typing_action(on));
                }
            }
        }
    };
    let send = {
        let (draft, on_send, set_typing) =
            (draft.clone(), props.on_send.clone(), set_typing.clone());
        let allowed = can_send.is_ok();
        move || {
            if allowed && !draft.trim().is_empty() {
                on_send.emit(Outgoing {
                    audience,
                    text: (*draft).clone(),
                });
                draft.set(String::new());
                set_typing(false);
            }
        }
    };
    let oninput = {
        let (draft, set_typing) = (draft.clone(), set_typing.clone());
        Callback::from(move |event: InputEvent| {
            let text = event
                .target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                .value();
            set_typing(!text.is_empty());
            draft.set(text);
        })
    };
    let onkeydown = {
        let send = send.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && !event.shift_key() && !event.is_composing() {
                event.prevent_default();
                send();
            }
        })
    };
    let onclick = Callback::from(move |_: MouseEvent| send());
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |option: Audience| chosen.set(option))
    };
    let failures = failures(&props.controls, &dismissed);
    let forget = {
        let dismissed = dismissed.clone();
        move |op: OpId| {
            let mut kept = (*dismissed).clone();
            kept.push(op);
            dismissed.set(kept);
        }
    };
    let on_retry = {
        let (forget, on_send) = (forget.clone(), props.on_send.clone());
        Callback::from(move |failed: FailedSend| {
            forget(failed.op);
            on_send.emit(failed.outgoing);
        })
    };
    let on_edit = {
        let draft = draft.clone();
        Callback::from(move |failed: FailedSend| {
            forget(failed.op);
            draft.set(failed.outgoing.text);
        })
    };
    let id = props.controls.session_id();

    html! {
        <div class="gws-sms-composer">
            { audience_switch(AudienceSwitch {
                audience,
                customer: props.controls.availability(AgentAction::SendMessage).err(),
                agents: can_agents.err(),
                on_choose: &on_choose,
            }) }
            <label class="gws-sms-composer__label" for={format!("gws-sms-draft-{id}")}>{ "Message" }</label>
            <textarea id={format!("gws-sms-draft-{id}")}
                class={class_names("gws-sms-composer__draft", &[(audience == Audience::Agents, "gws-sms-composer__draft--agents-only")])}
                rows="3" value={(*draft).clone()} {oninput} {onkeydown}
                onblur={{ let set_typing = set_typing.clone(); Callback::from(move |_: FocusEvent| set_typing(false)) }} />
            <div class="gws-sms-composer__footer">
                if audience == Audience::Customer {
                    <span class="gws-sms-composer__counter" aria-live="polite">{ counter_text(&draft) }</span>
                } else {
                    <span class="gws-sms-composer__counter">{ "Visible to agents only" }</span>
                }
                <button type="button" class="gws-sms-composer__send" aria-disabled={can_send.is_err().to_string()}
                    title={can_send.as_ref().err().map(|why| why.to_string())} {onclick}>{ "Send" }</button>
            </div>
            { failed_sends(&failures, &on_retry, &on_edit) }
        </div>
    }
}
