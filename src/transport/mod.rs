//! How the widget talks to GWS: the REST client and the CometD (Bayeux) client.

pub mod bayeux;
mod client;
mod config;
mod csrf;
pub mod decode;
mod error;
mod fetch;
pub mod resync;

pub use client::GwsClient;
pub use config::{Credentials, GwsConfig};
pub use csrf::CsrfToken;
pub use decode::{Accepted, Contacts, SessionList};
pub use error::ApiError;
