//! How the widget talks to GWS: the REST client and the CometD (Bayeux) client.

pub mod bayeux;
