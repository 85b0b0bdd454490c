//! The widget as a host page uses it: a GWS address, optionally a session id, and
//! everything else kept live from GWS.

mod attention;
mod live;
mod operator;
mod session_panel;

pub use live::{use_live_session, LiveSession};
pub use session_panel::{SessionPanel, SessionPanelProps};

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::i18n::{Catalogue, Msg};
use crate::state::attention::Thresholds;
use crate::state::choice::{Lookup, SessionChoice};
use crate::state::host_events::HostEvent;
use crate::transport::{subscribe, CometEvent, GwsClient, GwsConfig};
use gws_types::SessionStatus;

/// What the widget needs to know.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetConfig {
    pub gws: GwsConfig,
    /// The session to work; the agent's newest when absent.
    pub session_id: Option<String>,
    /// The name Accept shows the customer.
    pub nickname: String,
    /// Complete waits for a disposition.
    pub disposition_required: bool,
    /// When a customer's wait turns to a warning, then an alarm.
    pub waiting: Thresholds,
    /// The host's own words for some messages: a JSON object, as a catalogue file.
    pub messages: Option<Rc<str>>,
}

#[derive(Properties, PartialEq, Clone)]
pub struct WidgetProps {
    pub config: WidgetConfig,
    /// The language spoken (a canonical BCP 47 tag; English when empty) and its
    /// catalogue file's text, which the host page's script reads (`widgets.js`).
    #[prop_or_default]
    pub lang: AttrValue,
    #[prop_or_default]
    pub words: Option<Rc<str>>,

    /// Told what happens, for the host page.
    #[prop_or_default]
    pub on_event: Callback<HostEvent>,
}

/// The session choice as `use_reducer` holds it: a lookup that changes nothing hands
/// back the same value, so Yew skips the render.
impl Reducible for SessionChoice {
    type Action = Lookup;

    fn reduce(self: Rc<Self>, lookup: Lookup) -> Rc<Self> {
        self.after(lookup).map_or(self, Rc::new)
    }
}

#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    let t = use_memo(
        (
            props.lang.clone(),
            props.words.clone(),
            props.config.messages.clone(),
        ),
        |(lang, words, messages)| Catalogue::layered(lang, words.as_deref(), messages.as_deref()),
    );
    let client = use_memo(props.config.gws.clone(), |gws| GwsClient::new(gws.clone()));
    let choice = use_reducer(|| SessionChoice::new(props.config.session_id.clone()));

    {
        // Without a session id: the newest open session, or the next one offered.
        let found = choice.dispatcher();
        use_effect_with(
            ((*client).clone(), choice.is_looking()),
            move |(client, looking)| {
                let mut subscription = None;
                if *looking {
                    let (list_client, list_found) = (client.clone(), found.clone());
                    spawn_local(async move {
                        match list_client.sessions().await {
                            Ok(sessions) => {
                                let newest = sessions
                                    .iter()
                                    .rev()
                                    .find(|s| s.state.as_ref() != Some(&SessionStatus::Completed))
                                    .and_then(|s| s.session_id());
                                if let Some(id) = newest {
                                    list_found.dispatch(Lookup::Found(id.to_owned()));
                                }
                            }
                            Err(error) => list_found.dispatch(Lookup::Failed(error.said())),
                        }
                    });
                    subscription = Some(subscribe(client, move |event| {
                        if let CometEvent::Notification(notification) = event {
                            if let Some(id) = notification.session_id() {
                                found.dispatch(Lookup::Found(id.to_owned()));
                            }
                        }
                    }));
                }
                move || drop(subscription)
            },
        );
    }

    match &*choice {
        SessionChoice::Chosen(id) => html! {
            <SessionPanel key={id.clone()} t={t.clone()} client={(*client).clone()}
                session_id={AttrValue::from(id.clone())} nickname={AttrValue::from(props.config.nickname.clone())} disposition_required={props.config.disposition_required}
                waiting={props.config.waiting}
                on_event={props.on_event.clone()} />
        },
        SessionChoice::Looking { problem } => html! {
            <section class="gws-sms gws-sms--waiting" part="panel" aria-label={t.attr(Msg::Panel)}
                lang={t.attr_lang()} dir={t.dir()}>
                <p class="gws-sms__waiting" role="status">{ t.attr(Msg::Waiting) }</p>
                if let Some(problem) = problem {
                    <p class="gws-sms-problems" role="alert">{ t.say(problem) }</p>
                }
            </section>
        },
    }
}
