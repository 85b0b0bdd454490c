//! The participants, each with a role.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::{Role, SessionState};

/// One participant, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct RosterRow {
    pub participant_id: AttrValue,
    pub nickname: AttrValue,
    pub role: Role,
}

impl RosterRow {
    pub fn rows(state: &SessionState) -> Rc<[RosterRow]> {
        state
            .roster()
            .into_iter()
            .map(|entry| RosterRow {
                participant_id: entry.participant.participant_id.clone().into(),
                nickname: entry
                    .participant
                    .nickname
                    .clone()
                    .unwrap_or_else(|| "(no name)".to_owned())
                    .into(),
                role: entry.role,
            })
            .collect()
    }
}

#[derive(Properties, PartialEq)]
pub struct RosterProps {
    pub rows: Rc<[RosterRow]>,
}

fn role_modifier(role: &Role) -> &'static str {
    match role {
        Role::Me => "gws-sms-roster__item--me",
        Role::Customer => "gws-sms-roster__item--customer",
        Role::Consultant => "gws-sms-roster__item--consultant",
        Role::Conferenced => "gws-sms-roster__item--conferenced",
        Role::Agent | Role::Other(_) => "gws-sms-roster__item--agent",
    }
}

#[component]
pub fn Roster(props: &RosterProps) -> Html {
    html! {
        <ul class="gws-sms-roster" aria-label="Participants">
            { for props.rows.iter().map(|row| html! {
                <li key={row.participant_id.as_str()}
                    class={classes!("gws-sms-roster__item", role_modifier(&row.role))}
                    data-participant-id={row.participant_id.clone()}>
                    <span class="gws-sms-roster__name">{ row.nickname.clone() }</span>
                    <span class="gws-sms-roster__role">{ row.role.label().to_owned() }</span>
                </li>
            }) }
        </ul>
    }
}
