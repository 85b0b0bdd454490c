//! Writing to the customer or to agents only.

use std::rc::Rc;

use yew::prelude::*;

use super::audience_switch::{audience_switch, AudienceSwitch};
use super::dom_id::use_dom_id;
use super::flag;
use super::shortcuts::Shortcut;
use super::{class_names, Controls};
use crate::i18n::{Catalogue, Msg, Said};
use crate::sms::{Encoding, Segments};
use crate::state::{AgentAction, Audience, Outgoing};

#[derive(Properties, PartialEq)]
pub struct ComposerProps {
    /// The words to speak.
    #[prop_or_default]
    pub t: Rc<Catalogue>,
    pub controls: Controls,
    pub on_send: Callback<Outgoing>,
    /// An action the composer takes on its own: the typing notifications.
    #[prop_or_default]
    pub on_action: Callback<AgentAction>,
    /// A message taken back from the log to be edited: added to the draft.
    #[prop_or_default]
    pub recall: Option<Recall>,
}

/// A text given back to the composer; `seq` tells two recalls of one text apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recall {
    pub seq: u64,
    pub text: AttrValue,
}

/// The draft with a recalled text: the text alone in an empty draft, otherwise on a
/// line of its own after what is there, so nothing typed is replaced.
fn with_recalled(draft: &str, text: &str) -> String {
    if draft.trim().is_empty() {
        text.to_owned()
    } else {
        format!("{draft}\n{text}")
    }
}

fn counter_text(t: &Catalogue, draft: &str) -> String {
    let segments = Segments::of(draft);
    let encoding = match segments.encoding {
        Encoding::Gsm7 => Said::from("GSM-7"),
        Encoding::Ucs2 => Msg::Unicode.into(),
    };
    t.say(
        &Said::from(Msg::Counter)
            .with("count", segments.segments as u64)
            .with("left", segments.remaining as u64)
            .with("encoding", encoding),
    )
}

#[component]
pub fn Composer(props: &ComposerProps) -> Html {
    let draft = use_state(String::new);
    let chosen = use_state(|| Audience::Customer);
    // Whether the customer was told the agent is typing: it renders nothing.
    let typing = use_mut_ref(|| false);
    let textarea = use_node_ref();
    {
        let (draft, textarea) = (draft.clone(), textarea.clone());
        use_effect_with(props.recall.clone(), move |recall| {
            if let Some(recall) = recall {
                draft.set(with_recalled(&draft, &recall.text));
                if let Some(textarea) = textarea.cast::<web_sys::HtmlElement>() {
                    let _ = textarea.focus();
                }
            }
        });
    }

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
    // The textbox, not the state, is read and cleared: an agent typing fast may press
    // Enter, or type on, before Yew has rendered the last keystroke or the cleared draft.
    let send = {
        let (draft, on_send, set_typing, textarea) = (
            draft.clone(),
            props.on_send.clone(),
            set_typing.clone(),
            textarea.clone(),
        );
        let allowed = can_send.is_ok();
        move || {
            let textbox = textarea.cast::<web_sys::HtmlTextAreaElement>();
            let text = textbox
                .as_ref()
                .map_or_else(|| (*draft).clone(), |t| t.value());
            if allowed && !text.trim().is_empty() {
                on_send.emit(Outgoing { audience, text });
                if let Some(textbox) = textbox {
                    textbox.set_value("");
                }
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
    let id = use_dom_id("draft");
    let t = &props.t;

    html! {
        <div class="gws-sms-composer" part="composer">
            { audience_switch(AudienceSwitch {
                audience,
                customer: props.controls.availability(AgentAction::SendMessage).err(),
                agents: can_agents.err(),
                on_choose: &on_choose,
                t,
            }) }
            <label class="gws-sms-composer__label" for={id.clone()}>{ t.attr(Msg::Message) }</label>
            <textarea {id}
                ~className={class_names("gws-sms-composer__draft", &[(audience == Audience::Agents, "gws-sms-composer__draft--agents-only")])}
                data-draft={if audience == Audience::Agents { "agents" } else { "customer" }}
                rows="3" value={(*draft).clone()} {oninput} {onkeydown} ref={textarea}
                onblur={{ let set_typing = set_typing.clone(); Callback::from(move |_: FocusEvent| set_typing(false)) }} />
            <div class="gws-sms-composer__footer">
                if audience == Audience::Customer {
                    <span class="gws-sms-composer__counter" aria-live="polite">{ counter_text(t, &draft) }</span>
                } else {
                    <span class="gws-sms-composer__counter">{ t.attr(Msg::AgentsOnly) }</span>
                }
                <button type="button" class="gws-sms-composer__send" aria-keyshortcuts={Shortcut::Send.aria()} aria-disabled={flag(can_send.is_err())}
                    title={can_send.as_ref().err().map(|why| t.say(&why.said()))} {onclick}>{ t.attr(Msg::Send) }</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::with_recalled;

    #[test]
    fn a_recalled_text_never_replaces_what_is_typed() {
        assert_eq!(with_recalled("", "Sorry"), "Sorry");
        assert_eq!(with_recalled("  \n", "Sorry"), "Sorry");
        assert_eq!(with_recalled("Hi", "Sorry"), "Hi\nSorry");
    }
}
