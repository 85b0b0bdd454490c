//! The notification channel's state, shown whenever it is not connected.

use yew::prelude::*;

use super::class_names;
use super::log_entry::time_of_day;
use crate::i18n::{Catalogue, Msg, Said};
use crate::transport::ConnectionState;

/// The state in the agent's words (also the host event's `description`).
pub fn connection_words(t: &Catalogue, state: ConnectionState) -> String {
    let said = match state {
        ConnectionState::Connected => Msg::Connected.into(),
        ConnectionState::Connecting => Msg::Connecting.into(),
        ConnectionState::Reconnecting { next_try_at } => {
            Said::from(Msg::Reconnecting).with("time", time_of_day(t.lang(), next_try_at as f64))
        }
        ConnectionState::Offline => Msg::Offline.into(),
        ConnectionState::SignedOut => Msg::SignedOut.into(),
    };
    t.say(&said)
}

/// The banner's live region, empty while connected. A part of the session panel, not a
/// component of its own: it has no state, and the panel renders whenever it would.
pub fn connection_banner(t: &Catalogue, state: ConnectionState) -> Html {
    let modifier = match state {
        ConnectionState::Offline | ConnectionState::SignedOut => "gws-sms-connection--down",
        _ => "gws-sms-connection--pending",
    };
    html! {
        <div class="gws-sms-connection-slot" role="status" aria-live="polite">
            if state != ConnectionState::Connected {
                <p ~className={class_names("gws-sms-connection", &[(true, modifier)])}
                    data-connection={state.name()}>
                    { connection_words(t, state) }
                </p>
            }
        </div>
    }
}
