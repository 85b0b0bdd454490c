//! Messages that did not go out, kept with their text and offered again.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::{OpId, Outgoing};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedSend {
    pub op: OpId,
    pub outgoing: Outgoing,
    pub reason: String,
}

#[derive(Properties, PartialEq)]
pub struct FailedSendsProps {
    pub failures: Rc<[FailedSend]>,
    pub on_retry: Callback<FailedSend>,
    pub on_edit: Callback<FailedSend>,
}

#[component]
pub fn FailedSends(props: &FailedSendsProps) -> Html {
    html! {
        { for props.failures.iter().map(|failed| {
            let retry = props.on_retry.reform({ let failed = failed.clone(); move |_: MouseEvent| failed.clone() });
            let edit = props.on_edit.reform({ let failed = failed.clone(); move |_: MouseEvent| failed.clone() });
            html! {
                <div key={failed.op.0} class="gws-sms-composer__failed" role="alert">
                    <span>{ format!("Not sent: {}", failed.reason) }</span>
                    <q class="gws-sms-composer__failed-text">{ failed.outgoing.text.clone() }</q>
                    <button type="button" onclick={retry}>{ "Retry" }</button>
                    <button type="button" onclick={edit}>{ "Edit" }</button>
                </div>
            }
        }) }
    }
}
