//! The participants, each with a role: part of the session's view, rendered with it
//! (a handful of rows, not worth a component of their own).

use yew::prelude::*;

use super::class_names;
use crate::i18n::{Catalogue, Msg, Said};
use crate::state::{Role, SessionState};

/// How many participants the roster shows; the rest are counted on a "+N more" line.
/// A session has a handful; a server that sends thousands must not stall the page.
pub const ROSTER_SHOWN: usize = 50;

fn role_modifier(role: &Role) -> &'static str {
    match role {
        Role::Me => "gws-sms-roster__item--me",
        Role::Customer => "gws-sms-roster__item--customer",
        Role::Consultant => "gws-sms-roster__item--consultant",
        Role::Conferenced => "gws-sms-roster__item--conferenced",
        Role::Agent | Role::Other(_) => "gws-sms-roster__item--agent",
    }
}

/// The first [`ROSTER_SHOWN`] participants in the server's order, and the agent
/// themself when they come later.
pub fn roster(t: &Catalogue, state: &SessionState) -> Html {
    let me = state.my_participant_id();
    let participants = state.participants();
    let mut shown = 0;
    let rows = participants
        .iter()
        .enumerate()
        .filter(|(at, p)| *at < ROSTER_SHOWN || Some(p.participant_id.as_str()) == me)
        .map(|(_, participant)| {
            shown += 1;
            let id = AttrValue::from(participant.participant_id.clone());
            let role = state.role_of(participant);
            html! {
                <li key={id.as_str()}
                    ~className={class_names("gws-sms-roster__item", &[(true, role_modifier(&role))])}
                    data-participant-id={id.clone()}>
                    <span class="gws-sms-roster__name" data-roster-name="">
                        { participant.nickname.clone().unwrap_or_else(|| "(no name)".to_owned()) }
                    </span>
                    <span class="gws-sms-roster__role" data-roster-role="">{ t.say(&role.said()) }</span>
                </li>
            }
        })
        .collect::<Html>();
    let more = participants.len().saturating_sub(shown);
    html! {
        <ul class="gws-sms-roster" aria-label={t.attr(Msg::Participants)}>
            { rows }
            if more > 0 {
                <li class="gws-sms-roster__item gws-sms-roster__more" data-roster-more={more.to_string()}>
                    { t.say(&Said::from(Msg::More).with("count", more as u64)) }
                </li>
            }
        </ul>
    }
}
