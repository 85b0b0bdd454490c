//! The notification channel's state, shown whenever it is not connected.

use yew::prelude::*;

use crate::transport::ConnectionState;

#[derive(Properties, PartialEq)]
pub struct ConnectionBannerProps {
    pub state: ConnectionState,
}

fn words(state: ConnectionState) -> Option<String> {
    match state {
        ConnectionState::Connected => None,
        ConnectionState::Connecting => Some("Connecting to GWS…".to_owned()),
        ConnectionState::Reconnecting { next_try_at } => {
            let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(next_try_at as f64));
            let time: String = at
                .to_locale_time_string_with_options("default", &js_sys::Object::new())
                .into();
            Some(format!(
                "Connection lost. Reconnecting (next try at {time}); new messages will follow."
            ))
        }
        ConnectionState::Offline => {
            Some("Offline: GWS stopped sending updates. The log may be out of date.".to_owned())
        }
        ConnectionState::SignedOut => Some("You are signed out of GWS. Sign in again.".to_owned()),
    }
}

#[component]
pub fn ConnectionBanner(props: &ConnectionBannerProps) -> Html {
    let modifier = match props.state {
        ConnectionState::Offline | ConnectionState::SignedOut => "gws-sms-connection--down",
        _ => "gws-sms-connection--pending",
    };
    html! {
        <div class="gws-sms-connection-slot" role="status" aria-live="polite">
            if let Some(text) = words(props.state) {
                <p class={classes!("gws-sms-connection", modifier)}
                    data-connection={props.state.name()}>
                    { text }
                </p>
            }
        </div>
    }
}
