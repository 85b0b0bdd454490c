//! The session's actions, each enabled only when the server grants it.

use yew::prelude::*;

use super::dom_id::use_dom_id;
use super::shortcuts::Shortcut;
use super::Controls;
use crate::state::{AgentAction, OpStatus};

/// The actions shown as buttons, in reading order.
const BUTTONS: &[AgentAction] = &[
    AgentAction::Accept,
    AgentAction::Reject,
    AgentAction::Consult,
    AgentAction::CancelConsult,
    AgentAction::Transfer,
    AgentAction::Conference,
    AgentAction::Leave,
    AgentAction::Complete,
];

#[derive(Properties, PartialEq)]
pub struct ActionBarProps {
    pub controls: Controls,
    #[prop_or_default]
    pub on_action: Callback<AgentAction>,
}

/// A disabled button stays focusable (`aria-disabled`) and points to its reason, so
/// keyboard and screen-reader users learn why, not only mouse users.
#[component]
pub fn ActionBar(props: &ActionBarProps) -> Html {
    let why = use_dom_id("why");
    html! {
        <div class="gws-sms-actions" role="toolbar" aria-label="Session actions">
            { for BUTTONS.iter().map(|&action| {
                let availability = props.controls.availability(action);
                let outcome = props.controls.operations().latest(action.operation_name()).map(|op| op.status.clone());
                let busy = outcome.as_ref().is_some_and(OpStatus::is_open);
                let reason_id = format!("{why}-{}", action.operation_name());
                let onclick = {
                    let on_action = props.on_action.clone();
                    let enabled = availability.is_ok();
                    Callback::from(move |_: MouseEvent| if enabled { on_action.emit(action) })
                };
                html! {
                    <span key={action.label()} class="gws-sms-actions__item">
                        <button type="button"
                            class="gws-sms-actions__button"
                            data-action={action.operation_name()}
                            aria-keyshortcuts={Shortcut::for_action(action).map(Shortcut::aria)}
                            aria-disabled={availability.is_err().to_string()}
                            aria-describedby={(availability.is_err() && !busy).then(|| reason_id.clone())}
                            aria-busy={busy.to_string()}
                            {onclick}>
                            { action.label() }
                        </button>
                        if busy {
                            <span class="gws-sms-actions__status" role="status">{ "In progress…" }</span>
                        }
                        if let Some(OpStatus::Failed(why)) = &outcome {
                            <span class="gws-sms-actions__error" role="alert" data-error-for={action.operation_name()}>
                                { format!("{} failed: {why}", action.label()) }
                            </span>
                        }
                        if let Some(OpStatus::Unconfirmed(words)) = &outcome {
                            <span class="gws-sms-actions__unconfirmed" role="status" data-unconfirmed-for={action.operation_name()}>
                                { format!("{}: {words}", action.label()) }
                            </span>
                        }
                        if let (Err(reason), false) = (&availability, busy) {
                            <span id={reason_id} class="gws-sms-actions__reason">{ reason.to_string() }</span>
                        }
                    </span>
                }
            }) }
        </div>
    }
}
