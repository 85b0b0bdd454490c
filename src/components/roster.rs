//! The participants, each with a role.

use std::rc::Rc;

use yew::prelude::*;

use super::class_names;
use crate::i18n::{Catalogue, Msg, Said};
use crate::state::{Role, SessionState};

/// One participant, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct RosterRow {
    pub participant_id: AttrValue,
    pub nickname: AttrValue,
    pub role: Role,
}

/// How many participants the roster shows; the rest are counted on a "+N more" line.
/// A session has a handful; a server that sends thousands must not stall the page.
pub const ROSTER_SHOWN: usize = 50;

impl RosterRow {
    /// The first [`ROSTER_SHOWN`] participants in the server's order, and the agent
    /// themself when they come later.
    pub fn rows(state: &SessionState) -> Rc<[RosterRow]> {
        let me = state.my_participant_id();
        state
            .participants()
            .iter()
            .enumerate()
            .filter(|(at, p)| *at < ROSTER_SHOWN || Some(p.participant_id.as_str()) == me)
            .map(|(_, participant)| RosterRow {
                participant_id: participant.participant_id.clone().into(),
                nickname: participant
                    .nickname
                    .clone()
                    .unwrap_or_else(|| "(no name)".to_owned())
                    .into(),
                role: state.role_of(participant),
            })
            .collect()
    }
}

#[derive(Properties, PartialEq)]
pub struct RosterProps {
    /// The words to speak.
    #[prop_or_default]
    pub t: Rc<Catalogue>,
    pub rows: Rc<[RosterRow]>,
    /// Participants not among `rows`.
    #[prop_or_default]
    pub more: usize,
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
    let t = &props.t;
    html! {
        <ul class="gws-sms-roster" aria-label={t.attr(Msg::Participants)}>
            { for props.rows.iter().map(|row| html! {
                <li key={row.participant_id.as_str()}
                    ~className={class_names("gws-sms-roster__item", &[(true, role_modifier(&row.role))])}
                    data-participant-id={row.participant_id.clone()}>
                    <span class="gws-sms-roster__name" data-roster-name="">{ row.nickname.clone() }</span>
                    <span class="gws-sms-roster__role" data-roster-role="">{ t.say(&row.role.said()) }</span>
                </li>
            }) }
            if props.more > 0 {
                <li class="gws-sms-roster__item gws-sms-roster__more" data-roster-more={props.more.to_string()}>
                    { t.say(&Said::from(Msg::More).with("count", props.more as u64)) }
                </li>
            }
        </ul>
    }
}
