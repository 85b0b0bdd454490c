//! The session's actions, beside its header: those that apply to the state, the one
//! that matters most standing out, each enabled only when the server grants it.

use yew::prelude::*;

use super::class_names;
use super::dom_id::use_dom_id;
use super::flag;
use super::shortcuts::Shortcut;
use super::Controls;
use crate::i18n::{Catalogue, Msg, Said};
use crate::state::header::{nothing_to_do, primary, shown, HEADER_ACTIONS};
use crate::state::{AgentAction, OpStatus};

/// Where the action bar keeps its state: the ids its reasons take, and whether Escape
/// hid the reason on screen.
pub struct ActionBarState {
    pub why: AttrValue,
    pub quiet: UseStateHandle<bool>,
}

/// The action bar's state, kept by the component that renders it.
#[hook]
pub fn use_action_bar_state() -> ActionBarState {
    ActionBarState {
        why: use_dom_id("why"),
        quiet: use_state_eq(|| false),
    }
}

/// A withheld action stays focusable (`aria-disabled`) and describes itself with its
/// reason, which shows on hover and focus: keyboard, mouse and screen-reader users all
/// learn why, and nobody reads a sentence under every button.
pub fn action_bar(
    t: &Catalogue,
    controls: &Controls,
    on_action: &Callback<AgentAction>,
    state: &ActionBarState,
) -> Html {
    let ActionBarState { why, quiet } = state;
    // Escape hides the reason on screen until the focus or the pointer moves on (WCAG
    // 1.4.13: content shown on hover or focus can be dismissed).
    let onkeydown = {
        let quiet = quiet.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                quiet.set(true);
            }
        })
    };
    let awake = {
        let quiet = quiet.clone();
        Callback::from(move |_: Event| quiet.set(false))
    };
    let primary = primary(controls.status(), controls.capabilities());
    let mut outcomes = Vec::new();
    let buttons: Vec<Html> = HEADER_ACTIONS
        .iter()
        .filter_map(|&action| {
            let availability = controls.availability(action);
            let outcome = controls
                .operations()
                .latest(action.operation())
                .map(|op| op.status.clone())
                .filter(|status| *status != OpStatus::Done);
            if !shown(action, controls.status(), &availability, outcome.is_some()) {
                return None;
            }
            let busy = outcome.as_ref().is_some_and(OpStatus::is_open);
            if let Some(outcome) = outcome {
                outcomes.push((action, outcome));
            }
            let reason_id = format!("{why}-{}", action.operation().as_str());
            let onclick = {
                let on_action = on_action.clone();
                let enabled = availability.is_ok();
                Callback::from(move |_: MouseEvent| if enabled { on_action.emit(action) })
            };
            let class = class_names(
                "gws-sms-actions__button",
                &[(primary == Some(action), "gws-sms-actions__button--primary")],
            );
            Some(html! {
                <span key={action.operation().as_str()} class="gws-sms-actions__item">
                    <button type="button" ~className={class}
                        data-action={action.operation().as_str()}
                        aria-keyshortcuts={Shortcut::for_action(action).map(Shortcut::aria)}
                        aria-disabled={flag(availability.is_err())}
                        aria-describedby={(availability.is_err() && !busy).then(|| reason_id.clone())}
                        aria-busy={flag(busy)}
                        {onclick}>
                        { t.attr(action.msg()) }
                    </button>
                    if let (Err(reason), false) = (&availability, busy) {
                        <span id={reason_id} role="tooltip" class="gws-sms-actions__reason">{ t.say(&reason.said()) }</span>
                    }
                </span>
            })
        })
        .collect();
    html! {
        <>
            if buttons.is_empty() {
                if let Some(why) = nothing_to_do(controls.status()) {
                    <p class="gws-sms-actions__none" role="status">{ t.say(&why.said()) }</p>
                }
            } else {
                <div ~className={class_names("gws-sms-actions", &[(**quiet, "gws-sms-actions--quiet")])}
                    part="actions" role="toolbar" aria-label={t.attr(Msg::SessionActions)} {onkeydown}
                    onfocusin={awake.reform(Event::from)} onmouseover={awake.reform(Event::from)}>
                    { buttons }
                </div>
            }
            if !outcomes.is_empty() {
                <div class="gws-sms-actions__outcomes">
                    { for outcomes.iter().map(|(action, outcome)| outcome_line(t, *action, outcome)) }
                </div>
            }
        </>
    }
}

/// What became of the action's latest operation: on its way, failed, or sent without
/// an answer.
fn outcome_line(t: &Catalogue, action: AgentAction, outcome: &OpStatus) -> Html {
    let name = action.operation().as_str();
    let said = |msg: Msg| Said::from(msg).with("action", action.msg());
    match outcome {
        OpStatus::Failed(why) => html! {
            <span key={name} class="gws-sms-actions__error" role="alert" data-error-for={name}>
                { t.say(&said(Msg::ActionFailed).with("reason", why.clone())) }
            </span>
        },
        OpStatus::Unconfirmed(words) => html! {
            <span key={name} class="gws-sms-actions__unconfirmed" role="status" data-unconfirmed-for={name}>
                { t.say(&said(Msg::ActionSays).with("reason", words.clone())) }
            </span>
        },
        _ => html! {
            <span key={name} class="gws-sms-actions__status" role="status">
                { t.say(&said(Msg::ActionInProgress)) }
            </span>
        },
    }
}
