//! A message the agent wrote, in the log from the moment they send it until the
//! server's copy takes its place: sending, sent, not confirmed, or not sent with Retry
//! and Edit, so nothing typed is lost.

use std::rc::Rc;

use yew::prelude::*;

use super::class_names;
use crate::i18n::{Catalogue, Msg, Said};
use crate::state::{OpId, OpStatus, TrackedOperation};

/// One of the agent's messages not yet settled by its copy in the log.
#[derive(Debug, Clone, PartialEq)]
pub struct OutgoingMessage {
    pub id: OpId,
    pub text: AttrValue,
    pub to_agents: bool,
    pub status: OpStatus,
    /// The last log index held when it was written: it is shown after that entry.
    pub after: u64,
}

impl OutgoingMessage {
    pub fn of(op: &TrackedOperation) -> Option<OutgoingMessage> {
        let wrote = op.wrote()?;
        Some(OutgoingMessage {
            id: op.id,
            text: AttrValue::from(wrote.text.to_owned()),
            to_agents: wrote.to_agents,
            status: op.status.clone(),
            after: op.after(),
        })
    }
}

/// The outgoing messages shown in one run of the log, compared by value (a few at most).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutgoingRun(pub Rc<[OutgoingMessage]>);

/// What the entry says of itself, and the name of its state for automation.
fn state_of(t: &Catalogue, status: &OpStatus) -> (&'static str, String) {
    match status {
        OpStatus::Sending => ("sending", t.text(Msg::Sending).to_owned()),
        OpStatus::Pending { .. } => ("sent", t.text(Msg::Sent).to_owned()),
        OpStatus::Unconfirmed(words) => ("unconfirmed", t.say(words)),
        OpStatus::Failed(why) => (
            "failed",
            t.say(&Said::from(Msg::NotSent).with("reason", why.clone())),
        ),
        OpStatus::Done => ("done", String::new()),
    }
}

/// One outgoing message as a line of the log. A function, not a component: it has no
/// state, and the run of the log it belongs to renders whenever it would.
pub fn outgoing_entry(
    t: &Catalogue,
    message: &OutgoingMessage,
    on_retry: &Callback<OpId>,
    on_edit: &Callback<OpId>,
    continues: bool,
) -> Html {
    let failed = matches!(message.status, OpStatus::Failed(_));
    let (state, words) = state_of(t, &message.status);
    let classes = class_names(
        "gws-sms-log__entry gws-sms-log__entry--mine gws-sms-log__entry--outgoing",
        &[
            (message.to_agents, "gws-sms-log__entry--agents-only"),
            (failed, "gws-sms-log__entry--failed"),
            (continues, "gws-sms-log__entry--continued"),
        ],
    );
    let author = class_names("gws-sms-log__author", &[(continues, "gws-sms-hidden")]);
    let id = message.id;
    let retry = on_retry.reform(move |_: MouseEvent| id);
    let edit = on_edit.reform(move |_: MouseEvent| id);
    html! {
        <li key={format!("out-{}", id.0)} ~className={classes} data-outgoing={id.0.to_string()} data-state={state}>
            <span ~className={author}>{ t.attr(Msg::You) }</span>
            <span class="gws-sms-log__text">{ message.text.clone() }</span>
            if message.to_agents {
                <span class="gws-sms-log__visibility">{ t.attr(Msg::AgentsOnly) }</span>
            }
            if failed {
                <span class="gws-sms-log__delivery gws-sms-log__delivery--failed" role="alert">{ words }</span>
                <span class="gws-sms-log__fix">
                    <button type="button" onclick={retry}>{ t.attr(Msg::Retry) }</button>
                    <button type="button" onclick={edit}>{ t.attr(Msg::Edit) }</button>
                </span>
            } else {
                <span class="gws-sms-log__delivery">{ words }</span>
            }
        </li>
    }
}
