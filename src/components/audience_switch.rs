//! The composer's mode: to the customer, or to agents only.

use yew::prelude::*;

use super::class_names;
use super::flag;
use super::shortcuts::Shortcut;
use crate::i18n::{Catalogue, Msg};
use crate::state::{Audience, Unavailable};

/// What the switch shows. A part of the composer, not a component of its own: it has no
/// state, and the composer renders whenever it would.
pub struct AudienceSwitch<'a> {
    pub audience: Audience,
    /// Why writing to the customer is not possible now, if it is not.
    pub customer: Option<Unavailable>,
    /// Why writing to agents only is not possible now, if it is not.
    pub agents: Option<Unavailable>,
    pub on_choose: &'a Callback<Audience>,
    pub t: &'a Catalogue,
}

pub fn audience_switch(props: AudienceSwitch) -> Html {
    let options = [
        (Audience::Customer, &props.customer),
        (Audience::Agents, &props.agents),
    ];
    html! {
        <div class="gws-sms-composer__modes" role="radiogroup" aria-label={props.t.attr(Msg::SendTo)}
            aria-keyshortcuts={Shortcut::SwitchAudience.aria()}>
            { for options.into_iter().map(|(option, unavailable)| {
                let checked = option == props.audience;
                let onclick = match unavailable {
                    Some(_) => Callback::noop(),
                    None => props.on_choose.reform(move |_: MouseEvent| option),
                };
                html! {
                    <button type="button" role="radio" key={option.name()}
                        ~className={class_names("gws-sms-composer__mode", &[(checked, "gws-sms-composer__mode--active")])}
                        data-audience={option.name()}
                        aria-checked={flag(checked)}
                        aria-disabled={flag(unavailable.is_some())}
                        title={unavailable.as_ref().map(|why| props.t.say(&why.said()))}
                        {onclick}>
                        { props.t.attr(option.msg()) }
                    </button>
                }
            }) }
        </div>
    }
}
