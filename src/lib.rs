//! A widget for one Genesys Web Services SMS session.

pub mod components;
pub mod demo;
pub mod embed;
pub mod sms;
pub mod state;
pub mod transport;
pub mod widget;
