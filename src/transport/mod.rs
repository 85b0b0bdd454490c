//! How the widget talks to GWS.
//!
//! - [`GwsClient`]: the REST client (reads and operations), one short `async fn` each,
//!   every error an [`ApiError`].
//! - [`subscribe_session`]: the notifications of one session over the page's shared
//!   CometD connection, with its [`ConnectionState`] and [`CometEvent::Resync`]
//!   signals; the returned [`Subscription`] unsubscribes when dropped.
//! - [`wake`]: the agent acts, so a connection waiting to reconnect tries at once.
//! - [`resync`]: what to read after an interruption so that no message is missed.
//!
//! The Bayeux protocol itself is the pure state machine in [`bayeux`]; the loop that
//! runs it over HTTP is thin.

pub mod bayeux;
mod body;
mod client;
mod config;
mod connection;
mod csrf;
pub mod decode;
mod error;
mod fetch;
mod http;
pub(crate) mod json;
mod loose;
mod notify;
mod read;
pub mod resync;
mod shared;
mod wake;
mod xhr;

pub use bayeux::ConnectionState;
pub use client::GwsClient;
pub use config::{Credentials, GwsConfig};
pub use csrf::CsrfToken;
pub use decode::{Accepted, Contacts, SessionList};
pub use error::ApiError;
pub use notify::{read_notification, CometEvent, UnreadableNotification};
pub use resync::MessageRange;
pub use shared::{subscribe, subscribe_session, wake, Subscription};
