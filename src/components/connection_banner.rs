//! The notification channel's state, shown whenever it is not connected.

use yew::prelude::*;

use super::class_names;
use crate::transport::ConnectionState;

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

/// The banner's live region, empty while connected. A part of the session panel, not a
/// component of its own: it has no state, and the panel renders whenever it would.
pub fn connection_banner(state: ConnectionState) -> Html {
    let modifier = match state {
        ConnectionState::Offline | ConnectionState::SignedOut => "gws-sms-connection--down",
        _ => "gws-sms-connection--pending",
    };
    html! {
        <div class="gws-sms-connection-slot" role="status" aria-live="polite">
            if let Some(text) = words(state) {
                <p class={class_names("gws-sms-connection", &[(true, modifier)])}
                    data-connection={state.name()}>
                    { text }
                </p>
            }
        </div>
    }
}
