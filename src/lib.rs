//! A widget for one Genesys Web Services SMS session.

pub mod state;
pub mod transport;
