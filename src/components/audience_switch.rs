//! The composer's mode: to the customer, or to agents only.

use yew::prelude::*;

use crate::state::{Audience, Unavailable};

#[derive(Properties, PartialEq)]
pub struct AudienceSwitchProps {
    pub audience: Audience,
    /// Why writing to the customer is not possible now, if it is not.
    #[prop_or_default]
    pub customer: Option<Unavailable>,
    /// Why writing to agents only is not possible now, if it is not.
    #[prop_or_default]
    pub agents: Option<Unavailable>,
    pub on_choose: Callback<Audience>,
}

#[component]
pub fn AudienceSwitch(props: &AudienceSwitchProps) -> Html {
    let options = [
        (Audience::Customer, &props.customer),
        (Audience::Agents, &props.agents),
    ];
    html! {
        <div class="gws-sms-composer__modes" role="radiogroup" aria-label="Send to">
            { for options.into_iter().map(|(option, unavailable)| {
                let checked = option == props.audience;
                let onclick = match unavailable {
                    Some(_) => Callback::noop(),
                    None => props.on_choose.reform(move |_: MouseEvent| option),
                };
                html! {
                    <button type="button" role="radio" key={option.label()}
                        class={classes!("gws-sms-composer__mode", checked.then_some("gws-sms-composer__mode--active"))}
                        data-audience={option.label()}
                        aria-checked={checked.to_string()}
                        aria-disabled={unavailable.is_some().to_string()}
                        title={unavailable.as_ref().map(ToString::to_string)}
                        {onclick}>
                        { option.label() }
                    </button>
                }
            }) }
        </div>
    }
}
