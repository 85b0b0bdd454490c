//! The message log, in index order, agents-only entries marked as such.

use gws_types::{Message, MessageType};
use yew::prelude::*;

use super::Session;

#[derive(Properties, PartialEq)]
pub struct MessageLogProps {
    pub session: Session,
}

/// What an entry says, as text: system events in words, bodies as they came.
fn describe(message: &Message) -> String {
    let who = message
        .from
        .as_ref()
        .and_then(|from| from.nickname.clone())
        .unwrap_or_else(|| "Someone".to_owned());
    match &message.kind {
        MessageType::ParticipantJoined => format!("{who} joined"),
        MessageType::ParticipantLeft => format!("{who} left"),
        MessageType::ParticipantRejoined => format!("{who} rejoined"),
        _ => message.body().unwrap_or_default().to_owned(),
    }
}

fn is_typing(message: &Message) -> bool {
    matches!(
        message.kind,
        MessageType::TypingStarted | MessageType::TypingStopped
    )
}

#[component]
pub fn MessageLog(props: &MessageLogProps) -> Html {
    let entries = props.session.log().iter().filter(|m| !is_typing(m));
    html! {
        <ol class="gws-sms-log" role="log" aria-live="polite" aria-label="Messages">
            { for entries.map(|message| {
                let agents_only = message.is_agents_only();
                let system = !matches!(message.kind, MessageType::Text | MessageType::PushUrl | MessageType::CustomNotice | MessageType::Notice);
                let author = message.from.as_ref().and_then(|f| f.nickname.clone()).unwrap_or_default();
                html! {
                    <li key={message.index}
                        class={classes!("gws-sms-log__entry",
                            agents_only.then_some("gws-sms-log__entry--agents-only"),
                            system.then_some("gws-sms-log__entry--system"))}
                        data-index={message.index.to_string()}>
                        if !system { <span class="gws-sms-log__author">{ author }</span> }
                        <span class="gws-sms-log__text">{ describe(message) }</span>
                        if agents_only {
                            <span class="gws-sms-log__visibility">{ "Visible to agents only" }</span>
                        }
                    </li>
                }
            }) }
        </ol>
    }
}
