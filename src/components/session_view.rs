//! One session: a header with the roster and the actions, then the log, the composer
//! and the wrap-up.

use std::rc::Rc;

use yew::prelude::*;

use gws_types::OperationRequest;

use super::action_bar::use_action_bar_state;
use super::{
    action_bar, roster, ActionBarState, Composer, Controls, LoadCodes, LogView, Recall, Session,
    WrapUp,
};
use crate::i18n::{Catalogue, Msg};
use crate::state::{AgentAction, OpId, Outgoing};

#[derive(Properties, PartialEq)]
pub struct SessionViewProps {
    /// The words to speak.
    #[prop_or_default]
    pub t: Rc<Catalogue>,
    pub session: Session,
    #[prop_or_default]
    pub on_action: Callback<AgentAction>,
    #[prop_or_default]
    pub on_send: Callback<Outgoing>,
    /// Operations that carry data the agent typed (disposition, attached data, comment).
    #[prop_or_default]
    pub on_request: Callback<OperationRequest>,
    /// Sends a message that failed again.
    #[prop_or_default]
    pub on_retry: Callback<OpId>,
    /// Takes a message that failed back to be edited.
    #[prop_or_default]
    pub on_edit: Callback<OpId>,
    /// Entries missed are being read.
    #[prop_or_default]
    pub reading: bool,
    /// The agent has read the log up to this index.
    #[prop_or_default]
    pub on_read: Callback<u64>,
    /// Loads the disposition codes GWS offers.
    #[prop_or_default]
    pub on_load_codes: Callback<LoadCodes>,
    /// A text taken back, for the composer.
    #[prop_or_default]
    pub recall: Option<Recall>,
    /// Shown under the header, inside the widget's box (and its custom properties): the
    /// connection banner, the customer's wait, the target picker.
    #[prop_or_default]
    pub children: Html,
}

/// A session's view on its own, driven by the caller through its props.
#[component]
pub fn SessionView(props: &SessionViewProps) -> Html {
    session_view(props, &use_action_bar_state())
}

/// The view itself: the live widget renders it inside its own panel, as part of one
/// component (a component of its own would compare and copy these props on every
/// change of the session, which changes them anyway).
pub fn session_view(props: &SessionViewProps, bar: &ActionBarState) -> Html {
    let controls = Controls::from(props.session.clone());
    let problems = props.session.problems();
    let t = &props.t;
    html! {
        <section class="gws-sms" part="panel" aria-label={t.attr(Msg::Panel)} lang={t.attr_lang()} dir={t.dir()}>
            <header class="gws-sms-header" part="header">
                { roster(t, &props.session) }
                { action_bar(t, &controls, &props.on_action, bar) }
            </header>
            { props.children.clone() }
            if !problems.is_empty() {
                <ul class="gws-sms-problems" role="alert">
                    { for problems.iter().map(|p| html! { <li key={p.id}>{ t.say(&p.message) }</li> }) }
                </ul>
            }
            <LogView t={t.clone()} session={props.session.clone()} on_retry={props.on_retry.clone()} on_edit={props.on_edit.clone()}
                reading={props.reading} on_read={props.on_read.clone()} />
            <Composer t={t.clone()} controls={controls.clone()} on_send={props.on_send.clone()} on_action={props.on_action.clone()}
                recall={props.recall.clone()} />
            <WrapUp t={t.clone()} {controls} on_request={props.on_request.clone()} on_load_codes={props.on_load_codes.clone()} />
        </section>
    }
}
