//! Messages that did not go out, kept with their text and offered again.

use yew::prelude::*;

use crate::state::{OpId, Outgoing};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedSend {
    pub op: OpId,
    pub outgoing: Outgoing,
    pub reason: String,
}

/// The failed sends, newest first, each with Retry and Edit. A part of the composer, not
/// a component of its own: it has no state, and the composer renders whenever it would.
pub fn failed_sends(
    failures: &[FailedSend],
    on_retry: &Callback<FailedSend>,
    on_edit: &Callback<FailedSend>,
) -> Html {
    html! {
        { for failures.iter().map(|failed| {
            let retry = on_retry.reform({ let failed = failed.clone(); move |_: MouseEvent| failed.clone() });
            let edit = on_edit.reform({ let failed = failed.clone(); move |_: MouseEvent| failed.clone() });
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
